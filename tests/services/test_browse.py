"""The browser's two-step tables on both backends: ordered ids from a server-side search and
sort, then flat rows for a block of ids in that order."""
from __future__ import annotations

import pytest

from tests.helpers import snapshot
from wms_desktop.contract import to_json
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse
from wms_desktop.services import browse as browse_module

A1, A2, B1 = "A01-01-01", "A01-02-01", "B01-01-01"
TEE = [f"129092-{c}-{s}" for c in ("黄色", "黑色") for s in ("M", "L")]  # 黄色-M, 黄色-L, 黑色-M, 黑色-L


def receive(services, sku, place, n, **extra):
    product = sku.split("-")[0]
    return services.inventory.inbound({"product_code": product, **({"sku_code": sku} if "-" in sku else {}),
                                       "location_code": place, "stock_quantity": n, "operator_id": "u", **extra})


@pytest.fixture
def shop(services):
    for code in (A1, A2, B1):
        services.locations.create({"location_code": code})
    services.catalog.create_product({
        "product_code": "129092", "product_name": "纯棉T恤 Cotton tee", "operator_id": "u", "category_id": "TOPS",
        "skus": [{"sku_code": s, "sku_color": s.split("-")[1], "sku_size": s.split("-")[2],
                  **({"external_codes": ["6901234567892"]} if s == TEE[0] else {})} for s in TEE]})
    services.catalog.create_product({"product_code": "TAPE", "product_name": "封箱胶带 Tape", "unit": "卷",
                                     "operator_id": "u"})
    services.catalog.create_product({"product_code": "129100", "product_name": "帆布包 100%_cotton bag",
                                     "operator_id": "u", "skus": [{"sku_code": "129100-白色-F", "sku_color": "白色",
                                                                   "sku_size": "F"}]})
    receive(services, TEE[0], A1, 8)
    receive(services, TEE[0], B1, 2, batch_number="LOT7")
    receive(services, TEE[1], A2, 5)
    receive(services, TEE[2], B1, 7)
    receive(services, "TAPE", A1, 30)
    receive(services, TEE[3], A2, 1)
    services.inventory.outbound({"product_code": "129092", "sku_code": TEE[3], "location_code": A2,
                                 "stock_quantity": 1, "operator_id": "u"})  # leaves an empty balance
    return services


@pytest.fixture(params=["by_index", "by_scan"])
def search_path(request, monkeypatch):
    """PostgreSQL resolves a narrow search to ids first and a broad one by subquery: run the
    search tests both ways (SQLite always takes the subquery)."""
    if request.param == "by_scan":
        monkeypatch.setattr(browse_module, "SEARCH_BY_INDEX_MAX", 0)
    return request.param


def product_codes(services, payload=None):
    ids = services.browse.product_ids(payload or {})
    return [r.product_code for r in services.browse.product_rows(ids)]


def balances(services, payload=None):
    ids = services.browse.balance_ids(payload or {})
    return [(r.location_code, r.sku_code, r.batch_number, r.stock_quantity)
            for r in services.browse.balance_rows(ids)]


def refused(services, call, payload, field):
    before = snapshot(services.db)
    with pytest.raises(WmsError) as caught:
        call(payload)
    assert caught.value.error_code == "INVALID_PARAMETERS" and caught.value.details["field"] == field
    assert snapshot(services.db) == before


# ---- products ----------------------------------------------------------------------------------

def test_product_sorts(shop):
    assert product_codes(shop) == ["129092", "129100", "TAPE"]
    assert product_codes(shop, {"descending": True}) == ["TAPE", "129100", "129092"]
    assert product_codes(shop, {"sort_by": "product_name"}) == ["TAPE", "129100", "129092"]  # 封 < 帆 < 纯 (U+5C01 …)
    assert product_codes(shop, {"sort_by": "total_quantity"}) == ["129100", "129092", "TAPE"]  # 0, 22, 30
    assert product_codes(shop, {"sort_by": "total_quantity", "descending": True}) == ["TAPE", "129092", "129100"]
    shop.catalog.update_product({"product_id": shop.browse.product_ids({"limit": 1})[0], "unit": "件",
                                 "operator_id": "u"})
    assert product_codes(shop, {"sort_by": "updated_at", "descending": True})[0] == "129092"
    assert product_codes(shop, {"limit": 2}) == ["129092", "129100"]


