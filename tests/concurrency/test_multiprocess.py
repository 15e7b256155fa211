"""Many workstations posting on the same few balances at once (PostgreSQL).

Eight spawned processes, each with its own Database and Services, post thousands of random
transfers, outbounds, adjusts and a few counts on a handful of hot SKUs and locations, and
some operations are sent by two processes at the same moment with the same request_id.
Afterwards everything the workers saw must add up:

- every balance = its opening quantity + the changes in the successful results (no lost
  update), and the ledger of every balance replays in order to it;
- total stock changed only by what was shipped, adjusted and counted;
- ledger sums equal balances, nothing negative;
- a refusal was INSUFFICIENT_STOCK and nothing else: no LOCK_TIMEOUT, no database error, and
  no deadlock or serialization failure even retried silently by the unit of work;
- a request_id sent twice posted once, and both senders got the same result.

Plans are generated from fixed seeds; only the interleaving differs between runs.

Also here: opposite transfers (A→B against B→A) never deadlock; two workstations posting one
SKU at different balances do not wait for each other, nor deadlock when a batch adjust names
SKUs in opposite orders; a double click (two threads, one request_id) posts once.
"""
from __future__ import annotations

import json
import multiprocessing
import random
import threading
from collections import Counter, defaultdict
from typing import Any

import pytest
from sqlalchemy import select

from tests.concurrency.contention_workers import WAREHOUSE, attempt, run_plan
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.contract.stock import Outbound
from wms_desktop.db.engine import Database
from wms_desktop.db.schema import locations, skus
from wms_desktop.db.schema import stock_balances as bal
from wms_desktop.db.schema import stock_movements as mov
from wms_desktop.domain.codes import UNASSIGNED_LOCATION
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services
from wms_desktop.services import inventory as inventory_module
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import UnitOfWork

OPERATOR = "conc-op"
SKUS = [("H1", "H1"), ("H2", "H2-红-M"), ("H2", "H2-蓝-L")]  # (product_code, sku_code)
PLACES = [UNASSIGNED_LOCATION, "S1", "S2", "S3"]
LOT = "LOT1"  # a batch of H1, so batched balances contend too
KEYS = [(sku, place, "") for _, sku in SKUS for place in PLACES] + [("H1", place, LOT) for place in PLACES]
OPENING = 40
WORKERS, STEPS = 8, 400
DUPLICATE_EVERY, OVERDRAW_EVERY = 20, 50
JOIN_TIMEOUT = 300

Key = tuple[str, str, str]  # (sku_code, location_code, batch_number or '')


# ---- setup and plans ---------------------------------------------------------------------------

def open_shop(services: Services, opening: int = OPENING) -> None:
    """The hot SKUs and locations, every key holding ``opening`` units."""
    services.catalog.create_product({"product_code": "H1", "product_name": "热销 Hot 1", "operator_id": OPERATOR})
    services.catalog.create_product({
        "product_code": "H2", "product_name": "热销 Hot 2", "operator_id": OPERATOR,
        "skus": [{"sku_code": "H2-红-M", "sku_color": "红", "sku_size": "M"},
                 {"sku_code": "H2-蓝-L", "sku_color": "蓝", "sku_size": "L"}],
    })
    for place in PLACES[1:]:
        services.locations.create({"location_code": place})
    services.inventory.batch_adjust({
        "adjustments": [{"sku_code": sku, "location_code": place, "stock_quantity": opening,
                         **({"batch_number": batch} if batch else {})} for sku, place, batch in KEYS],
        "operator_id": OPERATOR, "request_id": "opening-stock",
    })


