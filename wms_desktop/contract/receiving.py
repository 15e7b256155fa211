"""Receiving against ASNs (services/receiving.py): plan a notice, receive it scan by scan (or
without one), finish and close it with its variance. The HTTP API maps onto these one to one.

Every change of an ASN answers ``AsnChanged``: the ASN as it now is (lines with their
progress) and ``changes`` (the ASN, and the balances a receipt moved). Expected quantities are
``None`` wherever the caller may not see them (a blind ASN, read by a clerk).
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from msgspec import Meta, field

from ..domain.fields import integer
from .base import Changed, Command, Mutation, Result
from .documents import DocumentHeader, DocumentIds, DocumentMutation, DocumentRow
from .fields import Code, Counted, Day, Flag, Ident, Name, Quantity, SkuCode, Version

AsnState = Literal["pending", "receiving", "received", "closed", "cancelled"]
ReasonCode = Literal["supplier_overship", "substitute", "free_goods", "transit_damage", "packaging_damage",
                     "supplier_short", "backorder", "other"]
Acceptance = Literal["over_receipt", "not_on_asn"]  # what a clerk may accept explicitly
LINES_MAX = 1000
Percent = Annotated[int, Meta(ge=0, le=1000, description="percent over the expected quantity"), integer(0, 1000)]
LineNumber = Annotated[int, Meta(ge=1, le=LINES_MAX), integer(1, LINES_MAX)]


class AsnLineInput(Command, frozen=True, kw_only=True):
    """One line of a notice: a SKU (and batch) expected in a quantity."""

    sku_code: SkuCode
    expected_quantity: Quantity
    batch_number: Code | None = None
    expiry_date: Day | None = None


class AsnFields(Mutation, frozen=True, kw_only=True):
    """What a supervisor plans: the supplier, the arrival, the lines. ``document_ref`` is the
    purchase order; ``is_blind`` hides expected quantities from the clerk receiving it."""

    supplier_code: Code | None = None
    supplier_name: Name | None = None
    expected_arrival: Day | None = None
    is_blind: Flag = False
    lines: Annotated[list[AsnLineInput], Meta(max_length=LINES_MAX)]


class CreateAsn(AsnFields, frozen=True, kw_only=True):
    asn_number: Code


class AsnRef(DocumentMutation, frozen=True, kw_only=True):
    """An existing ASN, by number or id (finish, cancel)."""

    exactly_one = (("asn_number", "document_id"),)

    asn_number: Code | None = None
    document_id: Ident | None = None


class EditAsn(AsnFields, frozen=True, kw_only=True):
    """A pending ASN's header and lines, replaced whole."""

    exactly_one = AsnRef.exactly_one

    asn_number: Code | None = None
    document_id: Ident | None = None
    expected_version: Version | None = None


class ShortReason(Command, frozen=True, kw_only=True):
    line_number: LineNumber
    reason_code: ReasonCode


class CloseAsn(AsnRef, frozen=True, kw_only=True):
    """Close a received ASN: each line received short needs its reason."""

    short_reasons: Annotated[list[ShortReason], Meta(max_length=LINES_MAX)] = field(default_factory=list)


class StartReceipt(Mutation, frozen=True, kw_only=True):
    """A blind receipt without an ASN: its number is made up (BR-…) unless given."""

    asn_number: Code | None = None
    supplier_code: Code | None = None
    supplier_name: Name | None = None


class Receive(Mutation, frozen=True, kw_only=True):
    """One scan: ``quantity`` units of a SKU arrived, ``damaged_quantity`` of them damaged
    (posted to the damaged location). ``location_code``: the workstation's receiving location
    (default: the warehouse's first); ``damaged_location_code`` likewise. An over-receipt
    beyond the tolerance, or an item the ASN does not name, is refused unless ``accept`` says
    so; every exception and any damage needs a ``reason_code``."""

    exactly_one = (("asn_number", "document_id"),)

    asn_number: Code | None = None
    document_id: Ident | None = None
    sku_code: SkuCode
    quantity: Quantity
    damaged_quantity: Counted = 0
    batch_number: Code | None = None
    expiry_date: Day | None = None
    location_code: Code | None = None
    damaged_location_code: Code | None = None
    accept: Acceptance | None = None
    reason_code: ReasonCode | None = None


