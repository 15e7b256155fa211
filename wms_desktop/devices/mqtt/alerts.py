"""Threshold alerts on sensor readings: plain rules, evaluated wherever the caller likes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .sensors import SensorReading


@dataclass(frozen=True)
class Limits:
    """Inclusive bounds: a value equal to a limit is still fine."""

    low: Decimal | None = None
    high: Decimal | None = None

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not be above high")


class Breach(StrEnum):
    LOW = "low"
    HIGH = "high"


@dataclass(frozen=True)
class SensorAlert:
    reading: SensorReading
    breach: Breach
    limit: Decimal


@dataclass(frozen=True)
class AlertRules:
    """Limits per kind for every zone, overridden per (zone, kind): a cold room next to a hall."""

    by_kind: Mapping[str, Limits] = field(default_factory=dict)
    by_zone: Mapping[tuple[str, str], Limits] = field(default_factory=dict)

    def limits_for(self, zone: str, kind: str) -> Limits | None:
        return self.by_zone.get((zone, kind), self.by_kind.get(kind))

    def evaluate(self, reading: SensorReading) -> SensorAlert | None:
        limits = self.limits_for(reading.zone, reading.kind)
        if limits is None:
            return None
        if limits.low is not None and reading.value < limits.low:
            return SensorAlert(reading, Breach.LOW, limits.low)
        if limits.high is not None and reading.value > limits.high:
            return SensorAlert(reading, Breach.HIGH, limits.high)
        return None

    def evaluate_all(self, readings: Iterable[SensorReading]) -> list[SensorAlert]:
        return [alert for alert in map(self.evaluate, readings) if alert is not None]
