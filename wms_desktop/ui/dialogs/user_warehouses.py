"""Where a user may work: a checklist of the active warehouses (administrators work everywhere
and need none). Space ticks, Return saves; ``saved(user_name)`` then accept."""
from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ...contract.auth import SetWarehouses, User
from ...contract.locations import Warehouse
from ..ops import QueryOp
from ..session import AppContext
from .user_setting import UserSettingDialog


class UserWarehousesDialog(UserSettingDialog):
    def __init__(self, context: AppContext, user: User, parent: QWidget | None = None) -> None:
        self.choices = QListWidget()
        super().__init__(context, user, self.choices, parent)
        self.setObjectName("UserWarehousesDialog")
        self.retranslate_ui()
        QueryOp(context, parent=self, op=lambda s: s.warehouses.list(), success=self._loaded,
                key="user-warehouses").run_in_background()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Warehouses of %1").replace("%1", self.user.user_name))
        self.label.setText(self.tr("&May work in:"))

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
        self.store(lambda s: s.auth.set_warehouses(command), "set-warehouses")
