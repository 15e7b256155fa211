"""Stock events: every committed movement reaches the broker once and in order, across a broker
outage; a rolled-back posting publishes nothing. Real PostgreSQL, real Mosquitto."""
from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import func, select

from tests.conftest import WAREHOUSE
from tests.devices.mqtt.mqtt_helpers import LinkProxy, settings_for, wait_until
from wms_desktop.db.schema import outbox_events, stock_movements
from wms_desktop.devices.mqtt.topics import events_topic
from wms_desktop.domain.errors import WmsError
from wms_desktop.event_relay import EventRelay
from wms_desktop.services import Services
from wms_desktop.services.events import pending


@pytest.fixture
def shop(pg):
    services = Services(pg, WAREHOUSE)
    services.locations.create({"location_code": "西8排1架6层4位"})
    services.catalog.create_product({"product_code": "P1", "product_name": "p", "operator_id": "u"})
    return services


def receive(start_connection, port, root):
    """A consumer that dedupes by event_id, as the docs tell consumers to."""
    seen, events = set(), []

    def on_message(message):
        event = json.loads(message.payload)
        if event["event_id"] not in seen:
            seen.add(event["event_id"])
            events.append(event)

    consumer = start_connection(settings_for(port), ((events_topic(root, WAREHOUSE, "stock"), on_message, 1),))
    assert consumer.wait_connected(5)
    return events


def post(shop, n):
    for i in range(n):
        shop.inventory.inbound({"product_code": "P1", "location_code": "西8排1架6层4位", "stock_quantity": i + 1,
                                "operator_id": "u7"})


def run_relay(relay):
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    return stop, thread


def test_events_go_out_once_in_order_with_their_fields(shop, shared_broker, start_connection, topic_root):
    received = receive(start_connection, shared_broker, topic_root)
    post(shop, 5)
    with pytest.raises(WmsError):  # refused: rolled back, so no event
        shop.inventory.outbound({"product_code": "P1", "location_code": "西8排1架6层4位", "stock_quantity": 10**6,
                                 "operator_id": "u7"})
    publisher = start_connection(settings_for(shared_broker))
    assert publisher.wait_connected(5)
    relay = EventRelay(shop.db, publisher, root=topic_root)
    assert relay.publish_pending() == 5
    relay.close()
    assert wait_until(lambda: len(received) == 5)
    assert [e["quantity_change"] for e in received] == [1, 2, 3, 4, 5]
    assert [e["quantity_after"] for e in received] == [1, 3, 6, 10, 15]
    first = received[0]
    assert first["event_type"] == "stock.inbound" and first["sku_code"] == "P1"
    assert first["location_code"] == "西8排1架6层4位" and first["operator_id"] == "u7"
    assert first["warehouse_code"] == WAREHOUSE and first["operated_at"].endswith("Z")
    assert pending(shop.db) == [] and relay.publish_pending() == 0
    relay.close()


def test_one_relay_publishes_at_a_time(shop, shared_broker, start_connection, topic_root):
    post(shop, 2)
    publisher = start_connection(settings_for(shared_broker))
    assert publisher.wait_connected(5)
    first, second = (EventRelay(shop.db, publisher, root=topic_root) for _ in range(2))
    assert first.publish_pending() == 2
    post(shop, 1)
    assert second.publish_pending() == 0  # the first one holds the lease
    first.close()
    assert second.publish_pending() == 1
    second.close()


def test_a_rolled_back_posting_leaves_no_event(shop):
    from wms_desktop.services import lookup
    from wms_desktop.services.posting import Header, Line
    from wms_desktop.services.posting import post as post_lines

    with pytest.raises(RuntimeError), shop.db.transaction() as conn:
        sku = lookup.sku(conn, "P1")
        place = lookup.location(conn, lookup.warehouse_id(conn, WAREHOUSE), location_code="西8排1架6层4位")
        post_lines(conn, [Line(sku, place, "", "inbound", change=3)], Header(operator_id="u", request_id="x"))
        raise RuntimeError("the workstation crashed before commit")
    with shop.db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(outbox_events)) == 0
        assert conn.scalar(select(func.count()).select_from(stock_movements)) == 0


