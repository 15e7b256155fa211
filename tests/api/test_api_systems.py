"""Systems over HTTP. API keys: a system acts in its key's warehouse with its key's role, and
never outside that warehouse — by code or by id; administrators give keys below their own role.
Webhooks: registered, listed, logged and switched off in the administrator's warehouse only."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.api.conftest import bearer, refused, sign_in
from wms_desktop.db.schema import locations, warehouses
from wms_desktop.services import Services, webhooks


def ok(answer, status: int = 200) -> dict:
    assert answer.status_code == status, answer.text
    return answer.json()["data"]


@pytest.fixture(scope="module")
def admin(http) -> dict[str, str]:
    return bearer(sign_in(http, "ada"))


@pytest.fixture(scope="module")
def clerk_key(http, admin) -> dict[str, str]:
    created = ok(http.post("/api/keys", headers=admin, json={"name": "网店", "role": "clerk"}), 201)
    return {"X-API-Key": created["api_key"]}


@pytest.fixture(scope="module")
def other_key(api_db) -> dict[str, str]:
    """A supervisor's key of the other warehouse, WH02 (made on the command line's services)."""
    return {"X-API-Key": Services(api_db, "WH02").api_keys.add({"name": "东仓ERP", "role": "supervisor"}).api_key}


def location_id(api_db, warehouse_code: str, location_code: str) -> int:
    with api_db.engine.connect() as conn:
        return conn.scalar(select(locations.c.location_id).join(warehouses).where(
            warehouses.c.warehouse_code == warehouse_code, locations.c.location_code == location_code))


def test_a_key_acts_as_its_system_in_its_warehouse(http, clerk_key):
    me = ok(http.get("/api/auth/me", headers=clerk_key))
    assert me == {"user_name": "key:网店", "role": "clerk", "warehouse_code": "WH01", "credential": "api_key"}
    moved = ok(http.post("/api/inbound", headers=clerk_key, json={
        "product_code": "129092", "sku_code": "129092-黑色-M", "location_code": "A01-01-01", "stock_quantity": 3}))
    assert moved["operator_id"] == "key:网店"
    refused(http.post("/api/inventory/adjust", headers=clerk_key, json={
        "product_code": "129092", "sku_code": "129092-黑色-M", "location_code": "A01-01-01", "stock_quantity": 1}),
        403, "PERMISSION_DENIED", 12001)


def test_a_key_of_one_warehouse_cannot_read_or_change_another(http, api_db, clerk_key, other_key):
    theirs = location_id(api_db, "WH02", "E-01")
    move = {"product_code": "129092", "sku_code": "129092-黑色-M", "stock_quantity": 1}
    refused(http.post("/api/inbound", headers=clerk_key, json={**move, "location_code": "E-01"}),
            404, "LOCATION_NOT_FOUND", 13001)
    refused(http.post("/api/inbound", headers=clerk_key, json={**move, "location_id": theirs}),
            404, "LOCATION_NOT_FOUND", 13001)
    refused(http.get("/api/locations/E-01", headers=clerk_key), 404, "LOCATION_NOT_FOUND")
    ours = location_id(api_db, "WH01", "A01-01-01")
    refused(http.post("/api/inventory/transfer", headers=other_key, json={
        "sku_code": "129092-黄色-M", "from_location_id": ours, "to_location_code": "E-01", "stock_quantity": 1}),
        404, "LOCATION_NOT_FOUND")
    refused(http.put("/api/locations/西8排1架6层4位", headers=other_key, json={"location_name": "改"}),
            404, "LOCATION_NOT_FOUND")
    refused(http.delete("/api/locations/A01-01-01", headers=other_key), 404, "LOCATION_NOT_FOUND")
    seen = ok(http.post("/api/inventory/query", headers=other_key, json={"include_empty": True}))
    assert seen == []
    assert {row["location_code"] for row in ok(http.get("/api/locations", headers=other_key))} == {"E-01", "无货位"}


def test_keys_are_an_administrator_s_for_roles_below_their_own(http, admin, api_db, other_key):
    refused(http.post("/api/keys", headers=admin, json={"name": "root", "role": "admin"}), 403, "PERMISSION_DENIED")
    supervisor = bearer(sign_in(http, "sam"))
    refused(http.post("/api/keys", headers=supervisor, json={"name": "x", "role": "clerk"}), 403, "PERMISSION_DENIED")
    refused(http.post("/api/keys", headers=other_key, json={"name": "x", "role": "clerk"}), 403, "PERMISSION_DENIED")
    listed = ok(http.get("/api/keys", headers=admin))
    assert listed and all(key["warehouse_code"] == "WH01" for key in listed)
    assert all("api_key" not in key and "secret_hash" not in key for key in listed)
    (wh02,) = Services(api_db, "WH02").api_keys.list()
    refused(http.delete(f"/api/keys/{wh02.key_id}", headers=admin), 404, "API_KEY_NOT_FOUND", 13001)


def test_revoked_wrong_and_doubled_credentials_are_refused(http, admin):
    created = ok(http.post("/api/keys", headers=admin, json={"name": "临时", "role": "clerk"}), 201)
    key = {"X-API-Key": created["api_key"]}
    assert ok(http.get("/api/auth/me", headers=key))["credential"] == "api_key"
    assert ok(http.delete(f"/api/keys/{created['key']['key_id']}", headers=admin))["revoked_at"]
    refused(http.get("/api/auth/me", headers=key), 401, "TOKEN_REVOKED", 11002)
    refused(http.get("/api/auth/me", headers={"X-API-Key": created["api_key"] + "x"}), 401, "TOKEN_INVALID", 11002)
    refused(http.get("/api/auth/me", headers={"X-API-Key": "wmsk_garbage"}), 401, "TOKEN_INVALID")
    refused(http.get("/api/auth/me", headers={**admin, **key}), 401, "UNAUTHORIZED", 11003)


def test_an_administrator_registers_webhooks_and_reads_their_log(http, admin, api_db, clerk_key):
    added = ok(http.post("/api/webhooks", headers=admin, json={
        "url": "http://127.0.0.1:9/erp", "event_types": ["stock.*"]}), 201)
    assert len(added["secret"]) >= 40 and added["webhook"]["warehouse_code"] == "WH01"
    listed = ok(http.get("/api/webhooks", headers=admin))
    assert [hook["webhook_id"] for hook in listed] == [added["webhook"]["webhook_id"]]
    assert "secret" not in listed[0]
    ok(http.post("/api/inbound", headers=clerk_key, json={
        "product_code": "129092", "sku_code": "129092-黑色-M", "location_code": "A01-01-01", "stock_quantity": 1}))
    webhooks.route(api_db)
    (delivery,) = ok(http.get("/api/webhooks/deliveries?state=pending&limit=10", headers=admin))
    assert (delivery["event_type"], delivery["attempts"]) == ("stock.inbound", 0)
    assert ok(http.post(f"/api/webhooks/deliveries/{delivery['delivery_id']}/redeliver", headers=admin))[
        "state"] == "pending"
    refused(http.post("/api/webhooks", headers=admin, json={"url": "http://x/y", "eventTypes": ["*"]}),
            400, "INVALID_PARAMETERS")
    refused(http.get("/api/webhooks", headers=clerk_key), 403, "PERMISSION_DENIED")
    theirs = Services(api_db, "WH02").webhooks.add({"url": "http://127.0.0.1:9/east", "event_types": ["*"]})
    refused(http.delete(f"/api/webhooks/{theirs.webhook.webhook_id}", headers=admin), 404, "WEBHOOK_NOT_FOUND", 13001)
    assert ok(http.delete(f"/api/webhooks/{added['webhook']['webhook_id']}", headers=admin))["is_active"] is False
