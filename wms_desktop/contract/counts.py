"""Count tasks (services/counts.py): created by a supervisor over locations or SKUs, counted
blind by counters location by location, recounted, decided and posted.

Blind: what a counter's calls answer (:class:`CountLocationStarted`, :class:`ItemCounted`,
:class:`CountLocationFinished`, :class:`CountSheet`) carries no system quantity — only what the
counter counted. The supervisor's views (:class:`CountDetail`, :class:`CountLineRow`) show the
snapshot, the movements during the count, the expected and counted quantities and the variance.
"""
from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta

from ..domain.counts import DECISIONS, REASONS
from ..domain.fields import integer
from .base import Changed, Command, Mutation, Result, Row
from .documents import DocumentHeader, DocumentIds, DocumentMutation, DocumentRef, DocumentRow
from .fields import Code, Counted, Flag, Ident, Quantity, SkuCode

SCOPE_MAX = 10_000  # locations or SKUs named in one task
Codes = Annotated[list[Code], Meta(min_length=1, max_length=SCOPE_MAX)]
SkuCodes = Annotated[list[SkuCode], Meta(min_length=1, max_length=SCOPE_MAX)]
Days = Annotated[int, Meta(ge=1, le=3650), integer(1, 3650)]
Percent = Annotated[int, Meta(ge=0, le=1000), integer(0, 1000)]
Reason = Literal["miscount", "damaged", "lost", "found", "misplaced", "unrecorded_receipt", "unrecorded_shipment",
                 "other"]
Decision = Literal["approve", "reject"]
CountState = Literal["pending", "counting", "counted", "approved", "posted", "cancelled"]
assert Reason.__args__ == REASONS and Decision.__args__ == DECISIONS  # type: ignore[attr-defined]


class CreateCount(Mutation, frozen=True, kw_only=True):
    """A task over exactly one scope: a range of locations (``location_from`` … ``location_to``,
    in walking order, both included), a zone (``location_prefix``), a list of location codes
    (typed or scanned labels), the locations holding ``sku_codes`` (only those SKUs are
    counted), or the next cycle: locations not counted for ``cycle_days`` days (at most
    ``cycle_limit``, those counted longest ago first)."""

    count_number: Code
    location_from: Code | None = None
    location_to: Code | None = None
    location_prefix: Code | None = None
    location_codes: Codes | None = None
    sku_codes: SkuCodes | None = None
    cycle_days: Days | None = None
    cycle_limit: Annotated[int, Meta(ge=1, le=SCOPE_MAX), integer(1, SCOPE_MAX)] | None = None


class CountRef(Command, frozen=True, kw_only=True):
    exactly_one = (("count_number", "document_id"),)

    count_number: Code | None = None
    document_id: Ident | None = None


class CountMutation(DocumentMutation, frozen=True, kw_only=True):
    """An action on one task, by number or id."""

    exactly_one = (("count_number", "document_id"),)

    count_number: Code | None = None
    document_id: Ident | None = None


class CountAtLocation(CountMutation, frozen=True, kw_only=True):
    location_code: Code


class CountItem(CountAtLocation, frozen=True, kw_only=True):
    """Counted units of one item at the location being counted: one per scan, or a typed or
    GS1 quantity."""

    sku_code: SkuCode
    batch_number: Code | None = None
    stock_quantity: Quantity = 1


class DecideCountLines(CountMutation, frozen=True, kw_only=True):
    """Approve or reject the variances of some lines of a counted task, for one reason."""

    line_ids: Annotated[list[Ident], Meta(min_length=1, max_length=SCOPE_MAX)]
    decision: Decision
    reason_code: Reason


class SetCountSettings(Command, frozen=True, kw_only=True):
    tolerance_units: Counted = 0
    tolerance_percent: Percent = 0
    recount_by_other: Flag = True
    approver_not_counter: Flag = True