class AsnQuery(Command, frozen=True, kw_only=True):
    exactly_one = (("asn_number", "document_id"),)

    asn_number: Code | None = None
    document_id: Ident | None = None


class SetTolerance(Mutation, frozen=True, kw_only=True):
    over_receipt_tolerance_percent: Percent


class AsnIds(DocumentIds, frozen=True, kw_only=True):
    """Search: the number's start, the supplier's code or name, or a SKU code's start on a line."""

    states: Annotated[list[AsnState], Meta(max_length=5)] | None = None
    sort_by: Literal["document_number", "expected_arrival", "supplier_name", "updated_at"] = "updated_at"


# ---- results ---------------------------------------------------------------------------------


class AsnLine(Result, frozen=True, kw_only=True):
    """A line and its progress. ``line_number`` None: an item the ASN does not name (received
    anyway, with a reason). Short and over are against the expected quantity (None if hidden)."""

    line_number: int | None
    sku_code: str
    product_code: str
    product_name: str
    batch_number: str | None
    expiry_date: date | None
    expected_quantity: int | None
    received_quantity: int  # good and damaged
    damaged_quantity: int
    short_quantity: int | None
    over_quantity: int | None
    short_reason: str | None
    reason_codes: list[str]  # of the exceptions and damage recorded on it


class AsnDetail(DocumentHeader, frozen=True, kw_only=True):
    supplier_code: str | None
    supplier_name: str | None
    expected_arrival: date | None
    purchase_order: str | None
    is_blind: bool
    without_asn: bool
    expected_shown: bool  # False: every expected, short and over quantity is hidden
    over_receipt_tolerance_percent: int
    lines: list[AsnLine]


class AsnChanged(Changed, frozen=True, kw_only=True):
    asn: AsnDetail


class Received(AsnChanged, frozen=True, kw_only=True):
    """A scan posted: the line it counted on (``line_number`` None: not on the ASN)."""

    line: AsnLine
    quantity: int
    damaged_quantity: int
    request_id: str
    received_at: str | None


class Tolerance(Result, frozen=True, kw_only=True):
    over_receipt_tolerance_percent: int


class AsnRow(DocumentRow, frozen=True, kw_only=True):
    supplier_code: str | None
    supplier_name: str | None
    expected_arrival: date | None
    is_blind: bool
    line_count: int
    expected_quantity: int | None  # None when hidden
    received_quantity: int


# ---- putaway ---------------------------------------------------------------------------------


class PutawayTasks(Command, frozen=True, kw_only=True):
    """Open putaway tasks: of one ASN, of one receiving location (a workstation's), or all."""

    at_most_one = (("asn_number", "document_id"),)

    asn_number: Code | None = None
    document_id: Ident | None = None
    location_code: Code | None = None


class PutAway(Mutation, frozen=True, kw_only=True):
    """Move received units of an ASN from its receiving location to a shelf (a transfer with
    the ASN's number); at most what is still waiting there."""

    exactly_one = (("asn_number", "document_id"),)

    asn_number: Code | None = None
    document_id: Ident | None = None
    sku_code: SkuCode
    batch_number: Code | None = None
    from_location_code: Code
    to_location_code: Code
    quantity: Quantity


class PutawayTask(Result, frozen=True, kw_only=True):
    """Units received into a receiving location and not yet put away, with where they should
    go: a storage location already holding the SKU and batch, else the first empty one in
    walking order (None: none found)."""

    document_id: int
    asn_number: str
    sku_code: str
    product_code: str
    product_name: str
    batch_number: str | None
    from_location_code: str
    open_quantity: int
    suggested_location_code: str | None


class PutawayList(Result, frozen=True, kw_only=True):
    tasks: list[PutawayTask]


class PutAwayDone(Changed, frozen=True, kw_only=True):
    asn_number: str
    sku_code: str
    batch_number: str | None
    from_location_code: str
    to_location_code: str
    quantity: int
    open_quantity: int  # still waiting at the receiving location after this move
    request_id: str
