"""Picking an outbound order, completable with the scanner and the keyboard alone.

1. Scan (or type and Enter) the order number: a released order opens with what is left to pick
   (``services.orders.pick_plan``: its reservations, in walking order; a backordered line says
   so). A number that is no order yet starts one: scan each item — SKU label, product barcode
   or GS1 label — and its quantity (typed, scanned, or the GS1 label's own); Enter adds the
   line, the same SKU again adds to its line, Delete removes the current one.
2. F5 makes the typed order a real one (``orders.create_and_release``: created and reserved,
   or refused naming the short lines) and opens it.
3. Ctrl+P prints the pick list (preview beside the plan), Ctrl+Shift+P the packing list, both
   to this workstation's document printer or folder (:mod:`wms_desktop.ui.printing.printers`),
   recorded in the print history like labels.
4. Confirm: scan a location, then the SKU picked there — or Ctrl+Enter for all open picks. Each
   pick posts ``orders.pick`` (the reservation consumed, the units moved to this station's
   packing location) with the ``request_id`` it got when loaded, so a double press, a retry or
   a repeated scan never picks twice; the result (before → after) is shown on its row. Picks lost to DATABASE_UNAVAILABLE are offered again (Ctrl+Enter) when the
   database link is back — with their own request_ids, so one whose answer was lost after it
   was posted is not posted twice.

The router (:mod:`wms_desktop.ui.scanning.router`) offers this dialog every scan first while it is open
(:meth:`PickDialog.handle_scan`). The order, the plan and each pick's state are the dialog's
:class:`~.pick_session.PickSession` (no Qt); the dialog shows it.
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...contract.orders import GetOrder, Picked
from ...contract.stock import PickPlan
from ...devices.printing import RENDERER, document_preview_png, render_packing_list, render_pick_list
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ...domain.permissions import CONFIRM_UNSCANNED
from ..errors.messages import error_text
from ..errors.printing import printing_error_text
from ..ops import IoOp, QueryOp
from ..printing.printers import DOCUMENT
from ..scanning import WorkDialog
from ..session import AppContext
from ..widgets import feedback
from ..widgets.fit_columns import fit_columns
from ..widgets.work_dialog import action_button, line_list
from ..workflows.operation_form import ITEM_KINDS, quantity_of
from ..workflows.pick_session import Confirm, PickSession, PickState

log = logging.getLogger(__name__)

RED, GREEN = QColor(feedback.RED), QColor(feedback.GREEN)
LINE_PRODUCT = 1  # of SKU, Product, Quantity, Planned, Short: takes the spare width
PICK_RESULT = 5  # of Status, Location, SKU, Batch, Quantity, Result: takes the spare width


class PickDialog(WorkDialog):
    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(context, router, parent)
        self.session = PickSession(self.operator_id, context.settings.packing_location)
        self.planning = False
        self.pick_document = None  # the pick list as rendered for the preview: what Ctrl+P sends
        self.preview_png: bytes | None = None
        self._item: Scan | None = None

        self.order_edit = self.add_field("order_number", self.scan_field("order_number"))
        self.add_item_fields()
        # no validator on the quantity: it would drop a typed "-" or "." without a word; add_line refuses instead

        self.lines_view = line_list("lines", 5)
        self.plan_view = line_list("plan", 6)
        self.plan_view.itemActivated.connect(lambda item, _c: self.confirm(self.plan_view.indexOfTopLevelItem(item)))
        self.lines_title, self.plan_title = self.title_of(self.lines_view), self.title_of(self.plan_view)

        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(300, 420)
        self.preview.setStyleSheet("background: palette(base); border: 1px solid palette(mid);")
        self.doc_target = QComboBox()
        self.doc_target.setObjectName("doc_target")
        if self.printers.document_target and self.printers.document_address:
            self.doc_target.addItem("", "printer")
        self.doc_target.addItem("", "file")
        self.recipient_edit = QLineEdit()
        self.recipient_edit.setObjectName("recipient_name")
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("recipient_address")
        self.packing_edit = self.scan_field("packing_location", big=False)
        self.packing_edit.setText(self.session.packing_location)
        self.packing_edit.textChanged.connect(self._packing_changed)
        self.doc_form = QFormLayout()
        self.doc_labels = {name: QLabel() for name in ("doc_target", "recipient_name", "recipient_address",
                                                       "packing_location")}
        for name, field in (("doc_target", self.doc_target), ("recipient_name", self.recipient_edit),
                            ("recipient_address", self.address_edit), ("packing_location", self.packing_edit)):
            self.doc_labels[name].setBuddy(field)
            self.doc_form.addRow(self.doc_labels[name], field)

        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)

        self.plan_button = action_button("plan", self.make_plan)
        self.print_pick_button = action_button("print_pick", self.print_pick_list)
        self.print_packing_button = action_button("print_packing", self.print_packing_list)
        self.confirm_button = action_button("confirm_all", self.confirm_all)
        self.short_button = action_button("report_short", self.report_short)
        self.new_button = action_button("new_order", self.new_order)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.make_plan)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_pick_list)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.print_packing_list)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm_all)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.confirm_all)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_order)
        QShortcut(QKeySequence(Qt.Key.Key_F7), self, self.report_short)
        if context.link is not None:
            context.link.reconnected.connect(self._link_back)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(self.form)
        left_box.addWidget(self.lines_title)
        left_box.addWidget(self.lines_view, 2)
        left_box.addWidget(self.plan_title)
        left_box.addWidget(self.plan_view, 3)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.preview, 1)
        right_box.addLayout(self.doc_form)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.lay_out([(split, 1), (self.progress, 0)], [self.plan_button, self.print_pick_button,
                                                         self.print_packing_button, self.confirm_button,
                                                         self.short_button], [self.new_button])
        self.retranslate_ui()
        self.update_state()
        self.resize(1100, 700)
        self.order_edit.setFocus()

    # -- texts ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Pick list"))
        self.set_field_texts({"order_number": self.tr("&Order number"), "item": self.tr("&Item"),
                              "quantity": self.tr("&Quantity")})
        self.order_edit.setPlaceholderText(self.tr("scan or type the order number"))
        self.item_edit.setPlaceholderText(self.tr("SKU code, product code or barcode"))
        self.lines_title.setText(self.tr("Order &lines (Delete removes one)"))
        self.plan_title.setText(self.tr("Picks in &walking order (scan location, then SKU)"))
        self.lines_view.setHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Quantity"), self.tr("Planned"),
                                         self.tr("Short")])
        self.plan_view.setHeaderLabels([self.tr("Status"), self.tr("Location"), self.tr("SKU"), self.tr("Batch"),
                                        self.tr("Quantity"), self.tr("Result")])
        self.doc_labels["doc_target"].setText(self.tr("Print &to:"))
        self.doc_labels["recipient_name"].setText(self.tr("Reci&pient:"))
        self.doc_labels["recipient_address"].setText(self.tr("A&ddress:"))
        self.doc_labels["packing_location"].setText(self.tr("Pac&king location:"))
        self.packing_edit.setPlaceholderText(self.tr("where this station's picks go"))
        for i in range(self.doc_target.count()):
            self.doc_target.setItemText(i, self.tr("Save to %1").replace("%1", self.printers.folder(DOCUMENT))
                                        if self.doc_target.itemData(i) == "file" else
                                        self.tr("Printer %1").replace("%1", self.printers.document_address))
        self.plan_button.setText(self.tr("Create order (F5)"))
        self.print_pick_button.setText(self.tr("Print pick list (Ctrl+P)"))
        self.print_packing_button.setText(self.tr("Packing list (Ctrl+Shift+P)"))
        self.confirm_button.setText(self.tr("Confirm all (Ctrl+Enter)"))
        self.short_button.setText(self.tr("Bin short (F7)"))
        self.new_button.setText(self.tr("New order (Ctrl+N)"))
        self._show_lines()
        self._show_picks()
        if not self.preview_png:
            self.preview.setText(self.tr("The pick list appears here once the order is open."))

    @property
    def plan(self) -> PickPlan | None:
        return self.session.plan

    def _status_texts(self) -> dict[PickState, str]:
        return {PickState.OPEN: self.tr("to pick"), PickState.POSTING: self.tr("posting…"),
                PickState.DONE: self.tr("picked"), PickState.REFUSED: self.tr("refused")}

    # -- the router's side ------------------------------------------------------------------------
    def handle_scan(self, scan: Scan) -> bool:
        """An order's number opens it; before that scans fill a new order; once open they
        confirm picks."""
        if self.session.plan is not None:
            return self._confirm_scan(scan)
        if scan.kind == "document" and scan.document_type == "order" and not self.session.lines:
            self.order_edit.setText(scan.text)
            self.load_order()
            return True
        if scan.kind in ITEM_KINDS and scan.sku_code:
            self.set_item(scan)
            quantity = (scan.gs1 or {}).get("quantity")
            if quantity:
                self.quantity_edit.setText(str(quantity))
                self.add_line()
            else:
                self.quantity_edit.setFocus()
                self.quantity_edit.selectAll()
            return True
        if scan.kind == "sku" and scan.product_code:
            self.say_product_with_skus(scan.product_code)
            return True
        if scan.kind == "location":
            self.show_message(self.tr("Open the order (scan its number) before scanning locations."))
            return True
        if scan.kind == "unknown" and self._item is not None and quantity_of(scan.text) is not None:
            self.quantity_edit.setText(scan.text.strip())
            self.add_line()
            return True
        if scan.kind == "unknown" and (not self.order_edit.text().strip() or self.order_edit.hasFocus()):
            self.order_edit.setText(scan.text)
            self.load_order()
            return True
        return False

    # -- entering lines ---------------------------------------------------------------------------
    def enter_in(self, name: str) -> None:
        if name == "order_number":
            self.load_order()
        elif name == "packing_location":
            self.plan_view.setFocus()
        elif name == "item":
            if self.item_edit.text().strip() and self._item is None:
                self.resolve_item()
            else:
                self.quantity_edit.setFocus()
        else:
            self.add_line()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.lines_view.hasFocus():
            self.remove_line()
            event.accept()
            return
        super().keyPressEvent(event)

    def item_resolved(self, scan: Scan) -> None:
        if scan.kind in ITEM_KINDS and scan.sku_code:
            self.set_item(scan)
            self.quantity_edit.setFocus()
            return
        if scan.kind == "sku" and scan.product_code:
            self.say_product_with_skus(scan.product_code)
        else:
            self.say_unknown(scan.text)
        self.item_edit.setFocus()
        self.item_edit.selectAll()

    def set_item(self, scan: Scan | None) -> None:
        self._item = scan
        super().set_item(scan)

    def add_line(self) -> None:
        """The item and quantity as a line; the same SKU again adds to its line."""
        if self.session.plan is not None:
            return
        if self._item is None:
            self.say_item_first()
            return
        typed = self.quantity_edit.text().strip()
        quantity = quantity_of(typed)
        if quantity is None:
            self.say_quantity_rule(typed)
            return
        if not self.session.add(self._item, quantity):  # the line's total would be over the limit
            self.say_quantity_rule()
            return
        for edit in (self.item_edit, self.quantity_edit):
            edit.clear()
        self.set_item(None)
        self.clear_message()
        self._show_lines()
        self.update_state()
        self.item_edit.setFocus()

    def remove_line(self) -> None:
        index = self.lines_view.currentIndex().row()  # -1: none
        if self.session.plan is not None or index < 0:
            return
        self.session.remove(index)
        self._show_lines()
        self.update_state()

    def _show_lines(self) -> None:
        """The open order's lines (requested, left to pick, backordered), or the lines typed in."""
        current = max(self.lines_view.currentIndex().row(), 0)
        self.lines_view.clear()
        plan = self.session.plan
        rows = ([(line.sku_code, line.product_name or "", line.requested_quantity, line) for line in plan.lines]
                if plan is not None else
                [(line.sku_code, line.label, line.stock_quantity, None) for line in self.session.lines])
        for sku_code, label, quantity, planned in rows:
            short = planned.shortfall_quantity if planned else None
            item = QTreeWidgetItem(self.lines_view, [
                sku_code, label, str(quantity), "" if planned is None else str(planned.planned_quantity),
                "" if not short else str(short)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
            if planned is not None and planned.error:
                error = planned.error
                item.setToolTip(0, error_text(WmsError(error.error_code, error.error_message, error.details, error.code)))
                for column in range(5):
                    item.setForeground(column, QBrush(RED))
        if rows:
            self.lines_view.setCurrentIndex(self.lines_view.model().index(min(current, len(rows) - 1), 0))
        fit_columns(self.lines_view, stretch=LINE_PRODUCT)

    # -- the order ----------------------------------------------------------------------------------
    def load_order(self) -> None:
        """Open the order of this number with what is left to pick; a number that is no order
        yet starts a new one."""
        order = self.order_edit.text().strip()
        if self.planning or self.session.plan is not None or self.session.lines:
            if not self.session.lines:
                return
            self.item_edit.setFocus()  # a new order's number, its lines being entered
            return
        if not order:
            self.order_edit.setFocus()
            return
        self._open(lambda s: s.orders.pick_plan(GetOrder(order_number=order)), self.tr("Opening %1…"), order)

    def make_plan(self) -> None:
        """The typed lines as a real order: created, reserved, then opened for picking."""
        if self.planning or self.session.plan is not None:
            return
        order = self.order_edit.text().strip()
        if not order:
            self.show_message(self.tr("Scan or type the order number first."))
            self.order_edit.setFocus()
            return
        if not self.session.lines:
            self.show_message(self.tr("Add at least one line: scan an item and its quantity."))
            self.item_edit.setFocus()
            return
        command = self.session.order_command(order, self.recipient_edit.text().strip(),
                                             self.address_edit.text().strip())

        def op(s):
            s.orders.create_and_release(command)
            return s.orders.pick_plan(GetOrder(order_number=order))

        self._open(op, self.tr("Creating and reserving %1…"), order)

    def _open(self, op, doing: str, order: str) -> None:
        self.planning = True
        self.clear_message()
        self.status.setText(doing.replace("%1", order))
        self.update_state()
        QueryOp(self.context, parent=self, op=op, success=self._planned, key="plan") \
            .failure(self._plan_failed).run_in_background()

    def _plan_failed(self, error: WmsError) -> None:
        self.planning = False
        self.status.clear()
        self.update_state()  # the fields are enabled again before one takes the focus
        if error.error_code == "DOCUMENT_NOT_FOUND" and not self.session.lines:
            self.status.setText(self.tr("%1 is a new order: scan its items and quantities, then F5.")
                                .replace("%1", self.order_edit.text().strip()))
            self.item_edit.setFocus()
        else:
            self.show_wms_error(error)

    def _planned(self, plan: PickPlan) -> None:
        self.planning = False
        self.session.planned(plan)
        self._show_lines()
        self._show_picks()
        self.update_state()
        if not self.session.picks:
            self.status.clear()
            self.show_message(self.tr("Nothing left to pick for %1.").replace("%1", plan.order_number))
            return
        short = [line for line in plan.lines if line.shortfall_quantity]
        if short:
            self.show_message(self.tr("%1 of %2 lines are backordered (%3 units short); "
                                      "the short lines are red.").replace("%1", str(len(short)))
                              .replace("%2", str(len(plan.lines))).replace("%3", str(plan.shortfall_quantity)))
        self.status.setText(self.tr("%1: %2 picks, %3 units. Scan a location, then the SKU picked there.")
                            .replace("%1", plan.order_number).replace("%2", str(len(self.session.picks)))
                            .replace("%3", str(plan.planned_quantity)))
        self.plan_view.setFocus()
        self.refresh_preview()

    def new_order(self) -> None:
        if self.busy:
            return
        self.session.new_order()
        self._drop_plan()
        self.order_edit.clear()
        self.recipient_edit.clear()
        self.address_edit.clear()
        self._show_lines()
        self.status.clear()
        self.update_state()
        self.order_edit.setFocus()

    def _drop_plan(self) -> None:
        self.session.drop_plan()
        self.pick_document, self.preview_png = None, None
        self.preview.setPixmap(QPixmap())
        self.preview.setText(self.tr("The pick list appears here once the order is open."))
        self.clear_message()
        self._show_lines()
        self._show_picks()
        self.update_state()

    def _packing_changed(self, text: str) -> None:
        self.session.packing_location = text.strip()
        self.context.settings.packing_location = text.strip()

    # -- the printed lists ------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        pick_list, paper = self.session.pick_list(self.context.warehouse_code), self.printers.paper()
        if pick_list is None:
            self.preview.setText(self.tr("Nothing to pick: no pick list."))
            return
        self.preview.setText(self.tr("Drawing the preview…"))

        def op():
            document = RENDERER.run(render_pick_list, pick_list, paper)
            return document, RENDERER.run(document_preview_png, document)

        IoOp(self.context.runner, parent=self, op=op, success=self._show_preview, key="preview") \
            .failure(self._preview_failed).run_in_background()

    def _show_preview(self, rendered) -> None:
        self.pick_document, self.preview_png = rendered
        pixmap = QPixmap()
        pixmap.loadFromData(self.preview_png, "PNG")
        area = self.preview.contentsRect().size()
        self.preview.setPixmap(pixmap.scaled(max(area.width() - 8, 100), max(area.height() - 8, 100),
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        self.update_state()

    def _preview_failed(self, error: WmsError) -> None:
        self.preview.setText("")
        self.show_message(printing_error_text(error))

    def _document_target(self):
        if self.doc_target.currentData() == "printer":
            return self.printers.printer(DOCUMENT)
        return self.printers.file_target(DOCUMENT)

    def print_pick_list(self) -> None:
        if self.pick_document is not None:
            self.send_to_printer(self.tr("Pick list"), self._document_target, lambda document=self.pick_document: document)

    def print_packing_list(self) -> None:
        packing = self.session.packing_list(self.recipient_edit.text().strip(), self.address_edit.text().strip())
        if packing is not None:
            paper = self.printers.paper()
            self.send_to_printer(self.tr("Packing list"), self._document_target,
                                 lambda: RENDERER.run(render_packing_list, packing, paper))

    # -- confirming -------------------------------------------------------------------------------
    def _confirm_scan(self, scan: Scan) -> bool:
        armed = self.session.armed_location
        outcome = self.session.confirm_scan(scan)
        if outcome is None:
            return False
        if outcome is Confirm.NOTHING_AT:
            self.show_message(self.tr("Nothing left to pick at %1.").replace("%1", scan.location_code or ""))
        elif outcome is Confirm.ARMED:
            self.clear_message()
            self.status.setText(self.tr("At %1: scan the SKU you picked.").replace("%1", scan.location_code or ""))
            self._show_picks()
        elif outcome is Confirm.LOCATION_FIRST:
            self.show_message(self.tr("Scan the location first, then the SKU picked there."))
        elif outcome is Confirm.NOT_HERE:
            self.show_message(self.tr("%1 is not to be picked at %2.").replace("%1", scan.sku_code or "")
                              .replace("%2", armed or ""))
        elif self._packing_set():
            self._post_next()
        return True

    def confirm(self, index: int) -> None:
        """Post one pick (Enter on its row, or location + SKU scanned)."""
        if self._packing_set():
            self.session.confirm(index)
            self._post_next()

    def confirm_all(self) -> None:
        """Every pick not yet posted, in walking order. Picks nobody scanned ship blind: that
        needs the role for it and an explicit yes (Enter alone answers no)."""
        if not self._packing_set():
            return
        blind = len(self.session.unscanned)
        if blind and not self._may_confirm_unscanned(blind):
            return
        self.clear_message()
        self.session.confirm_all()
        self._post_next()

    def report_short(self) -> None:
        """The current pick's bin holds less than reserved (after picking what it had): the rest
        is reserved at other bins or backordered, and what is left to pick is loaded again."""
        command = None if self.busy else self.session.short_command(self.plan_view.currentIndex().row())
        if command is None:
            return
        order = command.order_number

        def op(s):
            changed = s.orders.short_pick(command)
            return changed, s.orders.pick_plan(GetOrder(order_number=order))

        self.planning = True
        self.update_state()
        QueryOp(self.context, parent=self, op=op, success=self._shorted, key="plan") \
            .failure(self._plan_failed).run_in_background()

    def _shorted(self, outcome) -> None:
        changed, plan = outcome
        self.posted.emit(changed.changes)
        self._planned(plan)

    def _packing_set(self) -> bool:
        if self.session.packing_location:
            return True
        self.show_message(self.tr("Enter this station's packing location first: the picks go there."))
        self.packing_edit.setFocus()
        return False

    def _may_confirm_unscanned(self, count: int) -> bool:
        session = self.context.session
        if session is None or not session.can(CONFIRM_UNSCANNED):
            self.show_message(self.tr("%1 picks are not scanned: scan each location, then the SKU picked there. "
                                      "Confirming picks without scanning needs a supervisor.")
                              .replace("%1", str(count)))
            return False
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Confirm without scanning"),
                          self.tr("%1 picks were not scanned. Ship them as planned, without a scan?")
                          .replace("%1", str(count)), QMessageBox.StandardButton.NoButton, self)
        ship = box.addButton(self.tr("Ship %1 &unscanned picks").replace("%1", str(count)),
                             QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("&Back to scanning"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        if box.clickedButton() is ship:
            log.warning("%s confirmed %d unscanned picks of %s", session.operator_id, count,
                        self.session.plan.order_number if self.session.plan else "?")
            return True
        return False

    def _post_next(self) -> None:
        if self.session.posting:
            return  # one post at a time; the next starts when it returns
        total = self.session.queued_total
        queued = self.session.next_post()
        if queued is None:
            self.progress.setVisible(False)
            self.update_state()
            return
        index, command = queued
        if total > 1:
            self.progress.setRange(0, total)
            self.progress.setValue(total - len(self.session.queue) - 1)
            self.progress.setVisible(True)
        self._paint_pick(index)
        self.update_state()
        QueryOp(self.context, parent=self, op=lambda s: s.orders.pick(command),
                success=lambda result: self._posted(index, result)) \
            .failure(lambda error: self._refused(index, error)).run_in_background()

    def _posted(self, index: int, result: Picked) -> None:
        disarmed = self.session.posted(index, result)
        self.posted.emit(result.changes)
        if not any(task.state is PickState.REFUSED for task in self.session.picks):
            self.clear_message()  # no refusal stands any more: its message would only mislead
        self.status.setText(self.tr("%1 at %2: %3 → %4").replace("%1", result.sku_code)
                            .replace("%2", result.location_code)
                            .replace("%3", str(result.from_current_quantity + result.stock_quantity))
                            .replace("%4", str(result.from_current_quantity)))
        if disarmed:
            self._show_picks()  # its rows are no longer bold
        self._after_post(index)

    def _refused(self, index: int, error: WmsError) -> None:
        self.session.refused(index, error)
        self.show_wms_error(error)
        self._after_post(index)

    def _link_back(self) -> None:
        lost = self.session.lost
        if lost and not self.session.busy:
            self.status.setText(self.tr("The database answers again: Ctrl+Enter confirms the %1 picks that did not "
                                        "go through (none is posted twice).").replace("%1", str(len(lost))))

    def _after_post(self, index: int) -> None:
        self._paint_pick(index)
        if self.session.all_done and self.session.plan is not None:
            units = sum(task.pick.stock_quantity for task in self.session.picks)
            self.status.setText(self.tr("All %1 picks done: %2 units of %3 at %4 for packing.")
                                .replace("%1", str(len(self.session.picks))).replace("%2", str(units))
                                .replace("%3", self.session.plan.order_number)
                                .replace("%4", self.session.packing_location))
        self._post_next()

    def _show_picks(self) -> None:
        """Build the picks list (after planning, a language change or a new armed location)."""
        current = max(self.plan_view.currentIndex().row(), 0)
        self.plan_view.clear()
        picks = self.session.picks
        for index in range(len(picks)):
            item = QTreeWidgetItem(self.plan_view)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
            self._paint_pick(index, item)
        if picks:
            self.plan_view.setCurrentIndex(self.plan_view.model().index(min(current, len(picks) - 1), 0))
        fit_columns(self.plan_view, stretch=PICK_RESULT)

    def _paint_pick(self, index: int, item: QTreeWidgetItem | None = None) -> None:
        """One row's texts and colours: a posting changes only its own row, so confirming all
        of a long order does not rebuild the list after every pick."""
        item = item or self.plan_view.topLevelItem(index)
        if item is None:
            return
        task = self.session.picks[index]
        pick, result = task.pick, task.result
        outcome = (f"{result.from_current_quantity + result.stock_quantity} → {result.from_current_quantity}"
                   if result else
                   error_text(task.error) if task.error else "")
        for column, text in enumerate((self._status_texts()[task.state], pick.location_code, pick.sku_code,
                                       pick.batch_number or "", str(pick.stock_quantity), outcome)):
            item.setText(column, text)
        item.setToolTip(5, outcome)  # an error may be wider than the column
        colour = GREEN if task.state is PickState.DONE else RED if task.state is PickState.REFUSED else None
        bold = QFont(item.font(1))
        bold.setBold(pick.location_code == self.session.armed_location and task.state is not PickState.DONE)
        for column in range(6):
            item.setForeground(column, QBrush(colour) if colour is not None else QBrush())
            item.setFont(column, bold)

    # -- state and messages -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Planning, printing or posting: Esc and New order wait for it."""
        return self.planning or self.printing or self.session.busy

    def update_state(self) -> None:
        session = self.session
        entering = session.plan is None and not self.planning
        for widget in (self.order_edit, self.item_edit, self.quantity_edit):
            widget.setEnabled(entering)
        self.plan_button.setEnabled(entering and bool(session.lines))
        self.print_pick_button.setEnabled(self.pick_document is not None and not self.printing)
        self.print_packing_button.setEnabled(session.plan is not None and bool(session.picks) and not self.printing)
        self.confirm_button.setEnabled(any(task.to_do for task in session.picks))
        self.short_button.setEnabled(not self.busy and any(task.state is PickState.OPEN for task in session.picks))
        self.new_button.setEnabled(not self.busy)

    def reject(self) -> None:
        if self.busy:  # Esc while posting or printing: finish first, nothing half-done
            self.status.setText(self.tr("Wait until the posting or printing in progress has finished."))
            return
        super().reject()


def open_pick_dialog(context: AppContext, router: Any = None, parent: QWidget | None = None,
                     order_number: str | None = None) -> PickDialog:
    """For the main window's Operations menu: opened like the operation dialogs (window-modal,
    deleted on close), on an order when given; connect its ``posted`` to the screens' updates."""
    dialog = PickDialog.open_on(context, router, parent)
    if order_number:
        dialog.order_edit.setText(order_number)
        dialog.load_order()
    return dialog

