"""A table of ids, rows fetched by id in blocks (GUIDE §3; Anki's ``browser/table/model.py``).

The server searches and sorts and returns the ordered ids (``ids_call(payload)``); rows come
from ``rows_call(ids)`` a block at a time on the op runner's database pool, into a bounded LRU
cache keyed by id. ``data()`` only reads the cache: a row not loaded yet shows a placeholder
and queues its block, newest request first, so scrolling fast never builds a backlog.

Opening or searching asks for the first block of ids (``limit``) at once and, unless that was
all of them, for the whole list ``whole_delay_ms`` later (a newer search meanwhile cancels it);
the whole list replaces the first block when it comes without moving the view (the rows it
shares with the first block stay where they are). Every query carries a generation:
results of an older search or sort are dropped. ``refresh()`` keeps showing the rows it has
while the visible ones are fetched again; ``refresh_rows(fields, keys)`` fetches again only the
cached rows an operation changed.

The GUI thread must never stall (≤ 50 ms) with a million ids: they are kept in an
``array('q')`` and cached rows as tuples, neither of which the garbage collector has to walk
(a list of 1M ints and 20,000 row dicts made every full collection a 100–300 ms pause);
``data()`` compares plain ints; lists are compared a chunk at a time in C.
"""
from __future__ import annotations

from array import array
from collections import OrderedDict
from operator import itemgetter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from ..ops import DB_POOL, OpRunner, QueryOp

PLACEHOLDER = "…"
_ROLES_LOADED = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole))
_ROLES_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND))
_GREY = QBrush(QColor(150, 150, 150))


def translatable(context: str, text: str) -> Callable[[], str]:
    """A column title translated when shown, so a language switch retitles the header (lupdate
    reads it as ``translate``: see packaging/translations)."""
    return lambda: QCoreApplication.translate(context, text)


@dataclass(frozen=True)
class Column:
    key: str  # field of the row dict
    title: Callable[[], str]  # translated at call time (language can change)
    sort_by: str | None = None  # the server's sort_by for this column; None: not sortable
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    format: Callable[[Any], str] = field(default=lambda v: "" if v is None else str(v))
    width: int = 100  # initial pixels (never sized to contents: the model may hold 1M rows)


