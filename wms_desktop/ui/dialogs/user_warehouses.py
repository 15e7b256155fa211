"""Where a user may work: a checklist of the active warehouses (administrators work everywhere
and need none). Space ticks, Return saves; ``saved(user_name)`` then accept."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...contract.auth import SetWarehouses, User
from ...contract.locations import Warehouse
from ...domain.errors import WmsError
from ..errors.messages import error_text
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.feedback import error_line, show_text


class UserWarehousesDialog(QDialog):
    saved = Signal(str)

    def __init__(self, context: AppContext, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserWarehousesDialog")
        self.context = context
        self.user = user
        self.label = QLabel()
        self.choices = QListWidget()
        self.label.setBuddy(self.choices)
        self.error_label = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.choices)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        QueryOp(context, parent=self, op=lambda s: s.warehouses.list(), success=self._loaded,
                key="user-warehouses").run_in_background()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Warehouses of %1").replace("%1", self.user.user_name))
        self.label.setText(self.tr("&May work in:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _loaded(self, warehouses: list[Warehouse]) -> None:
        self.choices.clear()
        for warehouse in warehouses:
            if not warehouse.is_active and warehouse.warehouse_code not in self.user.warehouse_codes:
                continue
            item = QListWidgetItem(f"{warehouse.warehouse_code}  {warehouse.warehouse_name}")
            item.setData(Qt.ItemDataRole.UserRole, warehouse.warehouse_code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = warehouse.warehouse_code in self.user.warehouse_codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.choices.setFocus()

    def chosen(self) -> list[str]:
        items = (self.choices.item(row) for row in range(self.choices.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    @Slot()
    def save(self) -> None:
        command = SetWarehouses(user_name=self.user.user_name, warehouse_codes=self.chosen())
        self.show_wms_error(None)
        QueryOp(self.context, parent=self, op=lambda s: s.auth.set_warehouses(command), success=self._saved,
                key="set-warehouses").run_in_background()

    def _saved(self, user: User) -> None:
        self.saved.emit(user.user_name)
        self.accept()

    def show_wms_error(self, error: WmsError | None) -> None:
        show_text(self.error_label, error_text(error) if error is not None else "")
