"""Inbound messages and strict decoding of their JSON payloads.

Device payloads arrive on paho's network thread from hardware we do not control. Anything that
is not exactly the documented shape (docs/mqtt.md) raises PayloadError; the handler logs one
line and drops the message, so a bad payload can never take the network thread down.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, NoReturn

MAX_PAYLOAD_BYTES = 4096
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_EPOCH_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z, the last instant datetime holds


@dataclass(frozen=True)
class Message:
    """One MQTT message, without paho types, so device logic is testable without a broker."""

    topic: str
    payload: bytes
    retained: bool


class PayloadError(ValueError):
    """A payload to drop; the message says why in words fit for a log line."""


def log_dropped(log: logging.Logger, message: Message, reason: object) -> None:
    log.warning("dropped message on %s: %s", message.topic, reason)


def _refuse_constant(name: str) -> NoReturn:
    raise PayloadError(f"{name} is not a number")


def decode_object(
    payload: bytes, required: frozenset[str], optional: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A JSON object with exactly the ``required`` fields and any of the ``optional`` ones.

    Non-integer numbers become Decimal so unit conversion is exact.
    """
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise PayloadError(f"{len(payload)} bytes is over the {MAX_PAYLOAD_BYTES}-byte limit")
    try:
        decoded = json.loads(
            payload.decode("utf-8"), parse_float=Decimal, parse_constant=_refuse_constant
        )
    except PayloadError:
        raise
    except UnicodeDecodeError:
        raise PayloadError("not UTF-8") from None
    except (ValueError, RecursionError) as exc:  # RecursionError: deeply nested arrays
        raise PayloadError(f"not JSON ({type(exc).__name__})") from None
    if not isinstance(decoded, dict):
        raise PayloadError("not a JSON object")
    missing = required - decoded.keys()
    if missing:
        raise PayloadError(f"missing {', '.join(sorted(missing))}")
    unknown = decoded.keys() - required - optional
    if unknown:
        raise PayloadError(f"unknown field {', '.join(sorted(unknown))}")
    return decoded


def read_number(obj: dict[str, Any], name: str) -> Decimal:
    value = obj[name]
    # bool is an int subclass; a true/false where a number belongs is a broken sender.
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PayloadError(f"{name} must be a number")
    return Decimal(value)


def read_text(obj: dict[str, Any], name: str) -> str:
    value = obj[name]
    if not isinstance(value, str):
        raise PayloadError(f"{name} must be a string")
    return value


def read_timestamp(obj: dict[str, Any], name: str) -> datetime:
    """ISO 8601 with a UTC offset, or integer milliseconds since the Unix epoch; returned in UTC."""
    value = obj[name]
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise PayloadError(f"{name} is not ISO 8601") from None
        if moment.tzinfo is None:
            raise PayloadError(f"{name} has no UTC offset")
        return moment.astimezone(UTC)
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= _MAX_EPOCH_MS:
            raise PayloadError(f"{name} is out of range")
        return _EPOCH + timedelta(milliseconds=value)
    raise PayloadError(f"{name} must be an ISO 8601 string or epoch milliseconds")
