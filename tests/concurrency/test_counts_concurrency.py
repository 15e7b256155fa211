"""Count tasks while the warehouse keeps working (PostgreSQL, spawned processes): two counters
count different locations of one task at once while two workstations receive, ship and
transfer the same SKUs there; the recounts and then the supervisor's decisions, approval and
posting run beside the same traffic. Afterwards: no counting call was refused or retried,
ledger = balances and nothing negative, and the count movements are exactly the approved
variances — none for a rejected one."""
from __future__ import annotations

import random
from collections import defaultdict

from sqlalchemy import select

from tests.concurrency.test_multiprocess import run_workers
from tests.conftest import WAREHOUSE
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.db.schema import locations, skus
from wms_desktop.db.schema import stock_movements as mov
from wms_desktop.services import Services

TASK = "CC-CONC"
PRODUCTS = ["P1", "P2", "P3", "P4"]
PLACES = [f"C-0{i}" for i in range(1, 9)]
COUNTERS = {"li": PLACES[:4], "wang": PLACES[4:]}
OPENING, MOVES = 100, 40


def open_shop(services: Services) -> None:
    for place in PLACES:
        services.locations.create({"location_code": place})
    for product in PRODUCTS:
        services.catalog.create_product({"product_code": product, "product_name": f"盘点 {product}",
                                         "operator_id": "op"})
    services.inventory.batch_adjust({"adjustments": [
        {"sku_code": product, "location_code": place, "stock_quantity": OPENING}
        for product in PRODUCTS for place in PLACES], "operator_id": "op"})
    services.counts.set_settings({"tolerance_units": 3})
    services.counts.create({"count_number": TASK, "location_prefix": "C-", "operator_id": "boss"})


def step(operation: str, payload: dict, user: str | None = None) -> dict:
    """A counting step (by ``user``), else an inventory operation (by the system)."""
    return {"operation": f"counts.{operation}" if user else operation, "payload": payload,
            **({"user": user} if user else {})}


def counting(rng: random.Random, user: str, places: dict[str, list[str]]) -> list[dict]:
    """Count each place's items (a random count near the opening, in one or two entries)."""
    plan = []
    for place, items in places.items():
        at = {"count_number": TASK, "location_code": place}
        plan.append(step("start_location", at, user))
        for item in items:
            counted = OPENING + rng.randint(-6, 6)
            first = rng.randint(1, counted - 1)
            plan += [step("count_item", {**at, "sku_code": item, "stock_quantity": first}, user),
                     step("count_item", {**at, "sku_code": item, "stock_quantity": counted - first}, user)]
        plan.append(step("finish_location", at, user))
    return plan


def moving(rng: random.Random) -> list[dict]:
    plan = []
    for _ in range(MOVES):
        product, place, other = rng.choice(PRODUCTS), rng.choice(PLACES), rng.choice(PLACES)
        kind = rng.choice(["inbound", "outbound", "transfer"] if place != other else ["inbound", "outbound"])
        quantity = rng.randint(1, 3)
        if kind == "transfer":
            payload = {"sku_code": product, "from_location_code": place, "to_location_code": other}
        else:
            payload = {"product_code": product, "location_code": place}
        plan.append(step(kind, {**payload, "stock_quantity": quantity, "operator_id": "mover"}))
    return plan


def run(pg, tmp_path, plans: list[list[dict]], counting_workers: int) -> None:
    outputs = run_workers(pg, plans, tmp_path, pairs=False)
    for index, output in enumerate(outputs):
        unexpected = [r["unexpected"] for r in output["records"] if "unexpected" in r]
        assert not unexpected, unexpected[0]
        assert output["retries"] == []
        refusals = [r["error"] for r in output["records"] if "error" in r]
        if index < counting_workers:
            assert refusals == [], refusals[0]
        else:
            assert {e["error_code"] for e in refusals} <= {"INSUFFICIENT_STOCK"}


def test_counting_approving_and_posting_beside_ordinary_work(pg, tmp_path):
    services = Services(pg, WAREHOUSE)
    open_shop(services)
    rng = random.Random(15)
    run(pg, tmp_path, [counting(rng, user, {p: PRODUCTS for p in places}) for user, places in COUNTERS.items()]
        + [moving(rng), moving(rng)], counting_workers=2)
    # the recounts, each by the counter who did not count the location first
    recount = {loc.location_code: [i.sku_code for i in loc.recount_items]
               for loc in services.counts.sheet({"count_number": TASK}).locations if loc.state == "recount"}
    assert recount, "a count 6 units off from 100 with a tolerance of 3 gives recounts"
    swapped = {"li": {p: recount[p] for p in COUNTERS["wang"] if p in recount},
               "wang": {p: recount[p] for p in COUNTERS["li"] if p in recount}}
    run(pg, tmp_path, [counting(rng, user, places) for user, places in swapped.items()]
        + [moving(rng), moving(rng)], counting_workers=2)
    detail = services.counts.detail({"count_number": TASK})
    assert detail.header.state == "counted"
    variances = services.counts.line_ids({"document_id": detail.header.document_id, "variances_only": True})
    approved, rejected = variances[::2], variances[1::2]
    decisions = [step("decide", {"count_number": TASK, "line_ids": ids, "decision": decision,
                                 "reason_code": "miscount"}, "zhao")
                 for ids, decision in ((approved, "approve"), (rejected, "reject")) if ids]
    run(pg, tmp_path, [decisions + [step("approve", {"count_number": TASK}, "zhao"),
                                    step("post", {"count_number": TASK}, "zhao")],
                       moving(rng), moving(rng)], counting_workers=1)

    assert services.counts.detail({"count_number": TASK}).header.state == "posted"
    assert_ledger_matches_balances(pg)
    wanted = {(r.sku_code, r.location_code): r.variance for r in services.counts.line_rows(approved)}
    with pg.engine.connect() as conn:
        rows = conn.execute(select(skus.c.sku_code, locations.c.location_code, mov.c.quantity_change)
                            .join(skus, skus.c.sku_id == mov.c.sku_id)
                            .join(locations, locations.c.location_id == mov.c.location_id)
                            .where(mov.c.operation == "count", mov.c.document_ref == TASK)).all()
    posted: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        posted[(row.sku_code, row.location_code)] += row.quantity_change
    assert dict(posted) == wanted
