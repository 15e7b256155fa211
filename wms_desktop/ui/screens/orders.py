"""Orders: the lazy list of outbound orders (status filter, search by number or customer,
urgent only, due to ship by today, sortable by number, customer, ship date, status), and the detail of the current
one — lines with what is reserved, picked and backordered, its reservations, picks and
cartons — with what its state allows: release and cancel (a supervisor), pick and pack (the
pick dialog and the pack station, opened on it by the main window: ``work_requested``)."""
from __future__ import annotations

from datetime import date
from typing import cast

import msgspec
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ...contract.api import ServiceApi
from ...contract.orders import (
    CancelOrder,
    GetOrder,
    HistoryEntry,
    Order,
    OrderIds,
    OrderRow,
    OrderState,
    ReleaseOrder,
)
from ...domain.orders import ORDER
from ...domain.permissions import MOVE_STOCK, PLAN_DOCUMENTS
from ..errors.messages import state_text
from ..models import Column, LazyTableModel, translatable
from ..models.format import local_time, quantity
from ..ops import QueryOp
from ..widgets.fit_columns import fit_columns
from .base import RIGHT
from .documents import DocumentListScreen


def urgent_flag(value: object) -> str:
    return "⚑ " + QCoreApplication.translate("OrdersScreen", "urgent") if value else ""


def action_text(action: str) -> str:
    """An order action as its history lists it."""
    return {
        "create": QCoreApplication.translate("OrdersScreen", "created"),
        "edit": QCoreApplication.translate("OrdersScreen", "edited"),
        "release": QCoreApplication.translate("OrdersScreen", "released"),
        "pick": QCoreApplication.translate("OrdersScreen", "picked from a bin"),
        "finish_picking": QCoreApplication.translate("OrdersScreen", "picking done"),
        "pack": QCoreApplication.translate("OrdersScreen", "carton packed"),
        "finish_packing": QCoreApplication.translate("OrdersScreen", "packing done"),
        "ship": QCoreApplication.translate("OrdersScreen", "shipped"),
        "cancel": QCoreApplication.translate("OrdersScreen", "cancelled"),
    }.get(action, action)


def order_columns() -> list[Column]:
    return [
        Column("document_number", translatable("OrdersScreen", "Order"), "document_number", width=120),
        Column("state", translatable("OrdersScreen", "Status"), "state", format=lambda v: state_text(str(v)), width=80),
        Column("customer_name", translatable("OrdersScreen", "Customer"), "customer_name", width=160),
        Column("expected_ship_date", translatable("OrdersScreen", "Ship by"), "expected_ship_date", width=90),
        Column("is_urgent", translatable("OrdersScreen", "Urgent"), format=urgent_flag, width=70),
        Column("line_count", translatable("OrdersScreen", "Lines"), align=RIGHT, format=quantity, width=50),
        Column("total_quantity", translatable("OrdersScreen", "Units"), align=RIGHT, format=quantity, width=60),
        Column("updated_at", translatable("OrdersScreen", "Updated"), "updated_at", format=local_time, width=140),
    ]


