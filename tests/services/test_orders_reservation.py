"""Outbound orders on PostgreSQL and SQLite: created, edited, released (reserved FEFO or in
walking order, refused or backordered when short), cancelled; every refusal changes nothing;
reserved stock is not available to any other operation; allocations add up to locked."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.services.test_inventory import A1, WEST, M, _in, refused, shop  # noqa: F401 (shop: fixture)
from wms_desktop.db.engine import Database
from wms_desktop.db.schema import order_allocations
from wms_desktop.db.schema import stock_balances as bal
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import events, lookup, lots

B2 = "西8排1架10层1位"  # after WEST in walking order


def order(number="SO-1", *lines, **extra):
    return {"order_number": number, "customer_name": "上海客户", "operator_id": "u1",
            "lines": list(lines) or [{"sku_code": M, "stock_quantity": 4}], **extra}


def reserved(db: Database) -> dict[int, tuple[int, int]]:
    """balance_id -> (locked_quantity, sum of its allocations' reserved quantities)."""
    with db.engine.connect() as conn:
        sums = dict(conn.execute(select(order_allocations.c.balance_id, func.sum(order_allocations.c.reserved_quantity))
                                 .group_by(order_allocations.c.balance_id)).all())
        return {b: (locked, int(sums.get(b, 0))) for b, locked in conn.execute(
            select(bal.c.balance_id, bal.c.locked_quantity))}


def assert_allocations_match_locked(db: Database) -> None:
    for balance_id, (locked, allocated) in reserved(db).items():
        assert locked == allocated, (balance_id, locked, allocated)


def test_an_order_is_created_pending_with_its_lines_and_event(shop):
    made = shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 4},
                                    {"sku_code": M, "stock_quantity": 2, "batch_number": "L1"},
                                    expected_ship_date="2026-01-05", carrier="SF", is_urgent=True))
    assert (made.state, made.version, made.customer_name, made.carrier, made.expected_ship_date, made.is_urgent) == (
        "pending", 1, "上海客户", "SF", "2026-01-05", True)
    assert [(li.line_number, li.sku_code, li.batch_number, li.stock_quantity) for li in made.lines] == [
        (1, M, None, 4), (2, M, "L1", 2)]
    assert made.actions == ["edit", "edit_lines", "release", "cancel"]
    assert made.changes.documents[0].document_number == "SO-1"
    assert [e["event_type"] for e in events.pending(shop.db)][-1] == "document.order.create"


@pytest.mark.parametrize("payload, error_code, code", [
    (order("SO-1", lines=[]), "DOCUMENT_HAS_NO_LINES", 16016),
    (order("SO-1", {"sku_code": M, "stock_quantity": 1}, {"sku_code": M, "stock_quantity": 2}),
     "DUPLICATE_DOCUMENT_LINE", 16025),
    (order("SO-1", {"sku_code": "NOPE", "stock_quantity": 1}), "SKU_NOT_FOUND", 13001),
    (order("SO-1", customer_name="  "), "INVALID_PARAMETERS", 14001),
    (order("SO-1", {"sku_code": M, "stockQuantity": 1}), "INVALID_PARAMETERS", 14001),
])
def test_a_bad_order_is_refused_and_nothing_is_written(shop, payload, error_code, code):
    assert refused(shop, shop.orders.create, payload, error_code).code == code


def test_an_order_number_is_unique_in_the_warehouse(shop):
    shop.orders.create(order("SO-1"))
    refused(shop, shop.orders.create, order("SO-1"), "DOCUMENT_NUMBER_EXISTS")


def test_a_pending_order_is_edited_and_a_released_one_is_not(shop):
    shop.orders.create(order("SO-1"))
    edited = shop.orders.update({"order_number": "SO-1", "expected_version": 1, "customer_name": "北京客户",
                                 "lines": [{"sku_code": M, "stock_quantity": 3}], "operator_id": "u2"})
    assert (edited.version, edited.customer_name, [li.stock_quantity for li in edited.lines]) == (2, "北京客户", [3])
    assert refused(shop, shop.orders.update, {"order_number": "SO-1", "expected_version": 1, "operator_id": "u2"},
                   "DOCUMENT_VERSION_CONFLICT")
    shop.orders.release({"order_number": "SO-1", "operator_id": "u2"})
    assert refused(shop, shop.orders.update, {"order_number": "SO-1", "carrier": "EMS", "operator_id": "u2"},
                   "INVALID_STATE_TRANSITION").code == 16001
    assert refused(shop, shop.orders.update, {"order_number": "SO-1", "operator_id": "u2",
                                              "lines": [{"sku_code": M, "stock_quantity": 1}]},
                   "INVALID_STATE_TRANSITION").code == 16006


