"""CSV export on both backends: the screens' filters, the import's columns, and the round trip
export → import into an empty database → the same catalogue, locations and stock."""
from __future__ import annotations

import csv
import io
import shutil

import pytest

from tests.conftest import WAREHOUSE
from tests.services.test_data_import import LOCATIONS, PRODUCTS
from tests.services.test_data_import import csv as csv_bytes
from wms_desktop.db.engine import Database
from wms_desktop.domain.codes import is_assigned_scan_code
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse

STOCK = ("location_code,sku_code,batch_number,stock_quantity,expiry_date\n"
         "西8排1架6层4位,129092-黄色-M,B1,12,2027-01-31\n"
         "西8排1架6层4位,BOX1,,5,\n"
         "R1,129092-黄色-L,,0,\n"
         "无货位,129092-黄色-L,,7,\n")


@pytest.fixture
def filled(services):
    services.imports.locations({"operator_id": "u1", "mode": "update"}, csv_bytes(LOCATIONS.replace("false", "true")))
    services.imports.products({"operator_id": "u1"}, csv_bytes(PRODUCTS))
    services.imports.stock({"operator_id": "u1"}, csv_bytes(STOCK))
    services.inventory.outbound({"product_code": "BOX1", "location_code": "西8排1架6层4位", "stock_quantity": 2,
                                 "operator_id": "u2"})
    services.locations.update({"location_code": "西8排1架6层4位", "scan_code": "XI8-1-6-4"})
    services.catalog.update_sku({"sku_code": "BOX1", "scan_code": "BOX-1", "operator_id": "u1"})
    return services


def exported(call, *args) -> tuple[list[dict[str, str]], str]:
    sink = io.StringIO(newline="")
    report = call(*args, sink)
    text = sink.getvalue()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert report.rows == len(rows) and list(rows[0]) == report.columns if rows else True
    return rows, text


def test_stock_export_takes_the_stock_screens_filters(filled):
    rows, _ = exported(filled.exports.stock, {"location_code": "西8排1架6层4位"})
    assert [(r["sku_code"], r["batch_number"], r["stock_quantity"], r["expiry_date"]) for r in rows] == [
        ("129092-黄色-M", "B1", "12", "2027-01-31"), ("BOX1", "", "3", "")]
    rows, _ = exported(filled.exports.stock, {"sort_by": "stock_quantity", "descending": True})
    assert [int(r["stock_quantity"]) for r in rows] == [12, 7, 3]
    rows, _ = exported(filled.exports.stock, {"search": "BOX"})
    assert [r["product_name"] for r in rows] == ["Carton 纸箱"]


def test_movement_export_takes_the_movements_screens_filters(filled, monkeypatch):
    from wms_desktop.services import data_export

    monkeypatch.setattr(data_export, "BLOCK", 2)  # several pages
    rows, _ = exported(filled.exports.movements, None)
    assert len(rows) == 4 and rows[0]["operation"] == "outbound" and rows[0]["operator_id"] == "u2"
    assert sorted(int(r["quantity_change"]) for r in rows[1:]) == [5, 7, 12]  # one posting: one moment
    rows, _ = exported(filled.exports.movements, {"product_code": "BOX1", "operation": "adjust"})
    assert [(r["sku_code"], r["quantity_change"], r["notes"]) for r in rows] == [("BOX1", "5", "opening stock")]
    with pytest.raises(WmsError):
        filled.exports.movements({"before": "x"}, io.StringIO())


def test_a_cancelled_export_says_so(filled):
    with pytest.raises(WmsError) as caught:
        filled.exports.products(io.StringIO(), cancelled=lambda: True)
    assert caught.value.error_code == "OPERATION_CANCELLED"


def test_export_then_import_into_an_empty_database_gives_the_same(filled, sqlite_template, tmp_path):
    files = {kind: exported(call, *args)[1] for kind, call, args in (
        ("locations", filled.exports.locations, ()), ("products", filled.exports.products, ()),
        ("stock", filled.exports.stock, ({},)))}
    shutil.copy(sqlite_template, tmp_path / "empty.sqlite3")
    empty = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        create_warehouse(empty, {"warehouse_code": WAREHOUSE, "warehouse_name": "新仓"})
        fresh = Services(empty, WAREHOUSE)
        for kind in ("locations", "products", "stock"):  # as written: UTF-8 with a BOM, as Excel likes it
            report = getattr(fresh.imports, kind)({"operator_id": "u9"}, io.BytesIO(files[kind].encode("utf-8-sig")))
            assert report.committed and report.error_count == 0 and report.encoding == "utf-8-sig"
        for kind, call, args in (("locations", fresh.exports.locations, ()),
                                 ("products", fresh.exports.products, ()), ("stock", fresh.exports.stock, ({},))):
            again = exported(call, *args)[0]
            before = list(csv.DictReader(io.StringIO(files[kind], newline="")))
            if kind == "stock":  # the import's own stamps differ
                for row in again + before:
                    del row["updated_at"]
            else:  # chosen scan codes travel; assigned ones are the new database's ids
                for row in again + before:
                    row["scan_code"] = "" if is_assigned_scan_code(row["scan_code"]) else row["scan_code"]
                assert {"locations": "XI8-1-6-4", "products": "BOX-1"}[kind] in {row["scan_code"] for row in again}
            assert again == before, kind
    finally:
        empty.dispose()