def random_step(rng: random.Random, request_id: str | None) -> dict[str, Any]:
    product, sku = rng.choice(SKUS)
    batch = {"batch_number": LOT} if sku == "H1" and rng.random() < 0.3 else {}
    common = {"operator_id": OPERATOR, **batch, **({"request_id": request_id} if request_id else {})}
    roll = rng.random()
    if roll < 0.55:
        source, target = rng.sample(PLACES, 2)
        return {"operation": "transfer", "payload": {
            "sku_code": sku, "from_location_code": source, "to_location_code": target,
            "stock_quantity": rng.randint(1, 12), **common}}
    item = {"product_code": product, "sku_code": sku, "location_code": rng.choice(PLACES), **common}
    if roll < 0.75:
        return {"operation": "outbound", "payload": {**item, "stock_quantity": rng.randint(1, 6)}}
    if roll < 0.97:
        change = rng.choice([*range(-6, 0), *range(1, 11)])
        return {"operation": "adjust", "payload": {**item, "stock_quantity": change}}
    return {"operation": "count", "payload": {**item, "stock_quantity": rng.randint(0, 60)}}


def plans(workers: int = WORKERS, steps: int = STEPS) -> list[list[dict[str, Any]]]:
    """One plan per worker. Workers 2k and 2k+1 share every DUPLICATE_EVERY-th step (same
    request_id, same payload, sent at the same moment); every OVERDRAW_EVERY-th step ships far
    more than exists and must be refused."""
    out: list[list[dict[str, Any]]] = []
    for w in range(workers):
        rng = random.Random(f"worker-{w}")
        plan = []
        for i in range(steps):
            if i % DUPLICATE_EVERY == DUPLICATE_EVERY // 2:
                pair = w // 2
                step = random_step(random.Random(f"pair-{pair}-{i}"), f"dup-{pair}-{i}")
                plan.append({**step, "sync": True})
            elif i % OVERDRAW_EVERY == OVERDRAW_EVERY - 1:
                product, sku = SKUS[i % len(SKUS)]
                plan.append({"operation": "outbound", "overdraw": True, "payload": {
                    "product_code": product, "sku_code": sku, "location_code": rng.choice(PLACES),
                    "stock_quantity": 1_000_000, "operator_id": OPERATOR, "request_id": f"over-{w}-{i}"}})
            else:
                plan.append(random_step(rng, f"w{w}-{i}" if rng.random() < 0.7 else None))
        out.append(plan)
    return out