def test_a_movement_that_commits_late_is_numbered_after_what_went_out_before_it(shop):
    """Workstation A writes its ledger row (the lower movement id) and is slow to commit;
    workstation B's posting (a higher id, another balance) commits and goes out first. A's
    event, once committed, is numbered after B's: a consumer that resumes after the last
    sequence it saw (not the last movement id) misses nothing."""
    from wms_desktop.services import lookup
    from wms_desktop.services.events import mark_published, next_batch, numbered_after
    from wms_desktop.services.posting import Header, Line
    from wms_desktop.services.posting import post as post_lines

    shop.locations.create({"location_code": "B2"})
    with shop.db.transaction() as slow:
        sku = lookup.sku(slow, "P1")
        place = lookup.location(slow, lookup.warehouse_id(slow, WAREHOUSE), location_code="西8排1架6层4位")
        post_lines(slow, [Line(sku, place, "", "inbound", change=3)], Header(operator_id="a", request_id="slow"))
        shop.inventory.inbound({"product_code": "P1", "location_code": "B2", "stock_quantity": 1,
                                "operator_id": "b", "request_id": "fast"})
        first = next_batch(shop.db)
        mark_published(shop.db, [e["event_id"] for e in first])
    second = next_batch(shop.db)
    assert [e["request_id"] for e in first + second] == ["fast", "slow"]
    assert second[0]["movement_id"] < first[0]["movement_id"]  # ids are not the order …
    assert second[0]["sequence"] > first[0]["sequence"]  # … sequences are
    assert [e["request_id"] for e in numbered_after(shop.db, first[0]["sequence"])] == ["slow"]
    assert next_batch(shop.db) == second  # not yet acknowledged: the same numbers again


def test_events_wait_out_a_broker_outage_and_then_go_out_in_order(shop, shared_broker, start_connection, topic_root):
    """The workstation loses the broker (its link is cut: connections dropped, then refused)
    while a consumer stays subscribed; the consumer must not have to win a reconnect race to
    see what the relay sends once the broker is back."""
    link = LinkProxy(shared_broker)
    publisher = start_connection(settings_for(link.port, reconnect_max_delay_s=1.0))
    assert publisher.wait_connected(5)
    relay = EventRelay(shop.db, publisher, root=topic_root, ack_timeout_s=1.0, idle_s=0.1)
    stop, thread = run_relay(relay)
    try:
        received = receive(start_connection, shared_broker, topic_root)
        post(shop, 3)
        assert wait_until(lambda: len(received) == 3)
        assert wait_until(lambda: pending(shop.db) == [])  # acknowledged, not only delivered: else one waits too
        link.cut()
        post(shop, 40)  # committed while the broker is away: they wait in the outbox
        assert wait_until(lambda: len(pending(shop.db)) == 40, 3)
        link.mend()
        restarted = time.monotonic()
        assert wait_until(lambda: len(received) == 43, 15), (len(received), len(pending(shop.db)))
        print(f"\nstock events: 40 queued during the outage delivered {time.monotonic() - restarted:.2f} s "
              "after the broker came back")
        assert [e["quantity_change"] for e in received] == list(range(1, 4)) + list(range(1, 41))
        assert [e["sequence"] for e in received] == list(range(1, 44))
        assert wait_until(lambda: pending(shop.db) == [], 5)
    finally:
        stop.set()
        thread.join(5)
        link.cut()


def test_a_waiting_relay_asks_again_on_the_same_session(pg):
    """Every workstation without the lease asks each idle tick: on one kept session, not a new
    connection each time."""
    from sqlalchemy import text

    from wms_desktop.services.events import RelayLease

    first, second = RelayLease(pg), RelayLease(pg)
    try:
        assert first.held() and not second.held()
        session = second._conn.scalar(text("SELECT pg_backend_pid()"))
        assert not second.held()
        first.release()
        assert second.held()
        assert second._conn.scalar(text("SELECT pg_backend_pid()")) == session
    finally:
        first.release()
        second.release()


def test_a_released_lease_is_free_at_once(pg):
    """Relays hand over many times in a row, each asking right after the other let go: the
    lease is free when ``release()`` returns, not whenever the server ends the old session."""
    from wms_desktop.services.events import RelayLease

    leases = (RelayLease(pg), RelayLease(pg))
    try:
        for turn in range(40):
            holder, waiter = leases[turn % 2], leases[(turn + 1) % 2]
            assert holder.held(), f"handover {turn}: the lease was released but is still taken"
            assert not waiter.held()
            holder.release()
    finally:
        for lease in leases:
            lease.release()


def test_a_lease_frees_a_grant_it_never_heard_of(pg):
    """The server granted the lock but its answer was lost (the ask raised, so the lease does
    not know it holds it): releasing still frees it at once, not when the server ends the old
    session."""
    from wms_desktop.services.events import RelayLease

    leases = (RelayLease(pg), RelayLease(pg))
    try:
        for turn in range(40):
            lost, waiter = leases[turn % 2], leases[(turn + 1) % 2]
            assert lost.held()
            lost._holding = False  # what the lease believes after its ask raised
            lost.release()
            assert waiter.held(), f"handover {turn}: the lost grant still holds the lease"
            waiter.release()
    finally:
        for lease in leases:
            lease.release()
