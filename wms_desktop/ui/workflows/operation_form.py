"""The state of one stock operation being entered, without Qt: what a scan fills in, what is
still missing, the typed command to post, and its ``request_id``. The operation dialogs
(:mod:`.operations`) bind their fields to it; tests drive it without widgets.

One form class per operation: its ``command`` builds the typed command and its ``post`` is the
one service call that sends it (``services.inventory.inbound`` …), so a reader follows a post
from the dialog to the service by name.

A post lost to DATABASE_UNAVAILABLE stays ``unsettled``: the command as sent, request_id and
all, which ``retry`` sends again (at most one posting, whatever happened to the first). Lost
while committing (``outcome_unknown``), it may have been posted: other input waits until a
retry has settled it (``Problem.UNSETTLED``); otherwise new input simply replaces it.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import ClassVar, Generic, TypeVar

from ...contract.api import ServiceApi
from ...contract.stock import Adjust, Adjusted, Inbound, Outbound, StockMoved, Transfer, Transferred
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ...domain.fields import MAX_QUANTITY, code
from ...domain.permissions import CORRECT_STOCK, MOVE_STOCK

ITEM_KINDS = ("sku", "external", "gs1")
C = TypeVar("C", Inbound, Outbound, Transfer, Adjust)
R = TypeVar("R", StockMoved, Transferred, Adjusted)


# what a clerk may type as a quantity: whole units in ASCII digits, a sign only where it means
# something. int() would take "+5", " 5", "1_000" and Arabic-Indic digits; "5.5" and "1e3" it
# refuses, and a validator on the field would have dropped the "." or "-" silently instead.
_WHOLE = re.compile(r"[0-9]+")
_SIGNED = re.compile(r"[+-]?[0-9]+")


class QuantityMode(Enum):
    MOVE = "move"  # 1 … 10⁹ units
    DELTA = "delta"  # signed, not 0


def quantity_of(text: str, mode: QuantityMode = QuantityMode.MOVE) -> int | None:
    """The quantity ``text`` says, or None when it is none of an operation in ``mode``: never a
    coerced one (``-5`` is not 5 in Inbound, ``5.5`` is not 55)."""
    text = text.strip()
    if not (_SIGNED if mode is QuantityMode.DELTA else _WHOLE).fullmatch(text):
        return None
    value = int(text)
    if mode is QuantityMode.DELTA:
        return value if value != 0 and -MAX_QUANTITY <= value <= MAX_QUANTITY else None
    return value if 1 <= value <= MAX_QUANTITY else None


def expiry_of(text: str) -> date | None:
    """A typed or scanned expiry, YYYY-MM-DD; None when it is none."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _valid_batch(text: str) -> bool:
    try:
        code()("batch_number", text)
    except WmsError:
        return False
    return True


@dataclass(frozen=True)
class Entry:
    """What the dialog's fields hold."""

    locations: dict[str, str]  # location field -> code
    item: str
    batch: str
    quantity: str
    expiry: str = ""  # YYYY-MM-DD, where the operation takes one (inbound)


class Problem(Enum):
    MISSING = "missing"  # a field is empty
    UNRESOLVED = "unresolved"  # the item text was typed, not yet looked up
    QUANTITY = "quantity"  # not a quantity of this operation
    EXPIRY = "expiry"  # not a date YYYY-MM-DD
    UNSETTLED = "unsettled"  # other input while the last post may have been made: retry that first


@dataclass(frozen=True)
class Refusal:
    problem: Problem
    field: str  # the location field, "item", "batch_number", "expiry_date" or "quantity" ("" for UNSETTLED)


@dataclass(frozen=True)
class Filled:
    """What a scan put into the form: a location (into which field), the item and what its GS1
    label carries, a batch, or a quantity; ``product_code`` alone: a product with SKUs (scan a
    SKU); ``not_a_batch``: read in the batch step, but no batch number can look like that."""

    location_field: str | None = None
    location_code: str | None = None
    item: Scan | None = None
    batch_number: str | None = None
    quantity: int | None = None
    needs_sku_of: str | None = None
    not_a_batch: str | None = None
    expiry_date: date | None = None


