"""Wave picking: several released orders in one walk, each order's units into its own tote,
with the scanner alone.

1. Scan an order number (it loads what is left to pick: ``orders.pick_plan``), then its tote —
   a tote label (``T…``) or Enter for the next slot number, shown big. Repeat for each order
   (one picked into a tote before joins with it).
2. F5 starts the walk: every order's picks merged in walking order, one stop per location.
3. At a stop the dialog says what goes into which tote; scan the location, the item, then the
   tote. A tote that is not this item's here is WRONG_TOTE and nothing moves. Each confirmation
   posts that order's ``orders.pick`` with its own ``request_id`` (never twice) and the tote,
   which the order's first pick binds to it: the pack station finds the order by it. F7 reports the
   current pick's bin short (``orders.short_pick``) and loads that order's picks again.

The wave is :class:`~..workflows.wave_session.WaveSession` (no Qt).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTreeWidgetItem, QWidget

from ...contract.orders import GetOrder, Picked
from ...contract.stock import PickPlan
from ...devices.scanner import Scan
from ...domain.errors import WmsError
from ..errors.messages import error_text
from ..scanning import WorkDialog
from ..session import AppContext
from ..widgets.fit_columns import fit_columns
from ..widgets.work_dialog import action_button, line_list
from ..workflows.pick_session import PickState
from ..workflows.wave_session import Join, Step, WaveSession
from .picking import GREEN, RED

PICK_RESULT = 7  # of Status, Location, SKU, Batch, Quantity, Tote, Order, Result: takes the spare width


class WaveDialog(WorkDialog):
    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(context, router, parent)
        self.session = WaveSession(self.operator_id, context.settings.packing_location)
        self.pending: PickPlan | None = None  # an order loaded, waiting for its tote

        self.order_edit = self.add_field("order_number", self.scan_field("order_number"))
        self.tote_edit = self.add_field("tote", self.scan_field("tote"))
        self.stop_label = QLabel()  # what a picker reads from a step away: this stop's totes
        self.stop_label.setObjectName("stop")
        big = QFont(self.big)
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.stop_label.setFont(big)
        self.stop_label.setWordWrap(True)
        self.orders_view = line_list("orders", 4)
        self.picks_view = line_list("picks", 8)
        self.orders_title, self.picks_title = self.title_of(self.orders_view), self.title_of(self.picks_view)

        self.start_button = action_button("start", self.start)
        self.short_button = action_button("report_short", self.report_short)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.start)
        QShortcut(QKeySequence(Qt.Key.Key_F7), self, self.report_short)
        self.lay_out([(self.form, 0), (self.orders_title, 0), (self.orders_view, 1), (self.stop_label, 0),
                      (self.picks_title, 0), (self.picks_view, 3)], [self.start_button, self.short_button])
        self.retranslate_ui()
        self.update_state()
        self.resize(1000, 700)
        self.order_edit.setFocus()

    # -- texts ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Wave picking"))
        self.set_field_texts({"order_number": self.tr("&Order number"), "tote": self.tr("&Tote")})
        self.order_edit.setPlaceholderText(self.tr("scan each order of the wave"))
        self.tote_edit.setPlaceholderText(self.tr("scan its tote, or Enter for the next slot"))
        self.orders_title.setText(self.tr("O&rders of the wave"))
        self.picks_title.setText(self.tr("&Picks in walking order (scan location, item, then tote)"))
        self.orders_view.setHeaderLabels([self.tr("Tote"), self.tr("Order"), self.tr("Picks"), self.tr("Units")])
        self.picks_view.setHeaderLabels([self.tr("Status"), self.tr("Location"), self.tr("SKU"), self.tr("Batch"),
                                         self.tr("Quantity"), self.tr("Tote"), self.tr("Order"), self.tr("Result")])
        self.start_button.setText(self.tr("Start the walk (F5)"))
        self.short_button.setText(self.tr("Bin short (F7)"))
        self._show_orders()
        self._show_picks()
        self._show_stop()

    def _status_texts(self) -> dict[PickState, str]:
        return {PickState.OPEN: self.tr("to pick"), PickState.POSTING: self.tr("posting…"),
                PickState.DONE: self.tr("picked"), PickState.REFUSED: self.tr("refused")}

    # -- gathering the orders ---------------------------------------------------------------------
    def handle_scan(self, scan: Scan) -> bool:
        if self.session.walking:
            return self._walk_scan(scan)
        if self.pending is not None and scan.kind == "document" and scan.label not in (None, scan.text):
            self.show_wms_error(WmsError("TOTE_IN_USE", details={"tote_code": scan.text, "holder": scan.label}))
            return True  # the tote of an order being picked or packed
        if self.pending is not None and scan.kind not in ("document", "location"):
            self.tote_edit.setText(scan.text.strip())
            self.add_pending()
            return True
        if scan.kind == "document" and scan.document_type == "order" or (
                scan.kind == "unknown" and self.order_edit.hasFocus()):
            self.order_edit.setText(scan.text.strip())
            self.load_order()
            return True
        return False

    def enter_in(self, name: str) -> None:
        if name == "order_number":
            self.load_order()
        elif self.session.walking:  # a slot number typed: as if its tote were scanned
            text = self.tote_edit.text().strip()
            self.tote_edit.clear()
            if text:
                self._walk_scan(Scan(text))
        else:
            self.add_pending()

    def load_order(self) -> None:
        number = self.order_edit.text().strip()
        if self.working or self.session.walking or not number:
            return
        if self.pending is not None:
            self.show_message(self.tr("Scan the tote of %1 first (Enter: slot %2).")
                              .replace("%1", self.pending.order_number).replace("%2", self.session.next_slot()))
            return
        self.status.setText(self.tr("Opening %1…").replace("%1", number))
        order = GetOrder(order_number=number)
        self.run(lambda s: (s.orders.pick_plan(order), s.orders.get(order).tote_code), self._loaded,
                 self._refused_plan, "plan")

    def _loaded(self, outcome: tuple[PickPlan, str | None]) -> None:
        plan, tote = outcome
        if not plan.picks:
            self.status.clear()
            self.show_message(self.tr("Nothing left to pick for %1.").replace("%1", plan.order_number))
            self.update_state()
            self.order_edit.setFocus()
            self.order_edit.selectAll()
            return
        self.pending = plan
        self.status.setText(self.tr("%1: %2 picks. Scan its tote, or Enter for slot %3.")
                            .replace("%1", plan.order_number).replace("%2", str(len(plan.picks)))
                            .replace("%3", self.session.next_slot()))
        self.update_state()  # the fields are enabled again before one takes the focus
        self.tote_edit.setFocus()
        if tote is not None:  # picked into a tote before: the wave resumes with it
            self.tote_edit.setText(tote)
            self.add_pending()

    def _refused_plan(self, error: WmsError) -> None:
        self.status.clear()
        self.show_wms_error(error)
        self.update_state()
        self.order_edit.setFocus()
        self.order_edit.selectAll()

    def add_pending(self) -> None:
        """The loaded order joins the wave with the tote scanned (or the next slot)."""
        if self.pending is None:
            self.order_edit.setFocus()
            return
        tote = self.tote_edit.text().strip() or self.session.next_slot()
        refusal = self.session.add(self.pending, tote)
        if refusal is not None:
            self.show_message({
                Join.ALREADY: self.tr("%1 is in the wave already."),
                Join.TOTE_TAKEN: self.tr("Tote %2 already holds another order: scan another tote for %1."),
                Join.NOTHING_TO_PICK: self.tr("Nothing left to pick for %1."),
            }[refusal].replace("%1", self.pending.order_number).replace("%2", tote))
            self.tote_edit.selectAll()
            if refusal is Join.TOTE_TAKEN:
                return
        else:
            self.clear_message()
            self.status.setText(self.tr("%1 goes into tote %2. Scan the next order, or F5 to start the walk.")
                                .replace("%1", self.pending.order_number).replace("%2", tote))
        self.pending = None
        self.order_edit.clear()
        self.tote_edit.clear()
        self._show_orders()
        self.update_state()
        self.order_edit.setFocus()

    def start(self) -> None:
        if self.session.walking or self.working or not self.session.orders:
            return
        if not self.session.packing_location:
            self.show_message(self.tr("Set this station's packing location first (in the pick list)."))
            return
        self.pending = None
        self.session.start()
        self.clear_message()
        self.status.setText(self.tr("%1 orders, %2 picks: scan the first location.")
                            .replace("%1", str(len(self.session.orders))).replace("%2", str(len(self.session.picks))))
        self._show_picks()
        self._show_stop()
        self.update_state()
        self.picks_view.setFocus()

    # -- the walk ---------------------------------------------------------------------------------
    def _walk_scan(self, scan: Scan) -> bool:
        try:
            step = self.session.scan(scan)
        except WmsError as error:
            self.show_wms_error(error)
            return True
        if step is None:
            return False
        armed = self.session.armed_location or ""
        if step is Step.QUEUED:
            self.clear_message()
            self._post_next()
        elif step is Step.TOTE:
            self.clear_message()
            self.status.setText(self.tr("%1: now scan its tote (or type its slot number).")
                                .replace("%1", scan.sku_code or ""))
            self.tote_edit.setFocus()
        elif step is Step.ARMED:
            self.clear_message()
            self.status.setText(self.tr("At %1: scan an item, then its tote.").replace("%1", armed))
        else:
            self.show_message({
                Step.NOTHING_AT: self.tr("Nothing left to pick at %1.").replace("%1", scan.location_code or ""),
                Step.LOCATION_FIRST: self.tr("Scan the location first, then the item picked there."),
                Step.NOT_HERE: self.tr("%1 is not to be picked at %2.").replace("%1", scan.sku_code or "")
                .replace("%2", armed),
                Step.ITEM_FIRST: self.tr("Scan the item before its tote."),
            }[step])
        self._show_stop()
        self._show_picks()
        return True

    def _post_next(self) -> None:
        queued = self.session.next_post()
        if queued is None:
            self.update_state()
            return
        index, command = queued
        self._show_picks()
        self.run(lambda s: s.orders.pick(command), lambda result: self._posted(index, result),
                 lambda error: self._refused(index, error), "pick")

    def _posted(self, index: int, result: Picked) -> None:
        self.session.posted(index, result)
        self.posted.emit(result.changes)
        task = self.session.picks[index]
        self.status.setText(self.tr("%1 × %2 into tote %3 (%4).").replace("%1", str(result.stock_quantity))
                            .replace("%2", result.sku_code).replace("%3", self.session.tote_of(task))
                            .replace("%4", result.order_number))
        if self.session.all_done:
            self.status.setText(self.tr("All %1 picks done: %2 orders at %3 for packing.")
                                .replace("%1", str(len(self.session.picks)))
                                .replace("%2", str(len(self.session.orders)))
                                .replace("%3", self.session.packing_location))
        self._after_post()

    def _refused(self, index: int, error: WmsError) -> None:
        self.session.refused(index, error)
        self.show_wms_error(error)
        self._after_post()

    def _after_post(self) -> None:
        self._show_picks()
        self._show_stop()
        self._post_next()

    def report_short(self) -> None:
        """The current pick's bin holds less than reserved for its order: the rest is reserved
        elsewhere or backordered, and that order's picks are loaded again."""
        command = None if self.working else self.session.short_command(self.picks_view.currentIndex().row())
        if command is None:
            return
        number = command.order_number

        def op(s):
            changed = s.orders.short_pick(command)
            return changed, s.orders.pick_plan(GetOrder(order_number=number))

        self.run(op, self._shorted, self.show_wms_error, "plan")

    def _shorted(self, outcome) -> None:
        changed, plan = outcome
        self.posted.emit(changed.changes)
        self.session.replanned(plan)
        self.status.setText(self.tr("%1: the bin's shortfall is reserved elsewhere or backordered.")
                            .replace("%1", plan.order_number))
        self._show_picks()
        self._show_stop()

    # -- showing ----------------------------------------------------------------------------------
    def _show_orders(self) -> None:
        self.orders_view.clear()
        for order in self.session.orders:
            item = QTreeWidgetItem(self.orders_view, [order.tote, order.plan.order_number, str(len(order.plan.picks)),
                                                      str(sum(p.stock_quantity for p in order.plan.picks))])
            item.setFont(0, self.big)
        fit_columns(self.orders_view, stretch=1)

    def _show_stop(self) -> None:
        """The armed stop (else the next one): each open pick as quantity × SKU → tote."""
        session = self.session
        here = session.armed_location or next(
            (t.pick.location_code for t in session.picks if t.to_do), None)
        picks = [session.picks[i] for i in session.open_at(here)]
        self.stop_label.setVisible(bool(picks))
        self.stop_label.setText(f"{here}:  " + "   ".join(  # codes and numbers only: nothing to translate
            f"{t.pick.stock_quantity} × {t.pick.sku_code} → {session.tote_of(t)}" for t in picks))

    def _show_picks(self) -> None:
        current = max(self.picks_view.currentIndex().row(), 0)
        self.picks_view.clear()
        session = self.session
        for task in session.picks:
            pick, result = task.pick, task.result
            outcome = (f"{result.from_current_quantity + result.stock_quantity} → {result.from_current_quantity}"
                       if result else error_text(task.error) if task.error else "")
            item = QTreeWidgetItem(self.picks_view, [
                self._status_texts()[task.state], pick.location_code, pick.sku_code, pick.batch_number or "",
                str(pick.stock_quantity), session.tote_of(task), session.order_of(task), outcome])
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
            colour = GREEN if task.state is PickState.DONE else RED if task.state is PickState.REFUSED else None
            for column in range(8):
                if colour is not None:
                    item.setForeground(column, QBrush(colour))
        if session.picks:
            self.picks_view.setCurrentIndex(self.picks_view.model().index(min(current, len(session.picks) - 1), 0))
        fit_columns(self.picks_view, stretch=PICK_RESULT)

    def update_state(self) -> None:
        walking = self.session.walking
        self.order_edit.setEnabled(not walking and not self.working)
        self.tote_edit.setEnabled(walking or not self.working)  # in the walk: a slot number typed
        self.start_button.setEnabled(not walking and not self.working and bool(self.session.orders))
        self.short_button.setEnabled(walking and not self.working and not self.session.busy)

    def reject(self) -> None:
        if self.working or self.session.busy:
            self.status.setText(self.tr("Wait until the posting in progress has finished."))
            return
        super().reject()


def open_wave_dialog(context: AppContext, router: Any = None, parent: QWidget | None = None) -> WaveDialog:
    """For the main window's Operations menu: window-modal, deleted on close."""
    return WaveDialog.open_on(context, router, parent)
