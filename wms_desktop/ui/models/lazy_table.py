"""A table of ids, rows fetched by id in blocks (GUIDE §3; Anki's ``browser/table/model.py``).

The server searches and sorts and returns the ordered ids (``ids_call(services, query)``, the
query a typed command such as ``BalanceIds``); rows come from ``rows_call(services, ids)`` a
block at a time on the op runner's database pool, into a bounded LRU cache keyed by id.
``data()`` only reads the cache: a row not loaded yet shows a placeholder and queues its block,
newest request first, fetched once the view has rested on it for ``fetch_delay_ms``: scrolling
fast through a million rows builds no backlog and fetches nothing on the way, so no worker
thread holds the GIL the paints need.

Opening or searching asks for the first block of ids (``limit``) at once and, unless that was
all of them, for the whole list ``whole_delay_ms`` later (a newer search meanwhile cancels it);
the whole list replaces the first block when it comes without moving the view (the rows it
shares with the first block stay where they are). Every query carries a generation:
results of an older search or sort are dropped. ``refresh()`` keeps showing the rows it has
while the visible ones are fetched again; ``refresh_rows(fields, keys)`` fetches again only the
cached rows an operation changed.

The GUI thread must never stall (≤ 50 ms) with a million ids: they are kept in an
``array('q')`` and cached rows are the services' typed rows (``contract.base.Row``: msgspec
structs the garbage collector never tracks — a list of 1M ints and 20,000 row dicts made every
full collection a 100–300 ms pause); ``data()`` compares plain ints; lists are compared a
chunk at a time in C.
"""
from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec
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

from ...contract.base import Row
from ..ops import HasServices, QueryOp

if TYPE_CHECKING:
    from ...contract.api import ServiceApi

Q = TypeVar("Q", bound=msgspec.Struct)  # an ids command with sort_by, descending and limit
R = TypeVar("R", bound=Row)

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


