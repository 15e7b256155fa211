"""How sensor readings and alerts read on screen, in the user's language (screen and status bar)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from ...devices.mqtt import Breach, Limits, SensorAlert, SensorReading

UNITS = {"C": "°C", "%": "%"}


def kind_name(kind: str) -> str:
    names = {"temperature": QCoreApplication.translate("Sensors", "Temperature"),
             "humidity": QCoreApplication.translate("Sensors", "Humidity")}
    return names.get(kind, kind)


def quantity(value: Decimal, unit: str) -> str:
    return f"{value:f} {UNITS.get(unit, unit)}"


def reading_text(reading: SensorReading) -> str:
    return quantity(reading.value, reading.unit)


def limits_text(limits: Limits | None, unit: str) -> str:
    if limits is None or limits == Limits():
        return QCoreApplication.translate("Sensors", "no limits")
    low = quantity(limits.low, unit) if limits.low is not None else "…"
    high = quantity(limits.high, unit) if limits.high is not None else "…"
    return f"{low} – {high}"


def alert_text(alert: SensorAlert) -> str:
    """``COLD temperature 9.1 °C: above 8 °C``."""
    reading = alert.reading
    if alert.breach is Breach.HIGH:
        template = QCoreApplication.translate("Sensors", "%1 %2 %3: above %4")
    else:
        template = QCoreApplication.translate("Sensors", "%1 %2 %3: below %4")
    return (template.replace("%1", reading.zone).replace("%2", kind_name(reading.kind).lower())
            .replace("%3", reading_text(reading)).replace("%4", quantity(alert.limit, reading.unit)))
