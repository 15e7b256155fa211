"""The state of receiving one ASN (or a blind receipt), without Qt: the ASN as the service
last returned it, the item scanned, the scans queued to post and the labels for what arrived.
:class:`~wms_desktop.ui.dialogs.receiving.ReceivingDialog` shows it and feeds it scans and keys;
tests drive it without widgets.

Every scan is one ``receiving.receive`` with its own ``request_id`` (a repeated post never
receives twice), posted one at a time in the order queued; the ASN's lines come back with each
result, so the totals shown are always the server's. A refusal that needs the clerk's choice
(over-receipt, an item not on the ASN, damage without a reason) is held as :attr:`waiting`
until the clerk picks a reason or drops it. In blind mode the service never returns expected
quantities, so there are none here to show.
"""
from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import date

import msgspec

from ...contract.receiving import (
    Acceptance,
    AsnDetail,
    AsnLine,
    PutAway,
    PutawayTask,
    ReasonCode,
    Receive,
    Received,
)
from ...devices.printing import (
    PUTAWAY_LIST_TITLE,
    BatchLabel,
    PickLine,
    PickList,
    ReceivingReport,
    ReportLine,
    SkuLabel,
)
from ...devices.scanner import Scan
from ...domain.codes import gtin_valid
from ...domain.errors import WmsError

RECEIVABLE = ("pending", "receiving")
PUT_AWAY_ONLY = ("received", "closed")  # opened to put away what arrived
# refusals the clerk resolves with an explicit choice and a reason: error_code -> what is accepted
CHOICES: dict[str, Acceptance] = {"OVER_RECEIPT": "over_receipt", "ITEM_NOT_ON_ASN": "not_on_asn"}


@dataclass(frozen=True)
class Choice:
    """A refused scan waiting for the clerk: accept it (``accept``, None for damage) with a reason."""

    command: Receive
    error: WmsError
    accept: Acceptance | None


