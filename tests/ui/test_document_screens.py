"""The base of the document screens (status filter, search, detail pane, refresh after changes)
over a trial document type, and a scanned document number routed to its type's session from
anywhere in the app."""
from __future__ import annotations

from typing import Literal

from msgspec import field
from PySide6.QtWidgets import QLabel, QVBoxLayout

from tests.ui.key_streams import scan_keys
from tests.ui.test_scan_routing import window  # noqa: F401  (the main window on the demo data)
from wms_desktop.contract.base import Changes, DocumentChange
from wms_desktop.contract.documents import DocumentIds, DocumentRow
from wms_desktop.domain.documents import Action, Lifecycle
from wms_desktop.services import documents
from wms_desktop.services.access import SYSTEM
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope
from wms_desktop.ui.models import Column, LazyTableModel, translatable
from wms_desktop.ui.screens.documents import DocumentListScreen

TRIAL = Lifecycle("trial", states=("pending", "working", "done", "cancelled"), initial="pending", actions=(
    Action("start", {"pending"}, "working"), Action("finish", {"working"}, "done"),
    Action("cancel", {"pending"}, "cancelled")))


class TrialIds(DocumentIds, frozen=True, kw_only=True):
    states: list[str] = field(default_factory=list)
    sort_by: Literal["document_number"] = "document_number"


class TrialRow(DocumentRow, frozen=True, kw_only=True):
    supplier_name: str


class TrialService:
    """What a type's service offers its screen: ids, rows by id, one document's detail."""

    def __init__(self) -> None:
        self.rows = {i: TrialRow(document_id=i, document_type="trial", document_number=f"T-{i}", state=state,
                                 version=1, is_urgent=False, created_at=None, updated_at=None,
                                 supplier_name=f"供应商 {i}")
                     for i, state in enumerate(("pending", "working", "done", "cancelled", "pending"), start=1)}
        self.asked: list[tuple] = []

    def ids(self, query: TrialIds) -> list[int]:
        self.asked.append(("ids", tuple(query.states), query.search))
        return [i for i, row in sorted(self.rows.items()) if (not query.states or row.state in query.states)
                and (query.search is None or query.search in row.document_number)]

    def rows_of(self, ids: list[int]) -> list[TrialRow]:
        self.asked.append(("rows", tuple(ids)))
        return [self.rows[i] for i in ids if i in self.rows]

    def detail(self, document_id: int) -> str:
        self.asked.append(("detail", document_id))
        return f"{self.rows[document_id].document_number}: 3 lines"


class TrialScreen(DocumentListScreen[TrialIds, TrialRow, str]):
    key = "trial"
    lifecycle = TRIAL

    def title(self) -> str:
        return "Trials"

    def search_hint(self) -> str:
        return "Number"

    def ids_command(self, search: str | None, states: list[str]) -> TrialIds:
        return TrialIds(search=search, states=states)

    def make_model(self) -> LazyTableModel[TrialIds, TrialRow]:
        columns = [Column("document_number", translatable("Trial", "Number"), "document_number"),
                   Column("supplier_name", translatable("Trial", "Supplier"))]
        return LazyTableModel(columns, lambda s, q: s.trial.ids(q), lambda s, ids: s.trial.rows_of(ids),
                              "document_id", context=self.context, parent=self)

    def detail_op(self, services, document_id: int) -> str:
        return services.trial.detail(document_id)

    def build_detail(self, box: QVBoxLayout) -> None:
        self.lines = QLabel()
        box.addWidget(self.lines)

    def show_detail(self, detail: str | None) -> None:
        self.lines.setText(detail or "nothing selected")


def open_trials(qtbot, context, runner) -> TrialScreen:
    context.services.trial = TrialService()
    screen = TrialScreen(context)
    qtbot.addWidget(screen, before_close_func=lambda _w: runner.wait_for_done())
    screen.show()
    screen.activate()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and screen.lines.text() != "nothing selected", timeout=5000)
    return screen


