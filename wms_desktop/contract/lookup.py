"""What a scanned or typed code is, and the data labels print."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from msgspec import Meta, field

from ..domain.errors import invalid
from .base import Command, Result
from .fields import Code, SkuCode

SCAN_MAX = 512  # a GS1 element string can be long; anything longer is not a code
CODES_MAX = 1000


def _gtin(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or not 8 <= len(value) <= 14:
        raise invalid(name, "must be a GTIN of 8 to 14 digits")
    return value


def _scanned(name: str, value: Any) -> str:
    """Scanned text as it came (GS separators and all): only its type and size are checked —
    text that is no code is simply ``unknown``."""
    if not isinstance(value, str):
        raise invalid(name, "must be a string")
    if len(value) > SCAN_MAX:
        raise invalid(name, f"must be at most {SCAN_MAX} characters", max_length=SCAN_MAX)
    return value


class Identify(Command, frozen=True, kw_only=True):
    """``code``: the scanned text (symbology identifier removed); ``gtin``: the GTIN of a GS1
    element string, when the scanner's text was one (the workstation parses it)."""

    code: Annotated[str, Meta(max_length=SCAN_MAX), _scanned]
    gtin: Annotated[str, Meta(pattern=r"^\d{8,14}$"), _gtin] | None = None


IdentifiedKind = Literal["location", "sku", "product", "external", "document", "unknown"]


class Identified(Result, frozen=True, kw_only=True):
    """What ``code`` is: a location of this warehouse, a SKU code (or a product without SKUs),
    a product code of a product with SKUs (``sku_code`` null: scan the SKU label), an external
    barcode (or the GS1 label's GTIN: ``by_gtin``), a document number of this warehouse (an
    ASN, an order, a count task: ``document_type``, ``document_id``, ``state``,
    ``document_number`` — also for the tote of an order being picked or packed), or nothing
    known."""

    code: str
    kind: IdentifiedKind
    by_gtin: bool = False
    location_code: str | None = None
    location_name: str | None = None
    product_id: int | None = None
    product_code: str | None = None
    product_name: str | None = None
    sku_code: str | None = None
    sku_color: str | None = None
    sku_size: str | None = None
    weight_grams: int | None = None
    batched: bool = False  # a SKU kept in batches (it has lots or batched stock): scans ask for the batch
    document_type: str | None = None
    document_id: int | None = None
    state: str | None = None
    document_number: str | None = None


class SkuLabels(Command, frozen=True, kw_only=True):
    """One label per SKU: a SKU code prints that SKU, a product code every SKU of the product."""

    codes: Annotated[list[SkuCode], Meta(min_length=1, max_length=CODES_MAX)]


class LocationLabels(Command, frozen=True, kw_only=True):
    """The named locations, or every location of the warehouse when none are named."""

    codes: Annotated[list[Code], Meta(max_length=CODES_MAX)] = field(default_factory=list)


class SkuLabel(Result, frozen=True, kw_only=True):
    """``scan_code``: what the label's Code 128 carries — the SKU's first external code (its
    EAN) where it has one, else its own scan code."""

    sku_code: str
    product_name: str
    sku_color: str
    sku_size: str
    scan_code: str


class LocationLabel(Result, frozen=True, kw_only=True):
    location_code: str
    scan_code: str


