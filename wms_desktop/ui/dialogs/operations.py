"""The stock operation dialogs, each completable with the scanner alone.

Scan a location, scan a SKU / external barcode / GS1 label (its batch and quantity fill in),
type or scan the quantity, press Enter. The router (:mod:`wms_desktop.ui.scanner`) offers the
open dialog every scan first (:meth:`OperationDialog.handle_scan`), whichever field has focus.

- The post runs on the database pool (:class:`~wms_desktop.ui.ops.QueryOp`); a second Enter
  while it runs is ignored, and every submission carries a ``request_id`` that is reused while
  the same input is submitted again, so a repeat never posts twice.
- A post that ends in DATABASE_UNAVAILABLE is kept, request_id and all, and **Retry** (F5)
  sends it again — offered when the database link is back. When the connection was lost while
  committing (``details.outcome == "unknown"``) it may have been posted with its answer lost:
  then other input waits until Retry has settled it (docs/services.md).
- The result's quantities are shown (before → after); a refusal is shown inline with its code
  in the user's language, and the fields stay as they were.
- After a post the item, batch and quantity are cleared; the location(s) stay for the next item.

Receiving and packing (inbound, outbound) also weigh: :mod:`.weighing`.
"""
from __future__ import annotations

import logging
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...devices.scanner import Scan, parse_scan
from ...domain.errors import WmsError
from ...domain.permissions import CORRECT_STOCK, MOVE_STOCK
from ..connection import UNREACHABLE
from ..errors import error_text
from ..feedback import error_box, result_box
from ..ops import QueryOp
from ..scanner import ScanningDialog, classify, scan_field
from ..session import AppContext
from .weighing import Weighing

log = logging.getLogger(__name__)

MAX_QUANTITY = 1_000_000_000
ITEM_KINDS = ("sku", "external", "gs1")


