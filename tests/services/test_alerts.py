"""Alerts on both backends: a product crossing its low or high threshold raises one alert (and
one alert event) per crossing, cleared when it recovers; lots expiring soon; acknowledging."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from wms_desktop.db.schema import lots, outbox_events, skus
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

TODAY = date(2026, 3, 1)


def alert_events(services: Services) -> list[tuple[str, dict]]:
    with services.db.engine.connect() as conn:
        rows = conn.execute(select(outbox_events.c.event_type, outbox_events.c.payload)
                            .where(outbox_events.c.event_type.like("alert.%")).order_by(outbox_events.c.outbox_id))
        return [(event_type, json.loads(payload)) for event_type, payload in rows]


def active(services: Services) -> list[tuple[str, str, int]]:
    return [(a.alert_type, a.product_code, a.quantity) for a in services.alerts.list_alerts().items]


@pytest.fixture
def shop(services):
    services.locations.create({"location_code": "A1"})
    services.locations.create({"location_code": "A2"})
    services.catalog.create_product({"product_code": "P1", "product_name": "阈值", "operator_id": "u",
                                     "low_stock_threshold": 5, "high_stock_threshold": 20,
                                     "skus": [{"sku_code": "P1-红-M", "sku_color": "红", "sku_size": "M"},
                                              {"sku_code": "P1-蓝-L", "sku_color": "蓝", "sku_size": "L"}]})
    services.catalog.create_product({"product_code": "N1", "product_name": "无阈值", "operator_id": "u"})
    return services


def move(services: Services, change: int, sku: str = "P1-红-M", place: str = "A1", **extra) -> None:
    command = {"product_code": sku.split("-")[0], "sku_code": sku, "location_code": place,
               "stock_quantity": abs(change), "operator_id": "u", **extra}
    (services.inventory.inbound if change > 0 else services.inventory.outbound)(command)


def lot(services: Services, batch: str, expiry: date, sku: str = "P1-红-M") -> None:
    """A lot with its expiry, as a receipt records it."""
    services.db.run(lambda conn: conn.execute(insert(lots).values(
        sku_id=conn.scalar(select(skus.c.sku_id).where(skus.c.sku_code == sku)), batch_number=batch,
        expiry_date=expiry)))


def test_a_crossing_raises_one_alert_and_recovery_clears_it(shop):
    move(shop, 10)
    assert active(shop) == [] and alert_events(shop) == []
    move(shop, -6)  # 4 <= 5: low
    move(shop, -1)  # still low: no second alert
    move(shop, 1, sku="P1-蓝-L", place="A2")  # 4 across two SKUs: still low
    assert active(shop) == [("low_stock", "P1", 4)]
    move(shop, 2)  # 6: recovered
    assert active(shop) == []
    move(shop, 15)  # 21 > 20: high
    assert active(shop) == [("high_stock", "P1", 21)]
    assert [(kind, e["alert_type"], e["quantity"], e["threshold"], e["product_code"])
            for kind, e in alert_events(shop)] == [
        ("alert.low_stock", "low_stock", 4, 5, "P1"), ("alert.cleared", "low_stock", 6, 5, "P1"),
        ("alert.high_stock", "high_stock", 21, 20, "P1")]
    history = shop.alerts.list_alerts({"active": False}).items
    assert [(a.alert_type, a.cleared_at is None) for a in history] == [("high_stock", True), ("low_stock", False)]
    assert all(e["occurred_at"].endswith("Z") for _, e in alert_events(shop))


def test_transfers_counts_and_batch_adjusts_decide_by_the_total(shop):
    move(shop, 8)
    shop.inventory.transfer({"sku_code": "P1-红-M", "from_location_code": "A1", "to_location_code": "A2",
                             "stock_quantity": 8, "operator_id": "u"})  # the total stays 8
    assert active(shop) == []
    shop.inventory.count({"product_code": "P1", "sku_code": "P1-红-M", "location_code": "A2", "stock_quantity": 3,
                          "operator_id": "u"})
    assert active(shop) == [("low_stock", "P1", 3)]
    shop.inventory.batch_adjust({"operator_id": "u", "adjustments": [
        {"sku_code": "P1-红-M", "location_code": "A2", "stock_quantity": 30},
        {"sku_code": "P1-蓝-L", "location_code": "A1", "stock_quantity": 1}]})
    assert active(shop) == [("high_stock", "P1", 34)]
    assert [kind for kind, _ in alert_events(shop)] == ["alert.low_stock", "alert.cleared", "alert.high_stock"]


def test_products_without_thresholds_never_alert_and_switching_one_off_clears_at_the_next_posting(shop):
    shop.inventory.inbound({"product_code": "N1", "location_code": "A1", "stock_quantity": 1, "operator_id": "u"})
    move(shop, 1)
    assert active(shop) == [("low_stock", "P1", 1)]
    product = shop.catalog.product_by_code("P1")
    shop.catalog.update_product({"product_id": product.product_id, "low_stock_threshold": -1, "operator_id": "u"})
    move(shop, 1)
    assert active(shop) == []


def test_a_refused_posting_raises_nothing(shop):
    move(shop, 10)
    with pytest.raises(WmsError):
        shop.inventory.batch_adjust({"operator_id": "u", "adjustments": [
            {"sku_code": "P1-红-M", "location_code": "A1", "stock_quantity": -7},
            {"sku_code": "P1-蓝-L", "location_code": "A1", "stock_quantity": -1}]})  # nothing there
    assert active(shop) == [] and alert_events(shop) == []


def test_lots_expiring_within_the_warehouses_days_alert_once_until_their_stock_is_gone(shop):
    lot(shop, "L-SOON", TODAY + timedelta(days=10))
    lot(shop, "L-LATE", TODAY + timedelta(days=60))
    move(shop, 4, batch_number="L-SOON")
    move(shop, 2, batch_number="L-SOON", place="A2")
    move(shop, 6, batch_number="L-LATE")
    checked = shop.alerts.check_expiry({"today": TODAY.isoformat()})
    assert (checked.raised, checked.cleared, checked.days) == (1, 0, 30)
    assert shop.alerts.check_expiry({"today": TODAY.isoformat()}).raised == 0
    soon = [a for a in shop.alerts.list_alerts().items if a.alert_type == "expiring"]
    assert [(a.sku_code, a.batch_number, a.expiry_date, a.quantity) for a in soon] == [
        ("P1-红-M", "L-SOON", (TODAY + timedelta(days=10)).isoformat(), 6)]
    move(shop, -4, batch_number="L-SOON")
    assert shop.alerts.check_expiry({"today": TODAY.isoformat()}).cleared == 0  # 2 left in A2
    move(shop, -2, batch_number="L-SOON", place="A2")
    assert shop.alerts.check_expiry({"today": TODAY.isoformat()}).cleared == 1
    assert [e["batch_number"] for kind, e in alert_events(shop) if kind in ("alert.expiring",)] == ["L-SOON"]
    assert ("alert.cleared", "expiring") in [(kind, e["alert_type"]) for kind, e in alert_events(shop)]


def test_the_days_ahead_are_the_warehouses_own(shop):
    lot(shop, "L-LATE", date.today() + timedelta(days=60))
    move(shop, 9, batch_number="L-LATE")
    assert shop.alerts.check_expiry().raised == 0
    assert shop.alerts.set_expiry_days({"expiry_alert_days": 90}).raised == 1
    assert shop.alerts.set_expiry_days({"expiry_alert_days": 7}).cleared == 1


def test_acknowledging_records_who_saw_it_and_the_badge_counts(shop):
    move(shop, 1)
    assert (shop.alerts.summary().active, shop.alerts.summary().unacknowledged) == (1, 1)
    (alert,) = shop.alerts.list_alerts().items
    shop.auth.create_user({"user_name": "boss", "password": "long enough", "display_name": "主管",
                           "role": "supervisor"})
    shop.auth.create_user({"user_name": "clerk", "password": "long enough", "display_name": "库管", "role": "clerk"})
    with pytest.raises(WmsError) as refused:
        shop.acting_as("clerk", "clerk").alerts.acknowledge({"alert_id": alert.alert_id})
    assert refused.value.error_code == "PERMISSION_DENIED"
    seen = shop.acting_as("boss", "supervisor").alerts.acknowledge({"alert_id": alert.alert_id})
    assert seen.acknowledged_by == "boss" and seen.acknowledged_at is not None
    again = shop.alerts.acknowledge({"alert_id": alert.alert_id, "operator_id": "other"})
    assert again.acknowledged_by == "boss"  # the first acknowledgement stays
    assert (shop.alerts.summary().active, shop.alerts.summary().unacknowledged) == (1, 0)
    with pytest.raises(WmsError) as missing:
        shop.alerts.acknowledge({"alert_id": alert.alert_id + 100, "operator_id": "u"})
    assert (missing.value.error_code, missing.value.code) == ("ALERT_NOT_FOUND", 13001)


def test_another_warehouses_alerts_are_not_listed(shop):
    from wms_desktop.services import create_warehouse

    move(shop, 1)
    create_warehouse(shop.db, {"warehouse_code": "WH2", "warehouse_name": "二号仓"})
    other = Services(shop.db, "WH2")
    assert other.alerts.list_alerts().items == [] and other.alerts.summary().active == 0
    (alert,) = shop.alerts.list_alerts().items
    with pytest.raises(WmsError):
        other.alerts.acknowledge({"alert_id": alert.alert_id, "operator_id": "u"})