def listed(screen: TrialScreen) -> list[str]:
    return [screen.model.row_data(i).document_number for i in range(screen.model.rowCount())
            if screen.model.row_data(i) is not None]


def test_the_status_filter_lists_open_documents_first_then_all_or_one_state(qtbot, context, runner):
    screen = open_trials(qtbot, context, runner)
    assert listed(screen) == ["T-1", "T-2", "T-5"]  # done and cancelled are not open
    assert screen.lines.text() == "T-1: 3 lines"
    screen.status_filter.setCurrentIndex(screen.status_filter.findData("all"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5, timeout=5000)
    screen.status_filter.setCurrentIndex(screen.status_filter.findData("done"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: listed(screen) == ["T-3"], timeout=5000)
    screen.status_filter.setCurrentIndex(screen.status_filter.findData("open"))
    screen.search("T-5")
    qtbot.waitUntil(lambda: listed(screen) == ["T-5"], timeout=5000)
    # the search asks with the open states (the filter's own ask may finish after it: runs in the background)
    assert ("ids", ("pending", "working"), "T-5") in [asked[:3] for asked in context.services.trial.asked]


def test_changed_documents_are_fetched_again_and_a_new_one_lists_again(qtbot, context, runner):
    screen = open_trials(qtbot, context, runner)
    service = context.services.trial
    service.rows[2] = TrialRow(**{**{f: getattr(service.rows[2], f) for f in TrialRow.__struct_fields__},
                                  "supplier_name": "新供应商"})
    service.asked.clear()
    screen.apply_changes(Changes(documents=[DocumentChange(document_type="trial", document_id=2,
                                                           document_number="T-2", state="working"),
                                            DocumentChange(document_type="other", document_id=9,
                                                           document_number="X", state="pending")]))
    qtbot.waitUntil(lambda: screen.model.row_data(1).supplier_name == "新供应商", timeout=5000)
    assert service.asked == [("rows", (2,))]  # only that row, the list not asked again
    service.rows[6] = TrialRow(document_id=6, document_type="trial", document_number="T-6", state="pending",
                               version=1, is_urgent=True, created_at=None, updated_at=None, supplier_name="新")
    screen.apply_changes(Changes(documents=[DocumentChange(document_type="trial", document_id=6,
                                                           document_number="T-6", state="pending")]))
    qtbot.waitUntil(lambda: "T-6" in listed(screen), timeout=5000)


def test_an_action_that_returns_the_document_shows_it_without_reading_it_again(qtbot, context, runner):
    screen = open_trials(qtbot, context, runner)
    service = context.services.trial
    service.rows[1] = TrialRow(**{**{f: getattr(service.rows[1], f) for f in TrialRow.__struct_fields__},
                                  "state": "working"})
    service.asked.clear()
    told = []
    screen.changed.connect(told.append)
    changes = Changes(documents=[DocumentChange(document_type="trial", document_id=1, document_number="T-1",
                                                state="working")])
    screen.acted("T-1: started", changes)
    assert screen.lines.text() == "T-1: started" and told == [changes]
    qtbot.waitUntil(lambda: screen.model.row_data(0).state == "working", timeout=5000)
    runner.wait_for_done()
    assert service.asked == [("rows", (1,))]  # its row, not its detail again


def test_a_scanned_document_number_opens_its_session_from_any_screen(qtbot, window, services):
    made = Scope(services.db, Warehouse("WH01"), SYSTEM).write(
        lambda uow: documents.create(uow, TRIAL, "ASN-7001", "u"))
    opened = []
    window.scan_router.open_documents_with("trial", lambda scan: opened.append(scan) or True)
    products = window.screen_named("products")
    window.show_screen(window.screens.index(products))
    scan_keys(products.search_box, "ASN-7001")
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    (scan,) = opened
    assert (scan.kind, scan.document_type, scan.document_id, scan.document_state) == (
        "document", "trial", made.document_id, "pending")
    assert window.routed == [("ASN-7001", "session")]
    assert products.search_box.text() == ""  # the products screen did not take it as a search
