"""The main screens: Products, Locations, Stock, Movements.

A screen is a ``Screen`` subclass registered in ``SCREENS``; the main window gives it the
``AppContext`` (services, session, op runner) and calls:

- ``activate()`` when it becomes the current screen (loads on first activation),
- ``refresh()`` on F5 (and after an operation),
- ``focus_search()`` on Ctrl+F,
- ``search(text)`` when the search box is submitted (Enter),
- ``handle_scan(scan) -> bool`` from the scan router: ``scan.text``, ``scan.kind`` (location,
  sku, external, gs1, unknown), ``scan.gs1``; False when the scan means nothing here.

Every database call runs on the op runner's pool (``QueryOp``); big tables are the lazy models
of :mod:`wms_desktop.ui.models`. Down in the search box moves to the table.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, QSortFilterProxyModel, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTableView, QTableWidget, QTableWidgetItem,
                               QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..domain.codes import UNASSIGNED_LOCATION
from .models import Column, LazyTableModel, LedgerModel
from .models.format import local_time, quantity
from .models.ledger import operation_names
from .ops import QueryOp
from .session import AppContext

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _scan_code(scan: Any) -> tuple[str, str]:
    """(kind, code) of a scan; a GS1 scan with a GTIN becomes an external code (EAN-13 if it fits)."""
    kind = getattr(scan, "kind", "unknown") or "unknown"
    text = (getattr(scan, "text", "") or "").strip()
    if kind == "gs1":
        data = getattr(scan, "gs1", None) or {}
        gtin = data.get("01") or data.get("gtin") if isinstance(data, dict) else None
        if not gtin:
            return "unknown", text
        gtin = str(gtin)
        return "external", gtin[1:] if len(gtin) == 14 and gtin.startswith("0") else gtin
    return kind, text


def setup_table(view: QTableView) -> None:
    """Fixed row heights, whole-row selection, no content-sized columns (huge models)."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    vertical.hide()
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(True)


