"""The ledger, newest first, a page at a time (GUIDE §3): ``canFetchMore``/``fetchMore`` with
the keyset cursor of ``services.history.movements`` — never OFFSET, so rows other workstations
post while the user scrolls neither repeat nor push rows out. Pages load on the op runner's
database pool; a new filter starts a new generation and drops pages of the old one.
``fetch_newer()`` puts the rows posted since the newest one shown at the top (after an
operation), or reloads when they are more than a page.
"""
from __future__ import annotations

from typing import Any

import msgspec
from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from ...contract.stock import Movement, MovementPage, Movements
from ..ops import HasServices, QueryOp
from .format import local_time, quantity, signed
from .lazy_table import Column, ColumnsModel, translatable

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_GAIN, _LOSS = QBrush(QColor(0, 128, 0)), QBrush(QColor(190, 30, 30))


def operation_names() -> dict[str, str]:
    return {
        "inbound": QCoreApplication.translate("LedgerModel", "Inbound"),
        "outbound": QCoreApplication.translate("LedgerModel", "Outbound"),
        "transfer_out": QCoreApplication.translate("LedgerModel", "Transfer out"),
        "transfer_in": QCoreApplication.translate("LedgerModel", "Transfer in"),
        "adjust": QCoreApplication.translate("LedgerModel", "Adjustment"),
        "count": QCoreApplication.translate("LedgerModel", "Count"),
    }


_shown_names: dict[str, str] = {}  # operation_names() in the current language; emptied by retranslate()


def _operation(value: Any) -> str:
    """Per painted cell: the names are translated once per language, not six times a cell."""
    if not _shown_names:
        _shown_names.update(operation_names())
    return _shown_names.get(value, "" if value is None else str(value))


def ledger_columns() -> list[Column]:
    return [
        Column("operated_at", translatable("LedgerModel", "Time"), format=local_time),
        Column("operation", translatable("LedgerModel", "Operation"), format=_operation),
        Column("sku_code", translatable("LedgerModel", "SKU")),
        Column("product_name", translatable("LedgerModel", "Product")),
        Column("location_code", translatable("LedgerModel", "Location")),
        Column("batch_number", translatable("LedgerModel", "Batch")),
        Column("quantity_change", translatable("LedgerModel", "Change"), align=RIGHT, format=signed),
        Column("quantity_after", translatable("LedgerModel", "After"), align=RIGHT, format=quantity),
        Column("operator_id", translatable("LedgerModel", "Operator")),
        Column("document_ref", translatable("LedgerModel", "Document")),
        Column("notes", translatable("LedgerModel", "Notes")),
    ]


class LedgerModel(ColumnsModel):
    """``LedgerModel(context)``; ``set_filters(Movements(sku_code=…))`` loads page 1."""

    page_loaded = Signal(int)  # rows now loaded
    failed = Signal(object)

    def __init__(self, context: HasServices, *, parent: QObject | None = None, page_size: int = 200) -> None:
        super().__init__(ledger_columns(), parent)
        self._context = context
        self.page_size = page_size
        self.filters = Movements()
        self._rows: list[Movement] = []
        self._cursor: str | None = None
        self._at_end = True
        self._loading = False
        self._generation = 0
        self._started = False

    # -- loading ---------------------------------------------------------------------------------
    def set_filters(self, filters: Movements) -> None:
        """Start again from the newest row with these filters (exact codes, operator, dates)."""
        self.filters = filters
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self._started = True
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self._at_end = False
        self._loading = False
        self.endResetModel()
        self._load_page()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def at_end(self) -> bool:
        return self._at_end

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._started and not self._at_end and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._load_page()

    def _load_page(self) -> None:
        self._loading = True
        gen = self._generation
        command = msgspec.structs.replace(self.filters, limit=self.page_size, before=self._cursor)
        QueryOp(self._context, parent=self, op=lambda s: s.history.movements(command),
                success=lambda page: self._page_arrived(gen, page)) \
            .failure(lambda error: self._page_failed(gen, error)).run_in_background()

    def _page_arrived(self, gen: int, page: MovementPage) -> None:
        if gen != self._generation:
            return
        items = page.items
        self._loading = False
        self._cursor = page.next_cursor
        self._at_end = self._cursor is None
        if items:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
            self._rows.extend(items)
            self.endInsertRows()
        self.page_loaded.emit(len(self._rows))

    def fetch_newer(self) -> None:
        """Insert the rows (matching the filters) posted since the newest one shown."""
        if not self._started:
            return
        if not self._rows:
            return self.reload()
        gen = self._generation
        command = msgspec.structs.replace(self.filters, limit=self.page_size, before=None,
                                          after_movement_id=self._rows[0].movement_id)
        QueryOp(self._context, parent=self, op=lambda s: s.history.movements(command),
                success=lambda page: self._newer_arrived(gen, page)) \
            .failure(lambda error: self.failed.emit(error) if gen == self._generation else None).run_in_background()

    def _newer_arrived(self, gen: int, page: MovementPage) -> None:
        items = page.items
        if gen != self._generation or not items:
            return
        if page.next_cursor is not None:  # more than a page posted since: start from the top
            return self.reload()
        known = {r.movement_id for r in self._rows[:len(items)]}  # two fetches in flight at once
        items = [r for r in items if r.movement_id not in known]
        if items:
            self.beginInsertRows(QModelIndex(), 0, len(items) - 1)
            self._rows[:0] = items
            self.endInsertRows()
            self.page_loaded.emit(len(self._rows))

    def _page_failed(self, gen: int, error) -> None:
        if gen != self._generation:
            return
        self._loading = False
        self._at_end = True  # stop asking; the screen shows the error, reload() starts over
        self.failed.emit(error)

    # -- reading ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def row_data(self, row: int) -> Movement | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def movement_ids(self) -> list[int]:
        return [r.movement_id for r in self._rows]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.format(getattr(row, column.key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "quantity_change":
            return _GAIN if row.quantity_change > 0 else _LOSS
        return None

    def retranslate(self) -> None:
        _shown_names.clear()
        super().retranslate()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))
