"""Stock: the operations that move it (inventory), the queries that show it (stock, history,
browse) and pick planning."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from msgspec import Meta, field

from ..domain.fields import integer
from .base import Changed, Changes, Command, ErrorInfo, Mutation, Pagination, Result, Row
from .fields import Code, Counted, Day, Delta, Flag, Ident, Page, PageSize, Quantity, Search, SkuCode
from .rules import balance_cursor, cursor, instant

# ---- inventory ----------------------------------------------------------------------------------


class StockMove(Mutation, frozen=True, kw_only=True):
    """Inbound and outbound: a product (or one of its SKUs) at one location."""

    exactly_one = (("product_id", "product_code"), ("location_id", "location_code"))

    product_id: Ident | None = None
    product_code: Code | None = None
    location_id: Ident | None = None
    location_code: Code | None = None
    sku_code: SkuCode | None = None  # required for a product with SKUs
    stock_quantity: Quantity
    batch_number: Code | None = None


class Inbound(StockMove, frozen=True, kw_only=True):
    """Receive ``stock_quantity`` units into a location; ``expiry_date`` (a GS1 label's (17))
    is the batch's, recorded with its lot (services/lots.py) in the same transaction."""

    expiry_date: Day | None = None


class Outbound(StockMove, frozen=True, kw_only=True):
    """Ship ``stock_quantity`` units out of a location; ``batch_number`` picks the batch."""


class Transfer(Mutation, frozen=True, kw_only=True):
    exactly_one = (("from_location_id", "from_location_code"), ("to_location_id", "to_location_code"))
    at_most_one = (("product_id", "product_code"),)

    sku_code: SkuCode
    product_id: Ident | None = None  # a check: the SKU must belong to it
    product_code: Code | None = None
    from_location_id: Ident | None = None
    from_location_code: Code | None = None
    to_location_id: Ident | None = None
    to_location_code: Code | None = None
    stock_quantity: Quantity
    batch_number: Code | None = None


class Adjust(Mutation, frozen=True, kw_only=True):
    """Change a balance by a signed ``stock_quantity``."""

    product_code: Code
    location_code: Code
    sku_code: SkuCode | None = None
    stock_quantity: Delta
    batch_number: Code | None = None


class Count(Mutation, frozen=True, kw_only=True):
    """Set a balance to the counted ``stock_quantity``; the ledger records the difference."""

    product_code: Code
    location_code: Code
    sku_code: SkuCode | None = None
    stock_quantity: Counted
    batch_number: Code | None = None


class AdjustmentLine(Command, frozen=True, kw_only=True):
    location_code: Code
    sku_code: SkuCode
    stock_quantity: Delta
    batch_number: Code | None = None


class BatchAdjust(Mutation, frozen=True, kw_only=True):
    """Several signed adjustments: all of them, or none."""

    adjustments: Annotated[list[AdjustmentLine], Meta(min_length=1, max_length=1000)]


class Stamp(Changed, frozen=True, kw_only=True):
    operator_id: str
    is_urgent: bool
    notes: str | None
    document_ref: str | None
    request_id: str
    operated_at: str | None


class StockMoved(Stamp, frozen=True, kw_only=True):
    product_id: int
    product_code: str
    sku_code: str
    location_code: str
    batch_number: str | None
    stock_quantity: int
    previous_quantity: int
    current_quantity: int


class Transferred(Stamp, frozen=True, kw_only=True):
    product_code: str
    sku_code: str
    from_location_code: str
    to_location_code: str
    stock_quantity: int
    batch_number: str | None
    from_current_quantity: int
    to_current_quantity: int


class AdjustedLine(Result, frozen=True, kw_only=True):
    """The spec's adjust response."""

    location_code: str
    product_code: str
    sku_code: str
    previous_quantity: int
    adjusted_quantity: int
    current_quantity: int
    batch_number: str | None
    adjusted_at: str | None  # null when a count agreed with the balance
    operator_id: str
    is_urgent: bool
    notes: str | None
    document_ref: str | None
    request_id: str


class Adjusted(AdjustedLine, frozen=True, kw_only=True):
    changes: Changes = field(default_factory=Changes)


class BatchAdjusted(Stamp, frozen=True, kw_only=True):
    adjustments: list[AdjustedLine]


# ---- stock queries ------------------------------------------------------------------------------


class StockQuery(Command, frozen=True, kw_only=True):
    location_code: Code | None = None
    product_code: Code | None = None
    sku_code: SkuCode | None = None
    batch_number: Code | None = None
    include_empty: Flag = False
    page: Page = 1
    page_size: PageSize = 50


class ByLocation(Command, frozen=True, kw_only=True):
    location_code: Code | None = None
    page: Page = 1
    page_size: PageSize = 50


class ByProduct(Command, frozen=True, kw_only=True):
    product_code: Code | None = None
    page: Page = 1
    page_size: PageSize = 50


class BalanceItem(Result, frozen=True, kw_only=True):
    location_code: str
    product_id: int
    product_code: str
    product_name: str
    sku_code: str
    sku_color: str | None
    sku_size: str | None
    batch_number: str | None
    stock_quantity: int
    locked_quantity: int
    available_quantity: int
    expiry_date: date | None  # the batch's (services/lots.py); null without a batch or a known expiry
    is_expired: bool
    updated_at: str | None


class StockPage(Result, frozen=True, kw_only=True):
    items: list[BalanceItem]
    pagination: Pagination


class LocationItem(Result, frozen=True, kw_only=True):
    product_id: int
    product_code: str
    product_name: str
    sku_code: str
    batch_number: str | None
    stock_quantity: int
    available_quantity: int
    image_path: str | None


class LocationStock(Result, frozen=True, kw_only=True):
    location_code: str
    items: list[LocationItem]


class LocationStockPage(Result, frozen=True, kw_only=True):
    data: list[LocationStock]
    pagination: Pagination


class PlaceQuantity(Result, frozen=True, kw_only=True):
    location_code: str
    stock_quantity: int


class SizeStock(Result, frozen=True, kw_only=True):
    sku_size: str | None
    sku_code: str
    total_quantity: int
    locations: list[PlaceQuantity]


class ColorStock(Result, frozen=True, kw_only=True):
    color: str | None
    image_path: str | None
    sizes: list[SizeStock]
    total_quantity: int
    sku_count: int
    location_count: int


class SkuSummary(Result, frozen=True, kw_only=True):
    sku_code: str
    sku_color: str | None
    sku_size: str | None
    image_path: str | None


class ProductRecord(Result, frozen=True, kw_only=True):
    product_id: int
    product_code: str
    product_name: str
    unit: str
    category_id: str | None
    image_path: str | None
    has_sku: bool
    low_stock_threshold: int
    high_stock_threshold: int
    created_at: str | None
    updated_at: str | None


class ProductStock(ProductRecord, frozen=True, kw_only=True):
    """A product with this warehouse's stock nested colour → size → location (the spec's
    nesting), totals at every level; its SKUs without stock are in ``skus`` too."""

    total_quantity: int
    sku_count: int
    location_count: int
    color_count: int
    colors: list[ColorStock]


class ProductView(ProductStock, frozen=True, kw_only=True):
    skus: list[SkuSummary]


class ProductViewPage(Result, frozen=True, kw_only=True):
    data: list[ProductView]
    pagination: Pagination


# ---- history --------------------------------------------------------------------------------------

Operation = Literal["inbound", "outbound", "transfer_out", "transfer_in", "adjust", "count"]
Instant = Annotated[str, Meta(description="ISO 8601 with Z or an offset", examples=["2024-06-15T12:00:00.000Z"]),
                    instant]
Cursor = Annotated[str, Meta(max_length=200, description="the next_cursor of the previous page"), cursor]
BalanceCursor = Annotated[str, Meta(max_length=200, description="the next_after of the previous page"),
                          balance_cursor]
HISTORY_PAGE_MAX = 1000


class Movements(Command, frozen=True, kw_only=True):
    """``balance_id``: the rows of one balance (SKU, location and batch) — each row's
    ``quantity_after`` is then that balance's running quantity, the newest its stock now."""

    balance_id: Ident | None = None
    sku_code: SkuCode | None = None
    product_code: Code | None = None
    location_code: Code | None = None
    operator_id: Code | None = None
    operation: Operation | None = None
    operated_from: Instant | None = None  # inclusive
    operated_to: Instant | None = None  # exclusive
    before: Cursor | None = None
    after_movement_id: Ident | None = None
    limit: Annotated[int, Meta(ge=1, le=HISTORY_PAGE_MAX), integer(1, HISTORY_PAGE_MAX)] = 200


class Movement(Row, frozen=True, kw_only=True):
    movement_id: int
    operated_at: str | None
    operation: str
    product_code: str
    product_name: str
    sku_code: str
    location_code: str
    batch_number: str | None
    quantity_change: int
    quantity_after: int
    operator_id: str
    is_urgent: bool
    notes: str | None
    document_ref: str | None
    request_id: str


class MovementPage(Result, frozen=True, kw_only=True):
    items: list[Movement]
    next_cursor: str | None  # null on the last page


# ---- browse: big tables by id -------------------------------------------------------------------

BROWSE_IDS_MAX = 1000
IdList = Annotated[list[Ident], Meta(max_length=BROWSE_IDS_MAX)]
Limit = Annotated[int, Meta(ge=1, le=10_000_000), integer(1, 10_000_000)]


class ProductIds(Command, frozen=True, kw_only=True):
    search: Search | None = None
    sort_by: Literal["product_code", "product_name", "updated_at", "total_quantity"] = "product_code"
    descending: Flag = False
    limit: Limit | None = None


class BalanceIds(Command, frozen=True, kw_only=True):
    search: Search | None = None
    location_code: Code | None = None
    product_code: Code | None = None
    sku_code: SkuCode | None = None
    batch_number: Code | None = None
    include_empty: Flag = False
    sort_by: Literal["location_code", "sku_code", "stock_quantity", "updated_at"] = "location_code"
    descending: Flag = False
    limit: Limit | None = None


class ProductRow(Row, frozen=True, kw_only=True):
    product_id: int
    product_code: str
    product_name: str
    unit: str
    category_id: str | None
    has_sku: bool
    sku_count: int
    total_quantity: int
    updated_at: str | None


class BalanceRow(Row, frozen=True, kw_only=True):
    balance_id: int
    location_code: str
    product_code: str
    product_name: str
    sku_code: str
    sku_color: str | None
    sku_size: str | None
    batch_number: str | None
    stock_quantity: int
    locked_quantity: int
    available_quantity: int
    expiry_date: date | None
    is_expired: bool
    updated_at: str | None


# ---- picking ------------------------------------------------------------------------------------

PICK_LINES_MAX = 1000


class OrderLine(Command, frozen=True, kw_only=True):
    sku_code: SkuCode
    stock_quantity: Quantity


class PlanPicks(Command, frozen=True, kw_only=True):
    """Where to take each line of an order from; read-only, reserves nothing."""

    order_number: Code
    lines: Annotated[list[OrderLine], Meta(min_length=1, max_length=PICK_LINES_MAX)]


class LinePick(Result, frozen=True, kw_only=True):
    location_code: str
    batch_number: str | None
    stock_quantity: int
    available_quantity: int


class PlannedLine(Result, frozen=True, kw_only=True):
    line_index: int
    sku_code: str
    product_code: str | None
    product_name: str | None
    sku_color: str | None
    sku_size: str | None
    requested_quantity: int
    planned_quantity: int
    shortfall_quantity: int
    picks: list[LinePick]
    error: ErrorInfo | None  # INSUFFICIENT_STOCK 15001 when short, SKU_NOT_FOUND for an unknown SKU


class Pick(Result, frozen=True, kw_only=True):
    """One pick of the order, in walking order."""

    line_index: int
    sku_code: str
    product_code: str | None
    product_name: str | None
    sku_color: str | None
    sku_size: str | None
    location_code: str
    batch_number: str | None
    stock_quantity: int
    available_quantity: int


class PickPlan(Result, frozen=True, kw_only=True):
    order_number: str
    warehouse_code: str
    lines: list[PlannedLine]
    picks: list[Pick]
    requested_quantity: int
    planned_quantity: int
    shortfall_quantity: int


# ---- stock replayed from the ledger (services/stock_replay.py) ---------------------------------------


class StockAsOf(Command, frozen=True, kw_only=True):
    """The balances as they stood at ``at`` (ledger rows up to and including it), of this
    warehouse, narrowed to one SKU, product or location when given. ``limit``: at most this
    many lines (a screen's page; None: all), continuing ``after`` the ``next_after`` of the
    page before."""

    at: Instant
    sku_code: SkuCode | None = None
    product_code: Code | None = None
    location_code: Code | None = None
    limit: PageSize | None = None
    after: BalanceCursor | None = None


class AsOfLine(Row, frozen=True, kw_only=True):
    product_code: str
    sku_code: str
    location_code: str
    batch_number: str | None
    stock_quantity: int


class AsOfPage(Result, frozen=True, kw_only=True):
    """``items`` by SKU, then location and batch (in the order they were created).
    ``total_quantity`` and ``lines``: of every line, not only this page's (None on a page
    ``after`` another, which had them); ``next_after``: where the next page starts (None: this
    was the last)."""

    at: str
    total_quantity: int | None
    lines: int | None
    items: list[AsOfLine]
    next_after: str | None = None


class BalanceDrift(Row, frozen=True, kw_only=True):
    sku_code: str
    location_code: str
    batch_number: str | None
    balance_quantity: int  # what the balance says
    ledger_quantity: int  # what its ledger rows add up to
    last_quantity_after: int | None  # the newest ledger row's quantity_after


class DriftReport(Result, frozen=True, kw_only=True):
    """Balances rebuilt from the ledger: every key whose balance, ledger sum and newest
    ``quantity_after`` do not all agree (none: no drift)."""

    balances: int
    drifts: list[BalanceDrift]