def test_product_search(shop, search_path):
    assert product_codes(shop, {"search": "1290"}) == ["129092"]
    assert product_codes(shop, {"search": "129092-黑"}) == ["129092"]  # start of a SKU code
    assert product_codes(shop, {"search": "6901234567892"}) == ["129092"]  # exact external code …
    assert product_codes(shop, {"search": "690123456789"}) == []  # … not its start
    assert product_codes(shop, {"search": "胶带"}) == ["TAPE"]  # part of the name
    assert product_codes(shop, {"search": "100%_c"}) == ["129100"]  # % and _ are literal
    assert product_codes(shop, {"search": "0%x"}) == []  # not a wildcard either
    assert product_codes(shop, {"search": "092"}) == []  # codes match from the start only
    assert product_codes(shop, {"search": "129", "descending": True}) == ["129100", "129092"]


def test_product_rows(shop):
    ids = shop.browse.product_ids({})
    rows = shop.browse.product_rows(list(reversed(ids)) + [999_999])
    assert [r.product_code for r in rows] == ["TAPE", "129100", "129092"]  # the order asked, unknown left out
    tape, bag, tee = rows
    assert set(to_json(tee)) == {"product_id", "product_code", "product_name", "unit", "category_id", "has_sku", "sku_count",
                        "total_quantity", "updated_at"}
    assert (tee.sku_count, tee.total_quantity, tee.has_sku, tee.category_id) == (4, 22, True, "TOPS")
    assert (tape.unit, tape.has_sku, tape.sku_count, tape.total_quantity) == ("卷", False, 1, 30)
    assert (bag.sku_count, bag.total_quantity) == (1, 0)
    assert tee.updated_at.endswith("Z")
    assert shop.browse.product_rows([]) == []


def test_deleted_products_and_other_warehouses(shop):
    bag_id = shop.browse.product_ids({"search": "129100"})[0]
    shop.catalog.delete_product({"product_id": bag_id, "operator_id": "u"})
    assert product_codes(shop) == ["129092", "TAPE"]
    assert shop.browse.product_rows([bag_id]) == []
    create_warehouse(shop.db, {"warehouse_code": "WH02", "warehouse_name": "East"})
    other = Services(shop.db, "WH02")
    other.locations.create({"location_code": A1})
    receive(other, "TAPE", A1, 1000)
    assert [r.total_quantity for r in shop.browse.product_rows(shop.browse.product_ids({}))] == [22, 30]
    assert product_codes(shop, {"sort_by": "total_quantity", "descending": True}) == ["TAPE", "129092"]
    assert [r.total_quantity for r in other.browse.product_rows(other.browse.product_ids({}))] == [0, 1000]
    assert balances(other) == [(A1, "TAPE", None, 1000)]


def test_product_refusals(shop):
    refused(shop, shop.browse.product_ids, {"sort_by": "price"}, "sort_by")
    refused(shop, shop.browse.product_ids, {"sortBy": "product_name"}, "sortBy")
    refused(shop, shop.browse.product_ids, {"descending": 1}, "descending")
    refused(shop, shop.browse.product_ids, {"limit": 0}, "limit")
    refused(shop, shop.browse.product_ids, {"search": "a\x00"}, "search")
    refused(shop, shop.browse.product_rows, [1, "2"], "ids[1]")
    refused(shop, shop.browse.product_rows, [True], "ids[0]")
    refused(shop, shop.browse.product_rows, list(range(1, 1002)), "ids")
    refused(shop, shop.browse.product_rows, "1,2", "ids")


# ---- balances ----------------------------------------------------------------------------------

def test_balance_sorts(shop):
    by_location = [(A1, TEE[0], None, 8), (A1, "TAPE", None, 30), (A2, TEE[1], None, 5),
                   (B1, TEE[0], "LOT7", 2), (B1, TEE[2], None, 7)]
    assert balances(shop) == by_location
    assert balances(shop, {"descending": True}) == by_location[::-1]
    assert balances(shop, {"sort_by": "sku_code"}) == [  # 黄色-L < 黄色-M < 黑色-M < TAPE; then by location
        (A2, TEE[1], None, 5), (A1, TEE[0], None, 8), (B1, TEE[0], "LOT7", 2), (B1, TEE[2], None, 7),
        (A1, "TAPE", None, 30)]
    assert [b[3] for b in balances(shop, {"sort_by": "stock_quantity"})] == [2, 5, 7, 8, 30]
    assert [b[3] for b in balances(shop, {"sort_by": "stock_quantity", "descending": True})] == [30, 8, 7, 5, 2]
    receive(shop, TEE[1], A2, 1)
    assert balances(shop, {"sort_by": "updated_at", "descending": True})[0] == (A2, TEE[1], None, 6)
    assert balances(shop, {"limit": 2}) == by_location[:2]


