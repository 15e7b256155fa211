"""Products: the lazy product table with a detail pane of SKUs and external codes; new, edit
and delete through the product editor (:mod:`wms_desktop.ui.dialogs.product_editor`)."""
from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
)

from ...contract.audit import AuditSubject
from ...contract.base import Changes
from ...contract.catalog import CatalogProduct, DeleteProduct, ProductDeleted, ProductEdited
from ...contract.stock import ProductIds, ProductRow
from ...devices.scanner import Scan
from ...domain.permissions import EDIT_CATALOG
from ..dialogs.product_editor import ProductEditor
from ..models import Column, LazyTableModel, translatable
from ..models.format import local_time, quantity
from ..ops import QueryOp
from .base import RIGHT, LazyTableScreen, scan_code
from .edit_actions import EditActions, confirm_delete


def product_columns() -> list[Column]:
    return [
        Column("product_code", translatable("ProductsScreen", "Code"), "product_code", width=90),
        Column("product_name", translatable("ProductsScreen", "Name"), "product_name", width=250),
        Column("unit", translatable("ProductsScreen", "Unit"), width=45),
        Column("category_id", translatable("ProductsScreen", "Category"), width=90),
        Column("sku_count", translatable("ProductsScreen", "SKUs"), align=RIGHT, format=quantity, width=50),
        Column("total_quantity", translatable("ProductsScreen", "Stock"), "total_quantity", align=RIGHT, format=quantity,
               width=70),
        Column("updated_at", translatable("ProductsScreen", "Updated"), "updated_at", format=local_time, width=140),
    ]


