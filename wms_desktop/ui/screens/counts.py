"""The Counts screen: count tasks with their state, scope, progress and variances; a new task
over a zone, a range, a list of locations, some SKUs or the next cycle; from the current task
its counting session (the scanner's), its approval window, or its cancellation."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...contract.api import ServiceApi
from ...contract.counts import CountDetail, CountIds, CountMutation, CountRef, CountRow, CreateCount
from ...contract.decode import decode
from ...devices.scanner import Scan
from ...domain.counts import COUNT
from ...domain.errors import WmsError
from ...domain.permissions import APPROVE_COUNTS, CORRECT_STOCK, PLAN_DOCUMENTS
from ..errors.messages import error_text, state_text
from ..models import Column, LazyTableModel, translatable
from ..ops import QueryOp
from ..scanning import ScanningDialog, ScanRouter
from ..widgets.feedback import error_box
from .base import RIGHT
from .documents import DocumentListScreen


def count_columns() -> list[Column]:
    return [
        Column("document_number", translatable("CountsScreen", "Number"), "document_number", width=130),
        Column("state", translatable("CountsScreen", "State"), format=state_text, width=90),
        Column("scope_text", translatable("CountsScreen", "Scope"), width=200),
        Column("locations_counted", translatable("CountsScreen", "Counted"), align=RIGHT, width=70),
        Column("locations_total", translatable("CountsScreen", "Locations"), align=RIGHT, width=70),
        Column("variance_lines", translatable("CountsScreen", "Variances"), align=RIGHT, width=70),
        Column("updated_at", translatable("CountsScreen", "Updated"), "updated_at", width=150),
    ]


class CountsScreen(DocumentListScreen[CountIds, CountRow, CountDetail]):
    key = "counts"
    lifecycle = COUNT
    needs = ("counts",)

    def title(self) -> str:
        return self.tr("Counts")

    def search_hint(self) -> str:
        return self.tr("Count task number")

    def ids_command(self, search: str | None, states: list[str]) -> CountIds:
        return CountIds(search=search, states=states or None)  # type: ignore[arg-type]

    def make_model(self) -> LazyTableModel[CountIds, CountRow]:
        return LazyTableModel(count_columns(), lambda s, q: s.counts.ids(q), lambda s, ids: s.counts.rows(ids),
                              "document_id", context=self.context, parent=self)

    def detail_op(self, services: ServiceApi, document_id: int) -> CountDetail:
        return services.counts.detail(CountRef(document_id=document_id))

    def build_detail(self, box: QVBoxLayout) -> None:
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setWordWrap(True)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.totals)
        buttons = QHBoxLayout()
        self.count_buttons = {}
        for name, slot in (("new", self.new_task), ("count", self.open_count), ("approval", self.open_approval),
                           ("cancel", self.cancel_task)):
            button = QPushButton()
            button.setObjectName(f"count_{name}")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.count_buttons[name] = button
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(1)
        self.windows: list[QWidget] = []

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "actions"):
            for name, text in (("new", self.tr("New tas&k…")), ("count", self.tr("&Count…")),
                               ("approval", self.tr("Appro&val…")), ("cancel", self.tr("Ca&ncel task"))):
                self.count_buttons[name].setText(text)
            self._update_actions()

    def _may(self, permission: str) -> bool:
        session = self.context.session
        return session is not None and session.can(permission)

    def _update_actions(self) -> None:
        state = self.detail.header.state if self.detail is not None else None
        self.count_buttons["new"].setEnabled(self._may(PLAN_DOCUMENTS))
        self.count_buttons["count"].setEnabled(self._may(CORRECT_STOCK) and state in ("pending", "counting"))
        self.count_buttons["approval"].setEnabled(self._may(APPROVE_COUNTS) and state is not None)
        self.count_buttons["cancel"].setEnabled(self._may(PLAN_DOCUMENTS) and state is not None
                                          and COUNT.allows("cancel", state))

    def show_detail(self, detail: CountDetail | None) -> None:
        if detail is None:
            self.detail_title.setText(self.tr("No count task selected"))
            self.totals.setText("")
        else:
            t = detail.totals
            self.detail_title.setText(f"{detail.header.document_number} — {state_text(detail.header.state)}")
            self.totals.setText(self.tr("Scope: %1\nLocations counted: %2 of %3\nLines counted: %4 of %5\n"
                                        "To recount: %6\nVariances: %7 (%8 undecided), net %9 units")
                                .replace("%1", detail.scope_text).replace("%2", str(t.locations_counted))
                                .replace("%3", str(t.locations_total)).replace("%4", str(t.lines_counted))
                                .replace("%5", str(t.lines_total)).replace("%6", str(t.recount_lines))
                                .replace("%7", str(t.variance_lines)).replace("%8", str(t.undecided_lines))
                                .replace("%9", f"{t.variance_units:+d}"))
        self._update_actions()

    # -- actions -----------------------------------------------------------------------------------
    def new_task(self) -> None:
        dialog = NewCountDialog(self.context, self, getattr(self.window(), "scan_router", None))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self.edited(dialog.created)
            self.search(dialog.number_edit.text().strip())

    def open_count(self) -> None:
        from ..dialogs.counting import open_count_dialog

        if self.detail is None:
            return
        window = self.window()
        dialog = open_count_dialog(self.context, getattr(window, "scan_router", None), window,
                                   self.detail.header.document_number)
        dialog.posted.connect(self.edited)

    def open_approval(self) -> None:
        from ..dialogs.count_approval import CountApprovalDialog

        if self.detail is None:
            return
        approval = CountApprovalDialog(self.context, self.detail.header.document_id, self)
        approval.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        approval.posted.connect(self.edited)
        approval.show()
        self.windows = [w for w in self.windows if w.isVisible()] + [approval]

    def cancel_task(self) -> None:
        if self.detail is None:
            return
        session = self.context.session
        command = CountMutation(document_id=self.detail.header.document_id,
                                operator_id=session.operator_id if session is not None else None)
        QueryOp(self.context, parent=self, op=lambda s: s.counts.cancel(command),
                success=lambda result: self.edited(result.changes)).failure(self.show_wms_error).run_in_background()


SCOPES = ("prefix", "range", "list", "skus", "cycle")


class NewCountDialog(ScanningDialog):
    """A new count task: its number and what it covers (one line of text per kind of scope);
    scanned location labels (or SKU labels) add to a list."""

    def __init__(self, context, parent: QWidget | None = None, router: ScanRouter | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewCountDialog")
        self.context = context
        self.router = router
        self.created = None
        self.number_edit = QLineEdit(datetime.now().strftime("CC-%Y%m%d-%H%M"))
        self.number_edit.setObjectName("count_number")
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        for kind in SCOPES:
            self.scope.addItem("", kind)
        self.scope.currentIndexChanged.connect(lambda _i: self._hint())
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("scope_value")
        self.labels = {name: QLabel() for name in ("number", "scope", "value")}
        form = QFormLayout()
        for name, widget in (("number", self.number_edit), ("scope", self.scope), ("value", self.value_edit)):
            self.labels[name].setBuddy(widget)
            form.addRow(self.labels[name], widget)
        self.message = error_box()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.create_task)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("New count task"))
        self.labels["number"].setText(self.tr("&Number:"))
        self.labels["scope"].setText(self.tr("&Scope:"))
        self.labels["value"].setText(self.tr("Locations or &items:"))
        for i, text in enumerate((self.tr("Zone (location code prefix)"), self.tr("Range of locations"),
                                  self.tr("List of locations"), self.tr("SKUs"),
                                  self.tr("Next cycle: not counted for N days"))):
            self.scope.setItemText(i, text)
        self._hint()
        self.setMinimumWidth(520)

    def handle_scan(self, scan: Scan) -> bool:
        kind = self.scope.currentData()
        if kind not in ("list", "skus"):
            self.scope.setCurrentIndex(self.scope.findData("skus" if scan.sku_code and not scan.location_code
                                                           else "list"))
            self.value_edit.clear()
            kind = self.scope.currentData()
        code = scan.location_code if kind == "list" else scan.sku_code
        if not code:
            return False
        self.value_edit.setText(" ".join(part for part in (self.value_edit.text().strip(), code) if part))
        return True

    def _hint(self) -> None:
        self.value_edit.setPlaceholderText({
            "prefix": self.tr("e.g. A01-"), "range": self.tr("e.g. A01-01-01..A01-02-05"),
            "list": self.tr("codes separated by spaces or commas (scan labels into it)"),
            "skus": self.tr("SKU codes separated by spaces or commas"), "cycle": self.tr("days, e.g. 30"),
        }[self.scope.currentData()])

    def command(self) -> CreateCount:
        kind, value = self.scope.currentData(), self.value_edit.text().strip()
        parts = [part for part in value.replace(",", " ").replace("，", " ").split() if part]
        if kind == "prefix":
            scope: dict = {"location_prefix": value}
        elif kind == "range":
            first, _sep, last = value.partition("..")
            scope = {"location_from": first.strip(), "location_to": last.strip()}
        elif kind == "list":
            scope = {"location_codes": parts}
        elif kind == "skus":
            scope = {"sku_codes": parts}
        else:
            scope = {"cycle_days": int(value) if value.isdigit() else value}
        session = self.context.session
        return decode(CreateCount, {"count_number": self.number_edit.text().strip(), **scope,
                                    **({"operator_id": session.operator_id} if session is not None else {})})

    def create_task(self) -> None:
        try:
            command = self.command()
        except WmsError as error:
            self._refused(error)
            return
        self.buttons.setEnabled(False)

        def done(result) -> None:
            self.created = result.changes
            self.accept()

        QueryOp(self.context, parent=self, op=lambda s: s.counts.create(command), success=done) \
            .failure(self._refused).run_in_background()

    def _refused(self, error: WmsError) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(error))
        self.message.show()