def test_release_reserves_in_walking_order_and_locks_the_stock(shop):
    shop.locations.create({"location_code": B2})
    shop.inventory.inbound(_in(M, B2, 5))
    made = shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 12}))
    released = shop.orders.release({"document_id": made.document_id, "operator_id": "u1", "expected_version": 1})
    assert (released.state, released.version) == ("released", 2)
    assert [(a.location_code, a.reserved_quantity) for a in released.allocations] == [(WEST, 10), (B2, 2)]
    assert [(li.reserved_quantity, li.backorder_quantity) for li in released.lines] == [(12, 0)]
    assert {b.location_code for b in released.changes.balances} == {WEST, B2}
    items = {i.location_code: i for i in shop.stock.query({"sku_code": M}).items}
    assert (items[WEST].locked_quantity, items[B2].locked_quantity) == (10, 2)
    assert_allocations_match_locked(shop.db)
    assert refused(shop, shop.orders.release, {"order_number": "SO-1", "operator_id": "u1"},
                   "INVALID_STATE_TRANSITION").code == 16000


def test_a_release_records_its_event_and_audit_row_and_checks_the_version(shop):
    made = shop.orders.create(order("SO-1"))
    refused(shop, shop.orders.release, {"order_number": "SO-1", "operator_id": "u1", "expected_version": 3},
            "DOCUMENT_VERSION_CONFLICT")
    shop.orders.release({"order_number": "SO-1", "operator_id": "u1", "expected_version": 1})
    event = events.pending(shop.db)[-1]
    assert (event["event_type"], event["document_number"], event["previous_state"], event["state"],
            event["version"], event["operator_id"]) == ("document.order.release", "SO-1", "pending", "released", 2,
                                                        "u1")
    entry = shop.audit.trail({"subject_type": "document", "subject_id": made.document_id}).items[0]
    assert (entry.action, entry.actor, entry.before, entry.after) == (
        "release", "u1", '{"state":"pending","version":1}', '{"state":"released","version":2}')
    assert shop.audit.verify().intact
    refused(shop, shop.orders.release, {"document_id": made.document_id + 99, "operator_id": "u1"},
            "DOCUMENT_NOT_FOUND")


def test_the_servers_walking_order_is_the_domains(pg):
    from wms_desktop.domain.walking_order import walking_order_key

    codes = ["A10-01", "A2-01", "a2-02", "A02-01", "A2-1", "无货位", B2, WEST, "西10排1架1层1位", "B", "b1", "B01",
             "1", "01", "", "Z9", "z10", "仓0", "仓00", "A2-01b", "A2-01a",
             "Ａ8", "A８", "ａ10", "Ä1", "ä2", "ß1", "SS1", "İ1", "i1", "٣1", "B２0"]  # only ASCII folds and counts
    with pg.engine.connect() as conn:
        ordered = list(conn.exec_driver_sql(
            "SELECT c FROM unnest(%s::text[]) c ORDER BY c = '无货位', wms_walking_key(c) COLLATE \"C\", c COLLATE \"C\"",
            (codes,)).scalars())
    assert ordered == sorted(codes, key=walking_order_key)


def test_release_takes_the_soonest_expiry_first_and_leaves_expired_stock(shop):
    today = date.today()
    with shop.db.engine.begin() as conn:
        m = lookup.sku(conn, M)
        lots.record(conn, m, "LATE", today + timedelta(days=90))
        lots.record(conn, m, "SOON", today + timedelta(days=10))
        lots.record(conn, m, "GONE", today - timedelta(days=1))
    for batch in ("LATE", "SOON", "GONE"):
        shop.inventory.inbound(_in(M, A1, 3, batch_number=batch))
    shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 5}))
    released = shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    assert [(a.batch_number, a.reserved_quantity) for a in released.allocations] == [("SOON", 3), ("LATE", 2)]
    assert released.allocations[0].expiry_date == (today + timedelta(days=10)).isoformat()


def test_a_line_naming_a_batch_takes_only_that_batch(shop):
    shop.inventory.inbound(_in(M, A1, 3, batch_number="L7"))
    shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 10}, {"sku_code": M, "stock_quantity": 3,
                                                                              "batch_number": "L7"}))
    released = shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    by_line = {li.line_number: li for li in released.lines}
    assert (by_line[1].reserved_quantity, by_line[2].reserved_quantity) == (10, 3)
    assert {(a.batch_number, a.reserved_quantity) for a in released.allocations} == {(None, 10), ("L7", 3)}


def test_short_stock_is_refused_by_default_and_nothing_is_reserved(shop):
    shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 4}))
    shop.orders.create(order("SO-2", {"sku_code": M, "stock_quantity": 7}))
    shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    error = refused(shop, shop.orders.release, {"order_number": "SO-2", "operator_id": "u1"},
                    "INSUFFICIENT_STOCK_TO_RESERVE")
    assert error.code == 15003
    assert error.details["lines"] == [{"line_number": 1, "sku_code": M, "batch_number": None,
                                       "requested_quantity": 7, "available_quantity": 6}]


