"""PostgreSQL posts stock server-side (services/pg_posting.py), SQLite in Python
(services/posting.py): the same random sequences of operations must give the same results,
the same typed results (``changes`` included: the screens refresh by them), the same refusals,
the same ledger and the same balances on both.

Each example builds the same small world on a fresh database of each backend (two shelves, an
inactive shelf holding stock, 无货位, a product with SKUs and one without, a batch, some locked
stock), then runs one sequence of inbound, outbound, transfer, adjust, count and batch adjust
with good and bad codes, ids, batches, quantities and reused request_ids on both. Times and
generated request_ids differ by nature and are compared by presence only.
"""
from __future__ import annotations

import shutil
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from tests.conftest import WAREHOUSE, reset_postgres
from tests.helpers import assert_product_totals_match
from wms_desktop.contract.decode import to_json
from wms_desktop.db.engine import Database
from wms_desktop.db.schema import locations, operation_requests, outbox_events, skus, stock_balances, stock_movements
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse

OPERATOR = "op"
SKU_CODES = ["P-红-M", "P-蓝-L", "Q", "P-绿-S", "P-红", "P"]  # good, unknown, malformed, a product code
PRODUCT_CODES = ["P", "Q", "NOPE", "P-红-M"]
PLACES = ["A", "B", "C", "无货位", "Z9"]  # C is inactive, Z9 unknown
PLACE_IDS = [1, 2, 3, 4, 99]  # 无货位, A, B, C (created in that order on both), unknown
TIMES = ("operated_at", "adjusted_at")

sku = st.sampled_from(SKU_CODES)
product = st.sampled_from(PRODUCT_CODES)
batch = st.sampled_from([None, None, "B1"])
quantity = st.integers(1, 8)
change = st.integers(-8, 8).filter(bool)
extras = st.fixed_dictionaries({}, optional={
    "request_id": st.sampled_from(["r1", "r2", "r3"]), "notes": st.sampled_from(["n", "盘点"]),
    "is_urgent": st.booleans(), "document_ref": st.just("PO-7")})


def _place(prefix: str = ""):
    return st.one_of(st.builds(lambda c: {f"{prefix}location_code": c}, st.sampled_from(PLACES)),
                     st.builds(lambda i: {f"{prefix}location_id": i}, st.sampled_from(PLACE_IDS)))


def _with(**parts):
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for part in d.values() for k, v in
                                                       (part.items() if isinstance(part, dict) else [])})


def _maybe(name: str, values):
    return st.one_of(st.just({}), values.map(lambda v: {} if v is None else {name: v}))


item = _with(product=product.map(lambda c: {"product_code": c}), sku=_maybe("sku_code", sku), place=_place(),
             batch=_maybe("batch_number", batch), extras=extras)
operation = st.one_of(
    st.tuples(st.sampled_from(["inbound", "outbound"]),
              _with(item=item, quantity=quantity.map(lambda q: {"stock_quantity": q}))),
    st.tuples(st.just("transfer"),
              _with(sku=sku.map(lambda c: {"sku_code": c}), source=_place("from_"), target=_place("to_"),
                    product=_maybe("product_code", product), quantity=quantity.map(lambda q: {"stock_quantity": q}),
                    batch=_maybe("batch_number", batch), extras=extras)),
    st.tuples(st.just("adjust"),
              _with(product=product.map(lambda c: {"product_code": c}), sku=_maybe("sku_code", sku),
                    place=st.sampled_from(PLACES).map(lambda c: {"location_code": c}),
                    quantity=change.map(lambda q: {"stock_quantity": q}), batch=_maybe("batch_number", batch),
                    extras=extras)),
    st.tuples(st.just("count"),
              _with(product=product.map(lambda c: {"product_code": c}), sku=_maybe("sku_code", sku),
                    place=st.sampled_from(PLACES).map(lambda c: {"location_code": c}),
                    quantity=st.integers(0, 8).map(lambda q: {"stock_quantity": q}),
                    batch=_maybe("batch_number", batch), extras=extras)),
    st.tuples(st.just("batch_adjust"),
              _with(lines=st.lists(_with(place=st.sampled_from(PLACES).map(lambda c: {"location_code": c}),
                                         sku=sku.map(lambda c: {"sku_code": c}),
                                         quantity=change.map(lambda q: {"stock_quantity": q}),
                                         batch=_maybe("batch_number", batch)), min_size=1, max_size=3)
                    .map(lambda lines: {"adjustments": lines}), extras=extras)),
)


