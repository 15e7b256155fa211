"""Scales and zone sensors over MQTT (docs/mqtt.md): a paho-mqtt connection and plain callbacks.

Wiring, in the composition root::

    connection = MqttConnection(settings, on_status=...)
    scale = Scale(station_id, on_reading=...)
    sensors = SensorStore(on_reading=...)
    connection.subscribe(scale.topic, scale.handle_message)
    connection.subscribe(sensors.topic_filter, sensors.handle_message, qos=1)
    connection.start()  # returns at once, broker or not
"""

from .alerts import AlertRules, Breach, Limits, SensorAlert
from .connection import ConnectionState, ConnectionStatus, MqttConnection
from .payload import MAX_PAYLOAD_BYTES, Message, PayloadError
from .scale import STALE_AFTER_S, Scale, ScaleReading, WeightCapture, parse_scale_payload
from .sensors import SENSOR_KINDS, SensorReading, SensorStore, parse_sensor_payload
from .settings import MqttSettings
from .stability import StabilityRule
from .weight_check import WeightCheck, WeightVerdict, check_weight

__all__ = [
    "MAX_PAYLOAD_BYTES",
    "SENSOR_KINDS",
    "STALE_AFTER_S",
    "AlertRules",
    "Breach",
    "ConnectionState",
    "ConnectionStatus",
    "Limits",
    "Message",
    "MqttConnection",
    "MqttSettings",
    "PayloadError",
    "Scale",
    "ScaleReading",
    "SensorAlert",
    "SensorReading",
    "SensorStore",
    "StabilityRule",
    "WeightCapture",
    "WeightCheck",
    "WeightVerdict",
    "check_weight",
    "parse_scale_payload",
    "parse_sensor_payload",
]
