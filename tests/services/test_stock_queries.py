"""Stock by query, by location and by product: the spec's shapes, filters and paging."""
from __future__ import annotations

import pytest

from tests.services.test_inventory import refused
from wms_desktop.contract import to_json

WEST, EAST = "西8排1架6层4位", "东1排1架1层1位"


@pytest.fixture
def stocked(services):
    for code in (WEST, EAST, "EMPTY"):
        services.locations.create({"location_code": code})
    sizes = [{"sku_code": f"129092-{c}-{s}", "sku_color": c, "sku_size": s}
             for c in ("黄色", "黑色") for s in ("M", "L")]
    services.catalog.create_product({"product_code": "129092", "product_name": "T恤", "operator_id": "u",
                                     "image_path": "/uploads/p.jpg", "skus": sizes})
    services.catalog.create_product({"product_code": "TAPE", "product_name": "胶带", "operator_id": "u"})
    def post(sku, loc, n, batch=None):
        return services.inventory.inbound(
            {"product_code": sku.split("-")[0], "sku_code": sku, "location_code": loc, "stock_quantity": n,
             "operator_id": "u", **({"batch_number": batch} if batch else {})})
    post("129092-黄色-M", WEST, 8)
    post("129092-黄色-M", EAST, 2, "B1")
    post("129092-黄色-L", WEST, 5)
    post("129092-黑色-M", EAST, 7)
    post("TAPE", EAST, 30)
    services.inventory.outbound({"product_code": "129092", "sku_code": "129092-黄色-L", "location_code": WEST,
                                 "stock_quantity": 5, "operator_id": "u"})  # leaves an empty balance
    return services


def test_stock_by_product_nests_colours_sizes_locations_with_totals(stocked):
    result = stocked.stock.by_product({"product_code": "129092"})
    assert to_json(result.pagination) == {"page": 1, "page_size": 50, "total": 1}
    (tee,) = result.data
    assert (tee.total_quantity, tee.sku_count, tee.color_count, tee.location_count) == (17, 4, 2, 2)
    yellow, black = tee.colors
    assert (yellow.color, yellow.total_quantity, yellow.sku_count, yellow.location_count) == ("黄色", 10, 2, 2)
    assert to_json(yellow.sizes[0]) == {"sku_size": "M", "sku_code": "129092-黄色-M", "total_quantity": 10, "locations": [
        {"location_code": EAST, "stock_quantity": 2}, {"location_code": WEST, "stock_quantity": 8}]}
    assert yellow.sizes[1].total_quantity == 0 and yellow.sizes[1].locations == []
    assert black.total_quantity == 7
    assert [s.sku_code for s in tee.skus][:2] == ["129092-黄色-M", "129092-黄色-L"]


def test_stock_by_product_pages(stocked):
    first = stocked.stock.by_product({"page": 1, "page_size": 1})
    second = stocked.stock.by_product({"page": 2, "page_size": 1})
    assert [p.product_code for p in first.data + second.data] == ["129092", "TAPE"]
    assert first.pagination.total == 2
    refused(stocked, stocked.stock.by_product, {"pageSize": 10}, "INVALID_PARAMETERS")
    refused(stocked, stocked.stock.by_product, {"page_size": 0}, "INVALID_PARAMETERS")
    refused(stocked, stocked.stock.by_product, {"product_code": "NOPE"}, "PRODUCT_NOT_FOUND")


def test_stock_by_location(stocked):
    everything = stocked.stock.by_location()
    assert [p.location_code for p in everything.data] == sorted([WEST, EAST])
    (east,) = stocked.stock.by_location({"location_code": EAST}).data
    assert [(i.sku_code, i.batch_number, i.stock_quantity) for i in east.items] == [
        ("129092-黄色-M", "B1", 2), ("129092-黑色-M", None, 7), ("TAPE", None, 30)]
    assert east.items[0].product_name == "T恤" and east.items[0].image_path == "/uploads/p.jpg"
    assert to_json(stocked.stock.by_location({"location_code": "EMPTY"}).data) == [{"location_code": "EMPTY", "items": []}]
    refused(stocked, stocked.stock.by_location, {"location_code": "NOPE"}, "LOCATION_NOT_FOUND")


def test_stock_query_filters_and_include_empty(stocked):
    rows = stocked.stock.query({"location_code": WEST}).items
    assert [(r.sku_code, r.stock_quantity, r.available_quantity) for r in rows] == [("129092-黄色-M", 8, 8)]
    rows = stocked.stock.query({"location_code": WEST, "include_empty": True}).items
    assert [r.sku_code for r in rows] == ["129092-黄色-L", "129092-黄色-M"]
    assert [r.location_code for r in stocked.stock.query({"batch_number": "B1"}).items] == [EAST]
    assert stocked.stock.query({"product_code": "TAPE"}).items[0].stock_quantity == 30
    assert stocked.stock.query({"sku_code": "129092-黑色-M"}).pagination.total == 1
    refused(stocked, stocked.stock.query, {"includeEmpty": True}, "INVALID_PARAMETERS")
    refused(stocked, stocked.stock.query, {"include_empty": "yes"}, "INVALID_PARAMETERS")
