"""Stability, staleness and tare, on an injected clock."""

from __future__ import annotations

import json
import logging

import pytest

from wms_desktop.devices.mqtt import STALE_AFTER_S, Message, Scale, StabilityRule
from wms_desktop.domain.errors import WmsError

TOPIC = "wms/scales/PACK1/weight"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def weight_message(grams: int, stable: bool | None = None, retained: bool = False) -> Message:
    fields: dict[str, object] = {"weight": grams, "unit": "g", "timestamp": 1718452800000}
    if stable is not None:
        fields["stable"] = stable
    return Message(TOPIC, json.dumps(fields).encode(), retained)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scale(clock: FakeClock) -> Scale:
    return Scale(
        "PACK1",
        clock=clock,
        stability=StabilityRule(min_readings=3, window_s=1.0, tolerance_grams=2),
    )


def feed(scale: Scale, clock: FakeClock, weights: list[int], every_s: float = 0.1) -> None:
    for grams in weights:
        scale.handle_message(weight_message(grams))
        clock.now += every_s


def not_ready_reason(scale: Scale) -> str:
    with pytest.raises(WmsError) as refused:
        scale.capture()
    assert refused.value.error_code == "OPERATION_NOT_ALLOWED"
    return refused.value.details["reason"]


def test_a_settling_parcel_becomes_stable_once_readings_stay_within_tolerance(
    scale: Scale, clock: FakeClock
) -> None:
    feed(scale, clock, [1400, 1150, 1290])
    assert scale.latest().stable is False
    assert not_ready_reason(scale) == "unstable"
    feed(scale, clock, [1249, 1251])
    assert scale.latest().stable is False  # 1290 is still among the last three
    feed(scale, clock, [1250])
    assert scale.latest().stable is True
    capture = scale.capture()
    assert (capture.station_id, capture.gross_grams, capture.net_grams) == ("PACK1", 1250, 1250)


def test_readings_spread_over_more_than_the_window_are_not_stable(
    scale: Scale, clock: FakeClock
) -> None:
    feed(scale, clock, [1250, 1250, 1250], every_s=0.6)
    assert scale.latest().stable is False
    feed(scale, clock, [1250, 1250], every_s=0.3)
    assert scale.latest().stable is True


def test_the_scales_own_flag_wins_over_the_detector(scale: Scale, clock: FakeClock) -> None:
    scale.handle_message(weight_message(1250, stable=True))
    assert scale.capture().gross_grams == 1250
    feed(scale, clock, [1250, 1250, 1250])
    scale.handle_message(weight_message(1250, stable=False))
    assert not_ready_reason(scale) == "unstable"


def test_a_reading_older_than_two_seconds_is_never_captured(scale: Scale, clock: FakeClock) -> None:
    scale.handle_message(weight_message(1250, stable=True))
    clock.now += STALE_AFTER_S
    assert scale.capture().gross_grams == 1250
    clock.now += 0.001
    assert not_ready_reason(scale) == "stale"
    with pytest.raises(WmsError):
        scale.tare()
    scale.handle_message(weight_message(1250, stable=True))
    assert scale.capture().gross_grams == 1250


def test_nothing_to_capture_before_the_first_reading(scale: Scale) -> None:
    assert scale.latest() is None
    assert not_ready_reason(scale) == "no_reading"


def test_tare_subtracts_the_container_until_cleared(scale: Scale) -> None:
    scale.handle_message(weight_message(320, stable=True))
    assert scale.tare() == 320
    scale.handle_message(weight_message(1570, stable=True))
    capture = scale.capture()
    assert (capture.gross_grams, capture.tare_grams, capture.net_grams) == (1570, 320, 1250)
    scale.handle_message(weight_message(0, stable=True))
    assert scale.capture().net_grams == -320
    scale.clear_tare()
    assert scale.tare_grams == 0
    assert scale.capture().net_grams == 0


def test_tare_on_a_moving_scale_is_refused_and_keeps_the_old_tare(scale: Scale) -> None:
    scale.handle_message(weight_message(320, stable=True))
    scale.tare()
    scale.handle_message(weight_message(900, stable=False))
    with pytest.raises(WmsError) as refused:
        scale.tare()
    assert refused.value.details == {"station_id": "PACK1", "reason": "unstable"}
    assert scale.tare_grams == 320


def test_a_retained_reading_is_dropped_with_one_log_line(
    scale: Scale, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="wms_desktop.devices.mqtt"):
        scale.handle_message(weight_message(1250, stable=True, retained=True))
    assert scale.latest() is None
    assert [record.getMessage() for record in caplog.records] == [
        f"dropped message on {TOPIC}: retained scale readings are never used"
    ]


def test_a_bad_payload_is_dropped_with_one_log_line_and_changes_nothing(
    scale: Scale, caplog: pytest.LogCaptureFixture
) -> None:
    scale.handle_message(weight_message(1250, stable=True))
    with caplog.at_level(logging.WARNING, logger="wms_desktop.devices.mqtt"):
        scale.handle_message(Message(TOPIC, b'{"weight": "heavy"}', False))
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith(f"dropped message on {TOPIC}: ")
    assert scale.capture().gross_grams == 1250


def test_every_accepted_reading_is_passed_on(clock: FakeClock) -> None:
    seen = []
    scale = Scale("PACK1", clock=clock, on_reading=seen.append)
    scale.handle_message(weight_message(1250, stable=True))
    scale.handle_message(Message(TOPIC, b"garbage", False))
    assert [(reading.gross_grams, reading.stable, reading.received_at) for reading in seen] == [
        (1250, True, 100.0)
    ]


@pytest.mark.parametrize("station_id", ["", "A/B", "A+", "#"])
def test_a_station_id_cannot_change_the_topic_shape(station_id: str) -> None:
    with pytest.raises(ValueError):
        Scale(station_id)
