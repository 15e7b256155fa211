"""Outbound orders (domain/orders.py, services/orders.py): created in the app, from CSV or the
HTTP API with the same commands; released (reserved), cancelled, and read with their lines and
allocations. An order is named by ``order_number`` or ``document_id`` (exactly one)."""
from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from msgspec import Meta, field

from ..domain import fields as f
from .base import Changes, Command, Mutation, Result
from .documents import DocumentHeader, DocumentIds, DocumentMutation, DocumentRow
from .fields import Code, Day, Flag, Grams, Ident, Name, Notes, Quantity, SkuCode, Tare

ORDER_LINES_MAX = 1000
CartonNumber = Annotated[int, Meta(ge=1, le=10_000), f.integer(1, 10_000)]
OrderState = Literal["pending", "released", "picking", "picked", "packed", "shipped", "cancelled"]
ShortStockPolicy = Literal["refuse", "backorder"]


class OrderItem(Command, frozen=True, kw_only=True):
    """A line: ``stock_quantity`` units of a SKU, of one batch when ``batch_number`` is given
    (else any batch, soonest expiry first)."""

    sku_code: SkuCode
    stock_quantity: Quantity
    batch_number: Code | None = None


class OrderMutation(DocumentMutation, frozen=True, kw_only=True):
    """A change of an existing order (the key of ``OrderKey``)."""

    exactly_one: ClassVar = (("order_number", "document_id"),)

    order_number: Code | None = None
    document_id: Ident | None = None


class CreateOrder(Mutation, frozen=True, kw_only=True):
    order_number: Code
    customer_name: Name
    recipient_name: Name | None = None
    address: Notes | None = None
    carrier: Code | None = None
    expected_ship_date: Day | None = None
    lines: Annotated[list[OrderItem], Meta(max_length=ORDER_LINES_MAX)]


class UpdateOrder(OrderMutation, frozen=True, kw_only=True):
    """A pending order's header (the fields given, and ``is_urgent``) and,
    when ``lines`` is given, all its lines."""

    customer_name: Name | None = None
    recipient_name: Name | None = None
    address: Notes | None = None
    carrier: Code | None = None
    expected_ship_date: Day | None = None
    lines: Annotated[list[OrderItem], Meta(max_length=ORDER_LINES_MAX)] | None = None


class ReleaseOrder(OrderMutation, frozen=True, kw_only=True):
    """Reserve every line (FEFO for lots with an expiry, else walking order)."""


class CancelOrder(OrderMutation, frozen=True, kw_only=True):
    """Cancel, releasing every reservation not yet picked."""


class GetOrder(Command, frozen=True, kw_only=True):
    exactly_one: ClassVar = (("order_number", "document_id"),)

    order_number: Code | None = None
    document_id: Ident | None = None


class SetShortStockPolicy(Command, frozen=True, kw_only=True):
    short_stock_policy: ShortStockPolicy


class OrderIds(DocumentIds, frozen=True, kw_only=True):
    states: list[OrderState] | None = None
    customer_name: Name | None = None  # a prefix
    urgent_only: Flag = False
    ship_from: Day | None = None  # expected ship date on or after
    ship_to: Day | None = None  # … on or before
    sort_by: Literal["document_number", "customer_name", "expected_ship_date", "state", "updated_at"] = "updated_at"


class OrderLineView(Result, frozen=True, kw_only=True):
    line_id: int
    line_number: int
    sku_code: str
    product_code: str
    product_name: str
    batch_number: str | None
    stock_quantity: int
    reserved_quantity: int
    picked_quantity: int
    backorder_quantity: int


class AllocationView(Result, frozen=True, kw_only=True):
    allocation_id: int
    line_id: int
    sku_code: str
    location_code: str
    batch_number: str | None
    expiry_date: str | None
    reserved_quantity: int
    picked_quantity: int


class PickView(Result, frozen=True, kw_only=True):
    pick_id: int
    sku_code: str
    location_code: str
    to_location_code: str
    batch_number: str | None
    stock_quantity: int
    operator_id: str
    picked_at: str | None


