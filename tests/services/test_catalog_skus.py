"""SKU weights, SKU update and delete, and removing an external code, on both backends."""
from __future__ import annotations

import pytest

from tests.services.test_catalog import TEE
from tests.services.test_inventory import ISO_Z, refused

M, L, BLACK = "129092-黄色-M", "129092-黄色-L", "129092-黑色-M"


@pytest.fixture
def tee(services):
    weighed = {**TEE, "skus": [{**TEE["skus"][0], "weight_grams": 180}, *TEE["skus"][1:]]}
    return services.catalog.create_product(weighed)


def _weights(view):
    return {s.sku_code: s.weight_grams for s in view.skus}


def test_weight_is_in_every_sku_output(services, tee):
    assert _weights(tee) == {M: 180, L: None, BLACK: None}
    assert _weights(services.catalog.product_by_id(tee.product_id)) == _weights(tee)
    assert services.catalog.product_by_code(M).matched_sku.weight_grams == 180
    assert services.catalog.product_by_external_code("EXT001").matched_sku.weight_grams == 180
    assert services.catalog.sku_by_external_code("6901234567892").weight_grams == 180
    sku = services.catalog.create_sku({"product_code": "129092", "sku_code": "129092-黑色-XL", "sku_color": "黑色",
                                       "sku_size": "XL", "weight_grams": 2500})
    assert sku.weight_grams == 2500
    assert services.catalog.product_by_code("129092-黑色-XL").matched_sku.weight_grams == 2500


@pytest.mark.parametrize("weight", [0, -5, 1.5, True, "180", f"{10**12}", 10**12])
def test_weight_must_be_a_positive_integer(services, tee, weight):
    line = {"sku_code": "129092-白色-S", "sku_color": "白色", "sku_size": "S", "weight_grams": weight}
    error = refused(services, services.catalog.create_sku, {"product_code": "129092", **line}, "INVALID_PARAMETERS")
    assert error.details["field"] == "weight_grams"
    error = refused(services, services.catalog.create_product,
                    {"product_code": "NEW1", "product_name": "n", "operator_id": "u",
                     "skus": [{**line, "sku_code": "NEW1-白色-S"}]}, "INVALID_PARAMETERS")
    assert error.details["field"] == "skus[0].weight_grams"
    error = refused(services, services.catalog.update_sku, {"sku_code": M, "weight_grams": weight, "operator_id": "u"},
                    "INVALID_PARAMETERS")
    assert error.details["field"] == "weight_grams"


def test_update_sku_sets_and_clears_image_and_weight(services, tee):
    result = services.catalog.update_sku({"sku_code": L, "weight_grams": 210, "image_path": "/uploads/l.jpg",
                                          "operator_id": "u2", "notes": "称重"})
    assert (result.weight_grams, result.image_path, result.sku_code) == (210, "/uploads/l.jpg", L)
    assert result.external_codes == [] and result.notes == "称重" and ISO_Z.match(result.operated_at)
    # left out: unchanged; null: cleared
    kept = services.catalog.update_sku({"sku_code": L, "image_path": None, "operator_id": "u2"})
    assert (kept.weight_grams, kept.image_path) == (210, None)
    assert _weights(services.catalog.product_by_code("129092"))[L] == 210
    refused(services, services.catalog.update_sku, {"sku_code": "129092-红-S", "weight_grams": 1, "operator_id": "u"},
            "SKU_NOT_FOUND")
    for bad in ({"sku_color": "白"}, {"weightGrams": 3}, {"image_path": "/tmp/x.png"}):
        refused(services, services.catalog.update_sku, {"sku_code": L, "operator_id": "u", **bad}, "INVALID_PARAMETERS")
    refused(services, services.catalog.update_sku, {"sku_code": L, "weight_grams": 5}, "INVALID_PARAMETERS")


def test_update_sku_honours_request_id(services, tee):
    payload = {"sku_code": L, "weight_grams": 99, "operator_id": "u", "request_id": "w-1"}
    first = services.catalog.update_sku(payload)
    assert services.catalog.update_sku(payload) == first
    # clearing is a different request from leaving the field out
    services.catalog.update_sku({"sku_code": L, "operator_id": "u", "request_id": "w-2"})
    refused(services, services.catalog.update_sku, {"sku_code": L, "weight_grams": None, "operator_id": "u",
                                                    "request_id": "w-2"}, "INVALID_PARAMETERS")


