"""The spec's stock endpoints over HTTP: every operation's happy path and its refusals with their
status, envelope and code; strict names; Idempotency-Key; roles; the caller's warehouse only."""
from __future__ import annotations

import pytest

from tests.api.conftest import bearer, refused, sign_in


@pytest.fixture(scope="module")
def clerk(http) -> dict[str, str]:
    return bearer(sign_in(http, "cleo"))


@pytest.fixture(scope="module")
def supervisor(http) -> dict[str, str]:
    return bearer(sign_in(http, "sam"))


def ok(answer, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["success"] is True and body["error_code"] is None and body["error_message"] is None, body
    return body


def balance(http, headers, location_code: str, sku_code: str) -> int:
    body = ok(http.post("/api/inventory/query", headers=headers,
                        json={"location_code": location_code, "sku_code": sku_code, "include_empty": True}))
    return sum(item["stock_quantity"] for item in body["data"])


def test_inbound_transfer_outbound_as_the_spec_writes_them(http, clerk):
    moved = ok(http.post("/api/inbound", headers=clerk, json={
        "product_code": "129092", "sku_code": "129092-黑色-XL", "location_code": "A01-01-01", "stock_quantity": 5,
        "batch_number": "BATCH001", "notes": "到货"}))["data"]
    assert (moved["sku_code"], moved["stock_quantity"], moved["current_quantity"], moved["operator_id"]) == (
        "129092-黑色-XL", 5, 5, "cleo")
    assert moved["operated_at"].endswith("Z")
    transferred = ok(http.post("/api/inventory/transfer", headers=clerk, json={
        "sku_code": "129092-黑色-XL", "from_location_code": "A01-01-01", "to_location_code": "西8排2架6层4位",
        "stock_quantity": 2, "batch_number": "BATCH001", "notes": "移库操作"}))["data"]
    assert (transferred["from_location_code"], transferred["to_location_code"], transferred["from_current_quantity"],
            transferred["to_current_quantity"]) == ("A01-01-01", "西8排2架6层4位", 3, 2)
    shipped = ok(http.post("/api/outbound", headers=clerk, json={
        "product_code": "129092", "sku_code": "129092-黑色-XL", "location_code": "A01-01-01", "stock_quantity": 1,
        "batch_number": "BATCH001"}))["data"]
    assert (shipped["previous_quantity"], shipped["current_quantity"]) == (3, 2)


def test_adjust_count_and_batch_adjust_need_a_supervisor(http, clerk, supervisor):
    payload = {"product_code": "129092", "location_code": "A01-01-01", "sku_code": "129092-黄色-XL",
               "stock_quantity": 10}
    denied = refused(http.post("/api/inventory/adjust", headers=clerk, json=payload), 403, "PERMISSION_DENIED", 12001)
    assert denied["details"]["permission"] == "correct_stock"
    adjusted = ok(http.post("/api/inventory/adjust", headers=supervisor, json=payload))["data"]
    assert (adjusted["previous_quantity"], adjusted["adjusted_quantity"], adjusted["current_quantity"]) == (0, 10, 10)
    counted = ok(http.post("/api/inventory/count", headers=supervisor, json={**payload, "stock_quantity": 7}))["data"]
    assert (counted["adjusted_quantity"], counted["current_quantity"]) == (-3, 7)
    batch = ok(http.post("/api/inventory/batch-adjust", headers=supervisor, json={
        "adjustments": [{"location_code": "A01-01-01", "sku_code": "129092-黄色-XL", "stock_quantity": 3},
                        {"location_code": "西8排1架6层4位", "sku_code": "129092-黄色-M",
                         "stock_quantity": -5}],
        "notes": "批量库存调整", "is_urgent": False}))["data"]
    assert [line["current_quantity"] for line in batch["adjustments"]] == [10, 95]


def test_refusals_answer_the_envelope_with_the_status_of_their_code(http, clerk):
    move = {"product_code": "129092", "sku_code": "129092-黄色-M", "location_code": "西8排1架6层4位"}
    short = refused(http.post("/api/outbound", headers=clerk, json={**move, "stock_quantity": 10_000}),
                    400, "INSUFFICIENT_STOCK", 15002)
    assert short["details"]["available_quantity"] >= 0
    refused(http.post("/api/inbound", headers=clerk, json={**move, "location_code": "Z-99", "stock_quantity": 1}),
            404, "LOCATION_NOT_FOUND", 13001)
    refused(http.post("/api/inbound", headers=clerk, json={**move, "product_code": "999999", "stock_quantity": 1}),
            404, "PRODUCT_NOT_FOUND", 13001)
    same = refused(http.post("/api/inventory/transfer", headers=clerk, json={
        "sku_code": "129092-黄色-M", "from_location_code": "西8排1架6层4位", "to_location_code": "西8排1架6层4位",
        "stock_quantity": 1}), 400, "INVALID_PARAMETERS")
    assert same["code"] == 14006
    refused(http.post("/api/inbound", headers=clerk, json={**move, "stock_quantity": 1, "operator_id": "someone"}),
            403, "PERMISSION_DENIED")  # stock is recorded under the signed-in user
    refused(http.get("/api/no/such/thing", headers=clerk), 404, "NOT_FOUND", 13001)
    refused(http.get("/api/inbound", headers=clerk), 405, "METHOD_NOT_ALLOWED")
    bad = refused(http.post("/api/inbound", headers=clerk, content=b"{not json"), 400, "INVALID_PARAMETERS")
    assert bad["details"]["field"] == "payload"
    listed = refused(http.post("/api/inbound", headers=clerk, json=[1, 2]), 400, "INVALID_PARAMETERS")
    assert listed["details"]["field"] == "payload"
    refused(http.post("/api/inbound", json={**move, "stock_quantity": 1}), 401, "UNAUTHORIZED")


@pytest.mark.parametrize("field, value", [
    ("productCode", "129092"), ("quantity", 1), ("stockQuantity", 1), ("skuCode", "129092-黄色-M"), ("remark", "x"),
])
def test_camel_case_and_unknown_fields_are_refused_naming_the_field(http, clerk, field, value, api_db):
    payload = {"product_code": "129092", "sku_code": "129092-黄色-M", "location_code": "西8排1架6层4位",
               "stock_quantity": 1, field: value}
    before = balance(http, clerk, "西8排1架6层4位", "129092-黄色-M")
    body = refused(http.post("/api/inbound", headers=clerk, json=payload), 400, "INVALID_PARAMETERS", 14001)
    assert body["details"]["field"] == field
    if field[0].islower() and any(c.isupper() for c in field):
        assert "camelCase" in body["error_message"]
    assert balance(http, clerk, "西8排1架6层4位", "129092-黄色-M") == before


@pytest.mark.parametrize("value", [1.0, "1", True, 0, -1, None])
def test_a_quantity_is_a_positive_integer(http, clerk, value):
    body = refused(http.post("/api/inbound", headers=clerk, json={
        "product_code": "129092", "sku_code": "129092-黄色-M", "location_code": "西8排1架6层4位",
        "stock_quantity": value}), 400, "INVALID_PARAMETERS")
    assert body["details"]["field"] == "stock_quantity"


def test_idempotency_key_makes_a_repeat_harmless(http, clerk):
    payload = {"product_code": "129092", "sku_code": "129092-黑色-M", "location_code": "A01-01-01",
               "stock_quantity": 4}
    headers = {**clerk, "Idempotency-Key": "erp-000123"}
    first = ok(http.post("/api/inbound", headers=headers, json=payload))["data"]
    again = ok(http.post("/api/inbound", headers=headers, json=payload))["data"]
    assert first == again and first["request_id"] == "erp-000123"
    assert balance(http, clerk, "A01-01-01", "129092-黑色-M") == 4
    changed = refused(http.post("/api/inbound", headers=headers, json={**payload, "stock_quantity": 5}),
                      400, "INVALID_PARAMETERS")
    assert changed["details"]["field"] == "request_id"
    both = refused(http.post("/api/inbound", headers=headers, json={**payload, "request_id": "other"}),
                   400, "INVALID_PARAMETERS")
    assert both["details"]["field"] == "request_id"
    refused(http.post("/api/locations", headers=headers, json={"location_code": "IDEM-1"}), 400,
            "INVALID_PARAMETERS")  # no request_id there: the header is refused, not ignored


def test_queries_page_with_page_size_and_refuse_page_size_in_camel_case(http, clerk):
    body = ok(http.get("/api/inventory/by-product", headers=clerk, params={"page": 1, "page_size": 10}))
    assert body["pagination"] == {"page": 1, "page_size": 10, "total": 1}
    product = body["data"][0]
    assert product["product_code"] == "129092" and product["total_quantity"] > 0
    assert {c["color"] for c in product["colors"]} <= {"黄色", "黑色"}
    refused(http.get("/api/inventory/by-product", headers=clerk, params={"pageSize": 10}), 400, "INVALID_PARAMETERS")
    bad = refused(http.get("/api/inventory/by-product", headers=clerk, params={"page": "one"}), 400,
                  "INVALID_PARAMETERS")
    assert bad["details"]["field"] == "page"
    twice = refused(http.get("/api/inventory/by-product?page=1&page=2", headers=clerk), 400, "INVALID_PARAMETERS")
    assert twice["details"]["field"] == "page"
    by_location = ok(http.get("/api/inventory/by-location", headers=clerk,
                              params={"location_code": "西8排1架6层4位"}))
    assert by_location["data"][0]["location_code"] == "西8排1架6层4位"
    query = ok(http.post("/api/inventory/query", headers=clerk, json={"product_code": "129092", "page_size": 2}))
    assert len(query["data"]) <= 2 and query["pagination"]["page_size"] == 2
    history = ok(http.get("/api/inventory/movements", headers=clerk, params={"limit": 2}))["data"]
    assert len(history["items"]) == 2 and history["next_cursor"]
    refused(http.get("/api/inventory/by-location", headers=clerk, params={"location_code": "nowhere"}), 404,
            "LOCATION_NOT_FOUND")


def test_a_caller_works_in_its_own_warehouse_only(http, api_db):
    east = bearer(sign_in(http, "cleo", warehouse_code="WH02"))
    # WH01's location, by code and by id, does not exist for a WH02 token
    refused(http.post("/api/inbound", headers=east, json={
        "product_code": "129092", "sku_code": "129092-黄色-M", "location_code": "西8排1架6层4位",
        "stock_quantity": 1}), 404, "LOCATION_NOT_FOUND")
    west = bearer(sign_in(http, "cleo"))
    west_id = ok(http.get("/api/locations/西8排1架6层4位", headers=west))["data"]["location_id"]
    refused(http.post("/api/inbound", headers=east, json={
        "product_code": "129092", "sku_code": "129092-黄色-M", "location_id": west_id, "stock_quantity": 1}),
        404, "LOCATION_NOT_FOUND")
    refused(http.get(f"/api/locations/{'西8排1架6层4位'}", headers=east), 404, "LOCATION_NOT_FOUND")
    assert ok(http.post("/api/inventory/query", headers=east, json={"sku_code": "129092-黄色-M"}))["data"] == []
    moved = ok(http.post("/api/inbound", headers=east, json={
        "product_code": "129092", "sku_code": "129092-黄色-M", "location_code": "E-01", "stock_quantity": 3}))
    assert moved["data"]["current_quantity"] == 3
