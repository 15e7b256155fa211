"""Products, SKUs and external codes on both backends."""
from __future__ import annotations

import pytest

from tests.services.test_inventory import ISO_Z, refused
from wms_desktop.contract import to_json

TEE = {
    "product_code": "129092", "product_name": "纯棉T恤 Cotton tee", "unit": "件", "category_id": "CAT001",
    "image_path": "/uploads/products/129092.jpg", "operator_id": "u1",
    "skus": [
        {"sku_code": "129092-黄色-M", "sku_color": "黄色", "sku_size": "M", "image_path": "/uploads/y.jpg",
         "external_codes": ["6901234567892", "EXT001"]},
        {"sku_code": "129092-黄色-L", "sku_color": "黄色", "sku_size": "L"},
        {"sku_code": "129092-黑色-M", "sku_color": "黑色", "sku_size": "M"},
    ],
}


@pytest.fixture
def tee(services):
    return services.catalog.create_product(TEE)


def test_create_product_returns_its_view(tee):
    assert tee.product_id > 0 and tee.has_sku is True and tee.unit == "件"
    assert ISO_Z.match(tee.created_at) and ISO_Z.match(tee.operated_at)
    assert [c.color for c in tee.colors] == ["黄色", "黑色"]
    assert tee.sku_count == 3 and tee.color_count == 2 and tee.total_quantity == 0
    assert tee.operator_id == "u1"


def test_defaults(services):
    plain = services.catalog.create_product({"product_code": "TAPE", "product_name": "封箱胶带", "operator_id": "u"})
    assert plain.unit == "件" and plain.has_sku is False
    assert plain.low_stock_threshold == -1 and plain.high_stock_threshold == -1
    assert [s.sku_code for s in plain.skus] == ["TAPE"]


def test_product_by_code_id_and_external_code(services, tee):
    services.locations.create({"location_code": "西8排1架6层4位"})
    services.inventory.inbound({"product_code": "129092", "sku_code": "129092-黄色-M", "stock_quantity": 8,
                                "location_code": "西8排1架6层4位", "operator_id": "u1"})
    by_code = services.catalog.product_by_code("129092")
    assert by_code.matched_sku is None and by_code.stock_quantity == 8
    yellow = by_code.colors[0]
    assert yellow.total_quantity == 8 and to_json(yellow.sizes[0].locations) == [
        {"location_code": "西8排1架6层4位", "stock_quantity": 8}]
    by_sku = services.catalog.product_by_code("129092-黄色-M")
    assert to_json(by_sku.matched_sku) == {"sku_code": "129092-黄色-M", "sku_color": "黄色", "sku_size": "M",
                                     "image_path": "/uploads/y.jpg", "weight_grams": None, "scan_code": "S000001",
                                     "stock_quantity": 8}
    assert services.catalog.product_by_id(tee.product_id).product_code == "129092"
    assert services.catalog.product_by_external_code("EXT001").matched_sku.sku_code == "129092-黄色-M"


def test_lookups_refuse_unknown_and_malformed(services, tee):
    refused(services, services.catalog.product_by_code, "NOPE", "PRODUCT_NOT_FOUND")
    refused(services, services.catalog.product_by_code, "129092-黄色-XXL", "SKU_NOT_FOUND")
    refused(services, services.catalog.product_by_code, "129092-黄色", "INVALID_SKU_CODE")
    refused(services, services.catalog.product_by_id, 999999, "PRODUCT_NOT_FOUND")
    refused(services, services.catalog.product_by_id, 2**63 - 2, "PRODUCT_NOT_FOUND")  # an int8 id, not int4
    refused(services, services.catalog.product_by_id, True, "INVALID_PARAMETERS")
    refused(services, services.catalog.product_by_external_code, "000", "EXTERNAL_CODE_NOT_FOUND")
    refused(services, services.catalog.product_by_code, "", "INVALID_PARAMETERS")


