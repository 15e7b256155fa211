"""Stock: the lazy balance table, and the product → colour → size → location tree."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...contract.base import Changes
from ...contract.stock import BalanceIds, BalanceRow, ByProduct, ProductView
from ...devices.scanner import Scan
from ..models import Column, LazyTableModel, translatable
from ..models.format import expired_flag, expiry, local_time, quantity
from ..ops import QueryOp
from .base import RIGHT, LazyTableScreen, scan_code
from .movements import Explained

if TYPE_CHECKING:
    from ..dialogs.stock_as_of import StockAsOfDialog


def balance_columns() -> list[Column]:
    return [
        Column("location_code", translatable("StockScreen", "Location"), "location_code", width=120),
        Column("sku_code", translatable("StockScreen", "SKU"), "sku_code", width=130),
        Column("product_name", translatable("StockScreen", "Product"), width=180),
        Column("sku_color", translatable("StockScreen", "Colour"), width=50),
        Column("sku_size", translatable("StockScreen", "Size"), width=40),
        Column("batch_number", translatable("StockScreen", "Batch"), width=70),
        Column("expiry_date", translatable("StockScreen", "Expiry"), format=expiry, width=80),
        Column("is_expired", translatable("StockScreen", "Expired"), format=expired_flag, width=60),
        Column("stock_quantity", translatable("StockScreen", "Stock"), "stock_quantity", align=RIGHT, format=quantity,
               width=60),
        Column("locked_quantity", translatable("StockScreen", "Locked"), align=RIGHT, format=quantity, width=55),
        Column("available_quantity", translatable("StockScreen", "Available"), align=RIGHT, format=quantity, width=65),
        Column("updated_at", translatable("StockScreen", "Updated"), "updated_at", format=local_time, width=140),
    ]


class StockScreen(LazyTableScreen[BalanceIds, BalanceRow]):
    key = "stock"
    needs = ("browse", "stock")

    def title(self) -> str:
        return self.tr("Stock")

    def search_hint(self) -> str:
        return self.tr("Location, product or SKU code")

    def make_model(self) -> LazyTableModel[BalanceIds, BalanceRow]:
        return LazyTableModel(balance_columns(), lambda s, q: s.browse.balance_ids(q),
                              lambda s, ids: s.browse.balance_rows(ids), "balance_id", context=self.context, parent=self)

    def build(self) -> None:
        self.location_code: str | None = None
        bar = QHBoxLayout()
        self.location_label = QLabel()
        self.location_label.setObjectName("location_filter")
        self.clear_location = QToolButton()
        self.clear_location.setObjectName("clear_location")
        self.clear_location.setText("✕")
        self.clear_location.clicked.connect(lambda: self.set_location(None))
        bar.addWidget(self.location_label)
        bar.addWidget(self.clear_location)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.build_table())
        right = QWidget()
        self.tree_title = QLabel()
        self.tree_title.setObjectName("tree_title")
        self.tree = QTreeWidget()
        self.tree.setObjectName("by_product")
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnCount(3)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().resizeSection(1, 80)
        self.tree.header().resizeSection(2, 70)
        box = QVBoxLayout(right)
        box.setContentsMargins(6, 0, 0, 0)
        box.addWidget(self.tree_title)
        box.addWidget(self.tree, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.layout_.addWidget(self.splitter, 1)
        self.product: ProductView | None = None
        self._tree_timer = QTimer(self)
        self._tree_timer.setSingleShot(True)
        self._tree_timer.setInterval(120)
        self._tree_timer.timeout.connect(self._load_tree)
        self._new_stock_generation = -1  # the query that does not list a balance stocked since
        self._update_location_bar()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_print_button()
        # any quantity explained in two clicks: a row (or a total in the tree), then Movements
        self.explain_button = QPushButton()
        self.explain_button.setObjectName("explain")
        self.explain_button.clicked.connect(self.explain_current)
        self.top.insertWidget(self.top.indexOf(self.search_box), self.explain_button)
        self.table.doubleClicked.connect(lambda _index: self.explain_current())
        self.as_of_button = QPushButton()
        self.as_of_button.setObjectName("as_of")
        self.as_of_button.clicked.connect(self.open_as_of)
        self.top.insertWidget(self.top.indexOf(self.search_box), self.as_of_button)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.explain_node(item))

    label_kind = "sku"

    def label_codes(self) -> list[str]:
        """The SKUs of the selected rows (each SKU once)."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows(0)}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        found = (self.model.row_data(row) for row in sorted(rows))
        return list(dict.fromkeys(row.sku_code for row in found if row))

    def query(self) -> BalanceIds:
        return BalanceIds(search=self.search_text(), location_code=self.location_code)

    def set_location(self, code: str | None) -> None:
        self.location_code = code or None
        self._update_location_bar()
        self._activated = True
        self._select_first = True
        self.model.set_query(self.query())

    def _update_location_bar(self) -> None:
        shown = bool(self.location_code)
        self.location_label.setVisible(shown)
        self.clear_location.setVisible(shown)
        self.location_label.setText(self.tr("Location: %1").replace("%1", self.location_code or ""))
        self.clear_location.setToolTip(self.tr("Show all locations"))

    def current_changed(self, row: int) -> None:
        self._tree_timer.start()

    def first_selected(self) -> None:
        self._tree_timer.stop()
        self._load_tree()

    def _load_tree(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        if row is None:
            if index.isValid() and not self.model.is_loaded(index.row()):
                self._tree_timer.start()
            elif not index.isValid():
                self.show_product(None)
            return
        self._load_product(row.product_code)

    def _load_product(self, code: str) -> None:
        QueryOp(self.context, parent=self, op=lambda s: s.stock.by_product(ByProduct(product_code=code)),
                success=lambda page: self.show_product(page.data[0] if page.data else None),
                key="by_product").run_in_background()

    def show_product(self, product: ProductView | None) -> None:
        """Product → colours → sizes → locations, with totals (the spec's nesting)."""
        self.product = product
        self.tree.clear()
        self.tree.setHeaderLabels([self.tr("Product / colour / size / location"), self.tr("Quantity"),
                                   self.tr("Locations")])
        if product is None:
            self.tree_title.setText(self.tr("Select a row to see its product by colour and size."))
            return
        self.tree_title.setText(self.tr("By product: %1").replace("%1", product.product_code))
        bold = QFont(self.tree.font())
        bold.setBold(True)

        def node(parent, texts: list[str], data: str | None = None, strong: bool = False,
                 total: int = 0) -> QTreeWidgetItem:
            item = QTreeWidgetItem(parent, texts)
            item.setData(1, Qt.ItemDataRole.UserRole, total)  # the quantity a double-click explains
            item.setTextAlignment(1, RIGHT)
            item.setTextAlignment(2, RIGHT)
            if data is not None:
                item.setData(0, Qt.ItemDataRole.UserRole, data)
            if strong:
                item.setFont(0, bold)
                item.setFont(1, bold)
            return item

        top = node(self.tree, [f"{product.product_code}  {product.product_name}",
                               quantity(product.total_quantity), str(product.location_count)],
                   product.product_code, True, product.total_quantity)
        for colour in product.colors:
            c_item = node(top, [colour.color or self.tr("(no colour)"), quantity(colour.total_quantity),
                                str(colour.location_count)], None, True)
            for size in colour.sizes:
                s_item = node(c_item, [f"{size.sku_size or ''}  {size.sku_code}",
                                       quantity(size.total_quantity), str(len(size.locations))],
                              size.sku_code, total=size.total_quantity)
                for place in size.locations:
                    node(s_item, [place.location_code, quantity(place.stock_quantity), ""], place.location_code,
                         total=place.stock_quantity)
        self.tree.expandToDepth(1)
        # the matching SKU / location of the current row: make it current
        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        if row is not None:
            colours = (top.child(i) for i in range(top.childCount()))
            sizes = (c.child(j) for c in colours if c is not None for j in range(c.childCount()))
            for size_item in sizes:
                if size_item is not None and size_item.data(0, Qt.ItemDataRole.UserRole) == row.sku_code:
                    size_item.setExpanded(True)
                    self.tree.setCurrentItem(size_item)

    # -- explaining a quantity: the movements behind it -----------------------------------------------
    def explain_current(self) -> None:
        """The Movements screen, filtered to the current row's balance."""
        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        if row is not None:
            self.navigate.emit("movements", Explained(
                quantity=row.stock_quantity, balance_id=row.balance_id, sku_code=row.sku_code,
                location_code=row.location_code, batch_number=row.batch_number))

    def open_as_of(self) -> StockAsOfDialog:
        """The stock at a past moment, of the current row's SKU to begin with."""
        from ..dialogs.stock_as_of import open_stock_as_of

        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        self.as_of_dialog = open_stock_as_of(self.context, row.sku_code if row else None, self)
        return self.as_of_dialog

    def explain_node(self, item: QTreeWidgetItem) -> None:
        """A total of the tree: the product's, a SKU's, or a SKU's at one location."""
        if self.product is None:
            return
        code = item.data(0, Qt.ItemDataRole.UserRole)
        parent = item.parent()
        colour = parent.parent() if parent is not None else None
        total = item.data(1, Qt.ItemDataRole.UserRole)
        if parent is None:
            target = Explained(quantity=total, product_code=self.product.product_code)
        elif code is None:  # a colour: its SKUs are the size nodes below
            return
        elif colour is not None and colour.parent() is not None:  # a location under a size
            target = Explained(quantity=total, sku_code=parent.data(0, Qt.ItemDataRole.UserRole), location_code=code)
        else:
            target = Explained(quantity=total, sku_code=code)
        self.navigate.emit("movements", target)

    # -- after an operation ------------------------------------------------------------------------
    touched_by = ("sku_code", "location_code", "batch_number")

    def show_changes(self, changes: Changes) -> None:
        """Re-fetch the touched balances' rows and the tree if it shows their product; a balance
        stocked from empty is not in the id list: say that F5 lists it."""
        balances = changes.balances
        self.refresh_balances(balances)
        if self.product is not None and (self.product.product_id in changes.product_ids):
            self._load_product(self.product.product_code)
        if any(b.appeared and self.location_code in (None, b.location_code) for b in balances):
            self._new_stock_generation = self.model.generation
            self.update_info()

    def update_info(self) -> None:
        super().update_info()
        if self._new_stock_generation == self.model.generation:
            self.info.setText(self.info.text() + "  ·  " + self.tr("New stock since: F5 lists it"))

    def handle_scan(self, scan: Scan) -> bool:
        kind, code = scan_code(scan)
        if not code:
            return False
        if kind == "location":
            self.set_location(code)
            return True
        if kind in ("sku", "external"):
            self.search(code)
            return True
        return False

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "as_of_button"):
            self.as_of_button.setText(self.tr("&As of…"))
            self.as_of_button.setToolTip(self.tr("Stock at a past moment, rebuilt from the ledger"))
        if hasattr(self, "explain_button"):
            self.explain_button.setText(self.tr("&Movements…"))
            self.explain_button.setToolTip(self.tr("The movements that make up the current row's quantity "
                                                   "(or double-click a row or a total)"))
        if hasattr(self, "tree"):
            self._update_location_bar()
            self.show_product(self.product)