class OperationDialog(ScanningDialog):
    posted = Signal(dict)  # the service's result of each committed operation, for the screens to update

    op = ""  # the services.inventory call
    permission = MOVE_STOCK  # what the signed-in role needs to open it
    location_fields: tuple[str, ...] = ("location_code",)
    quantity_mode = "move"  # move: 1…10⁹ | delta: signed, not 0 | count: 0…10⁹
    weighs = False  # a live weight panel, F9 capture and the expected-weight check

    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{self.op}Dialog")
        self.context = context
        self.router = router
        self.results: list[dict] = []
        self._item: Scan | None = None  # the resolved item for the text in item_edit
        self._posting = False
        self._resolve_then_submit = False
        self._request: tuple[tuple, str] | None = None  # (input, request_id) of the last submission
        self._posted_input: tuple | None = None
        self._sent: dict | None = None  # the payload of the post in flight
        self._unsettled: dict | None = None  # a post lost to DATABASE_UNAVAILABLE, request_id and all
        self._outcome_unknown = False  # … lost while committing: maybe posted

        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.location_edits: dict[str, QLineEdit] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_labels: dict[str, QLabel] = {}
        for name in self.location_fields:
            self.location_edits[name] = scan_field(name, big, self._enter_in)
        self.item_edit = scan_field("item", big, self._enter_in)
        self.item_edit.textEdited.connect(self._item_edited)
        self.item_info = QLabel()
        self.item_info.setObjectName("itemInfo")
        self.item_info.setStyleSheet("color: palette(mid);")
        self.batch_edit = scan_field("batch_number", big, self._enter_in)
        self.quantity_edit = scan_field("quantity", big, self._enter_in)
        low = -MAX_QUANTITY if self.quantity_mode == "delta" else 0
        self.quantity_edit.setValidator(QIntValidator(low, MAX_QUANTITY, self.quantity_edit))
        self.quantity_edit.setInputMethodHints(self.quantity_edit.inputMethodHints()
                                               | Qt.InputMethodHint.ImhFormattedNumbersOnly)
        for name, edit in self.location_edits.items():
            self._add_row(name, edit)
        self._add_row("item", self.item_edit)
        self.form.addRow("", self.item_info)
        self._add_row("batch_number", self.batch_edit)
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
                "quantity": QCoreApplication.translate("OperationDialog", "&Quantity")}

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.title())
        for name, label in self.form_labels.items():
            label.setText(self.field_names()[name])
        self.item_edit.setPlaceholderText(QCoreApplication.translate("OperationDialog", "SKU code, product code or barcode"))
        self.batch_edit.setPlaceholderText(QCoreApplication.translate("OperationDialog", "optional"))
        for edit in self.location_edits.values():
            edit.setPlaceholderText(QCoreApplication.translate("OperationDialog", "scan or type a location code"))
        hint = QCoreApplication.translate("OperationDialog", "Scan the location, then the item; type or scan the quantity and press Enter.")
        if self.weighing is not None:
            hint += " " + self.weighing.hint()
        self.hint.setText(hint)
        self.post_button.setText(QCoreApplication.translate("OperationDialog", "Post (Enter)"))
        self.retry_button.setText(QCoreApplication.translate("OperationDialog", "Retry (F5)"))
        self.close_button.setText(QCoreApplication.translate("OperationDialog", "Close (Esc)"))
        if self._item is not None:
            self._show_item(self._item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the router's side -------------------------------------------------------------------
    def handle_scan(self, scan: Scan) -> bool:
        """Take a classified scan into the right field, whichever field has focus."""
        if scan.kind == "location" and scan.location_code:
            self._set_location(scan.location_code)
        elif scan.kind in ITEM_KINDS and scan.sku_code:
            self._set_item(scan)
            if scan.gs1:
                if scan.gs1.get("batch_number"):
                    self.batch_edit.setText(scan.gs1["batch_number"])
                if scan.gs1.get("quantity"):
                    self.quantity_edit.setText(str(scan.gs1["quantity"]))
        elif scan.kind == "sku" and scan.product_code:  # a product code of a product with SKUs
            self.show_message(QCoreApplication.translate("OperationDialog", "%1 has colours and sizes: scan the SKU label.").replace("%1", scan.product_code))
            return True
        elif scan.kind == "unknown" and self.quantity_ok(scan.text):
            self.quantity_edit.setText(str(int(scan.text)))
            self.quantity_edit.setFocus()
            return True
        else:
            return False
        self.clear_error()
        self._focus_next()
        return True

    def _set_location(self, code: str) -> None:
        edits = list(self.location_edits.values())
        empty = [e for e in edits if not e.text().strip()]
        if empty:
            target = empty[0]
        else:
            focused = next((e for e in edits if e.hasFocus()), None)
            target = focused or edits[-1]
        target.setText(code)

    def _set_item(self, scan: Scan) -> None:
        self.item_edit.setText(scan.text if scan.kind != "sku" else (scan.sku_code or scan.text))
        self._item = scan
        self._show_item(scan)
        if self.weighing is not None:
            self.weighing.item_changed(scan)

    def _show_item(self, scan: Scan) -> None:
        parts = [scan.sku_code or ""]
        if scan.label:
            parts.append(scan.label)
        self.item_info.setText("  ".join(p for p in parts if p))

    def _item_edited(self, _text: str) -> None:
        self._item = None
        self.item_info.clear()
        if self.weighing is not None:
            self.weighing.item_changed(None)

    def _focus_next(self) -> None:
        for edit in (*self.location_edits.values(), self.item_edit):
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
            if self.item_edit.text().strip() and self._item is None:
                self._resolve(then_submit=False)
            else:
                self._focus_next()
        elif name == "batch_number":
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
        services = self.context.services
        QueryOp(parent=self, op=lambda: classify(services, parse_scan(text)), success=self._resolved,
                key="resolve", runner=self.context.runner).run_in_background()

    def _resolved(self, scan: Scan) -> None:
        if scan.text != self.item_edit.text().strip():
            return  # typed on meanwhile
        if scan.kind in ITEM_KINDS and scan.sku_code:
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
        try:
            value = int(text.strip())
        except ValueError:
            return False
        if self.quantity_mode == "delta":
            return value != 0 and -MAX_QUANTITY <= value <= MAX_QUANTITY
        return (0 if self.quantity_mode == "count" else 1) <= value <= MAX_QUANTITY

    def quantity_problem(self) -> str:
        return {"move": QCoreApplication.translate("OperationDialog", "Enter a quantity from 1 to 1,000,000,000."),
                "delta": QCoreApplication.translate("OperationDialog", "Enter a change other than 0, e.g. -3 or 5."),
                "count": QCoreApplication.translate("OperationDialog", "Enter the counted quantity (0 or more)."),
                }[self.quantity_mode]

    def submit(self) -> None:
        if self._posting:
            return  # the second Enter of a double Enter
        self.clear_error()
        for name, edit in self.location_edits.items():
            if not edit.text().strip():
                self.show_message(QCoreApplication.translate("OperationDialog", "%1 is missing: scan or type it.").replace("%1", self._plain(name)))
                edit.setFocus()
                return
        if not self.item_edit.text().strip():
            self.show_message(QCoreApplication.translate("OperationDialog", "%1 is missing: scan or type it.").replace("%1", self._plain("item")))
            self.item_edit.setFocus()
            return
        if self._item is None:
            self._resolve(then_submit=True)
            return
        if not self.quantity_ok(self.quantity_edit.text()):
            self.show_message(self.quantity_problem())
            self.quantity_edit.setFocus()
            self.quantity_edit.selectAll()
            return
        if self.weighing is not None and not self.weighing.allows_posting():
            return
        payload = self.payload()
        entry = tuple(sorted(payload.items()))
        if self._unsettled is not None and (self._request is None or self._request[0] != entry):
            if self._outcome_unknown:
                self.show_message(QCoreApplication.translate(
                    "OperationDialog", "The last posting is not settled yet: press Retry (F5) to finish it first."))
                return
            self._unsettled = None  # it was not posted, and now the input is another one
        if self._request is None or self._request[0] != entry:
            self._request = (entry, f"ui-{uuid.uuid4().hex}")
        payload["request_id"] = self._request[1]
        payload["operator_id"] = self.operator()
        self._posted_input = self._input_state()
        self._post(payload)

    def retry(self) -> None:
        """Send the unsettled post again, as it was: its request_id makes it post at most once."""
        if self._unsettled is not None and not self._posting:
            self.clear_error()
            self._post(self._unsettled)

    def _post(self, payload: dict) -> None:
        self._posting = True
        self._sent = payload
        self.post_button.setEnabled(False)
        self._show_retry()
        call = getattr(self.context.services.inventory, self.op)
        QueryOp(parent=self, op=lambda: call(payload), success=self._posted, key="post",
                runner=self.context.runner).failure(self._refused).run_in_background()

    def _show_retry(self, *_state) -> None:
        link = self.context.link
        self.retry_button.setVisible(self._unsettled is not None)
        self.retry_button.setEnabled(not self._posting and (link is None or link.state != UNREACHABLE))

    def _link_back(self) -> None:
        if self._unsettled is not None and not self._posting:
            self.show_message(QCoreApplication.translate(
                "OperationDialog", "The database answers again: press Retry (F5) to finish the posting. It is "
                "never posted twice."))

    def _plain(self, name: str) -> str:
        return self.field_names()[name].replace("&", "")

    def _input_state(self) -> tuple:
        return (self.item_edit.text(), self.batch_edit.text(), self.quantity_edit.text())

    def _common(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"sku_code": self._item.sku_code, "stock_quantity": int(self.quantity_edit.text())}
        batch = self.batch_edit.text().strip()
        if batch:
            payload["batch_number"] = batch
        return payload

    def payload(self) -> dict[str, Any]:
        payload = self._common()
        payload["product_code"] = self._item.product_code
        payload["location_code"] = self.location_edits["location_code"].text().strip()
        return payload

    def _posted(self, result: dict) -> None:
        self._posting = False
        self._unsettled, self._outcome_unknown = None, False
        self._show_retry()
        self.post_button.setEnabled(True)
        self._request = None
        self.results.append(result)
        self.posted.emit(result)
        weighed = self.weighing.posted_text() if self.weighing is not None else None
        self.result_label.setText(self.result_text(result) + (f"\n{weighed}" if weighed else ""))
        self.result_label.show()
        if self._input_state() == self._posted_input:  # nothing scanned meanwhile: ready for the next item
            self.item_edit.clear()
            self._item = None
            self.item_info.clear()
            self.batch_edit.clear()
            self.quantity_edit.clear()
            if self.weighing is not None:
                self.weighing.next_item()
        self._focus_next()

    def _refused(self, error: WmsError) -> None:
        self._posting = False
        self.post_button.setEnabled(True)
        lost = error.error_code == "DATABASE_UNAVAILABLE"  # anything else was refused: nothing posted
        self._unsettled = self._sent if lost else None
        self._outcome_unknown = lost and error.details.get("outcome") == "unknown"
        self._show_retry()
        self.show_wms_error(error)
        if self._outcome_unknown:
            self.show_message(self.error_label.text() + "\n" + QCoreApplication.translate(
                "OperationDialog", "The posting may or may not have been made. Retry (F5) settles it once the "
                "database answers: the same request is never posted twice."))
        elif lost:
            self.show_message(self.error_label.text() + "\n" + QCoreApplication.translate(
                "OperationDialog", "Nothing was posted. Retry (F5) posts it once the database answers."))

    def result_text(self, result: dict) -> str:
        return QCoreApplication.translate("OperationDialog", "%1 at %2: %3 → %4").replace("%1", result.get("sku_code") or "") \
            .replace("%2", result.get("location_code") or "").replace("%3", str(result.get("previous_quantity"))) \
            .replace("%4", str(result.get("current_quantity")))

    def operator(self) -> str:
        return self.context.session.operator_id if self.context.session is not None else ""

    # -- messages ------------------------------------------------------------------------------
    def show_wms_error(self, error: WmsError) -> None:
        self.show_message(error_text(error))

    def show_message(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    @property
    def busy(self) -> bool:
        return self._posting


class InboundDialog(OperationDialog):
    op = "inbound"
    weighs = True

    def title(self) -> str:
        return self.tr("Inbound (receive stock)")


class OutboundDialog(OperationDialog):
    op = "outbound"
    weighs = True

    def title(self) -> str:
        return self.tr("Outbound (ship stock)")


class TransferDialog(OperationDialog):
    op = "transfer"
    location_fields = ("from_location_code", "to_location_code")

    def title(self) -> str:
        return self.tr("Transfer (move stock)")

    def field_names(self) -> dict[str, str]:
        names = super().field_names()
        names.update({"from_location_code": QCoreApplication.translate("OperationDialog", "&From location"), "to_location_code": QCoreApplication.translate("OperationDialog", "&To location")})
        return names

    def payload(self) -> dict[str, Any]:
        payload = self._common()
        payload["product_code"] = self._item.product_code
        payload["from_location_code"] = self.location_edits["from_location_code"].text().strip()
        payload["to_location_code"] = self.location_edits["to_location_code"].text().strip()
        return payload

    def result_text(self, result: dict) -> str:
        return QCoreApplication.translate("OperationDialog", "%1: %2 now %3, %4 now %5").replace("%1", result.get("sku_code") or "") \
            .replace("%2", result.get("from_location_code") or "").replace("%3", str(result.get("from_current_quantity"))) \
            .replace("%4", result.get("to_location_code") or "").replace("%5", str(result.get("to_current_quantity")))


class AdjustDialog(OperationDialog):
    op = "adjust"
    permission = CORRECT_STOCK
    quantity_mode = "delta"

    def title(self) -> str:
        return self.tr("Adjust stock (+/−)")

    def field_names(self) -> dict[str, str]:
        names = super().field_names()
        names["quantity"] = QCoreApplication.translate("OperationDialog", "&Change (+/−)")
        return names

    def result_text(self, result: dict) -> str:
        return QCoreApplication.translate("OperationDialog", "%1 at %2: %3 → %4 (%5)").replace("%1", result.get("sku_code") or "") \
            .replace("%2", result.get("location_code") or "").replace("%3", str(result.get("previous_quantity"))) \
            .replace("%4", str(result.get("current_quantity"))).replace("%5", f"{result.get('adjusted_quantity', 0):+d}")


class CountDialog(AdjustDialog):
    op = "count"
    quantity_mode = "count"

    def title(self) -> str:
        return self.tr("Stock count (set quantity)")

    def field_names(self) -> dict[str, str]:
        names = OperationDialog.field_names(self)
        names["quantity"] = QCoreApplication.translate("OperationDialog", "&Counted quantity")
        return names


DIALOGS = (InboundDialog, OutboundDialog, TransferDialog, AdjustDialog, CountDialog)
