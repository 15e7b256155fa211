"""A request's payload for its command: the JSON body, or the query string (typed by the
command's own fields: ``page=2`` is the integer 2, ``include_empty=true`` the boolean), with
the path's parameters and the ``Idempotency-Key`` header (→ ``request_id``) merged in. Names
are not touched: ``pageSize`` stays ``pageSize`` and the decoder refuses it by name."""
from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Union

import msgspec
from msgspec import UnsetType

from ..domain.errors import invalid

BODY_MAX = 2 * 1024 * 1024  # bytes; a batch of 1,000 adjustments is ~150 kB
_INTEGER = re.compile(r"-?[0-9]{1,19}")


def body_payload(raw: bytes, optional: bool = False) -> dict[str, Any]:
    if len(raw) > BODY_MAX:
        raise invalid("payload", f"must be at most {BODY_MAX} bytes", max_bytes=BODY_MAX)
    if not raw.strip() and optional:
        return {}
    try:
        value = msgspec.json.decode(raw)
    except msgspec.DecodeError as error:
        raise invalid("payload", "is not valid JSON", error=str(error)) from None
    if not isinstance(value, dict):
        raise invalid("payload", "must be an object")
    return value


def query_payload(command: type, items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    kinds = {f.name: _base(f.type) for f in msgspec.structs.fields(command)}
    out: dict[str, Any] = {}
    for name, value in items:
        if name in out:
            raise invalid(name, "is given more than once")
        kind = kinds.get(name)
        if kind is int and _INTEGER.fullmatch(value):
            out[name] = int(value)
        elif kind is bool and value in ("true", "false"):
            out[name] = value == "true"
        else:
            out[name] = value  # the decoder names what is wrong with it
    return out


def merge(payload: dict[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """The path's parameters (or the request_id of the header) into the payload: the same
    field in both must agree."""
    for name, value in given.items():
        if name in payload and payload[name] != value:
            raise invalid(name, "differs from the one in the path or header", given=payload[name], expected=value)
        payload[name] = value
    return payload


def idempotency(command: type, key: str | None) -> dict[str, Any]:
    """``{request_id: key}`` for a command that takes one."""
    if key is None:
        return {}
    if "request_id" not in getattr(command, "__struct_fields__", ()):
        raise invalid("Idempotency-Key", "is not taken by this endpoint")
    return {"request_id": key}


def _base(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a not in (type(None), UnsetType)]
        annotation = rest[0] if len(rest) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation
