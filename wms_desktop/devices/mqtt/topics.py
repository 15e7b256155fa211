"""The topic tree (docs/mqtt.md), in one place so publishers and subscribers cannot drift apart.

    {root}/scales/{station_id}/weight
    {root}/sensors/{zone}/{kind}
    {root}/events/{warehouse_code}/{stock | document | alert}

``root`` defaults to ``wms``; a site sharing one broker between warehouses picks its own, and
tests pick a unique one each so they never see each other's messages.
"""

from __future__ import annotations

from .payload import PayloadError

DEFAULT_ROOT = "wms"
_FORBIDDEN = ("/", "+", "#", "\x00")


def _check_level(name: str, value: str) -> str:
    """One topic level: station ids and zones are data, so they may not add levels or wildcards."""
    if not value or any(ch in value for ch in _FORBIDDEN):
        raise ValueError(f"{name} must be non-empty without / + # or NUL: {value!r}")
    return value


def _check_root(root: str) -> str:
    for level in root.split("/"):
        _check_level("topic root level", level)
    return root


def scale_topic(root: str, station_id: str) -> str:
    return f"{_check_root(root)}/scales/{_check_level('station_id', station_id)}/weight"


def sensor_topic(root: str, zone: str, kind: str) -> str:
    return f"{_check_root(root)}/sensors/{_check_level('zone', zone)}/{_check_level('kind', kind)}"


def sensors_filter(root: str) -> str:
    return f"{_check_root(root)}/sensors/+/+"


def split_sensor_topic(root: str, topic: str) -> tuple[str, str]:
    """``{root}/sensors/{zone}/{kind}`` → (zone, kind).

    The ``+`` of the subscription also matches an empty level, so empty parts are refused here.
    """
    prefix = f"{root}/sensors/"
    parts = topic[len(prefix) :].split("/") if topic.startswith(prefix) else []
    if len(parts) != 2 or not all(parts):
        raise PayloadError(f"topic is not {prefix}{{zone}}/{{kind}}")
    zone, kind = parts
    return zone, kind


def events_topic(root: str, warehouse_code: str, event_type: str) -> str:
    """``{root}/events/{warehouse_code}/{family}``, the family being the event type's first part
    (``stock``, ``document``, ``alert``): one topic per warehouse and family, since MQTT keeps
    order only within a topic; ``sequence`` orders events across topics (docs/mqtt.md)."""
    family = event_type.split(".", 1)[0]
    return f"{_check_root(root)}/events/{_check_level('warehouse_code', warehouse_code)}/{_check_level('family', family)}"
