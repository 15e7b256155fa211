"""Publishes committed stock movements from the database outbox to MQTT after commit, in the
order of the numbers it gives them (``sequence``, see services/events.py). Runs in the app's
background (or alone: ``wms-desktop events relay``).

While the broker is away nothing is marked sent, so events queue in the database and go out
in order when it returns. An event is marked sent only after the broker acknowledged it
(QoS 1); one acknowledged but not yet marked when the relay stops goes out again, and the
consumer drops it by ``event_id``.
"""
from __future__ import annotations

import json
import logging
import threading

from .db.engine import Database
from .devices.mqtt import ConnectionState, MqttConnection
from .devices.mqtt.topics import DEFAULT_ROOT, stock_events_topic
from .domain.errors import WmsError
from .services import events

log = logging.getLogger(__name__)


class EventRelay:
    def __init__(self, db: Database, connection: MqttConnection, root: str = DEFAULT_ROOT,
                 batch_size: int = 200, ack_timeout_s: float = 5.0, idle_s: float = 0.5) -> None:
        self.db = db
        self.connection = connection
        self.root = root
        self.batch_size = batch_size
        self.ack_timeout_s = ack_timeout_s
        self.idle_s = idle_s
        self._lease = events.RelayLease(db)
        self._wake = threading.Event()

    def wake(self) -> None:
        """Look now instead of at the next idle tick (``RelayThread.stop`` uses it to end the wait)."""
        self._wake.set()

    def close(self) -> None:
        """Let another workstation's relay take over."""
        self._lease.release()

    def publish_pending(self) -> int:
        """Publish one batch; return how many events the broker acknowledged."""
        if self.connection.status.state is not ConnectionState.CONNECTED or not self._lease.held():
            return 0
        acknowledged = []
        for event in events.next_batch(self.db, self.batch_size):
            info = self.connection.publish(stock_events_topic(self.root, event["warehouse_code"]),
                                           json.dumps(event, ensure_ascii=False).encode(), qos=1)
            try:
                info.wait_for_publish(self.ack_timeout_s)
            except (RuntimeError, ValueError) as error:  # paho: not queued / connection gone
                log.info("stock event %s not published: %s", event["event_id"], error)
            if not info.is_published():
                break  # keep the order: nothing after an unacknowledged event
            acknowledged.append(event["event_id"])
        events.mark_published(self.db, acknowledged)
        return len(acknowledged)

    def run(self, stop: threading.Event) -> None:
        """Loop until ``stop`` is set; database or broker trouble is logged and retried."""
        away = False  # the database is unavailable: said once, not at every tick
        try:
            while not stop.is_set():
                try:
                    sent = self.publish_pending()
                    if away:
                        log.info("stock event relay: the database is back")
                    away = False
                except WmsError as error:
                    if not away:
                        log.warning("stock event relay waiting: %s %s", error.error_code, error.details)
                    away = error.error_code == "DATABASE_UNAVAILABLE"
                    sent = 0
                except Exception:  # the relay must outlive anything else too
                    log.exception("stock event relay failed; retrying")
                    sent = 0
                if sent < self.batch_size:
                    self._wake.wait(self.idle_s)
                    self._wake.clear()
        finally:
            self.close()


class RelayThread:
    """The relay on a background thread of the workstation (never the GUI thread)."""

    def __init__(self, relay: EventRelay) -> None:
        self.relay = relay
        self._stop = threading.Event()
        # daemon: a relay stuck on a dead database must not keep the process alive after stop()'s wait
        self._thread = threading.Thread(target=relay.run, args=(self._stop,), name="stock-event-relay",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> bool:
        """Finish the batch in flight, release the lease; False when the thread did not end in time."""
        self._stop.set()
        self.relay.wake()
        self._thread.join(timeout_s)
        return not self._thread.is_alive()