def build_world(db: Database) -> Services:
    create_warehouse(db, {"warehouse_code": WAREHOUSE, "warehouse_name": "主仓库"})
    services = Services(db, WAREHOUSE)
    for code in ("A", "B", "C"):
        services.locations.create({"location_code": code})
    services.catalog.create_product({"product_code": "P", "product_name": "T恤", "operator_id": OPERATOR, "skus": [
        {"sku_code": "P-红-M", "sku_color": "红", "sku_size": "M"},
        {"sku_code": "P-蓝-L", "sku_color": "蓝", "sku_size": "L"}]})
    services.catalog.create_product({"product_code": "Q", "product_name": "纸箱", "operator_id": OPERATOR})
    services.inventory.batch_adjust({"operator_id": OPERATOR, "request_id": "opening", "adjustments": [
        {"sku_code": "P-红-M", "location_code": "A", "stock_quantity": 5},
        {"sku_code": "P-红-M", "location_code": "A", "stock_quantity": 3, "batch_number": "B1"},
        {"sku_code": "P-蓝-L", "location_code": "C", "stock_quantity": 2},
        {"sku_code": "Q", "location_code": "无货位", "stock_quantity": 4}]})
    services.locations.update({"location_code": "C", "is_active": False})
    with db.engine.begin() as conn:  # reserved by an order: not available
        conn.execute(text("UPDATE stock_balances SET locked_quantity = 2 WHERE stock_quantity = 5"))
    return services


def outcome(services: Services, name: str, payload: dict) -> tuple:
    """The typed result (its type and every field, ``changes`` included) or the refusal."""
    try:
        result = getattr(services.inventory, name)(dict(payload))
    except WmsError as error:
        return ("refused", error.to_dict())
    return ("done", type(result).__name__, _comparable(to_json(result), "request_id" in payload))


def _comparable(value, named_request: bool):
    if isinstance(value, dict):
        return {k: (v is not None if k in TIMES else "generated" if k == "request_id" and not named_request
                    else _comparable(v, named_request)) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v, named_request) for v in value]
    return value


def state(db: Database) -> dict:
    names = {}
    with db.engine.connect() as conn:
        names["sku"] = dict(conn.execute(select(skus.c.sku_id, skus.c.sku_code)).all())
        names["place"] = dict(conn.execute(select(locations.c.location_id, locations.c.location_code)).all())
        m = stock_movements.c
        ledger = [(names["sku"][r.sku_id], names["place"][r.location_id], r.batch_number, r.operation,
                   r.quantity_change, r.quantity_after, r.operator_id, r.is_urgent, r.notes, r.document_ref,
                   r.request_id if r.request_id.startswith(("r", "opening")) else "generated")
                  for r in conn.execute(select(stock_movements).order_by(m.movement_id))]
        balances = sorted((names["sku"][r.sku_id], names["place"][r.location_id], r.batch_number, r.stock_quantity,
                           r.locked_quantity) for r in conn.execute(select(stock_balances)))
        requests = sorted((r.request_id, r.operation, r.payload_hash, r.result is not None)
                          for r in conn.execute(select(operation_requests)))
        events = conn.execute(select(outbox_events.c.movement_id).order_by(outbox_events.c.movement_id)).scalars().all()
    return {"ledger": ledger, "balances": balances, "requests": requests, "events": len(events)}


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operations=st.lists(operation, min_size=1, max_size=14))
def test_postgres_and_sqlite_post_alike(pg_db, sqlite_template, tmp_path, operations):
    reset_postgres(pg_db)
    on_postgres = build_world(pg_db)
    path = tmp_path / f"{uuid.uuid4().hex}.sqlite3"
    shutil.copy(sqlite_template, path)
    sqlite = Database(f"sqlite:///{path}")
    try:
        on_sqlite = build_world(sqlite)
        for name, payload in operations:
            payload = {**payload, "operator_id": OPERATOR}
            assert outcome(on_postgres, name, payload) == outcome(on_sqlite, name, payload), (name, payload)
        expected = state(sqlite)
        assert state(pg_db) == expected
        assert_product_totals_match(pg_db)
        assert expected["events"] == len(expected["ledger"])  # one outbox event per ledger row
    finally:
        sqlite.dispose()
