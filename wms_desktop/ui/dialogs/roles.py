"""Roles (administrators only): named sets of permissions that users and API keys hold. Add a
role (or copy one), rename it, tick its permissions, switch it off.

Nobody grants what they lack: permissions the signed-in user does not hold cannot be ticked, and
a role holding any of them is shown but not editable (the services refuse both, 12003). A
role's code is kept for good; its name is what people read.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
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

from ...contract.roles import CreateRole, RoleInfo, SetRoleActive, UpdateRole
from ...domain.errors import WmsError
from ...domain.permissions import ALL, ungrantable
from ..errors.messages import error_text
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.feedback import error_line, show_text
from ..widgets.fit_columns import fit_columns
from ..widgets.tables import setup_table
from .login import role_label

PERMISSIONS = 2  # the permissions' column takes the spare width


def permission_names() -> dict[str, str]:
    """Each permission as an administrator reads it, in the current language."""
    return {
        "move_stock": QCoreApplication.translate("Permissions", "Receive, ship and transfer stock"),
        "correct_stock": QCoreApplication.translate("Permissions", "Count and adjust stock"),
        "approve_counts": QCoreApplication.translate("Permissions", "Approve and post counts"),
        "edit_catalog": QCoreApplication.translate("Permissions", "Edit products"),
        "edit_locations": QCoreApplication.translate("Permissions", "Edit locations"),
        "plan_documents": QCoreApplication.translate("Permissions", "Plan, close and cancel documents"),
        "confirm_unscanned": QCoreApplication.translate("Permissions", "Confirm picks that were not scanned"),
        "manage_users": QCoreApplication.translate("Permissions", "Manage users, roles and warehouses"),
    }


class RolesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RolesDialog")
        self.context = context
        self.roles: list[RoleInfo] = []
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        setup_table(self.table)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda *_: self.edit_role())
        self.add_button, self.copy_button, self.edit_button, self.toggle_button = (QPushButton() for _ in range(4))
        self.add_button.clicked.connect(lambda: self._open_editor(None, copy=False))
        self.copy_button.clicked.connect(lambda: self._open_editor(self.current_role(), copy=True))
        self.edit_button.clicked.connect(self.edit_role)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.error_label = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.copy_button, self.edit_button, self.toggle_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error_label)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(820, 380)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Roles"))
        self.add_button.setText(self.tr("&New role…"))
        self.copy_button.setText(self.tr("Co&py…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.model.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Permissions"),
                                              self.tr("Active")])
        self._fill()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def load(self, select: str | None = None) -> None:
        QueryOp(self.context, parent=self, op=lambda s: s.roles.list(),
                success=lambda roles: self._loaded(roles, select), key="roles").run_in_background()

    def _loaded(self, roles: list[RoleInfo], select: str | None) -> None:
        self.roles = roles
        self._fill()
        codes = [r.role_code for r in roles]
        self.table.selectRow(codes.index(select) if select in codes else 0)
        self._update_buttons()

    def _fill(self) -> None:
        names = permission_names()
        self.model.removeRows(0, self.model.rowCount())
        for role in self.roles:
            cells = [role.role_code, role_label(role), ", ".join(names[p] for p in ALL if p in role.permissions),
                     self.tr("yes") if role.is_active else self.tr("no")]
            items = [QStandardItem(text) for text in cells]
            if not role.is_active:
                for item in items:
                    item.setForeground(Qt.GlobalColor.gray)
            self.model.appendRow(items)
        fit_columns(self.table, stretch=PERMISSIONS)

    def current_role(self) -> RoleInfo | None:
        row = self.table.currentIndex().row()
        return self.roles[row] if 0 <= row < len(self.roles) else None

    def _editable(self, role: RoleInfo | None) -> bool:
        session = self.context.session
        return role is not None and not ungrantable(session.held if session else None, role.permissions)

    def _update_buttons(self) -> None:
        role = self.current_role()
        own = self.context.session.role if self.context.session else None
        self.edit_button.setEnabled(self._editable(role))
        self.copy_button.setEnabled(role is not None)
        self.toggle_button.setEnabled(self._editable(role) and role is not None and role.role_code != own)
        active = role is None or role.is_active
        self.toggle_button.setText(self.tr("Switch &off") if active else self.tr("Switch &on"))

    @Slot()
    def edit_role(self) -> None:
        role = self.current_role()
        if self._editable(role):
            self._open_editor(role, copy=False)

    def _open_editor(self, role: RoleInfo | None, copy: bool) -> RoleEditor:
        dialog = RoleEditor(self.context, role, copy, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda code: self.load(select=code))
        dialog.open()
        return dialog

    @Slot()
    def toggle_active(self) -> None:
        role = self.current_role()
        if role is None:
            return
        command = SetRoleActive(role_code=role.role_code, is_active=not role.is_active)
        self.show_error("")
        QueryOp(self.context, parent=self, op=lambda s: s.roles.set_active(command),
                success=lambda changed: self.load(select=changed.role_code), key="role-active").run_in_background()

    def show_error(self, text: str) -> None:
        show_text(self.error_label, text)

    def show_wms_error(self, error: WmsError) -> None:
        self.show_error(error_text(error))


class RoleEditor(QDialog):
    """A new role (``role`` None, or a copy of ``role``), or ``role`` edited: code, name and a
    tick per permission; ``saved(role_code)`` then accept."""

    saved = Signal(str)

    def __init__(self, context: AppContext, role: RoleInfo | None, copy: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RoleEditor")
        self.context = context
        self.editing = role if not copy else None
        self.shown_name = role_label(role) if role else ""
        self.code = QLineEdit(role.role_code if self.editing else "")
        self.code.setReadOnly(self.editing is not None)  # kept for good: users and keys name it
        self.name = QLineEdit(self.shown_name)
        session = context.session
        held = session.held if session else None
        self.checks = {p: QCheckBox() for p in ALL}
        for permission, box in self.checks.items():
            box.setChecked(role is not None and permission in role.permissions)
            box.setEnabled(not ungrantable(held, [permission]))  # nobody grants what they lack
        self.form = QFormLayout()
        self.code_label, self.name_label = QLabel(), QLabel()
        for label, edit in ((self.code_label, self.code), (self.name_label, self.name)):
            label.setBuddy(edit)
            self.form.addRow(label, edit)
        for box in self.checks.values():
            self.form.addRow(box)
        self.error_label = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        (self.name if self.editing else self.code).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit role") if self.editing else self.tr("New role"))
        self.code_label.setText(self.tr("C&ode:"))
        self.name_label.setText(self.tr("&Name:"))
        names = permission_names()
        for permission, box in self.checks.items():
            box.setText(names[permission])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def chosen(self) -> list[str]:
        return [p for p, box in self.checks.items() if box.isChecked()]

    @Slot()
    def save(self) -> None:
        code, name = self.code.text().strip(), self.name.text().strip()
        if not code:
            self.show_error(self.tr("Enter a code."))
            self.code.setFocus()
            return
        self.show_error("")
        if self.editing:  # a built-in role's translated name, untouched, keeps its stored one
            kept = self.editing.role_name if name == self.shown_name else name or code
            update = UpdateRole(role_code=code, role_name=kept, permissions=self.chosen())  # type: ignore[arg-type]
            op = lambda s: s.roles.update(update)  # noqa: E731
        else:
            create = CreateRole(role_code=code, role_name=name or code, permissions=self.chosen())  # type: ignore[arg-type]
            op = lambda s: s.roles.create(create)  # noqa: E731
        QueryOp(self.context, parent=self, op=op, success=self._saved, key="save-role").run_in_background()

    def _saved(self, role: RoleInfo) -> None:
        self.saved.emit(role.role_code)
        self.accept()

    def show_error(self, text: str) -> None:
        show_text(self.error_label, text)

    def show_wms_error(self, error: WmsError) -> None:
        self.show_error(error_text(error))
