"""ASNs from CSV on PostgreSQL and SQLite, through the import machinery and the receiving
service's own steps: one row per line, the first row of an ASN giving its columns; every row or
none; existing ASNs refused, skipped or (pending) edited."""
from __future__ import annotations

import io
from datetime import date

import pytest

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

M, S = "C1-红-M", "C1-红-S"
HEADER = "asn_number,supplier_code,supplier_name,expected_arrival,document_ref,is_blind,sku_code,expected_quantity," \
         "batch_number,expiry_date\n"
GOOD = HEADER + (f"ASN-A,SUP-1,华东供应商,2026-12-10,PO-1,false,{M},10,,\n"
                 f"ASN-A,,,,,,{S},5,L1,2027-06-30\n"
                 "ASN-B,SUP-2,另一家,,,true,P1,3,,\n")


@pytest.fixture
def shop(db) -> Services:
    services = Services(db, WAREHOUSE)
    services.catalog.create_product({"product_code": "P1", "product_name": "无规格", "operator_id": "u"})
    services.catalog.create_product({"product_code": "C1", "product_name": "衬衫", "operator_id": "u", "skus": [
        {"sku_code": M, "sku_color": "红", "sku_size": "M"}, {"sku_code": S, "sku_color": "红", "sku_size": "S"}]})
    return services


def run(services: Services, text: str, **command):
    return services.imports.asns({"file_name": "asns.csv", "operator_id": "wang", **command},
                                 io.BytesIO(text.encode("utf-8-sig")))


def test_asns_are_created_from_their_rows(shop):
    report = run(shop, GOOD)
    assert (report.rows, report.created, report.error_count) == (3, 2, 0)
    first = shop.receiving.asn({"asn_number": "ASN-A"})
    assert (first.state, first.supplier_name, first.purchase_order, first.expected_arrival, first.is_blind) == (
        "pending", "华东供应商", "PO-1", date(2026, 12, 10), False)
    assert [(x.sku_code, x.expected_quantity, x.batch_number, x.expiry_date) for x in first.lines] == [
        (M, 10, None, None), (S, 5, "L1", date(2027, 6, 30))]
    assert shop.receiving.asn({"asn_number": "ASN-B"}).is_blind


def test_a_bad_row_writes_nothing_and_names_its_row(shop):
    before = snapshot(shop.db)
    bad = GOOD + "ASN-C,,,,,,NOPE,1,,\nASN-D,,,,,,P1,0,,\nASN-A,,,,,,P1,1,,\n"
    report = run(shop, bad, dry_run=True)
    assert [(e.row, e.error_code) for e in report.errors] == [
        (5, "SKU_NOT_FOUND"), (6, "INVALID_PARAMETERS"), (7, "INVALID_PARAMETERS")]  # ASN-A's rows must be together
    with pytest.raises(WmsError) as caught:
        run(shop, bad)
    assert caught.value.details["error_count"] == 3
    assert snapshot(shop.db) == before


def test_existing_asns_are_refused_skipped_or_edited_while_pending(shop):
    run(shop, GOOD)
    edited = HEADER + f"ASN-A,SUP-1,改名,,,,{M},12,,\n"
    assert run(shop, edited, mode="fail", dry_run=True).errors[0].error_code == "DOCUMENT_NUMBER_EXISTS"
    assert run(shop, edited, mode="skip").skipped == 1
    assert run(shop, edited, mode="update").updated == 1
    asn = shop.receiving.asn({"asn_number": "ASN-A"})
    assert (asn.supplier_name, [x.expected_quantity for x in asn.lines]) == ("改名", [12])
    shop.receiving.receive({"asn_number": "ASN-A", "sku_code": M, "quantity": 1, "operator_id": "li",
                            "location_code": "无货位"})
    error = run(shop, edited, mode="update", dry_run=True).errors[0]
    assert (error.error_code, error.code) == ("INVALID_STATE_TRANSITION", 16001)