class OrdersScreen(DocumentListScreen[OrderIds, OrderRow, Order]):
    key = "orders"
    needs = ("orders",)
    lifecycle = ORDER
    work_requested = Signal(str, str)  # "pick" | "pack" | "return", the order number

    def title(self) -> str:
        return self.tr("Orders")

    def search_hint(self) -> str:
        return self.tr("Order number or customer")

    def make_model(self) -> LazyTableModel[OrderIds, OrderRow]:
        return LazyTableModel(order_columns(), lambda s, q: s.orders.ids(q), lambda s, ids: s.orders.rows(ids),
                              "document_id", context=self.context, parent=self)

    def build(self) -> None:
        super().build()
        self.urgent_only = QCheckBox()
        self.urgent_only.setObjectName("urgent_only")
        self.urgent_only.toggled.connect(lambda _on: self.run_search(self.search_box.text().strip()))
        self.top.insertWidget(3, self.urgent_only)
        self.due_only = QCheckBox()
        self.due_only.setObjectName("due_only")
        self.due_only.toggled.connect(lambda _on: self.run_search(self.search_box.text().strip()))
        self.top.insertWidget(4, self.due_only)

    def ids_command(self, search: str | None, states: list[str]) -> OrderIds:
        return OrderIds(search=search, states=cast(list[OrderState], states) or None,
                        urgent_only=self.urgent_only.isChecked(),
                        ship_to=date.today() if self.due_only.isChecked() else None)

    def detail_op(self, services: ServiceApi, document_id: int) -> Order:
        return services.orders.get(GetOrder(document_id=document_id))

    # -- the detail --------------------------------------------------------------------------------
    def build_detail(self, box: QVBoxLayout) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("order_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.lines = QTreeWidget()
        self.lines.setObjectName("order_lines")
        self.work = QTreeWidget()  # reservations, picks and cartons
        self.work.setObjectName("order_work")
        self.history = QTreeWidget()
        self.history.setObjectName("order_history")
        for tree in (self.lines, self.work, self.history):
            tree.setRootIsDecorated(False)
            tree.setUniformRowHeights(True)
        self.work.setRootIsDecorated(True)
        buttons = QHBoxLayout()
        self.order_buttons: dict[str, QPushButton] = {}
        for name, key, slot in (("release", "Ctrl+R", self.release), ("cancel", "Ctrl+Shift+X", self.cancel),
                                ("pick", "Ctrl+K", lambda: self._work("pick")),
                                ("pack", "Ctrl+J", lambda: self._work("pack")),
                                ("return", "Ctrl+U", lambda: self._work("return"))):
            button = QPushButton()
            button.setObjectName(f"order_{name}")
            button.clicked.connect(slot)
            QShortcut(QKeySequence(key), self, slot)
            buttons.addWidget(button)
            self.order_buttons[name] = button
        buttons.addStretch(1)
        box.addWidget(self.summary)
        box.addWidget(self.lines, 2)
        box.addWidget(self.work, 3)
        box.addWidget(self.history, 2)
        box.addLayout(buttons)

    def retranslate_ui(self) -> None:
        if hasattr(self, "urgent_only"):
            self.urgent_only.setText(self.tr("Urgent only"))
            self.due_only.setText(self.tr("Due to ship by today"))
            self.lines.setHeaderLabels([self.tr("SKU"), self.tr("Product"), self.tr("Ordered"), self.tr("Reserved"),
                                        self.tr("Picked"), self.tr("Backorder")])
            self.work.setHeaderLabels([self.tr("What"), self.tr("Where"), self.tr("SKU"), self.tr("Batch"),
                                       self.tr("Quantity")])
            self.history.setHeaderLabels([self.tr("When"), self.tr("Action"), self.tr("Status"), self.tr("By")])
            for name, text in (("release", self.tr("Release (Ctrl+R)")),
                               ("cancel", self.tr("Cancel order (Ctrl+Shift+X)")),
                               ("pick", self.tr("Pick (Ctrl+K)")), ("pack", self.tr("Pack and ship (Ctrl+J)")),
                               ("return", self.tr("Customer return (Ctrl+U)"))):
                self.order_buttons[name].setText(text)
        super().retranslate_ui()
        if getattr(self, "detail", None) is not None:
            self.show_detail(self.detail)

    def show_detail(self, detail: Order | None) -> None:
        self.lines.clear()
        self.work.clear()
        self.history.clear()
        if detail is None:
            self.detail_title.setText(self.tr("No order selected"))
            self.summary.clear()
            self._enable([])
            return
        self.detail_title.setText(self.tr("Order %1 — %2").replace("%1", detail.document_number)
                                  .replace("%2", state_text(detail.state)))
        parts = [detail.customer_name, detail.recipient_name or "", detail.address or "", detail.carrier or "",
                 self.tr("ship by %1").replace("%1", detail.expected_ship_date) if detail.expected_ship_date else "",
                 urgent_flag(detail.is_urgent), detail.notes or ""]
        self.summary.setText(" · ".join(p for p in parts if p))
        for line in detail.lines:
            item = QTreeWidgetItem(self.lines, [line.sku_code, line.product_name, str(line.stock_quantity),
                                                str(line.reserved_quantity), str(line.picked_quantity),
                                                str(line.backorder_quantity or "")])
            for column in range(2, 6):
                item.setTextAlignment(column, RIGHT)
        groups = ((self.tr("Reserved"), [(a.location_code, a.sku_code, a.batch_number, a.reserved_quantity)
                                         for a in detail.allocations if a.reserved_quantity]),
                  (self.tr("Picked"), [(f"{p.location_code} → {p.to_location_code}", p.sku_code, p.batch_number,
                                        p.stock_quantity) for p in detail.picks]),
                  (self.tr("Cartons"), [(f"#{c.carton_number} {c.tracking_number or ''}".strip(), i.sku_code,
                                         i.batch_number, i.stock_quantity) for c in detail.cartons for i in c.items]))
        for title, rows in groups:
            if not rows:
                continue
            head = QTreeWidgetItem(self.work, [title])
            for where, sku, batch, amount in rows:
                child = QTreeWidgetItem(head, ["", where, sku, batch or "", str(amount)])
                child.setTextAlignment(4, RIGHT)
            head.setExpanded(True)
        for entry in detail.history:
            QTreeWidgetItem(self.history, [local_time(entry.occurred_at), action_text(entry.action),
                                           state_text(entry.state), entry.operator_id])
        fit_columns(self.lines, stretch=1)
        fit_columns(self.work, stretch=1)
        fit_columns(self.history, stretch=1)
        self._enable(detail.actions)

    def _enable(self, allowed: list[str]) -> None:
        session = self.context.session
        may = {name: session is None or session.can(permission)
               for name, permission in (("plan", PLAN_DOCUMENTS), ("move", MOVE_STOCK))}
        self.order_buttons["release"].setEnabled("release" in allowed and may["plan"])
        self.order_buttons["cancel"].setEnabled("cancel" in allowed and may["plan"])
        self.order_buttons["pick"].setEnabled("pick" in allowed and may["move"])
        self.order_buttons["pack"].setEnabled(bool({"pack", "ship"} & set(allowed)) and may["move"])
        shipped = self.detail is not None and self.detail.state == "shipped"
        self.order_buttons["return"].setEnabled(shipped and may["move"])

    # -- actions -----------------------------------------------------------------------------------
    def release(self) -> None:
        operator = self._operator()
        self._act("release", lambda s, d: s.orders.release(ReleaseOrder(
            document_id=d.document_id, expected_version=d.version, operator_id=operator)))

    def cancel(self) -> None:
        operator = self._operator()
        self._act("cancel", lambda s, d: s.orders.cancel(CancelOrder(
            document_id=d.document_id, expected_version=d.version, operator_id=operator)))

    def _operator(self) -> str | None:
        session = self.context.session
        return session.operator_id if session is not None else None

    def _act(self, name: str, op) -> None:
        detail = self.detail
        if detail is None or not self.order_buttons[name].isEnabled():
            return
        self.order_buttons[name].setEnabled(False)
        QueryOp(self.context, parent=self, op=lambda s: op(s, detail),
                success=lambda order: self._acted(name, detail, order), key="order_action") \
            .failure(self._refused).run_in_background()

    def _acted(self, action: str, before: Order, order: Order) -> None:
        """The action's answer is the order as it now is, but for its history (which only the
        detail read carries): the shown history and the action's own entry, as its event has it."""
        assert order.updated_at is not None  # an action stamps the order
        entry = HistoryEntry(action=action, previous_state=before.state, state=order.state,
                             operator_id=order.updated_by, occurred_at=order.updated_at)
        self.acted(msgspec.structs.replace(order, history=[*before.history, entry]), order.changes)

    def _refused(self, error) -> None:
        self.show_wms_error(error)
        if self.detail is not None:
            self._enable(self.detail.actions)

    def _work(self, kind: str) -> None:  # "pick" | "pack" | "return"
        if self.detail is not None and self.order_buttons[kind].isEnabled():
            self.work_requested.emit(kind, self.detail.document_number)
