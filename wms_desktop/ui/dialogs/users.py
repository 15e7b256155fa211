"""Users (administrators only): who may sign in, with which role and in which warehouses; add
accounts, choose their role and warehouses, switch them off, read their history (the audit trail).

An account is never deleted: the ledger names its user as operator for good. Switching it off
stops the sign-in; an administrator cannot switch off their own account (and so lock everyone out).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from ...contract.auth import SetActive, User
from ...contract.roles import RoleInfo
from ...domain.errors import WmsError
from ...domain.permissions import MANAGE_USERS
from ..errors.messages import error_text
from ..models.format import local_time
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.feedback import error_line, show_text
from ..widgets.fit_columns import fit_columns
from ..widgets.tables import setup_table
from .audit import AuditDialog, open_audit
from .login import NewUserDialog, role_label
from .user_role import UserRoleDialog
from .user_warehouses import UserWarehousesDialog

NAME = 1  # the display name's column


class UsersDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UsersDialog")
        self.context = context
        self.users: list[User] = []
        self.roles: dict[str, RoleInfo] = {}
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        setup_table(self.table)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.add_button = QPushButton()
        self.toggle_button = QPushButton()
        self.warehouses_button = QPushButton()
        self.role_button = QPushButton()
        self.history_button = QPushButton()
        self.add_button.clicked.connect(self.add_user)
        self.history_button.clicked.connect(self.show_history)
        self.role_button.clicked.connect(self.edit_role)
        self.warehouses_button.clicked.connect(self.edit_warehouses)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.error_label = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.role_button)
        row.addWidget(self.warehouses_button)
        row.addWidget(self.toggle_button)
        row.addWidget(self.history_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error_label)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(760, 380)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Users"))
        self.add_button.setText(self.tr("&New user…"))
        self.warehouses_button.setText(self.tr("&Warehouses…"))
        self.role_button.setText(self.tr("&Role…"))
        self.history_button.setText(self.tr("Histor&y…"))
        self.model.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Name"), self.tr("Role"),
                                              self.tr("Warehouses"), self.tr("Active"), self.tr("Created")])
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def load(self, select: str | None = None) -> None:
        QueryOp(self.context, parent=self, op=lambda s: (s.auth.list_users(), s.roles.list()),
                success=lambda found: self._loaded(*found, select), key="users").run_in_background()

    def _loaded(self, users: list[User], roles: list[RoleInfo], select: str | None) -> None:
        self.users = users
        self.roles = {r.role_code: r for r in roles}
        self._fill()
        names = [u.user_name for u in users]
        self.table.selectRow(names.index(select) if select in names else 0)
        self._update_buttons()

    def _fill(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for user in self.users:
            role = self.roles.get(user.role)
            cells = [user.user_name, user.display_name or "", role_label(role) if role else user.role, self._places(user),
                     self.tr("yes") if user.is_active else self.tr("no"), local_time(user.created_at)]
            items = [QStandardItem(text) for text in cells]
            if not user.is_active:
                for item in items:
                    item.setForeground(Qt.GlobalColor.gray)
            self.model.appendRow(items)
        fit_columns(self.table, stretch=NAME)  # a handful of accounts: the display name takes the spare width

    def _administers(self, user: User) -> bool:
        role = self.roles.get(user.role)
        return role is not None and role.is_active and MANAGE_USERS in role.permissions

    def _places(self, user: User) -> str:
        if self._administers(user):
            return self.tr("all")  # administrators work in every warehouse
        return ", ".join(user.warehouse_codes)

    def current_user(self) -> User | None:
        row = self.table.currentIndex().row()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _update_buttons(self) -> None:
        user = self.current_user()
        me = self.context.session.user_name if self.context.session else None
        self.toggle_button.setEnabled(user is not None and user.user_name != me)
        self.warehouses_button.setEnabled(user is not None and not self._administers(user))
        self.role_button.setEnabled(user is not None and user.user_name != me)
        self.history_button.setEnabled(user is not None)
        active = user is None or user.is_active
        self.toggle_button.setText(self.tr("Switch &off") if active else self.tr("Switch &on"))

    @Slot()
    def add_user(self) -> None:
        dialog = NewUserDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda name: self.load(select=name))
        dialog.open()

    @Slot()
    def edit_warehouses(self) -> None:
        user = self.current_user()
        if user is None:
            return
        dialog = UserWarehousesDialog(self.context, user, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda name: self.load(select=name))
        dialog.open()

    @Slot()
    def edit_role(self) -> None:
        user = self.current_user()
        if user is None:
            return
        dialog = UserRoleDialog(self.context, user, list(self.roles.values()), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda name: self.load(select=name))
        dialog.open()

    @Slot()
    def show_history(self) -> AuditDialog | None:
        """The user's trail: created, role, warehouses, password changed, switched off or on."""
        user = self.current_user()
        if user is None:
            return None
        return open_audit(self.context, "user", user.user_id, user.display_name or user.user_name, self)

    @Slot()
    def toggle_active(self) -> None:
        user = self.current_user()
        if user is None:
            return
        command = SetActive(user_name=user.user_name, is_active=not user.is_active)
        self.show_error("")
        QueryOp(self.context, parent=self, op=lambda s: s.auth.set_active(command),
                success=lambda changed: self.load(select=changed.user_name), key="set-active").run_in_background()

    def show_error(self, text: str) -> None:
        show_text(self.error_label, text)

    def show_wms_error(self, error: WmsError) -> None:
        self.show_error(error_text(error))
