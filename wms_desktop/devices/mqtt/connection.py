"""One broker connection per workstation, on paho-mqtt's own network thread.

``start()`` never blocks and never raises for a missing broker: the workstation must work
without one, so connecting, retrying with backoff and falling back from MQTT 5 to 3.1.1 all
happen on paho's thread and surface only through ``on_status``. Message handlers and
``on_status`` run on that thread (``on_status`` also from start() and stop()); a Qt bridge
re-emits them as queued signals.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .payload import Message
from .settings import MqttSettings

if TYPE_CHECKING:  # paho loads with the first connection: the window starts without it
    import paho.mqtt.client as mqtt

log = logging.getLogger(__name__)

Handler = Callable[[Message], None]
MQTT5, MQTT311 = 5, 4  # paho's MQTTProtocolVersion values
_VERSION_NAMES = {MQTT5: "5.0", MQTT311: "3.1.1"}


class ConnectionState(StrEnum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"  # includes waiting for the broker to confirm our subscriptions
    CONNECTED = "connected"


@dataclass(frozen=True)
class ConnectionStatus:
    state: ConnectionState
    mqtt_version: str  # the protocol in use or being tried: "5.0" or "3.1.1"
    last_error: str | None = None


class MqttConnection:
    def __init__(
        self,
        settings: MqttSettings,
        on_status: Callable[[ConnectionStatus], None] | None = None,
    ) -> None:
        self._settings = settings
        self._on_status = on_status
        # Re-entrant so an on_status callback may read ``status``.
        self._lock = threading.RLock()
        self._subscriptions: dict[str, tuple[int, Handler]] = {}
        self._client: mqtt.Client | None = None
        self._started = False
        self._subscribe_mid: int | None = None
        self._connected = threading.Event()
        self._mqtt_version = _VERSION_NAMES[MQTT5]
        self._status = ConnectionStatus(ConnectionState.DISCONNECTED, self._mqtt_version)

    @property
    def status(self) -> ConnectionStatus:
        with self._lock:
            return self._status

    def subscribe(self, topic_filter: str, handler: Handler, qos: int = 0) -> None:
        """Register before ``start()``: subscriptions are (re)made on every connect."""
        with self._lock:
            if self._started:
                raise RuntimeError("subscribe before start()")
            self._subscriptions[topic_filter] = (qos, handler)

    def start(self) -> None:
        with self._lock:
            if self._started:
                raise RuntimeError("already started")
            self._started = True
            self._launch(MQTT5)

    def stop(self) -> None:
        """Disconnect and wait for the network thread (up to a second while it backs off)."""
        with self._lock:
            client, self._client = self._client, None
            self._started = False
        if client is not None:
            client.disconnect()
            client.loop_stop()
        with self._lock:
            self._report(ConnectionState.DISCONNECTED, None)

    def wait_connected(self, timeout_s: float) -> bool:
        return self._connected.wait(timeout_s)

    def publish(
        self, topic: str, payload: bytes, *, qos: int = 0, retain: bool = False
    ) -> mqtt.MQTTMessageInfo:
        """Hand a message to paho; QoS 0 is dropped while disconnected, QoS 1-2 are queued."""
        with self._lock:
            client = self._client
        if client is None:
            raise RuntimeError("publish before start()")
        return client.publish(topic, payload, qos=qos, retain=retain)

    # --- under the lock ---------------------------------------------------------------------

    def _launch(self, protocol: int) -> None:
        import paho.mqtt.client as mqtt
        from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion

        settings = self._settings
        # MQTT 5 sets a clean session per connect; 3.1.1 only per client.
        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=settings.client_id,
            protocol=MQTTProtocolVersion(protocol),
            clean_session=True if protocol == MQTT311 else None,
        )
        client.on_pre_connect = self._on_pre_connect
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_subscribe = self._on_subscribe
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        client.reconnect_delay_set(settings.reconnect_min_delay_s, settings.reconnect_max_delay_s)
        if settings.username is not None:
            client.username_pw_set(settings.username, settings.password)
        self._client = client
        self._mqtt_version = _VERSION_NAMES[protocol]
        if settings.tls:
            try:
                client.tls_set(ca_certs=settings.ca_file)
            except OSError as exc:  # a missing or unreadable CA file: a settings problem to show
                log.error("MQTT TLS setup failed: %s", exc)
                self._report(ConnectionState.DISCONNECTED, f"TLS setup failed: {exc}")
                return
        connect_options: dict[str, Any] = {}
        if protocol == MQTT5:
            connect_options["clean_start"] = True
        client.connect_async(settings.host, settings.port, settings.keepalive_s, **connect_options)
        self._report(ConnectionState.CONNECTING, self._status.last_error)
        client.loop_start()

    def _report(self, state: ConnectionState, error: str | None) -> None:
        status = ConnectionStatus(state, self._mqtt_version, error)
        if state is ConnectionState.CONNECTED:
            self._connected.set()
        else:
            self._connected.clear()
        if status == self._status:
            return
        self._status = status
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:
                log.exception("on_status callback failed")

    # --- on paho's network thread ----------------------------------------------------------

    def _report_from(self, client: mqtt.Client, state: ConnectionState, error: str | None) -> None:
        with self._lock:
            # A client replaced by the 3.1.1 fallback, or stopped, calls back as it winds down.
            if client is self._client:
                self._report(state, error)

    def _on_pre_connect(self, client: mqtt.Client, userdata: Any) -> None:
        with self._lock:
            if client is self._client:  # keeps the last error: "connecting, last time: refused"
                self._report(ConnectionState.CONNECTING, self._status.last_error)

    def _on_connect_fail(self, client: mqtt.Client, userdata: Any) -> None:
        # paho calls this while it handles the socket or TLS error, so the cause is still at hand.
        cause = sys.exception()
        error = f"cannot connect to {self._settings.host}:{self._settings.port}"
        self._report_from(
            client, ConnectionState.DISCONNECTED, f"{error}: {cause}" if cause else error
        )

    def _on_connect(
        self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any
    ) -> None:
        if reason.is_failure:
            if (
                reason == "Unsupported protocol version"
                and client.protocol == MQTT5
            ):
                self._fall_back_to_311(client)
            else:
                self._report_from(client, ConnectionState.DISCONNECTED, f"broker refused: {reason}")
            return
        with self._lock:
            if client is not self._client:
                return
            if not self._subscriptions:
                self._report(ConnectionState.CONNECTED, None)
                return
            # Connected once the broker confirms the subscriptions: before that we would miss
            # messages, and retained values arrive right after the confirmation.
            _, self._subscribe_mid = client.subscribe(
                [(topic_filter, qos) for topic_filter, (qos, _) in self._subscriptions.items()]
            )

    def _fall_back_to_311(self, client: mqtt.Client) -> None:
        log.info("broker refused MQTT 5, falling back to MQTT 3.1.1")
        client.disconnect()  # this client's network thread ends once the callback returns
        with self._lock:
            if client is self._client:
                self._launch(MQTT311)

    def _on_subscribe(
        self, client: mqtt.Client, userdata: Any, mid: int, reasons: list[Any], properties: Any
    ) -> None:
        with self._lock:
            if client is not self._client or mid != self._subscribe_mid:
                return
            # Reasons come in the order of the filters sent from _on_connect.
            refused = [
                f"{topic_filter} ({reason})"
                for topic_filter, reason in zip(self._subscriptions, reasons, strict=True)
                if reason.is_failure
            ]
            error = f"subscription refused: {', '.join(refused)}" if refused else None
            if error:
                log.error("MQTT %s", error)
            self._report(ConnectionState.CONNECTED, error)

    def _on_disconnect(
        self, client: mqtt.Client, userdata: Any, flags: Any, reason: Any, properties: Any
    ) -> None:
        with self._lock:
            # After a refused connect the refusal, already reported, is the better error.
            if client is self._client and self._status.state is not ConnectionState.DISCONNECTED:
                error = f"connection lost: {reason}" if reason.is_failure else None
                self._report(ConnectionState.DISCONNECTED, error)

    def _on_message(self, client: mqtt.Client, userdata: Any, msg: mqtt.MQTTMessage) -> None:
        from paho.mqtt.client import topic_matches_sub

        try:
            message = Message(topic=msg.topic, payload=msg.payload, retained=bool(msg.retain))
        except UnicodeDecodeError:
            log.warning("dropped message whose topic is not UTF-8")
            return
        # Subscriptions are fixed once started, so reading them here needs no lock.
        for topic_filter, (_, handler) in self._subscriptions.items():
            if topic_matches_sub(topic_filter, message.topic):
                try:
                    handler(message)
                except Exception:
                    log.exception("handler for %s failed on %s", topic_filter, message.topic)
