"""Zone sensors: the latest temperature and humidity per zone, their age and alert state.

Readings come from the MQTT bridge (no database): sensors publish retained, so every zone's
latest value is here right after the app connects. Limits come from the workstation settings
(the same for every zone, per kind); a reading outside them is an alert, shown here in red and
in the status bar. F5 re-reads the bridge; the search box filters zones.
"""
from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QTimer, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView, QWidget

from ...devices.mqtt import Breach, SensorReading
from ..devices.sensor_texts import kind_name, limits_text, quantity, reading_text
from ..widgets.feedback import RED
from ..widgets.tables import setup_table
from .base import RIGHT, Screen

ZONE, KIND, VALUE, LIMITS, STATE, MEASURED, AGE = range(7)
ALERT_BACKGROUND = QColor("#ffebee")
ALERT_TEXT = QColor(RED)
OK_TEXT = QColor("#2e7d32")
AGE_TICK_MS = 1000


def age_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    for size, unit in ((86_400, "d"), (3_600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


class SensorsScreen(Screen):
    key = "sensors"

    def title(self) -> str:
        return self.tr("Sensors")

    def search_hint(self) -> str:
        return self.tr("Zone")

    def build(self) -> None:
        self.model = QStandardItemModel(0, 7, self)
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.model)
        for column, width in ((ZONE, 120), (KIND, 110), (VALUE, 100), (LIMITS, 150), (STATE, 200), (MEASURED, 160)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.layout_.addWidget(self.table, 1)
        self._rows: dict[tuple[str, str], SensorReading] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(AGE_TICK_MS)
        self._timer.timeout.connect(self._update_ages)
        self._bridge = bridge = self.context.devices  # the one whose signals are connected, for good
        if bridge is not None:
            bridge.sensor_reading.connect(self._reading)
            bridge.sensor_removed.connect(self._removed)
            bridge.state_changed.connect(self.update_info)
            self._rows = dict(bridge.sensor_readings())

    def main_view(self) -> QWidget | None:
        return self.table

    @property
    def bridge(self):
        return self._bridge

    # -- rows --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._activated = True
        if self.bridge is not None:
            self._rows = dict(self.bridge.sensor_readings())
        self._render()

    @Slot(object)
    def _reading(self, reading: SensorReading) -> None:
        key = (reading.zone, reading.kind)
        known = key in self._rows
        self._rows[key] = reading
        if known:
            self._render_row(sorted(self._rows).index(key), reading)
            self._apply_filter()
            self.update_info()
        else:
            self._render()

    @Slot(str, str)
    def _removed(self, zone: str, kind: str) -> None:
        if self._rows.pop((zone, kind), None) is not None:
            self._render()

    def _render(self) -> None:
        self.model.setRowCount(len(self._rows))
        for row, key in enumerate(sorted(self._rows)):
            self._render_row(row, self._rows[key])
        self._apply_filter()
        self.update_info()

    def _render_row(self, row: int, reading: SensorReading) -> None:
        rules = self.bridge.rules
        alert = rules.evaluate(reading)
        limits = rules.limits_for(reading.zone, reading.kind)
        if alert is not None:
            template = self.tr("Too high: above %1") if alert.breach is Breach.HIGH else self.tr("Too low: below %1")
            state = template.replace("%1", quantity(alert.limit, reading.unit))
        else:
            state = self.tr("OK") if limits is not None else "—"
        texts = {ZONE: reading.zone, KIND: kind_name(reading.kind), VALUE: reading_text(reading),
                 LIMITS: limits_text(limits, reading.unit), STATE: state,
                 MEASURED: reading.measured_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), AGE: ""}
        for column, text in texts.items():
            item = QStandardItem(text)
            item.setEditable(False)
            if column in (VALUE, AGE):
                item.setTextAlignment(RIGHT)
            if alert is not None:
                item.setBackground(QBrush(ALERT_BACKGROUND))
                item.setForeground(QBrush(ALERT_TEXT))
            elif column == STATE and limits is not None:
                item.setForeground(QBrush(OK_TEXT))
            if column in (VALUE, STATE) and alert is not None:
                font = QFont(self.table.font())
                font.setBold(True)
                item.setFont(font)
            self.model.setItem(row, column, item)
        self._update_age(row, reading)

    def _update_age(self, row: int, reading: SensorReading) -> None:
        age = (datetime.now(UTC) - reading.measured_at).total_seconds()
        self.model.item(row, AGE).setText(age_text(age))

    @Slot()
    def _update_ages(self) -> None:
        for row, key in enumerate(sorted(self._rows)):
            self._update_age(row, self._rows[key])

    def run_search(self, text: str) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        wanted = self.search_box.text().strip().casefold()
        for row, (zone, _kind) in enumerate(sorted(self._rows)):
            self.table.setRowHidden(row, bool(wanted) and wanted not in zone.casefold())

    # -- the line under the table ------------------------------------------------------------------
    @Slot()
    def update_info(self, *_args) -> None:
        bridge = self.bridge
        if bridge is None or bridge.state == "off":
            text = self.tr("No MQTT broker is set up for this workstation (File → Settings → Scale & sensors).")
        elif bridge.state == "error":
            text = self.tr("The scale and sensor settings cannot be used: %1").replace("%1", bridge.detail)
        else:
            alerts = len(bridge.alerts())
            text = self.tr("%1 sensors, %2 alerts").replace("%1", str(len(self._rows))).replace("%2", str(alerts))
            if bridge.state != "connected":
                text += " · " + self.tr("broker not connected, showing the last values received")
                if bridge.detail:
                    text += f" ({bridge.detail})"
        self.info.setText(text)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        headers = (QCoreApplication.translate("SensorsScreen", "Zone"),
                   QCoreApplication.translate("SensorsScreen", "Measure"),
                   QCoreApplication.translate("SensorsScreen", "Value"),
                   QCoreApplication.translate("SensorsScreen", "Limits"),
                   QCoreApplication.translate("SensorsScreen", "State"),
                   QCoreApplication.translate("SensorsScreen", "Measured at"),
                   QCoreApplication.translate("SensorsScreen", "Age"))
        self.model.setHorizontalHeaderLabels(list(headers))
        self._render()

    # -- the age ticks only while the screen is seen -----------------------------------------------
    def showEvent(self, event) -> None:
        self._timer.start()
        self._update_ages()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)
