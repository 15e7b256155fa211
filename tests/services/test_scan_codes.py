"""ASCII scan codes (issue 10, item 3): every location and SKU gets one, whatever path created
it; it is unique, stable and checked; scanning it finds what its Chinese code finds, in the
same one identify statement; labels carry it."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.services.test_catalog import TEE
from tests.services.test_inventory import refused
from tests.services.test_units_of_work import Counter
from wms_desktop.contract.lookup import Identify
from wms_desktop.services import Services

WEST = "西8排1架6层4位"
M = "129092-黄色-M"


@pytest.fixture
def shop(services):
    services.catalog.create_product(TEE)
    services.catalog.create_product({"product_code": "BOX1", "product_name": "纸箱", "operator_id": "u1"})
    services.locations.create({"location_code": WEST})
    services.locations.create({"location_code": "收货区", "location_type": "receiving"})
    return services


def _scan_codes(services) -> dict[str, str]:
    with services.db.engine.connect() as conn:
        return dict(conn.execute(text("SELECT location_code, scan_code FROM locations UNION ALL "
                                      "SELECT sku_code, scan_code FROM skus")).all())


def test_every_location_and_sku_gets_an_assigned_ascii_scan_code(shop):
    codes = _scan_codes(shop)
    assert codes == {"无货位": "L000001", WEST: "L000002", "收货区": "L000003", M: "S000001",
                     "129092-黄色-L": "S000002", "129092-黑色-M": "S000003", "BOX1": "S000004"}
    assert shop.locations.get({"location_code": WEST}).scan_code == "L000002"
    assert {s.sku_code: s.scan_code for s in shop.catalog.product_by_code("129092").skus}[M] == "S000001"
    assert shop.catalog.sku_by_external_code("EXT001").scan_code == "S000001"


def test_a_scan_code_finds_what_the_chinese_code_finds(shop):
    identify = shop.lookup.identify
    by_code, by_scan = identify({"code": WEST}), identify({"code": "L000002"})
    assert (by_scan.kind, by_scan.location_code) == ("location", WEST)
    assert (by_code.kind, by_code.location_code, by_code.location_name) == \
        (by_scan.kind, by_scan.location_code, by_scan.location_name)
    sku = identify({"code": "S000001"})
    assert (sku.kind, sku.sku_code, sku.product_code, sku.sku_color) == ("sku", M, "129092", "黄色")
    assert identify({"code": "S000004"}).sku_code == "BOX1"
    assert identify({"code": "L000099"}).kind == "unknown"
    shop.locations.update({"location_code": "收货区", "scan_code": "DOCK-1"})  # a chosen code with "-"
    assert identify({"code": "DOCK-1"}).location_code == "收货区"
    assert identify({"code": "L000003"}).kind == "unknown"  # the old code is gone with the edit
    shop.catalog.update_sku({"sku_code": M, "scan_code": "TEE-Y-M", "operator_id": "u1"})
    assert identify({"code": "TEE-Y-M"}).sku_code == M


def test_another_warehouses_scan_code_is_not_found_here(shop):
    from wms_desktop.services import create_warehouse

    create_warehouse(shop.db, {"warehouse_code": "WH02", "warehouse_name": "东仓"})
    east = Services(shop.db, "WH02")
    east.locations.create({"location_code": "东1"})
    assert east.locations.get({"location_code": "东1"}).scan_code == "L000005"
    assert shop.lookup.identify({"code": "L000005"}).kind == "unknown"
    assert east.lookup.identify({"code": "L000005"}).location_code == "东1"


def test_scan_codes_are_checked_and_unique(shop):
    for bad in ("有中文", "A 1", "]C1X", "x" * 17, "", "L000042", "S7"):
        error = refused(shop, shop.locations.update, {"location_code": WEST, "scan_code": bad},
                        "INVALID_SCAN_CODE")
        assert error.details["field"] == "scan_code"
    refused(shop, shop.locations.create, {"location_code": "A-1", "scan_code": "L000042"}, "INVALID_SCAN_CODE")
    shop.locations.update({"location_code": WEST, "scan_code": "WEST-8"})
    error = refused(shop, shop.locations.update, {"location_code": "收货区", "scan_code": "WEST-8"},
                    "SCAN_CODE_EXISTS")
    assert error.details == {"scan_code": "WEST-8", "location_code": WEST}
    refused(shop, shop.locations.create, {"location_code": "A-2", "scan_code": "WEST-8"}, "SCAN_CODE_EXISTS")
    # its own assigned code may come back; another's may not be taken
    assert shop.locations.update({"location_code": WEST, "scan_code": "L000002"}).scan_code == "L000002"
    refused(shop, shop.locations.update, {"location_code": WEST, "scan_code": "L000003"}, "INVALID_SCAN_CODE")
    shop.catalog.update_sku({"sku_code": M, "scan_code": "TEE-1", "operator_id": "u1"})
    refused(shop, shop.catalog.update_sku, {"sku_code": "BOX1", "scan_code": "TEE-1", "operator_id": "u1"},
            "SCAN_CODE_EXISTS")
    created = shop.catalog.create_sku({"product_code": "129092", "sku_code": "129092-黑色-L", "sku_color": "黑色",
                                       "sku_size": "L", "scan_code": "TEE-BL", "operator_id": "u1"})
    assert created.scan_code == "TEE-BL"
    refused(shop, shop.catalog.create_sku, {"product_code": "129092", "sku_code": "129092-白色-L",
                                            "sku_color": "白色", "sku_size": "L", "scan_code": "TEE-1",
                                            "operator_id": "u1"}, "SCAN_CODE_EXISTS")


def test_a_scan_code_is_stable_across_other_edits(shop):
    before = _scan_codes(shop)
    shop.locations.update({"location_code": WEST, "location_name": "西区", "is_active": False})
    shop.catalog.update_sku({"sku_code": M, "weight_grams": 180, "operator_id": "u1"})
    shop.catalog.add_external_codes({"sku_code": M, "external_code": "6970123000031"})
    assert _scan_codes(shop) == before


def test_labels_carry_the_scan_code_and_a_skus_ean_first(shop):
    labels = {label.location_code: label.scan_code for label in shop.lookup.location_labels()}
    assert labels == {"无货位": "L000001", WEST: "L000002", "收货区": "L000003"}
    skus = {label.sku_code: label.scan_code for label in shop.lookup.sku_labels({"codes": ["129092", "BOX1"]})}
    # 黄色-M has EANs: its label prints the first; the others their assigned codes
    assert skus == {M: "6901234567892", "129092-黄色-L": "S000002", "129092-黑色-M": "S000003", "BOX1": "S000004"}


@pytest.mark.postgres_only
def test_a_scanned_scan_code_is_one_statement(pg):
    setup = Services(pg, "WH01")
    setup.locations.create({"location_code": WEST})
    services = Services(pg, "WH01")
    with Counter(pg.engine) as counted:
        found = services.lookup.identify(Identify(code="L000002"))
    assert found.location_code == WEST
    assert counted.begins == 1 and len(counted.statements) == 1, counted.statements