class Screen(QWidget):
    key = ""
    searched = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"screen_{self.key}")
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(320)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text().strip()))
        self.search_box.installEventFilter(self)
        self.info = QLabel()
        self.info.setObjectName("info")
        self.info.setStyleSheet("color: palette(mid);")
        self.top = QHBoxLayout()
        self.top.addWidget(self.heading)
        self.top.addStretch(1)
        self.top.addWidget(self.search_box, 1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.top)
        self._activated = False
        self.build()
        self.layout_.addWidget(self.info)
        self.retranslate_ui()

    @property
    def services(self) -> Any:
        return self.context.services

    def build(self) -> None:
        """Add the screen's widgets to ``self.layout_``."""

    def main_view(self) -> QWidget | None:
        return None

    # -- texts -----------------------------------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def search_hint(self) -> str:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        self.search_box.setPlaceholderText(self.search_hint())
        if hasattr(self, "print_button"):
            self.print_button.setText(QCoreApplication.translate("Screen", "Print &labels…"))
            self.print_button.setToolTip(QCoreApplication.translate("Screen", "Print labels for the selection (Ctrl+P)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            view = self.main_view()
            if view is not None:
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(view, QAbstractItemView) and view.model() is not None and view.model().rowCount() \
                        and not view.currentIndex().isValid():
                    view.setCurrentIndex(view.model().index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def show_wms_error(self, error) -> None:
        from .errors import error_text

        self.info.setText(error_text(error))

    # -- hooks -----------------------------------------------------------------------------------
    needs: tuple[str, ...] = ()  # services this screen reads (a stand-in without them shows nothing)

    def can_load(self) -> bool:
        return all(hasattr(self.services, name) for name in self.needs)

    def activate(self) -> None:
        """Became the current screen: load on the first time."""
        if not self._activated and self.can_load():
            self._activated = True
            self.load()

    def load(self) -> None:
        """First load (subclasses)."""

    def refresh(self) -> None:
        """F5: reload what is shown."""

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        self._activated = True
        if self.search_box.text().strip() != text:
            self.search_box.setText(text)
        self.run_search(text)
        self.searched.emit(text)

    def run_search(self, text: str) -> None:
        """Subclasses: query with ``text``."""

    def handle_scan(self, scan: Any) -> bool:
        return False

    # -- labels (Ctrl+P) -------------------------------------------------------------------------------
    label_kind = ""  # "sku" | "location": the screen has a "Print labels" button

    def add_print_button(self) -> None:
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_labels")
        self.print_button.clicked.connect(self.print_labels)
        self.top.insertWidget(2, self.print_button)
        shortcut = QShortcut(QKeySequence("Ctrl+P"), self, self.print_labels)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_dialog = None

    def label_codes(self) -> list[str]:
        """Codes of what is selected, for the labels (subclasses)."""
        return []

    def print_labels(self):
        from .printing_dialog import open_print_dialog

        self.print_dialog = open_print_dialog(self, self.label_kind, self.label_codes())
        return self.print_dialog


# -- Products ---------------------------------------------------------------------------------------
def _tr(context: str, text: str):
    from PySide6.QtCore import QCoreApplication

    return lambda: QCoreApplication.translate(context, text)


def product_columns() -> list[Column]:
    c = "ProductsScreen"
    return [
        Column("product_code", _tr(c, "Code"), "product_code", width=90),
        Column("product_name", _tr(c, "Name"), "product_name", width=250),
        Column("unit", _tr(c, "Unit"), width=45),
        Column("category_id", _tr(c, "Category"), width=90),
        Column("sku_count", _tr(c, "SKUs"), align=RIGHT, format=quantity, width=50),
        Column("total_quantity", _tr(c, "Stock"), "total_quantity", align=RIGHT, format=quantity, width=70),
        Column("updated_at", _tr(c, "Updated"), "updated_at", format=local_time, width=140),
    ]


def balance_columns() -> list[Column]:
    c = "StockScreen"
    return [
        Column("location_code", _tr(c, "Location"), "location_code", width=120),
        Column("sku_code", _tr(c, "SKU"), "sku_code", width=130),
        Column("product_name", _tr(c, "Product"), width=180),
        Column("sku_color", _tr(c, "Colour"), width=50),
        Column("sku_size", _tr(c, "Size"), width=40),
        Column("batch_number", _tr(c, "Batch"), width=70),
        Column("stock_quantity", _tr(c, "Stock"), "stock_quantity", align=RIGHT, format=quantity, width=60),
        Column("locked_quantity", _tr(c, "Locked"), align=RIGHT, format=quantity, width=55),
        Column("available_quantity", _tr(c, "Available"), align=RIGHT, format=quantity, width=65),
        Column("updated_at", _tr(c, "Updated"), "updated_at", format=local_time, width=140),
    ]


class LazyTableScreen(Screen):
    """A screen around one :class:`LazyTableModel` in a sortable table."""

    def make_model(self) -> LazyTableModel:
        raise NotImplementedError

    def build_table(self) -> QTableView:
        self.model = self.make_model()
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(max(self.model.sort_column(), 0), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # header clicks → model.sort() → server-side re-query
        for column, spec in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(column, spec.width)
        self.model.loaded.connect(self._loaded)
        self.model.complete.connect(self._loaded)
        self.model.failed.connect(self.show_wms_error)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self.current_changed(current.row()))
        return self.table

    def main_view(self) -> QWidget | None:
        return self.table

    def payload(self) -> dict[str, Any]:
        text = self.search_box.text().strip()
        return {"search": text} if text else {}

    def load(self) -> None:
        self.model.set_payload(self.payload())

    def run_search(self, text: str) -> None:
        self._select_first = True
        if self.can_load():
            self.model.set_payload(self.payload())

    def refresh(self) -> None:
        if not self._activated:
            return self.activate()
        if self.can_load():
            self.model.refresh()

    _select_first = True

    def _loaded(self, rows: int) -> None:
        self.update_info()
        if self._select_first and rows:
            self._select_first = False
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.first_selected()
        elif not self.table.currentIndex().isValid():
            self.current_changed(-1)

    def update_info(self) -> None:
        rows = self.model.rowCount()
        more = "" if self.model.is_complete else "+"
        self.info.setText(self.tr("%1 rows").replace("%1", f"{rows:,}{more}"))

    def current_changed(self, row: int) -> None:
        """The current row changed (-1: none)."""

    def first_selected(self) -> None:
        """The first row of a new search became current (load its details at once)."""

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "model"):
            self.model.retranslate()
            self.update_info()


class ProductsScreen(LazyTableScreen):
    key = "products"
    needs = ("browse", "catalog")

    def title(self) -> str:
        return self.tr("Products")

    def search_hint(self) -> str:
        return self.tr("Product or SKU code, name or barcode")

    def make_model(self) -> LazyTableModel:
        return LazyTableModel(product_columns(), lambda p: self.services.browse.product_ids(p),
                              lambda ids: self.services.browse.product_rows(ids),
                              "product_id", parent=self, runner=self.context.runner)

    def build(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.build_table())
        detail = QWidget()
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detail_title")
        self.detail_title.setWordWrap(True)
        font = QFont(self.detail_title.font())
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_info = QLabel()
        self.detail_info.setWordWrap(True)
        self.grid = QTableWidget()
        self.grid.setObjectName("grid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(self.grid.fontMetrics().height() + 10)
        box = QVBoxLayout(detail)
        box.setContentsMargins(6, 0, 0, 0)
        box.addWidget(self.detail_title)
        box.addWidget(self.detail_info)
        box.addWidget(self.grid, 1)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.layout_.addWidget(self.splitter, 1)
        self.detail: dict | None = None
        self.matched_sku: str | None = None
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(120)  # arrow keys held down: only the row the user stops on
        self._detail_timer.timeout.connect(self._load_detail)
        self.add_print_button()

    label_kind = "sku"

    def label_codes(self) -> list[str]:
        """Selected SKU cells of the colour × size grid, else every SKU of the current product."""
        skus = [item.data(Qt.ItemDataRole.UserRole) for item in self.grid.selectedItems()
                if item.data(Qt.ItemDataRole.UserRole)]
        if skus:
            return skus
        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        return [row["product_code"]] if row else []

    def current_changed(self, row: int) -> None:
        self._detail_timer.start()

    def first_selected(self) -> None:
        self._detail_timer.stop()
        self._load_detail()

    def _load_detail(self) -> None:
        row = self.model.row_data(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        if row is None:
            if not self.table.currentIndex().isValid():
                self.show_detail(None)
            elif not self.model.is_loaded(self.table.currentIndex().row()):
                self._detail_timer.start()  # its block is on the way
            return
        code = self.matched_sku if self.matched_sku and self.matched_sku.startswith(row["product_code"] + "-") \
            else row["product_code"]
        catalog = self.services.catalog
        QueryOp(parent=self, op=lambda: catalog.product_by_code(code), success=self.show_detail, key="detail",
                runner=self.context.runner).failure(self.show_wms_error).run_in_background()

    def show_detail(self, product: dict | None) -> None:
        self.detail = product
        self.grid.clear()
        if product is None:
            self.detail_title.setText("")
            self.detail_info.setText(self.tr("Select a product to see its colours and sizes."))
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            return
        self.detail_title.setText(f"{product['product_code']}  {product['product_name']}")
        self.detail_info.setText(self.tr("Stock %1 %2 · %3 SKUs · %4 locations")
                                 .replace("%1", quantity(product.get("total_quantity")))
                                 .replace("%2", product.get("unit") or "")
                                 .replace("%3", str(product.get("sku_count", 0)))
                                 .replace("%4", str(product.get("location_count", 0))))
        stock = {(size["sku_code"]): size["total_quantity"] for colour in product.get("colors", [])
                 for size in colour.get("sizes", [])}
        colours: list[str] = []
        sizes: list[str] = []
        by_cell: dict[tuple[str, str], str] = {}
        for sku in product.get("skus", []):
            colour, size = sku.get("sku_color") or "", sku.get("sku_size") or ""
            if colour not in colours:
                colours.append(colour)
            if size not in sizes:
                sizes.append(size)
            by_cell[(colour, size)] = sku["sku_code"]
        if not product.get("has_sku"):
            colours, sizes = [""], [""]
            by_cell = {("", ""): product["product_code"]}
            stock = {product["product_code"]: product.get("total_quantity", 0)}
        matched = (product.get("matched_sku") or {}).get("sku_code")
        self.grid.setRowCount(len(colours) + 1)
        self.grid.setColumnCount(len(sizes) + 1)
        self.grid.setHorizontalHeaderLabels([s or self.tr("Stock") for s in sizes] + [self.tr("Total")])
        self.grid.setVerticalHeaderLabels([c or product["product_code"] for c in colours] + [self.tr("Total")])
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

    def handle_scan(self, scan: Any) -> bool:
        kind, code = _scan_code(scan)
        if kind not in ("sku", "external") or not code:
            return False
        self.search(code)
        return True

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "grid"):
            self.show_detail(self.detail)


# -- Locations --------------------------------------------------------------------------------------
class _LocationFilter(QSortFilterProxyModel):
    """Small list, loaded whole: filtering on the client is fine here (GUIDE §3)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.exact = False

    def set_text(self, text: str, exact: bool = False) -> None:
        if hasattr(self, "endFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self.text, self.exact = text.casefold(), exact
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text, self.exact = text.casefold(), exact
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if not self.text:
            return True
        model = self.sourceModel()
        code = (model.index(row, 0, parent).data() or "").casefold()
        if self.exact:
            return code == self.text
        name = (model.index(row, 1, parent).data() or "").casefold()
        return self.text in code or self.text in name


class LocationsScreen(Screen):
    key = "locations"
    needs = ("locations",)

    def title(self) -> str:
        return self.tr("Locations")

    def search_hint(self) -> str:
        return self.tr("Location code or name")

    def build(self) -> None:
        self.source = QStandardItemModel(0, 5, self)
        self.proxy = _LocationFilter(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.layout_.addWidget(self.table, 1)
        self.locations: list[dict] = []
        self.search_box.textChanged.connect(lambda text: self._filter(text.strip()))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_print_button()

    label_kind = "location"

    def label_codes(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows(0) or (
            [self.table.currentIndex().siblingAtColumn(0)] if self.table.currentIndex().isValid() else [])
        return [index.data() for index in sorted(rows, key=lambda i: i.row())]

    def main_view(self) -> QWidget | None:
        return self.table

    def type_names(self) -> dict[str, str]:
        return {
            "storage": self.tr("Storage"), "receiving": self.tr("Receiving"), "shipping": self.tr("Shipping"),
            "damaged": self.tr("Damaged goods"), "returns": self.tr("Returns"), "unassigned": self.tr("Unassigned"),
        }

    def load(self) -> None:
        locations = self.services.locations
        QueryOp(parent=self, op=lambda: locations.list({}), success=self.show_locations, key="list",
                runner=self.context.runner).failure(self.show_wms_error).run_in_background()

    def refresh(self) -> None:
        self._activated = True
        if self.can_load():
            self.load()

    def show_locations(self, rows: list[dict]) -> None:
        self.locations = rows
        current = self.table.currentIndex().siblingAtColumn(0).data()
        self.source.removeRows(0, self.source.rowCount())
        types = self.type_names()
        grey = QBrush(QColor(140, 140, 140))
        for loc in rows:
            protected = loc["location_code"] == UNASSIGNED_LOCATION or loc["location_type"] == "unassigned"
            items = [QStandardItem(loc["location_code"]), QStandardItem(loc.get("location_name") or ""),
                     QStandardItem(types.get(loc["location_type"], loc["location_type"])),
                     QStandardItem(self.tr("Active") if loc["is_active"] else self.tr("Inactive")),
                     QStandardItem(self.tr("Protected: cannot be changed or deleted") if protected else "")]
            for item in items:
                item.setEditable(False)
                if not loc["is_active"]:
                    item.setForeground(grey)
            if protected:
                font = QFont(items[0].font())
                font.setBold(True)
                items[0].setFont(font)
                items[4].setForeground(QBrush(QColor(170, 90, 0)))
            items[0].setData(loc, Qt.ItemDataRole.UserRole)
            self.source.appendRow(items)
        self._retitle()
        self._filter(self.search_box.text().strip(), select=current)

    def _filter(self, text: str, exact: bool = False, select: str | None = None) -> None:
        self.proxy.set_text(text, exact)
        self.info.setText(self.tr("%1 of %2 locations").replace("%1", str(self.proxy.rowCount()))
                          .replace("%2", str(self.source.rowCount())))
        target = select or (text if exact else None)
        if target:
            for row in range(self.proxy.rowCount()):
                if self.proxy.index(row, 0).data() == target:
                    self.table.setCurrentIndex(self.proxy.index(row, 0))
                    break

    def run_search(self, text: str) -> None:
        if not self.locations:
            self.load()
        self._filter(text)

    def handle_scan(self, scan: Any) -> bool:
        kind, code = _scan_code(scan)
        if kind != "location" or not code:
            return False
        self._activated = True
        self.search_box.blockSignals(True)
        self.search_box.setText(code)
        self.search_box.blockSignals(False)
        if not self.locations:
            self.load()
        self._filter(code, exact=True)
        return True

    def _retitle(self) -> None:
        self.source.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Type"), self.tr("Status"),
                                               self.tr("Notes")])

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "source"):
            self._retitle()
            if self.locations:
                self.show_locations(self.locations)


# -- Stock ------------------------------------------------------------------------------------------
class StockScreen(LazyTableScreen):
    key = "stock"
    needs = ("browse", "stock")

    def title(self) -> str:
        return self.tr("Stock")

    def search_hint(self) -> str:
        return self.tr("Location, product or SKU code")

    def make_model(self) -> LazyTableModel:
        return LazyTableModel(balance_columns(), lambda p: self.services.browse.balance_ids(p),
                              lambda ids: self.services.browse.balance_rows(ids),
                              "balance_id", parent=self, runner=self.context.runner)

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
        self.product: dict | None = None
        self._product_code: str | None = None
        self._tree_timer = QTimer(self)
        self._tree_timer.setSingleShot(True)
        self._tree_timer.setInterval(120)
        self._tree_timer.timeout.connect(self._load_tree)
        self._update_location_bar()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_print_button()

    label_kind = "sku"

    def label_codes(self) -> list[str]:
        """The SKUs of the selected rows (each SKU once)."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows(0)}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        found = (self.model.row_data(row) for row in sorted(rows))
        return list(dict.fromkeys(row["sku_code"] for row in found if row))

    def payload(self) -> dict[str, Any]:
        p = super().payload()
        if self.location_code:
            p["location_code"] = self.location_code
        return p

    def set_location(self, code: str | None) -> None:
        self.location_code = code or None
        self._update_location_bar()
        self._activated = True
        self._select_first = True
        self.model.set_payload(self.payload())

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
        code = row["product_code"]
        self._product_code = code
        stock = self.services.stock
        QueryOp(parent=self, op=lambda: stock.by_product({"product_code": code}),
                success=lambda result: self.show_product((result.get("data") or [None])[0]), key="by_product",
                runner=self.context.runner).failure(self.show_wms_error).run_in_background()

    def show_product(self, product: dict | None) -> None:
        """Product → colours → sizes → locations, with totals (the spec's nesting)."""
        self.product = product
        self.tree.clear()
        self.tree.setHeaderLabels([self.tr("Product / colour / size / location"), self.tr("Quantity"),
                                   self.tr("Locations")])
        if product is None:
            self.tree_title.setText(self.tr("Select a row to see its product by colour and size."))
            return
        self.tree_title.setText(self.tr("By product: %1").replace("%1", product["product_code"]))
        bold = QFont(self.tree.font())
        bold.setBold(True)

        def node(parent, texts: list[str], data: str | None = None, strong: bool = False) -> QTreeWidgetItem:
            item = QTreeWidgetItem(parent, texts)
            item.setTextAlignment(1, RIGHT)
            item.setTextAlignment(2, RIGHT)
            if data is not None:
                item.setData(0, Qt.ItemDataRole.UserRole, data)
            if strong:
                item.setFont(0, bold)
                item.setFont(1, bold)
            return item

        top = node(self.tree, [f"{product['product_code']}  {product['product_name']}",
                               quantity(product.get("total_quantity")), str(product.get("location_count", ""))],
                   product["product_code"], True)
        for colour in product.get("colors", []):
            c_item = node(top, [colour.get("color") or self.tr("(no colour)"), quantity(colour.get("total_quantity")),
                                str(colour.get("location_count", ""))], None, True)
            for size in colour.get("sizes", []):
                s_item = node(c_item, [f"{size.get('sku_size') or ''}  {size['sku_code']}",
                                       quantity(size.get("total_quantity")), str(len(size.get("locations", [])))],
                              size["sku_code"])
                for place in size.get("locations", []):
                    node(s_item, [place["location_code"], quantity(place["stock_quantity"]), ""], place["location_code"])
        self.tree.expandToDepth(1)
        # the matching SKU / location of the current row: make it current
        index = self.table.currentIndex()
        row = self.model.row_data(index.row()) if index.isValid() else None
        if row is not None:
            for i in range(top.childCount()):
                for j in range(top.child(i).childCount()):
                    s_item = top.child(i).child(j)
                    if s_item.data(0, Qt.ItemDataRole.UserRole) == row["sku_code"]:
                        s_item.setExpanded(True)
                        self.tree.setCurrentItem(s_item)

    def handle_scan(self, scan: Any) -> bool:
        kind, code = _scan_code(scan)
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
        if hasattr(self, "tree"):
            self._update_location_bar()
            self.show_product(self.product)


# -- Movements --------------------------------------------------------------------------------------
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
        for edit in (self.sku_filter, self.location_filter, self.operator_filter):
            edit.setClearButtonEnabled(True)
            edit.returnPressed.connect(self.apply_filters)
        self.apply_button.clicked.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        for widget in (self.sku_filter, self.location_filter, self.operator_filter, self.operation_filter,
                       self.from_check, self.from_date, self.to_check, self.to_date, self.apply_button,
                       self.clear_button):
            bar.addWidget(widget)
        bar.setStretch(0, 2)
        bar.setStretch(1, 2)
        bar.setStretch(2, 1)
        self.layout_.addLayout(bar)
        self.model = LedgerModel(lambda p: self.services.history.movements(p), parent=self, runner=self.context.runner)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.failed.connect(self.show_wms_error)
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 90, 170, 220, 140, 80, 70, 70, 90, 100)):
            header.resizeSection(column, width)
        self.layout_.addWidget(self.table, 1)

    def main_view(self) -> QWidget | None:
        return self.table

    def filters(self) -> dict[str, Any]:
        p: dict[str, Any] = {"sku_code": self.sku_filter.text().strip(),
                             "location_code": self.location_filter.text().strip(),
                             "operator_id": self.operator_filter.text().strip(),
                             "operation": self.operation_filter.currentData()}
        if self.from_check.isChecked():
            p["operated_from"] = _utc(self.from_date.date())
        if self.to_check.isChecked():
            p["operated_to"] = _utc(self.to_date.date().addDays(1))  # the whole day, exclusive end
        if getattr(self, "_product_code", None):
            p["product_code"] = self._product_code
        return p

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
        self.apply_filters()

    def load(self) -> None:
        self.apply_filters()

    def refresh(self) -> None:
        self._activated = True
        if self.can_load():
            self.model.set_filters(self.filters())

    def _page_loaded(self, rows: int) -> None:
        more = "" if self.model.at_end else "+"
        self.info.setText(self.tr("%1 movements, newest first").replace("%1", f"{rows:,}{more}"))

    def run_search(self, text: str) -> None:
        """A code in the search box: find out what it is (on a worker), then filter by it."""
        if not text:
            self._product_code = None
            self.sku_filter.clear()
            self.location_filter.clear()
            self.apply_filters()
            return
        services = self.services
        QueryOp(parent=self, op=lambda: _classify(services, text), success=self._classified, key="classify",
                runner=self.context.runner).run_in_background()

    def _classified(self, found: tuple[str, str] | None) -> None:
        if found is None:
            self.info.setText(self.tr("No product, SKU, location or barcode %1.").replace("%1", self.search_box.text()))
            return
        field, code = found
        self.set_filter(field, code)

    def set_filter(self, field: str, code: str) -> None:
        """Filter by one code: ``sku_code``, ``product_code`` or ``location_code``."""
        self._product_code = code if field == "product_code" else None
        if field == "product_code":
            self.sku_filter.clear()
        if field == "sku_code":
            self.sku_filter.setText(code)
        if field == "location_code":
            self.location_filter.setText(code)
        self.apply_filters()

    def handle_scan(self, scan: Any) -> bool:
        kind, code = _scan_code(scan)
        if not code:
            return False
        if kind == "sku":
            self.set_filter("sku_code", code)
            return True
        if kind == "location":
            self.set_filter("location_code", code)
            return True
        if kind == "external":
            catalog = self.services.catalog
            QueryOp(parent=self, op=lambda: ("sku_code", catalog.sku_by_external_code(code)["sku_code"]),
                    success=self._classified, key="classify", runner=self.context.runner) \
                .failure(self.show_wms_error).run_in_background()
            return True
        return False

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


def _utc(date: QDate) -> str:
    """Local midnight of ``date`` as UTC ISO 8601 with ``Z``."""
    moment = QDateTime(date, QTime(0, 0)).toUTC()
    return moment.toString("yyyy-MM-ddTHH:mm:ss") + "Z"


def _classify(services: Any, text: str) -> tuple[str, str] | None:
    """Worker thread: which movement filter does ``text`` mean? Decided as a scan would be."""
    from ..devices.scanner import Scan
    from .scanner import classify

    found = classify(services, Scan(text))
    if found.kind == "location":
        return "location_code", found.location_code
    if found.kind == "unknown":
        return None
    return ("sku_code", found.sku_code) if found.sku_code else ("product_code", found.product_code)


SCREENS: tuple[type[Screen], ...] = (ProductsScreen, LocationsScreen, StockScreen, MovementsScreen)
