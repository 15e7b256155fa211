"""Strict input parsing for service payloads.

Every operation declares its fields once; ``parse`` either returns a clean dict or raises
INVALID_PARAMETERS naming the field. Nothing is coerced or guessed: a camelCase or unknown
name, a float or boolean quantity, a padded or control-character code, a string holding a lone
surrogate (U+D800–U+DFFF, which no database can store) are all refused (spec: "禁止兜底写法").
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .codes import CODE_MAX, check_scan_code
from .errors import invalid

MAX_QUANTITY = 1_000_000_000  # far above any real bin; stops typos like a scanned barcode as a quantity
NAME_MAX = 200
NOTES_MAX = 1000
_CAMEL = re.compile(r"[A-Z]")


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def check_names(payload: Mapping[Any, Any], names: Container[str], prefix: str = "") -> None:
    """Refuses a field name not in ``names``; a camelCase spelling of one gets the snake_case hint."""
    for key in payload:
        if not isinstance(key, str):
            raise invalid(prefix + repr(key), "field names must be strings")
        if key not in names:
            if _CAMEL.search(key) and _snake(key) in names:
                raise invalid(prefix + key, f"camelCase is not accepted; use {_snake(key)!r}")
            raise invalid(prefix + key, "unknown field")


def check_groups(given: Callable[[str], bool], exactly_one: Sequence[tuple[str, ...]],
                 at_most_one: Sequence[tuple[str, ...]], prefix: str = "") -> None:
    """Groups of alternative fields (``product_id`` / ``product_code``): exactly one, or at most
    one, of each given."""
    for group, needed in [(g, True) for g in exactly_one] + [(g, False) for g in at_most_one]:
        present = [n for n in group if given(n)]
        if len(present) > 1 or (needed and not present):
            names = " or ".join(prefix + n for n in group)
            raise invalid(prefix + group[0], f"give exactly one of {names}" if needed else
                          f"give at most one of {names}", fields=list(group))


Parser = Callable[[str, Any], Any]


def _no_controls(name: str, value: str, allow: str = "") -> None:
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":  # half of a UTF-16 pair (a JSON "\ud800" escape): no text can hold it
            raise invalid(name, f"contains the lone surrogate U+{ord(ch):04X}")
        if ch not in allow and category in ("Cc", "Cf"):
            raise invalid(name, f"contains the control character U+{ord(ch):04X}")


def code(max_len: int = CODE_MAX, forbid: str = "") -> Parser:
    """An identifier typed or scanned by a person: trimmed, printable, bounded."""

    def parse(name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise invalid(name, "must be a string")
        if value == "":
            raise invalid(name, "must not be empty")
        if value != value.strip():
            raise invalid(name, "must not start or end with white space")
        if len(value) > max_len:
            raise invalid(name, f"must be at most {max_len} characters", max_length=max_len)
        _no_controls(name, value)
        bad = sorted({ch for ch in value if ch in forbid})
        if bad:
            raise invalid(name, f"must not contain {' '.join(bad)!r}")
        return value

    return parse


def text(max_len: int = NAME_MAX, multiline: bool = False) -> Parser:
    def parse(name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise invalid(name, "must be a string")
        if len(value) > max_len:
            raise invalid(name, f"must be at most {max_len} characters", max_length=max_len)
        _no_controls(name, value, allow="\n\t" if multiline else "")
        return value

    return parse


def integer(minimum: int = 1, maximum: int = MAX_QUANTITY, nonzero: bool = False) -> Parser:
    def parse(name: str, value: Any) -> int:
        # bool is an int subclass in Python; True is not a quantity
        if isinstance(value, bool) or not isinstance(value, int):
            raise invalid(name, "must be an integer")
        if nonzero and value == 0:
            raise invalid(name, "must not be zero")
        if not minimum <= value <= maximum:
            raise invalid(name, f"must be between {minimum} and {maximum}", minimum=minimum, maximum=maximum)
        return value

    return parse


def quantity() -> Parser:
    """A positive number of units."""
    return integer(1, MAX_QUANTITY)


def delta() -> Parser:
    """A signed, non-zero change in units."""
    return integer(-MAX_QUANTITY, MAX_QUANTITY, nonzero=True)


def ident() -> Parser:
    return integer(1, 2**63 - 1)


def flag() -> Parser:
    def parse(name: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise invalid(name, "must be true or false")
        return value

    return parse


def choice(*allowed: str) -> Parser:
    def parse(name: str, value: Any) -> str:
        if value not in allowed:
            raise invalid(name, f"must be one of {', '.join(allowed)}", allowed=list(allowed))
        return value

    return parse


def iso_date() -> Parser:
    """A calendar day written YYYY-MM-DD (or a ``date``), returned as a ``date``."""

    def parse(name: str, value: Any) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise invalid(name, "must be a date written YYYY-MM-DD")

    return parse


def image_path() -> Parser:
    base = text(NAME_MAX)

    def parse(name: str, value: Any) -> str:
        value = base(name, value)
        if not value.startswith("/uploads/") or len(value) == len("/uploads/") or ".." in value:
            raise invalid(name, "must be a file path starting with /uploads/")
        return value

    return parse


def scan_code() -> Parser:
    """An ASCII scan code's shape (INVALID_SCAN_CODE naming the field); whether it may look
    like an assigned one the service decides, knowing the row."""

    def parse(name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise invalid(name, "must be a string")
        check_scan_code(value, own=value, field=name)
        return value

    return parse


def listof(item: Parser, max_items: int = 1000, min_items: int = 0) -> Parser:
    def parse(name: str, value: Any) -> list:
        if not isinstance(value, list):
            raise invalid(name, "must be a list")
        if not min_items <= len(value) <= max_items:
            raise invalid(name, f"must have between {min_items} and {max_items} entries")
        return [item(f"{name}[{i}]", v) for i, v in enumerate(value)]

    return parse


def nested(schema: Schema) -> Parser:
    def parse(name: str, value: Any) -> dict:
        return schema.parse(value, prefix=f"{name}.")

    return parse


@dataclass(frozen=True)
class F:
    parser: Parser
    required: bool = False
    default: Any = None


@dataclass(frozen=True)
class Schema:
    """Fields of one payload, plus groups of alternatives of which exactly one (or at most
    one) must be present, such as ``product_id`` / ``product_code``."""

    fields: Mapping[str, F]
    exactly_one: Sequence[tuple[str, ...]] = ()
    at_most_one: Sequence[tuple[str, ...]] = ()

    def parse(self, payload: Any, prefix: str = "") -> dict[str, Any]:
        if not isinstance(payload, Mapping):
            raise invalid(prefix.rstrip(".") or "payload", "must be an object")
        check_names(payload, self.fields, prefix)
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            value = payload.get(name)
            if value is None:
                if spec.required:
                    raise invalid(prefix + name, "is required")
                out[name] = spec.default
            else:
                out[name] = spec.parser(prefix + name, value)
        check_groups(lambda name: out[name] is not None, self.exactly_one, self.at_most_one, prefix)
        return out
