"""Webhooks on both backends: what is routed to whom (types, warehouse, registered before the
event), nothing for rolled-back work, a warehouse's own webhooks and deliveries only."""
from __future__ import annotations

import json

import pytest

from tests.conftest import WAREHOUSE
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse
from wms_desktop.services import webhooks as routing

RECEIVER = "http://127.0.0.1:9/hook"


@pytest.fixture
def shop(services: Services) -> Services:
    for code in ("A1", "A2"):
        services.locations.create({"location_code": code})
    services.catalog.create_product({"product_code": "P1", "product_name": "T恤", "operator_id": "seed"})
    return services


def inbound(services: Services, quantity: int = 1, location: str = "A1") -> None:
    services.inventory.inbound({"product_code": "P1", "location_code": location, "stock_quantity": quantity,
                                "operator_id": "u"})


def test_events_are_routed_to_the_webhooks_whose_types_match_once(shop, db):
    inbound(shop)  # before any webhook: goes to none
    stock = shop.webhooks.add({"url": RECEIVER, "event_types": ["stock.*"]})
    transfers = shop.webhooks.add({"url": RECEIVER + "/t", "event_types": ["stock.transfer_in", "document.*"]})
    assert len(stock.secret) >= 40 and stock.webhook.event_types == ["stock.*"]
    inbound(shop, 5)
    shop.inventory.transfer({"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2",
                             "stock_quantity": 2, "operator_id": "u"})
    assert routing.route(db) == 4 and routing.route(db) == 0
    made = shop.webhooks.deliveries({})
    assert sorted((d.webhook_id, d.event_type) for d in made) == sorted([
        (stock.webhook.webhook_id, "stock.inbound"), (stock.webhook.webhook_id, "stock.transfer_out"),
        (stock.webhook.webhook_id, "stock.transfer_in"), (transfers.webhook.webhook_id, "stock.transfer_in")])
    assert {d.state for d in made} == {"pending"} and {d.attempts for d in made} == {0}
    (due,) = [d for d in routing.due(db) if d.event_type == "stock.inbound"]
    body = json.loads(due.body)
    assert (body["event_id"], body["event_type"], body["warehouse_code"], body["sku_code"], body["quantity_change"]) == (
        due.event_id, "stock.inbound", WAREHOUSE, "P1", 5)
    assert "sequence" not in body and due.secret == stock.secret


def test_rolled_back_work_routes_nothing(shop, db):
    shop.webhooks.add({"url": RECEIVER, "event_types": ["*"]})
    inbound(shop, 3)
    with pytest.raises(WmsError):
        shop.inventory.batch_adjust({"operator_id": "u", "adjustments": [
            {"location_code": "A1", "sku_code": "P1", "stock_quantity": 1},
            {"location_code": "A1", "sku_code": "P1", "stock_quantity": -100}]})
    with pytest.raises(WmsError):
        shop.inventory.outbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 4, "operator_id": "u"})
    assert routing.route(db) == 1
    assert [d.event_type for d in shop.webhooks.deliveries({})] == ["stock.inbound"]


def test_a_warehouse_sees_and_changes_its_own_webhooks_only(shop, db):
    create_warehouse(db, {"warehouse_code": "WH02", "warehouse_name": "东仓"})
    other = Services(db, "WH02")
    other.locations.create({"location_code": "E1"})
    theirs = other.webhooks.add({"url": RECEIVER, "event_types": ["*"]})
    other.inventory.inbound({"product_code": "P1", "location_code": "E1", "stock_quantity": 1, "operator_id": "u"})
    inbound(shop)  # WH01's event: not for WH02's webhook
    routing.route(db)
    assert shop.webhooks.list() == [] and shop.webhooks.deliveries({}) == []
    (delivery,) = other.webhooks.deliveries({})
    for call, payload, code in ((shop.webhooks.remove, {"webhook_id": theirs.webhook.webhook_id}, "WEBHOOK_NOT_FOUND"),
                                (shop.webhooks.redeliver, {"delivery_id": delivery.delivery_id}, "DELIVERY_NOT_FOUND")):
        with pytest.raises(WmsError) as caught:
            call(payload)
        assert (caught.value.error_code, caught.value.code) == (code, 13001)
    assert other.webhooks.remove({"webhook_id": theirs.webhook.webhook_id}).is_active is False


def test_registering_needs_an_administrator_and_a_proper_url(shop):
    with pytest.raises(WmsError) as caught:
        shop.acting_as("sam", "supervisor").webhooks.add({"url": RECEIVER, "event_types": ["*"]})
    assert caught.value.error_code == "PERMISSION_DENIED"
    for payload, field in (({"url": "ftp://x/y", "event_types": ["*"]}, "url"),
                           ({"url": RECEIVER, "event_types": []}, "event_types"),
                           ({"url": RECEIVER, "event_types": ["Stock.*"]}, "event_types[0]"),
                           ({"url": RECEIVER, "eventTypes": ["*"]}, "eventTypes")):
        with pytest.raises(WmsError) as caught:
            shop.webhooks.add(payload)
        assert caught.value.details["field"] == field


def test_a_failing_delivery_is_retried_then_dead_and_holds_back_only_its_key(shop, db):
    shop.webhooks.add({"url": RECEIVER, "event_types": ["stock.*"]})
    inbound(shop, 1, "A1")
    inbound(shop, 2, "A1")
    inbound(shop, 3, "A2")
    routing.route(db)
    first = routing.due(db)
    assert [json.loads(d.body)["quantity_change"] for d in first] == [1, 3]  # one head per key
    retry = routing.Retry(base_s=0, cap_s=0, max_attempts=2)
    routing.settle(db, [routing.Outcome(d.delivery_id, False, 500, "boom") for d in first], retry)
    again = routing.due(db)
    assert [d.delivery_id for d in again] == [d.delivery_id for d in first] and {d.attempts for d in again} == {1}
    routing.settle(db, [routing.Outcome(again[0].delivery_id, False, None, "ConnectTimeout"),
                        routing.Outcome(again[1].delivery_id, True, 204, None)], retry)
    (dead,) = shop.webhooks.deliveries({"state": "dead"})
    assert (dead.attempts, dead.last_status, dead.last_error) == (2, None, "ConnectTimeout")
    assert [json.loads(d.body)["quantity_change"] for d in routing.due(db)] == [2]  # the dead one steps aside
    assert shop.webhooks.redeliver({"delivery_id": dead.delivery_id}).state == "pending"
    assert [json.loads(d.body)["quantity_change"] for d in routing.due(db)] == [1]  # older: goes first again
