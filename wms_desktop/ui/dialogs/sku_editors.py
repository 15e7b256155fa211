"""The product editor's SKU widgets: the colour × size grid and the panel of one SKU's weight
and barcodes. Both edit the editor's ``drafts`` (grid key → :class:`SkuDraft`) in place;
nothing here talks to the services.

Grid keys: a ticked cell is a SKU. Arrow keys move, Space ticks; typing a colour or size and
pressing Enter adds a row or column (its cells ticked, ready to untick).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIntValidator, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.codes import CODE_MAX, SKU_PART_MAX, SKU_SEPARATOR
from ...domain.fields import MAX_QUANTITY
from ..models.format import quantity
from ..scanning import disable_input_method
from ..widgets.feedback import error_line, show_text
from ..workflows.product_changes import Key, SkuDraft

KEY_ROLE = Qt.ItemDataRole.UserRole
NEW = QColor(225, 245, 225)
DELETED = QColor(255, 225, 225)
SELECTED_BORDER = 3  # px: the frame that marks the selected cell of a coloured (new / deleted) cell


class StateKeepingDelegate(QStyledItemDelegate):
    """A selected cell that is new (green) or will be deleted (red) keeps its colour and gets a
    frame in the selection colour instead: the selection fill would hide the very state it shows."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if not selected or not isinstance(background, QBrush) or background.style() == Qt.BrushStyle.NoBrush:
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)  # both tint the cell
        super().paint(painter, plain, index)
        painter.save()
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), SELECTED_BORDER))
        inset = SELECTED_BORDER // 2  # the pen is centred on the outline: keep all of it inside the cell
        painter.drawRect(option.rect.adjusted(inset, inset, -inset - 1, -inset - 1))
        painter.restore()


class EnterAdds(QObject):
    """Enter in an "add" field adds its text instead of pressing the dialog's default button."""

    def __init__(self, edit: QLineEdit, add) -> None:
        super().__init__(edit)
        self._add = add
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._add()
            return True
        return False


def _part_problem(text: str, taken: list[str]) -> str:
    if not text:
        return QCoreApplication.translate("SkuEditors", "Type a name first.")
    if SKU_SEPARATOR in text:
        return QCoreApplication.translate(
            "SkuEditors", "A colour or size cannot contain \"-\" (it separates the parts of a SKU code).")
    if len(text) > SKU_PART_MAX:
        return QCoreApplication.translate("SkuEditors", "At most %1 characters.").replace("%1", str(SKU_PART_MAX))
    if text in taken:
        return QCoreApplication.translate("SkuEditors", "%1 is already in the grid.").replace("%1", text)
    return ""


