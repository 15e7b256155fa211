"""The status bar: who, which warehouse, which database and how it answers, one slot per device.

Device bridges (scanner event filter, MQTT scale, printer) call ``set_state(device, state)``
on the GUI thread (they re-emit device callbacks as Qt signals first); :meth:`StatusBar.watch_devices`
follows the MQTT bridge: broker state in the scale slot, sensor alerts in red beside it.
:meth:`StatusBar.watch_link` follows the database link (``ui/connection.py``): reachable, slow
or unreachable, with the round trip or the last error as the tooltip."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from . import connection
from .devices import DeviceBridge
from .devices.sensor_texts import alert_text
from .errors.messages import error_text
from .session import Session

SCANNER, SCALE, PRINTER = "scanner", "scale", "printer"
DEVICES = (SCANNER, SCALE, PRINTER)
# state -> colour of the dot
STATES = {"unknown": "#9e9e9e", "off": "#9e9e9e", "connected": "#2e7d32", "connecting": "#f9a825",
          "disconnected": "#c62828", "error": "#c62828"}
LINK_STATES = {connection.UNKNOWN: "#9e9e9e", connection.REACHABLE: "#2e7d32", connection.SLOW: "#f9a825",
               connection.UNREACHABLE: "#c62828"}


class StatusBar(QStatusBar):
    stock_alerts_clicked = Signal()  # the stock alerts badge: open the Alerts screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.user_label = QLabel()
        self.warehouse_label = QLabel()
        self.database_label = QLabel()
        self.device_labels = {device: QLabel() for device in DEVICES}
        self.device_states = {device: "off" for device in DEVICES}
        self.alert_label = QLabel()
        self.alert_label.setObjectName("sensorAlerts")
        self.alert_label.setStyleSheet("QLabel#sensorAlerts { color: white; background: #c62828; padding: 0 6px; }")
        self.alert_label.hide()
        self.stock_alert_label = QLabel()
        self.stock_alert_label.setObjectName("stockAlerts")
        self.stock_alert_label.linkActivated.connect(lambda _link: self.stock_alerts_clicked.emit())
        self.stock_alert_label.hide()
        for label in (self.user_label, self.warehouse_label, self.database_label, *self.device_labels.values(),
                      self.alert_label, self.stock_alert_label):
            self.addPermanentWidget(label)
        self._alerts: list = []
        self._stock_alerts: tuple[int, int] = (0, 0)  # active, not acknowledged
        self._bridge: DeviceBridge | None = None
        self._link: connection.DatabaseLink | None = None
        self._session: Session | None = None
        self._warehouse = ""
        self._database = ""
        self.retranslate_ui()

    def set_context(self, session: Session | None, warehouse: str, database: str) -> None:
        self._session, self._warehouse, self._database = session, warehouse, database
        self.retranslate_ui()

    def set_state(self, device: str, state: str, detail: str = "") -> None:
        """``detail`` (the last error, say) becomes the slot's tooltip."""
        if device not in self.device_labels or state not in STATES:
            raise ValueError(f"unknown device/state {device!r}/{state!r}")
        self.device_states[device] = state
        self.device_labels[device].setToolTip(detail)
        self._render_device(device)

    def watch_devices(self, bridge: DeviceBridge) -> None:
        self._bridge = bridge
        bridge.state_changed.connect(self._bridge_state)
        bridge.alerts_changed.connect(self.set_alerts)
        self._bridge_state()
        self.set_alerts(bridge.alerts())

    def watch_link(self, link: connection.DatabaseLink) -> None:
        self._link = link
        link.state_changed.connect(self._render_database)
        self._render_database()

    @Slot()
    def _bridge_state(self, *_args) -> None:
        assert self._bridge is not None  # connected in watch_devices
        self.set_state(SCALE, self._bridge.state, self._bridge.detail)

    @Slot(list)
    def set_alerts(self, alerts: list) -> None:
        """Sensor alerts (``SensorAlert``): one is spelled out, several counted; all in the tooltip."""
        self._alerts = list(alerts)
        self._render_alerts()

    def _render_alerts(self) -> None:
        texts = [alert_text(alert) for alert in self._alerts]
        if len(texts) == 1:
            self.alert_label.setText("⚠ " + texts[0])
        else:
            self.alert_label.setText("⚠ " + self.tr("%1 sensor alerts").replace("%1", str(len(texts))))
        self.alert_label.setToolTip("\n".join(texts))
        self.alert_label.setVisible(bool(texts))

    @Slot(object)
    def set_stock_alerts(self, summary) -> None:
        """The badge of stock and expiry alerts (an ``AlertSummary``): shown while any is
        active, red while any is not acknowledged; a click opens the Alerts screen."""
        self._stock_alerts = (summary.active, summary.unacknowledged)
        self._render_stock_alerts()

    def _render_stock_alerts(self) -> None:
        active, waiting = self._stock_alerts
        colour = "#c62828" if waiting else "#757575"
        text = self.tr("%1 alerts").replace("%1", str(active))
        self.stock_alert_label.setText(f'<a href="alerts" style="color:{colour}; font-weight:bold;">🔔 {text}</a>')
        self.stock_alert_label.setToolTip(self.tr("%1 not acknowledged").replace("%1", str(waiting)))
        self.stock_alert_label.setVisible(active > 0)

    def device_names(self) -> dict[str, str]:
        return {SCANNER: self.tr("Scanner"), SCALE: self.tr("Scale/MQTT"), PRINTER: self.tr("Printer")}

    def state_names(self) -> dict[str, str]:
        return {"unknown": self.tr("unknown"), "off": self.tr("off"), "connected": self.tr("ready"),
                "connecting": self.tr("connecting"), "disconnected": self.tr("offline"), "error": self.tr("error")}

    def _render_device(self, device: str) -> None:
        state = self.device_states[device]
        label = self.device_labels[device]
        label.setText(f'<span style="color:{STATES[state]}">●</span> '
                      f'{self.device_names()[device]}: {self.state_names()[state]}')

    def retranslate_ui(self) -> None:
        user = self._session.display_name if self._session else "—"
        if self._session and self._session.display_name != self._session.user_name:
            user = f"{self._session.display_name} ({self._session.user_name})"
        self.user_label.setText(self.tr("User: %1").replace("%1", user))
        self.warehouse_label.setText(self.tr("Warehouse: %1").replace("%1", self._warehouse or "—"))
        self._render_database()
        for device in DEVICES:
            self._render_device(device)
        self._render_alerts()
        self._render_stock_alerts()

    def link_names(self) -> dict[str, str]:
        return {connection.UNKNOWN: self.tr("checking"), connection.REACHABLE: self.tr("reachable"),
                connection.SLOW: self.tr("slow"), connection.UNREACHABLE: self.tr("unreachable")}

    @Slot()
    def _render_database(self, *_args) -> None:
        text = self.tr("Database: %1").replace("%1", self._short(self._database))
        tip = self._database
        if self._link is not None:
            state = self._link.state
            text = f'<span style="color:{LINK_STATES[state]}">●</span> {text} — {self.link_names()[state]}'
            if state == connection.UNREACHABLE and self._link.last_error is not None:
                tip += "\n" + error_text(self._link.last_error)
            elif self._link.round_trip_s is not None:
                tip += "\n" + self.tr("answers in %1 ms").replace("%1", str(round(self._link.round_trip_s * 1000)))
        self.database_label.setText(text)
        self.database_label.setToolTip(tip)

    @staticmethod
    def _short(url: str, limit: int = 48) -> str:
        if url.startswith("sqlite"):
            url = "SQLite " + url.replace("\\", "/").rsplit("/", 1)[-1]
        return url if len(url) <= limit else "…" + url[-(limit - 1):]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
