"""The last scans of this workstation and where each went, for a supervisor helping a clerk
("I scanned it and nothing happened"): :class:`ScanLog` keeps the router's ``routed`` reports,
newest last, at most :data:`SCAN_LOG_SIZE`. Kept in memory only: it is about the last minutes
at this desk, not an audit trail (the ledger is that)."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from ...devices.scanner import Scan

SCAN_LOG_SIZE = 200


@dataclass(frozen=True)
class LoggedScan:
    at: datetime
    raw: str  # as read, symbology identifier and all; "" for a scan refused (its keys may be a password)
    kind: str  # what the lookup found: location, sku, external, gs1, document, unknown
    found: str  # the code it resolved to: a location's own code, a SKU or product code, a document number
    where: str  # dialog | screen | session | unknown | error | refused
    taker: str  # the window title or screen that took it; "" when nobody did


class ScanLog(QObject):
    added = Signal(object)  # LoggedScan

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: deque[LoggedScan] = deque(maxlen=SCAN_LOG_SIZE)

    @Slot(object, str, object)
    def record(self, scan: Scan, where: str, taker: object) -> None:
        refused = where == "refused"
        found = scan.location_code or scan.sku_code or scan.product_code or \
            (scan.text if scan.kind == "document" else "")
        entry = LoggedScan(at=datetime.now(), raw="" if refused else scan.raw, kind=scan.kind,
                           found="" if refused else found, where=where, taker=_name(taker))
        self.entries.append(entry)
        self.added.emit(entry)


def _name(taker: object) -> str:
    if isinstance(taker, QWidget):
        title = getattr(taker, "title", None)  # a screen names itself; a dialog by its window title
        return title() if callable(title) else taker.windowTitle()
    return ""
