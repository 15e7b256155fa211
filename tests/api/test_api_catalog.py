"""Products, SKUs, external codes and locations over HTTP: the spec's paths and payloads."""
from __future__ import annotations

import pytest

from tests.api.conftest import bearer, refused, sign_in
from tests.api.test_api_inventory import ok


@pytest.fixture(scope="module")
def supervisor(http) -> dict[str, str]:
    return bearer(sign_in(http, "sam"))


def test_product_lifecycle(http, supervisor):
    created = ok(http.post("/api/products", headers=supervisor, json={
        "product_code": "200001", "product_name": "卫衣", "unit": "件", "image_path": "/uploads/200001.jpg",
        "skus": [{"sku_code": "200001-红色-L", "sku_color": "红色", "sku_size": "L",
                  "external_codes": ["6901234567892"]}],
        "notes": "新品"}), 201)["data"]
    product_id = created["product_id"]
    assert (created["product_code"], created["has_sku"], created["operator_id"]) == ("200001", True, "sam")
    assert ok(http.get(f"/api/products/{product_id}", headers=supervisor))["data"]["product_name"] == "卫衣"
    by_sku = ok(http.get("/api/products/code/200001-红色-L", headers=supervisor))["data"]
    assert by_sku["matched_sku"]["sku_code"] == "200001-红色-L"
    by_barcode = ok(http.get("/api/products/external-code/6901234567892", headers=supervisor))["data"]
    assert by_barcode["product_id"] == product_id
    listed = ok(http.get("/api/products", headers=supervisor, params={"search": "2000", "page_size": 5}))
    assert [p["product_code"] for p in listed["data"]] == ["200001"] and listed["pagination"]["total"] == 1
    edited = ok(http.put(f"/api/products/{product_id}", headers=supervisor, json={"product_name": "连帽卫衣"}))
    assert edited["data"]["product_name"] == "连帽卫衣"
    refused(http.put(f"/api/products/{product_id}", headers=supervisor, json={"product_id": product_id + 1}),
            400, "INVALID_PARAMETERS")  # the path names the product
    refused(http.post("/api/products", headers=supervisor, json={"product_code": "200001", "product_name": "x"}),
            409, "PRODUCT_CODE_EXISTS")
    sku = ok(http.post("/api/sku/create", headers=supervisor, json={
        "product_code": "200001", "sku_code": "200001-红色-XL", "sku_color": "红色", "sku_size": "XL"}), 201)["data"]
    assert sku["product_id"] == product_id
    added = ok(http.post("/api/sku/200001-红色-XL/external-codes", headers=supervisor,
                         json={"external_codes": ["EXT001", "EXT002"]}))["data"]
    assert added["external_codes"] == ["EXT001", "EXT002"]
    assert ok(http.get("/api/sku/200001-红色-XL/external-codes", headers=supervisor))["data"]["external_codes"] == [
        "EXT001", "EXT002"]
    assert ok(http.get("/api/sku/external/EXT002", headers=supervisor))["data"]["sku_code"] == "200001-红色-XL"
    removed = ok(http.delete("/api/sku/200001-红色-XL/external-codes/EXT001", headers=supervisor))["data"]
    assert removed["external_codes"] == ["EXT002"]
    weighed = ok(http.put("/api/sku/200001-红色-XL", headers=supervisor, json={"weight_grams": 350}))["data"]
    assert weighed["weight_grams"] == 350
    ok(http.delete("/api/sku/200001-红色-XL", headers=supervisor))
    refused(http.get("/api/sku/external/EXT002", headers=supervisor), 404, "EXTERNAL_CODE_NOT_FOUND")
    deleted = ok(http.request("DELETE", f"/api/products/{product_id}", headers=supervisor, json={"notes": "停产"}))["data"]
    assert (deleted["product_id"], deleted["notes"]) == (product_id, "停产")
    refused(http.get(f"/api/products/{product_id}", headers=supervisor), 404, "PRODUCT_NOT_FOUND")


def test_a_clerk_reads_the_catalogue_but_does_not_edit_it(http):
    clerk = bearer(sign_in(http, "cleo"))
    assert ok(http.get("/api/products", headers=clerk))["pagination"]["total"] >= 1
    refused(http.post("/api/products", headers=clerk, json={"product_code": "300001", "product_name": "x"}),
            403, "PERMISSION_DENIED")
    refused(http.post("/api/locations", headers=clerk, json={"location_code": "C-01"}), 403, "PERMISSION_DENIED")


def test_locations(http, supervisor):
    created = ok(http.post("/api/locations", headers=supervisor, json={
        "location_code": "B-01-01", "location_name": "B区", "location_type": "storage"}), 201)["data"]
    assert created["location_code"] == "B-01-01" and created["is_active"] is True
    assert ok(http.get("/api/locations/B-01-01", headers=supervisor))["data"]["location_name"] == "B区"
    listed = ok(http.get("/api/locations", headers=supervisor, params={"search": "B-01"}))["data"]
    assert [loc["location_code"] for loc in listed] == ["B-01-01"]
    off = ok(http.put("/api/locations/B-01-01", headers=supervisor, json={"is_active": False}))["data"]
    assert off["is_active"] is False
    refused(http.post("/api/locations", headers=supervisor, json={"location_code": "B-01-01"}), 409,
            "LOCATION_CODE_EXISTS")
    refused(http.post("/api/locations", headers=supervisor, json={"locationCode": "B-01-02"}), 400,
            "INVALID_PARAMETERS")
    ok(http.delete("/api/locations/B-01-01", headers=supervisor))
    refused(http.get("/api/locations/B-01-01", headers=supervisor), 404, "LOCATION_NOT_FOUND")
    refused(http.get("/api/locations", headers=supervisor, params={"is_active": "yes"}), 400, "INVALID_PARAMETERS")
