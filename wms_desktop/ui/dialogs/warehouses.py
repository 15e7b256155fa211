"""Warehouses (administrators only): add one (it comes with its 无货位), rename it, switch it off
or on. A warehouse is never deleted: its stock and history stay; while it is off no workstation
works in it. This workstation's own warehouse cannot be switched off from here."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...contract.locations import CreateWarehouse, UpdateWarehouse, Warehouse
from ...domain.errors import WmsError
from ..errors.messages import error_text
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.feedback import error_line
from ..widgets.tables import setup_table

CODE, NAME, STATE = range(3)


class WarehousesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WarehousesDialog")
        self.context = context
        self.warehouses: list[Warehouse] = []
        self.model = QStandardItemModel(0, 3, self)
        self.table = QTableView()
        setup_table(self.table)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())
        self.code_edit, self.name_edit = QLineEdit(), QLineEdit()
        self.code_edit.setObjectName("warehouse_code")
        self.name_edit.setObjectName("warehouse_name")
        self.code_label, self.name_label = QLabel(), QLabel()
        self.code_label.setBuddy(self.code_edit)
        self.name_label.setBuddy(self.name_edit)
        form = QFormLayout()
        form.addRow(self.code_label, self.code_edit)
        form.addRow(self.name_label, self.name_edit)
        self.add_button, self.rename_button, self.toggle_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.error_label = error_line()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.toggle_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Warehouses"))
        self.code_label.setText(self.tr("&Code:"))
        self.name_label.setText(self.tr("&Name:"))
        self.add_button.setText(self.tr("&Add"))
        self.add_button.setToolTip(self.tr("A new warehouse with this code and name (and its 无货位)"))
        self.rename_button.setText(self.tr("&Rename"))
        self.rename_button.setToolTip(self.tr("Give the selected warehouse this name"))
        self.model.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Status")])
        self._fill()

    def load(self, select: str | None = None) -> None:
        QueryOp(self.context, parent=self, op=lambda s: s.warehouses.list(),
                success=lambda rows: self._loaded(rows, select), key="list").run_in_background()

    def _loaded(self, rows: list[Warehouse], select: str | None) -> None:
        self.warehouses = rows
        self._fill()
        codes = [w.warehouse_code for w in rows]
        if codes:
            self.table.selectRow(codes.index(select) if select in codes else 0)
        self._current_changed()

    def _fill(self) -> None:
        self.model.setRowCount(0)
        for w in self.warehouses:
            items = [QStandardItem(w.warehouse_code), QStandardItem(w.warehouse_name),
                     QStandardItem(self.tr("Active") if w.is_active else self.tr("Switched off"))]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)

    def current(self) -> Warehouse | None:
        index = self.table.currentIndex()
        return self.warehouses[index.row()] if index.isValid() and index.row() < len(self.warehouses) else None

    def _current_changed(self) -> None:
        current = self.current()
        own = current is not None and current.warehouse_code == self.context.warehouse_code
        self.rename_button.setEnabled(current is not None)
        self.toggle_button.setEnabled(current is not None and not (own and current.is_active))
        self.toggle_button.setText(self.tr("Switch &on") if current is not None and not current.is_active
                                   else self.tr("Switch o&ff"))
        self.toggle_button.setToolTip(self.tr("This workstation works in this warehouse") if own else "")
        if current is not None:
            self.name_edit.setText(current.warehouse_name)

    # -- changes ----------------------------------------------------------------------------------
    def add(self) -> None:
        code, name = self.code_edit.text().strip(), self.name_edit.text().strip()
        command = CreateWarehouse(warehouse_code=code, warehouse_name=name)
        self._send(lambda s: s.warehouses.create(command), code)

    def rename(self) -> None:
        current = self.current()
        if current is not None:
            command = UpdateWarehouse(warehouse_code=current.warehouse_code, warehouse_name=self.name_edit.text().strip())
            self._send(lambda s: s.warehouses.update(command), current.warehouse_code)

    def toggle_active(self) -> None:
        current = self.current()
        if current is not None:
            command = UpdateWarehouse(warehouse_code=current.warehouse_code, is_active=not current.is_active)
            self._send(lambda s: s.warehouses.update(command), current.warehouse_code)

    def _send(self, op, select: str) -> None:
        self.error_label.clear()
        QueryOp(self.context, parent=self, op=op, success=lambda _w: self.load(select), key="change") \
            .failure(self._refused).run_in_background()

    def _refused(self, error: WmsError) -> None:
        self.error_label.setText(error_text(error))
        self.error_label.setVisible(True)


def open_warehouses(context: AppContext, parent: QWidget | None) -> WarehousesDialog:
    dialog = WarehousesDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
