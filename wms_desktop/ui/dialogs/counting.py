"""A counter's session on a count task, completable with the scanner alone.

Scan the task's number (or type it), then a location: its count starts. Scan each item — one
per scan, a GS1 label its own quantity, a number scanned or typed before an item that many.
Scan the location again: the dialog asks once; scan it once more (or F10 and Yes) and it is
counted — items not scanned count as zero. The list shows the task's locations and what is
left to count or recount; nowhere does the counter see what the system expects.

The router (:mod:`wms_desktop.ui.scanning.router`) offers this dialog every scan first while it
is open (:meth:`CountSessionDialog.handle_scan`). The state is the dialog's
:class:`~wms_desktop.ui.workflows.count_session.CountSession` (no Qt); calls run one at a time,
in scan order, each with its own request_id.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox, QTreeWidgetItem, QWidget

from ...contract.api import ServiceApi
from ...contract.counts import CountLocationFinished, CountLocationStarted, CountRef, CountSheet, ItemCounted
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ...domain.fields import MAX_QUANTITY
from ..ops import QueryOp
from ..scanning import WorkDialog
from ..session import AppContext
from ..widgets.fit_columns import fit_columns
from ..widgets.work_dialog import action_button, line_list
from ..workflows.count_session import CountSession, Next
from ..workflows.operation_form import quantity_of


class CountSessionDialog(WorkDialog):
    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(context, router, parent)
        self.session = CountSession(self.operator_id)
        self.calls: list[tuple[Callable[[ServiceApi], Any], Callable[[Any], None]]] = []
        self.calling = False
        self.announce = False

        self.task_edit = self.add_field("count_number", self.scan_field("count_number"))
        self.location_label = self.add_field("location", QLabel())
        self.location_label.setObjectName("location")
        huge = QFont(self.big)
        huge.setPointSizeF(self.big.pointSizeF() * 1.4)
        huge.setBold(True)
        self.location_label.setFont(huge)
        self.quantity_edit = self.add_field("quantity", self.scan_field("quantity"))
        self.quantity_edit.setValidator(QIntValidator(1, MAX_QUANTITY, self.quantity_edit))
        self.counted_view = line_list("counted", 4)
        self.sheet_view = line_list("sheet", 4)
        self.counted_title, self.sheet_title = self.title_of(self.counted_view), self.title_of(self.sheet_view)
        self.finish_button = action_button("finish_location", self.ask_finish)
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.ask_finish)
        self.lay_out([(self.form, 0), (self.counted_title, 0), (self.counted_view, 3), (self.sheet_title, 0),
                      (self.sheet_view, 2)], [self.finish_button])
        self.retranslate_ui()
        self.update_state()
        self.resize(760, 640)
        self.task_edit.setFocus()

    # -- texts ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Stock count"))
        self.set_field_texts({"count_number": self.tr("Count &task"), "location": self.tr("Location"),
                              "quantity": self.tr("&Next item counts")})
        self.task_edit.setPlaceholderText(self.tr("scan or type the count task's number"))
        self.quantity_edit.setPlaceholderText(self.tr("1 (scan or type a number before an item)"))
        self.counted_title.setText(self.tr("&Counted here by you"))
        self.sheet_title.setText(self.tr("&Locations of the task"))
        self.counted_view.setHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Batch"), self.tr("Counted")])
        self.sheet_view.setHeaderLabels([self.tr("Location"), self.tr("State"), self.tr("Counter"),
                                         self.tr("To recount")])
        self.finish_button.setText(self.tr("&Finish location (F10)"))
        self._show_location()
        self._show_counted()
        self._show_sheet()

    def _state_texts(self) -> dict[str, str]:
        return {"pending": self.tr("to count"), "counting": self.tr("being counted"),
                "recount": self.tr("to recount"), "counted": self.tr("counted")}

    # -- the router's side ------------------------------------------------------------------------
    def handle_scan(self, scan: Scan) -> bool:
        step = self.session.read(scan)
        location = self.session.location or ""
        if step is Next.TASK:
            self.open_task(scan.text)
        elif step is Next.START:
            assert scan.location_code is not None
            command = self.session.start_command(scan.location_code)
            self._show_location()
            self._show_counted()
            self._call(lambda s: s.counts.start_location(command), self._started)
        elif step is Next.COUNT:
            command = self.session.count_command(scan)
            label = scan.label or ""
            self.quantity_edit.clear()
            self._call(lambda s: s.counts.count_item(command), lambda result: self._counted(result, label))
        elif step is Next.ASK_FINISH:
            self.show_message(self.tr("Scan %1 once more to finish it: items not scanned count as zero.")
                              .replace("%1", location))
        elif step is Next.FINISH:
            self.finish()
        elif step is Next.QUANTITY:
            self.quantity_edit.setText(str(self.session.quantity))
            self.clear_message()
        elif step is Next.PRODUCT_WITH_SKUS:
            self.say_product_with_skus(scan.product_code)
        elif step is Next.UNKNOWN:
            self.say_unknown(scan.text)
        else:
            self.show_message({
                Next.TASK_FIRST: self.tr("Scan the count task's number first."),
                Next.LOCATION_FIRST: self.tr("Scan the location first, then the items in it."),
                Next.OTHER_LOCATION: self.tr("Finish %1 first (scan it again).").replace("%1", location),
            }[step])
        return True

    # -- typing -----------------------------------------------------------------------------------
    def enter_in(self, name: str) -> None:
        if name == "count_number":
            number = self.task_edit.text().strip()
            if number and number != self.session.count_number:
                self.open_task(number)
        else:
            self.session.quantity = quantity_of(self.quantity_edit.text())

    # -- the task ---------------------------------------------------------------------------------
    def open_task(self, count_number: str) -> None:
        self.session.open_task(count_number)
        self.announce = True  # the sheet, once read, says how much is left
        self.task_edit.setText(count_number)
        self.clear_message()
        self._show_location()
        self._show_counted()
        self.load_sheet()

    def load_sheet(self) -> None:
        number = self.session.count_number
        if number is None:
            return
        QueryOp(self.context, parent=self, op=lambda s: s.counts.sheet(CountRef(count_number=number)),
                success=self._sheet_arrived, key="sheet").failure(self.show_wms_error).run_in_background()

    def _sheet_arrived(self, sheet: CountSheet) -> None:
        self.session.sheet_read(sheet)
        self._show_sheet()
        self.update_state()
        if self.announce:
            self.announce = False
            left = sum(1 for place in sheet.locations if place.state != "counted")
            self.status.setText(self.tr("%1: %2 of %3 locations left. Scan a location to count it.")
                                .replace("%1", sheet.document.document_number).replace("%2", str(left))
                                .replace("%3", str(len(sheet.locations))))

    # -- calls, one at a time in scan order ---------------------------------------------------------
    def _call(self, op: Callable[[ServiceApi], Any], success: Callable[[Any], None]) -> None:
        self.calls.append((op, success))
        self._next_call()

    def _next_call(self) -> None:
        if self.calling or not self.calls:
            self.update_state()
            return
        op, success = self.calls.pop(0)
        self.calling = True
        self.update_state()

        def done(result: Any) -> None:
            self.calling = False
            success(result)
            self._next_call()

        QueryOp(self.context, parent=self, op=op, success=done).failure(self._refused).run_in_background()

    def _refused(self, error: WmsError) -> None:
        self.calling = False
        self.calls.clear()  # what was scanned after a refusal is scanned again
        self.session.refused()
        self._show_location()
        self._show_counted()
        self.show_wms_error(error)
        self.update_state()

    def _started(self, result: CountLocationStarted) -> None:
        self.session.started(result)
        self.clear_message()
        self.posted.emit(result.changes)
        if result.recount_items:
            self.status.setText(self.tr("Recount at %1: count %2 again.").replace("%1", result.location_code)
                                .replace("%2", ", ".join(i.sku_code for i in result.recount_items)))
        else:
            self.status.setText(self.tr("Counting %1: scan every item in it.").replace("%1", result.location_code))
        self._show_location()
        self._show_counted()
        self._show_sheet()

    def _counted(self, result: ItemCounted, label: str) -> None:
        counted = self.session.item_counted(result, label)
        self.clear_message()
        self.status.setText(self.tr("%1 +%2: %3 counted here").replace("%1", result.sku_code)
                            .replace("%2", str(result.stock_quantity)).replace("%3", str(counted.counted_quantity)))
        self._show_counted()

    def ask_finish(self) -> None:
        """F10: finish the location after one question."""
        location = self.session.location
        if location is None or self.calling:
            return
        answer = QMessageBox.question(
            self, self.tr("Finish location"),
            self.tr("Finish %1? Items not scanned there count as zero.").replace("%1", location))
        if answer == QMessageBox.StandardButton.Yes:
            self.finish()

    def finish(self) -> None:
        if self.session.location is None:
            return
        command = self.session.finish_command()
        self._show_location()
        self._show_counted()
        self._call(lambda s: s.counts.finish_location(command), self._finished)

    def _finished(self, result: CountLocationFinished) -> None:
        self.session.finished(result)
        self.clear_message()
        self.posted.emit(result.changes)
        text = self.tr("%1 counted: %2 items.").replace("%1", result.location_code) \
            .replace("%2", str(result.lines_counted))
        if result.recount_lines:
            text += " " + self.tr("%1 of them are to be recounted.").replace("%1", str(result.recount_lines))
        if result.document.state == "counted":
            text += " " + self.tr("Every location of the task is counted.")
        self.status.setText(text)
        self._show_location()
        self._show_counted()
        self._show_sheet()

    # -- showing ----------------------------------------------------------------------------------
    def _show_location(self) -> None:
        location = self.session.location
        if location is None:
            self.location_label.setText(self.tr("— scan a location —"))
        elif self.session.round > 1:
            self.location_label.setText(self.tr("%1 (recount)").replace("%1", location))
        else:
            self.location_label.setText(location)

    def _show_counted(self) -> None:
        self.counted_view.clear()
        for counted in self.session.counted:
            item = QTreeWidgetItem(self.counted_view, [counted.sku_code, counted.label, counted.batch_number or "",
                                                       str(counted.counted_quantity)])
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
        fit_columns(self.counted_view, stretch=1)

    def _show_sheet(self) -> None:
        self.sheet_view.clear()
        sheet = self.session.sheet
        if sheet is None:
            return
        states = self._state_texts()
        for place in sheet.locations:
            QTreeWidgetItem(self.sheet_view, [place.location_code, states.get(place.state, place.state),
                                              place.counted_by or "",
                                              ", ".join(i.sku_code for i in place.recount_items)])
        fit_columns(self.sheet_view, stretch=3)

    def update_state(self) -> None:
        self.finish_button.setEnabled(self.session.location is not None and not self.calling)

    def reject(self) -> None:
        if self.calling or self.calls:
            self.status.setText(self.tr("Wait until the counts in progress are saved."))
            return
        super().reject()


def open_count_dialog(context: AppContext, router: Any = None, parent: QWidget | None = None,
                      count_number: str | None = None) -> CountSessionDialog:
    """Opened like the pick dialog (window-modal, deleted on close); connect ``posted`` to the
    screens' updates."""
    dialog = CountSessionDialog.open_on(context, router, parent)
    if count_number:
        dialog.open_task(count_number)
    return dialog
