"""PostgreSQL least privilege for outbound orders: a workstation login creates, releases, picks,
short-picks, packs, ships, imports and takes back orders (reservations only through
wms_lock_balances / wms_reserve), and may not write allocations or locked quantities itself."""
from __future__ import annotations

import io

import pytest
from sqlalchemy.exc import DBAPIError

from tests.helpers import assert_ledger_matches_balances
from tests.services.test_privileges import INSUFFICIENT_PRIVILEGE, station  # noqa: F401 (station: fixture)


def test_the_workstation_login_works_orders_from_release_to_return(station):
    station.locations.create({"location_code": "A1"})
    station.locations.create({"location_code": "A2"})
    station.locations.create({"location_code": "PK", "location_type": "shipping"})
    station.locations.create({"location_code": "RT", "location_type": "returns"})
    station.catalog.create_product({"product_code": "P1", "product_name": "T恤", "operator_id": "u"})
    for place in ("A1", "A2"):
        station.inventory.inbound({"product_code": "P1", "location_code": place, "stock_quantity": 3,
                                   "operator_id": "u"})
    orders = station.orders
    orders.set_short_stock_policy({"short_stock_policy": "backorder"})
    station.imports.orders({"operator_id": "u"}, io.BytesIO(
        "order_number,customer_name,sku_code,stock_quantity\nSO-1,客户,P1,5\n".encode()))
    orders.update({"order_number": "SO-1", "carrier": "SF", "operator_id": "u"})
    assert [a.reserved_quantity for a in orders.release({"order_number": "SO-1", "operator_id": "u"}).allocations] == [
        3, 2]
    orders.pick({"order_number": "SO-1", "location_code": "A1", "sku_code": "P1", "stock_quantity": 2,
                 "to_location_code": "PK", "operator_id": "u", "request_id": "p-1"})
    shorted = orders.short_pick({"order_number": "SO-1", "location_code": "A1", "sku_code": "P1", "operator_id": "u"})
    assert shorted.lines[0].backorder_quantity == 0  # A2 had one more to spare
    orders.pick({"order_number": "SO-1", "location_code": "A2", "sku_code": "P1", "stock_quantity": 3,
                 "to_location_code": "PK", "operator_id": "u"})
    orders.pack({"order_number": "SO-1", "items": [{"sku_code": "P1", "stock_quantity": 5}], "operator_id": "u"})
    assert orders.ship({"order_number": "SO-1", "operator_id": "u", "cartons": [
        {"carton_number": 1, "tracking_number": "SF1"}]}).state == "shipped"
    station.returns.open({"order_number": "SO-1", "operator_id": "u"})
    back = station.returns.receive({"return_number": "RT-SO-1-1", "sku_code": "P1", "stock_quantity": 1,
                                    "disposition": "restock", "reason_code": "r", "operator_id": "u"})
    assert back.lines[0].location_code == "RT"
    orders.create({"order_number": "SO-2", "customer_name": "客户", "operator_id": "u",
                   "lines": [{"sku_code": "P1", "stock_quantity": 1}]})
    orders.release({"order_number": "SO-2", "operator_id": "u"})
    assert orders.cancel({"order_number": "SO-2", "operator_id": "u"}).state == "cancelled"
    assert_ledger_matches_balances(station.db)


@pytest.mark.parametrize("sql", [
    "INSERT INTO order_allocations (document_id, line_id, balance_id, reserved_quantity) SELECT 1, 1, balance_id, 1"
    " FROM stock_balances",
    "UPDATE order_allocations SET reserved_quantity = 0",
    "UPDATE stock_balances SET locked_quantity = locked_quantity + 1",
])
def test_reservations_are_not_written_directly(station, sql):
    with pytest.raises(DBAPIError) as caught, station.db.engine.begin() as conn:
        conn.exec_driver_sql(sql)
    assert caught.value.orig.sqlstate == INSUFFICIENT_PRIVILEGE