def test_the_backorder_policy_releases_what_there_is(shop):
    assert shop.orders.set_short_stock_policy({"short_stock_policy": "backorder"}).short_stock_policy == "backorder"
    shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 14}))
    released = shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    assert [(li.reserved_quantity, li.backorder_quantity) for li in released.lines] == [(10, 4)]
    shop.orders.create(order("SO-2", {"sku_code": M, "stock_quantity": 1}))
    refused(shop, shop.orders.release, {"order_number": "SO-2", "operator_id": "u1"}, "INSUFFICIENT_STOCK_TO_RESERVE")


def test_cancel_gives_every_reservation_back(shop):
    shop.orders.create(order("SO-1"))
    shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    cancelled = shop.orders.cancel({"order_number": "SO-1", "operator_id": "u1", "notes": "客户取消"})
    assert cancelled.state == "cancelled"
    assert [a.reserved_quantity for a in cancelled.allocations] == [0]
    assert shop.stock.query({"sku_code": M, "location_code": WEST}).items[0].locked_quantity == 0
    assert_allocations_match_locked(shop.db)
    assert refused(shop, shop.orders.cancel, {"order_number": "SO-1", "operator_id": "u1"},
                   "INVALID_STATE_TRANSITION").code == 16028


@pytest.mark.parametrize("call, payload", [
    ("outbound", _in(M, WEST, 7)),
    ("transfer", {"sku_code": M, "from_location_code": WEST, "to_location_code": A1, "stock_quantity": 7,
                  "operator_id": "u1"}),
    ("adjust", {"product_code": "129092", "sku_code": M, "location_code": WEST, "stock_quantity": -7,
                "operator_id": "u1"}),
    ("count", {"product_code": "129092", "sku_code": M, "location_code": WEST, "stock_quantity": 3,
               "operator_id": "u1"}),
    ("batch_adjust", {"adjustments": [{"sku_code": M, "location_code": WEST, "stock_quantity": -7}],
                      "operator_id": "u1"}),
])
def test_reserved_stock_is_not_available_to_any_other_operation(shop, call, payload):
    shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 4}))
    shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    error = refused(shop, getattr(shop.inventory, call), payload, "INSUFFICIENT_STOCK")
    assert error.details["available_quantity"] == 6
    assert_allocations_match_locked(shop.db)


def test_a_release_is_done_once_per_request_id(shop):
    shop.orders.create(order("SO-1"))
    first = shop.orders.release({"order_number": "SO-1", "operator_id": "u1", "request_id": "rel-1"})
    again = shop.orders.release({"order_number": "SO-1", "operator_id": "u1", "request_id": "rel-1"})
    assert again == first
    assert shop.stock.query({"sku_code": M, "location_code": WEST}).items[0].locked_quantity == 4


def test_a_clerk_may_not_plan_orders(shop):
    clerk = shop.acting_as("li.clerk", "clerk")
    refused(shop, clerk.orders.create, order("SO-1"), "PERMISSION_DENIED")


def test_the_order_list_filters_and_sorts(shop):
    shop.orders.create(order("SO-2", customer_name="乙", expected_ship_date="2026-02-01"))
    shop.orders.create(order("SO-1", customer_name="甲", is_urgent=True))
    shop.orders.release({"order_number": "SO-2", "operator_id": "u1"})
    by_number = shop.orders.ids({"sort_by": "document_number"})
    assert [r.document_number for r in shop.orders.rows(by_number)] == ["SO-1", "SO-2"]
    assert shop.orders.rows(shop.orders.ids({"states": ["released"]}))[0].document_number == "SO-2"
    assert [r.document_number for r in shop.orders.rows(shop.orders.ids({"urgent_only": True}))] == ["SO-1"]
    assert [r.document_number for r in shop.orders.rows(shop.orders.ids({"ship_to": "2026-01-31"}))] == []
    assert [r.document_number for r in shop.orders.rows(shop.orders.ids({"ship_from": "2026-02-01"}))] == ["SO-2"]
    row = shop.orders.rows(shop.orders.ids({"customer_name": "乙"}))[0]
    assert (row.line_count, row.total_quantity, row.expected_ship_date, row.state) == (1, 4, "2026-02-01", "released")


def test_an_order_of_another_warehouse_is_not_found(shop):
    from wms_desktop.services import Services, create_warehouse

    shop.orders.create(order("SO-1"))
    create_warehouse(shop.db, {"warehouse_code": "WH02", "warehouse_name": "二号仓"})
    other = Services(shop.db, "WH02")
    with pytest.raises(WmsError) as caught:
        other.orders.get({"order_number": "SO-1"})
    assert caught.value.error_code == "DOCUMENT_NOT_FOUND"
