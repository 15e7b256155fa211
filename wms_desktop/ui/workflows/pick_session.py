"""The state of picking one order, without Qt: the order's lines, its picks, each pick's state
and the command that confirms it. :class:`~.picking.PickDialog` shows it and feeds it scans
and keys; tests drive it without widgets.

The picks are what is left to pick of a released order (``services.orders.pick_plan``: its
reservations in walking order). An order typed in here — lines entered, one per SKU: the same
SKU again adds to its line — becomes a real one first (``orders.create_and_release``). Each
pick is confirmed by ``orders.pick`` carrying the ``request_id`` it got when loaded — a double
press, a retry or a repeated scan never picks twice — and moves the units to this station's
packing location. One pick posts at a time, in the order queued. Picks lost to
DATABASE_UNAVAILABLE (``lost``) are the ones to confirm again once the database answers: with
their own request_ids, so one whose answer was lost after it was posted is not posted twice.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import Enum

from ...contract.orders import CreateOrder, OrderItem, Picked, PickOrder
from ...contract.stock import Pick, PickPlan
from ...devices.printing import PackingLine, PackingList, PickLine, PickList
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ...domain.fields import MAX_QUANTITY
from .operation_form import ITEM_KINDS


class PickState(Enum):
    OPEN = "open"
    POSTING = "posting"
    DONE = "done"
    REFUSED = "refused"


@dataclass
class Line:
    sku_code: str
    product_code: str | None
    label: str
    stock_quantity: int


@dataclass
class PickTask:
    """One pick of the plan and how far it got."""

    pick: Pick
    request_id: str
    state: PickState = PickState.OPEN
    result: Picked | None = None
    error: WmsError | None = None

    @property
    def to_do(self) -> bool:
        return self.state in (PickState.OPEN, PickState.REFUSED)


class Confirm(Enum):
    """What a scan means once planned."""

    ARMED = "armed"  # a location with picks left: now scan the SKU picked there
    NOTHING_AT = "nothing_at"  # a location with nothing left to pick
    LOCATION_FIRST = "location_first"  # a SKU before any location
    NOT_HERE = "not_here"  # a SKU that is not to be picked at the armed location
    QUEUED = "queued"  # the pick is queued to post


@dataclass
class PickSession:
    operator_id: str | None
    packing_location: str = ""  # where the picks go: this station's packing location
    lines: list[Line] = field(default_factory=list)
    plan: PickPlan | None = None
    picks: list[PickTask] = field(default_factory=list)
    armed_location: str | None = None  # the location scanned to confirm a pick at
    queue: list[int] = field(default_factory=list)  # picks still to post, in order
    queued_total: int = 0  # picks queued since the queue was last empty (for progress)

    # -- entering lines ---------------------------------------------------------------------------
    def add(self, item: Scan, quantity: int) -> bool:
        """The item and quantity as a line; the same SKU again adds to its line. False when that
        would exceed the largest quantity."""
        assert self.plan is None and item.sku_code is not None
        line = next((line for line in self.lines if line.sku_code == item.sku_code), None)
        if line is None:
            self.lines.append(Line(item.sku_code, item.product_code, item.label or "", quantity))
        elif line.stock_quantity + quantity > MAX_QUANTITY:
            return False
        else:
            line.stock_quantity += quantity
        return True

    def remove(self, index: int) -> None:
        if self.plan is None and 0 <= index < len(self.lines):
            del self.lines[index]

    # -- the order ------------------------------------------------------------------------------
    def order_command(self, order_number: str, recipient: str, address: str) -> CreateOrder:
        """The lines typed in as a real order (the recipient is its customer, or else its number)."""
        return CreateOrder(order_number=order_number, customer_name=recipient or order_number,
                           recipient_name=recipient or None, address=address or None, operator_id=self.operator_id,
                           lines=[OrderItem(sku_code=line.sku_code, stock_quantity=line.stock_quantity)
                                  for line in self.lines])

    def planned(self, plan: PickPlan) -> None:
        self.plan = plan
        self.picks = [PickTask(pick, f"ui-pick-{uuid.uuid4().hex}") for pick in plan.picks]
        self.armed_location = None

    def drop_plan(self) -> None:
        self.plan, self.picks, self.armed_location = None, [], None

    def new_order(self) -> None:
        self.drop_plan()
        self.lines = []

    # -- confirming -------------------------------------------------------------------------------
    def confirm_scan(self, scan: Scan) -> Confirm | None:
        """A scan once planned: a location arms it, then a SKU confirms its pick there."""
        if scan.kind == "location" and scan.location_code:
            if not any(t.pick.location_code == scan.location_code and t.to_do for t in self.picks):
                self.armed_location = None
                return Confirm.NOTHING_AT
            self.armed_location = scan.location_code
            return Confirm.ARMED
        if scan.kind in ITEM_KINDS and scan.sku_code:
            if self.armed_location is None:
                return Confirm.LOCATION_FIRST
            index = next((i for i, t in enumerate(self.picks) if t.pick.location_code == self.armed_location
                          and t.pick.sku_code == scan.sku_code and t.to_do), None)
            if index is None:
                return Confirm.NOT_HERE
            self.confirm(index)
            return Confirm.QUEUED
        return None

    def confirm(self, index: int) -> None:
        """Queue one pick (Enter on its row, or location + SKU scanned)."""
        if 0 <= index < len(self.picks) and self.picks[index].to_do and index not in self.queue:
            self.queue.append(index)
            self.queued_total += 1

    def confirm_all(self) -> None:
        """Every pick not yet posted, in walking order."""
        queued = set(self.queue)
        for index, task in enumerate(self.picks):
            if task.to_do and index not in queued:
                self.queue.append(index)
                self.queued_total += 1

    @property
    def posting(self) -> bool:
        return any(task.state is PickState.POSTING for task in self.picks)

    def next_post(self) -> tuple[int, PickOrder] | None:
        """The next queued pick and the command that confirms it; None while one is posting
        or when the queue is empty."""
        if self.posting:
            return None
        if not self.queue:
            self.queued_total = 0
            return None
        assert self.plan is not None
        index = self.queue.pop(0)
        task = self.picks[index]
        task.state, task.error = PickState.POSTING, None
        pick = task.pick
        return index, PickOrder(order_number=self.plan.order_number, location_code=pick.location_code,
                                sku_code=pick.sku_code, batch_number=pick.batch_number,
                                stock_quantity=pick.stock_quantity, to_location_code=self.packing_location,
                                request_id=task.request_id, operator_id=self.operator_id)

    def posted(self, index: int, result: Picked) -> bool:
        """Record a confirmed pick; True when its location has nothing left (disarmed)."""
        task = self.picks[index]
        task.state, task.result = PickState.DONE, result
        if self.armed_location == task.pick.location_code and not any(
                t.pick.location_code == task.pick.location_code and t.state is PickState.OPEN for t in self.picks):
            self.armed_location = None
            return True
        return False

    def refused(self, index: int, error: WmsError) -> None:
        self.picks[index].state, self.picks[index].error = PickState.REFUSED, error

    @property
    def lost(self) -> list[int]:
        """The picks refused because the database could not be reached: to confirm again."""
        return [i for i, task in enumerate(self.picks) if task.state is PickState.REFUSED
                and task.error is not None and task.error.error_code == "DATABASE_UNAVAILABLE"]

    @property
    def all_done(self) -> bool:
        return bool(self.picks) and all(task.state is PickState.DONE for task in self.picks)

    @property
    def busy(self) -> bool:
        return bool(self.queue) or self.posting

    # -- the printed lists ------------------------------------------------------------------------
    def pick_list(self, warehouse_name: str) -> PickList | None:
        if not self.picks or self.plan is None:
            return None
        return PickList(self.plan.order_number, tuple(
            PickLine(p.location_code, p.sku_code, p.product_name or "", p.stock_quantity, p.sku_color or "",
                     p.sku_size or "", p.batch_number or "") for p in (t.pick for t in self.picks)),
            warehouse_name=warehouse_name)

    def packing_list(self, recipient: str, address: str) -> PackingList | None:
        """What ships: every pick not refused, summed per SKU in the order's line order."""
        if self.plan is None:
            return None
        shipped: dict[int, int] = {}
        for task in self.picks:
            if task.state is not PickState.REFUSED:
                shipped[task.pick.line_index] = shipped.get(task.pick.line_index, 0) + task.pick.stock_quantity
        lines = [PackingLine(line.sku_code, line.product_name or "", shipped[line.line_index], line.sku_color or "",
                             line.sku_size or "")
                 for line in self.plan.lines if shipped.get(line.line_index)]
        if not lines:
            return None
        return PackingList(self.plan.order_number, recipient, address, tuple(lines))