class ProductsScreen(LazyTableScreen[ProductIds, ProductRow]):
    key = "products"
    needs = ("browse", "catalog")

    def title(self) -> str:
        return self.tr("Products")

    def search_hint(self) -> str:
        return self.tr("Product or SKU code, name or barcode")

    def make_model(self) -> LazyTableModel[ProductIds, ProductRow]:
        return LazyTableModel(product_columns(), lambda s, q: s.browse.product_ids(q),
                              lambda s, ids: s.browse.product_rows(ids), "product_id", context=self.context, parent=self)

    def query(self) -> ProductIds:
        return ProductIds(search=self.search_text())

    def build(self) -> None:
        # product_id -> request_id of its deletion, kept until it succeeds: a retry after a lost
        # answer finds the first result instead of PRODUCT_NOT_FOUND
        self.delete_requests: dict[int, str] = {}
        box = self.add_detail_pane(self._load_detail)
        self.detail_info = QLabel()
        self.detail_info.setWordWrap(True)
        self.grid = QTableWidget()
        self.grid.setObjectName("grid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(self.grid.fontMetrics().height() + 10)
        box.addWidget(self.detail_info)
        box.addWidget(self.grid, 1)
        self.detail: CatalogProduct | None = None
        self.matched_sku: str | None = None
        self.add_print_button()
        self.add_history_button()
        self.editor: ProductEditor | None = None
        self.confirm_box: QMessageBox | None = None
        self.edit_actions = EditActions(self, self.table, EDIT_CATALOG, self.new_product, self.edit_product,
                                        self.delete_product)

    label_kind = "sku"

    def label_codes(self) -> list[str]:
        """Selected SKU cells of the colour × size grid, else every SKU of the current product."""
        skus = [item.data(Qt.ItemDataRole.UserRole) for item in self.grid.selectedItems()
                if item.data(Qt.ItemDataRole.UserRole)]
        if skus:
            return skus
        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        return [row.product_code] if row else []

    def current_changed(self, row: int) -> None:
        self.edit_actions.set_row_editable(self.model.id_at(row) is not None)
        self.detail_timer.start()

    def first_selected(self) -> None:
        self.edit_actions.set_row_editable(self.table.currentIndex().isValid())
        self.detail_timer.stop()
        self._load_detail()

    def history_subject(self) -> tuple[AuditSubject, int, str] | None:
        product_id = self._current_id()
        row = self.model.row_data(self.table.currentIndex().row()) if product_id is not None else None
        return ("product", product_id, row.product_code) if row is not None and product_id is not None else None

    # -- new / edit / delete ---------------------------------------------------------------------
    def _current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def new_product(self) -> ProductEditor:
        return self._open_editor(None)

    def edit_product(self) -> ProductEditor | None:
        product_id = self._current_id()
        return self._open_editor(product_id) if product_id is not None else None

    def _open_editor(self, product_id: int | None) -> ProductEditor:
        self.editor = ProductEditor(self.context, product_id, parent=self)
        self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor.saved.connect(self._product_saved)
        self.editor.open()
        return self.editor

    def _product_saved(self, saved: ProductEdited) -> None:
        """Every screen shows the saved product (here its row and the detail pane are fetched
        again in place); a product not in the table (a new one) is searched for."""
        self.edited(saved.changes)
        if self.model.row_of_id(saved.product_id) < 0:
            self.matched_sku = None
            self.search(saved.product_code)

    def show_changes(self, changes: Changes) -> None:
        self.model.refresh_ids(changes.product_ids)  # names, totals
        if self.detail is not None and self.detail.product_id in changes.product_ids:
            self._load_detail()  # the colour × size grid

    def delete_product(self) -> None:
        product_id = self._current_id()
        row = self.model.row_data(self.table.currentIndex().row()) if product_id is not None else None
        if row is None or product_id is None:
            return
        text = self.tr("Delete product %1 %2?\nIt must have no stock. Its history stays in the ledger.") \
            .replace("%1", row.product_code).replace("%2", row.product_name)
        self.confirm_box = confirm_delete(self, text, lambda: self._delete(product_id, row.product_code))

    def _delete(self, product_id: int, product_code: str) -> None:
        session = self.context.session
        command = DeleteProduct(product_id=product_id, operator_id=session.operator_id if session is not None else None,
                                request_id=self.delete_requests.setdefault(product_id, f"ui-{uuid.uuid4().hex}"))
        QueryOp(self.context, parent=self, op=lambda s: s.catalog.delete_product(command),
                success=lambda deleted: self._deleted(product_code, deleted), key="delete").run_in_background()

    def _deleted(self, product_code: str, deleted: ProductDeleted) -> None:
        self.delete_requests.pop(deleted.product_id, None)
        self.edited(deleted.changes)
        self.run_search(self.search_box.text().strip())  # the id list without the deleted product
        self.detail_info.setText(self.tr("Deleted product %1.").replace("%1", product_code))

    def _load_detail(self) -> None:
        row = self.model.row_data(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        if row is None:
            if not self.table.currentIndex().isValid():
                self.show_detail(None)
            elif not self.model.is_loaded(self.table.currentIndex().row()):
                self.detail_timer.start()  # its block is on the way
            return
        code = self.matched_sku if self.matched_sku and self.matched_sku.startswith(row.product_code + "-") \
            else row.product_code
        QueryOp(self.context, parent=self, op=lambda s: s.catalog.product_by_code(code), success=self.show_detail,
                key="detail").run_in_background()

    def show_detail(self, product: CatalogProduct | None) -> None:
        self.detail = product
        self.grid.clear()
        if product is None:
            self.detail_title.setText("")
            self.detail_info.setText(self.tr("Select a product to see its colours and sizes."))
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            return
        self.detail_title.setText(f"{product.product_code}  {product.product_name}")
        self.detail_info.setText(self.tr("Stock %1 %2 · %3 SKUs · %4 locations")
                                 .replace("%1", quantity(product.total_quantity))
                                 .replace("%2", product.unit or "")
                                 .replace("%3", str(product.sku_count))
                                 .replace("%4", str(product.location_count)))
        stock = {size.sku_code: size.total_quantity for colour in product.colors for size in colour.sizes}
        colours: list[str] = []
        sizes: list[str] = []
        by_cell: dict[tuple[str, str], str] = {}
        for sku in product.skus:
            colour, size = sku.sku_color or "", sku.sku_size or ""
            if colour not in colours:
                colours.append(colour)
            if size not in sizes:
                sizes.append(size)
            by_cell[(colour, size)] = sku.sku_code
        if not product.has_sku:
            colours, sizes = [""], [""]
            by_cell = {("", ""): product.product_code}
            stock = {product.product_code: product.total_quantity}
        matched = product.matched_sku.sku_code if product.matched_sku else None
        self.grid.setRowCount(len(colours) + 1)
        self.grid.setColumnCount(len(sizes) + 1)
        self.grid.setHorizontalHeaderLabels([s or self.tr("Stock") for s in sizes] + [self.tr("Total")])
        self.grid.setVerticalHeaderLabels([c or product.product_code for c in colours] + [self.tr("Total")])
        column_totals = [0] * len(sizes)
        bold = QFont(self.grid.font())
        bold.setBold(True)
        for r, colour in enumerate(colours):
            row_total = 0
            for c, size in enumerate(sizes):
                sku_code = by_cell.get((colour, size))
                item = QTableWidgetItem()
                item.setTextAlignment(RIGHT)
                if sku_code is not None:
                    n = stock.get(sku_code, 0)
                    row_total += n
                    column_totals[c] += n
                    item.setText(quantity(n))
                    item.setToolTip(sku_code)
                    item.setData(Qt.ItemDataRole.UserRole, sku_code)
                    if n == 0:
                        item.setForeground(QBrush(QColor(150, 150, 150)))
                    if sku_code == matched:
                        item.setBackground(QBrush(QColor(255, 236, 150)))
                        item.setFont(bold)
                else:
                    item.setText("—")
                self.grid.setItem(r, c, item)
            total = QTableWidgetItem(quantity(row_total))
            total.setTextAlignment(RIGHT)
            total.setFont(bold)
            self.grid.setItem(r, len(sizes), total)
        for c, n in enumerate(column_totals + [sum(column_totals)]):
            item = QTableWidgetItem(quantity(n))
            item.setTextAlignment(RIGHT)
            item.setFont(bold)
            self.grid.setItem(len(colours), c, item)
        self.grid.resizeColumnsToContents()  # a few colours × sizes: cheap

    def run_search(self, text: str) -> None:
        self.matched_sku = text if "-" in text else None
        super().run_search(text)

    def handle_scan(self, scan: Scan) -> bool:
        kind, code = scan_code(scan)
        if kind not in ("sku", "external") or not code:
            return False
        self.search(code)
        return True

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "edit_actions"):
            self.edit_actions.retranslate_ui()
        if hasattr(self, "grid"):
            self.show_detail(self.detail)
