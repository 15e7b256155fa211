"""The base of a document screen (Receiving, Orders, Counts): the lazy list of one document
type with a status filter and the search box, and a detail pane of the current document.

A type's screen says which lifecycle it lists, how its ids and rows are asked for, its
columns, and how the detail of one document is read and shown:

    class ReceivingScreen(DocumentListScreen[AsnIds, AsnRow, AsnDetail]):
        lifecycle = ASN
        def ids_command(self, search, states): return AsnIds(search=search, states=states)
        def make_model(self): return LazyTableModel(asn_columns(), …, "document_id", …)
        def detail_op(self, services, document_id): return services.receiving.asn({"document_id": …})
        def build_detail(self, box): …        # widgets under the detail title
        def show_detail(self, detail): …      # None: nothing selected

After an operation, ``Changes.documents`` of this type re-fetch their rows (a new one re-reads
the list) and the detail if it shows one of them; an action taken on this screen that returns
the document as it now is shows that instead (:meth:`acted`), without reading it again. A
scanned number of this type is not taken here: the scan router opens its session
(``ScanRouter.open_documents_with``), which then shows it here too (:meth:`show_document`).
"""
from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtWidgets import QComboBox, QVBoxLayout

from ...contract.api import ServiceApi
from ...contract.base import Changes
from ...contract.documents import DocumentRow
from ...domain.documents import Lifecycle
from ..errors.messages import state_text
from ..models.lazy_table import Q
from ..ops import QueryOp
from .base import LazyTableScreen

Row = TypeVar("Row", bound=DocumentRow)
D = TypeVar("D")  # the detail a type's screen shows
OPEN, ALL = "open", "all"  # the status filter's two summaries; otherwise one state


class DocumentListScreen(LazyTableScreen[Q, Row], Generic[Q, Row, D]):
    lifecycle: Lifecycle

    # -- what a type's screen provides -------------------------------------------------------------
    def ids_command(self, search: str | None, states: list[str]) -> Q:
        raise NotImplementedError

    def detail_op(self, services: ServiceApi, document_id: int) -> D:
        raise NotImplementedError

    def build_detail(self, box: QVBoxLayout) -> None:
        """Add the detail pane's widgets below its title."""

    def show_detail(self, detail: D | None) -> None:
        """Show a document's detail (None: no document selected)."""

    # -- building ----------------------------------------------------------------------------------
    def build(self) -> None:
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.currentIndexChanged.connect(lambda _i: self.run_search(self.search_box.text().strip()))
        self.top.insertWidget(2, self.status_filter)
        self.detail_box = self.add_detail_pane(self.load_detail)
        self.build_detail(self.detail_box)
        self.detail: D | None = None
        self.detail_id: int | None = None

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "status_filter"):
            current = self.status_filter.currentData() or OPEN
            self.status_filter.blockSignals(True)
            self.status_filter.clear()
            self.status_filter.addItem(self.tr("Open"), OPEN)
            self.status_filter.addItem(self.tr("All"), ALL)
            for state in self.lifecycle.states:
                self.status_filter.addItem(state_text(state), state)
            self.status_filter.setCurrentIndex(max(self.status_filter.findData(current), 0))
            self.status_filter.blockSignals(False)
            self.status_filter.setToolTip(self.tr("Which documents are listed"))
            if self.detail is None:
                self.show_detail(None)

    # -- the list --------------------------------------------------------------------------------------
    def states(self) -> list[str]:
        """The states the status filter lists ([]: all)."""
        chosen = self.status_filter.currentData() or OPEN
        if chosen == ALL:
            return []
        if chosen == OPEN:
            return [s for s in self.lifecycle.states if s not in self.lifecycle.final]
        return [chosen]

    def query(self) -> Q:
        return self.ids_command(self.search_text(), self.states())

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def current_row(self) -> Row | None:
        index = self.table.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def current_changed(self, row: int) -> None:
        self.detail_timer.start()

    def first_selected(self) -> None:
        self.detail_timer.stop()
        self.load_detail()

    # -- the detail --------------------------------------------------------------------------------
    def load_detail(self) -> None:
        document_id = self.current_id()
        if document_id is None:
            self.detail, self.detail_id = None, None
            self.show_detail(None)
            return
        op = self.detail_op
        QueryOp(self.context, parent=self, op=lambda s: op(s, document_id),
                success=lambda detail: self._detail_arrived(document_id, detail), key="detail") \
            .failure(self.show_wms_error).run_in_background()

    def _detail_arrived(self, document_id: int, detail: D) -> None:
        self.detail, self.detail_id = detail, document_id
        self.show_detail(detail)

    def show_document(self, document_number: str) -> None:
        """List the document with this number and select it (a session opened for it)."""
        self.search(document_number)

    # -- after an operation --------------------------------------------------------------------------
    def show_changes(self, changes: Changes) -> None:
        if self.detail_id in self._refresh_rows(changes):
            self.load_detail()

    def acted(self, detail: D, changes: Changes) -> None:
        """An action on the document shown committed and returned it as it now is: show that,
        update its row, and tell the other screens."""
        self.detail = detail
        self.show_detail(detail)
        self._refresh_rows(changes)
        self.changed.emit(changes)

    def _refresh_rows(self, changes: Changes) -> list[int]:
        """Re-fetch the rows of the documents of this type that changed; returns their ids."""
        changed = [d.document_id for d in changes.documents if d.document_type == self.lifecycle.document_type]
        if any(self.model.row_of_id(document_id) < 0 for document_id in changed):
            self.model.refresh()  # a new document, or one that moved into the filter: list again
        elif changed:
            self.model.refresh_ids(changed)
        return changed
