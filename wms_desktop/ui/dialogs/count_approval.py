"""A supervisor's view of a counted task: its lines with snapshot, movements during the count,
expected and counted quantities and variance (a lazy table: 5,000 lines load in blocks), the
variances approved or rejected with a reason, then the task approved and posted; the variance
report as PDF and each counter's accuracy.

Keyboard: the table takes the focus; Space/Shift select lines; Alt+A approves and Alt+R rejects
the selected variances for the chosen reason; Alt+T approves the task, Alt+P posts it, Alt+V
saves the variance report. A counter who counted a line is refused its decision
(COUNT_APPROVER_COUNTED) where the warehouse separates the two.
"""
from __future__ import annotations

from typing import Any

import msgspec
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...contract.api import ServiceApi
from ...contract.counts import (
    CountDetail,
    CounterAccuracy,
    CountLineIds,
    CountLineRow,
    CountLinesDecided,
    CountMutation,
    CountPosted,
    CountRef,
    DecideCountLines,
)
from ...contract.documents import DocumentChanged
from ...devices.printing import RENDERER, CounterFigure, PrintJobs, VarianceLine, VarianceReport, render_variance_report
from ...domain.counts import COUNT, REASONS
from ...domain.errors import WmsError
from ..errors.messages import error_text, state_text
from ..errors.printing import printing_error_text
from ..models import Column, LazyTableModel, translatable
from ..ops import IoOp, QueryOp
from ..printing.labels_dialog import default_history_dir, target_text
from ..printing.printers import DOCUMENT, PrinterSettings
from ..session import AppContext
from ..widgets.feedback import error_box, show_text
from ..widgets.work_dialog import action_button

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def reason_texts() -> dict[str, str]:
    return {
        "miscount": QCoreApplication.translate("CountReasons", "Miscounted before"),
        "damaged": QCoreApplication.translate("CountReasons", "Damaged"),
        "lost": QCoreApplication.translate("CountReasons", "Lost or stolen"),
        "found": QCoreApplication.translate("CountReasons", "Found"),
        "misplaced": QCoreApplication.translate("CountReasons", "Misplaced"),
        "unrecorded_receipt": QCoreApplication.translate("CountReasons", "Receipt not recorded"),
        "unrecorded_shipment": QCoreApplication.translate("CountReasons", "Shipment not recorded"),
        "other": QCoreApplication.translate("CountReasons", "Other"),
    }


def decision_text(decision: str | None) -> str:
    return {"approved": QCoreApplication.translate("CountReasons", "approved"),
            "rejected": QCoreApplication.translate("CountReasons", "rejected")}.get(decision or "", "")


def _signed(value: Any) -> str:
    return "" if value is None else f"{value:+d}"


def line_columns() -> list[Column]:
    return [
        Column("location_code", translatable("CountLines", "Location"), width=130),
        Column("sku_code", translatable("CountLines", "SKU"), width=150),
        Column("product_name", translatable("CountLines", "Product"), width=150),
        Column("batch_number", translatable("CountLines", "Batch"), width=80),
        Column("round", translatable("CountLines", "Round"), align=RIGHT, width=50),
        Column("snapshot_quantity", translatable("CountLines", "Snapshot"), align=RIGHT, width=70),
        Column("moved_quantity", translatable("CountLines", "Moved since"), align=RIGHT, format=_signed, width=80),
        Column("expected_quantity", translatable("CountLines", "Expected"), align=RIGHT, width=70),
        Column("counted_quantity", translatable("CountLines", "Counted"), align=RIGHT, width=70),
        Column("variance", translatable("CountLines", "Variance"), align=RIGHT, format=_signed, width=70),
        Column("counted_by", translatable("CountLines", "Counted by"), width=90),
        Column("first_counted_by", translatable("CountLines", "First count by"), width=90),
        Column("decision", translatable("CountLines", "Decision"), format=decision_text, width=80),
        Column("reason_code", translatable("CountLines", "Reason"), format=lambda v: reason_texts().get(v, v or ""), width=110),
    ]


