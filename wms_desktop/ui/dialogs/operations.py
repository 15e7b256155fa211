"""The stock operation dialogs, each completable with the scanner alone.

Scan a location, scan a SKU / external barcode / GS1 label (its batch and quantity fill in),
type or scan the quantity, press Enter. The router (:mod:`wms_desktop.ui.scanning.router`) offers the
open dialog every scan first (:meth:`OperationDialog.handle_scan`), whichever field has focus.
What a scan fills in, what is missing and the command posted are the dialog's
:class:`~.operation_form.OperationForm` (no Qt); the dialog shows it.

- The post runs on the database pool (:class:`~wms_desktop.ui.ops.QueryOp`); a second Enter
  while it runs is ignored, and every submission carries a ``request_id`` that is reused while
  the same input is submitted again, so a repeat never posts twice.
- A post that ends in DATABASE_UNAVAILABLE is kept, request_id and all, and **Retry** (F5)
  sends it again — offered when the database link is back. When the connection was lost while
  committing (``details.outcome == "unknown"``) it may have been posted with its answer lost:
  then other input waits until Retry has settled it (the form's ``unsettled``; docs/services.md).
- The result's quantities are shown (before → after); a refusal is shown inline with its code
  in the user's language, and the fields stay as they were.
- After a post the item, batch and quantity are cleared; the location(s) stay for the next item.

Receiving and packing (inbound, outbound) also weigh: :mod:`.weighing`.
"""
from __future__ import annotations

import logging
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...contract.stock import Adjust, Adjusted, Inbound, Outbound, StockMoved, Transfer, Transferred
from ...devices.scanner import Scan, parse_scan
from ...domain.errors import WmsError
from ..connection import UNREACHABLE
from ..errors.messages import error_markup
from ..ops import QueryOp
from ..scanning import ScanningDialog, identify_scan, scan_field
from ..session import AppContext
from ..widgets.feedback import error_box, result_box
from ..workflows.operation_form import (
    AdjustForm,
    Entry,
    InboundForm,
    OperationForm,
    OutboundForm,
    Problem,
    QuantityMode,
    TransferForm,
)
from .weighing import Weighing

log = logging.getLogger(__name__)


