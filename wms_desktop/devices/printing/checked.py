"""Frozen records checked against a strict schema when built, from code or from a mapping.

Bad data raises the domain's INVALID_PARAMETERS naming the field; unknown or camelCase names in
a mapping are refused, as everywhere in the app.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, ClassVar

from wms_desktop.domain import fields as f
from wms_desktop.domain.errors import invalid


class Checked:
    schema: ClassVar[f.Schema]

    def __post_init__(self) -> None:
        self.schema.parse({field.name: getattr(self, field.name) for field in fields(self)})

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any], prefix: str = ""):
        """``prefix`` names where the mapping sits in a bigger payload, for error messages."""
        return cls(**cls.schema.parse(mapping, prefix=prefix))


def records(record: type[Checked], max_items: int) -> f.Parser:
    """A non-empty list of ``record``s, given as instances or as mappings."""

    def parse(name: str, value: Any) -> tuple:
        if not isinstance(value, (list, tuple)):
            raise invalid(name, "must be a list")
        if not 1 <= len(value) <= max_items:
            raise invalid(name, f"must have between 1 and {max_items} entries")
        return tuple(
            item if isinstance(item, record) else record.from_mapping(item, prefix=f"{name}[{i}].")
            for i, item in enumerate(value)
        )

    return parse
