"""The one MQTT connection of the app, as a QObject on the GUI thread (GUIDE §6).

paho calls back on its own network thread; every callback is turned into a private signal
connected with a *queued* connection to this object, so the public signals below are always
emitted on the GUI thread, whatever (or whoever) is connected to them.

No broker configured: no connection at all, state ``off``. Broker down: state ``disconnected``
while paho retries with backoff. Either way the app works; only weighing and sensors wait.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ...devices.mqtt import (
    AlertRules,
    ConnectionState,
    ConnectionStatus,
    MqttConnection,
    MqttSettings,
    Scale,
    ScaleReading,
    SensorAlert,
    SensorReading,
    SensorStore,
    WeightCapture,
)
from ...devices.mqtt.topics import DEFAULT_ROOT
from ...domain.errors import WmsError
from ..app_settings import AppSettings
from .config import alert_rules, broker_settings

log = logging.getLogger(__name__)

OFF, ERROR = "off", "error"  # besides the connection states: connecting, connected, disconnected


class DeviceBridge(QObject):
    state_changed = Signal(str)  # off | connecting | connected | disconnected | error (ui/status.py STATES);
    # also when only ``detail`` (the last error) changed
    scale_reading = Signal(object)  # ScaleReading of this workstation's scale
    sensor_reading = Signal(object)  # SensorReading of any zone
    sensor_removed = Signal(str, str)  # zone, kind: its retained value was deleted on the broker
    alerts_changed = Signal(list)  # [SensorAlert] whenever the set of breached limits changes

    _status_arrived = Signal(object)
    _scale_arrived = Signal(object)
    _sensor_arrived = Signal(object)
    _sensor_gone = Signal(str, str)

    def __init__(self, broker: MqttSettings | None = None, *, station_id: str = "", root: str = DEFAULT_ROOT,
                 rules: AlertRules = AlertRules(), problem: str | None = None,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self._clock = clock
        self._state = ERROR if problem else OFF  # problem: why the settings could not be used
        self._detail = problem or ""
        self._latest_scale: ScaleReading | None = None
        self._alerts: dict[tuple[str, str], SensorAlert] = {}
        queued = Qt.ConnectionType.QueuedConnection
        self._status_arrived.connect(self._on_status, queued)
        self._scale_arrived.connect(self._on_scale, queued)
        self._sensor_arrived.connect(self._on_sensor, queued)
        self._sensor_gone.connect(self._on_sensor_gone, queued)
        self.connection: MqttConnection | None = None
        self.scale: Scale | None = None
        self.sensors: SensorStore | None = None
        if broker is None or problem:
            return
        self.connection = MqttConnection(broker, on_status=self._status_arrived.emit)
        if station_id:
            self.scale = Scale(station_id, root=root, clock=clock, on_reading=self._scale_arrived.emit)
            self.connection.subscribe(self.scale.topic, self.scale.handle_message)
        self.sensors = SensorStore(root=root, on_reading=self._sensor_arrived.emit, on_removed=self._sensor_gone.emit)
        self.connection.subscribe(self.sensors.topic_filter, self.sensors.handle_message, qos=1)

    @classmethod
    def from_settings(cls, settings: AppSettings, parent: QObject | None = None) -> DeviceBridge:
        """Unusable settings give a bridge in state ``error`` (shown in the status bar), not a crash."""
        try:
            broker = broker_settings(settings)
            rules = alert_rules(settings)
            if broker is None:
                return cls(rules=rules, parent=parent)
            return cls(broker, station_id=settings.station_id, root=settings.mqtt_topic_root, rules=rules,
                       parent=parent)
        except ValueError as error:
            log.error("scale/sensor settings unusable: %s", error)
            return cls(problem=str(error), parent=parent)

    # -- life ------------------------------------------------------------------------------------
    def start(self) -> None:
        """Returns at once, broker or not."""
        if self.connection is not None:
            self.connection.start()

    def stop(self) -> None:
        """Disconnect (waits up to a second for paho's thread)."""
        if self.connection is not None:
            self.connection.stop()

    # -- state (GUI thread) ----------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def detail(self) -> str:
        """The last connection error or settings problem, for a tooltip ("" when none)."""
        return self._detail

    @property
    def has_scale(self) -> bool:
        return self.scale is not None

    def latest_scale_reading(self) -> ScaleReading | None:
        return self._latest_scale

    def age_of(self, reading: ScaleReading) -> float:
        """Seconds since the reading arrived, on the scale's own monotonic clock."""
        return self._clock() - reading.received_at

    def capture(self) -> WeightCapture:
        """A stable reading at most 2 s old, else OPERATION_NOT_ALLOWED (``reason``: no_scale,
        no_reading, stale, unstable). The scale decides, so a stale reading is never captured."""
        if self.scale is None:
            raise WmsError("OPERATION_NOT_ALLOWED", "No scale is configured for this workstation",
                           {"reason": "no_scale"})
        return self.scale.capture()

    def sensor_readings(self) -> dict[tuple[str, str], SensorReading]:
        """The latest reading per (zone, kind): retained values are here right after connecting."""
        return self.sensors.snapshot() if self.sensors is not None else {}

    def alerts(self) -> list[SensorAlert]:
        return [self._alerts[key] for key in sorted(self._alerts)]

    def show_as_connected(self) -> None:
        """Report the broker as connected without one: for canned readings (:mod:`.canned`) only.
        A started bridge reports its real state, and this would lie about it."""
        self._on_status(ConnectionStatus(ConnectionState.CONNECTED, mqtt_version="5.0"))

    # -- from paho's thread, delivered here queued ------------------------------------------------
    @Slot(object)
    def _on_status(self, status: ConnectionStatus) -> None:
        before = (self._state, self._detail)
        self._state, self._detail = status.state.value, status.last_error or ""
        if (self._state, self._detail) != before:
            self.state_changed.emit(self._state)

    @Slot(object)
    def _on_scale(self, reading: ScaleReading) -> None:
        self._latest_scale = reading
        self.scale_reading.emit(reading)

    @Slot(object)
    def _on_sensor(self, reading: SensorReading) -> None:
        key = (reading.zone, reading.kind)
        alert = self.rules.evaluate(reading)
        before = self._alerts.get(key)
        if alert is None:
            self._alerts.pop(key, None)
        else:
            self._alerts[key] = alert
        self.sensor_reading.emit(reading)
        if (before and before.breach) != (alert and alert.breach):
            self.alerts_changed.emit(self.alerts())

    @Slot(str, str)
    def _on_sensor_gone(self, zone: str, kind: str) -> None:
        had_alert = self._alerts.pop((zone, kind), None) is not None
        self.sensor_removed.emit(zone, kind)
        if had_alert:
            self.alerts_changed.emit(self.alerts())
