"""The state of a counter's session on a count task, without Qt: which location is being
counted, what this counter counted there, and what each scan means.
:class:`~wms_desktop.ui.dialogs.counting.CountSessionDialog` shows it and runs the calls it asks for.

Scanner only: scan the task's number, then a location (its count starts), then items — each
scan counts one, a GS1 label its (30)/(37) quantity, a number scanned or typed before an item
that many. Scanning the location again asks to finish it; once more finishes it (items not
scanned count as zero). Every call carries its own request_id, so a repeated call after a lost
answer counts once. The counter never sees a system quantity: the session only knows what it
counted.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import Enum

import msgspec

from ...contract.counts import (
    CountAtLocation,
    CountItem,
    CountLocationFinished,
    CountLocationStarted,
    CountSheet,
    ItemCounted,
    SheetLocation,
)
from ...contract.documents import DocumentRef
from ...devices.scanner import Scan
from .operation_form import ITEM_KINDS, quantity_of


class Next(Enum):
    """What a scan means (the dialog shows the matching hint)."""

    TASK = "task"  # a count task's number: open it
    START = "start"  # a location: start counting it
    COUNT = "count"  # an item at the location being counted
    ASK_FINISH = "ask_finish"  # the location again: scan once more to finish
    FINISH = "finish"  # confirmed
    QUANTITY = "quantity"  # a number: the next item counts that many
    TASK_FIRST = "task_first"  # anything before a task is open
    LOCATION_FIRST = "location_first"  # an item before a location
    OTHER_LOCATION = "other_location"  # another location while one is being counted
    PRODUCT_WITH_SKUS = "product_with_skus"  # a product code of a product with SKUs: scan the SKU
    UNKNOWN = "unknown"


@dataclass
class Counted:
    sku_code: str
    label: str
    batch_number: str | None
    counted_quantity: int


@dataclass
class CountSession:
    operator_id: str | None
    count_number: str | None = None
    sheet: CountSheet | None = None
    # what the starts and finishes answered of their locations since the task opened, by location
    answered: dict[str, tuple[DocumentRef, SheetLocation]] = field(default_factory=dict)
    location: str | None = None  # being counted by this counter
    round: int = 1
    recount: list[str] = field(default_factory=list)  # the SKU codes to recount here
    counted: list[Counted] = field(default_factory=list)  # at the location, newest first
    quantity: int | None = None  # the next item counts this many
    confirming: bool = False  # the location was scanned again: once more finishes it
    starting: bool = False  # its start is not answered yet

    def open_task(self, count_number: str) -> None:
        self.count_number, self.sheet, self.answered = count_number, None, {}
        self._leave_location()

    def read(self, scan: Scan) -> Next:
        """What ``scan`` means now (nothing is changed yet but the quantity and the confirmation)."""
        if scan.kind == "document" and scan.document_type == "count":
            return Next.TASK if self.location is None else Next.OTHER_LOCATION
        if self.count_number is None:
            return Next.TASK_FIRST
        if scan.kind == "location" and scan.location_code:
            if self.location is None:
                return Next.START
            if scan.location_code != self.location:
                return Next.OTHER_LOCATION
            if self.confirming:
                return Next.FINISH
            self.confirming = True
            return Next.ASK_FINISH
        if scan.kind in ITEM_KINDS and scan.sku_code:
            return Next.COUNT if self.location is not None else Next.LOCATION_FIRST
        if scan.kind == "sku" and scan.product_code:
            return Next.PRODUCT_WITH_SKUS
        if scan.kind == "unknown" and quantity_of(scan.text) is not None:
            self.quantity = quantity_of(scan.text)
            return Next.QUANTITY
        return Next.UNKNOWN

    # -- the calls ---------------------------------------------------------------------------------
    def _at(self, location: str) -> dict:
        assert self.count_number is not None
        return {"count_number": self.count_number, "location_code": location, "operator_id": self.operator_id,
                "request_id": f"ui-count-{uuid.uuid4().hex}"}

    def start_command(self, location: str) -> CountAtLocation:
        """Counting ``location`` starts now: the items scanned next are counted there (their
        calls run after this one)."""
        self._leave_location()
        self.location, self.starting = location, True
        return CountAtLocation(**self._at(location))

    def count_command(self, scan: Scan) -> CountItem:
        """The item counted at the location: the GS1 label's quantity, else the number given
        before it, else one. The number is used up."""
        assert self.location is not None and scan.sku_code is not None
        gs1 = scan.gs1 or {}
        quantity = gs1.get("quantity") or self.quantity or 1
        self.quantity, self.confirming = None, False
        return CountItem(**self._at(self.location), sku_code=scan.sku_code,
                         batch_number=gs1.get("batch_number"), stock_quantity=quantity)

    def finish_command(self) -> CountAtLocation:
        """The location is left at once: the next scan may start another."""
        assert self.location is not None
        command = CountAtLocation(**self._at(self.location))
        self._leave_location()
        return command

    # -- their answers -----------------------------------------------------------------------------
    def started(self, result: CountLocationStarted) -> None:
        self._sheet_now(result.document, result.place)
        if result.location_code == self.location:
            self.round, self.starting = result.round, False
            self.recount = [item.sku_code for item in result.recount_items]

    def finished(self, result: CountLocationFinished) -> None:
        self._sheet_now(result.document, result.place)

    def sheet_read(self, sheet: CountSheet) -> None:
        """The sheet read when the task opened, with what the answers since said of their
        locations: a start answered before the read arrived is not undone by it."""
        self.sheet = sheet
        for document, place in self.answered.values():
            self._show_answer(document, place)

    def _sheet_now(self, document: DocumentRef, place: SheetLocation) -> None:
        """The sheet as a start or finish left it: that location's row from the answer, nothing
        read again."""
        self.answered[place.location_code] = (document, place)
        self._show_answer(document, place)

    def _show_answer(self, document: DocumentRef, place: SheetLocation) -> None:
        sheet = self.sheet
        if sheet is None or sheet.document.document_id != document.document_id:
            return
        newer = document if document.version >= sheet.document.version else sheet.document
        self.sheet = msgspec.structs.replace(sheet, document=newer, locations=[
            place if row.location_code == place.location_code else row for row in sheet.locations])

    def refused(self) -> None:
        """A call was refused (and the ones queued after it dropped): a location whose start
        was refused is not being counted."""
        if self.starting:
            self._leave_location()

    def item_counted(self, result: ItemCounted, label: str) -> Counted:
        found = next((c for c in self.counted if c.sku_code == result.sku_code
                      and c.batch_number == result.batch_number), None)
        if found is None:
            found = Counted(result.sku_code, label or result.product_name, result.batch_number, 0)
        else:
            self.counted.remove(found)
        found.counted_quantity = result.counted_quantity
        self.counted.insert(0, found)
        return found

    def _leave_location(self) -> None:
        self.location, self.round, self.recount, self.counted = None, 1, [], []
        self.quantity, self.confirming, self.starting = None, False, False

