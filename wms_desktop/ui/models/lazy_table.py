"""A table of ids, rows fetched by id in blocks (GUIDE §3; Anki's ``browser/table/model.py``).

The server searches and sorts and returns the ordered ids (``ids_call(payload)``); rows come
from ``rows_call(ids)`` a block at a time on the op runner's database pool, into a bounded LRU
cache keyed by id. ``data()`` only reads the cache: a row not loaded yet shows a placeholder
and queues its block, newest request first, so scrolling fast never builds a backlog.

Opening or searching asks for the first block of ids (``limit``) and for the whole list at the
same time; the whole list replaces the first block when it comes without moving the view (the
rows it shares with the first block stay where they are). Every query carries a generation:
results of an older search or sort are dropped. ``refresh()`` keeps showing the rows it has
while the visible ones are fetched again.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QBrush, QColor

from ..ops import DB_POOL, OpRunner, QueryOp

PLACEHOLDER = "…"
_ROLES_LOADED = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


@dataclass(frozen=True)
class Column:
    key: str  # field of the row dict
    title: Callable[[], str]  # translated at call time (language can change)
    sort_by: str | None = None  # the server's sort_by for this column; None: not sortable
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    format: Callable[[Any], str] = field(default=lambda v: "" if v is None else str(v))
    width: int = 100  # initial pixels (never sized to contents: the model may hold 1M rows)


class LazyTableModel(QAbstractTableModel):
    """``LazyTableModel(columns, ids_call, rows_call, id_field="product_id")``."""

    loaded = Signal(int)  # rows now known (first block or whole list)
    complete = Signal(int)  # the whole id list is in
    failed = Signal(object)  # a WmsError of the id query

    def __init__(self, columns: list[Column], ids_call: Callable[[dict], list[int]],
                 rows_call: Callable[[list[int]], list[dict]], id_field: str, *, parent: QObject | None = None,
                 runner: OpRunner | None = None, block: int = 200, first_limit: int = 2000,
                 cache_rows: int = 20_000, max_in_flight: int = 2, max_wanted: int = 16) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._ids_call = ids_call
        self._rows_call = rows_call
        self.id_field = id_field
        self._runner = runner
        self.block = block
        self.first_limit = first_limit
        self.cache_rows = cache_rows
        self.max_in_flight = max_in_flight
        self.max_wanted = max_wanted
        self.payload: dict[str, Any] = {}
        self.sort_by: str | None = next((c.sort_by for c in self.columns if c.sort_by), None)
        self.descending = False
        self._ids: list[int] = []
        self._complete = False
        self._generation = 0
        self._cache: OrderedDict[int, dict | None] = OrderedDict()  # None: id left out by rows_call
        self._stale: dict[int, dict | None] = {}  # shown while refetched after refresh()
        self._wanted: OrderedDict[int, None] = OrderedDict()  # block numbers, newest last
        self._in_flight: set[int] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self.block_fetches = 0  # statistics for tests and benchmarks

    # -- queries ---------------------------------------------------------------------------------
    def set_payload(self, payload: dict[str, Any]) -> None:
        """New search / filters: re-query ids (cached rows stay valid: ids are stable)."""
        self.payload = {k: v for k, v in payload.items() if v not in (None, "")}
        self._query()

    def refresh(self) -> None:
        """Query ids again and fetch the rows shown again; until then the old rows stay visible."""
        self._stale = {k: v for k, v in self._cache.items() if v is not None}
        self._cache.clear()
        self._query()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_by is None:
            return
        sort_by = self.columns[column].sort_by
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort_by, descending) == (self.sort_by, self.descending) and self._generation:
            return
        self.sort_by, self.descending = sort_by, descending
        self._query()

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort_by == self.sort_by), -1)

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def is_complete(self) -> bool:
        return self._complete

    def _ids_payload(self, limit: int | None) -> dict[str, Any]:
        p = dict(self.payload)
        if self.sort_by:
            p["sort_by"] = self.sort_by
        p["descending"] = self.descending
        if limit is not None:
            p["limit"] = limit
        return p

    def _submit(self, op, success, failure=None) -> None:
        query = QueryOp(parent=self, op=op, success=success, pool=DB_POOL, runner=self._runner)
        if failure is not None:
            query.failure(failure)
        query.run_in_background()

    def _query(self) -> None:
        self._generation += 1
        gen = self._generation
        self._complete = False
        self._wanted.clear()
        self._in_flight.clear()
        first, whole = self._ids_payload(self.first_limit), self._ids_payload(None)
        call, rows_call, block = self._ids_call, self._rows_call, self.block

        def first_block():  # the first ids and the rows of the first block in one round trip
            ids = call(first)
            return ids, rows_call(ids[:block]) if ids else []

        self._submit(first_block, lambda result: self._ids_arrived(gen, result[0], False, result[1]), self._failed(gen))
        self._submit(lambda: call(whole), lambda ids: self._ids_arrived(gen, ids, True), self._failed(gen))

    def _failed(self, gen: int):
        def failure(error) -> None:
            if gen == self._generation:
                self.failed.emit(error)
        return failure

    def _ids_arrived(self, gen: int, ids: list[int], whole: bool, rows: list[dict] | None = None) -> None:
        if rows:
            self._store(ids[:self.block], rows)
        if gen != self._generation or (self._complete and not whole):
            if rows and gen == self._generation and self._ids:
                self._emit_changed(0, min(self.block, len(self._ids)) - 1)
            return  # an older query, or the first block after the whole list
        if whole and self._complete:
            return  # the first block was already all there is
        self._replace_ids(list(ids))
        if whole or len(ids) < self.first_limit:
            self._complete = True
        self.loaded.emit(len(self._ids))
        if self._complete:
            self.complete.emit(len(self._ids))

    def _replace_ids(self, new: list[int]) -> None:
        """Swap the id list without a reset: keep the common prefix, remove and insert the rest."""
        old = self._ids
        common = 0
        limit = min(len(old), len(new))
        # fast path: the first block is usually a prefix of the whole list
        if limit and old[:limit] == new[:limit]:
            common = limit
        else:
            while common < limit and old[common] == new[common]:
                common += 1
        if common < len(old):
            self.beginRemoveRows(QModelIndex(), common, len(old) - 1)
            self._ids = old[:common]
            self.endRemoveRows()
        else:
            self._ids = old
        if common < len(new):
            self.beginInsertRows(QModelIndex(), common, len(new) - 1)
            self._ids = new
            self.endInsertRows()
        else:
            self._ids = new
        if self._stale and self._ids:  # refreshed rows still shown: refetch what is visible
            self._emit_changed(0, len(self._ids) - 1)

    # -- rows ------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of_id(self, row_id: int) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def row_data(self, row: int) -> dict | None:
        """The cached row (or the stale one shown after refresh); None when not loaded yet."""
        row_id = self.id_at(row)
        if row_id is None:
            return None
        found = self._cache.get(row_id)
        if found is None and row_id not in self._cache:
            found = self._stale.get(row_id)
        return found

    def is_loaded(self, row: int) -> bool:
        row_id = self.id_at(row)
        return row_id is not None and row_id in self._cache

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._ids) or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role not in _ROLES_LOADED and role != Qt.ItemDataRole.ForegroundRole:
            return None
        row_id = self._ids[row]
        cache = self._cache
        if row_id in cache:
            cache.move_to_end(row_id)
            values = cache[row_id]
        else:
            self._want(row // self.block)
            values = self._stale.get(row_id)
            if values is None:
                if role == Qt.ItemDataRole.DisplayRole:
                    return PLACEHOLDER
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(QColor(150, 150, 150))
                return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if values is not None else QBrush(QColor(150, 150, 150))
        if values is None:  # gone since the ids were read (deleted product, other warehouse)
            return "" if index.column() else QCoreApplication.translate("LazyTableModel", "(removed)")
        return column.format(values.get(column.key))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title()
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._ids):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    # -- block fetching --------------------------------------------------------------------------
    def _want(self, block_no: int) -> None:
        if block_no in self._in_flight:
            return
        self._wanted.pop(block_no, None)
        self._wanted[block_no] = None
        while len(self._wanted) > self.max_wanted:  # scrolled past long ago
            self._wanted.popitem(last=False)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        while self._wanted and len(self._in_flight) < self.max_in_flight:
            block_no, _ = self._wanted.popitem(last=True)  # newest request first
            start = block_no * self.block
            ids = self._ids[start:start + self.block]
            if not ids:
                continue
            self._in_flight.add(block_no)
            gen = self._generation
            call = self._rows_call
            self.block_fetches += 1
            self._submit(lambda ids=ids: call(ids), lambda rows, b=block_no, i=ids: self._rows_arrived(gen, b, i, rows),
                         lambda error, b=block_no: self._in_flight.discard(b))

    def _rows_arrived(self, gen: int, block_no: int, ids: list[int], rows: list[dict]) -> None:
        self._in_flight.discard(block_no)
        self._store(ids, rows)
        if gen == self._generation:
            start = block_no * self.block
            self._emit_changed(start, min(start + len(ids), len(self._ids)) - 1)
        else:  # ids re-sorted meanwhile: the rows are cached by id, just repaint
            if self._ids:
                self._emit_changed(0, len(self._ids) - 1)
        if self._wanted:
            self._flush_timer.start()

    def _store(self, ids: list[int], rows: list[dict]) -> None:
        by_id = {r[self.id_field]: r for r in rows}
        for row_id in ids:
            self._cache[row_id] = by_id.get(row_id)
            self._cache.move_to_end(row_id)
            self._stale.pop(row_id, None)
        while len(self._cache) > self.cache_rows:
            self._cache.popitem(last=False)

    def _emit_changed(self, first: int, last: int) -> None:
        if 0 <= first <= last < len(self._ids):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1), list(_ROLES_LOADED))

    def memory_rows(self) -> int:
        return len(self._cache) + len(self._stale)