class HistoryEntry(Result, frozen=True, kw_only=True):
    """One action on the order, as its outbox event recorded it."""

    action: str
    previous_state: str | None
    state: str
    operator_id: str
    occurred_at: str


class Order(DocumentHeader, frozen=True, kw_only=True):
    """An order with its lines, allocations, picks and cartons; after a change, what it changed."""

    customer_name: str
    recipient_name: str | None
    address: str | None
    carrier: str | None
    expected_ship_date: str | None
    tote_code: str | None = None  # the tote its wave picks it into
    lines: list[OrderLineView]
    allocations: list[AllocationView]
    picks: list[PickView] = field(default_factory=list)
    cartons: list[CartonView] = field(default_factory=list)
    returns: list[str] = field(default_factory=list)  # the numbers of its customer returns
    history: list[HistoryEntry] = field(default_factory=list)  # its actions, oldest first (orders.get)
    changes: Changes = field(default_factory=Changes)


class OrderRow(DocumentRow, frozen=True, kw_only=True):
    customer_name: str
    expected_ship_date: str | None
    line_count: int
    total_quantity: int


class ShortStockPolicySet(Result, frozen=True, kw_only=True):
    warehouse_code: str
    short_stock_policy: str


# ---- picking, packing, shipping -----------------------------------------------------------------


class PickOrder(OrderMutation, frozen=True, kw_only=True):
    """Confirm a pick: ``stock_quantity`` of the SKU (and batch) reserved for the order at
    ``location_code``, moved to this station's packing location ``to_location_code``."""

    location_code: Code
    sku_code: SkuCode
    batch_number: Code | None = None
    stock_quantity: Quantity
    to_location_code: Code
    tote_code: Code | None = None  # a wave's: the order's first pick binds it, every other must name it


class ShortPick(OrderMutation, frozen=True, kw_only=True):
    """The bin holds less than was reserved there for the order (after picking what it had):
    its reservation is given back and the units are reserved elsewhere, or backordered."""

    location_code: Code
    sku_code: SkuCode
    batch_number: Code | None = None


class Picked(Result, frozen=True, kw_only=True):
    document_id: int
    order_number: str
    state: str
    version: int
    sku_code: str
    location_code: str
    to_location_code: str
    batch_number: str | None
    stock_quantity: int
    from_current_quantity: int
    to_current_quantity: int
    remaining_quantity: int  # still reserved for the order, everywhere
    tote_code: str | None = None
    operator_id: str
    request_id: str | None
    changes: Changes = field(default_factory=Changes)


class CartonItem(Command, frozen=True, kw_only=True):
    sku_code: SkuCode
    batch_number: Code | None = None
    stock_quantity: Quantity


class PackCarton(OrderMutation, frozen=True, kw_only=True):
    """A carton of picked units. With ``weight_grams`` (the scale's reading) the carton must
    weigh what its contents and ``tare_grams`` should, within the tolerance, unless
    ``accept_weight_difference``."""

    items: Annotated[list[CartonItem], Meta(min_length=1, max_length=ORDER_LINES_MAX)]
    weight_grams: Grams | None = None
    tare_grams: Tare = 0
    accept_weight_difference: Flag = False
    carrier: Code | None = None
    tracking_number: Code | None = None


class CartonTracking(Command, frozen=True, kw_only=True):
    carton_number: CartonNumber
    tracking_number: Code
    carrier: Code | None = None


class ShipOrder(OrderMutation, frozen=True, kw_only=True):
    """Ship every packed carton: their contents leave the packing location, in one
    transaction; ``cartons`` sets tracking numbers (scanned) on the way."""

    cartons: Annotated[list[CartonTracking], Meta(max_length=ORDER_LINES_MAX)] | None = None


class CartonView(Result, frozen=True, kw_only=True):
    carton_id: int
    carton_number: int
    weight_grams: int | None
    expected_weight_grams: int | None
    carrier: str | None
    tracking_number: str | None
    packed_by: str
    packed_at: str | None
    items: list[CartonItem]


class Packed(Result, frozen=True, kw_only=True):
    document_id: int
    order_number: str
    state: str
    version: int
    carton: CartonView
    unpacked_quantity: int  # picked units not in a carton yet
    changes: Changes = field(default_factory=Changes)
