"""Receiving: the ASNs of the warehouse, lazily listed with status, supplier and dates (search by
number, supplier or SKU), and the lines and progress of the current one. Enter on a row (or
scanning an ASN's number anywhere in the app) opens its receiving session."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ...contract.api import ServiceApi
from ...contract.receiving import AsnDetail, AsnIds, AsnQuery, AsnRow
from ...domain.receiving import ASN
from ..errors.messages import state_text
from ..models import Column, LazyTableModel, translatable
from ..models.format import expiry, local_time, quantity
from ..widgets.fit_columns import fit_columns
from .base import RIGHT
from .documents import DocumentListScreen


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
        if hasattr(self, "lines_view"):
            self.lines_view.setHeaderLabels([self.tr("#"), self.tr("SKU"), self.tr("Product"), self.tr("Batch"),
                                             self.tr("Expected"), self.tr("Received"), self.tr("Short / over")])
            self.show_detail(self.detail)

    def show_detail(self, detail: AsnDetail | None) -> None:
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