@dataclass
class OperationForm(Generic[C, R]):
    operator_id: str | None
    item: Scan | None = None  # the looked-up item for the text in the item field
    posting: bool = False
    results: list[R] = field(default_factory=list)
    unsettled: C | None = None  # a post lost to DATABASE_UNAVAILABLE, as sent
    outcome_unknown: bool = False  # … lost while committing: maybe posted
    _request: tuple[tuple, str] | None = None  # (entry, request_id) of the last submission
    _sent: C | None = None  # the command in flight

    op: ClassVar[str] = ""
    permission: ClassVar[str] = MOVE_STOCK  # what the signed-in role needs to open it
    location_fields: ClassVar[tuple[str, ...]] = ("location_code",)
    quantity_mode: ClassVar[QuantityMode] = QuantityMode.MOVE
    takes_expiry: ClassVar[bool] = False  # a GS1 label's (17) is recorded with the batch (receiving)

    # -- scans ----------------------------------------------------------------------------------
    def take_scan(self, scan: Scan, entry: Entry, focused_location: str | None = None,
                  in_batch: bool = False) -> Filled | None:
        """What ``scan`` fills in, whichever field has focus; None: not for this form. In the
        batch step (``in_batch``) whatever is no location or item is the batch: a numeric batch
        label is never a quantity there, and no batch is an unknown code."""
        gs1 = scan.gs1 or {}
        if scan.kind == "location" and scan.location_code:
            return Filled(location_field=self._location_field(entry, focused_location),
                          location_code=scan.location_code)
        expiry = gs1.get("expiry_date") if self.takes_expiry else None
        if scan.kind in ITEM_KINDS and scan.sku_code:
            self.item = scan
            return Filled(item=scan, batch_number=gs1.get("batch_number") or None, quantity=gs1.get("quantity") or None,
                          expiry_date=expiry)
        if scan.kind == "gs1" and gs1.get("batch_number"):  # a batch label: (10) without a GTIN
            return Filled(batch_number=gs1["batch_number"], quantity=gs1.get("quantity") or None, expiry_date=expiry)
        if in_batch:
            return Filled(batch_number=scan.text) if _valid_batch(scan.text) else Filled(not_a_batch=scan.text)
        if scan.kind == "sku" and scan.product_code:
            return Filled(needs_sku_of=scan.product_code)
        quantity = self.quantity_of(scan.text) if scan.kind == "unknown" else None
        if quantity is not None:
            return Filled(quantity=quantity)
        return None

    def _location_field(self, entry: Entry, focused: str | None) -> str:
        """The first empty location field, else the focused one, else the last."""
        empty = [name for name in self.location_fields if not entry.locations[name].strip()]
        if empty:
            return empty[0]
        return focused if focused in self.location_fields else self.location_fields[-1]

    def wants_batch(self) -> bool:
        """The batch step is part of the flow: the SKU is kept in batches, or its label named one."""
        return self.item is not None and (self.item.batched or bool((self.item.gs1 or {}).get("batch_number")))

    def item_typed(self) -> None:
        """The item field was edited by hand: it must be looked up again."""
        self.item = None

    def resolved(self, scan: Scan) -> bool:
        """A typed item was looked up; True when it is an item of this operation."""
        if scan.kind in ITEM_KINDS and scan.sku_code:
            self.item = scan
            return True
        return False

    # -- posting --------------------------------------------------------------------------------
    def quantity_of(self, text: str) -> int | None:
        return quantity_of(text, self.quantity_mode)

    def quantity_ok(self, text: str) -> bool:
        return self.quantity_of(text) is not None

    def needs_confirmation(self, entry: Entry, above: int) -> bool:
        """A quantity beyond the workstation's threshold is asked about before it is posted
        (a scanned barcode or a batch number in the quantity field is a huge posting)."""
        value = self.quantity_of(entry.quantity)
        return value is not None and abs(value) > above

    def problem(self, entry: Entry) -> Refusal | None:
        """The first thing that keeps ``entry`` from being posted."""
        for name in self.location_fields:
            if not entry.locations[name].strip():
                return Refusal(Problem.MISSING, name)
        if not entry.item.strip():
            return Refusal(Problem.MISSING, "item")
        if self.item is None:
            return Refusal(Problem.UNRESOLVED, "item")
        if entry.expiry.strip():
            if expiry_of(entry.expiry) is None:
                return Refusal(Problem.EXPIRY, "expiry_date")
            if not entry.batch.strip():
                return Refusal(Problem.MISSING, "batch_number")  # an expiry is a batch's
        if not self.quantity_ok(entry.quantity):
            return Refusal(Problem.QUANTITY, "quantity")
        if self.outcome_unknown and not self._same_request(entry):
            return Refusal(Problem.UNSETTLED, "")
        return None

    @staticmethod
    def _key(entry: Entry) -> tuple:
        return (tuple(sorted(entry.locations.items())), entry.item, entry.batch.strip(), entry.quantity.strip(),
                entry.expiry.strip())

    def _same_request(self, entry: Entry) -> bool:
        return self._request is not None and self._request[0] == self._key(entry)

    def submit(self, entry: Entry) -> C:
        """The command for ``entry`` (which has no ``problem``). The same input submitted again
        (a retry after a refusal or a lost answer) keeps its ``request_id``: it never posts twice."""
        if not self._same_request(entry):
            self._request = (self._key(entry), f"ui-{uuid.uuid4().hex}")
            self.unsettled = None  # not posted (else UNSETTLED), and now the input is another one
        assert self._request is not None
        return self._send(self.command(entry, self._request[1]))

    def retry(self) -> C | None:
        """The unsettled post to send again, as it was (None: nothing to retry, or posting)."""
        if self.unsettled is None or self.posting:
            return None
        return self._send(self.unsettled)

    def _send(self, command: C) -> C:
        self.posting = True
        self._sent = command
        return command

    def command(self, entry: Entry, request_id: str) -> C:
        raise NotImplementedError

    @staticmethod
    def post(services: ServiceApi, command: C) -> R:
        raise NotImplementedError

    def posted(self, result: R) -> None:
        self.posting = False
        self._request = None
        self.unsettled, self.outcome_unknown = None, False
        self.results.append(result)

    def refused(self, error: WmsError) -> None:
        """Anything but DATABASE_UNAVAILABLE was refused: nothing posted. A lost link keeps the
        command for ``retry``."""
        self.posting = False
        lost = error.error_code == "DATABASE_UNAVAILABLE"
        self.unsettled = self._sent if lost else None
        self.outcome_unknown = lost and error.details.get("outcome") == "unknown"

    # -- shared parts of the commands ------------------------------------------------------------
    def _item_fields(self, entry: Entry) -> dict:
        assert self.item is not None and self.item.sku_code is not None
        return {"sku_code": self.item.sku_code, "product_code": self.item.product_code,
                "stock_quantity": self.quantity_of(entry.quantity), "batch_number": entry.batch.strip() or None,
                "operator_id": self.operator_id}


