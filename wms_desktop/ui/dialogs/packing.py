"""The pack station: a picked order packed into cartons and shipped, with the scanner and the
keyboard alone.

1. Scan (or type and Enter) the order number — or scan the tote its wave picked it into: a
   picked order lists what is left to pack.
2. Scan each item into the open carton (one unit per scan). F9 captures the scale's weight
   (or type it in grams), and the carton's tare; F6 closes the carton (``orders.pack``): the
   service checks the weight against the unit weights, and a carton that weighs wrong is
   refused — Shift+F6 packs it anyway once the packer has checked it.
3. When everything is packed, Ctrl+P prints a label for every carton (100×150 mm stock, to this
   workstation's label printer or folder) and Ctrl+Shift+P the packing list (document printer);
   scan each carton's tracking label (in carton order), then F8 ships the order
   (``orders.ship``: the cartons leave the packing location in one posting).

Each step keeps its ``request_id`` until answered (:class:`~..workflows.pack_session.PackSession`),
so a repeated key or a retry packs and ships once.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QTreeWidgetItem, QWidget

from ...contract.orders import GetOrder, Order, Packed
from ...devices.mqtt import WeightCapture
from ...devices.printing import RENDERER, label_profile, render_labels, render_packing_list
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ...domain.fields import MAX_QUANTITY
from ..devices import WeightPanel
from ..errors.messages import state_text
from ..printing.printers import DOCUMENT, LABEL
from ..scanning import WorkDialog
from ..session import AppContext
from ..widgets.fit_columns import fit_columns
from ..widgets.work_dialog import action_button, line_list
from ..workflows.operation_form import ITEM_KINDS
from ..workflows.pack_session import PackSession


class PackDialog(WorkDialog):
    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(context, router, parent)
        self.session = PackSession(self.operator_id)

        self.order_edit = self.add_field("order_number", self.scan_field("order_number"))
        self.weight_edit = self.add_field("weight_grams", self.scan_field("weight_grams"))
        self.weight_edit.setValidator(QIntValidator(1, MAX_QUANTITY, self.weight_edit))
        self.weight_edit.textChanged.connect(self._weight_changed)
        self.tare_edit = self.add_field("tare_grams", self.scan_field("tare_grams"))
        self.tare_edit.setValidator(QIntValidator(0, MAX_QUANTITY, self.tare_edit))
        self.tare_edit.textChanged.connect(self._tare_changed)
        self.scale = WeightPanel(context.devices, self)
        self.scale.captured.connect(self._captured)
        self.scale.refused.connect(self.show_message)

        self.items_view = line_list("to_pack", 4)
        self.cartons_view = line_list("cartons", 5)
        self.items_title, self.cartons_title = self.title_of(self.items_view), self.title_of(self.cartons_view)

        self.pack_button = action_button("close_carton", self.close_carton)
        self.labels_button = action_button("print_labels", self.print_labels)
        self.packing_button = action_button("print_packing", self.print_packing_list)
        self.ship_button = action_button("ship", self.ship)
        self.new_button = action_button("new_order", self.new_order)
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, self.close_carton)
        QShortcut(QKeySequence("Shift+F6"), self, lambda: self.close_carton(accept_weight=True))
        QShortcut(QKeySequence(Qt.Key.Key_F8), self, self.ship)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.scale.capture)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_order)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_labels)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.print_packing_list)

        top = QHBoxLayout()
        top.addLayout(self.form, 1)
        top.addWidget(self.scale)
        self.lay_out([(top, 0), (self.items_title, 0), (self.items_view, 2), (self.cartons_title, 0),
                      (self.cartons_view, 2)],
                     [self.pack_button, self.labels_button, self.packing_button, self.ship_button], [self.new_button])
        self.retranslate_ui()
        self.update_state()
        self.resize(900, 650)
        self.order_edit.setFocus()

    # -- texts -------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Pack station"))
        self.set_field_texts({"order_number": self.tr("&Order number"), "weight_grams": self.tr("&Weight (g)"),
                              "tare_grams": self.tr("T&are (g)")})
        self.order_edit.setPlaceholderText(self.tr("scan or type the order number"))
        self.weight_edit.setPlaceholderText(self.tr("F9 takes the scale's weight"))
        self.items_title.setText(self.tr("&To pack (scan each item into the open carton)"))
        self.cartons_title.setText(self.tr("Carto&ns (scan each tracking label once packed)"))
        self.items_view.setHeaderLabels([self.tr("SKU"), self.tr("Batch"), self.tr("Left to pack"),
                                         self.tr("In this carton")])
        self.cartons_view.setHeaderLabels([self.tr("Carton"), self.tr("Items"), self.tr("Weight (g)"),
                                           self.tr("Expected (g)"), self.tr("Tracking number")])
        self.pack_button.setText(self.tr("Close &carton (F6)"))
        self.ship_button.setText(self.tr("&Ship (F8)"))
        self.labels_button.setText(self.tr("Carton labels (Ctrl+P)"))
        self.packing_button.setText(self.tr("Packing list (Ctrl+Shift+P)"))
        self.new_button.setText(self.tr("New order (Ctrl+N)"))
        self._show()

    # -- scans and keys ----------------------------------------------------------------------------
    def handle_scan(self, scan: Scan) -> bool:
        """An order's number (or its wave's tote) opens it; then items go into the carton, and once everything is
        packed, codes are the cartons' tracking numbers."""
        session = self.session
        if scan.kind == "document" and scan.document_type == "order" and not +session.carton:
            self.order_edit.setText(scan.label or scan.text)  # a tote scan: its order's number
            self.load_order()
            return True
        if session.order is None:
            if scan.kind == "unknown":
                self.order_edit.setText(scan.text)
                self.load_order()
                return True
            return False
        if session.packing and scan.kind in ITEM_KINDS and scan.sku_code:
            if session.add(scan.sku_code):
                self.clear_message()
                self._show()
            else:
                self.show_message(self.tr("No %1 left to pack for this order.").replace("%1", scan.sku_code))
            return True
        if session.shipping:
            number = session.add_tracking(scan.text.strip())
            if number is None:
                self.show_message(self.tr("Every carton has its tracking number: F8 ships the order."))
            else:
                self.clear_message()
                self.status.setText(self.tr("Carton %1: tracking number %2.").replace("%1", str(number))
                                    .replace("%2", scan.text.strip()))
                self._show()
            return True
        return False

    def enter_in(self, name: str) -> None:
        if name == "order_number":
            self.load_order()
        elif name == "weight_grams":
            self.close_carton()

    def _weight_changed(self, text: str) -> None:
        self.session.weight_grams = int(text) if text.isdigit() and int(text) > 0 else None
        self.session.pack_request = None

    def _tare_changed(self, text: str) -> None:
        self.session.tare_grams = int(text) if text.isdigit() else 0
        self.session.pack_request = None

    def _captured(self, capture: WeightCapture) -> None:
        self.weight_edit.setText(str(capture.gross_grams))

    # -- the order ---------------------------------------------------------------------------------
    def load_order(self, number: str | None = None) -> None:
        number = number or self.order_edit.text().strip()
        if not number or self.working or +self.session.carton:
            return
        self.run(lambda s: s.orders.get(GetOrder(order_number=number)), self._loaded, self._failed, "pack")

    def _loaded(self, order: Order) -> None:
        self.session.loaded(order)
        self.order_edit.setText(order.document_number)
        self.clear_message()
        if self.session.packing:
            self.status.setText(self.tr("%1: scan each item into carton %2.").replace("%1", order.document_number)
                                .replace("%2", str(len(order.cartons) + 1)))
        elif self.session.shipping:
            self.status.setText(self.tr("%1 is packed: scan the tracking labels, then F8 ships it.")
                                .replace("%1", order.document_number))
        elif order.state == "shipped":
            self.status.setText(self.tr("%1 is shipped.").replace("%1", order.document_number))
        else:
            self.status.clear()
            self.show_message(self.tr("%1 is %2: nothing to pack here.").replace("%1", order.document_number)
                              .replace("%2", state_text(order.state)))
        self._show()

    def close_carton(self, accept_weight: bool = False) -> None:
        session = self.session
        if self.working:
            return
        if accept_weight != session.accept_weight_difference:
            session.accept_weight_difference, session.pack_request = accept_weight, None
        command = session.pack_command()
        if command is None:
            self.show_message(self.tr("Scan the items of the carton first."))
            return

        def op(s):
            packed = s.orders.pack(command)
            return packed, s.orders.get(GetOrder(order_number=packed.order_number))

        self.run(op, self._packed, self._failed, "pack")

    def _packed(self, outcome: tuple[Packed, Order]) -> None:
        packed, order = outcome
        self.session.clear_carton()
        self.weight_edit.clear()
        self.posted.emit(packed.changes)
        self._loaded(order)
        carton = packed.carton
        self.status.setText(self.tr("Carton %1 packed (%2 g). %3").replace("%1", str(carton.carton_number))
                            .replace("%2", "—" if carton.weight_grams is None else str(carton.weight_grams))
                            .replace("%3", self.status.text()))

    def ship(self) -> None:
        command = self.session.ship_command()
        if command is None or self.working:
            return
        self.run(lambda s: s.orders.ship(command), self._shipped, self._failed, "pack")

    def _shipped(self, order: Order) -> None:
        self.session.loaded(order)
        self.posted.emit(order.changes)
        self.status.setText(self.tr("%1 shipped: %2 cartons.").replace("%1", order.document_number)
                            .replace("%2", str(len(order.cartons))))
        self._show()

    # -- printing ------------------------------------------------------------------------------------
    def print_labels(self) -> None:
        labels, fmt = self.session.carton_labels(), self.printers.format()
        if labels:
            self.send_to_printer(self.tr("%1 carton labels").replace("%1", str(len(labels))),
                                 lambda: self.printer_for(LABEL),
                                 lambda: RENDERER.run(render_labels, labels, label_profile("100x150@203"), fmt))

    def print_packing_list(self) -> None:
        packing, paper = self.session.packing_list(), self.printers.paper()
        if packing is not None:
            self.send_to_printer(self.tr("Packing list"), lambda: self.printer_for(DOCUMENT),
                                 lambda: RENDERER.run(render_packing_list, packing, paper))

    def new_order(self) -> None:
        if self.working:
            return
        self.session.new_order()
        for edit in (self.order_edit, self.weight_edit):
            edit.clear()
        self.clear_message()
        self.status.clear()
        self._show()
        self.order_edit.setFocus()

    def _failed(self, error: WmsError) -> None:
        self.show_wms_error(error, *([self.tr("Check the carton; Shift+F6 packs it anyway.")]
                                     if error.error_code == "CARTON_WEIGHT_MISMATCH" else []))

    # -- showing -----------------------------------------------------------------------------------
    def _show(self) -> None:
        self.items_view.clear()
        for (sku, batch), left, in_carton in self.session.to_pack():
            item = QTreeWidgetItem(self.items_view, [sku, batch or "", str(left), str(in_carton or "")])
            for column in (2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        self.cartons_view.clear()
        order = self.session.order
        for carton in order.cartons if order is not None else []:
            contents = ", ".join(f"{i.sku_code} × {i.stock_quantity}" for i in carton.items)
            QTreeWidgetItem(self.cartons_view, [
                str(carton.carton_number), contents, "" if carton.weight_grams is None else str(carton.weight_grams),
                "" if carton.expected_weight_grams is None else str(carton.expected_weight_grams),
                self.session.tracking.get(carton.carton_number, "")])
        fit_columns(self.items_view, stretch=0)
        fit_columns(self.cartons_view, stretch=1)
        self.update_state()

    def update_state(self) -> None:
        session = self.session
        self.order_edit.setEnabled(not self.working and not +session.carton)
        self.pack_button.setEnabled(not self.working and session.packing and bool(+session.carton))
        self.ship_button.setEnabled(not self.working and session.shipping)
        self.labels_button.setEnabled(not self.printing and bool(session.carton_labels()))
        self.packing_button.setEnabled(not self.printing and session.order is not None and bool(session.order.cartons))
        self.new_button.setEnabled(not self.working)

    def reject(self) -> None:
        if self.working or self.printing:  # Esc while packing or printing: finish first
            return
        super().reject()


def open_pack_dialog(context: AppContext, router: Any = None, parent: QWidget | None = None,
                     order_number: str | None = None) -> PackDialog:
    """For the main window: opened window-modal, deleted on close, on an order when given."""
    dialog = PackDialog.open_on(context, router, parent)
    if order_number:
        dialog.order_edit.setText(order_number)
        dialog.load_order()
    return dialog
