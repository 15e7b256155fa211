"""Outbound orders from a CSV file on PostgreSQL and SQLite: one row per line, an order's rows
together, each order created by the same service step as in the app (and the HTTP API); existing
numbers refused, skipped or updated; a bad row refuses the file (every error named by row) and
writes nothing; a dry run writes nothing."""
from __future__ import annotations

from tests.services.test_data_import import csv, rejected
from tests.services.test_inventory import WEST, L, M, _in, shop  # noqa: F401 (shop: fixture)

ORDERS = (
    "order_number,customer_name,sku_code,stock_quantity,batch_number,recipient_name,address,carrier,"
    "expected_ship_date,is_urgent,notes\n"
    "SO-1,上海客户,{M},2,,王芳,上海市浦东新区,SF,2026-01-05,true,加急\n"
    "SO-1,上海客户,{L},1,,,,,,,\n"
    "SO-2,北京客户,{M},3,,,,,,false,\n")


def text(template: str = ORDERS) -> str:
    return template.replace("{M}", M).replace("{L}", L)


def test_orders_are_created_one_per_number_with_their_lines(shop):
    report = shop.imports.orders({"operator_id": "u1", "file_name": "订单.csv"}, csv(text()))
    assert (report.kind, report.rows, report.created, report.error_count) == ("orders", 3, 2, 0)
    first = shop.orders.get({"order_number": "SO-1"})
    assert (first.state, first.customer_name, first.recipient_name, first.carrier, first.expected_ship_date,
            first.is_urgent, first.notes) == ("pending", "上海客户", "王芳", "SF", "2026-01-05", True, "加急")
    assert [(li.sku_code, li.stock_quantity) for li in first.lines] == [(M, 2), (L, 1)]
    assert shop.orders.release({"order_number": "SO-2", "operator_id": "u1"}).state == "released"


def test_existing_orders_are_refused_skipped_or_updated(shop):
    shop.imports.orders({"operator_id": "u1"}, csv(text()))
    error = rejected(shop, shop.imports.orders, text(), "DOCUMENT_NUMBER_EXISTS")
    assert (error.details["row"], error.details["error_count"]) == (2, 2)
    skipped = shop.imports.orders({"operator_id": "u1", "mode": "skip"}, csv(text()))
    assert (skipped.created, skipped.skipped) == (0, 2)
    changed = text().replace("SO-2,北京客户,{M},3".replace("{M}", M), f"SO-2,天津客户,{M},5")
    shop.inventory.inbound(_in(L, WEST, 1))
    shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    error = rejected(shop, shop.imports.orders, changed, "INVALID_STATE_TRANSITION", mode="update")
    assert error.details["row"] == 2  # SO-1 is released: not edited
    updated = shop.imports.orders({"operator_id": "u1", "mode": "update"}, csv(changed.splitlines()[0] + "\n" +
                                                                              changed.splitlines()[3] + "\n"))
    assert updated.updated == 1
    second = shop.orders.get({"order_number": "SO-2"})
    assert (second.customer_name, [li.stock_quantity for li in second.lines]) == ("天津客户", [5])


def test_bad_rows_are_named_and_nothing_is_written(shop):
    bad = text() + f"SO-3,客户,NOPE,1,,,,,,,\nSO-4,客户,{M},0,,,,,,,\nSO-1,又一行,{M},1,,,,,,,\n"
    error = rejected(shop, shop.imports.orders, bad, "SKU_NOT_FOUND")
    assert [(e["row"], e["error_code"]) for e in error.details["errors"]] == [
        (5, "SKU_NOT_FOUND"), (6, "INVALID_PARAMETERS"), (7, "INVALID_PARAMETERS")]
    report = shop.imports.orders({"operator_id": "u1", "dry_run": True}, csv(bad))
    assert (report.dry_run, report.created, report.error_count, report.committed) == (True, 2, 3, False)
    rejected(shop, shop.imports.orders, "order_number,sku_code\nSO-9,X\n", "CSV_MISSING_COLUMNS")


def test_a_clerk_may_not_import_orders(shop):
    clerk = shop.acting_as("li.clerk", "clerk")
    rejected(shop, clerk.imports.orders, text(), "PERMISSION_DENIED")


def test_an_order_whose_rows_straddle_two_chunks_is_one_order(shop, monkeypatch):
    from wms_desktop.services import data_import

    monkeypatch.setattr(data_import, "CHUNK_ROWS", 1)
    report = shop.imports.orders({"operator_id": "u1"}, csv(text()))
    assert (report.created, report.error_count) == (2, 0)
    assert [li.stock_quantity for li in shop.orders.get({"order_number": "SO-1"}).lines] == [2, 1]