def test_balance_filters(shop):
    assert balances(shop, {"include_empty": True}) == [
        (A1, TEE[0], None, 8), (A1, "TAPE", None, 30), (A2, TEE[1], None, 5), (A2, TEE[3], None, 0),
        (B1, TEE[0], "LOT7", 2), (B1, TEE[2], None, 7)]
    assert balances(shop, {"location_code": B1}) == [(B1, TEE[0], "LOT7", 2), (B1, TEE[2], None, 7)]
    assert balances(shop, {"product_code": "TAPE"}) == [(A1, "TAPE", None, 30)]
    assert balances(shop, {"sku_code": TEE[0], "sort_by": "stock_quantity"}) == [(B1, TEE[0], "LOT7", 2),
                                                                                  (A1, TEE[0], None, 8)]
    assert balances(shop, {"batch_number": "LOT7"}) == [(B1, TEE[0], "LOT7", 2)]
    assert balances(shop, {"location_code": "NOPE"}) == []
    assert balances(shop, {"product_code": "129092", "location_code": A2, "include_empty": True}) == [
        (A2, TEE[1], None, 5), (A2, TEE[3], None, 0)]


def test_balance_search(shop, search_path):
    assert balances(shop, {"search": "B01"}) == [(B1, TEE[0], "LOT7", 2), (B1, TEE[2], None, 7)]  # location prefix
    assert balances(shop, {"search": "A01-02"}) == [(A2, TEE[1], None, 5)]
    assert balances(shop, {"search": "129092-黄色-M"}) == [(A1, TEE[0], None, 8), (B1, TEE[0], "LOT7", 2)]
    assert balances(shop, {"search": "6901234567892"}) == [(A1, TEE[0], None, 8), (B1, TEE[0], "LOT7", 2)]
    assert balances(shop, {"search": "TA"}) == [(A1, "TAPE", None, 30)]  # product code prefix
    assert balances(shop, {"search": "胶带"}) == [(A1, "TAPE", None, 30)]  # name part
    assert [b[1] for b in balances(shop, {"search": "Cotton", "sort_by": "sku_code"})] == [TEE[1], TEE[0], TEE[0],
                                                                                          TEE[2]]
    assert balances(shop, {"search": "01-01"}) == []  # codes match from the start only
    assert balances(shop, {"search": "B01", "location_code": A1}) == []  # and every filter still applies
    assert balances(shop, {"search": "129092", "include_empty": True, "location_code": A2}) == [
        (A2, TEE[1], None, 5), (A2, TEE[3], None, 0)]


def test_balance_rows(shop):
    ids = shop.browse.balance_ids({"include_empty": True})
    rows = shop.browse.balance_rows([ids[3], ids[0], 999_999])
    empty, tee = rows
    assert set(to_json(tee)) == {"balance_id", "location_code", "product_code", "product_name", "sku_code", "sku_color",
                        "sku_size", "batch_number", "stock_quantity", "locked_quantity", "available_quantity",
                        "updated_at"}
    assert (tee.balance_id, tee.product_code, tee.product_name, tee.sku_color, tee.sku_size) == (
        ids[0], "129092", "纯棉T恤 Cotton tee", "黄色", "M")
    assert (tee.stock_quantity, tee.locked_quantity, tee.available_quantity) == (8, 0, 8)
    assert (empty.sku_code, empty.stock_quantity) == (TEE[3], 0)
    tape = shop.browse.balance_rows(shop.browse.balance_ids({"product_code": "TAPE"}))[0]
    assert (tape.sku_color, tape.sku_size, tape.batch_number) == (None, None, None)


def test_balances_of_other_warehouses_are_not_listed(shop):
    create_warehouse(shop.db, {"warehouse_code": "WH02", "warehouse_name": "East"})
    other = Services(shop.db, "WH02")
    other.locations.create({"location_code": B1})
    receive(other, TEE[0], B1, 50)
    other_ids = other.browse.balance_ids({})
    assert shop.browse.balance_rows(other_ids) == []
    assert len(shop.browse.balance_ids({"search": "B01"})) == 2
    assert len(shop.browse.balance_ids({"sort_by": "stock_quantity"})) == 5


def test_balance_refusals(shop):
    refused(shop, shop.browse.balance_ids, {"sort_by": "product_name"}, "sort_by")
    refused(shop, shop.browse.balance_ids, {"includeEmpty": True}, "includeEmpty")
    refused(shop, shop.browse.balance_ids, {"location_code": ""}, "location_code")
    refused(shop, shop.browse.balance_ids, {"limit": 2.5}, "limit")
    refused(shop, shop.browse.balance_rows, [0], "ids[0]")
    refused(shop, shop.browse.balance_rows, None, "ids")
