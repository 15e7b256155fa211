"""One station's scale: readings in, tare, and a captured weight only when it can be trusted.

Weights are whole grams (int) from the moment a payload is decoded: the rest of the app never
sees a unit or a float. A reading can be captured only while it is stable and at most
STALE_AFTER_S old, measured on a monotonic clock at receipt: the scale's own timestamp is
informational, since device clocks drift and a wall clock can jump.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal

from wms_desktop.domain.errors import WmsError

from .payload import (
    Message,
    PayloadError,
    decode_object,
    log_dropped,
    read_number,
    read_text,
    read_timestamp,
)
from .stability import StabilityDetector, StabilityRule
from .topics import DEFAULT_ROOT, scale_topic

log = logging.getLogger(__name__)

STALE_AFTER_S = 2.0
GRAMS_PER_UNIT = {"g": Decimal(1), "kg": Decimal(1000), "lb": Decimal("453.59237")}
# Above any floor scale; bounds absurd values before they are turned into an int.
MAX_ABS_GRAMS = 10_000_000

_REQUIRED = frozenset({"weight", "unit", "timestamp"})
_OPTIONAL = frozenset({"stable"})


@dataclass(frozen=True)
class ScalePayload:
    grams: int
    stable: bool | None  # None: the scale does not say, the detector decides
    measured_at: datetime


@dataclass(frozen=True)
class ScaleReading:
    station_id: str
    gross_grams: int
    stable: bool
    measured_at: datetime
    received_at: float  # the scale's monotonic clock


@dataclass(frozen=True)
class WeightCapture:
    station_id: str
    gross_grams: int
    tare_grams: int
    net_grams: int
    measured_at: datetime


def parse_scale_payload(payload: bytes) -> ScalePayload:
    obj = decode_object(payload, _REQUIRED, _OPTIONAL)
    unit = read_text(obj, "unit")
    if unit not in GRAMS_PER_UNIT:
        raise PayloadError(f"unknown unit {unit[:16]!r}")
    grams = read_number(obj, "weight") * GRAMS_PER_UNIT[unit]
    if abs(grams) > MAX_ABS_GRAMS:
        raise PayloadError("weight is out of range")
    stable = obj.get("stable")
    if stable is not None and not isinstance(stable, bool):
        raise PayloadError("stable must be true or false")
    return ScalePayload(
        grams=int(grams.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)),
        stable=stable,
        measured_at=read_timestamp(obj, "timestamp"),
    )


def _not_ready(station_id: str, reason: str, message: str) -> WmsError:
    return WmsError("OPERATION_NOT_ALLOWED", message, {"station_id": station_id, "reason": reason})


class Scale:
    """Thread-safe: readings arrive on paho's thread, tare and capture come from the UI."""

    def __init__(
        self,
        station_id: str,
        *,
        root: str = DEFAULT_ROOT,
        stability: StabilityRule = StabilityRule(),
        clock: Callable[[], float] = time.monotonic,
        on_reading: Callable[[ScaleReading], None] | None = None,
    ) -> None:
        self.topic = scale_topic(root, station_id)  # refuses ids that would reshape the topic
        self.station_id = station_id
        self._detector = StabilityDetector(stability)
        self._clock = clock
        self._on_reading = on_reading
        self._lock = threading.Lock()
        self._latest: ScaleReading | None = None
        self._tare_grams = 0

    def handle_message(self, message: Message) -> None:
        if message.retained:
            # A retained weight is from whenever it was published, yet would look fresh on receipt.
            log_dropped(log, message, "retained scale readings are never used")
            return
        try:
            payload = parse_scale_payload(message.payload)
        except PayloadError as exc:
            log_dropped(log, message, exc)
            return
        with self._lock:
            received_at = self._clock()
            detected = self._detector.add(payload.grams, received_at)
            reading = ScaleReading(
                station_id=self.station_id,
                gross_grams=payload.grams,
                stable=detected if payload.stable is None else payload.stable,
                measured_at=payload.measured_at,
                received_at=received_at,
            )
            self._latest = reading
        if self._on_reading is not None:
            self._on_reading(reading)

    def latest(self) -> ScaleReading | None:
        with self._lock:
            return self._latest

    @property
    def tare_grams(self) -> int:
        with self._lock:
            return self._tare_grams

    def capture(self) -> WeightCapture:
        """The net weight now, or OPERATION_NOT_ALLOWED with reason no_reading/stale/unstable."""
        with self._lock:
            return self._capture_locked()

    def tare(self) -> int:
        """Take the gross weight now (an empty box, a pallet) as tare; same checks as capture."""
        with self._lock:
            self._tare_grams = self._capture_locked().gross_grams
            return self._tare_grams

    def clear_tare(self) -> None:
        with self._lock:
            self._tare_grams = 0

    def _capture_locked(self) -> WeightCapture:
        reading = self._latest
        if reading is None:
            raise _not_ready(self.station_id, "no_reading", "The scale has sent no reading yet")
        if self._clock() - reading.received_at > STALE_AFTER_S:
            raise _not_ready(self.station_id, "stale", "The scale reading is out of date")
        if not reading.stable:
            raise _not_ready(self.station_id, "unstable", "The scale has not settled")
        return WeightCapture(
            station_id=self.station_id,
            gross_grams=reading.gross_grams,
            tare_grams=self._tare_grams,
            net_grams=reading.gross_grams - self._tare_grams,
            measured_at=reading.measured_at,
        )