@dataclass
class ReceivingSession:
    operator_id: str | None
    location_code: str | None = None  # this workstation's receiving location (None: the warehouse's first)
    asn: AsnDetail | None = None
    item: Scan | None = None
    queue: list[Receive] = field(default_factory=list)
    posting: Receive | None = None
    waiting: Choice | None = None
    results: list[Received] = field(default_factory=list)
    gtins: dict[str, str] = field(default_factory=dict)  # sku_code -> the GTIN seen on its scans
    putting_away: bool = False  # scans choose a putaway task, then its destination
    tasks: list[PutawayTask] = field(default_factory=list)
    task: PutawayTask | None = None  # chosen by scanning its item

    # -- the document -----------------------------------------------------------------------------
    def opened(self, asn: AsnDetail) -> bool:
        """Work on ``asn``: receive it, or (received, closed) put it away; False (and nothing
        opened) for a cancelled one."""
        if asn.state not in RECEIVABLE + PUT_AWAY_ONLY:
            return False
        self.asn, self.item, self.queue, self.waiting, self.results = asn, None, [], None, []
        self.putting_away, self.tasks, self.task = asn.state in PUT_AWAY_ONLY, [], None
        return True

    @property
    def blind(self) -> bool:
        return self.asn is not None and not self.asn.expected_shown

    @property
    def lines(self) -> list[AsnLine]:
        return self.asn.lines if self.asn is not None else []

    def progress(self) -> tuple[int, int | None]:
        """(units received, units expected — None when hidden)."""
        received = sum(line.received_quantity for line in self.lines)
        if self.blind or self.asn is None:
            return received, None
        return received, sum(line.expected_quantity or 0 for line in self.lines if line.line_number is not None)

    # -- scans ------------------------------------------------------------------------------------
    def set_item(self, scan: Scan) -> None:
        self.item = scan
        gtin = (scan.gs1 or {}).get("gtin") or (scan.text if scan.kind == "external" and gtin_valid(scan.text)
                                                else None)
        if gtin and scan.sku_code:
            self.gtins[scan.sku_code] = gtin.zfill(14)

    def command(self, quantity: int, batch_number: str | None = None, expiry_date: date | None = None,
                damaged: bool = False, reason_code: ReasonCode | None = None) -> Receive:
        """The receipt of ``quantity`` units of the current item (all damaged if ``damaged``)."""
        assert self.asn is not None and self.item is not None and self.item.sku_code is not None
        return Receive(document_id=self.asn.document_id, sku_code=self.item.sku_code, quantity=quantity,
                       damaged_quantity=quantity if damaged else 0, batch_number=batch_number or None,
                       expiry_date=expiry_date, location_code=self.location_code, reason_code=reason_code,
                       operator_id=self.operator_id, request_id=f"ui-rcv-{uuid.uuid4().hex}")

    def enqueue(self, command: Receive) -> None:
        self.queue.append(command)
        self.item = None

    def next_post(self) -> Receive | None:
        """The next scan to post; None while one is posting, a choice waits, or none is queued."""
        if self.posting is not None or self.waiting is not None or not self.queue:
            return None
        self.posting = self.queue.pop(0)
        return self.posting

    def posted(self, result: Received) -> None:
        self.posting = None
        self.asn = result.asn
        self.results.append(result)

    def refused(self, error: WmsError) -> Choice | None:
        """A refused post: a :class:`Choice` when the clerk can resolve it, else None (dropped)."""
        command, self.posting = self.posting, None
        assert command is not None
        if error.error_code in CHOICES:
            self.waiting = Choice(command, error, CHOICES[error.error_code])
        elif error.error_code == "REASON_REQUIRED" and command.damaged_quantity:
            self.waiting = Choice(command, error, None)
        return self.waiting

    def choose(self, reason_code: ReasonCode) -> None:
        """The waiting scan accepted with ``reason_code``: it goes first, as a new request."""
        assert self.waiting is not None
        choice, self.waiting = self.waiting, None
        accepted = msgspec.structs.replace(choice.command, accept=choice.accept or choice.command.accept, reason_code=reason_code,
                           request_id=f"ui-rcv-{uuid.uuid4().hex}")
        self.queue.insert(0, accepted)

    def drop_choice(self) -> None:
        self.waiting = None

    @property
    def busy(self) -> bool:
        return self.posting is not None or bool(self.queue) or self.waiting is not None

    # -- putaway ----------------------------------------------------------------------------------
    def tasks_loaded(self, tasks: list[PutawayTask]) -> None:
        self.tasks = tasks
        if self.task is not None:
            self.task = next((t for t in tasks if _same_task(t, self.task)), None)

    def choose_task(self, scan: Scan) -> PutawayTask | None:
        """The first open task of the scanned item (of the GS1 label's batch, when it names one)."""
        batch = (scan.gs1 or {}).get("batch_number")
        self.task = next((t for t in self.tasks if t.sku_code == scan.sku_code
                          and (batch is None or t.batch_number == batch)), None)
        return self.task

    def put_command(self, to_location_code: str, quantity: int | None = None) -> PutAway:
        """The chosen task's units (all still open, unless ``quantity``) to ``to_location_code``."""
        task = self.task
        assert task is not None
        return PutAway(document_id=task.document_id, sku_code=task.sku_code, batch_number=task.batch_number,
                       from_location_code=task.from_location_code, to_location_code=to_location_code,
                       quantity=quantity or task.open_quantity, operator_id=self.operator_id,
                       request_id=f"ui-put-{uuid.uuid4().hex}")

    def putaway_list(self, warehouse_name: str) -> PickList | None:
        """The open tasks as a printable list, walked by destination (the suggestion, else where
        the units wait)."""
        if not self.tasks or self.asn is None:
            return None
        return PickList(self.asn.document_number, tuple(
            PickLine(t.suggested_location_code or t.from_location_code, t.sku_code, t.product_name, t.open_quantity,
                     batch_number=t.batch_number or "") for t in self.tasks),
            warehouse_name=warehouse_name, title=PUTAWAY_LIST_TITLE)

    # -- labels -----------------------------------------------------------------------------------
    def labels(self, per_label: int) -> tuple[list[BatchLabel], list[SkuLabel]]:
        """Labels for the good units received, ``per_label`` units each (rounded up): GS1-128
        batch labels ((01) when a GTIN was scanned, (10), (17)) for batched lines, SKU labels
        for the rest."""
        batches: list[BatchLabel] = []
        plain: list[SkuLabel] = []
        for line in self.lines:
            good = line.received_quantity - line.damaged_quantity
            if good <= 0:
                continue
            count = math.ceil(good / per_label)
            if line.batch_number:
                batches += [BatchLabel(batch_number=line.batch_number, expiry_date=line.expiry_date,
                                       gtin=self.gtins.get(line.sku_code), product_name=line.product_name)] * count
            else:
                plain += [SkuLabel(sku_code=line.sku_code, product_name=line.product_name)] * count
        return batches, plain


def _same_task(a: PutawayTask, b: PutawayTask) -> bool:
    return (a.document_id, a.sku_code, a.batch_number, a.from_location_code) == (
        b.document_id, b.sku_code, b.batch_number, b.from_location_code)


def receiving_report(asn: AsnDetail, state: str) -> ReceivingReport:
    """The ASN's discrepancy report (``state``: its name in the user's language)."""
    return ReceivingReport(asn.document_number, asn.supplier_name or asn.supplier_code or "", state, tuple(
        ReportLine(str(line.line_number) if line.line_number is not None else "+", line.sku_code, line.product_name,
                   line.expected_quantity or 0, line.received_quantity, line.damaged_quantity,
                   line.short_quantity or 0, line.over_quantity or 0,
                   ", ".join(dict.fromkeys([*([line.short_reason] if line.short_reason else []), *line.reason_codes])))
        for line in asn.lines))