class CountApprovalDialog(QWidget):
    """A window of its own (the Counts screen opens it); ``posted`` carries each change."""

    posted = Signal(object)

    def __init__(self, context: AppContext, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("CountApprovalDialog")
        self.context = context
        self.document_id = document_id
        self.detail: CountDetail | None = None
        self.accuracy: list[CounterAccuracy] = []
        self.busy = False
        self.printers = PrinterSettings(context.settings)
        self.jobs = PrintJobs(default_history_dir(context))

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.accuracy_label = QLabel()
        self.accuracy_label.setObjectName("accuracy")
        self.variances_only = QCheckBox()
        self.variances_only.setObjectName("variances_only")
        self.variances_only.setChecked(True)
        self.variances_only.toggled.connect(lambda _on: self.load_lines())
        self.model: LazyTableModel[CountLineIds, CountLineRow] = LazyTableModel(
            line_columns(), lambda s, q: s.counts.line_ids(q), lambda s, ids: s.counts.line_rows(ids), "line_id",
            context=context, parent=self)
        self.table = QTableView()
        self.table.setObjectName("lines")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        for index, column in enumerate(self.model.columns):
            self.table.setColumnWidth(index, column.width)
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        for code in REASONS:
            self.reason.addItem("", code)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.buttons = {name: action_button(name, slot) for name, slot in (
            ("approve_lines", lambda: self.decide("approve")), ("reject_lines", lambda: self.decide("reject")),
            ("approve_task", self.approve), ("post_task", self.post), ("report", self.save_report),
            ("close", self.close))}
        self.message = error_box()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.variances_only)
        decide = QHBoxLayout()
        decide.addWidget(self.reason_label)
        decide.addWidget(self.reason)
        decide.addWidget(self.buttons["approve_lines"])
        decide.addWidget(self.buttons["reject_lines"])
        decide.addStretch(1)
        decide.addWidget(self.buttons["approve_task"])
        decide.addWidget(self.buttons["post_task"])
        bottom = QHBoxLayout()
        bottom.addWidget(self.buttons["report"])
        bottom.addStretch(1)
        bottom.addWidget(self.buttons["close"])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.accuracy_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self.retranslate_ui()
        self.resize(1200, 700)
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Count approval"))
        self.variances_only.setText(self.tr("&Variances only"))
        self.reason_label.setText(self.tr("Rea&son:"))
        texts = reason_texts()
        for i in range(self.reason.count()):
            self.reason.setItemText(i, texts[self.reason.itemData(i)])
        for name, text in (("approve_lines", self.tr("&Approve selected")), ("reject_lines", self.tr("&Reject selected")),
                           ("approve_task", self.tr("Approve &task")), ("post_task", self.tr("&Post task")),
                           ("report", self.tr("Variance report (P&DF)")), ("close", self.tr("&Close"))):
            self.buttons[name].setText(text)
        self.model.retranslate()
        self._show_detail()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- reading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.load_lines()
        document_id = self.document_id

        def read(s: ServiceApi) -> tuple[CountDetail, list[CounterAccuracy]]:
            ref = CountRef(document_id=document_id)
            return s.counts.detail(ref), s.counts.accuracy(ref)

        QueryOp(self.context, parent=self, op=read, success=self._detail_arrived, key="detail") \
            .failure(self.show_wms_error).run_in_background()

    def load_lines(self) -> None:
        self.model.set_query(CountLineIds(document_id=self.document_id,
                                          variances_only=self.variances_only.isChecked()))

    def _detail_arrived(self, read: tuple[CountDetail, list[CounterAccuracy]]) -> None:
        self.detail, self.accuracy = read
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.detail
        if detail is None:
            self.summary.setText("")
            self._update_state()
            return
        t = detail.totals
        self.summary.setText(self.tr("%1 — %2 — %3: %4 of %5 locations counted, %6 lines, %7 with a variance "
                                     "(%8 undecided), net %9 units")
                             .replace("%1", detail.header.document_number).replace("%2", state_text(detail.header.state))
                             .replace("%3", detail.scope_text).replace("%4", str(t.locations_counted))
                             .replace("%5", str(t.locations_total)).replace("%6", str(t.lines_counted))
                             .replace("%7", str(t.variance_lines)).replace("%8", str(t.undecided_lines))
                             .replace("%9", f"{t.variance_units:+d}"))
        self.accuracy_label.setText(self.tr("Counter accuracy: %1").replace("%1", "   ".join(
            f"{a.counter} {a.lines_right}/{a.lines_counted} ({a.accuracy_percent:.1f}%)" for a in self.accuracy)
            or "—"))
        self._update_state()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(row) for row in rows) if i is not None]

    # -- deciding ----------------------------------------------------------------------------------
    def _act(self, op, done_text: str) -> None:
        """Run a decision; its result updates what it changed (the task's state; the decided
        lines, totals and accuracy), nothing is read again."""
        if self.busy:
            return
        self.busy = True
        self.clear_message()
        self._update_state()

        def done(result: CountLinesDecided | DocumentChanged | CountPosted) -> None:
            self.busy = False
            self.posted.emit(result.changes)
            self.status.setText(done_text)
            self._show_result(result)

        def refused(error: WmsError) -> None:
            self.busy = False
            self.show_wms_error(error)
            self._update_state()

        QueryOp(self.context, parent=self, op=op, success=done).failure(refused).run_in_background()

    def _show_result(self, result: CountLinesDecided | DocumentChanged | CountPosted) -> None:
        detail = self.detail
        assert detail is not None  # the buttons wait for it
        ref = result.document
        header = msgspec.structs.replace(detail.header, state=ref.state, version=ref.version,
                                         actions=COUNT.available(ref.state))
        totals = detail.totals
        if isinstance(result, CountLinesDecided):
            self.model.put_rows(result.lines)
            totals, self.accuracy = result.totals, result.accuracy
        self.detail = msgspec.structs.replace(detail, header=header, totals=totals)
        self._show_detail()

    def _operator(self) -> str | None:
        session = self.context.session
        return session.operator_id if session is not None else None

    def decide(self, decision: str) -> None:
        ids = self.selected_ids()
        if not ids:
            self.show_message(self.tr("Select the lines to decide first."))
            return
        command = DecideCountLines(document_id=self.document_id, line_ids=ids, decision=decision,
                                   reason_code=self.reason.currentData(), operator_id=self._operator())
        self._act(lambda s: s.counts.decide(command), (
            self.tr("%1 variances approved.") if decision == "approve" else self.tr("%1 variances rejected."))
            .replace("%1", str(len(ids))))

    def approve(self) -> None:
        command = CountMutation(document_id=self.document_id, operator_id=self._operator())
        self._act(lambda s: s.counts.approve(command), self.tr("The task is approved: post it to change the stock."))

    def post(self) -> None:
        if not self._post_confirmed():
            return
        command = CountMutation(document_id=self.document_id, operator_id=self._operator())
        self._act(lambda s: s.counts.post(command), self.tr("The task is posted: the approved variances are in "
                                                            "the stock."))

    def _post_confirmed(self) -> bool:
        """Posting changes stock at every line with an approved variance and cannot be undone:
        an explicit yes, Enter alone answers no."""
        lines = self.detail.totals.variance_lines if self.detail is not None else 0
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Post the count"),
                          self.tr("Post the approved variances of %1 lines to the stock? This cannot be undone.")
                          .replace("%1", str(lines)), QMessageBox.StandardButton.NoButton, self)
        post = box.addButton(self.tr("&Post to stock"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("&Back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is post

    # -- the report ----------------------------------------------------------------------------------
    def save_report(self) -> None:
        detail = self.detail
        if detail is None or self.busy:
            return
        try:
            target = self.printers.file_target(DOCUMENT)
        except WmsError as error:
            self.show_message(printing_error_text(error))
            return
        document_id, jobs, accuracy = self.document_id, self.jobs, self.accuracy
        warehouse = self.context.warehouse_code

        def lines(s: ServiceApi) -> list[CountLineRow]:
            ids = s.counts.line_ids(CountLineIds(document_id=document_id, variances_only=True))
            return [row for start in range(0, len(ids), 1000) for row in s.counts.line_rows(ids[start:start + 1000])]

        def rendered(rows: list[CountLineRow]) -> None:
            report = VarianceReport(
                detail.header.document_number, state_text(detail.header.state), tuple(
                    VarianceLine(r.location_code, r.sku_code, r.product_name, r.batch_number or "",
                                 r.expected_quantity or 0, r.counted_quantity, r.counted_by or "", r.decision,
                                 r.reason_code or "") for r in rows),
                detail.totals.lines_counted,
                tuple(CounterFigure(a.counter, a.lines_counted, a.lines_right, a.accuracy_percent) for a in accuracy),
                warehouse)
            IoOp(self.context.runner, parent=self,
                 op=lambda: jobs.submit(RENDERER.run(render_variance_report, report), target),
                 success=self._report_saved, key="report").failure(
                lambda error: self.show_message(printing_error_text(error))).run_in_background()

        QueryOp(self.context, parent=self, op=lines, success=rendered, key="report_lines") \
            .failure(self.show_wms_error).run_in_background()

    def _report_saved(self, job) -> None:
        self.last_report = job
        self.status.setText(self.tr("Variance report saved (%1)").replace("%1", target_text(job.target)))

    # -- state -------------------------------------------------------------------------------------
    def _update_state(self) -> None:
        state = self.detail.header.state if self.detail is not None else None
        idle = not self.busy
        for name in ("approve_lines", "reject_lines", "approve_task"):
            self.buttons[name].setEnabled(idle and state == "counted")
        self.buttons["post_task"].setEnabled(idle and state == "approved")
        self.buttons["report"].setEnabled(self.detail is not None)

    def show_wms_error(self, error: WmsError) -> None:
        self.show_message(error_text(error))

    def show_message(self, text: str) -> None:
        show_text(self.message, text)

    def clear_message(self) -> None:
        show_text(self.message, "")