class CountSettings(Result, frozen=True, kw_only=True):
    tolerance_units: int
    tolerance_percent: int
    recount_by_other: bool
    approver_not_counter: bool


# ---- the counter's answers (blind) ------------------------------------------------------------


class CountItemRef(Result, frozen=True, kw_only=True):
    sku_code: str
    product_name: str
    batch_number: str | None


class SheetLocation(Result, frozen=True, kw_only=True):
    location_code: str
    state: str
    round: int
    counted_by: str | None
    recount_items: list[CountItemRef]


class CountLocationStarted(Changed, frozen=True, kw_only=True):
    document: DocumentRef
    location_code: str
    round: int
    recount_items: list[CountItemRef]  # in a recount: the items to count again
    place: SheetLocation  # the location's row of the counter's sheet, as it is now


class ItemCounted(Changed, frozen=True, kw_only=True):
    document: DocumentRef
    location_code: str
    sku_code: str
    product_name: str
    batch_number: str | None
    stock_quantity: int  # added by this call
    counted_quantity: int  # counted so far at this location in this round


class CountLocationFinished(Changed, frozen=True, kw_only=True):
    document: DocumentRef
    location_code: str
    location_state: str  # counted, or recount: some lines are counted again
    lines_counted: int  # the items counted there (not the balances the system held: blind)
    recount_lines: int
    place: SheetLocation  # the location's row of the counter's sheet, as it is now


class CountSheet(Result, frozen=True, kw_only=True):
    """What a counter works from: the task's locations in walking order and their state."""

    document: DocumentRef
    locations: list[SheetLocation]


# ---- the supervisor's views ---------------------------------------------------------------------


class CountTotals(Result, frozen=True, kw_only=True):
    locations_total: int
    locations_counted: int
    lines_total: int
    lines_counted: int
    recount_lines: int  # waiting for a recount
    variance_lines: int
    undecided_lines: int
    variance_units: int  # the net variance of the counted lines


class CountDetail(Result, frozen=True, kw_only=True):
    header: DocumentHeader
    scope: str
    scope_text: str
    totals: CountTotals


class CountIds(DocumentIds, frozen=True, kw_only=True):
    states: list[CountState] | None = None
    sort_by: Literal["document_number", "created_at", "updated_at"] = "updated_at"


class CountRow(DocumentRow, frozen=True, kw_only=True):
    scope_text: str
    locations_total: int
    locations_counted: int
    variance_lines: int


class CountLineIds(DocumentIds, frozen=True, kw_only=True):
    """The lines of a task for the approval view: its final lines (``variances_only``: those with
    a variance) in walking order of their location; ``search``: the start of a location or SKU
    code."""

    document_id: Ident
    variances_only: Flag = False


class CountLineRow(Row, frozen=True, kw_only=True):
    line_id: int
    location_code: str
    sku_code: str
    product_name: str
    batch_number: str | None
    round: int
    status: str
    snapshot_quantity: int | None
    moved_quantity: int | None  # posted between the snapshot and the count
    expected_quantity: int | None
    counted_quantity: int
    variance: int | None
    counted_by: str | None
    first_counted_by: str | None  # the first count's counter of a recounted line
    decision: str | None
    reason_code: str | None
    decided_by: str | None


class CounterAccuracy(Result, frozen=True, kw_only=True):
    """A counter's lines in a task, and how many agreed with the quantity finally accepted."""

    counter: str
    lines_counted: int
    lines_right: int
    accuracy_percent: float


class CountLinesDecided(Changed, frozen=True, kw_only=True):
    """The decided lines as they are now, and the task's totals and counters' accuracy after them."""

    document: DocumentRef
    line_ids: list[int]
    decision: str
    reason_code: str
    lines: list[CountLineRow]
    totals: CountTotals
    accuracy: list[CounterAccuracy]


class CountPosted(Changed, frozen=True, kw_only=True):
    document: DocumentRef
    movements: int
    operated_at: str | None
