"""Customer returns at the station, with the scanner and the keyboard alone.

1. Scan (or type and Enter) a shipped order's number: a return is opened for it
   (``services.returns.open``), listing what the order shipped and what came back already.
2. Choose what happens to the items (back to stock, damaged, scrap: Alt+D) and the reason
   (Alt+R); the location is the warehouse's returns (or damaged) area unless one is typed.
3. Scan each item: one unit back per scan (``returns.receive``, once per ``request_id``),
   never more than the order shipped. F6 closes the return.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLineEdit, QTreeWidgetItem, QWidget

from ...contract.returns import ReturnDetail
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ..scanning import WorkDialog
from ..session import AppContext
from ..widgets.fit_columns import fit_columns
from ..widgets.work_dialog import action_button, line_list
from ..workflows.operation_form import ITEM_KINDS
from ..workflows.return_session import DISPOSITIONS, ReturnSession


class ReturnDialog(WorkDialog):
    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(context, router, parent)
        self.session = ReturnSession(self.operator_id)
        self.order_edit = self.add_field("order_number", self.scan_field("order_number"))
        self.disposition = self.add_field("disposition", QComboBox())
        self.disposition.setObjectName("disposition")
        for name in DISPOSITIONS:
            self.disposition.addItem("", name)
        self.disposition.currentIndexChanged.connect(self._disposition_changed)
        self.reason_edit = self.add_field("reason_code", QLineEdit(self.session.reason_code))
        self.reason_edit.setObjectName("reason_code")
        self.reason_edit.textChanged.connect(lambda text: setattr(self.session, "reason_code", text.strip()))
        self.location_edit = self.add_field("location_code", self.scan_field("location_code", big=False))
        self.location_edit.textChanged.connect(lambda text: setattr(self.session, "location_code", text.strip()))
        self.shipped_view = line_list("returnable", 4)
        self.lines_view = line_list("received", 5)
        self.shipped_title, self.lines_title = self.title_of(self.shipped_view), self.title_of(self.lines_view)
        self.finish_button = action_button("close_return", self.finish)
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, self.finish)
        self.lay_out([(self.form, 0), (self.shipped_title, 0), (self.shipped_view, 1), (self.lines_title, 0),
                      (self.lines_view, 1)], [self.finish_button])
        self.retranslate_ui()
        self.resize(820, 600)
        self.order_edit.setFocus()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Customer return"))
        self.set_field_texts({"order_number": self.tr("&Order number"), "disposition": self.tr("&Disposition"),
                              "reason_code": self.tr("&Reason"), "location_code": self.tr("&Location")})
        for i, text in enumerate((self.tr("back to stock"), self.tr("damaged"), self.tr("scrap"))):
            self.disposition.setItemText(i, text)
        self.order_edit.setPlaceholderText(self.tr("scan the shipped order's number"))
        self.location_edit.setPlaceholderText(self.tr("the returns area unless one is scanned"))
        self.shipped_title.setText(self.tr("&Shipped and returned"))
        self.lines_title.setText(self.tr("Received &back (scan each item)"))
        self.shipped_view.setHeaderLabels([self.tr("SKU"), self.tr("Batch"), self.tr("Shipped"), self.tr("Returned")])
        self.lines_view.setHeaderLabels([self.tr("SKU"), self.tr("Quantity"), self.tr("Disposition"),
                                         self.tr("Location"), self.tr("Reason")])
        self.finish_button.setText(self.tr("Close return (F6)"))
        self._show()

    # -- scans and keys ----------------------------------------------------------------------------
    def handle_scan(self, scan: Scan) -> bool:
        if self.session.detail is None:
            if scan.kind in ("document", "unknown"):
                self.order_edit.setText(scan.text)
                self.open_return()
                return True
            return False
        if scan.kind in ITEM_KINDS and scan.sku_code:
            self.receive(scan.sku_code)
            return True
        if scan.kind == "location":
            self.location_edit.setText(scan.location_code or scan.text)
            return True
        return False

    def enter_in(self, name: str) -> None:
        if name == "order_number":
            self.open_return()

    def _disposition_changed(self, _index: int) -> None:
        self.session.disposition = self.disposition.currentData() or "restock"

    # -- work ----------------------------------------------------------------------------------------
    def open_return(self) -> None:
        number = self.order_edit.text().strip()
        if not number or self.working or self.session.detail is not None:
            return
        command = self.session.open_command(number)
        self.run(lambda s: s.returns.open(command), self._opened, self._failed, "return")

    def _opened(self, detail: ReturnDetail) -> None:
        self.session.opened(detail)
        self._show()
        self.status.setText(self.tr("Return %1 of %2: scan each item that came back.")
                            .replace("%1", detail.document_number).replace("%2", detail.order_number))

    def receive(self, sku_code: str) -> None:
        command = None if self.working else self.session.receive_command(sku_code)
        if command is None:
            self.show_message(self.tr("Nothing of %1 to take back on this order.").replace("%1", sku_code))
            return
        self.run(lambda s: s.returns.receive(command), self._received, self._failed, "return")

    def _received(self, detail: ReturnDetail) -> None:
        self.session.received(detail)
        self._show()
        self.posted.emit(detail.changes)
        line = detail.lines[-1]
        self.status.setText(self.tr("%1 × %2: %3").replace("%1", line.sku_code).replace("%2", str(line.stock_quantity))
                            .replace("%3", line.location_code or self.tr("scrap")))

    def finish(self) -> None:
        command = self.session.close_command()
        if command is None or self.working:
            return
        self.run(lambda s: s.returns.close(command), self._closed, self._failed, "return")

    def _closed(self, detail: ReturnDetail) -> None:
        self.session.opened(detail)
        self._show()
        self.status.setText(self.tr("Return %1 closed.").replace("%1", detail.document_number))

    def _failed(self, error: WmsError) -> None:
        if error.error_code != "DATABASE_UNAVAILABLE":  # a lost answer is retried with the same request_id
            self.session.refused()
        self.show_wms_error(error)
        self._show()

    def _show(self) -> None:
        detail = self.session.detail
        self.shipped_view.clear()
        self.lines_view.clear()
        for r in detail.returnable if detail is not None else []:
            QTreeWidgetItem(self.shipped_view, [r.sku_code, r.batch_number or "", str(r.shipped_quantity),
                                                str(r.returned_quantity)])
        names = dict(zip(DISPOSITIONS, (self.disposition.itemText(i) for i in range(self.disposition.count()))))
        for line in detail.lines if detail is not None else []:
            QTreeWidgetItem(self.lines_view, [line.sku_code, str(line.stock_quantity),
                                              names.get(line.disposition, line.disposition), line.location_code or "",
                                              line.reason_code])
        fit_columns(self.shipped_view, stretch=0)
        fit_columns(self.lines_view, stretch=0)
        self.update_state()

    def update_state(self) -> None:
        self.order_edit.setEnabled(self.session.detail is None and not self.working)
        self.finish_button.setEnabled(self.session.receiving and not self.working)

    def reject(self) -> None:
        if not self.working:
            super().reject()


def open_return_dialog(context: AppContext, router: Any = None, parent: QWidget | None = None,
                       order_number: str | None = None) -> ReturnDialog:
    """For the main window: opened window-modal, deleted on close, on an order when given."""
    dialog = ReturnDialog.open_on(context, router, parent)
    if order_number:
        dialog.order_edit.setText(order_number)
        dialog.open_return()
    return dialog
