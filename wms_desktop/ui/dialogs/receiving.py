"""Receiving an ASN (or a blind receipt), by scanner and keyboard alone.

1. Scan (or type) the ASN's number — or Ctrl+B starts a blind receipt without one. In blind
   mode the expected quantities are not shown (the service does not send them).
2. Scan each item — SKU label, product barcode, or a GS1 label whose (10) batch and (17)
   expiry fill their fields and whose (30)/(37) count receives at once — then type the quantity
   and Enter (or scan a quantity barcode). Each receipt posts at once into this workstation's
   receiving location; the line's total comes back from the server. F8 receives the
   quantity as damaged (into the damaged-goods location), with a reason.
3. More than the ASN allows, or an item it does not name, asks for an explicit choice: pick a
   reason (arrows, Enter) to receive it anyway, or Esc to drop that scan.
4. F9 captures the scale's weight for the current line and checks it against unit weight ×
   quantity (:mod:`.weighing`); Ctrl+L prints labels for what arrived (GS1-128 (01)(10)(17) for
   batches); Ctrl+F finishes receiving.
5. F6 turns to putaway: the ASN's open tasks are listed with a suggested destination; scan an
   item to choose its task, then scan the shelf (or Enter for the suggestion) — a transfer with
   the ASN's number. Ctrl+P prints the putaway list. F6 again goes back to receiving.

The ASN, the queue and the labels are the dialog's
:class:`~wms_desktop.ui.workflows.receiving_session.ReceivingSession` (no Qt).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...contract.receiving import (
    AsnChanged,
    AsnDetail,
    AsnQuery,
    AsnRef,
    PutAwayDone,
    PutawayList,
    PutawayTasks,
    ReasonCode,
    Received,
    StartReceipt,
)
from ...devices.printing import RENDERER, label_profile, render_labels, render_pick_list
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ...domain.fields import MAX_QUANTITY
from ...domain.receiving import REASON_CODES
from ..errors.messages import state_text
from ..ops import QueryOp
from ..printing.printers import DOCUMENT, LABEL
from ..scanning import WorkDialog
from ..session import AppContext
from ..widgets.fit_columns import fit_columns
from ..widgets.work_dialog import action_button, line_list
from ..workflows.operation_form import ITEM_KINDS, quantity_of
from ..workflows.receiving_session import RECEIVABLE, ReceivingSession
from .weighing import Weighing

PRODUCT, EXPECTED = 2, 5  # columns: #, SKU, Product, Batch, Expiry, Expected, Received, Damaged


def reason_texts() -> dict[str, str]:
    """The reason codes of ``domain.receiving.REASON_CODES`` as the clerk reads them."""
    texts = {
        "supplier_overship": QCoreApplication.translate("ReasonDialog", "Supplier sent more"),
        "substitute": QCoreApplication.translate("ReasonDialog", "Substitute item"),
        "free_goods": QCoreApplication.translate("ReasonDialog", "Free goods"),
        "transit_damage": QCoreApplication.translate("ReasonDialog", "Damaged in transit"),
        "packaging_damage": QCoreApplication.translate("ReasonDialog", "Packaging damaged"),
        "supplier_short": QCoreApplication.translate("ReasonDialog", "Supplier sent less"),
        "backorder": QCoreApplication.translate("ReasonDialog", "Back-ordered"),
        "other": QCoreApplication.translate("ReasonDialog", "Other"),
    }
    assert tuple(texts) == REASON_CODES
    return texts


class ReasonDialog(QDialog):
    """Why a receipt differs: a reason from the list (arrows, Enter), or Esc."""

    def __init__(self, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReasonDialog")
        self.setWindowTitle(title)
        self.reasons = QComboBox()
        self.reasons.setObjectName("reason")
        for code, text in reason_texts().items():
            self.reasons.addItem(text, code)
        label = QLabel(question)
        label.setWordWrap(True)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reasons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Receive &anyway"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Drop this scan"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        row = QHBoxLayout()
        row.addWidget(reason_label)
        row.addWidget(self.reasons, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.reasons.setFocus()

    def reason(self) -> ReasonCode:
        return self.reasons.currentData()


class ReceivingDialog(WorkDialog):
    op = "receive"  # for the weighing log

    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(context, router, parent)
        self.session = ReceivingSession(self.operator_id)
        self.loading = False
        self.reason_dialog: ReasonDialog | None = None

        self.asn_edit = self.add_field("asn_number", self.scan_field("asn_number"))
        self.add_item_fields()
        self.quantity_edit.setValidator(QIntValidator(1, MAX_QUANTITY, self.quantity_edit))
        self.batch_edit = self.add_field("batch_number", self.scan_field("batch_number"))
        self.expiry_edit = self.add_field("expiry_date", self.scan_field("expiry_date"))
        self.location_edit = self.add_field("location_code", self.scan_field("location_code"))
        self.per_label = self.add_field("per_label", QSpinBox())
        self.per_label.setObjectName("per_label")
        self.per_label.setRange(1, 10_000)

        self.header = QLabel()
        self.header.setObjectName("header")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.lines_view = line_list("lines", 8)
        self.tasks_view = line_list("tasks", 5)
        self.lines_title, self.tasks_title = self.title_of(self.lines_view), self.title_of(self.tasks_view)

        self.blind_button = action_button("blind", self.start_blind)
        self.damaged_button = action_button("damaged", self.receive_damaged)
        self.labels_button = action_button("labels", self.print_labels)
        self.finish_button = action_button("finish", self.finish)
        self.putaway_button = action_button("putaway", self.toggle_putaway)
        self.putaway_list_button = action_button("putaway_list", self.print_putaway_list)
        for keys, slot in (("Ctrl+B", self.start_blind), ("F8", self.receive_damaged),
                           ("Ctrl+L", self.print_labels), ("Ctrl+F", self.finish), ("F6", self.toggle_putaway),
                           ("Ctrl+P", self.print_putaway_list)):
            QShortcut(QKeySequence(keys), self, slot)

        self.weighing = Weighing(self)
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addWidget(self.weighing.panel)
        right = QVBoxLayout()
        right.addWidget(self.header)
        right.addWidget(self.lines_title)
        right.addWidget(self.lines_view, 2)
        right.addWidget(self.tasks_title)
        right.addWidget(self.tasks_view, 1)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(right, 3)
        self.lay_out([(top, 1)], [self.blind_button, self.damaged_button, self.labels_button, self.finish_button,
                                  self.putaway_button, self.putaway_list_button])
        self.retranslate_ui()
        self.update_state()
        self.resize(1150, 680)
        self.asn_edit.setFocus()

    # -- texts ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Receiving"))
        self.set_field_texts({"asn_number": self.tr("&ASN number"), "item": self.tr("&Item"),
                              "quantity": self.tr("&Quantity"), "batch_number": self.tr("&Batch"),
                              "expiry_date": self.tr("E&xpiry"), "location_code": self.tr("Receiving lo&cation"),
                              "per_label": self.tr("&Units per label")})
        self.asn_edit.setPlaceholderText(self.tr("scan the ASN, or Ctrl+B for a blind receipt"))
        self.item_edit.setPlaceholderText(self.tr("SKU code, barcode or GS1 label"))
        self.expiry_edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.location_edit.setPlaceholderText(self.tr("the warehouse's receiving location"))
        self.lines_title.setText(self.tr("&Lines"))
        self.lines_view.setHeaderLabels([self.tr("#"), self.tr("SKU"), self.tr("Product"), self.tr("Batch"),
                                         self.tr("Expiry"), self.tr("Expected"), self.tr("Received"),
                                         self.tr("Damaged")])
        self.blind_button.setText(self.tr("Blind receipt (Ctrl+B)"))
        self.damaged_button.setText(self.tr("Damaged (F8)"))
        self.labels_button.setText(self.tr("Print labels (Ctrl+L)"))
        self.finish_button.setText(self.tr("Finish receiving (Ctrl+F)"))
        self.putaway_button.setText(self.tr("Back to receiving (F6)") if self.session.putting_away else
                                    self.tr("Put away (F6)"))
        self.putaway_list_button.setText(self.tr("Putaway list (Ctrl+P)"))
        self.tasks_title.setText(self.tr("Putawa&y tasks"))
        self.tasks_view.setHeaderLabels([self.tr("SKU"), self.tr("Batch"), self.tr("From"), self.tr("Open"),
                                         self.tr("Suggested")])
        self._show_asn()

    # -- what Weighing needs of its dialog ----------------------------------------------------------
    def quantity_ok(self, text: str) -> bool:
        return quantity_of(text) is not None

    def operator(self) -> str:
        return self.session.operator_id or ""

    def clear_error(self) -> None:
        self.clear_message()

    # -- the router's side ------------------------------------------------------------------------
    def handle_scan(self, scan: Scan) -> bool:
        if scan.kind == "document" and scan.document_type == "asn" and scan.document_id is not None:
            self.open_asn(scan.document_id)
            return True
        if self.session.putting_away:
            return self._putaway_scan(scan)
        if self.session.asn is None:
            if scan.kind == "unknown":
                self.asn_edit.setText(scan.text)
                self.show_message(self.tr("No ASN with the number %1.").replace("%1", scan.text))
                return True
            return False
        if scan.kind in ITEM_KINDS and scan.sku_code:
            self.set_item(scan)
            gs1 = scan.gs1 or {}
            self.batch_edit.setText(gs1.get("batch_number") or "")
            self.expiry_edit.setText(gs1["expiry_date"].isoformat() if gs1.get("expiry_date") else "")
            if gs1.get("quantity"):
                self.quantity_edit.setText(str(gs1["quantity"]))
                self.receive()
            else:
                self.quantity_edit.setFocus()
                self.quantity_edit.selectAll()
            return True
        if scan.kind == "sku" and scan.product_code:
            self.say_product_with_skus(scan.product_code)
            return True
        if scan.kind == "location":
            self.location_edit.setText(scan.location_code or "")
            return True
        if scan.kind == "unknown" and self.session.item is not None and quantity_of(scan.text) is not None:
            self.quantity_edit.setText(scan.text.strip())
            self.receive()
            return True
        return False

    # -- the ASN ----------------------------------------------------------------------------------
    def open_asn(self, document_id: int | None = None, asn_number: str | None = None) -> None:
        if self.session.busy or self.loading:
            self.show_message(self.tr("Wait until the receipts in progress have posted."))
            return
        query = AsnQuery(document_id=document_id) if document_id is not None else AsnQuery(asn_number=asn_number)
        self.loading = True
        QueryOp(self.context, parent=self, op=lambda s: s.receiving.asn(query), success=self._opened, key="asn") \
            .failure(self._load_failed).run_in_background()

    def _opened(self, asn: AsnDetail) -> None:
        self.loading = False
        if not self.session.opened(asn):
            self.show_message(self.tr("%1 is %2: there is nothing to receive or put away.")
                              .replace("%1", asn.document_number)
                              .replace("%2", state_text(asn.state)))
            return
        self.clear_message()
        self.asn_edit.setText(asn.document_number)
        self._show_asn()
        self._show_tasks()
        self._show_mode()

    def _load_failed(self, error: WmsError) -> None:
        self.loading = False
        self.show_wms_error(error)

    def start_blind(self) -> None:
        """A receipt without an ASN: everything scanned is received."""
        if self.session.busy or self.loading:
            return
        self.loading = True
        QueryOp(self.context, parent=self, op=lambda s: s.receiving.start_blind(StartReceipt()),
                success=lambda changed: (self.posted.emit(changed.changes), self._opened(changed.asn)), key="asn") \
            .failure(self._load_failed).run_in_background()

    def finish(self) -> None:
        asn = self.session.asn
        if asn is None or self.session.busy:
            return
        command = AsnRef(document_id=asn.document_id, operator_id=self.session.operator_id)
        QueryOp(self.context, parent=self, op=lambda s: s.receiving.finish(command), success=self._finished) \
            .failure(self.show_wms_error).run_in_background()

    def _finished(self, changed: AsnChanged) -> None:
        self.posted.emit(changed.changes)
        self.session.asn = changed.asn
        self.status.setText(self.tr("%1 received: %2 units.").replace("%1", changed.asn.document_number)
                            .replace("%2", str(self.session.progress()[0])))
        self._show_asn()
        self.update_state()

    # -- entering ---------------------------------------------------------------------------------
    def enter_in(self, name: str) -> None:
        if name == "asn_number":
            number = self.asn_edit.text().strip()
            if number:
                self.open_asn(asn_number=number)
        elif name == "item":
            if self.item_edit.text().strip() and self.session.item is None:
                self.resolve_item()
            else:
                self.quantity_edit.setFocus()
        elif name == "location_code":
            self.session.location_code = self.location_edit.text().strip() or None
            self.item_edit.setFocus()
        elif self.session.putting_away:
            task = self.session.task
            if task is not None and task.suggested_location_code:
                self._put(task.suggested_location_code)
        else:
            self.receive()

    def item_resolved(self, scan: Scan) -> None:
        if not self.handle_scan(scan) or self.session.item is None:
            self.say_unknown(scan.text)
            self.item_edit.selectAll()

    def set_item(self, scan: Scan | None) -> None:
        if scan is None:
            self.session.item = None
        else:
            self.session.set_item(scan)
        super().set_item(scan)
        self.weighing.item_changed(scan)

    # -- receiving --------------------------------------------------------------------------------
    def receive(self, damaged: bool = False, reason_code: ReasonCode | None = None) -> None:
        if self.session.asn is None:
            self.show_message(self.tr("Scan the ASN first, or Ctrl+B for a blind receipt."))
            return
        if self.session.item is None:
            self.say_item_first()
            return
        quantity = quantity_of(self.quantity_edit.text())
        if quantity is None:
            self.say_quantity_rule(self.quantity_edit.text().strip())
            return
        expiry = self._expiry()
        if expiry is False:
            self.show_message(self.tr("Write the expiry as YYYY-MM-DD."))
            self.expiry_edit.setFocus()
            return
        if not self.weighing.allows_posting():
            return
        self.session.location_code = self.location_edit.text().strip() or None
        command = self.session.command(quantity, self.batch_edit.text().strip() or None, expiry or None,
                                       damaged, reason_code)
        self.session.enqueue(command)
        weighed = self.weighing.posted_text()
        if weighed:
            self.status.setText(weighed)
        self.weighing.next_item()
        for edit in (self.item_edit, self.quantity_edit, self.batch_edit, self.expiry_edit):
            edit.clear()
        self.set_item(None)
        self.item_edit.setFocus()
        self._post_next()

    def receive_damaged(self) -> None:
        """The current quantity, received as damaged: asks for the reason first."""
        if self.session.asn is None or self.session.item is None or quantity_of(self.quantity_edit.text()) is None:
            self.show_message(self.tr("Scan the item and enter the damaged quantity first."))
            return
        self._ask(self.tr("Damaged goods"), self.tr("Receive %1 × %2 as damaged?")
                  .replace("%1", self.quantity_edit.text()).replace("%2", self.session.item.sku_code or ""),
                  lambda reason: self.receive(damaged=True, reason_code=reason), lambda: None)

    def _expiry(self) -> date | None | bool:
        text = self.expiry_edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return False

    def _post_next(self) -> None:
        command = self.session.next_post()
        self.update_state()
        if command is None:
            return
        QueryOp(self.context, parent=self, op=lambda s: s.receiving.receive(command), success=self._posted) \
            .failure(self._refused).run_in_background()

    def _posted(self, result: Received) -> None:
        self.session.posted(result)
        self.posted.emit(result.changes)
        line = result.line
        self.clear_message()
        self.status.setText(self.tr("%1: %2 received (%3 in all)").replace("%1", line.sku_code)
                            .replace("%2", str(result.quantity)).replace("%3", str(line.received_quantity)))
        self._show_asn()
        self._post_next()

    def _refused(self, error: WmsError) -> None:
        choice = self.session.refused(error)
        if choice is None:
            self.show_wms_error(error)
            self._post_next()
            return
        command = choice.command
        what = f"{command.quantity} × {command.sku_code}"
        if choice.accept == "over_receipt":
            title, question = self.tr("Over-receipt"), self.tr("%1 is more than the ASN allows. Receive it anyway?")
        elif choice.accept == "not_on_asn":
            title, question = self.tr("Not on the ASN"), self.tr("%1 is not on the ASN. Receive it anyway?")
        else:
            title, question = self.tr("Damaged goods"), self.tr("Why is %1 damaged?")
        self._ask(title, question.replace("%1", what), self._chosen, self._dropped)

    def _ask(self, title: str, question: str, chosen, dropped) -> None:
        dialog = self.reason_dialog = ReasonDialog(title, question, self)
        dialog.accepted.connect(lambda: chosen(dialog.reason()))
        dialog.rejected.connect(dropped)
        dialog.finished.connect(lambda _r: setattr(self, "reason_dialog", None))
        dialog.open()

    def _chosen(self, reason: ReasonCode) -> None:
        self.session.choose(reason)
        self._post_next()

    def _dropped(self) -> None:
        self.session.drop_choice()
        self.status.setText(self.tr("Scan dropped: nothing was received."))
        self._post_next()

    # -- putaway ----------------------------------------------------------------------------------
    def toggle_putaway(self) -> None:
        """Between receiving and putting away the ASN's received units."""
        if self.session.asn is None or self.session.busy:
            return
        if self.session.asn.state not in RECEIVABLE and self.session.putting_away:
            return  # received or closed: putting away is all there is to do
        self.session.putting_away = not self.session.putting_away
        self.session.task = None
        self._show_mode()

    def _show_mode(self) -> None:
        """Receiving or putting away: the buttons' texts and state, what to scan, the open tasks."""
        self.retranslate_ui()
        if self.session.putting_away:
            self.status.setText(self.tr("Scan an item to put away, then the shelf (Enter: the suggested one)."))
            self._load_tasks()
        else:
            self.status.setText(self.tr("Scan the items that arrived."))
        self.update_state()
        self.item_edit.setFocus()

    def _load_tasks(self) -> None:
        asn = self.session.asn
        if asn is None:
            return
        query = PutawayTasks(document_id=asn.document_id)
        QueryOp(self.context, parent=self, op=lambda s: s.receiving.putaway_tasks(query), success=self._tasks_loaded,
                key="tasks").failure(self.show_wms_error).run_in_background()

    def _tasks_loaded(self, found: PutawayList) -> None:
        self.session.tasks_loaded(found.tasks)
        self._show_tasks()
        if self.session.putting_away and not found.tasks:
            self.status.setText(self.tr("Everything received has been put away."))

    def _putaway_scan(self, scan: Scan) -> bool:
        if scan.kind in ITEM_KINDS and scan.sku_code:
            task = self.session.choose_task(scan)
            self.set_item(scan)
            if task is None:
                self.show_message(self.tr("Nothing of %1 waits to be put away.").replace("%1", scan.sku_code))
            else:
                self.clear_message()
                self.quantity_edit.setText(str(task.open_quantity))
                self.status.setText(self.tr("%1 × %2: scan the shelf (suggested: %3).")
                                    .replace("%1", str(task.open_quantity)).replace("%2", task.sku_code)
                                    .replace("%3", task.suggested_location_code or "—"))
                self.quantity_edit.setFocus()
                self.quantity_edit.selectAll()
            self._show_tasks()
            return True
        if scan.kind == "location" and scan.location_code:
            if self.session.task is None:
                self.show_message(self.tr("Scan the item first, then the shelf."))
            else:
                self._put(scan.location_code)
            return True
        return False

    def _put(self, location_code: str) -> None:
        command = self.session.put_command(location_code, quantity_of(self.quantity_edit.text()))
        self.session.task = None
        QueryOp(self.context, parent=self, op=lambda s: s.receiving.put_away(command), success=self._put_done) \
            .failure(self._put_refused).run_in_background()

    def _put_done(self, done: PutAwayDone) -> None:
        self.posted.emit(done.changes)
        self.clear_message()
        self.status.setText(self.tr("%1 × %2 put away at %3.").replace("%1", str(done.quantity))
                            .replace("%2", done.sku_code).replace("%3", done.to_location_code))
        for edit in (self.item_edit, self.quantity_edit):
            edit.clear()
        self.set_item(None)
        self.item_edit.setFocus()
        self._load_tasks()

    def _put_refused(self, error: WmsError) -> None:
        self.show_wms_error(error)
        self._load_tasks()

    def print_putaway_list(self) -> None:
        putaway = self.session.putaway_list(self.context.warehouse_code)
        if putaway is not None:
            paper = self.printers.paper()
            self.send_to_printer(self.tr("Putaway list"), lambda: self.printer_for(DOCUMENT),
                                 lambda: RENDERER.run(render_pick_list, putaway, paper))

    def _show_tasks(self) -> None:
        self.tasks_view.clear()
        chosen = self.session.task
        for task in self.session.tasks:
            item = QTreeWidgetItem(self.tasks_view, [task.sku_code, task.batch_number or "", task.from_location_code,
                                                     str(task.open_quantity), task.suggested_location_code or ""])
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
            if chosen is not None and task == chosen:
                self.tasks_view.setCurrentItem(item)
        fit_columns(self.tasks_view, stretch=0)

    # -- labels -----------------------------------------------------------------------------------
    def print_labels(self) -> None:
        """What arrived: labels with a batch (GS1-128) and without, each set its own job."""
        batches, plain = self.session.labels(self.per_label.value())
        if not (batches or plain):
            return
        profile, fmt = label_profile(self.printers.profile()), self.printers.format()
        self.send_to_printer(self.tr("Labels"), lambda: self.printer_for(LABEL), *(
            lambda labels=labels: RENDERER.run(render_labels, labels, profile, fmt)
            for labels in (batches, plain) if labels))

    # -- showing ----------------------------------------------------------------------------------
    def _show_asn(self) -> None:
        asn = self.session.asn
        self.lines_view.clear()
        self.lines_view.setColumnHidden(EXPECTED, self.session.blind)
        if asn is None:
            self.header.setText(self.tr("No ASN open."))
            return
        received, expected = self.session.progress()
        progress = (self.tr("%1 units received").replace("%1", str(received)) if expected is None else
                    self.tr("%1 of %2 units received").replace("%1", str(received)).replace("%2", str(expected)))
        mode = self.tr("blind receipt") if asn.without_asn else self.tr("blind mode") if self.session.blind else ""
        self.header.setText("  ·  ".join(p for p in (asn.document_number, asn.supplier_name or asn.supplier_code,
                                                      state_text(asn.state), progress, mode) if p))
        for line in self.session.lines:
            item = QTreeWidgetItem(self.lines_view, [
                str(line.line_number) if line.line_number is not None else "+", line.sku_code, line.product_name,
                line.batch_number or "", line.expiry_date.isoformat() if line.expiry_date else "",
                "" if line.expected_quantity is None else str(line.expected_quantity), str(line.received_quantity),
                str(line.damaged_quantity or "")])
            for column in (EXPECTED, EXPECTED + 1, EXPECTED + 2):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        fit_columns(self.lines_view, stretch=PRODUCT)

    def update_state(self) -> None:
        session = self.session
        open_ = session.asn is not None and session.asn.state in ("pending", "receiving")
        for widget in (self.item_edit, self.quantity_edit, self.batch_edit, self.expiry_edit, self.location_edit):
            widget.setEnabled(open_)
        self.blind_button.setEnabled(not session.busy and not self.loading)
        self.labels_button.setEnabled(bool(session.lines) and not self.printing)
        self.finish_button.setEnabled(open_ and session.asn is not None and session.asn.state == "receiving"
                                      and not session.busy and not session.putting_away)
        self.damaged_button.setEnabled(open_ and not session.putting_away)
        self.putaway_button.setEnabled(session.asn is not None and not session.busy)
        self.putaway_list_button.setEnabled(bool(session.tasks) and not self.printing)
        for widget in (self.item_edit, self.quantity_edit):
            widget.setEnabled(open_ or session.putting_away)

    @property
    def busy(self) -> bool:
        return self.session.busy or self.printing or self.loading

    def reject(self) -> None:
        if self.session.posting is not None or self.session.queue or self.printing:
            self.status.setText(self.tr("Wait until the receipts in progress have posted."))
            return
        super().reject()


def open_receiving_dialog(context: AppContext, router: Any = None, parent: QWidget | None = None,
                          document_id: int | None = None) -> ReceivingDialog:
    """For the main window (Operations menu, or an ASN number scanned anywhere): opened like the
    operation dialogs (window-modal, deleted on close)."""
    dialog = ReceivingDialog.open_on(context, router, parent)
    if document_id is not None:
        dialog.open_asn(document_id)
    return dialog