class InboundForm(OperationForm[Inbound, StockMoved]):
    op = "inbound"
    takes_expiry = True

    def command(self, entry: Entry, request_id: str) -> Inbound:
        return Inbound(**self._item_fields(entry), location_code=entry.locations["location_code"].strip(),
                       expiry_date=expiry_of(entry.expiry), request_id=request_id)

    @staticmethod
    def post(services: ServiceApi, command: Inbound) -> StockMoved:
        return services.inventory.inbound(command)


class OutboundForm(OperationForm[Outbound, StockMoved]):
    op = "outbound"

    def command(self, entry: Entry, request_id: str) -> Outbound:
        return Outbound(**self._item_fields(entry), location_code=entry.locations["location_code"].strip(),
                        request_id=request_id)

    @staticmethod
    def post(services: ServiceApi, command: Outbound) -> StockMoved:
        return services.inventory.outbound(command)


class TransferForm(OperationForm[Transfer, Transferred]):
    op = "transfer"
    location_fields = ("from_location_code", "to_location_code")

    def command(self, entry: Entry, request_id: str) -> Transfer:
        return Transfer(**self._item_fields(entry), from_location_code=entry.locations["from_location_code"].strip(),
                        to_location_code=entry.locations["to_location_code"].strip(), request_id=request_id)

    @staticmethod
    def post(services: ServiceApi, command: Transfer) -> Transferred:
        return services.inventory.transfer(command)


class AdjustForm(OperationForm[Adjust, Adjusted]):
    op = "adjust"
    permission = CORRECT_STOCK
    quantity_mode = QuantityMode.DELTA

    def command(self, entry: Entry, request_id: str) -> Adjust:
        fields = self._item_fields(entry)
        return Adjust(**fields, location_code=entry.locations["location_code"].strip(), request_id=request_id)

    @staticmethod
    def post(services: ServiceApi, command: Adjust) -> Adjusted:
        return services.inventory.adjust(command)


# the Operations menu, in order (Ctrl+1…); each form's dialog is imported when first opened
OPERATION_FORMS: tuple[type[OperationForm], ...] = (InboundForm, OutboundForm, TransferForm, AdjustForm)