class ColumnsModel(QAbstractTableModel):
    """A table model over a list of :class:`Column`: the column count, the header titles (in the
    current language) and their alignment; subclasses hold the rows."""

    def __init__(self, columns: list[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title()
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
        return None

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


class LazyTableModel(ColumnsModel):
    """``LazyTableModel(columns, ids_call, rows_call, id_field="product_id")``."""

    loaded = Signal(int)  # rows now known (first block or whole list)
    complete = Signal(int)  # the whole id list is in
    failed = Signal(object)  # a WmsError of the id query

    def __init__(self, columns: list[Column], ids_call: Callable[[dict], list[int]],
                 rows_call: Callable[[list[int]], list[dict]], id_field: str, *, parent: QObject | None = None,
                 runner: OpRunner | None = None, block: int = 200, first_limit: int = 2000,
                 cache_rows: int = 20_000, max_in_flight: int = 2, max_wanted: int = 16,
                 whole_delay_ms: int = 250) -> None:
        super().__init__(columns, parent)
        self._alignments = [int(c.align) for c in self.columns]
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
        self._ids = array("q")  # not a list: a million ints would be a million objects for the GC to walk
        self._complete = False
        self._generation = 0
        # Rows are kept as tuples of values in the order of ``_fields`` (see ``_pack``).
        self._fields: tuple[str, ...] = ()
        self._slots: list[int | None] = [None] * len(self.columns)  # column → index in a row tuple
        self._cache: OrderedDict[int, tuple | None] = OrderedDict()  # None: id left out by rows_call
        self._stale: dict[int, tuple | None] = {}  # shown while refetched after refresh()
        self._wanted: OrderedDict[int, None] = OrderedDict()  # block numbers, newest last
        self._in_flight: set[int] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self._flush_queued = False
        self._whole_timer = QTimer(self)
        self._whole_timer.setSingleShot(True)
        self._whole_timer.setInterval(whole_delay_ms)
        self._whole_timer.timeout.connect(self._query_whole)
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

    def refresh_rows(self, fields: tuple[str, ...], keys: set[tuple]) -> int:
        """Fetch again the cached rows whose values of ``fields`` are one of ``keys`` (an
        operation changed them), without re-querying the ids; they stay shown until the new
        values come. Returns how many rows are re-fetched. One C-level key per cached row: this
        runs on the GUI thread over up to ``cache_rows`` rows after every operation."""
        if not keys or not set(fields) <= set(self._fields):
            return 0
        key_of = itemgetter(*(self._fields.index(f) for f in fields))
        if len(fields) == 1:  # itemgetter of one index gives the value, not a 1-tuple
            keys = {key for (key,) in keys}
        ids = [row_id for row_id, values in self._cache.items() if values is not None and key_of(values) in keys]
        call = self._rows_call
        for start in range(0, len(ids), self.block):
            chunk = ids[start:start + self.block]
            self._submit(lambda chunk=chunk: _pack(call(chunk)),
                         lambda packed, chunk=chunk: self._refetched(chunk, packed))
        return len(ids)

    def _refetched(self, ids: list[int], packed: tuple) -> None:
        self._store(ids, packed)  # cached by id: valid whatever the search or sort is by now
        if self._ids:
            self._emit_changed(0, len(self._ids) - 1)  # the view repaints only what it shows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_by is None:
            return
        sort_by = self.columns[column].sort_by
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort_by, descending) == (self.sort_by, self.descending):
            return
        self.sort_by, self.descending = sort_by, descending
        if self._generation:  # before the first set_payload() (a view enabling sorting) just remember it
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
        first = self._ids_payload(self.first_limit)
        call, rows_call, block = self._ids_call, self._rows_call, self.block

        def first_block():  # the first ids and the rows of the first block in one round trip
            ids = array("q", call(first))
            return ids, _pack(rows_call(ids[:block].tolist()) if ids else [])

        self._submit(first_block, lambda result: self._ids_arrived(gen, result[0], False, result[1]), self._failed(gen))
        self._whole_timer.start()  # restarted by every query: typing on never fetches a million ids per key

    def _query_whole(self) -> None:
        if self._complete:  # the first block was all there is
            return
        gen, call, whole = self._generation, self._ids_call, self._ids_payload(None)
        self._submit(lambda: array("q", call(whole)), lambda ids: self._ids_arrived(gen, ids, True), self._failed(gen))

    def _failed(self, gen: int):
        def failure(error) -> None:
            if gen == self._generation:
                self.failed.emit(error)
        return failure

    def _ids_arrived(self, gen: int, ids: array, whole: bool, packed: tuple | None = None) -> None:
        rows = packed is not None and bool(packed[1])
        if rows:
            self._store(ids[:self.block], packed)
        if gen != self._generation or (self._complete and not whole):
            if rows and gen == self._generation and self._ids:
                self._emit_changed(0, min(self.block, len(self._ids)) - 1)
            return  # an older query, or the first block after the whole list
        if whole and self._complete:
            return  # the first block was already all there is
        self._replace_ids(ids)
        if whole or len(ids) < self.first_limit:
            self._complete = True
        self.loaded.emit(len(self._ids))
        if self._complete:
            self.complete.emit(len(self._ids))

    def _replace_ids(self, new: array) -> None:
        """Swap the id list without a reset: keep the common prefix, remove and insert the rest."""
        old = self._ids
        common = _common_prefix(old, new)
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
        return None if found is None else dict(zip(self._fields, found))

    def is_loaded(self, row: int) -> bool:
        row_id = self.id_at(row)
        return row_id is not None and row_id in self._cache

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each paint: plain ints and dicts only
        # (a Python enum comparison costs more than the rest of this method).
        role = int(role)
        if role not in _ROLES_ANSWERED:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._ids) or not 0 <= column < len(self.columns):
            return None
        if role == _ALIGNMENT:
            return self._alignments[column]
        row_id = self._ids[row]
        cache = self._cache
        if row_id in cache:
            values = cache[row_id]
            if role == _FOREGROUND:
                return None if values is not None else _GREY
            cache.move_to_end(row_id)
        else:
            self._want(row // self.block)
            values = self._stale.get(row_id)
            if values is None:
                return PLACEHOLDER if role == _DISPLAY else _GREY if role == _FOREGROUND else None
            if role == _FOREGROUND:
                return None
        if values is None:  # gone since the ids were read (deleted product, other warehouse)
            return "" if column else QCoreApplication.translate("LazyTableModel", "(removed)")
        slot = self._slots[column]
        return self.columns[column].format(None if slot is None else values[slot])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._ids):
            return str(section + 1)
        return super().headerData(section, orientation, role)

    # -- block fetching --------------------------------------------------------------------------
    def _want(self, block_no: int) -> None:
        if block_no in self._in_flight:
            return
        self._wanted.pop(block_no, None)
        self._wanted[block_no] = None
        while len(self._wanted) > self.max_wanted:  # scrolled past long ago
            self._wanted.popitem(last=False)
        if not self._flush_queued:  # a Python flag: asking the timer is a Qt call per cell
            self._flush_queued = True
            self._flush_timer.start()

    def _flush(self) -> None:
        self._flush_queued = False
        while self._wanted and len(self._in_flight) < self.max_in_flight:
            block_no, _ = self._wanted.popitem(last=True)  # newest request first
            start = block_no * self.block
            ids = self._ids[start:start + self.block].tolist()
            if not ids:
                continue
            self._in_flight.add(block_no)
            gen = self._generation
            call = self._rows_call
            self.block_fetches += 1
            self._submit(lambda ids=ids: _pack(call(ids)),
                         lambda packed, b=block_no, i=ids: self._rows_arrived(gen, b, i, packed),
                         lambda error, b=block_no: self._in_flight.discard(b))

    def _rows_arrived(self, gen: int, block_no: int, ids: list[int], packed: tuple) -> None:
        self._in_flight.discard(block_no)
        self._store(ids, packed)
        if gen == self._generation:
            start = block_no * self.block
            self._emit_changed(start, min(start + len(ids), len(self._ids)) - 1)
        else:  # ids re-sorted meanwhile: the rows are cached by id, just repaint
            if self._ids:
                self._emit_changed(0, len(self._ids) - 1)
        if self._wanted and not self._flush_queued:
            self._flush_queued = True
            self._flush_timer.start()

    def _store(self, ids: Iterable[int], packed: tuple) -> None:
        fields, rows = packed
        if rows and fields != self._fields:
            self._fields = fields
            self._slots = [fields.index(c.key) if c.key in fields else None for c in self.columns]
        if not rows:
            by_id = {}
        else:
            slot = fields.index(self.id_field)
            by_id = {r[slot]: r for r in rows}
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


def _pack(rows: list[dict]) -> tuple[tuple[str, ...], list[tuple]]:
    """Rows as (field names, value tuples), made on the worker. A tuple of strings and ints
    leaves the GC's care at its first collection; a dict stays tracked, and 20,000 cached dicts
    made full collections — GUI stalls of 100 ms and more — both longer and more frequent."""
    fields = tuple(rows[0]) if rows else ()
    return fields, [tuple(row[name] for name in fields) for row in rows]


def _common_prefix(old: array, new: array, chunk: int = 4096) -> int:
    """How many leading ids two lists share, compared a chunk at a time in C: a Python loop
    over a million ids would hold the GUI thread for a tenth of a second."""
    limit = min(len(old), len(new))
    common = 0
    while common < limit and old[common:common + chunk] == new[common:common + chunk]:
        common += chunk
    common = min(common, limit)
    while common < limit and old[common] == new[common]:
        common += 1
    return common
