"""From the workstation settings to the device layer's: the broker, and the sensor alert limits."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ...devices.mqtt import AlertRules, Limits, MqttSettings
from ..app_settings import AppSettings


def broker_settings(settings: AppSettings) -> MqttSettings | None:
    """None when no broker is configured; ValueError when the stored settings cannot work
    (the settings dialog refuses those, so only a hand-edited settings file gets here)."""
    if not settings.mqtt_host:
        return None
    user = settings.mqtt_user or None
    return MqttSettings(host=settings.mqtt_host, workstation_id=settings.station_id, port=settings.mqtt_port,
                        tls=settings.mqtt_tls, ca_file=(settings.mqtt_ca_file or None) if settings.mqtt_tls else None,
                        username=user, password=settings.mqtt_password() if user else None)


def parse_limit(text: str) -> Decimal | None:
    """A sensor limit typed as decimal text ("" = none); ValueError when it is not a number."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value


def alert_rules(settings: AppSettings) -> AlertRules:
    """The same limits for every zone, per kind; ValueError for unusable stored limits."""
    by_kind = {}
    for kind, low, high in (("temperature", settings.temperature_low, settings.temperature_high),
                            ("humidity", settings.humidity_low, settings.humidity_high)):
        limits = Limits(parse_limit(low), parse_limit(high))
        if limits != Limits():
            by_kind[kind] = limits
    return AlertRules(by_kind=by_kind)
