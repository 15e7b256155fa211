"""Receiving: the ASNs of the warehouse, lazily listed with status, supplier and dates (search by
number, supplier or SKU), and the lines and progress of the current one. Enter on a row (or
scanning an ASN's number anywhere in the app) opens its receiving session; a supervisor closes a
received ASN here (a reason for each short line), and its receiving report (expected against
received, short, over, damaged, reasons) prints or saves as a PDF."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ...contract.api import ServiceApi
from ...contract.receiving import AsnChanged, AsnDetail, AsnIds, AsnQuery, AsnRow, CloseAsn, ShortReason
from ...domain.errors import WmsError
from ...domain.permissions import PLAN_DOCUMENTS
from ...domain.receiving import ASN
from ..errors.messages import state_text
from ..errors.printing import printing_error_text
from ..models import Column, LazyTableModel, translatable
from ..models.format import expiry, local_time, quantity
from ..ops import IoOp, QueryOp
from ..widgets.fit_columns import fit_columns
from ..workflows.receiving_session import receiving_report
from .base import RIGHT
from .documents import DocumentListScreen

if TYPE_CHECKING:
    from ..dialogs.close_asn import CloseAsnDialog


def asn_columns() -> list[Column]:
    return [
        Column("document_number", translatable("ReceivingScreen", "ASN"), "document_number", width=130),
        Column("state", translatable("ReceivingScreen", "Status"), format=state_text, width=80),
        Column("supplier_name", translatable("ReceivingScreen", "Supplier"), "supplier_name", width=160),
        Column("expected_arrival", translatable("ReceivingScreen", "Arrival"), "expected_arrival", format=expiry,
               width=90),
        Column("line_count", translatable("ReceivingScreen", "Lines"), align=RIGHT, format=quantity, width=50),
        Column("expected_quantity", translatable("ReceivingScreen", "Expected"), align=RIGHT, format=quantity,
               width=70),
        Column("received_quantity", translatable("ReceivingScreen", "Received"), align=RIGHT, format=quantity,
               width=70),
        Column("updated_at", translatable("ReceivingScreen", "Updated"), "updated_at", format=local_time, width=140),
    ]


class ReceivingScreen(DocumentListScreen[AsnIds, AsnRow, AsnDetail]):
    key = "receiving"
    needs = ("receiving",)
    lifecycle = ASN
    open_requested = Signal(int)  # Enter on a row: the main window opens its receiving session

    def build(self) -> None:
        super().build()
        self.table.activated.connect(lambda index: self.open_requested.emit(self.model.id_at(index.row())))
        self.close_button = QPushButton()
        self.close_button.setObjectName("close_asn")
        self.close_button.clicked.connect(self.close_asn)
        self.report_button = QPushButton()
        self.report_button.setObjectName("receiving_report")
        self.report_button.clicked.connect(self.save_report)
        self.top.insertWidget(2, self.close_button)
        self.top.insertWidget(3, self.report_button)
        self.close_dialog: CloseAsnDialog | None = None
        self.last_report: Any = None  # the PrintJob (or the error) of the last report

    def title(self) -> str:
        return self.tr("Receiving")

    def search_hint(self) -> str:
        return self.tr("ASN number, supplier or SKU code")

    def ids_command(self, search: str | None, states: list[str]) -> AsnIds:
        return AsnIds(search=search, states=states or None)  # type: ignore[arg-type]  # the lifecycle's states

    def make_model(self) -> LazyTableModel[AsnIds, AsnRow]:
        return LazyTableModel(asn_columns(), lambda s, q: s.receiving.asn_ids(q),
                              lambda s, ids: s.receiving.asn_rows(ids), "document_id", context=self.context,
                              parent=self)

    def detail_op(self, services: ServiceApi, document_id: int) -> AsnDetail:
        return services.receiving.asn(AsnQuery(document_id=document_id))

    def build_detail(self, box: QVBoxLayout) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("asn_summary")
        self.summary.setWordWrap(True)
        self.lines_view = QTreeWidget()
        self.lines_view.setObjectName("asn_lines")
        self.lines_view.setRootIsDecorated(False)
        self.lines_view.setUniformRowHeights(True)
        self.lines_view.setColumnCount(7)
        box.addWidget(self.summary)
        box.addWidget(self.lines_view, 1)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "close_button"):
            self.close_button.setText(self.tr("Clo&se ASN…"))
            self.report_button.setText(self.tr("Receiving &report"))
        if hasattr(self, "lines_view"):
            self.lines_view.setHeaderLabels([self.tr("#"), self.tr("SKU"), self.tr("Product"), self.tr("Batch"),
                                             self.tr("Expected"), self.tr("Received"), self.tr("Short / over")])
            self.show_detail(self.detail)

    def show_detail(self, detail: AsnDetail | None) -> None:
        session = self.context.session
        self.close_button.setEnabled(detail is not None and detail.state == "received" and session is not None
                                     and session.can(PLAN_DOCUMENTS))
        self.report_button.setEnabled(detail is not None)
        self.lines_view.clear()
        if detail is None:
            self.detail_title.setText(self.tr("No ASN selected"))
            self.summary.clear()
            return
        self.detail_title.setText(f"{detail.document_number} · {state_text(detail.state)}")
        received = sum(line.received_quantity for line in detail.lines)
        parts = [detail.supplier_name or detail.supplier_code or "",
                 self.tr("PO %1").replace("%1", detail.purchase_order) if detail.purchase_order else "",
                 self.tr("arrival %1").replace("%1", expiry(detail.expected_arrival)) if detail.expected_arrival else "",
                 self.tr("%1 units received").replace("%1", str(received)),
                 self.tr("blind") if detail.is_blind else ""]
        self.summary.setText("  ·  ".join(p for p in parts if p))
        for line in detail.lines:
            variance = "" if line.short_quantity is None else (
                f"−{line.short_quantity}" if line.short_quantity else f"+{line.over_quantity}" if line.over_quantity
                else "")
            item = QTreeWidgetItem(self.lines_view, [
                str(line.line_number) if line.line_number is not None else "+", line.sku_code, line.product_name,
                line.batch_number or "", quantity(line.expected_quantity), quantity(line.received_quantity), variance])
            for column in (4, 5, 6):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        fit_columns(self.lines_view, stretch=2)

    # -- closing and the report ----------------------------------------------------------------------
    def close_asn(self) -> None:
        """The current received ASN closed with a reason for each short line, then its report."""
        detail = self.detail
        if detail is None or detail.state != "received":
            return
        from ..dialogs.close_asn import CloseAsnDialog

        dialog = self.close_dialog = CloseAsnDialog(detail, self)
        dialog.accepted.connect(lambda: self._close(detail, dialog.short_reasons()))
        dialog.open()

    def _close(self, detail: AsnDetail, reasons: list[ShortReason]) -> None:
        command = CloseAsn(document_id=detail.document_id, expected_version=detail.version, short_reasons=reasons)
        QueryOp(self.context, parent=self, op=lambda s: s.receiving.close(command), success=self._closed) \
            .failure(self.show_wms_error).run_in_background()

    def _closed(self, changed: AsnChanged) -> None:
        self.acted(changed.asn, changed.changes)
        self.save_report()

    def save_report(self) -> None:
        """The discrepancy report of the ASN shown, to this workstation's document printer or folder."""
        detail = self.detail
        if detail is None:
            return
        from ...devices.printing import RENDERER, PrintJobs, render_receiving_report
        from ..printing.labels_dialog import default_history_dir
        from ..printing.printers import DOCUMENT, PrinterSettings

        printers = PrinterSettings(self.context.settings)
        report, paper = receiving_report(detail, state_text(detail.state)), printers.paper()
        try:
            target = printers.printer(DOCUMENT) or printers.file_target(DOCUMENT)
        except WmsError as error:
            self.info.setText(printing_error_text(error))
            return
        jobs = PrintJobs(default_history_dir(self.context))
        IoOp(self.context.runner, parent=self,
             op=lambda: jobs.submit(RENDERER.run(render_receiving_report, report, paper), target),
             success=self._report_sent, key="report").failure(self._report_failed).run_in_background()

    def _report_sent(self, job) -> None:
        from ..printing.labels_dialog import target_text

        self.last_report = job
        self.info.setText(self.tr("Receiving report sent (%1)").replace("%1", target_text(job.target)))

    def _report_failed(self, error: WmsError) -> None:
        self.last_report = error
        self.info.setText(printing_error_text(error))
