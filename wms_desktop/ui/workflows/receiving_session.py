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

from ...contract.receiving import Acceptance, AsnDetail, AsnLine, ReasonCode, Receive, Received
from ...devices.printing import BatchLabel, SkuLabel
from ...devices.scanner import Scan
from ...domain.codes import gtin_valid
from ...domain.errors import WmsError

RECEIVABLE = ("pending", "receiving")
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

    # -- the document -----------------------------------------------------------------------------
    def opened(self, asn: AsnDetail) -> bool:
        """Receive against ``asn``; False (and nothing opened) unless it may still be received."""
        if asn.state not in RECEIVABLE:
            return False
        self.asn, self.item, self.queue, self.waiting, self.results = asn, None, [], None, []
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
