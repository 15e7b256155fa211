"""A user's role: one of the active roles the administrator may give (none holding a permission
they lack). Return saves; ``saved(user_name)`` then accept. The user's API tokens stop at once."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...contract.auth import SetRole, User
from ...contract.roles import RoleInfo
from ...domain.errors import WmsError
from ..errors.messages import error_text
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.feedback import error_line, show_text
from .login import grantable_roles, role_label


class UserRoleDialog(QDialog):
    saved = Signal(str)

    def __init__(self, context: AppContext, user: User, roles: list[RoleInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserRoleDialog")
        self.context = context
        self.user = user
        self.roles = grantable_roles(roles, context.session)
        self.label = QLabel()
        self.choice = QComboBox()
        self.label.setBuddy(self.choice)
        self.error_label = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.choice)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.choice.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Role"))
        self.label.setText(self.tr("&Role of %1:").replace("%1", self.user.display_name or self.user.user_name))
        self.choice.clear()
        for role in self.roles:
            self.choice.addItem(role_label(role), role.role_code)
        self.choice.setCurrentIndex(max(self.choice.findData(self.user.role), 0))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot()
    def save(self) -> None:
        role = self.choice.currentData()
        if role is None:
            return
        command = SetRole(user_name=self.user.user_name, role=role)
        self.show_error("")
        QueryOp(self.context, parent=self, op=lambda s: s.auth.set_role(command),
                success=lambda changed: self._saved(changed.user_name), key="set-role").run_in_background()

    def _saved(self, user_name: str) -> None:
        self.saved.emit(user_name)
        self.accept()

    def show_error(self, text: str) -> None:
        show_text(self.error_label, text)

    def show_wms_error(self, error: WmsError) -> None:
        self.show_error(error_text(error))
