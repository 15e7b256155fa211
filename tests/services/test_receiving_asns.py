"""Receiving against ASNs on PostgreSQL and SQLite: every transition and refusal (a refusal
changes nothing), receipts posted with the ASN's number once per request_id, the tolerance,
items not on the ASN and damage needing a choice and a reason, lots from the scan, blind mode
hiding what is expected, close with its variance, and the Receiving screen's list."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.conftest import WAREHOUSE
from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.db.schema import asn_receipts, stock_movements
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

M, S = "C1-红-M", "C1-红-S"


@pytest.fixture
def shop(db) -> Services:
    services = Services(db, WAREHOUSE)
    for code, kind in (("RCV-01", "receiving"), ("RCV-02", "receiving"), ("DMG-01", "damaged"), ("A1", "storage")):
        services.locations.create({"location_code": code, "location_type": kind})
    services.catalog.create_product({"product_code": "P1", "product_name": "无规格", "operator_id": "u"})
    services.catalog.create_product({"product_code": "C1", "product_name": "衬衫", "operator_id": "u", "skus": [
        {"sku_code": M, "sku_color": "红", "sku_size": "M", "external_codes": ["6901234567892"]},
        {"sku_code": S, "sku_color": "红", "sku_size": "S"}]})
    return services


def plan(services: Services, number: str = "ASN-1", **fields):
    payload = {"asn_number": number, "supplier_code": "SUP-7", "supplier_name": "华东供应商",
               "expected_arrival": "2026-12-10", "document_ref": "PO-88", "operator_id": "wang.sup",
               "lines": [{"sku_code": M, "expected_quantity": 10},
                         {"sku_code": S, "expected_quantity": 4, "batch_number": "L1", "expiry_date": "2027-06-30"}],
               **fields}
    return services.receiving.create(payload)


def receive(services: Services, sku: str, quantity: int, number: str = "ASN-1", **fields):
    return services.receiving.receive({"asn_number": number, "sku_code": sku, "quantity": quantity,
                                       "operator_id": "li", **fields})


def refused(services: Services, call, payload, error_code: str, code: int | None = None) -> WmsError:
    before = snapshot(services.db)
    with pytest.raises(WmsError) as caught:
        call(payload)
    assert caught.value.error_code == error_code, caught.value
    if code is not None:
        assert caught.value.code == code
    assert snapshot(services.db) == before
    return caught.value


def test_an_asn_is_planned_edited_and_cancelled_only_while_pending(shop):
    made = plan(shop).asn
    assert (made.state, made.supplier_name, made.purchase_order, made.expected_arrival) == (
        "pending", "华东供应商", "PO-88", date(2026, 12, 10))
    assert [(line.line_number, line.sku_code, line.batch_number, line.expected_quantity) for line in made.lines] == [
        (1, M, None, 10), (2, S, "L1", 4)]
    edited = shop.receiving.edit({"asn_number": "ASN-1", "expected_version": 1, "operator_id": "wang.sup",
                                  "supplier_name": "新供应商", "lines": [{"sku_code": M, "expected_quantity": 12}]}).asn
    assert (edited.version, edited.supplier_name, [line.expected_quantity for line in edited.lines]) == (
        2, "新供应商", [12])
    refused(shop, shop.receiving.edit, {"asn_number": "ASN-1", "expected_version": 1, "operator_id": "w",
                                        "lines": [{"sku_code": M, "expected_quantity": 1}]},
            "DOCUMENT_VERSION_CONFLICT")
    cancelled = shop.receiving.cancel({"asn_number": "ASN-1", "operator_id": "wang.sup"}).asn
    assert (cancelled.state, cancelled.actions) == ("cancelled", [])
    refused(shop, shop.receiving.edit, {"asn_number": "ASN-1", "operator_id": "w",
                                        "lines": [{"sku_code": M, "expected_quantity": 1}]},
            "INVALID_STATE_TRANSITION", 16001)
    refused(shop, shop.receiving.cancel, {"asn_number": "ASN-1", "operator_id": "w"}, "INVALID_STATE_TRANSITION",
            16028)
    refused(shop, lambda p: receive(shop, M, 1), None, "INVALID_STATE_TRANSITION", 16021)


@pytest.mark.parametrize("lines, error_code, code", [
    ([], "DOCUMENT_HAS_NO_LINES", 16016),
    ([{"sku_code": M, "expected_quantity": 1}, {"sku_code": M, "expected_quantity": 2}], "DUPLICATE_DOCUMENT_LINE",
     16025),
    ([{"sku_code": "NOPE", "expected_quantity": 1}], "SKU_NOT_FOUND", 13001),
    ([{"sku_code": M, "expected_quantity": 1, "expiry_date": "2027-01-01"}], "INVALID_PARAMETERS", 14001),
])
def test_bad_lines_are_refused(shop, lines, error_code, code):
    refused(shop, shop.receiving.create, {"asn_number": "ASN-2", "operator_id": "w", "lines": lines}, error_code,
            code)


def test_a_number_is_one_document_per_warehouse(shop):
    plan(shop)
    refused(shop, lambda p: plan(shop), None, "DOCUMENT_NUMBER_EXISTS")


def test_a_scan_posts_into_the_receiving_location_with_the_asn_number_once_per_request(shop):
    plan(shop)
    first = receive(shop, M, 3, request_id="scan-1")
    assert (first.asn.state, first.line.line_number, first.line.received_quantity) == ("receiving", 1, 3)
    assert [(b.location_code, b.current_quantity) for b in first.changes.balances] == [("RCV-01", 3)]
    assert [d.document_number for d in first.changes.documents] == ["ASN-1"]
    again = receive(shop, M, 3, request_id="scan-1")
    assert again == first
    receive(shop, M, 2, location_code="RCV-02", request_id="scan-2")
    with shop.db.engine.connect() as conn:
        ledger = conn.execute(select(stock_movements.c.document_ref, stock_movements.c.request_id,
                                     stock_movements.c.quantity_change).order_by(stock_movements.c.movement_id)).all()
        receipts = conn.execute(select(func.sum(asn_receipts.c.quantity))).scalar()
    assert [tuple(r) for r in ledger] == [("ASN-1", "scan-1", 3), ("ASN-1", "scan-2", 2)]
    assert receipts == 5
    assert shop.receiving.asn({"asn_number": "ASN-1"}).lines[0].received_quantity == 5
    assert_ledger_matches_balances(shop.db)


def test_over_receipt_beyond_the_tolerance_needs_an_explicit_choice_and_a_reason(shop):
    plan(shop)
    shop.receiving.set_tolerance({"over_receipt_tolerance_percent": 20})  # 10 expected: 12 allowed
    receive(shop, M, 12)
    error = refused(shop, lambda p: receive(shop, M, 1), None, "OVER_RECEIPT", 15005)
    assert error.details == {"asn_number": "ASN-1", "line_number": 1, "sku_code": M, "quantity": 1,
                             "expected_quantity": 10, "received_quantity": 12, "allowed_quantity": 12}
    assert type(error.details["received_quantity"]) is int  # JSON-ready on both backends
    refused(shop, lambda p: receive(shop, M, 1, accept="over_receipt"), None, "REASON_REQUIRED")
    over = receive(shop, M, 1, accept="over_receipt", reason_code="supplier_overship")
    assert (over.line.received_quantity, over.line.over_quantity, over.line.reason_codes) == (
        13, 3, ["supplier_overship"])


def test_an_item_not_on_the_asn_and_damage_need_a_reason(shop):
    plan(shop)
    error = refused(shop, lambda p: receive(shop, "P1", 2), None, "ITEM_NOT_ON_ASN")
    assert error.details["sku_code"] == "P1"
    extra = receive(shop, "P1", 2, accept="not_on_asn", reason_code="substitute")
    assert (extra.line.line_number, extra.line.received_quantity, extra.line.over_quantity) == (None, 2, 2)
    refused(shop, lambda p: receive(shop, M, 3, damaged_quantity=1), None, "REASON_REQUIRED")
    refused(shop, lambda p: receive(shop, M, 3, damaged_quantity=4, reason_code="transit_damage"), None,
            "DAMAGED_EXCEEDS_RECEIVED", 15006)
    refused(shop, lambda p: receive(shop, M, 3, damaged_quantity=1, reason_code="transit_damage",
                                    damaged_location_code="A1"), None, "INVALID_PARAMETERS")
    damaged = receive(shop, M, 3, damaged_quantity=1, reason_code="transit_damage")
    assert sorted((b.location_code, b.current_quantity) for b in damaged.changes.balances) == [
        ("DMG-01", 1), ("RCV-01", 2)]
    assert (damaged.line.received_quantity, damaged.line.damaged_quantity) == (3, 1)
    assert_ledger_matches_balances(shop.db)


def test_a_scan_records_the_batch_expiry_once(shop):
    plan(shop)
    receive(shop, S, 1, batch_number="L1")  # the line's expiry
    assert shop.receiving.asn({"asn_number": "ASN-1"}).lines[1].expiry_date == date(2027, 6, 30)
    refused(shop, lambda p: receive(shop, S, 1, batch_number="L1", expiry_date="2027-07-01"), None,
            "LOT_EXPIRY_CONFLICT")
    # another batch of a line without one counts on it, with the GS1 label's expiry
    line = receive(shop, M, 2, batch_number="B9", expiry_date="2027-01-31").line
    assert (line.line_number, line.received_quantity) == (1, 2)
    stock = shop.stock.query({"sku_code": M, "batch_number": "B9"}).items[0]
    assert stock.expiry_date == date(2027, 1, 31)


def test_blind_mode_never_shows_a_clerk_what_is_expected(shop):
    plan(shop, is_blind=True)
    clerk = shop.acting_as("li", "clerk")
    seen = clerk.receiving.asn({"asn_number": "ASN-1"})
    assert not seen.expected_shown
    assert all(line.expected_quantity is None and line.short_quantity is None for line in seen.lines)
    scanned = clerk.receiving.receive({"asn_number": "ASN-1", "sku_code": M, "quantity": 10})
    assert scanned.line.expected_quantity is None and scanned.asn.lines[1].expected_quantity is None
    error = refused(clerk, lambda p: clerk.receiving.receive({"asn_number": "ASN-1", "sku_code": M, "quantity": 1}),
                    None, "OVER_RECEIPT")
    assert "expected_quantity" not in error.details and "allowed_quantity" not in error.details
    (row,) = clerk.receiving.asn_rows(clerk.receiving.asn_ids({}))
    assert (row.expected_quantity, row.received_quantity) == (None, 10)
    assert shop.acting_as("wang", "supervisor").receiving.asn({"asn_number": "ASN-1"}).lines[0].expected_quantity == 10


def test_a_blind_receipt_without_an_asn_takes_anything(shop):
    started = shop.receiving.start_blind({"operator_id": "li", "supplier_name": "散客"}).asn
    assert started.state == "receiving" and started.without_asn and started.document_number.startswith("BR-")
    got = receive(shop, "P1", 5, number=started.document_number)
    assert (got.line.line_number, got.line.received_quantity) == (None, 5)
    assert shop.receiving.finish({"asn_number": started.document_number, "operator_id": "li"}).asn.state == "received"


def test_close_reports_the_variance_and_short_lines_need_a_reason(shop):
    plan(shop)
    receive(shop, M, 7)
    receive(shop, S, 4, batch_number="L1", damaged_quantity=1, reason_code="packaging_damage")
    receive(shop, "P1", 1, accept="not_on_asn", reason_code="free_goods")
    refused(shop, shop.receiving.close, {"asn_number": "ASN-1", "operator_id": "w"}, "INVALID_STATE_TRANSITION",
            16022)
    assert shop.receiving.finish({"asn_number": "ASN-1", "operator_id": "li"}).asn.state == "received"
    refused(shop, lambda p: receive(shop, M, 1), None, "INVALID_STATE_TRANSITION", 16021)
    error = refused(shop, shop.receiving.close, {"asn_number": "ASN-1", "operator_id": "w"}, "REASON_REQUIRED")
    assert error.details == {"field": "short_reasons", "line_number": 1, "short_quantity": 3}
    refused(shop, shop.receiving.close, {"asn_number": "ASN-1", "operator_id": "w", "short_reasons": [
        {"line_number": 9, "reason_code": "backorder"}]}, "INVALID_PARAMETERS")
    closed = shop.receiving.close({"asn_number": "ASN-1", "operator_id": "w",
                                   "short_reasons": [{"line_number": 1, "reason_code": "backorder"}]}).asn
    assert closed.state == "closed"
    assert [(x.line_number, x.sku_code, x.expected_quantity, x.received_quantity, x.damaged_quantity,
             x.short_quantity, x.over_quantity, x.short_reason, x.reason_codes) for x in closed.lines] == [
        (1, M, 10, 7, 0, 3, 0, "backorder", []),
        (2, S, 4, 4, 1, 0, 0, None, ["packaging_damage"]),
        (None, "P1", 0, 1, 0, 0, 1, None, ["free_goods"])]


def test_who_may_do_what(shop):
    clerk = shop.acting_as("li", "clerk")
    refused(shop, clerk.receiving.create, {"asn_number": "X", "lines": [{"sku_code": M, "expected_quantity": 1}]},
            "PERMISSION_DENIED")
    plan(shop)
    assert clerk.receiving.receive({"asn_number": "ASN-1", "sku_code": M, "quantity": 1}).asn.updated_by == "li"
    refused(shop, clerk.receiving.close, {"asn_number": "ASN-1"}, "PERMISSION_DENIED")
    refused(shop, clerk.receiving.set_tolerance, {"over_receipt_tolerance_percent": 5}, "PERMISSION_DENIED")


def test_the_receiving_list_searches_number_supplier_and_sku(shop):
    plan(shop)
    plan(shop, "ASN-2", supplier_code="OTHER", supplier_name="另一家", lines=[{"sku_code": "P1",
                                                                             "expected_quantity": 1}])
    receive(shop, M, 4)
    ids = shop.receiving.asn_ids({"sort_by": "document_number"})
    rows = shop.receiving.asn_rows(ids)
    assert [(r.document_number, r.state, r.line_count, r.expected_quantity, r.received_quantity) for r in rows] == [
        ("ASN-1", "receiving", 2, 14, 4), ("ASN-2", "pending", 1, 1, 0)]
    assert all(type(r.expected_quantity) is int and type(r.received_quantity) is int for r in rows)
    for search, found in (("ASN-2", ["ASN-2"]), ("SUP", ["ASN-1"]), ("另一", ["ASN-2"]), ("C1-红", ["ASN-1"]),
                          ("P1", ["ASN-2"])):
        assert [r.document_number for r in shop.receiving.asn_rows(shop.receiving.asn_ids({"search": search}))] == found
    assert shop.receiving.asn_ids({"states": ["pending"]}) == [ids[1]]