def run_workers(db: Database, worker_plans: list[list[dict]], tmp_path, pairs: bool,
                stop_on_retry: bool = False) -> list[dict]:
    """Run every plan in its own spawned process; return what each worker wrote."""
    ctx = multiprocessing.get_context("spawn")
    url = db.url.render_as_string(hide_password=False)
    start = ctx.Barrier(len(worker_plans))
    pair_barriers = [ctx.Barrier(2) for _ in range(len(worker_plans) // 2)] if pairs else []
    outputs = [tmp_path / f"worker-{w}.json" for w in range(len(worker_plans))]
    processes = [
        ctx.Process(target=run_plan, name=f"wms-worker-{w}",
                    args=(url, plan, str(outputs[w]), start, pair_barriers[w // 2] if pairs else None, stop_on_retry))
        for w, plan in enumerate(worker_plans)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(JOIN_TIMEOUT)
    hung = [p.name for p in processes if p.is_alive()]
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join()
    assert not hung, f"workers still running after {JOIN_TIMEOUT}s: {hung}"
    assert all(p.exitcode == 0 for p in processes), [(p.name, p.exitcode) for p in processes]
    return [json.loads(path.read_text(encoding="utf-8")) for path in outputs]


# ---- reading the outcome -----------------------------------------------------------------------

def changes_of(operation: str, result: dict) -> dict[Key, int]:
    """The balance changes a successful result reports."""
    batch, sku = result["batch_number"] or "", result["sku_code"]
    if operation == "transfer":
        qty = result["stock_quantity"]
        return {(sku, result["from_location_code"], batch): -qty, (sku, result["to_location_code"], batch): qty}
    key = (sku, result["location_code"], batch)
    if operation == "inbound":
        return {key: result["stock_quantity"]}
    if operation == "outbound":
        return {key: -result["stock_quantity"]}
    return {key: result["adjusted_quantity"]} if result["adjusted_quantity"] else {}


def quantities_after(operation: str, result: dict) -> dict[Key, int]:
    batch, sku = result["batch_number"] or "", result["sku_code"]
    if operation == "transfer":
        return {(sku, result["from_location_code"], batch): result["from_current_quantity"],
                (sku, result["to_location_code"], batch): result["to_current_quantity"]}
    return {(sku, result["location_code"], batch): result["current_quantity"]}


def balances(db: Database) -> dict[Key, int]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(skus.c.sku_code, locations.c.location_code, bal.c.batch_number, bal.c.stock_quantity)
                            .join(skus, skus.c.sku_id == bal.c.sku_id)
                            .join(locations, locations.c.location_id == bal.c.location_id))
        return {(r.sku_code, r.location_code, r.batch_number): r.stock_quantity for r in rows}


def ledger(db: Database) -> list:
    with db.engine.connect() as conn:
        return conn.execute(
            select(mov.c.movement_id, mov.c.request_id, skus.c.sku_code, locations.c.location_code, mov.c.batch_number,
                   mov.c.quantity_change, mov.c.quantity_after)
            .join(skus, skus.c.sku_id == mov.c.sku_id)
            .join(locations, locations.c.location_id == mov.c.location_id)
            .order_by(mov.c.movement_id)
        ).all()


def assert_ledger_replays(rows) -> None:
    """Per balance, in posting order, every row starts where the previous one ended: each
    posting read the value the one before it wrote."""
    last: dict[Key, int] = defaultdict(int)
    for row in rows:
        key = (row.sku_code, row.location_code, row.batch_number)
        assert last[key] + row.quantity_change == row.quantity_after, (row, last[key])
        last[key] = row.quantity_after


def assert_result_is_for(operation: str, payload: dict, result: dict) -> None:
    """A result names the balance(s) and the quantity that were asked for."""
    places = ("from_location_code", "to_location_code") if operation == "transfer" else ("location_code",)
    quantity = {"adjust": "adjusted_quantity", "count": "current_quantity"}.get(operation, "stock_quantity")
    assert [result[name] for name in ("sku_code", *places)] == [payload[name] for name in ("sku_code", *places)]
    assert (result[quantity], result["batch_number"]) == (payload["stock_quantity"], payload.get("batch_number"))


def successes(worker_plans, outputs) -> tuple[dict[str, tuple[str, dict, dict]], Counter]:
    """Successful operations by request_id (a duplicate counted once, its two results equal)
    and the refusals by error code."""
    done: dict[str, tuple[str, dict, dict]] = {}
    refusals: Counter = Counter()
    for plan, output in zip(worker_plans, outputs):
        records = output["records"]
        unexpected = [r["unexpected"] for r in records if "unexpected" in r]
        assert not unexpected, unexpected[0]
        assert [r["index"] for r in records] == list(range(len(plan)))
        for step, record in zip(plan, records):
            if "error" in record:
                refusals[record["error"]["error_code"]] += 1
                continue
            assert not step.get("overdraw"), f"shipped 1,000,000 units: {record['result']}"
            result = record["result"]
            assert_result_is_for(step["operation"], step["payload"], result)
            previous = done.setdefault(result["request_id"], (step["operation"], step["payload"], result))
            assert previous[2] == result, f"request_id {result['request_id']} answered differently"
    return done, refusals


# ---- tests -------------------------------------------------------------------------------------

@pytest.mark.slow
def test_many_workstations_on_hot_balances_lose_nothing(pg, tmp_path):
    services = Services(pg, WAREHOUSE)
    open_shop(services)
    opening = balances(pg)
    assert opening == {key: OPENING for key in KEYS}
    worker_plans = plans()

    outputs = run_workers(pg, worker_plans, tmp_path, pairs=True)

    retries = [line for output in outputs for line in output["retries"]]
    assert not retries, f"deadlocks or serialization failures retried: {retries[:5]}"
    done, refusals = successes(worker_plans, outputs)
    assert set(refusals) == {"INSUFFICIENT_STOCK"}, refusals  # the overdraws at least; no LOCK_TIMEOUT

    expected = Counter(opening)
    shipped = adjusted = counted = 0
    for operation, _payload, result in done.values():
        delta = changes_of(operation, result)
        expected.update(delta)
        shipped += result["stock_quantity"] if operation == "outbound" else 0
        adjusted += sum(delta.values()) if operation == "adjust" else 0
        counted += sum(delta.values()) if operation == "count" else 0
    final = balances(pg)
    assert final == {key: expected[key] for key in final}, "lost updates: balances differ from the results"
    assert set(final) == set(KEYS)
    assert sum(final.values()) == sum(opening.values()) - shipped + adjusted + counted
    assert min(final.values()) >= 0
    assert_ledger_matches_balances(pg)

    rows = ledger(pg)
    assert_ledger_replays(rows)
    by_request: dict[str, dict[Key, tuple[int, int]]] = defaultdict(dict)
    for row in rows:
        key = (row.sku_code, row.location_code, row.batch_number)
        assert key not in by_request[row.request_id], f"{row.request_id} posted {key} twice"
        by_request[row.request_id][key] = (row.quantity_change, row.quantity_after)
    assert set(by_request) == {"opening-stock"} | {rid for rid, (op, p, r) in done.items() if changes_of(op, r)}
    for request_id, (operation, _payload, result) in done.items():
        posted = by_request.get(request_id, {})
        assert {key: change for key, (change, _) in posted.items()} == changes_of(operation, result)
        assert {key: after for key, (_, after) in posted.items()} == {
            key: after for key, after in quantities_after(operation, result).items() if key in posted}

    duplicates = [rid for rid in done if rid.startswith("dup-")]
    assert duplicates, "no duplicate request_id succeeded: the test exercised nothing"


def test_opposite_transfers_never_deadlock(pg, tmp_path):
    """A→B and B→A at the same time, many times: both lock the two balances in one order."""
    services = Services(pg, WAREHOUSE)
    open_shop(services, opening=500)
    moves = 400
    move = {"sku_code": "H2-红-M", "stock_quantity": 1, "operator_id": OPERATOR}
    there = {"operation": "transfer", "payload": {**move, "from_location_code": "S1", "to_location_code": "S2"}}
    back = {"operation": "transfer", "payload": {**move, "from_location_code": "S2", "to_location_code": "S1"}}

    outputs = run_workers(pg, [[there] * moves, [back] * moves], tmp_path, pairs=False, stop_on_retry=True)

    assert [line for output in outputs for line in output["retries"]] == []
    for output in outputs:
        assert [r for r in output["records"] if "result" not in r] == []
        assert len(output["records"]) == moves
    final = balances(pg)
    assert final[("H2-红-M", "S1", "")] == final[("H2-红-M", "S2", "")] == 500
    rows = ledger(pg)
    assert len(rows) == len(KEYS) + 4 * moves
    assert_ledger_replays(rows)
    assert_ledger_matches_balances(pg)


def test_postings_of_one_sku_at_different_locations_do_not_queue(pg):
    """Workstation A is half-way through a unit of work that ships H1 from S1 (its posting
    function has run inside the unit's transaction, still open). Workstation B ships H1 from S2: another balance, so B must not
    wait for A; shipping from S1 itself must wait."""
    services = Services(pg, WAREHOUSE)
    open_shop(services, opening=10)
    b = Services(Database(pg.url, DatabaseLimits(lock_timeout_ms=1000)), WAREHOUSE)
    ship = {"product_code": "H1", "stock_quantity": 1, "operator_id": OPERATOR}
    try:
        with pg.engine.connect() as a, a.begin():
            inventory_module.outbound(UnitOfWork(a, Warehouse(WAREHOUSE)), Outbound(
                product_code="H1", location_code="S1", stock_quantity=1, operator_id=OPERATOR, request_id="slow-a"))
            same_balance = attempt(b, "outbound", {**ship, "location_code": "S1"})
            other_balance = attempt(b, "outbound", {**ship, "location_code": "S2"})
    finally:
        b.db.dispose()
    assert same_balance.get("error", {}).get("error_code") == "LOCK_TIMEOUT", same_balance  # A really holds S1
    assert other_balance.get("result", {}).get("current_quantity") == 9, other_balance
    assert balances(pg)[("H1", "S1", "")] == 9


def test_batch_adjusts_naming_skus_in_opposite_orders_never_deadlock(pg, tmp_path):
    """Two workstations adjust two SKUs, listed in opposite orders, on different balances:
    they have no balance in common, so nothing may even wait, let alone deadlock."""
    services = Services(pg, WAREHOUSE)
    open_shop(services, opening=500)
    moves = 300

    def adjust(first: str, second: str, place: str) -> dict:
        return {"operation": "batch_adjust", "payload": {"operator_id": OPERATOR, "adjustments": [
            {"sku_code": first, "location_code": place, "stock_quantity": 1},
            {"sku_code": second, "location_code": place, "stock_quantity": -1}]}}

    plans = [[adjust("H1", "H2-红-M", "S1")] * moves, [adjust("H2-红-M", "H1", "S2")] * moves]
    outputs = run_workers(pg, plans, tmp_path, pairs=False, stop_on_retry=True)

    assert [line for output in outputs for line in output["retries"]] == []
    for output in outputs:
        assert [r for r in output["records"] if "result" not in r] == []
    final = balances(pg)
    assert [final[("H1", p, "")] for p in ("S1", "S2")] == [500 + moves, 500 - moves]
    assert [final[("H2-红-M", p, "")] for p in ("S1", "S2")] == [500 - moves, 500 + moves]
    assert_ledger_matches_balances(pg)


def test_double_click_posts_once(db):
    """Two threads send the same operation with the same request_id at the same moment: it is
    posted once and both get the first result (both backends)."""
    services = Services(db, WAREHOUSE)
    open_shop(services, opening=100)
    clicks = [
        ("outbound", {"product_code": "H1", "location_code": "S1", "stock_quantity": 3}),
        ("transfer", {"sku_code": "H2-红-M", "from_location_code": "S1", "to_location_code": "S2",
                      "stock_quantity": 2}),
        ("adjust", {"product_code": "H2", "sku_code": "H2-蓝-L", "location_code": "S3", "stock_quantity": -1}),
        ("inbound", {"product_code": "H1", "location_code": "S2", "stock_quantity": 4, "batch_number": LOT}),
    ] * 10
    expected = Counter(balances(db))

    def click(together: threading.Barrier, outcomes: list[dict], slot: int, operation: str, payload: dict) -> None:
        together.wait(30)
        outcomes[slot] = attempt(services, operation, payload)

    for n, (operation, body) in enumerate(clicks):
        payload = {**body, "operator_id": OPERATOR, "request_id": f"click-{n}"}
        together, outcomes = threading.Barrier(2), [{}, {}]
        threads = [threading.Thread(target=click, args=(together, outcomes, slot, operation, payload))
                   for slot in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert "result" in outcomes[0] and "result" in outcomes[1], outcomes
        assert outcomes[0]["result"] == outcomes[1]["result"]
        result = outcomes[0]["result"]
        posted = [r for r in ledger(db) if r.request_id == payload["request_id"]]
        assert len(posted) == (2 if operation == "transfer" else 1), posted
        expected.update(changes_of(operation, result))
    assert balances(db) == {key: expected[key] for key in balances(db)}
    assert_ledger_matches_balances(db)


def test_large_batch_adjusts_of_the_same_balances_in_opposite_orders_never_deadlock(pg, tmp_path):
    """Batches of 16 increases take PostgreSQL's set-based upsert (migration issue17d), which
    locks balances in the one lock order whatever the lines' order: two workstations raising
    the same balances, listed in opposite orders, wait for each other but never deadlock."""
    services = Services(pg, WAREHOUSE)
    open_shop(services)
    moves = 60
    lines = [{"sku_code": sku, "location_code": place, "stock_quantity": 1, "batch_number": batch or None}
             for sku, place, batch in KEYS]
    assert len(lines) >= 16
    plans = [[{"operation": "batch_adjust", "payload": {"operator_id": OPERATOR, "adjustments": order}}] * moves
             for order in (lines, lines[::-1])]
    outputs = run_workers(pg, plans, tmp_path, pairs=False, stop_on_retry=True)

    assert [line for output in outputs for line in output["retries"]] == []
    for output in outputs:
        assert [r for r in output["records"] if "result" not in r] == []
    assert set(balances(pg).values()) == {OPENING + 2 * moves}
    assert_ledger_matches_balances(pg)