def test_delete_sku_refused_with_stock_and_for_the_last_sku(services, tee):
    services.locations.create({"location_code": "A01"})
    move = {"product_code": "129092", "sku_code": BLACK, "stock_quantity": 2, "location_code": "A01", "operator_id": "u"}
    services.inventory.inbound(move)
    error = refused(services, services.catalog.delete_sku, {"sku_code": BLACK, "operator_id": "u"},
                    "OPERATION_NOT_ALLOWED")
    assert error.details == {"sku_code": BLACK, "stock_quantity": 2, "reason": "sku_has_stock"}
    services.inventory.outbound(move)
    deleted = services.catalog.delete_sku({"sku_code": BLACK, "operator_id": "u9", "request_id": "del-1"})
    assert deleted.sku_code == BLACK and deleted.product_code == "129092" and deleted.operator_id == "u9"
    assert services.catalog.delete_sku({"sku_code": BLACK, "operator_id": "u9", "request_id": "del-1"}) == deleted
    view = services.catalog.product_by_code("129092")
    assert sorted(_weights(view)) == [L, M] and [c.color for c in view.colors] == ["黄色"]
    refused(services, services.catalog.product_by_code, BLACK, "SKU_NOT_FOUND")
    refused(services, services.inventory.inbound, move, "SKU_NOT_FOUND")
    services.catalog.delete_sku({"sku_code": L, "operator_id": "u"})
    error = refused(services, services.catalog.delete_sku, {"sku_code": M, "operator_id": "u"}, "OPERATION_NOT_ALLOWED")
    assert error.details["reason"] == "last_sku"
    # a deleted SKU's code can be used again
    again = services.catalog.create_sku({"product_code": "129092", "sku_code": BLACK, "sku_color": "黑色",
                                         "sku_size": "M"})
    assert again.sku_code == BLACK and again.weight_grams is None


def test_delete_sku_frees_its_external_codes(services, tee):
    services.catalog.add_external_codes({"sku_code": L, "external_code": "L-1"})
    services.catalog.delete_sku({"sku_code": L, "operator_id": "u"})
    refused(services, services.catalog.sku_by_external_code, "L-1", "EXTERNAL_CODE_NOT_FOUND")
    services.catalog.add_external_codes({"sku_code": M, "external_code": "L-1"})


def test_the_implicit_sku_cannot_be_deleted_but_can_be_weighed(services):
    services.catalog.create_product({"product_code": "TAPE", "product_name": "胶带", "operator_id": "u"})
    error = refused(services, services.catalog.delete_sku, {"sku_code": "TAPE", "operator_id": "u"},
                    "OPERATION_NOT_ALLOWED")
    assert error.details["reason"] == "last_sku"
    assert services.catalog.update_sku({"sku_code": "TAPE", "weight_grams": 45, "operator_id": "u"}).weight_grams == 45
    assert services.catalog.product_by_code("TAPE").skus[0].weight_grams == 45


def test_remove_external_code(services, tee):
    result = services.catalog.remove_external_code({"sku_code": M, "external_code": "EXT001", "operator_id": "u",
                                                    "request_id": "rm-1"})
    assert result.external_codes == ["6901234567892"] and result.removed_external_code == "EXT001"
    assert services.catalog.remove_external_code({"sku_code": M, "external_code": "EXT001", "operator_id": "u",
                                                  "request_id": "rm-1"}) == result
    refused(services, services.catalog.product_by_external_code, "EXT001", "EXTERNAL_CODE_NOT_FOUND")
    refused(services, services.catalog.remove_external_code, {"sku_code": M, "external_code": "EXT001",
                                                              "operator_id": "u"}, "EXTERNAL_CODE_NOT_FOUND")
    # a code is removed only from the SKU it points at
    refused(services, services.catalog.remove_external_code, {"sku_code": L, "external_code": "6901234567892",
                                                              "operator_id": "u"}, "EXTERNAL_CODE_NOT_FOUND")
    refused(services, services.catalog.remove_external_code, {"sku_code": M, "externalCode": "x", "operator_id": "u"},
            "INVALID_PARAMETERS")
    refused(services, services.catalog.remove_external_code, {"sku_code": "NOPE", "external_code": "6901234567892",
                                                              "operator_id": "u"}, "SKU_NOT_FOUND")


def test_product_detail_lists_codes_weights_and_stock_per_sku(services, tee):
    services.locations.create({"location_code": "A01"})
    services.inventory.inbound({"product_code": "129092", "sku_code": L, "stock_quantity": 4, "location_code": "A01",
                                "operator_id": "u"})
    detail = services.catalog.product_detail(tee.product_id)
    by_code = {s.sku_code: s for s in detail.skus}
    assert by_code[M].external_codes == ["6901234567892", "EXT001"] and by_code[M].weight_grams == 180
    assert (by_code[L].stock_quantity, by_code[L].external_codes) == (4, [])
    assert detail.product_code == "129092" and detail.total_quantity == 4
    refused(services, services.catalog.product_detail, 424242, "PRODUCT_NOT_FOUND")


def test_a_product_name_cannot_be_blank(services, tee):
    for payload in ({"product_code": "N1", "product_name": "  ", "operator_id": "u"},
                    {"product_code": "N1", "operator_id": "u"}):
        error = refused(services, services.catalog.create_product, payload, "INVALID_PARAMETERS")
        assert error.details["field"] == "product_name"
    error = refused(services, services.catalog.update_product, {"product_id": tee.product_id, "product_name": "",
                                                                "operator_id": "u"}, "INVALID_PARAMETERS")
    assert error.details["field"] == "product_name"
