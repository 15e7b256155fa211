"""Stability for scales that do not say whether their reading has settled."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class StabilityRule:
    """Stable once the last ``min_readings`` readings arrived within ``window_s`` of each other and
    lie within ``tolerance_grams`` of each other. Scales publish at 5-10 Hz, so the defaults
    mean "half a second to a second without movement".
    """

    min_readings: int = 5
    window_s: float = 1.0
    tolerance_grams: int = 2

    def __post_init__(self) -> None:
        if self.min_readings < 2 or self.window_s <= 0 or self.tolerance_grams < 0:
            raise ValueError("need min_readings >= 2, window_s > 0, tolerance_grams >= 0")


class StabilityDetector:
    def __init__(self, rule: StabilityRule) -> None:
        self._rule = rule
        self._recent: deque[tuple[float, int]] = deque(maxlen=rule.min_readings)

    def add(self, grams: int, received_at: float) -> bool:
        """Record a reading (``received_at`` on a monotonic clock); True when it is stable."""
        self._recent.append((received_at, grams))
        if len(self._recent) < self._rule.min_readings:
            return False
        if received_at - self._recent[0][0] > self._rule.window_s:
            return False
        weights = [weight for _, weight in self._recent]
        return max(weights) - min(weights) <= self._rule.tolerance_grams