class LazyTableModel(ColumnsModel, Generic[Q, R]):
    """``LazyTableModel(columns, lambda s, q: s.browse.product_ids(q), lambda s, ids:
    s.browse.product_rows(ids), "product_id", context=context)``; ``set_query(ProductIds(...))``."""

    loaded = Signal(int)  # rows now known (first block or whole list)
    complete = Signal(int)  # the whole id list is in
    failed = Signal(object)  # a WmsError of the id query

    def __init__(self, columns: list[Column], ids_call: Callable[[ServiceApi, Q], list[int]],
                 rows_call: Callable[[ServiceApi, list[int]], list[R]], id_field: str, *, context: HasServices,
                 parent: QObject | None = None, block: int = 200, first_limit: int = 2000,
                 cache_rows: int = 20_000, max_in_flight: int = 2, max_wanted: int = 2,
                 whole_delay_ms: int = 250, fetch_delay_ms: int = 40) -> None:
        super().__init__(columns, parent)
        self._alignments = [int(c.align) for c in self.columns]
        self._ids_call = ids_call
        self._rows_call = rows_call
        self.id_field = id_field
        self._id_of = attrgetter(id_field)
        self._context = context
        self._getters = [attrgetter(c.key) for c in self.columns]
        self.block = block
        self.first_limit = first_limit
        self.cache_rows = cache_rows
        self.max_in_flight = max_in_flight
        self.max_wanted = max_wanted
        self.query: Q | None = None
        self.sort_by: str | None = next((c.sort_by for c in self.columns if c.sort_by), None)
        self.descending = False
        self._ids = array("q")  # not a list: a million ints would be a million objects for the GC to walk
        self._complete = False
        self._generation = 0
        self._cache: OrderedDict[int, R | None] = OrderedDict()  # None: id left out by rows_call
        self._stale: dict[int, R | None] = {}  # shown while refetched after refresh()
        self._wanted: OrderedDict[int, None] = OrderedDict()  # block numbers, newest last
        self._last_wanted = -1  # data() asks for a block once per cell: the repeats stop here
        self._in_flight: set[int] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(fetch_delay_ms)
        self._flush_timer.timeout.connect(self._flush)
        self._flush_queued = False
        self._whole_timer = QTimer(self)
        self._whole_timer.setSingleShot(True)
        self._whole_timer.setInterval(whole_delay_ms)
        self._whole_timer.timeout.connect(self._query_whole)
        self.block_fetches = 0  # statistics for tests and benchmarks

    # -- queries ---------------------------------------------------------------------------------
    def set_query(self, query: Q) -> None:
        """New search / filters: re-query ids (cached rows stay valid: ids are stable)."""
        self.query = query
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
        if not keys:
            return 0
        key_of = attrgetter(*fields)
        if len(fields) == 1:  # attrgetter of one name gives the value, not a 1-tuple
            keys = {key for (key,) in keys}
        return self.refresh_ids([row_id for row_id, row in self._cache.items() if row is not None
                                 and key_of(row) in keys])

    def refresh_ids(self, ids: list[int]) -> int:
        """Fetch again the cached rows of these ids (the others are fetched when shown)."""
        ids = [row_id for row_id in ids if self._cache.get(row_id) is not None]
        for start in range(0, len(ids), self.block):
            self._refetch(ids[start:start + self.block])
        return len(ids)

    def put_rows(self, rows: list[R]) -> None:
        """Rows an operation returned as they are now: shown without fetching them again."""
        self._refetched([self._id_of(row) for row in rows], rows)

    def _refetch(self, chunk: list[int]) -> None:
        call = self._rows_call
        self._submit(lambda s: call(s, chunk), lambda rows: self._refetched(chunk, rows))

    def _refetched(self, ids: list[int], rows: list[R]) -> None:
        self._store(ids, rows)  # cached by id: valid whatever the search or sort is by now
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
        if self._generation:  # before the first set_query() (a view enabling sorting) just remember it
            self._query()

    def sort_column(self) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort_by == self.sort_by), -1)

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def is_complete(self) -> bool:
        return self._complete

    def _ids_query(self, limit: int | None) -> Q:
        assert self.query is not None
        order: dict[str, Any] = {"descending": self.descending, "limit": limit}
        if self.sort_by:
            order["sort_by"] = self.sort_by
        return msgspec.structs.replace(self.query, **order)

    def _submit(self, op: Callable[[ServiceApi], Any], success: Callable[[Any], None],
                failure: Callable[[Any], None] | None = None) -> None:
        query = QueryOp(self._context, parent=self, op=op, success=success)
        if failure is not None:
            query.failure(failure)
        query.run_in_background()

    def _query(self) -> None:
        self._generation += 1
        gen = self._generation
        self._complete = False
        self._wanted.clear()
        self._last_wanted = -1
        self._in_flight.clear()
        first = self._ids_query(self.first_limit)
        call, rows_call, block = self._ids_call, self._rows_call, self.block

        def first_block(services: ServiceApi) -> tuple[array, list[R]]:  # ids and first rows in one go
            ids = array("q", call(services, first))
            return ids, rows_call(services, ids[:block].tolist()) if ids else []

        self._submit(first_block, lambda result: self._ids_arrived(gen, result[0], False, result[1]), self._failed(gen))
        self._whole_timer.start()  # restarted by every query: typing on never fetches a million ids per key

    def _query_whole(self) -> None:
        if self._complete:  # the first block was all there is
            return
        gen, call, whole = self._generation, self._ids_call, self._ids_query(None)
        self._submit(lambda s: array("q", call(s, whole)), lambda ids: self._ids_arrived(gen, ids, True),
                     self._failed(gen))

    def _failed(self, gen: int):
        def failure(error) -> None:
            if gen == self._generation:
                self.failed.emit(error)
        return failure

    def _ids_arrived(self, gen: int, ids: array, whole: bool, first_rows: list[R] | None = None) -> None:
        rows = bool(first_rows)
        if first_rows:
            self._store(ids[:self.block], first_rows)
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

    def row_data(self, row: int) -> R | None:
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
            if row // self.block != self._last_wanted:
                self._want(row // self.block)
            values = self._stale.get(row_id)
            if values is None:
                return PLACEHOLDER if role == _DISPLAY else _GREY if role == _FOREGROUND else None
            if role == _FOREGROUND:
                return None
        if values is None:  # gone since the ids were read (deleted product, other warehouse)
            return "" if column else QCoreApplication.translate("LazyTableModel", "(removed)")
        return self.columns[column].format(self._getters[column](values))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._ids):
            return str(section + 1)
        return super().headerData(section, orientation, role)

    # -- block fetching --------------------------------------------------------------------------
    def _want(self, block_no: int) -> None:
        self._last_wanted = block_no
        if block_no in self._in_flight:
            return
        known = self._wanted.pop(block_no, 0) is None
        self._wanted[block_no] = None
        while len(self._wanted) > self.max_wanted:  # scrolled past: fetching it once the view rests is wasted work
            self._wanted.popitem(last=False)
        if not known:  # the view moved on to other rows: fetch once it rests there
            self._flush_queued = True
            self._flush_timer.start()

    def _flush(self) -> None:
        self._flush_queued = False
        self._last_wanted = -1
        while self._wanted and len(self._in_flight) < self.max_in_flight:
            block_no, _ = self._wanted.popitem(last=True)  # newest request first
            start = block_no * self.block
            ids = self._ids[start:start + self.block].tolist()
            if not ids:
                continue
            self._in_flight.add(block_no)
            self.block_fetches += 1
            self._fetch_block(block_no, ids)

    def _fetch_block(self, block_no: int, ids: list[int]) -> None:
        call, gen = self._rows_call, self._generation
        self._submit(lambda s: call(s, ids), lambda rows: self._rows_arrived(gen, block_no, ids, rows),
                     lambda _error: self._landed(block_no))

    def _landed(self, block_no: int) -> None:
        """A block's fetch ended: a row of it not cached now (failed, evicted) is asked for again."""
        self._in_flight.discard(block_no)
        self._last_wanted = -1

    def _rows_arrived(self, gen: int, block_no: int, ids: list[int], rows: list[R]) -> None:
        self._landed(block_no)
        self._store(ids, rows)
        if gen == self._generation:
            start = block_no * self.block
            self._emit_changed(start, min(start + len(ids), len(self._ids)) - 1)
        else:  # ids re-sorted meanwhile: the rows are cached by id, just repaint
            if self._ids:
                self._emit_changed(0, len(self._ids) - 1)
        if self._wanted and not self._flush_queued:
            self._flush_queued = True
            self._flush_timer.start()

    def _store(self, ids: Iterable[int], rows: list[R]) -> None:
        by_id = {self._id_of(row): row for row in rows}
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
