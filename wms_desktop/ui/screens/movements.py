"""Movements: the ledger, newest first, filtered by SKU, location, operator and dates — or
explaining one quantity of the Stock screen (:class:`Explained`): a balance's rows, whose
"After" runs down from the stock there now, or a SKU's or product's rows behind a total."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QWidget,
)

from ...contract.base import Changes
from ...contract.lookup import Identify
from ...contract.stock import Movements
from ...devices.scanner import Scan
from ..models import LedgerModel
from ..models.format import local_time, quantity, signed
from ..models.ledger import operation_names
from ..ops import QueryOp
from ..scanning import scan_of
from ..widgets.fit_columns import Fit, FitToViewport
from ..widgets.tables import setup_table
from .base import Screen


@dataclass(frozen=True)
class Explained:
    """A quantity the Stock screen asks to explain: one balance (``balance_id``), or the total
    of a SKU (at a location) or of a product."""

    quantity: int
    balance_id: int | None = None
    product_code: str | None = None
    sku_code: str | None = None
    location_code: str | None = None
    batch_number: str | None = None

    def subject(self) -> str:
        parts = [self.sku_code or self.product_code or "", self.location_code or "", self.batch_number or ""]
        return " · ".join(p for p in parts if p)


class MovementsScreen(Screen):
    key = "movements"
    needs = ("history", "catalog", "locations")

    def title(self) -> str:
        return self.tr("Movements")

    def search_hint(self) -> str:
        return self.tr("Product, SKU, location code or barcode")

    def build(self) -> None:
        bar = QHBoxLayout()
        self.sku_filter = QLineEdit()
        self.sku_filter.setObjectName("sku_filter")
        self.location_filter = QLineEdit()
        self.location_filter.setObjectName("location_filter")
        self.operator_filter = QLineEdit()
        self.operator_filter.setObjectName("operator_filter")
        self.operation_filter = QComboBox()
        self.operation_filter.setObjectName("operation_filter")
        self.from_check = QCheckBox()
        self.from_date = QDateEdit(QDate.currentDate().addDays(-7))
        self.to_check = QCheckBox()
        self.to_date = QDateEdit(QDate.currentDate())
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("apply")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clear")
        for code_filter in (self.sku_filter, self.location_filter, self.operator_filter):
            code_filter.setClearButtonEnabled(True)
            code_filter.returnPressed.connect(self.apply_own_filters)
        self.apply_button.clicked.connect(self.apply_own_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        for widget in (self.sku_filter, self.location_filter, self.operator_filter, self.operation_filter,
                       self.from_check, self.from_date, self.to_check, self.to_date, self.apply_button,
                       self.clear_button):
            bar.addWidget(widget)
        bar.setStretch(0, 2)
        bar.setStretch(1, 2)
        bar.setStretch(2, 1)
        self.layout_.addLayout(bar)
        self.explained: Explained | None = None
        self._product_code: str | None = None
        explaining = QHBoxLayout()
        self.explained_label = QLabel()
        self.explained_label.setObjectName("explained")
        self.explained_label.setWordWrap(True)
        self.stop_explaining = QToolButton()
        self.stop_explaining.setObjectName("stop_explaining")
        self.stop_explaining.setText("✕")
        self.stop_explaining.clicked.connect(self.clear_filters)
        explaining.addWidget(self.explained_label, 1)
        explaining.addWidget(self.stop_explaining)
        self.layout_.addLayout(explaining)
        self.model = LedgerModel(self.context, parent=self)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.failed.connect(self.show_wms_error)
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.model)
        self.columns_fit = FitToViewport(self.table, ledger_fits)  # 11 columns: none off-screen
        self.layout_.addWidget(self.table, 1)

    def main_view(self) -> QWidget | None:
        return self.table

    def filters(self) -> Movements:
        return Movements(
            sku_code=self.sku_filter.text().strip() or None,
            location_code=self.location_filter.text().strip() or None,
            operator_id=self.operator_filter.text().strip() or None,
            operation=self.operation_filter.currentData(),
            operated_from=_utc(self.from_date.date()) if self.from_check.isChecked() else None,
            # the whole day, exclusive end
            operated_to=_utc(self.to_date.date().addDays(1)) if self.to_check.isChecked() else None,
            product_code=self._product_code or None,
            balance_id=self.explained.balance_id if self.explained else None)

    def open_with(self, target: object) -> None:
        if isinstance(target, Explained):
            self.explain(target)

    def explain(self, target: Explained) -> None:
        """The rows behind one quantity of the Stock screen, every other filter cleared."""
        for edit in (self.operator_filter, self.search_box):
            edit.clear()
        self.operation_filter.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.sku_filter.setText(target.sku_code or "")
        self.location_filter.setText(target.location_code or "")
        self._product_code = target.product_code
        self.explained = target
        self._show_explained()
        self.apply_filters()

    def _show_explained(self) -> None:
        target = self.explained
        self.explained_label.setVisible(target is not None)
        self.stop_explaining.setVisible(target is not None)
        self.stop_explaining.setToolTip(self.tr("Show all movements"))
        if target is None:
            return
        text = self.tr("%1: %2 now. Each row's After is this balance after the movement, down to how it began.") \
            if target.balance_id is not None else \
            self.tr("%1: %2 now, the sum of these movements' changes.")
        self.explained_label.setText(text.replace("%1", target.subject()).replace("%2", quantity(target.quantity)))

    def apply_own_filters(self) -> None:
        """The filters as typed: no longer explaining a quantity."""
        self.explained = None
        self._show_explained()
        self.apply_filters()

    def apply_filters(self) -> None:
        self._activated = True
        if self.from_check.isChecked() and self.to_check.isChecked() and self.to_date.date() < self.from_date.date():
            self.info.setText(self.tr("The end date is before the start date."))
            return
        if not self.can_load():
            return
        self.info.setText(self.tr("Loading…"))
        self.model.set_filters(self.filters())

    def clear_filters(self) -> None:
        for edit in (self.sku_filter, self.location_filter, self.operator_filter, self.search_box):
            edit.clear()
        self.operation_filter.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self._product_code = None
        self.explained = None
        self._show_explained()
        self.apply_filters()

    def load(self) -> None:
        self.apply_filters()

    def refresh(self) -> None:
        self._activated = True
        if self.can_load():
            self.model.set_filters(self.filters())

    def show_changes(self, changes: Changes) -> None:
        """The new ledger rows at the top, when they match the filters (the server decides)."""
        if changes.balances:
            self.model.fetch_newer()

    def _page_loaded(self, rows: int) -> None:
        more = "" if self.model.at_end else "+"
        self.info.setText(self.tr("%1 movements, newest first").replace("%1", f"{rows:,}{more}"))

    def run_search(self, text: str) -> None:
        """A code in the search box: find out what it is (on a worker), then filter by it."""
        if not text:
            self.explained = None
            self._show_explained()
            self._product_code = None
            self.sku_filter.clear()
            self.location_filter.clear()
            self.apply_filters()
            return
        QueryOp(self.context, parent=self, op=lambda s: s.lookup.identify(Identify(code=text)),
                success=lambda found: self._classified(_filter_of(scan_of(Scan(text), found))),
                key="classify").run_in_background()

    def _classified(self, found: tuple[str, str] | None) -> None:
        if found is None:
            self.info.setText(self.tr("No product, SKU, location or barcode %1.").replace("%1", self.search_box.text()))
            return
        field, code = found
        self.set_filter(field, code)

    def set_filter(self, field: str, code: str) -> None:
        """Filter by one code: ``sku_code``, ``product_code`` or ``location_code``."""
        self.explained = None
        self._show_explained()
        self._product_code = code if field == "product_code" else None
        if field == "product_code":
            self.sku_filter.clear()
        if field == "sku_code":
            self.sku_filter.setText(code)
        if field == "location_code":
            self.location_filter.setText(code)
        self.apply_filters()

    def handle_scan(self, scan: Scan) -> bool:
        """The router has classified the scan already: filter by what it found."""
        found = _filter_of(scan)
        if found is None:
            return False
        self.set_filter(*found)
        return True

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if not hasattr(self, "model"):
            return
        self.sku_filter.setPlaceholderText(self.tr("SKU code"))
        self.location_filter.setPlaceholderText(self.tr("Location code"))
        self.operator_filter.setPlaceholderText(self.tr("Operator"))
        current = self.operation_filter.currentData()
        self.operation_filter.clear()
        self.operation_filter.addItem(self.tr("All operations"), None)
        for code, name in operation_names().items():
            self.operation_filter.addItem(name, code)
        self.operation_filter.setCurrentIndex(max(self.operation_filter.findData(current), 0))
        self.from_check.setText(self.tr("From"))
        self.to_check.setText(self.tr("To"))
        self.apply_button.setText(self.tr("Filter"))
        self.clear_button.setText(self.tr("Clear"))
        self.model.retranslate()
        self.columns_fit.refit()  # the headers' widths changed
        self._show_explained()


def ledger_fits() -> list[Fit]:
    """The ledger's columns (:func:`..models.ledger.ledger_columns`) by typical values: the time
    and the codes whole, the product name and the notes take what is left."""
    return [Fit((local_time("2026-12-03T19:17:18Z"),), keep=True), Fit(tuple(operation_names().values())),
            Fit(("129092-黄色-XXL",), keep=True), Fit(("纯棉圆领T恤 Cotton Crew-neck T-shirt",), flex=2),
            Fit(("西8排1架6层4位",), keep=True),
            Fit(("B251203",)), Fit((signed(-10_000),)), Fit((quantity(100_000),)), Fit(("zhang.qiang",)),
            Fit(("SO-2024-0077",)), Fit(flex=1)]


def _utc(date: QDate) -> str:
    """Local midnight of ``date`` as UTC ISO 8601 with ``Z``."""
    moment = QDateTime(date, QTime(0, 0)).toUTC()
    return moment.toString("yyyy-MM-ddTHH:mm:ss") + "Z"


def _filter_of(found: Scan) -> tuple[str, str] | None:
    """The movement filter a classified scan means: its location, SKU or product (None: unknown)."""
    if found.kind == "location":
        return ("location_code", found.location_code) if found.location_code else None
    if found.kind == "unknown":
        return None
    if found.sku_code:
        return "sku_code", found.sku_code
    return ("product_code", found.product_code) if found.product_code else None
