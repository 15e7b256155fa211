"""Stations releasing orders for the same last units (PostgreSQL, spawned processes).

Eight workstations, each with its own Database, create and release orders against a few scarce
balances, pick from them to a packing location, cancel some, and post free outbounds,
transfers and inbounds on the same balances meanwhile; all of them also release one shared
order at the same moment. Afterwards:

- never more reserved than stock, nothing negative, and on every balance the allocations add
  up to ``locked_quantity``; the ledger equals the balances;
- every released order is fully reserved or picked (the refuse policy), a refused release
  reserved nothing, a cancelled order holds nothing; the packing location holds exactly what
  the successful picks moved (no lost or double posting);
- the shared order was released once, the others were told its state;
- refusals are coded (not enough stock, a state), never a lock timeout or database error, and
  no deadlock or serialization failure happened even retried silently.
"""
from __future__ import annotations

import random
from collections import Counter
from typing import Any

from sqlalchemy import func, select

from tests.concurrency.test_multiprocess import run_workers
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.db.engine import Database
from wms_desktop.db.schema import order_allocations
from wms_desktop.db.schema import stock_balances as bal
from wms_desktop.services import Services

WAREHOUSE = "WH01"
WORKERS, ORDERS = 8, 12
SKUS = ("R1", "R2")
PLACES = ("S1", "S2")
OPENING = {("R1", "S1"): 6, ("R1", "S2"): 3, ("R2", "S1"): 5, ("R2", "S2"): 2}
PACK = "PK"
EXPECTED_REFUSALS = {"INSUFFICIENT_STOCK", "INSUFFICIENT_STOCK_TO_RESERVE", "INVALID_STATE_TRANSITION",
                     "PICK_QUANTITY_EXCEEDED"}


def open_shop(services: Services) -> None:
    for place in PLACES:
        services.locations.create({"location_code": place})
    services.locations.create({"location_code": PACK, "location_type": "shipping"})
    for sku in SKUS:
        services.catalog.create_product({"product_code": sku, "product_name": sku, "operator_id": "setup"})
    for (sku, place), quantity in OPENING.items():
        services.inventory.inbound({"product_code": sku, "location_code": place, "stock_quantity": quantity,
                                    "operator_id": "setup"})
    services.orders.create({"order_number": "SHARED", "customer_name": "共享", "operator_id": "setup",
                            "lines": [{"sku_code": "R1", "stock_quantity": 1}]})


def plan(worker: int) -> list[dict[str, Any]]:
    rng = random.Random(1400 + worker)
    steps: list[dict[str, Any]] = [{"operation": "orders.release",
                                    "payload": {"order_number": "SHARED", "operator_id": f"w{worker}"}}]
    for n in range(ORDERS):
        number = f"W{worker}-{n}"
        lines = [{"sku_code": sku, "stock_quantity": rng.randint(1, 3)} for sku in rng.sample(SKUS, rng.randint(1, 2))]
        steps.append({"operation": "orders.create", "payload": {
            "order_number": number, "customer_name": f"客户{worker}", "operator_id": f"w{worker}", "lines": lines}})
        steps.append({"operation": "orders.release", "payload": {"order_number": number, "operator_id": f"w{worker}"}})
        if rng.random() < 0.6:
            steps.append({"operation": "orders.pick", "payload": {
                "order_number": number, "location_code": rng.choice(PLACES), "sku_code": lines[0]["sku_code"],
                "stock_quantity": 1, "to_location_code": PACK, "operator_id": f"w{worker}",
                "request_id": f"pick-{worker}-{n}"}})
        sku, place = rng.choice(SKUS), rng.choice(PLACES)
        free = rng.choice(["outbound", "transfer", "inbound", "cancel"])
        if free == "cancel":
            steps.append({"operation": "orders.cancel", "payload": {"order_number": number,
                                                                    "operator_id": f"w{worker}"}})
        elif free == "transfer":
            steps.append({"operation": "transfer", "payload": {
                "sku_code": sku, "from_location_code": place, "to_location_code": "S2" if place == "S1" else "S1",
                "stock_quantity": 1, "operator_id": f"w{worker}"}})
        else:
            steps.append({"operation": free, "payload": {
                "product_code": sku, "location_code": place, "stock_quantity": rng.randint(1, 2),
                "operator_id": f"w{worker}"}})
    return steps


def test_stations_never_reserve_the_same_last_units_twice(pg: Database, tmp_path):
    services = Services(pg, WAREHOUSE)
    open_shop(services)
    outcomes = run_workers(pg, [plan(w) for w in range(WORKERS)], tmp_path, pairs=False)

    refusals: Counter[str] = Counter()
    released, cancelled = set(), set()
    picked: Counter[str] = Counter()
    for worker, out in enumerate(outcomes):
        assert out["retries"] == [], out["retries"]
        steps = plan(worker)
        for record in out["records"]:
            assert "unexpected" not in record, record.get("unexpected")
            step = steps[record["index"]]
            if "error" in record:
                assert record["error"]["error_code"] in EXPECTED_REFUSALS, record["error"]
                refusals[record["error"]["error_code"]] += 1
            elif step["operation"] == "orders.release":
                released.add(step["payload"]["order_number"])
            elif step["operation"] == "orders.cancel":
                cancelled.add(step["payload"]["order_number"])
            elif step["operation"] == "orders.pick":
                picked[step["payload"]["sku_code"]] += 1
    assert "SHARED" in released
    shared_refusals = [out["records"][0]["error"]["error_code"] for out in outcomes if "error" in out["records"][0]]
    assert shared_refusals == ["INVALID_STATE_TRANSITION"] * (WORKERS - 1)
    assert refusals["INSUFFICIENT_STOCK_TO_RESERVE"] > 0  # the stock really ran short

    with pg.engine.connect() as conn:
        sums = dict(conn.execute(select(order_allocations.c.balance_id, func.sum(order_allocations.c.reserved_quantity))
                                 .group_by(order_allocations.c.balance_id)).all())
        for balance_id, stock, locked in conn.execute(select(bal.c.balance_id, bal.c.stock_quantity,
                                                             bal.c.locked_quantity)):
            assert 0 <= locked <= stock and locked == int(sums.get(balance_id, 0)), (balance_id, stock, locked)
    assert_ledger_matches_balances(pg)
    assert sum(picked.values()) > 0
    for sku in SKUS:
        at_packing = services.stock.query({"sku_code": sku, "location_code": PACK}).items
        assert sum(i.stock_quantity for i in at_packing) == picked[sku], sku
    for number in released | cancelled:
        order = services.orders.get({"order_number": number})
        if number in cancelled:
            assert order.state == "cancelled" and all(a.reserved_quantity == 0 for a in order.allocations)
        else:
            assert order.state in ("released", "picking", "picked")
            assert all(line.reserved_quantity + line.picked_quantity == line.stock_quantity
                       for line in order.lines), order
    for row in services.orders.rows(services.orders.ids({"states": ["pending"]})):
        assert not services.orders.get({"document_id": row.document_id}).allocations
