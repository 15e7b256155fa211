"""A user's role: one of the active roles the administrator may give (none holding a permission
they lack). Return saves; ``saved(user_name)`` then accept. The user's API tokens stop at once."""
from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QWidget

from ...contract.auth import SetRole, User
from ...contract.roles import RoleInfo
from ..session import AppContext
from .login import grantable_roles, role_label
from .user_setting import UserSettingDialog


class UserRoleDialog(UserSettingDialog):
    def __init__(self, context: AppContext, user: User, roles: list[RoleInfo], parent: QWidget | None = None) -> None:
        self.choice = QComboBox()
        super().__init__(context, user, self.choice, parent)
        self.setObjectName("UserRoleDialog")
        self.roles = grantable_roles(roles, context.session)
        self.retranslate_ui()
        self.choice.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Role"))
        self.label.setText(self.tr("&Role of %1:").replace("%1", self.user.display_name or self.user.user_name))
        self.choice.clear()
        for role in self.roles:
            self.choice.addItem(role_label(role), role.role_code)
        self.choice.setCurrentIndex(max(self.choice.findData(self.user.role), 0))

    @Slot()
    def save(self) -> None:
        role = self.choice.currentData()
        if role is not None:
            command = SetRole(user_name=self.user.user_name, role=role)
            self.store(lambda s: s.auth.set_role(command), "set-role")