class SkuGrid(QWidget):
    """Colours as rows × sizes as columns, one tick box per cell."""

    current_changed = Signal(object)  # the current cell's Key, None when no cell is current
    changed = Signal()

    def __init__(self, drafts: dict[Key, SkuDraft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.saved: dict[Key, dict] = {}
        self.colours: list[str] = []
        self.sizes: list[str] = []
        self.product_code = ""
        self.colour_edit = QLineEdit()
        self.colour_edit.setObjectName("new_colour")
        self.colour_edit.setMaxLength(SKU_PART_MAX)
        self.size_edit = QLineEdit()
        self.size_edit.setObjectName("new_size")
        self.size_edit.setMaxLength(SKU_PART_MAX)
        disable_input_method(self.size_edit)  # sizes are S/M/L/42…; colours are often Chinese
        self.add_colour_button = QPushButton()
        self.add_size_button = QPushButton()
        for button in (self.add_colour_button, self.add_size_button):
            button.setAutoDefault(False)
        self.add_colour_button.clicked.connect(self.add_colour)
        self.add_size_button.clicked.connect(self.add_size)
        EnterAdds(self.colour_edit, self.add_colour)
        EnterAdds(self.size_edit, self.add_size)
        self.table = QTableWidget()
        self.table.setObjectName("sku_grid")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setItemDelegate(StateKeepingDelegate(self.table))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(lambda *_: self.current_changed.emit(self.current_key()))
        self.message = error_line("grid_error")
        adders = QGridLayout()
        self.colour_label = QLabel()
        self.colour_label.setBuddy(self.colour_edit)
        self.size_label = QLabel()
        self.size_label.setBuddy(self.size_edit)
        adders.addWidget(self.colour_label, 0, 0)
        adders.addWidget(self.colour_edit, 0, 1)
        adders.addWidget(self.add_colour_button, 0, 2)
        adders.addWidget(self.size_label, 1, 0)
        adders.addWidget(self.size_edit, 1, 1)
        adders.addWidget(self.add_size_button, 1, 2)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: palette(mid);")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(adders)
        box.addWidget(self.table, 1)
        box.addWidget(self.legend)
        box.addWidget(self.message)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.colour_label.setText(QCoreApplication.translate("SkuEditors", "C&olour"))
        self.size_label.setText(QCoreApplication.translate("SkuEditors", "Si&ze"))
        self.colour_edit.setPlaceholderText(QCoreApplication.translate("SkuEditors", "e.g. 黑色, then Enter"))
        self.size_edit.setPlaceholderText(QCoreApplication.translate("SkuEditors", "e.g. XL, then Enter"))
        self.add_colour_button.setText(QCoreApplication.translate("SkuEditors", "Add colour"))
        self.add_size_button.setText(QCoreApplication.translate("SkuEditors", "Add size"))
        self.legend.setText(QCoreApplication.translate(
            "SkuEditors", "Ticked = a SKU; the number is its stock. Space ticks or unticks; "
                          "green = new, red = will be deleted."))
        self.render()

    # -- contents ------------------------------------------------------------------------------
    def load(self, saved: dict[Key, dict], product_code: str) -> None:
        """Show the saved SKUs (ticked) plus whatever the drafts add; keeps the current cell."""
        self.saved = saved
        self.product_code = product_code
        for colour, size in list(saved) + list(self.drafts):
            if colour is not None and colour not in self.colours:
                self.colours.append(colour)
            if size is not None and size not in self.sizes:
                self.sizes.append(size)
        for key, sku in saved.items():
            self.drafts.setdefault(key, SkuDraft(weight_grams=sku["weight_grams"],
                                                 external_codes=list(sku["external_codes"]),
                                                 scan_code=sku["scan_code"]))
        self.render()

    def set_product_code(self, code: str) -> None:
        self.product_code = code
        self.render()

    def sku_code(self, key: Key) -> str:
        return SKU_SEPARATOR.join((self.product_code or "…", key[0], key[1]))

    def render(self) -> None:
        if not hasattr(self, "table"):
            return
        current = self.current_key()
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setRowCount(len(self.colours))
        self.table.setColumnCount(len(self.sizes))
        self.table.setVerticalHeaderLabels(self.colours)
        self.table.setHorizontalHeaderLabels(self.sizes)
        for r, colour in enumerate(self.colours):
            for c, size in enumerate(self.sizes):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                item.setData(KEY_ROLE, (colour, size))
                self._paint(item, (colour, size))
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        if current in self._keys():
            self.select((current[0], current[1]))

    def _keys(self) -> list[Key]:
        return [(c, s) for c in self.colours for s in self.sizes]

    def _paint(self, item: QTableWidgetItem, key: Key) -> None:
        draft = self.drafts.get(key)
        ticked = draft is not None and draft.checked
        saved = self.saved.get(key)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        font = QFont(self.table.font())
        if saved is not None:
            item.setText(quantity(saved["stock_quantity"]))
            font.setStrikeOut(not ticked)
            state = "" if ticked else QCoreApplication.translate("SkuEditors", "will be deleted")
            item.setBackground(QBrush(DELETED) if not ticked else QBrush())
        else:
            item.setText(QCoreApplication.translate("SkuEditors", "new") if ticked else "")
            state = QCoreApplication.translate("SkuEditors", "new") if ticked else ""
            item.setBackground(QBrush(NEW) if ticked else QBrush())
        item.setFont(font)
        item.setToolTip(f"{self.sku_code(key)} {state}".strip())

    def _item_changed(self, item: QTableWidgetItem) -> None:
        key = tuple(item.data(KEY_ROLE))
        ticked = item.checkState() == Qt.CheckState.Checked
        draft = self.drafts.setdefault(key, SkuDraft(checked=False))
        if draft.checked == ticked:
            return
        draft.checked = ticked
        self.table.blockSignals(True)
        self._paint(item, key)
        self.table.blockSignals(False)
        show_text(self.message, "")
        self.changed.emit()
        self.current_changed.emit(self.current_key())

    def add_colour(self) -> None:
        self._add(self.colour_edit, self.colours, lambda text: [(text, s) for s in self.sizes])

    def add_size(self) -> None:
        self._add(self.size_edit, self.sizes, lambda text: [(c, text) for c in self.colours])

    def _add(self, edit: QLineEdit, names: list[str], cells) -> None:
        text = edit.text().strip()
        problem = _part_problem(text, names)
        show_text(self.message, problem)
        if problem:
            edit.setFocus()
            return
        names.append(text)
        for key in cells(text):
            self.drafts.setdefault(key, SkuDraft())
        edit.clear()
        self.render()
        self.changed.emit()

    # -- selection -----------------------------------------------------------------------------
    def current_key(self) -> Key | None:
        item = self.table.currentItem() if hasattr(self, "table") else None
        return tuple(item.data(KEY_ROLE)) if item is not None else None

    def select(self, key: Key) -> None:
        if key in self._keys():
            self.table.setCurrentCell(self.colours.index(key[0]), self.sizes.index(key[1]))

    def key_of(self, sku_code: str) -> Key | None:
        return next((k for k in self._keys() if self.sku_code(k) == sku_code), None)


class SkuPanel(QGroupBox):
    """The weight and barcodes of one SKU (the grid's current cell, or a product's only SKU)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sku_panel")
        self.draft: SkuDraft | None = None
        self.sku_code = ""
        self.weight_edit = QLineEdit()
        self.weight_edit.setObjectName("weight_grams")
        self.weight_edit.setValidator(QIntValidator(0, MAX_QUANTITY, self.weight_edit))
        disable_input_method(self.weight_edit)
        self.weight_edit.textEdited.connect(self._weight_edited)
        self.weight_label = QLabel()
        self.weight_label.setBuddy(self.weight_edit)
        self.codes = QListWidget()
        self.codes.setObjectName("external_codes")
        self.codes.setMaximumHeight(110)
        self.codes.installEventFilter(self)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("new_external_code")
        self.code_edit.setMaxLength(CODE_MAX)
        disable_input_method(self.code_edit)
        EnterAdds(self.code_edit, self.add_code)
        self.codes_label = QLabel()
        self.codes_label.setBuddy(self.code_edit)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_code)
        self.remove_button.clicked.connect(self.remove_code)
        self.error = error_line("sku_error")
        weight = QHBoxLayout()
        weight.addWidget(self.weight_label)
        weight.addWidget(self.weight_edit, 1)
        self.grams = QLabel("g")
        weight.addWidget(self.grams)
        add = QHBoxLayout()
        add.addWidget(self.code_edit, 1)
        add.addWidget(self.add_button)
        add.addWidget(self.remove_button)
        box = QVBoxLayout(self)
        box.addLayout(weight)
        box.addWidget(self.codes_label)
        box.addWidget(self.codes)
        box.addLayout(add)
        box.addWidget(self.error)
        self.retranslate_ui()
        self.show_sku("", None)

    def retranslate_ui(self) -> None:
        self.weight_label.setText(QCoreApplication.translate("SkuEditors", "Unit &weight"))
        self.weight_edit.setPlaceholderText(QCoreApplication.translate("SkuEditors", "unknown"))
        self.codes_label.setText(QCoreApplication.translate("SkuEditors", "&Barcodes (external codes)"))
        self.code_edit.setPlaceholderText(
            QCoreApplication.translate("SkuEditors", "scan or type a barcode, then Enter"))
        self.add_button.setText(QCoreApplication.translate("SkuEditors", "Add"))
        self.remove_button.setText(QCoreApplication.translate("SkuEditors", "Remove"))
        self._retitle()

    def _retitle(self) -> None:
        if self.draft is not None and self.draft.scan_code:  # what its label's Code 128 carries without a barcode
            self.setTitle(QCoreApplication.translate("SkuEditors", "SKU %1 · scan code %2")
                          .replace("%1", self.sku_code).replace("%2", self.draft.scan_code))
        elif self.draft is not None:
            self.setTitle(QCoreApplication.translate("SkuEditors", "SKU %1").replace("%1", self.sku_code))
        else:
            self.setTitle(QCoreApplication.translate("SkuEditors", "SKU: tick a cell of the grid"))

    def show_sku(self, sku_code: str, draft: SkuDraft | None) -> None:
        """Edit ``draft`` (None: nothing to edit, e.g. an unticked cell)."""
        self.draft = draft
        self.sku_code = sku_code
        self.weight_edit.setText("" if draft is None or draft.weight_grams is None else str(draft.weight_grams))
        self.codes.clear()
        if draft is not None:
            self.codes.addItems(draft.external_codes)
        for widget in (self.weight_edit, self.codes, self.code_edit, self.add_button, self.remove_button):
            widget.setEnabled(draft is not None)
        show_text(self.error, "")
        self._retitle()

    def _weight_edited(self, text: str) -> None:
        self.draft.weight_grams = int(text) if text else None  # 0 is refused by the service, inline
        self.changed.emit()

    def add_code(self) -> None:
        code = self.code_edit.text().strip()
        if self.draft is None or not code:
            return
        if code in self.draft.external_codes:
            show_text(self.error,
                       QCoreApplication.translate("SkuEditors", "%1 is already in the list.").replace("%1", code))
            return
        self.draft.external_codes.append(code)
        self.codes.addItem(code)
        self.code_edit.clear()
        show_text(self.error, "")
        self.changed.emit()

    def remove_code(self) -> None:
        row = self.codes.currentRow()
        if self.draft is None or row < 0:
            return
        del self.draft.external_codes[row]
        self.codes.takeItem(row)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.codes and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Delete:
            self.remove_code()
            return True
        return super().eventFilter(watched, event)
