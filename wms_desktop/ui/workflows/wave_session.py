"""A wave: several released orders picked in one walk, each order's units into its own tote,
without Qt. :class:`~.wave.WaveDialog` shows it and feeds it scans; tests drive it without widgets.

Orders join one after another (``add``: its ``services.orders.pick_plan`` and a tote — a
scanned tote code or the next free slot number). ``start`` merges every order's picks in
walking order (``domain.walking_order``: location, SKU, batch, then the order's place in the
wave), so each location is one stop. Confirming a pick is three scans: the location, the item
(its batch when the scan carries one), then the tote, which names the order the units go to —
a tote of no open pick of that item here is WRONG_TOTE and nothing is queued. Each confirmed
pick is that order's own ``orders.pick`` with the ``request_id`` it got when the wave started
and the tote (``tote_code``), so reservations and the ledger are exactly a single order's, a
repeat never picks twice, and the order's first pick binds the tote to it on the server (which
refuses another tote, or one another open order holds). An order that already has a tote joins
with it (a wave resumed). Nothing else about the wave is stored (docs/documents.md, "Waves").
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import Enum

from ...contract.orders import Picked, PickOrder, ShortPick
from ...contract.stock import Pick, PickPlan
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ...domain.walking_order import walking_order_key
from .operation_form import ITEM_KINDS
from .pick_session import PickState, PickTask


@dataclass
class WaveOrder:
    plan: PickPlan
    tote: str


@dataclass
class WaveTask(PickTask):
    order: int = 0  # index into the wave's orders


class Join(Enum):
    """Why an order could not join the wave (None: it joined)."""

    ALREADY = "already"
    TOTE_TAKEN = "tote_taken"
    NOTHING_TO_PICK = "nothing_to_pick"


class Step(Enum):
    """What a scan meant during the walk."""

    ARMED = "armed"  # a location with picks left: now scan the item
    NOTHING_AT = "nothing_at"
    LOCATION_FIRST = "location_first"
    NOT_HERE = "not_here"  # an item with no open pick at the armed location
    ITEM_FIRST = "item_first"  # a tote before an item
    TOTE = "tote"  # the item is known: now scan its tote
    QUEUED = "queued"


@dataclass
class WaveSession:
    operator_id: str | None
    packing_location: str = ""
    orders: list[WaveOrder] = field(default_factory=list)
    picks: list[WaveTask] = field(default_factory=list)
    armed_location: str | None = None
    item: tuple[str, str | None] | None = None  # (SKU, batch) scanned at the armed location
    queue: list[int] = field(default_factory=list)

    # -- gathering the orders -------------------------------------------------------------------
    def next_slot(self) -> str:
        """The smallest slot number no order of the wave has."""
        taken = {order.tote for order in self.orders}
        return str(next(n for n in range(1, len(taken) + 2) if str(n) not in taken))

    def add(self, plan: PickPlan, tote: str) -> Join | None:
        if self.walking:
            raise RuntimeError("the walk has started")
        if any(order.plan.order_number == plan.order_number for order in self.orders):
            return Join.ALREADY
        if any(order.tote == tote for order in self.orders):
            return Join.TOTE_TAKEN
        if not plan.picks:
            return Join.NOTHING_TO_PICK
        self.orders.append(WaveOrder(plan, tote))
        return None

    def remove_last(self) -> None:
        if not self.walking and self.orders:
            self.orders.pop()

    @property
    def walking(self) -> bool:
        return bool(self.picks)

    def start(self) -> None:
        """Every order's picks merged into one walk."""
        for index, order in enumerate(self.orders):
            self.picks.extend(WaveTask(pick, f"ui-wave-{uuid.uuid4().hex}", order=index) for pick in order.plan.picks)
        self._sort()

    def _sort(self) -> None:
        self.picks.sort(key=lambda t: (walking_order_key(t.pick.location_code), walking_order_key(t.pick.sku_code),
                                       t.pick.batch_number or "", t.order))

    def replanned(self, plan: PickPlan) -> None:
        """One order's plan loaded again (after a short pick): its open picks replaced. Queued
        indices shift, so this is only called while nothing is queued."""
        assert not self.busy
        index = next(i for i, o in enumerate(self.orders) if o.plan.order_number == plan.order_number)
        self.orders[index].plan = plan
        self.picks = [t for t in self.picks if t.order != index or t.state is PickState.DONE]
        self.picks.extend(WaveTask(pick, f"ui-wave-{uuid.uuid4().hex}", order=index) for pick in plan.picks)
        self._sort()
        self.item = None

    # -- the walk -------------------------------------------------------------------------------
    def tote_of(self, task: WaveTask) -> str:
        return self.orders[task.order].tote

    def order_of(self, task: WaveTask) -> str:
        return self.orders[task.order].plan.order_number

    def open_at(self, location: str | None) -> list[int]:
        """The open picks at a location, in the walk's order: what the stop shows."""
        return [i for i, t in enumerate(self.picks) if t.pick.location_code == location and t.to_do and i not in self.queue]

    def _matching(self) -> list[int]:
        assert self.item is not None
        sku, batch = self.item
        return [i for i in self.open_at(self.armed_location) if self.picks[i].pick.sku_code == sku
                and batch in (None, self.picks[i].pick.batch_number)]

    def scan(self, scan: Scan) -> Step | None:
        """One scan of the walk. A wrong tote raises WRONG_TOTE and changes nothing."""
        text = scan.text.strip()
        if self.item is not None and any(order.tote == text for order in self.orders):
            return self._tote(text)
        if scan.kind == "location" and scan.location_code:
            self.item = None
            if not self.open_at(scan.location_code):
                self.armed_location = None
                return Step.NOTHING_AT
            self.armed_location = scan.location_code
            return Step.ARMED
        if scan.kind in ITEM_KINDS and scan.sku_code:
            if self.armed_location is None:
                return Step.LOCATION_FIRST
            self.item = (scan.sku_code, (scan.gs1 or {}).get("batch_number"))
            if not self._matching():
                self.item = None
                return Step.NOT_HERE
            return Step.TOTE
        if self.item is not None:
            return self._tote(text)  # not a tote of this wave
        if any(order.tote == text for order in self.orders):
            return Step.ITEM_FIRST
        return None

    def _tote(self, tote: str) -> Step:
        matching = self._matching()
        index = next((i for i in matching if self.tote_of(self.picks[i]) == tote), None)
        if index is None:
            raise WmsError("WRONG_TOTE", details={
                "tote_code": tote, "sku_code": self.item[0] if self.item else None,
                "location_code": self.armed_location,
                "expected_totes": sorted({self.tote_of(self.picks[i]) for i in matching})})
        self.confirm(index)
        self.item = None
        return Step.QUEUED

    def confirm(self, index: int) -> None:
        if 0 <= index < len(self.picks) and self.picks[index].to_do and index not in self.queue:
            self.picks[index].confirmed = True
            self.queue.append(index)

    @property
    def posting(self) -> bool:
        return any(task.state is PickState.POSTING for task in self.picks)

    def next_post(self) -> tuple[int, PickOrder] | None:
        """The next queued pick and its order's ``pick``; None while one posts or none is queued."""
        if self.posting or not self.queue:
            return None
        index = self.queue.pop(0)
        task = self.picks[index]
        task.state, task.error = PickState.POSTING, None
        pick = task.pick
        return index, PickOrder(order_number=self.order_of(task), location_code=pick.location_code,
                                sku_code=pick.sku_code, batch_number=pick.batch_number,
                                stock_quantity=pick.stock_quantity, to_location_code=self.packing_location,
                                tote_code=self.tote_of(task), request_id=task.request_id,
                                operator_id=self.operator_id)

    def posted(self, index: int, result: Picked) -> None:
        task = self.picks[index]
        task.state, task.result = PickState.DONE, result
        if not self.open_at(self.armed_location):
            self.armed_location = None

    def refused(self, index: int, error: WmsError) -> None:
        self.picks[index].state, self.picks[index].error = PickState.REFUSED, error

    def short_command(self, index: int) -> ShortPick | None:
        """The bin of this open pick holds less than reserved for its order (per line)."""
        if not 0 <= index < len(self.picks) or not self.picks[index].to_do or self.busy:
            return None
        task = self.picks[index]
        pick: Pick = task.pick
        return ShortPick(order_number=self.order_of(task), location_code=pick.location_code,
                         sku_code=pick.sku_code, batch_number=pick.batch_number, operator_id=self.operator_id)

    @property
    def all_done(self) -> bool:
        return self.walking and all(task.state is PickState.DONE for task in self.picks)

    @property
    def busy(self) -> bool:
        return bool(self.queue) or self.posting
