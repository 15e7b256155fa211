"""Strict decoding of commands, and the spec's JSON of results.

``decode(Inbound, given)`` takes the spec's JSON payload (a mapping, or JSON text) or an
``Inbound`` built in Python, and returns a checked ``Inbound`` — or raises INVALID_PARAMETERS
naming the field (``details.field``, paths like ``adjustments[2].sku_code``). A command built
in Python is checked the same way (a msgspec ``Struct`` constructor checks nothing), so every
caller goes through one set of rules. Nothing is coerced or guessed: a camelCase or unknown
name, a float or boolean quantity, a padded or control-character code are refused (spec:
"禁止兜底写法").

The decoder walks the command's own type (``msgspec.structs.fields``): each leaf carries its
domain rule (``contract.fields``); lists their ``Meta`` bounds; ``X | None`` fields may be
left out or null; ``X | None | UnsetType`` tells "left out" (``UNSET``: keep) from null
(clear). msgspec's own ``convert`` is not used for this because its errors name the field only
inside the message text and check fields in payload order; here the checks and their reasons
are today's, in declaration order: names first, then values, then the exactly-one groups.
"""
from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, TypeVar, Union

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from ..domain.errors import WmsError, invalid
from ..domain.fields import check_groups, check_names

S = TypeVar("S", bound=Struct)
Payload = Mapping[str, Any]
Rule = Callable[[str, Any], Any]

_REQUIRED = object()


def decode(cls: type[S], given: S | Payload | bytes | str) -> S:
    """A checked ``cls`` from its JSON payload, JSON text, or an instance built in Python."""
    if isinstance(given, cls):
        data: Any = msgspec.to_builtins(given)
    elif isinstance(given, (bytes, str)):
        try:
            data = msgspec.json.decode(given)
        except (msgspec.DecodeError, UnicodeEncodeError) as error:  # text with a lone surrogate cannot be UTF-8
            raise invalid("payload", "is not valid JSON", error=str(error)) from None
    else:
        data = given
    return _plan(cls).decode(data, "")


def check(kind: Any, name: str, value: Any) -> Any:
    """One value of a field type (``Code``, ``Ident``, …) checked as a command's field would be:
    for the lookups that take a bare code or id."""
    return _checker(kind)(name, value)


def to_json(value: Any) -> Any:
    """A result (or command) as the spec's JSON: dicts, lists, strings, numbers."""
    return msgspec.to_builtins(value)


def envelope(data: Any = None, error: WmsError | None = None) -> dict[str, Any]:
    """The spec's response envelope ``{success, data, error_code, error_message, details}``."""
    if error is None:
        return {"success": True, "data": to_json(data), "error_code": None, "error_message": None}
    return {
        "success": False,
        "data": None,
        "error_code": error.error_code,
        "code": error.code,
        "error_message": error.message,
        "details": error.details,
    }


def schema(cls: type[Struct]) -> dict[str, Any]:
    """The JSON Schema of a command or result (for the HTTP API's OpenAPI document)."""
    return msgspec.json.schema(cls)


# ---- the walk ------------------------------------------------------------------------------------

Check = Callable[[str, Any], Any]  # (field path, value) -> value


@dataclass(frozen=True)
class _Field:
    name: str
    check: Check
    default: Any  # _REQUIRED, UNSET, None or a value
    nullable: bool  # null is kept as None (X | None | UnsetType): "clear"


class _Plan:
    def __init__(self, cls: type[Struct]) -> None:
        self.cls = cls
        self.fields: list[_Field] = []
        for info in msgspec.structs.fields(cls):
            kind, nullable, unset = _optional(info.type)
            if info.required:
                default = _REQUIRED
            elif info.default_factory is not msgspec.NODEFAULT:
                default = info.default_factory()
            else:
                default = info.default
            self.fields.append(_Field(info.name, _checker(kind), default, unset and nullable))
        self.names = frozenset(f.name for f in self.fields)
        self.exactly_one: tuple[tuple[str, ...], ...] = getattr(cls, "exactly_one", ())
        self.at_most_one: tuple[tuple[str, ...], ...] = getattr(cls, "at_most_one", ())

    def decode(self, payload: Any, prefix: str) -> Any:
        if not isinstance(payload, Mapping):
            raise invalid(prefix.rstrip(".") or "payload", "must be an object")
        check_names(payload, self.names, prefix)
        values: dict[str, Any] = {}
        for field in self.fields:
            value = payload.get(field.name)
            if value is None:
                if field.default is _REQUIRED:
                    raise invalid(prefix + field.name, "is required")
                values[field.name] = None if field.nullable and field.name in payload else field.default
            else:
                values[field.name] = field.check(prefix + field.name, value)
        check_groups(lambda name: values[name] not in (None, UNSET), self.exactly_one, self.at_most_one, prefix)
        return self.cls(**values)


@cache
def _plan(cls: type[Struct]) -> _Plan:
    return _Plan(cls)


def _optional(annotation: Any) -> tuple[Any, bool, bool]:
    """(the type without None and UnsetType, None allowed, UnsetType allowed)."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = typing.get_args(annotation)
        rest = [a for a in args if a not in (type(None), UnsetType)]
        if len(rest) != 1:
            raise TypeError(f"a field is one type, optionally with None / UnsetType: {annotation}")
        return rest[0], type(None) in args, UnsetType in args
    return annotation, False, False


def _checker(kind: Any) -> Check:
    """How one value of ``kind`` is checked: a leaf by its rule, a list by its bounds and items,
    a nested command by its own plan. Every leaf must carry a rule (a developer error otherwise)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Annotated:
        base, extras = args[0], args[1:]
        rules = [e for e in extras if callable(e) and not isinstance(e, Meta)]
        if rules:
            (rule,) = rules
            return rule
        meta = next((e for e in extras if isinstance(e, Meta)), Meta())
        if typing.get_origin(base) is list:
            return _list(_checker(typing.get_args(base)[0]), meta.min_length or 0, meta.max_length)
        raise TypeError(f"{kind}: a leaf field needs its rule")
    if origin is Literal:
        return _choice(args)
    if kind is bool:
        return _flag
    if isinstance(kind, type) and issubclass(kind, Struct):
        nested = _plan(kind)
        return lambda name, value: nested.decode(value, f"{name}.")
    if origin is list:
        return _list(_checker(args[0]), 0, None)
    raise TypeError(f"{kind}: no decoder for this field type")


def _list(item: Check, min_items: int, max_items: int | None) -> Check:
    def check(name: str, value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise invalid(name, "must be a list")
        if len(value) < min_items or (max_items is not None and len(value) > max_items):
            raise invalid(name, f"must have between {min_items} and {max_items} entries")
        return [item(f"{name}[{i}]", v) for i, v in enumerate(value)]

    return check


def _choice(allowed: tuple[str, ...]) -> Check:
    def check(name: str, value: Any) -> str:
        if value not in allowed:
            raise invalid(name, f"must be one of {', '.join(allowed)}", allowed=list(allowed))
        return str(value)

    return check


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise invalid(name, "must be true or false")
    return value
