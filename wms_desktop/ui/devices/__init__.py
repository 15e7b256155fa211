"""Scales and sensors in the GUI: the MQTT bridge (device callbacks → Qt signals) and its widgets."""
from .bridge import DeviceBridge
from .weight_panel import WeightPanel, format_grams

__all__ = ["DeviceBridge", "WeightPanel", "format_grams"]
