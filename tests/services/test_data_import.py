"""CSV import on both backends: every refusal coded with its row numbers and the database left
exactly as it was; encodings; skip/update/fail; opening stock through the ledger; a cancelled
run leaves nothing."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.db.schema import lots, stock_movements
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import data_import

PRODUCTS = """product_code,product_name,unit,sku_color,sku_size,weight_grams,external_codes,low_stock_threshold
129092,纯棉T恤 Cotton tee,件,黄色,M,180,6901234567892|6901234567893,5
129092,纯棉T恤 Cotton tee,件,黄色,L,190,,
BOX1,Carton 纸箱,个,,,,6900000000017,
"""
LOCATIONS = "location_code,location_name,location_type,is_active\n西8排1架6层4位,西区,storage,true\nR1,退货区,returns,false\n"


def csv(text: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def rejected(services, call, text, error_code, encoding="utf-8", **command):
    before = snapshot(services.db)
    with pytest.raises(WmsError) as caught:
        call({"operator_id": "u1", **command}, csv(text, encoding))
    assert caught.value.error_code == error_code, caught.value.to_dict()
    assert snapshot(services.db) == before
    return caught.value


@pytest.fixture
def catalogue(services):
    services.imports.locations({"operator_id": "u1"}, csv(LOCATIONS))
    services.imports.products({"operator_id": "u1"}, csv(PRODUCTS))
    return services


def test_products_with_skus_and_external_codes(catalogue):
    tee = catalogue.catalog.product_detail(catalogue.catalog.product_by_code("129092").product_id)
    assert tee.has_sku and tee.unit == "件" and tee.low_stock_threshold == 5
    assert {s.sku_code: (s.weight_grams, sorted(s.external_codes)) for s in tee.skus} == {
        "129092-黄色-M": (180, ["6901234567892", "6901234567893"]), "129092-黄色-L": (190, [])}
    box = catalogue.catalog.product_by_external_code("6900000000017")
    assert box.product_code == "BOX1" and not box.has_sku and box.unit == "个"


def test_bom_and_gb18030_files_are_read(services):
    for encoding, expected in (("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")):
        report = services.imports.locations({"operator_id": "u1", "mode": "update"}, csv(LOCATIONS, encoding))
        assert report.encoding == expected and report.error_count == 0
    assert {p.location_code: p.location_name for p in services.locations.list()}["R1"] == "退货区"
    assert not {p.location_code: p.is_active for p in services.locations.list()}["R1"]


def test_not_a_csv_file_is_10004(services):
    error = rejected(services, services.imports.products, PRODUCTS, "CSV_NOT_SUPPORTED", file_name="goods.xlsx")
    assert error.code == 10004
    binary = "PK\x03\x04\x00\x00 not text"
    assert rejected(services, services.imports.products, binary, "CSV_NOT_SUPPORTED").code == 10004
    assert rejected(services, services.imports.products, "", "CSV_NOT_SUPPORTED").code == 10004
    invalid_text = io.BytesIO(b"product_code,product_name\n\xff\xfe\xff,x\n")
    with pytest.raises(WmsError) as caught:
        services.imports.products({"operator_id": "u1"}, invalid_text)
    assert caught.value.code == 10004


def test_missing_columns_are_10005_naming_all_of_them(services):
    error = rejected(services, services.imports.stock, "sku_code\nX\n", "CSV_MISSING_COLUMNS")
    assert error.code == 10005 and error.details["missing_columns"] == ["location_code", "stock_quantity"]
    unknown = rejected(services, services.imports.locations, "location_code,locationName\nA\n", "INVALID_PARAMETERS")
    assert unknown.details["unknown_columns"] == ["locationName"]


def test_a_real_run_with_bad_rows_writes_nothing_and_names_the_first(services):
    text = "location_code,location_name\nA1,ok\n,missing code\nA2,fine\n,again\nA3,x\tcontrol\n"
    error = rejected(services, services.imports.locations, text, "CSV_MISSING_VALUES")
    assert error.code == 10006 and error.details["row"] == 3 and error.details["missing_values"] == ["location_code"]
    assert error.details["error_count"] == 3
    assert [e["row"] for e in error.details["errors"]] == [3, 5, 6]


def test_a_dry_run_lists_every_row_error_and_writes_nothing(services):
    before = snapshot(services.db)
    seen = []
    text = ("product_code,product_name,sku_color,sku_size,low_stock_threshold,high_stock_threshold\n"
            "P1,,红,S,,\n"  # 2: name missing
            "P2,Two,红,,,\n"  # 3: size missing
            "P3,Three,,,7,3\n"  # 4: high under low (15015)
            "P4-1,Four,,,,\n"  # 5: a product code with the SKU separator
            "P5,Five,红,S,x,\n"  # 6: not a number
            "P6,Six,红,S,,\n")  # fine
    report = services.imports.products({"operator_id": "u1", "dry_run": True}, csv(text), on_error=seen.append)
    assert snapshot(services.db) == before
    assert (report.rows, report.created, report.error_count, report.committed) == (6, 1, 5, False)
    assert [(e.row, e.error_code, e.code) for e in report.errors] == [
        (2, "CSV_MISSING_VALUES", 10006), (3, "INVALID_PARAMETERS", 14001), (4, "INVALID_PARAMETERS", 15015),
        (5, "INVALID_PRODUCT_CODE", 14001), (6, "INVALID_PARAMETERS", 14001)]
    assert seen == report.errors


def test_modes_for_existing_products(catalogue):
    again = PRODUCTS.replace("纯棉T恤 Cotton tee", "Tee v2").replace("180", "200")
    error = rejected(catalogue, catalogue.imports.products, again, "PRODUCT_CODE_EXISTS")
    assert error.details["row"] == 2 and error.details["error_count"] == 3
    skipped = catalogue.imports.products({"operator_id": "u1", "mode": "skip"}, csv(again))
    assert (skipped.created, skipped.updated, skipped.skipped) == (0, 0, 3)
    assert catalogue.catalog.product_by_code("129092").product_name == "纯棉T恤 Cotton tee"
    more = again + "129092,Tee v2,件,蓝色,M,,6901234567894,\n"
    updated = catalogue.imports.products({"operator_id": "u1", "mode": "update"}, csv(more))
    assert (updated.created, updated.updated, updated.skipped) == (1, 3, 0)
    tee = catalogue.catalog.product_detail(catalogue.catalog.product_by_code("129092").product_id)
    assert tee.product_name == "Tee v2"
    assert {s.sku_code: s.weight_grams for s in tee.skus}["129092-黄色-M"] == 200
    assert catalogue.catalog.sku_by_external_code("6901234567894").sku_code == "129092-蓝色-M"


def test_an_external_code_of_another_sku_is_refused(catalogue):
    text = "product_code,product_name,sku_color,sku_size,external_codes\nP9,Nine,红,S,6901234567892\n"
    error = rejected(catalogue, catalogue.imports.products, text, "EXTERNAL_CODE_EXISTS")
    assert error.details == {**error.details, "row": 2, "sku_code": "129092-黄色-M"}


def test_opening_stock_posts_through_the_ledger(catalogue):
    text = ("location_code,sku_code,batch_number,stock_quantity,expiry_date\n"
            "西8排1架6层4位,129092-黄色-M,B1,12,2027-01-31\n"
            "西8排1架6层4位,BOX1,,5,\n"
            "无货位,129092-黄色-L,,0,\n")
    report = catalogue.imports.stock({"operator_id": "u1", "file_name": "opening.csv"}, csv(text))
    assert (report.created, report.skipped, report.committed) == (2, 1, True)
    items = {(i.sku_code, i.batch_number): i for i in catalogue.stock.query({"location_code": "西8排1架6层4位"}).items}
    assert items[("129092-黄色-M", "B1")].stock_quantity == 12
    assert str(items[("129092-黄色-M", "B1")].expiry_date) == "2027-01-31"
    with catalogue.db.engine.connect() as conn:
        ledger = conn.execute(select(stock_movements.c.operation, stock_movements.c.notes,
                                     stock_movements.c.operator_id)).all()
        assert conn.scalar(select(lots.c.expiry_date)).isoformat() == "2027-01-31"
    assert set(ledger) == {("adjust", "opening stock: opening.csv", "u1")} and len(ledger) == 2
    assert_ledger_matches_balances(catalogue.db)

    again = text.replace(",12,", ",20,")
    error = rejected(catalogue, catalogue.imports.stock, again, "OPERATION_NOT_ALLOWED")
    assert error.details["reason"] == "balance_has_stock" and error.details["row"] == 2
    skipped = catalogue.imports.stock({"operator_id": "u1", "mode": "skip"}, csv(again))
    assert (skipped.created, skipped.skipped) == (0, 3)
    counted = catalogue.imports.stock({"operator_id": "u1", "mode": "update"}, csv(again))
    assert (counted.updated, counted.skipped) == (1, 2)
    assert {i.sku_code: i.stock_quantity for i in catalogue.stock.query({"location_code": "西8排1架6层4位"}).items}[
        "129092-黄色-M"] == 20
    assert_ledger_matches_balances(catalogue.db)


def test_stock_rows_naming_unknown_records_or_inactive_places(catalogue):
    text = ("location_code,sku_code,stock_quantity\n"
            "西8排1架6层4位,NOPE-红-S,1\n"
            "NOWHERE,BOX1,1\n"
            "R1,BOX1,1\n"  # inactive
            "西8排1架6层4位,BOX1,-3\n"
            "西8排1架6层4位,BOX1,2\n西8排1架6层4位,BOX1,2\n")  # the same balance twice
    report = catalogue.imports.stock({"operator_id": "u1", "dry_run": True}, csv(text))
    assert [(e.row, e.error_code) for e in report.errors] == [
        (2, "SKU_NOT_FOUND"), (3, "LOCATION_NOT_FOUND"), (4, "OPERATION_NOT_ALLOWED"), (5, "INVALID_PARAMETERS"),
        (7, "INVALID_PARAMETERS")]


def test_a_cancelled_import_leaves_nothing(services, monkeypatch):
    monkeypatch.setattr(data_import, "CHUNK_ROWS", 10)
    text = "location_code\n" + "".join(f"L{i:04d}\n" for i in range(100))
    before = snapshot(services.db)
    progress = []
    with pytest.raises(WmsError) as caught:
        services.imports.locations({"operator_id": "u1"}, csv(text), progress=lambda *p: progress.append(p),
                                   cancelled=lambda: len(progress) >= 3)
    assert caught.value.error_code == "OPERATION_CANCELLED"
    assert [rows for rows, *_ in progress] == [10, 20, 30]
    assert snapshot(services.db) == before
    report = services.imports.locations({"operator_id": "u1"}, csv(text))
    assert report.created == 100 and len(services.locations.list()) == 101


def test_importing_needs_the_permission_of_what_it_writes(catalogue):
    clerk = catalogue.acting_as("li.clerk", "clerk")
    for call in (clerk.imports.products, clerk.imports.locations, clerk.imports.stock):
        with pytest.raises(WmsError) as caught:
            call({}, csv(PRODUCTS))
        assert caught.value.error_code == "PERMISSION_DENIED"


def test_a_large_batch_adjustment_posts_as_the_line_loop_does(catalogue):
    """An opening-stock chunk's many increases take PostgreSQL's set-based path (migration
    issue17d): the same quantities, ledger rows and refusals as a few lines."""
    places = "".join(f"A{i},Shelf,storage,true\n" for i in range(20))
    catalogue.imports.locations({"operator_id": "u1"}, csv("location_code,location_name,location_type,is_active\n" + places))
    catalogue.inventory.batch_adjust({"operator_id": "u1", "adjustments": [
        {"location_code": "A3", "sku_code": "BOX1", "stock_quantity": 7}]})
    lines = [{"location_code": f"A{i}", "sku_code": "BOX1", "stock_quantity": i + 1} for i in range(20)]
    done = catalogue.inventory.batch_adjust({"operator_id": "u1", "adjustments": lines})
    assert [(a.location_code, a.previous_quantity, a.current_quantity) for a in done.adjustments] == [
        (f"A{i}", 7 if i == 3 else 0, i + 1 + (7 if i == 3 else 0)) for i in range(20)]
    assert_ledger_matches_balances(catalogue.db)

    before = snapshot(catalogue.db)
    for wrong, error_code in (({"sku_code": "NOPE"}, "SKU_NOT_FOUND"), ({"location_code": "NOWHERE"}, "LOCATION_NOT_FOUND"),
                              ({"location_code": "R1"}, "OPERATION_NOT_ALLOWED")):
        with pytest.raises(WmsError) as caught:
            catalogue.inventory.batch_adjust({"operator_id": "u1", "adjustments": [
                *lines[:16], {**lines[16], **wrong}, *lines[17:]]})
        assert caught.value.error_code == error_code
        assert caught.value.details.get("line_index", 16) == 16
    assert snapshot(catalogue.db) == before


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)  # planner statistics are PostgreSQL's
def test_a_large_import_leaves_fresh_planner_statistics(catalogue, monkeypatch):
    """The tables a long file filled are analyzed in its transaction (wms_analyze)."""
    monkeypatch.setattr(data_import, "ANALYZE_AT_END_ROWS", 2)
    text = "location_code,sku_code,stock_quantity\n西8排1架6层4位,BOX1,5\n西8排1架6层4位,129092-黄色-M,3\n"
    catalogue.imports.stock({"operator_id": "u1"}, csv(text))
    with catalogue.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'stock_balances'").scalar() == 2
