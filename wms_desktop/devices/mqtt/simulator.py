"""Pretend scales and zone sensors, for demos and tests, in the documented payload format.

    python -m wms_desktop.devices.mqtt.simulator --host 127.0.0.1 --port 1883 \\
        --stations PACK1 PACK2 --zones A COLD --cycles 3

Each cycle puts a parcel on every scale (readings swing, then settle within a gram, and carry
no ``stable`` flag, so the receiving side's detector decides) and publishes one retained
temperature and humidity reading per zone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

from wms_desktop.domain.codes import iso_z

from .connection import MqttConnection
from .settings import MqttSettings
from .topics import DEFAULT_ROOT, scale_topic, sensor_topic

PUBLISH_TIMEOUT_S = 5.0
SWINGING_READINGS = 6
SETTLED_READINGS = 8  # enough for the default StabilityRule (5 readings) to see it settle


def settling_weights(target_grams: int, rng: random.Random) -> list[int]:
    """A parcel landing on a scale: a damped swing around the target, then ±1 g of noise."""
    swing = max(target_grams * 0.08, 10.0)
    swinging = [
        target_grams + round(swing * 0.5**step * (-1) ** step * rng.uniform(0.7, 1.0))
        for step in range(SWINGING_READINGS)
    ]
    return swinging + [target_grams + rng.choice((-1, 0, 0, 1)) for _ in range(SETTLED_READINGS)]


def scale_payload(grams: int, measured_at: datetime) -> bytes:
    return json.dumps({"weight": grams, "unit": "g", "timestamp": iso_z(measured_at)}).encode()


def sensor_payload(value: Decimal, unit: str, measured_at: datetime) -> bytes:
    # A JSON number, not a string: json cannot write a Decimal, and str() keeps its digits exact.
    return (
        f'{{"value": {value}, "unit": {json.dumps(unit)}, "timestamp": "{iso_z(measured_at)}"}}'
    ).encode()


def _publish(
    connection: MqttConnection, topic: str, payload: bytes, *, qos: int, retain: bool
) -> None:
    # Waiting makes the run finish only after the broker has everything (QoS 1: acknowledged).
    connection.publish(topic, payload, qos=qos, retain=retain).wait_for_publish(PUBLISH_TIMEOUT_S)


def publish_sensors(
    connection: MqttConnection, root: str, zones: Sequence[str], rng: random.Random
) -> None:
    now = datetime.now(UTC)
    for zone in zones:
        readings = (
            ("temperature", "C", Decimal(str(round(rng.gauss(18.0, 2.0), 1)))),
            ("humidity", "%", Decimal(str(round(min(max(rng.gauss(45.0, 8.0), 0.0), 100.0), 1)))),
        )
        for kind, unit, value in readings:
            payload = sensor_payload(value, unit, now)
            _publish(connection, sensor_topic(root, zone, kind), payload, qos=1, retain=True)


def publish_parcels(
    connection: MqttConnection,
    root: str,
    stations: Sequence[str],
    rng: random.Random,
    *,
    weight_grams: int | None,
    interval_s: float,
) -> None:
    """One parcel per station, published side by side at ``interval_s`` per reading."""
    series = {
        scale_topic(root, station): settling_weights(
            rng.randint(200, 5000) if weight_grams is None else weight_grams, rng
        )
        for station in stations
    }
    for step in range(len(next(iter(series.values())))):
        now = datetime.now(UTC)
        for topic, weights in series.items():
            _publish(connection, topic, scale_payload(weights[step], now), qos=0, retain=False)
        time.sleep(interval_s)


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m wms_desktop.devices.mqtt.simulator",
        description="Publish pretend scale and zone sensor readings.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1883)
    parser.add_argument("--root", default=DEFAULT_ROOT, help="topic root (default: %(default)s)")
    parser.add_argument("--stations", nargs="+", default=["PACK1"], metavar="STATION")
    parser.add_argument("--zones", nargs="+", default=["A"], metavar="ZONE")
    parser.add_argument(
        "--weight-grams", type=int, help="parcel weight; random 200-5000 g if omitted"
    )
    parser.add_argument("--cycles", type=int, default=1)
    parser.add_argument(
        "--interval", type=float, default=0.1, help="seconds between scale readings"
    )
    parser.add_argument("--seed", type=int, help="repeatable readings")
    parser.add_argument("--connect-timeout", type=float, default=5.0, help="seconds (default: 5)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    rng = random.Random(args.seed)
    settings = MqttSettings(
        host=args.host, port=args.port, workstation_id=f"simulator-{os.getpid()}"
    )
    connection = MqttConnection(settings)
    connection.start()
    try:
        if not connection.wait_connected(args.connect_timeout):
            print(f"simulator: {connection.status.last_error or 'no connection'}", file=sys.stderr)
            return 1
        for _ in range(args.cycles):
            publish_sensors(connection, args.root, args.zones, rng)
            publish_parcels(
                connection,
                args.root,
                args.stations,
                rng,
                weight_grams=args.weight_grams,
                interval_s=args.interval,
            )
    except RuntimeError as exc:  # paho: a publish failed because the broker went away
        print(f"simulator: {exc}", file=sys.stderr)
        return 1
    finally:
        connection.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
