"""Rules of the contract's own field types that the domain does not need: moments and paging
cursors of the ledger. Pure Python: they check and return the text unchanged."""
from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime
from typing import Any

from ..domain import fields as f
from ..domain.errors import invalid

CURSOR_MAX = 200
# 2024-06-15T12:00:00Z, 2024-06-15T20:00:00.123+08:00, …: date, time, seconds, optional
# fraction, and a zone (Z or ±hh:mm) are all required; no week dates, no local times.
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)", re.ASCII)


def parse_instant(value: str) -> datetime:
    """A checked moment (see ``instant``) as an aware UTC datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def instant(name: str, value: Any) -> str:
    """An ISO 8601 moment with ``Z`` or an offset."""
    if not isinstance(value, str):
        raise invalid(name, "must be a string")
    if not _ISO.fullmatch(value):
        raise invalid(name, "must be an ISO 8601 time with Z or an offset, e.g. 2024-06-15T12:00:00.000Z")
    try:
        parse_instant(value)
    except ValueError:
        raise invalid(name, "is not a valid date and time") from None
    return value


def parse_cursor(value: str) -> tuple[datetime, int]:
    """(operated_at, movement_id) of a checked cursor."""
    stamp, movement_id = json.loads(base64.urlsafe_b64decode(value.encode("ascii")))
    return datetime.fromisoformat(stamp).astimezone(UTC), movement_id


def make_cursor(operated_at: datetime, movement_id: int) -> str:
    """The full-precision position of a ledger row (iso_z would drop microseconds and collide)."""
    if operated_at.tzinfo is None:
        operated_at = operated_at.replace(tzinfo=UTC)
    text = json.dumps([operated_at.astimezone(UTC).isoformat(), movement_id])
    return base64.urlsafe_b64encode(text.encode()).decode("ascii")


def cursor(name: str, value: Any) -> str:
    value = f.text(CURSOR_MAX)(name, value)
    try:
        stamp, movement_id = json.loads(base64.urlsafe_b64decode(value.encode("ascii")))
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None or isinstance(movement_id, bool) or not isinstance(movement_id, int):
            raise ValueError
    except (ValueError, TypeError, UnicodeError):
        raise invalid(name, "is not a cursor returned by movements()") from None
    return value


def parse_balance_cursor(value: str) -> tuple[int, int, str]:
    """(sku_id, location_id, batch_number) of a checked as-of cursor."""
    sku_id, location_id, batch = json.loads(base64.urlsafe_b64decode(value.encode("ascii")))
    return sku_id, location_id, batch


def make_balance_cursor(sku_id: int, location_id: int, batch_number: str) -> str:
    """The position of a balance key in stock.as_of's order."""
    return base64.urlsafe_b64encode(json.dumps([sku_id, location_id, batch_number]).encode()).decode("ascii")


def balance_cursor(name: str, value: Any) -> str:
    value = f.text(CURSOR_MAX)(name, value)
    try:
        sku_id, location_id, batch = parse_balance_cursor(value)
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in (sku_id, location_id)) or \
                not isinstance(batch, str):
            raise ValueError
    except (ValueError, TypeError, UnicodeError):
        raise invalid(name, "is not a cursor returned by stock.as_of()") from None
    return value