@pytest.mark.parametrize("change, error_code, code", [
    ({"product_code": "129092"}, "PRODUCT_CODE_EXISTS", None),
    ({"product_code": "12-9"}, "INVALID_PRODUCT_CODE", 14001),
    ({"productName": "x"}, "INVALID_PARAMETERS", 14001),
    ({"image_path": "/tmp/x.jpg"}, "INVALID_PARAMETERS", 14001),
    ({"low_stock_threshold": -2}, "INVALID_PARAMETERS", 15013),
    ({"high_stock_threshold": -5}, "INVALID_PARAMETERS", 15014),
    ({"low_stock_threshold": 10, "high_stock_threshold": 10}, "INVALID_PARAMETERS", 15015),
    ({"has_sku": False, "skus": [{"sku_code": "NEW1-红-S", "sku_color": "红", "sku_size": "S"}]},
     "INVALID_PARAMETERS", 14001),
    ({"skus": [{"sku_code": "NEW1-红-S", "sku_color": "红", "sku_size": "M"}]}, "INVALID_SKU_CODE", 14001),
    ({"skus": [{"sku_code": "NEW1-红-S", "sku_color": "红", "sku_size": "S", "external_codes": ["EXT001"]}]},
     "EXTERNAL_CODE_EXISTS", None),
    ({"skus": [{"sku_code": "NEW1-红-S", "sku_color": "红", "sku_size": "S"}] * 2}, "SKU_CODE_EXISTS", None),
    ({"skus": [{"sku_code": "NEW1-红--S", "sku_color": "红-", "sku_size": "S"}]}, "INVALID_SKU_CODE", 14001),
])
def test_create_product_refusals(services, tee, change, error_code, code):
    payload = {"product_code": "NEW1", "product_name": "新品", "operator_id": "u1", **change}
    error = refused(services, services.catalog.create_product, payload, error_code)
    assert error.code == code


def test_update_product(services, tee):
    result = services.catalog.update_product({
        "product_id": tee.product_id, "product_name": "T恤 2", "low_stock_threshold": 5,
        "high_stock_threshold": 50, "operator_id": "u2",
        "skus": [{"sku_code": "129092-白色-S", "sku_color": "白色", "sku_size": "S"}]})
    assert result.product_name == "T恤 2" and result.sku_count == 4
    assert (result.low_stock_threshold, result.high_stock_threshold) == (5, 50)
    # category and image are cleared by null; a field left out stays
    cleared = services.catalog.update_product({"product_id": tee.product_id, "category_id": None,
                                               "image_path": None, "operator_id": "u2"})
    assert (cleared.category_id, cleared.image_path, cleared.product_name) == (None, None, "T恤 2")
    refused(services, services.catalog.update_product, {"product_id": tee.product_id, "product_name": None,
                                                        "unit": "", "operator_id": "u"}, "INVALID_PARAMETERS")
    error = refused(services, services.catalog.update_product, {"product_id": tee.product_id,
                                                                "high_stock_threshold": 3, "operator_id": "u"},
                    "INVALID_PARAMETERS")
    assert error.code == 15015
    for immutable in ({"product_code": "OTHER"}, {"has_sku": False}):
        refused(services, services.catalog.update_product,
                {"product_id": tee.product_id, "operator_id": "u", **immutable}, "OPERATION_NOT_ALLOWED")
    refused(services, services.catalog.update_product, {"product_id": 424242, "operator_id": "u"},
            "PRODUCT_NOT_FOUND")


def test_delete_is_refused_while_stock_exists_then_allowed(services, tee):
    services.locations.create({"location_code": "A01"})
    move = {"product_code": "129092", "sku_code": "129092-黑色-M", "stock_quantity": 2, "location_code": "A01",
            "operator_id": "u1"}
    services.inventory.inbound(move)
    error = refused(services, services.catalog.delete_product, {"product_id": tee.product_id, "operator_id": "u"},
                    "OPERATION_NOT_ALLOWED")
    assert error.details["reason"] == "product_has_stock"
    services.inventory.outbound(move)
    deleted = services.catalog.delete_product({"product_id": tee.product_id, "operator_id": "u9", "notes": "停产"})
    assert deleted.product_id == tee.product_id and deleted.notes == "停产"
    refused(services, services.catalog.product_by_code, "129092", "PRODUCT_NOT_FOUND")
    refused(services, services.catalog.product_by_external_code, "EXT001", "EXTERNAL_CODE_NOT_FOUND")
    refused(services, services.inventory.inbound, move, "PRODUCT_NOT_FOUND")
    # the code and the external codes are free again; the old history stays in the ledger
    again = services.catalog.create_product(TEE)
    assert again.product_id != tee.product_id


