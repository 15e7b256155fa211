"""Scales and sensors in the GUI: the MQTT bridge (device callbacks → Qt signals) and its widgets."""
from .bridge import DeviceBridge
from .canned import CannedDevices
from .weight_panel import WeightPanel, format_grams

__all__ = ["CannedDevices", "DeviceBridge", "WeightPanel", "format_grams"]
