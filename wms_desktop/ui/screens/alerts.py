"""Alerts: products below their low or above their high threshold, lots expiring soon.

Stock alerts are raised and cleared by the database as postings commit (services/alerts.py);
the lots are checked at start and hourly by the main window, and here on F5 only (not on every
load: the list reloads after each posting while the screen is open). "Active" lists what is not cleared yet,
"All" the history too. A supervisor acknowledges the selected alerts: the status bar's badge
counts the active ones nobody has acknowledged.
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QPushButton, QTableView, QWidget

from ...contract.alerts import AcknowledgeAlert, Alert, AlertList, AlertSummary, CheckExpiry, ListAlerts
from ...contract.api import ServiceApi
from ...contract.base import Changes
from ...domain.permissions import CORRECT_STOCK
from ..models.format import local_time, quantity
from ..ops import QueryOp
from ..widgets.feedback import RED
from ..widgets.tables import setup_table
from .base import RIGHT, Screen

RAISED, KIND, PRODUCT, NAME, LOT, EXPIRY, QUANTITY, THRESHOLD, CLEARED, SEEN = range(10)
WIDTHS = {RAISED: 150, KIND: 110, PRODUCT: 110, NAME: 180, LOT: 160, EXPIRY: 100, QUANTITY: 80, THRESHOLD: 80,
          CLEARED: 150}


def list_alerts(services: ServiceApi, active: bool, check_expiry: bool = False) -> AlertList:
    """``check_expiry``: the lots checked first (F5), so a lot expiring since the last check is listed."""
    if check_expiry:
        services.alerts.check_expiry(CheckExpiry())
    return services.alerts.list_alerts(ListAlerts(active=active))


class AlertsScreen(Screen):
    key = "alerts"
    counted = Signal(object)  # the AlertSummary after the lots' check (F5) or an acknowledgement, for the badge
    needs = ("alerts",)

    def title(self) -> str:
        return self.tr("Alerts")

    def search_hint(self) -> str:
        return self.tr("Product code or name")

    def build(self) -> None:
        bar = QHBoxLayout()
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.addItems(["", ""])
        self.scope.currentIndexChanged.connect(lambda _index: self.reload())
        self.acknowledge_button = QPushButton()
        self.acknowledge_button.setObjectName("acknowledge")
        self.acknowledge_button.clicked.connect(self.acknowledge)
        session = self.context.session
        self.acknowledge_button.setEnabled(session is not None and session.can(CORRECT_STOCK))
        bar.addWidget(self.scope)
        bar.addStretch(1)
        bar.addWidget(self.acknowledge_button)
        self.layout_.addLayout(bar)
        self.source = QStandardItemModel(0, len(WIDTHS) + 1, self)
        self.proxy = QSortFilterProxyModel(self)  # a small list, loaded whole
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.proxy)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _index: self.acknowledge())
        for column, width in WIDTHS.items():
            self.table.horizontalHeader().resizeSection(column, width)
        self.layout_.addWidget(self.table, 1)
        self.search_box.textChanged.connect(lambda text: self.proxy.setFilterFixedString(text.strip()))
        self.alerts: list[Alert] = []

    def main_view(self) -> QWidget | None:
        return self.table

    @property
    def active_only(self) -> bool:
        return self.scope.currentIndex() == 0

    def load(self, check_expiry: bool = False) -> None:
        active = self.active_only

        def work(services: ServiceApi) -> tuple[AlertList, AlertSummary | None]:
            found = list_alerts(services, active, check_expiry)
            return found, services.alerts.summary() if check_expiry else None

        QueryOp(self.context, parent=self, op=work, success=self._listed, key="list") \
            .failure(self.show_wms_error).run_in_background()

    def _listed(self, found: tuple[AlertList, AlertSummary | None]) -> None:
        alerts, summary = found
        self.show_alerts(alerts)
        if summary is not None:  # the check may have raised or cleared some: the badge counts again
            self.counted.emit(summary)

    def reload(self, check_expiry: bool = False) -> None:
        self._activated = True
        if self.can_load():
            self.load(check_expiry)

    def refresh(self) -> None:
        """F5: the lots are checked too."""
        self.reload(check_expiry=True)

    def run_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)

    def show_changes(self, changes: Changes) -> None:
        if changes.balances:  # a posting may have raised or cleared one
            self.load()

    def show_alerts(self, found: AlertList) -> None:
        self.alerts = found.items
        self.source.removeRows(0, self.source.rowCount())
        kinds = self.kind_names()
        for alert in self.alerts:
            lot = f"{alert.sku_code} / {alert.batch_number}" if alert.batch_number else ""
            texts = {RAISED: local_time(alert.raised_at), KIND: kinds.get(alert.alert_type, alert.alert_type),
                     PRODUCT: alert.product_code, NAME: alert.product_name, LOT: lot,
                     EXPIRY: alert.expiry_date or "", QUANTITY: quantity(alert.quantity),
                     THRESHOLD: "" if alert.threshold is None else quantity(alert.threshold),
                     CLEARED: local_time(alert.cleared_at) if alert.cleared_at else "",
                     SEEN: alert.acknowledged_by or ""}
            items = []
            for column in range(len(texts)):
                item = QStandardItem(texts[column])
                item.setEditable(False)
                if column in (QUANTITY, THRESHOLD):
                    item.setTextAlignment(RIGHT)
                if alert.cleared_at is None and alert.acknowledged_at is None:
                    item.setForeground(QBrush(QColor(RED)))
                items.append(item)
            items[0].setData(alert.alert_id, Qt.ItemDataRole.UserRole)
            self.source.appendRow(items)
        self._retitle()
        self.update_info()

    def update_info(self) -> None:
        waiting = sum(1 for a in self.alerts if a.cleared_at is None and a.acknowledged_at is None)
        self.info.setText(self.tr("%1 alerts, %2 not acknowledged").replace("%1", str(len(self.alerts)))
                          .replace("%2", str(waiting)))

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows(0) or (
            [self.table.currentIndex().siblingAtColumn(0)] if self.table.currentIndex().isValid() else [])
        return [index.data(Qt.ItemDataRole.UserRole) for index in rows]

    def acknowledge(self) -> None:
        ids = self.selected_ids()
        if not ids or not self.acknowledge_button.isEnabled():
            return

        active = self.active_only

        def work(services: ServiceApi) -> tuple[AlertList, AlertSummary]:
            for alert_id in ids:
                services.alerts.acknowledge(AcknowledgeAlert(alert_id=alert_id))
            return list_alerts(services, active), services.alerts.summary()

        QueryOp(self.context, parent=self, op=work, success=self._listed,
                key="acknowledge").failure(self.show_wms_error).run_in_background()

    def kind_names(self) -> dict[str, str]:
        return {"low_stock": self.tr("Low stock"), "high_stock": self.tr("High stock"),
                "expiring": self.tr("Expiring lot")}

    def _retitle(self) -> None:
        self.source.setHorizontalHeaderLabels([
            self.tr("Raised"), self.tr("Alert"), self.tr("Product"), self.tr("Name"), self.tr("SKU / batch"),
            self.tr("Expires"), self.tr("Quantity"), self.tr("Threshold"), self.tr("Cleared"),
            self.tr("Acknowledged by")])

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "scope"):
            return
        self.scope.setItemText(0, self.tr("Active"))
        self.scope.setItemText(1, self.tr("All, with cleared"))
        self.acknowledge_button.setText(self.tr("A&cknowledge"))
        if not self.acknowledge_button.isEnabled():
            self.acknowledge_button.setToolTip(self.tr("Your role does not allow this"))
        self._retitle()
        if self.alerts:
            self.show_alerts(AlertList(items=self.alerts))