def test_create_sku_and_opening_stock_into_unassigned(services, tee):
    sku = services.catalog.create_sku({
        "product_code": "129092", "sku_code": "129092-黑色-XL", "sku_color": "黑色", "sku_size": "XL",
        "stock_quantity": 100, "image_path": "/uploads/129092-black-xl.jpg", "external_codes": ["EXT002"],
        "operator_id": "u1"})
    assert sku.sku_code == "129092-黑色-XL" and sku.external_codes == ["EXT002"]
    located = services.stock.by_location({"location_code": "无货位"}).data[0].items
    assert [(i.sku_code, i.stock_quantity) for i in located] == [("129092-黑色-XL", 100)]
    refused(services, services.catalog.create_sku, {"product_code": "129092", "sku_code": "129092-黑色-S",
                                                    "sku_color": "黑色", "sku_size": "S", "stock_quantity": 1},
            "INVALID_PARAMETERS")  # opening stock needs an operator
    refused(services, services.catalog.create_sku, {"product_code": "129092", "sku_code": "129092-黑色-XL",
                                                    "sku_color": "黑色", "sku_size": "XL"}, "SKU_CODE_EXISTS")
    refused(services, services.catalog.create_sku, {"productCode": "129092", "skuCode": "129092-黑色-S",
                                                    "color": "黑色", "size": "S"}, "INVALID_PARAMETERS")
    services.catalog.create_product({"product_code": "TAPE", "product_name": "胶带", "operator_id": "u"})
    refused(services, services.catalog.create_sku, {"product_code": "TAPE", "sku_code": "TAPE-白-S",
                                                    "sku_color": "白", "sku_size": "S"}, "OPERATION_NOT_ALLOWED")


def test_external_codes_add_list_find(services, tee):
    added = services.catalog.add_external_codes({"sku_code": "129092-黄色-L", "external_codes": ["1234567890",
                                                                                              "9876543210"]})
    assert (added.sku_code, added.external_codes) == ("129092-黄色-L", ["1234567890", "9876543210"])
    services.catalog.add_external_codes({"sku_code": "129092-黄色-L", "external_code": "555"})
    assert services.catalog.external_codes_of("129092-黄色-L").external_codes == ["1234567890", "9876543210", "555"]
    found = services.catalog.sku_by_external_code("555")
    assert found.sku_code == "129092-黄色-L" and found.product_code == "129092"
    error = refused(services, services.catalog.add_external_codes, {"sku_code": "129092-黑色-M", "external_code": "555"},
                    "EXTERNAL_CODE_EXISTS")
    assert error.details == {"external_code": "555", "sku_code": "129092-黄色-L"}
    refused(services, services.catalog.add_external_codes, {"sku_code": "129092-黑色-M", "external_code": "1",
                                                            "external_codes": ["2"]}, "INVALID_PARAMETERS")
    refused(services, services.catalog.add_external_codes, {"sku_code": "129092-黑色-M",
                                                            "external_codes": ["7", "7"]}, "INVALID_PARAMETERS")
    refused(services, services.catalog.add_external_codes, {"sku_code": "NOPE", "external_code": "8"}, "SKU_NOT_FOUND")


def test_list_products_searches_codes_names_and_barcodes(services, tee):
    services.catalog.create_product({"product_code": "TAPE", "product_name": "封箱胶带 tape", "operator_id": "u"})
    def codes(search):
        return [p.product_code for p in services.catalog.list_products({"search": search}).data]
    assert codes("129") == ["129092"]
    assert codes("胶带") == ["TAPE"]
    assert codes("129092-黑") == ["129092"]
    assert codes("EXT001") == ["129092"]
    assert codes("%") == []
    page = services.catalog.list_products({"page": 2, "page_size": 1})
    assert to_json(page.pagination) == {"page": 2, "page_size": 1, "total": 2} and len(page.data) == 1
    refused(services, services.catalog.list_products, {"pageSize": 5}, "INVALID_PARAMETERS")


def test_catalogue_changes_honour_request_id(services):
    payload = {"product_code": "P9", "product_name": "p", "operator_id": "u", "request_id": "create-P9"}
    first = services.catalog.create_product(payload)
    assert services.catalog.create_product(payload) == first  # a double click, not PRODUCT_CODE_EXISTS
    refused(services, services.catalog.create_product, {**payload, "product_name": "other"}, "INVALID_PARAMETERS")
