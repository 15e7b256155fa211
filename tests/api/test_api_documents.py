"""Documents over HTTP, the same calls as the app: an ASN planned, edited, received scan by scan,
finished and closed with its variance; a blind receipt; the tolerance; roles; the caller's
warehouse only; and the document's events routed to a webhook like the stock's."""
from __future__ import annotations

import pytest

from tests.api.conftest import PASSWORD, bearer, refused, sign_in
from wms_desktop.services import Services, webhooks

YELLOW_M, BLACK_XL = "129092-黄色-M", "129092-黑色-XL"


def ok(answer, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["success"] is True and body["error_code"] is None, body
    return body["data"]


@pytest.fixture(scope="module")
def clerk(http) -> dict[str, str]:
    return bearer(sign_in(http, "cleo"))


@pytest.fixture(scope="module")
def supervisor(http) -> dict[str, str]:
    headers = bearer(sign_in(http, "sam"))
    ok(http.post("/api/locations", headers=headers, json={"location_code": "收货区", "location_type": "receiving"}),
       201)
    return headers


def plan(http, supervisor, number: str) -> dict:
    return ok(http.post("/api/asns", headers=supervisor, json={
        "asn_number": number, "supplier_name": "华东供应商", "expected_arrival": "2026-12-10", "document_ref": "PO-88",
        "lines": [{"sku_code": YELLOW_M, "expected_quantity": 10}, {"sku_code": BLACK_XL, "expected_quantity": 4}]}),
        201)["asn"]


def test_an_asn_from_plan_to_close(http, api_db, clerk, supervisor):
    hook = Services(api_db, "WH01").webhooks.add({"url": "http://127.0.0.1:9/erp", "event_types": ["document.*"]})
    planned = plan(http, supervisor, "ASN-1")
    assert (planned["state"], planned["supplier_name"], [line["expected_quantity"] for line in planned["lines"]]) == (
        "pending", "华东供应商", [10, 4])
    edited = ok(http.put("/api/asns/ASN-1", headers=supervisor, json={
        "expected_version": planned["version"], "supplier_name": "华东",
        "lines": [{"sku_code": YELLOW_M, "expected_quantity": 8}, {"sku_code": BLACK_XL, "expected_quantity": 4}]}))
    assert edited["asn"]["supplier_name"] == "华东"
    refused(http.put("/api/asns/ASN-1", headers=supervisor, json={"expected_version": planned["version"], "lines": [
        {"sku_code": YELLOW_M, "expected_quantity": 1}]}), 409, "DOCUMENT_VERSION_CONFLICT")

    received = ok(http.post("/api/asns/ASN-1/receive", headers={**clerk, "Idempotency-Key": "scan-1"},
                            json={"sku_code": YELLOW_M, "quantity": 8}))
    assert (received["asn"]["state"], received["line"]["received_quantity"], received["request_id"]) == (
        "receiving", 8, "scan-1")
    again = ok(http.post("/api/asns/ASN-1/receive", headers={**clerk, "Idempotency-Key": "scan-1"},
                         json={"sku_code": YELLOW_M, "quantity": 8}))
    assert again["line"]["received_quantity"] == 8  # the repeat changed nothing
    ok(http.post("/api/asns/ASN-1/receive", headers=clerk, json={"sku_code": BLACK_XL, "quantity": 3}))
    assert ok(http.post("/api/asns/ASN-1/finish", headers=clerk))["asn"]["state"] == "received"
    refused(http.post("/api/asns/ASN-1/close", headers=supervisor), 400, "REASON_REQUIRED")
    closed = ok(http.post("/api/asns/ASN-1/close", headers=supervisor, json={
        "short_reasons": [{"line_number": 2, "reason_code": "supplier_short"}]}))["asn"]
    assert (closed["state"], [line["short_quantity"] for line in closed["lines"]]) == ("closed", [0, 1])
    detail = ok(http.get("/api/asns/ASN-1", headers=clerk))
    assert detail["document_number"] == "ASN-1" and detail["state"] == "closed"
    stock = ok(http.post("/api/inventory/query", headers=clerk, json={"location_code": "收货区"}))
    assert {(row["sku_code"], row["stock_quantity"]) for row in stock} == {(YELLOW_M, 8), (BLACK_XL, 3)}
    tasks = ok(http.get("/api/putaway?asn_number=ASN-1", headers=clerk))["tasks"]
    assert {(task["sku_code"], task["open_quantity"]) for task in tasks} == {(YELLOW_M, 8), (BLACK_XL, 3)}
    moved = ok(http.post("/api/asns/ASN-1/put-away", headers=clerk, json={
        "sku_code": YELLOW_M, "from_location_code": "收货区", "to_location_code": "A01-01-01", "quantity": 5}))
    assert (moved["quantity"], moved["open_quantity"]) == (5, 3)

    webhooks.route(api_db)
    sent = Services(api_db, "WH01").webhooks.deliveries({"webhook_id": hook.webhook.webhook_id, "limit": 100})
    assert [d.event_type for d in reversed(sent)][:1] == ["document.asn.create"]
    assert {d.ordering_key for d in sent} == {sent[0].ordering_key}  # one document: one key, in order


def test_lists_cancel_blind_receipts_and_the_tolerance(http, clerk, supervisor):
    plan(http, supervisor, "ASN-2")
    assert ok(http.post("/api/asns/ASN-2/cancel", headers=supervisor, json={"notes": "供应商取消"}))["asn"][
        "state"] == "cancelled"
    refused(http.post("/api/asns/ASN-2/cancel", headers=supervisor), 400, "INVALID_STATE_TRANSITION")
    rows = ok(http.post("/api/asns/query", headers=clerk, json={"search": "ASN-", "limit": 10}))
    assert {row["document_number"] for row in rows} >= {"ASN-2"}
    for sort_by in ("document_number", "expected_arrival", "supplier_name", "updated_at"):  # schemathesis found a 500
        assert ok(http.post("/api/asns/query", headers=clerk, json={"sort_by": sort_by, "descending": True}))
    blind = ok(http.post("/api/receipts", headers=clerk), 201)["asn"]
    assert blind["document_number"].startswith("BR-") and blind["without_asn"] is True
    ok(http.post(f"/api/asns/{blind['document_number']}/receive", headers=clerk,
                 json={"sku_code": YELLOW_M, "quantity": 1}))
    assert ok(http.put("/api/receiving/tolerance", headers=supervisor, json={"over_receipt_tolerance_percent": 10}))[
        "over_receipt_tolerance_percent"] == 10
    assert ok(http.get("/api/receiving/tolerance", headers=clerk))["over_receipt_tolerance_percent"] == 10


def test_asn_refusals_roles_names_and_warehouses(http, api_db, clerk, supervisor):
    refused(http.post("/api/asns", headers=clerk, json={"asn_number": "ASN-9", "lines": []}), 403, "PERMISSION_DENIED")
    camel = refused(http.post("/api/asns", headers=supervisor, json={"asnNumber": "ASN-9", "lines": []}),
                    400, "INVALID_PARAMETERS")
    assert camel["details"]["field"] == "asnNumber"
    refused(http.get("/api/asns/NOPE", headers=clerk), 404, "DOCUMENT_NOT_FOUND", 13001)
    plan(http, supervisor, "ASN-3")
    other = {"X-API-Key": Services(api_db, "WH02").api_keys.add({"name": "东仓", "role": "supervisor"}).api_key}
    refused(http.get("/api/asns/ASN-3", headers=other), 404, "DOCUMENT_NOT_FOUND")
    refused(http.post("/api/asns/ASN-3/cancel", headers=other), 404, "DOCUMENT_NOT_FOUND")
    refused(http.post("/api/asns/ASN-3/receive", headers=other, json={"sku_code": YELLOW_M, "quantity": 1}),
            404, "DOCUMENT_NOT_FOUND")
    assert ok(http.post("/api/asns/query", headers=other, json={})) == []
    refused(http.post("/api/asns/ASN-3/receive", headers=clerk, json={"sku_code": YELLOW_M, "quantity": 1,
                                                                         "asn_number": "ASN-1"}),
            400, "INVALID_PARAMETERS")


@pytest.fixture(scope="module")
def packing(http, supervisor) -> str:
    ok(http.post("/api/locations", headers=supervisor, json={"location_code": "打包台", "location_type": "shipping"}),
       201)
    return "打包台"


def test_an_order_from_create_to_ship(http, clerk, supervisor, packing):
    made = ok(http.post("/api/orders", headers=supervisor, json={
        "order_number": "SO-1", "customer_name": "网店客户", "carrier": "SF",
        "lines": [{"sku_code": YELLOW_M, "stock_quantity": 3}]}), 201)
    assert (made["state"], made["lines"][0]["stock_quantity"]) == ("pending", 3)
    edited = ok(http.put("/api/orders/SO-1", headers=supervisor, json={
        "expected_version": made["version"], "recipient_name": "李雷"}))
    assert edited["recipient_name"] == "李雷" and edited["customer_name"] == "网店客户"
    refused(http.post("/api/orders/SO-1/release", headers=clerk), 403, "PERMISSION_DENIED")
    released = ok(http.post("/api/orders/SO-1/release", headers=supervisor))
    assert released["state"] == "released" and sum(a["reserved_quantity"] for a in released["allocations"]) == 3
    (allocation,) = released["allocations"]
    picked = ok(http.post("/api/orders/SO-1/pick", headers={**clerk, "Idempotency-Key": "pick-1"}, json={
        "location_code": allocation["location_code"], "sku_code": YELLOW_M, "stock_quantity": 3,
        "to_location_code": packing}))
    assert (picked["state"], picked["remaining_quantity"], picked["request_id"]) == ("picked", 0, "pick-1")
    packed = ok(http.post("/api/orders/SO-1/pack", headers=clerk, json={
        "items": [{"sku_code": YELLOW_M, "stock_quantity": 3}]}))
    assert (packed["state"], packed["carton"]["carton_number"]) == ("packed", 1)
    shipped = ok(http.post("/api/orders/SO-1/ship", headers=clerk, json={
        "cartons": [{"carton_number": 1, "tracking_number": "SF0001"}]}))
    assert shipped["state"] == "shipped" and shipped["cartons"][0]["tracking_number"] == "SF0001"
    assert ok(http.get("/api/orders/SO-1", headers=clerk))["state"] == "shipped"
    rows = ok(http.post("/api/orders/query", headers=clerk, json={"states": ["shipped"]}))
    assert [row["document_number"] for row in rows] == ["SO-1"]


def test_order_refusals_and_the_short_stock_policy(http, api_db, clerk, supervisor):
    short = {"order_number": "SO-2", "customer_name": "客户", "lines": [{"sku_code": BLACK_XL, "stock_quantity": 10_000}]}
    ok(http.post("/api/orders", headers=supervisor, json=short), 201)
    refused(http.post("/api/orders/SO-2/release", headers=supervisor), 400, "INSUFFICIENT_STOCK_TO_RESERVE", 15003)
    assert ok(http.put("/api/warehouse/short-stock-policy", headers=supervisor,
                       json={"short_stock_policy": "backorder"}))["short_stock_policy"] == "backorder"
    backordered = ok(http.post("/api/orders/SO-2/release", headers=supervisor))
    assert backordered["lines"][0]["backorder_quantity"] > 0
    assert ok(http.post("/api/orders/SO-2/cancel", headers=supervisor))["state"] == "cancelled"
    refused(http.post("/api/orders", headers=clerk, json={**short, "order_number": "SO-3"}), 403, "PERMISSION_DENIED")
    camel = refused(http.post("/api/orders", headers=supervisor, json={**short, "orderNumber": "SO-3"}),
                    400, "INVALID_PARAMETERS")
    assert camel["details"]["field"] == "orderNumber"
    other = {"X-API-Key": Services(api_db, "WH02").api_keys.add({"name": "东仓单", "role": "supervisor"}).api_key}
    refused(http.get("/api/orders/SO-1", headers=other), 404, "DOCUMENT_NOT_FOUND")
    refused(http.post("/api/orders/SO-1/cancel", headers=other), 404, "DOCUMENT_NOT_FOUND")
    assert ok(http.post("/api/orders/query", headers=other, json={})) == []


def test_a_short_pick_then_a_return_of_the_shipped_order(http, api_db, clerk, supervisor, packing):
    sku, bin_ = "129092-黑色-M", "A01-01-01"
    Services(api_db, "WH01").inventory.inbound({"product_code": "129092", "sku_code": sku, "location_code": bin_,
                                                "stock_quantity": 5, "operator_id": "seed"})
    ok(http.post("/api/orders", headers=supervisor, json={
        "order_number": "SO-R", "customer_name": "退货客户", "lines": [{"sku_code": sku, "stock_quantity": 3}]}), 201)
    released = ok(http.post("/api/orders/SO-R/release", headers=supervisor))
    assert [(a["location_code"], a["reserved_quantity"]) for a in released["allocations"]] == [(bin_, 3)]
    ok(http.post("/api/orders/SO-R/pick", headers=clerk, json={
        "location_code": bin_, "sku_code": sku, "stock_quantity": 2, "to_location_code": packing}))
    refused(http.post("/api/orders/SO-R/short-pick", headers=clerk, json={"location_code": bin_}), 400,
            "INVALID_PARAMETERS")
    short = ok(http.post("/api/orders/SO-R/short-pick", headers={**clerk, "Idempotency-Key": "short-r"},
                         json={"location_code": bin_, "sku_code": sku}))
    assert (short["state"], short["lines"][0]["picked_quantity"], short["lines"][0]["backorder_quantity"]) == (
        "picked", 2, 1)  # the SKU's only bin: the last unit backordered
    ok(http.post("/api/orders/SO-R/pack", headers=clerk, json={"items": [{"sku_code": sku, "stock_quantity": 2}]}))
    ok(http.post("/api/orders/SO-R/ship", headers=clerk, json={"cartons": [{"carton_number": 1,
                                                                           "tracking_number": "SF-R"}]}))
    opened = ok(http.post("/api/orders/SO-R/returns", headers=clerk), 201)
    assert (opened["document_number"], opened["state"], opened["returnable"][0]["shipped_quantity"]) == (
        "RT-SO-R-1", "open", 2)
    back = ok(http.post("/api/returns/RT-SO-R-1/receive", headers={**clerk, "Idempotency-Key": "rt-r"}, json={
        "sku_code": sku, "stock_quantity": 1, "disposition": "restock", "location_code": bin_,
        "reason_code": "wrong_size"}))
    assert [(b["location_code"], b["current_quantity"] - b["previous_quantity"]) for b in back["changes"]["balances"]
            ] == [(bin_, 1)]
    refused(http.post("/api/returns/RT-SO-R-1/receive", headers=clerk, json={
        "sku_code": sku, "stock_quantity": 2, "disposition": "scrap", "reason_code": "torn"}), 400,
        "RETURN_QUANTITY_EXCEEDED", 15011)
    assert ok(http.post("/api/returns/RT-SO-R-1/close", headers=clerk))["state"] == "closed"
    got = ok(http.get("/api/returns/RT-SO-R-1", headers=clerk))
    assert [(line["disposition"], line["stock_quantity"]) for line in got["lines"]] == [("restock", 1)]
    assert ok(http.get("/api/orders/SO-R", headers=clerk))["returns"] == ["RT-SO-R-1"]
    other = {"X-API-Key": Services(api_db, "WH02").api_keys.add({"name": "东仓退", "role": "clerk"}).api_key}
    refused(http.get("/api/returns/RT-SO-R-1", headers=other), 404, "DOCUMENT_NOT_FOUND")


def test_alerts_are_read_and_acknowledged(http, clerk, supervisor):
    ok(http.post("/api/products", headers=supervisor, json={
        "product_code": "LOW1", "product_name": "低库存", "low_stock_threshold": 5}), 201)
    ok(http.post("/api/inbound", headers=clerk, json={"product_code": "LOW1", "location_code": "A01-01-01",
                                                      "stock_quantity": 2}))
    (alert,) = [a for a in ok(http.get("/api/alerts?active=true", headers=clerk))["items"]
                if a["product_code"] == "LOW1"]
    assert (alert["alert_type"], alert["quantity"], alert["threshold"]) == ("low_stock", 2, 5)
    assert ok(http.get("/api/alerts/summary", headers=clerk))["unacknowledged"] >= 1
    refused(http.post(f"/api/alerts/{alert['alert_id']}/acknowledge", headers=clerk), 403, "PERMISSION_DENIED")
    acknowledged = ok(http.post(f"/api/alerts/{alert['alert_id']}/acknowledge", headers=supervisor))
    assert acknowledged["acknowledged_by"] == "sam"
    assert ok(http.put("/api/warehouse/expiry-alert-days", headers=supervisor,
                       json={"expiry_alert_days": 30}))["days"] == 30


def test_a_count_from_plan_to_post(http, api_db, clerk, supervisor):
    ok(http.post("/api/locations", headers=supervisor, json={"location_code": "C-01"}), 201)
    ok(http.post("/api/inbound", headers=clerk, json={"product_code": "129092", "sku_code": YELLOW_M,
                                                      "location_code": "C-01", "stock_quantity": 10}))
    made = ok(http.post("/api/counts", headers=supervisor, json={"count_number": "CC-1", "location_codes": ["C-01"]}),
              201)
    assert made["document"]["state"] == "pending"
    refused(http.post("/api/counts", headers=clerk, json={"count_number": "CC-2", "location_codes": ["C-01"]}),
            403, "PERMISSION_DENIED")
    Services(api_db, "WH01").auth.create_user({"user_name": "suki", "password": PASSWORD, "display_name": "suki",
                                               "role": "supervisor"})
    second, admin = bearer(sign_in(http, "suki")), bearer(sign_in(http, "ada"))
    refused(http.post("/api/counts/CC-1/start", headers=clerk, json={"location_code": "C-01"}), 403, "PERMISSION_DENIED")
    for counter in (supervisor, second):  # a variance is counted again by someone else
        assert ok(http.post("/api/counts/CC-1/start", headers=counter, json={"location_code": "C-01"}))[
            "location_code"] == "C-01"
        counted = ok(http.post("/api/counts/CC-1/count", headers=counter, json={
            "location_code": "C-01", "sku_code": YELLOW_M, "stock_quantity": 8}))
        assert counted["counted_quantity"] == 8
        finished = ok(http.post("/api/counts/CC-1/finish", headers=counter, json={"location_code": "C-01"}))
    assert finished["location_state"] == "counted"
    detail = ok(http.get("/api/counts/CC-1", headers=supervisor))
    assert (detail["header"]["state"], detail["totals"]["variance_lines"]) == ("counted", 1)
    assert ok(http.get("/api/counts/CC-1/sheet", headers=second))["locations"][0]["state"] == "counted"
    (line,) = ok(http.post("/api/counts/lines/query", headers=admin, json={
        "document_id": detail["header"]["document_id"], "variances_only": True}))
    assert (line["sku_code"], line["expected_quantity"], line["counted_quantity"], line["variance"]) == (
        YELLOW_M, 10, 8, -2)
    decision = {"line_ids": [line["line_id"]], "decision": "approve", "reason_code": "lost"}
    refused(http.post("/api/counts/CC-1/decide", headers=supervisor, json=decision), 400, "COUNT_APPROVER_COUNTED")
    ok(http.post("/api/counts/CC-1/decide", headers=admin, json=decision))  # someone who did not count
    assert ok(http.post("/api/counts/CC-1/approve", headers=admin))["document"]["state"] == "approved"
    posted = ok(http.post("/api/counts/CC-1/post", headers=admin))
    assert posted["movements"] == 1
    stock = ok(http.post("/api/inventory/query", headers=clerk, json={"location_code": "C-01"}))
    assert [(row["sku_code"], row["stock_quantity"]) for row in stock] == [(YELLOW_M, 8)]
    rows = ok(http.post("/api/counts/query", headers=clerk, json={"states": ["posted"]}))
    assert [row["document_number"] for row in rows] == ["CC-1"]
    assert {a["counter"] for a in ok(http.get("/api/counts/CC-1/accuracy", headers=admin))} == {"sam", "suki"}
    settings = ok(http.put("/api/warehouse/count-settings", headers=supervisor, json={"tolerance_units": 1}))
    assert settings["tolerance_units"] == 1 and ok(http.get("/api/warehouse/count-settings", headers=clerk)) == settings
    other = {"X-API-Key": Services(api_db, "WH02").api_keys.add({"name": "东仓盘点", "role": "supervisor"}).api_key}
    refused(http.get("/api/counts/CC-1", headers=other), 404, "DOCUMENT_NOT_FOUND")
    assert ok(http.post("/api/counts/lines/query", headers=other,
                        json={"document_id": detail["header"]["document_id"]})) == []  # none of another warehouse
