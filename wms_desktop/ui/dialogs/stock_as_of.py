"""Stock as of a past moment (Stock screen → As of…): the balances as they stood then, rebuilt
from the ledger (``stock.as_of``), for the warehouse or one SKU or location.

Lazy, like the Stock screen: the first page comes with the totals of every line (the server
adds them up), and scrolling to the end fetches the next page after the last key shown — a
million balances are never all moved to the workstation."""
from __future__ import annotations

import msgspec
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...contract.stock import AsOfPage, StockAsOf
from ..errors.messages import error_text
from ..models.format import quantity
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.tables import setup_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LOCATION, SKU, PRODUCT, BATCH, QUANTITY = range(5)
PAGE = 500  # lines per fetch


class StockAsOfDialog(QDialog):
    def __init__(self, context: AppContext, sku_code: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stock_as_of")
        self.context = context
        self.moment = QDateTimeEdit(QDateTime.currentDateTime())
        self.moment.setObjectName("moment")
        self.moment.setCalendarPopup(True)
        self.moment.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.sku_edit, self.location_edit = QLineEdit(sku_code or ""), QLineEdit()
        self.sku_edit.setObjectName("sku_code")
        self.location_edit.setObjectName("location_code")
        self.show_button = QPushButton()
        self.show_button.setObjectName("show")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)
        bar = QHBoxLayout()
        for widget in (self.moment, self.sku_edit, self.location_edit, self.show_button):
            bar.addWidget(widget)
        self.model = QStandardItemModel(0, 5, self)
        self.table = QTableView()
        setup_table(self.table)
        self.table.setModel(self.model)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.asked: StockAsOf | None = None  # the question shown, and where its next page starts
        self.next_after: str | None = None
        self.fetching = False
        self.info = QLabel()
        self.info.setObjectName("info")
        self.info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        self.resize(820, 520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Stock as of a past moment"))
        self.sku_edit.setPlaceholderText(self.tr("SKU code (all when empty)"))
        self.location_edit.setPlaceholderText(self.tr("Location code (all when empty)"))
        self.show_button.setText(self.tr("&Show"))
        self.model.setHorizontalHeaderLabels([self.tr("Location"), self.tr("SKU"), self.tr("Product"),
                                              self.tr("Batch"), self.tr("Quantity")])

    def command(self) -> StockAsOf:
        at = self.moment.dateTime().toUTC().toString("yyyy-MM-ddTHH:mm:ss.zzz") + "Z"
        return StockAsOf(at=at, sku_code=self.sku_edit.text().strip() or None,
                         location_code=self.location_edit.text().strip() or None, limit=PAGE)

    def load(self) -> None:
        command = self.command()
        self.asked, self.next_after = command, None
        self.info.setText(self.tr("Rebuilding from the ledger…"))
        self._fetch(command, self.show_page)

    def _fetch(self, command: StockAsOf, success) -> None:
        self.fetching = True
        QueryOp(self.context, parent=self, op=lambda s: s.stock.as_of(command), success=success,
                key="as_of").failure(self._failed).run_in_background()

    def _failed(self, error) -> None:
        self.fetching = False
        self.info.setText(error_text(error))

    def _scrolled(self, value: int) -> None:
        if value == self.table.verticalScrollBar().maximum():
            self.fetch_more()

    def fetch_more(self) -> None:
        """The next page, after the last line shown (nothing when all are shown or one is coming)."""
        if self.asked is None or self.next_after is None or self.fetching:
            return
        asked = self.asked
        self._fetch(msgspec.structs.replace(asked, after=self.next_after),
                    lambda page: self._append(page) if self.asked is asked else None)

    def show_page(self, page: AsOfPage) -> None:
        self.model.setRowCount(0)
        self._append(page)
        self.info.setText(self.tr("%1 units in %2 balances, as the ledger had them then")
                          .replace("%1", quantity(page.total_quantity or 0)).replace("%2", quantity(page.lines or 0)))

    def _append(self, page: AsOfPage) -> None:
        self.fetching = False
        self.next_after = page.next_after
        for line in page.items:
            items = [QStandardItem(text) for text in (line.location_code, line.sku_code, line.product_code,
                                                      line.batch_number or "", quantity(line.stock_quantity))]
            items[QUANTITY].setTextAlignment(RIGHT)
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)


def open_stock_as_of(context: AppContext, sku_code: str | None, parent: QWidget | None) -> StockAsOfDialog:
    dialog = StockAsOfDialog(context, sku_code, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