class OperationDialog(ScanningDialog):
    posted = Signal(object)  # the Changes of each committed operation, for the screens to update

    form_class: ClassVar[type[OperationForm]]
    weighs = False  # a live weight panel, F9 capture and the expected-weight check

    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        session = context.session
        self.operation = self.form_class(session.operator_id if session is not None else None)
        self.op = self.operation.op
        self.setObjectName(f"{self.op}Dialog")
        self.context = context
        self.router = router
        self._resolve_then_submit = False
        self._posted_input: tuple | None = None

        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.location_edits: dict[str, QLineEdit] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_labels: dict[str, QLabel] = {}
        for name in self.operation.location_fields:
            self.location_edits[name] = scan_field(name, big, self._enter_in)
        self.item_edit = scan_field("item", big, self._enter_in)
        self.item_edit.textEdited.connect(self._item_edited)
        self.item_info = QLabel()
        self.item_info.setObjectName("itemInfo")
        self.item_info.setStyleSheet("color: palette(mid);")
        self.batch_edit = scan_field("batch_number", big, self._enter_in)
        # receiving only: a GS1 label's (17) fills it, the lot records it
        self.expiry_edit = scan_field("expiry_date", big, self._enter_in) if self.operation.takes_expiry else None
        self.quantity_edit = scan_field("quantity", big, self._enter_in)
        # no validator: it would drop a typed "-" or "." without a word; submit() refuses instead
        self.quantity_edit.setInputMethodHints(self.quantity_edit.inputMethodHints()
                                               | Qt.InputMethodHint.ImhFormattedNumbersOnly)
        for name, edit in self.location_edits.items():
            self._add_row(name, edit)
        self._add_row("item", self.item_edit)
        self.form.addRow("", self.item_info)
        self._add_row("batch_number", self.batch_edit)
        if self.expiry_edit is not None:
            self._add_row("expiry_date", self.expiry_edit)
        self._add_row("quantity", self.quantity_edit)

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        self.error_label = error_box()
        self.result_label = result_box()
        result_font = QFont(self.result_label.font())
        result_font.setPointSizeF(result_font.pointSizeF() * 1.15)
        self.result_label.setFont(result_font)
        self.post_button = QPushButton()
        self.post_button.setObjectName("post")
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retry")
        self.retry_button.hide()
        self.close_button = QPushButton()
        for button in (self.post_button, self.retry_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.post_button.clicked.connect(self.submit)
        self.retry_button.clicked.connect(self.retry)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.retry)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.post_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.weighing = Weighing(self) if self.weighs else None
        if self.weighing is not None:
            layout.addWidget(self.weighing.panel)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        if context.link is not None:
            context.link.state_changed.connect(self._show_retry)
            context.link.reconnected.connect(self._link_back)
        self.retranslate_ui()
        self._focus_next()

    # -- building ----------------------------------------------------------------------------
    def _add_row(self, name: str, edit: QLineEdit) -> None:
        label = QLabel()
        label.setBuddy(edit)
        self.form_labels[name] = label
        self.form.addRow(label, edit)

    # -- texts -------------------------------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def field_names(self) -> dict[str, str]:
        return {"location_code": QCoreApplication.translate("OperationDialog", "&Location"), "item": QCoreApplication.translate("OperationDialog", "&Item"), "batch_number": QCoreApplication.translate("OperationDialog", "&Batch"),
                "expiry_date": QCoreApplication.translate("OperationDialog", "&Expiry"),
                "quantity": QCoreApplication.translate("OperationDialog", "&Quantity")}

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.title())
        for name, label in self.form_labels.items():
            label.setText(self.field_names()[name])
        self.item_edit.setPlaceholderText(QCoreApplication.translate("OperationDialog", "SKU code, product code or barcode"))
        self.batch_edit.setPlaceholderText(QCoreApplication.translate("OperationDialog", "optional"))
        if self.expiry_edit is not None:
            self.expiry_edit.setPlaceholderText(QCoreApplication.translate("OperationDialog", "YYYY-MM-DD, optional"))
        for edit in self.location_edits.values():
            edit.setPlaceholderText(QCoreApplication.translate("OperationDialog", "scan or type a location code"))
        hint = QCoreApplication.translate("OperationDialog", "Scan the location, then the item; type or scan the quantity and press Enter.")
        if self.weighing is not None:
            hint += " " + self.weighing.hint()
        self.hint.setText(hint)
        self.post_button.setText(QCoreApplication.translate("OperationDialog", "Post (Enter)"))
        self.retry_button.setText(QCoreApplication.translate("OperationDialog", "Retry (F5)"))
        self.close_button.setText(QCoreApplication.translate("OperationDialog", "Close (Esc)"))
        if self.operation.item is not None:
            self._show_item(self.operation.item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the router's side -------------------------------------------------------------------
    @property
    def results(self) -> list:
        return self.operation.results

    def entry(self) -> Entry:
        return Entry({name: edit.text() for name, edit in self.location_edits.items()}, self.item_edit.text(),
                     self.batch_edit.text(), self.quantity_edit.text(),
                     self.expiry_edit.text() if self.expiry_edit is not None else "")

    def handle_scan(self, scan: Scan) -> bool:
        """Take a classified scan into the right field, whichever field has focus."""
        focused = next((name for name, edit in self.location_edits.items() if edit.hasFocus()), None)
        filled = self.operation.take_scan(scan, self.entry(), focused, in_batch=self.batch_edit.hasFocus())
        if filled is None:
            return False
        if filled.not_a_batch is not None:
            self.show_message(QCoreApplication.translate("OperationDialog", "“%1” cannot be a batch number: scan the "
                                                         "batch label again or type the batch.")
                              .replace("%1", filled.not_a_batch))
            return True
        if filled.needs_sku_of:
            self.show_message(QCoreApplication.translate("OperationDialog", "%1 has colours and sizes: scan the SKU label.").replace("%1", filled.needs_sku_of))
            return True
        if filled.location_field:
            self.location_edits[filled.location_field].setText(filled.location_code or "")
        if filled.item is not None:
            self._set_item(filled.item)
        if filled.batch_number:
            self.batch_edit.setText(filled.batch_number)
        if filled.expiry_date is not None and self.expiry_edit is not None:
            self.expiry_edit.setText(filled.expiry_date.isoformat())
        if filled.quantity is not None:
            self.quantity_edit.setText(str(filled.quantity))
            if filled.item is None:
                self.quantity_edit.setFocus()
                return True
        self.clear_error()
        self._focus_next()
        return True

    def _set_item(self, scan: Scan) -> None:
        self.item_edit.setText(scan.text if scan.kind != "sku" else (scan.sku_code or scan.text))
        self._show_item(scan)
        if self.weighing is not None:
            self.weighing.item_changed(scan)

    def _show_item(self, scan: Scan) -> None:
        parts = [scan.sku_code or ""]
        if scan.label:
            parts.append(scan.label)
        self.item_info.setText("  ".join(p for p in parts if p))

    def _item_edited(self, _text: str) -> None:
        self.operation.item_typed()
        self.item_info.clear()
        if self.weighing is not None:
            self.weighing.item_changed(None)

    def _focus_next(self) -> None:
        """The first empty step: locations, item, the batch where the item is kept in batches,
        then the quantity."""
        batch = (self.batch_edit,) if self.operation.wants_batch() else ()
        for edit in (*self.location_edits.values(), self.item_edit, *batch):
            if not edit.text().strip():
                edit.setFocus()
                return
        self.quantity_edit.setFocus()
        self.quantity_edit.selectAll()

    # -- keys ----------------------------------------------------------------------------------
    def _enter_in(self, name: str) -> None:
        if name == "quantity":
            self.submit()
        elif name == "item":
            if self.item_edit.text().strip() and self.operation.item is None:
                self._resolve(then_submit=False)
            else:
                self._focus_next()
        elif name in ("batch_number", "expiry_date"):
            self.quantity_edit.setFocus()
        else:
            self._focus_next()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not isinstance(self.focusWidget(), QLineEdit):
                self.submit()
            event.accept()  # never the QDialog default button: Enter is handled per field
            return
        super().keyPressEvent(event)

    # -- resolving a typed item ---------------------------------------------------------------
    def _resolve(self, then_submit: bool) -> None:
        text = self.item_edit.text().strip()
        self._resolve_then_submit = then_submit
        QueryOp(self.context, parent=self, op=lambda s: identify_scan(s, parse_scan(text)), success=self._resolved,
                key="resolve").run_in_background()

    def _resolved(self, scan: Scan) -> None:
        if scan.text != self.item_edit.text().strip():
            return  # typed on meanwhile
        if self.operation.resolved(scan):
            self._set_item(scan)
            self.clear_error()
            if self._resolve_then_submit:
                self._resolve_then_submit = False
                self.submit()
            else:
                self._focus_next()
            return
        self._resolve_then_submit = False
        if scan.kind == "sku" and scan.product_code:
            self.show_message(QCoreApplication.translate("OperationDialog", "%1 has colours and sizes: scan the SKU label.").replace("%1", scan.product_code))
        else:
            self.show_message(QCoreApplication.translate("OperationDialog", "Unknown code: %1").replace("%1", scan.text))
        self.item_edit.setFocus()
        self.item_edit.selectAll()

    # -- posting -------------------------------------------------------------------------------
    def quantity_ok(self, text: str) -> bool:
        return self.operation.quantity_ok(text)

    def quantity_problem(self) -> str:
        """What is wrong with the quantity field: what was typed is named, never corrected."""
        typed = self.quantity_edit.text().strip()
        rule = {QuantityMode.MOVE: QCoreApplication.translate("OperationDialog", "Enter a quantity from 1 to 1,000,000,000."),
                QuantityMode.DELTA: QCoreApplication.translate("OperationDialog", "Enter a change other than 0, e.g. -3 or 5."),
                }[self.operation.quantity_mode]
        if not typed:
            return rule
        return QCoreApplication.translate("OperationDialog", "“%1” is not a quantity here (whole units only).") \
            .replace("%1", typed) + " " + rule

    def confirm_quantity(self, entry: Entry) -> bool:
        """Above the workstation's threshold, ask first (No is the default: Enter does not post)."""
        above = self.context.settings.quantity_confirm_above
        if not self.operation.needs_confirmation(entry, above):
            return True
        quantity = self.operation.quantity_of(entry.quantity) or 0
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("OperationDialog", "Large quantity"),
                          QCoreApplication.translate("OperationDialog", "Post %1 units? That is more than %2.")
                          .replace("%1", f"{quantity:,}").replace("%2", f"{above:,}"),
                          QMessageBox.StandardButton.NoButton, self)
        post = box.addButton(QCoreApplication.translate("OperationDialog", "&Post %1").replace("%1", f"{quantity:,}"),
                             QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QCoreApplication.translate("OperationDialog", "&Do not post"),
                               QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is post:
            return True
        self.show_message(QCoreApplication.translate("OperationDialog", "Not posted: check the quantity."))
        self.quantity_edit.setFocus()
        self.quantity_edit.selectAll()
        return False

    def submit(self) -> None:
        if self.operation.posting:
            return  # the second Enter of a double Enter
        self.clear_error()
        entry = self.entry()
        refusal = self.operation.problem(entry)
        if refusal is not None:
            if refusal.problem is Problem.UNRESOLVED:
                self._resolve(then_submit=True)
                return
            if refusal.problem is Problem.UNSETTLED:
                self.show_message(QCoreApplication.translate(
                    "OperationDialog", "The last posting is not settled yet: press Retry (F5) to finish it first."))
                return
            edit = {"quantity": self.quantity_edit, "batch_number": self.batch_edit,
                    "expiry_date": self.expiry_edit}.get(refusal.field) \
                or self.location_edits.get(refusal.field, self.item_edit)
            self.show_message(self.quantity_problem() if refusal.problem is Problem.QUANTITY else
                              QCoreApplication.translate("OperationDialog", "Enter the expiry as YYYY-MM-DD, e.g. "
                                                         "2031-06-30.") if refusal.problem is Problem.EXPIRY else
                              QCoreApplication.translate("OperationDialog", "%1 is missing: scan or type it.")
                              .replace("%1", self._plain(refusal.field)))
            edit.setFocus()
            if refusal.problem in (Problem.QUANTITY, Problem.EXPIRY):
                edit.selectAll()
            return
        if not self.confirm_quantity(entry):
            return
        if self.weighing is not None and not self.weighing.allows_posting():
            return
        self._posted_input = self._input_state()
        self._post(self.operation.submit(entry))

    def retry(self) -> None:
        """Send the unsettled post again, as it was: its request_id makes it post at most once."""
        command = self.operation.retry()
        if command is not None:
            self.clear_error()
            self._post(command)

    def _post(self, command: Inbound | Outbound | Transfer | Adjust) -> None:
        self.post_button.setEnabled(False)
        self._show_retry()
        post = self.operation.post
        QueryOp(self.context, parent=self, op=lambda s: post(s, command), success=self._posted,
                key="post").failure(self._refused).run_in_background()

    def _show_retry(self, *_state: str) -> None:
        link = self.context.link
        self.retry_button.setVisible(self.operation.unsettled is not None)
        self.retry_button.setEnabled(not self.operation.posting and (link is None or link.state != UNREACHABLE))

    def _link_back(self) -> None:
        if self.operation.unsettled is not None and not self.operation.posting:
            self.show_message(QCoreApplication.translate(
                "OperationDialog", "The database answers again: press Retry (F5) to finish the posting. It is "
                "never posted twice."))

    def _plain(self, name: str) -> str:
        return self.field_names()[name].replace("&", "")

    def _input_state(self) -> tuple:
        return self.item_edit.text(), self.batch_edit.text(), self.quantity_edit.text(), self.entry().expiry

    def _posted(self, result: StockMoved | Transferred | Adjusted) -> None:
        self.operation.posted(result)
        self._show_retry()
        self.post_button.setEnabled(True)
        self.posted.emit(result.changes)
        weighed = self.weighing.posted_text() if self.weighing is not None else None
        self.result_label.setText(self.result_text(result) + (f"\n{weighed}" if weighed else ""))
        self.result_label.show()
        if self._input_state() == self._posted_input:  # nothing scanned meanwhile: ready for the next item
            self.item_edit.clear()
            self.operation.item_typed()
            self.item_info.clear()
            self.batch_edit.clear()
            self.quantity_edit.clear()
            if self.expiry_edit is not None:
                self.expiry_edit.clear()
            if self.weighing is not None:
                self.weighing.next_item()
        self._focus_next()

    def _refused(self, error: WmsError) -> None:
        self.operation.refused(error)
        self.post_button.setEnabled(True)
        self._show_retry()
        if self.operation.outcome_unknown:
            self.show_wms_error(error, QCoreApplication.translate(
                "OperationDialog", "The posting may or may not have been made. Retry (F5) settles it once the "
                "database answers: the same request is never posted twice."))
        elif self.operation.unsettled is not None:
            self.show_wms_error(error, QCoreApplication.translate(
                "OperationDialog", "Nothing was posted. Retry (F5) posts it once the database answers."))
        else:
            self.show_wms_error(error)

    def result_text(self, result: Any) -> str:
        return QCoreApplication.translate("OperationDialog", "%1 at %2: %3 → %4").replace("%1", result.sku_code) \
            .replace("%2", result.location_code).replace("%3", str(result.previous_quantity)) \
            .replace("%4", str(result.current_quantity))

    def operator(self) -> str:
        return self.operation.operator_id or ""

    # -- messages ------------------------------------------------------------------------------
    def show_wms_error(self, error: WmsError, *more: str) -> None:
        self.error_label.setText(error_markup(error, *more))
        self.error_label.show()

    def show_message(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    @property
    def busy(self) -> bool:
        return self.operation.posting


class InboundDialog(OperationDialog):
    form_class = InboundForm
    weighs = True

    def title(self) -> str:
        return self.tr("Inbound (receive stock)")


class OutboundDialog(OperationDialog):
    form_class = OutboundForm
    weighs = True

    def title(self) -> str:
        return self.tr("Outbound (ship stock)")


class TransferDialog(OperationDialog):
    form_class = TransferForm

    def title(self) -> str:
        return self.tr("Transfer (move stock)")

    def field_names(self) -> dict[str, str]:
        names = super().field_names()
        names.update({"from_location_code": QCoreApplication.translate("OperationDialog", "&From location"), "to_location_code": QCoreApplication.translate("OperationDialog", "&To location")})
        return names

    def result_text(self, result: Transferred) -> str:
        return QCoreApplication.translate("OperationDialog", "%1: %2 now %3, %4 now %5").replace("%1", result.sku_code) \
            .replace("%2", result.from_location_code).replace("%3", str(result.from_current_quantity)) \
            .replace("%4", result.to_location_code).replace("%5", str(result.to_current_quantity))


class AdjustDialog(OperationDialog):
    form_class: ClassVar[type[OperationForm]] = AdjustForm

    def title(self) -> str:
        return self.tr("Adjust stock (+/−)")

    def field_names(self) -> dict[str, str]:
        names = super().field_names()
        names["quantity"] = QCoreApplication.translate("OperationDialog", "&Change (+/−)")
        return names

    def result_text(self, result: Adjusted) -> str:
        return QCoreApplication.translate("OperationDialog", "%1 at %2: %3 → %4 (%5)").replace("%1", result.sku_code) \
            .replace("%2", result.location_code).replace("%3", str(result.previous_quantity)) \
            .replace("%4", str(result.current_quantity)).replace("%5", f"{result.adjusted_quantity:+d}")


DIALOGS = (InboundDialog, OutboundDialog, TransferDialog, AdjustDialog)
