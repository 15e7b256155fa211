"""The :class:`Scan` value and how raw scanner text becomes one.

Raw text may start with an AIM symbology identifier (``]C1`` GS1-128, ``]d2`` GS1 DataMatrix,
``]Q3`` GS1 QR, ``]e0`` GS1 DataBar, ``]E0`` EAN-13, ``]C0`` plain Code 128 …); it is split off
into :attr:`Scan.symbology`. GS1 element strings are parsed with biip, with or without the
identifier, with GS (``\\x1d``) separators or in the human-readable ``(01)…(10)…`` form.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

KINDS = ("location", "sku", "external", "gs1", "document", "unknown")
GS1_SYMBOLOGIES = ("]C1", "]d2", "]Q3", "]e0")
GS = "\x1d"
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# without an identifier, only text that starts like a GTIN element string is tried as GS1
_LOOKS_GS1 = re.compile(r"^(?:\(0[12]\)\d{14}|0[12]\d{14})")


@dataclass(frozen=True)
class Scan:
    """One read of a barcode.

    ``text`` is the data without the symbology identifier (GS separators kept); ``kind`` is
    ``unknown`` or ``gs1`` from the decoder and is decided by the app's lookup later
    (``location`` / ``sku`` / ``external`` / ``gs1`` / ``document`` / ``unknown``), which then
    also fills the resolved codes (a document number: its type, id and state). ``gs1`` holds ``gtin``, ``batch_number``, ``expiry_date`` and ``quantity``
    (each ``None`` when the barcode does not carry it) for a GS1 element string."""

    text: str
    symbology: str | None = None
    kind: str = "unknown"
    gs1: Mapping[str, Any] | None = field(default=None, hash=False, compare=True)
    location_code: str | None = None
    product_code: str | None = None
    sku_code: str | None = None
    label: str | None = None  # what the lookup found, for display (product name, colour, size)
    weight_grams: int | None = None  # the SKU's unit weight, when the lookup found one
    batched: bool = False  # the SKU is kept in batches: the batch step is part of its flow
    document_type: str | None = None  # a document number: asn, order, count, …
    document_id: int | None = None
    document_state: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown scan kind {self.kind!r}")

    @property
    def raw(self) -> str:
        return (self.symbology or "") + self.text


def split_symbology(raw: str) -> tuple[str | None, str]:
    if _AIM.match(raw):
        return raw[:3], raw[3:]
    return None, raw


def parse_gs1(text: str) -> dict[str, Any] | None:
    """``{gtin, batch_number, expiry_date, quantity}`` of a GS1 element string, else None.

    ``gtin`` comes from AI 01 (or 02, the GTIN of contained items) as 14 digits;
    ``expiry_date`` (AI 17) is a :class:`datetime.date`; ``quantity`` from AI 30 or 37."""
    text = text.strip()
    if not text:
        return None
    from biip import ParseError  # loads with the first GS1 scan (~60 ms): the window starts without it
    from biip.gs1_messages import GS1Message

    try:
        message = GS1Message.parse_hri(text) if text.startswith("(") else GS1Message.parse(text)
    except (ParseError, ValueError):
        return None
    values: dict[str, Any] = {"gtin": None, "batch_number": None, "expiry_date": None, "quantity": None}
    for element in message.element_strings:
        ai = element.ai.ai
        if ai in ("01", "02") and values["gtin"] is None:
            values["gtin"] = element.value
        elif ai == "10":
            values["batch_number"] = element.value
        elif ai == "17":
            values["expiry_date"] = element.date if isinstance(element.date, date) else None
        elif ai in ("30", "37") and element.value.isdigit():
            values["quantity"] = int(element.value)
    if all(v is None for v in values.values()):
        return None
    return values


def parse_scan(raw: str) -> Scan:
    """Raw scanner text (identifier included, terminator removed) → :class:`Scan`."""
    symbology, text = split_symbology(raw)
    gs1 = None
    if symbology in GS1_SYMBOLOGIES or (symbology is None and (GS in text or _LOOKS_GS1.match(text))):
        gs1 = parse_gs1(text)
    return Scan(text=text, symbology=symbology, kind="gs1" if gs1 else "unknown", gs1=gs1)
