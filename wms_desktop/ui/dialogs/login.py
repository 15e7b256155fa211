"""Log in, and create the first administrator when the database has no users yet.

Both dialogs call ``services.auth`` through the op runner (password hashing and a possibly
remote database stay off the GUI thread) and show refusals inline with their code.
"""
from __future__ import annotations

from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...contract.auth import CreateUser, Login, SignedIn
from ...contract.fields import Role
from ...contract.roles import RoleInfo
from ...domain.errors import WmsError
from ...domain.permissions import ADMIN, ungrantable
from ..errors.messages import error_markup
from ..ops import HasServices, QueryOp
from ..session import Session
from ..widgets.feedback import error_line, show_text


class _AuthDialog(QDialog):
    def __init__(self, context: HasServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error_label = error_line()
        self.submit_button = QPushButton()
        self.submit_button.setDefault(True)  # Enter in any field submits
        self.submit_button.setAutoDefault(True)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _field(self, password: bool = False) -> QLineEdit:
        edit = QLineEdit()
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:  # pragma: no cover - overridden
        pass

    # -- inline errors ------------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        show_text(self.error_label, text)

    def show_wms_error(self, error: WmsError) -> None:
        self.set_busy(False)
        self.show_error(error_markup(error))

    def set_busy(self, busy: bool) -> None:
        for edit in self.findChildren(QLineEdit):
            edit.setEnabled(not busy)
        self.submit_button.setEnabled(not busy)
        if not busy:  # disabling moved the focus past the button, and that took its default away
            self.submit_button.setDefault(True)

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class LoginDialog(_AuthDialog):
    """User name + password; ``logged_in(Session)`` then accept."""

    logged_in = Signal(object)

    def __init__(self, context: HasServices, parent: QWidget | None = None, user_name: str = "") -> None:
        super().__init__(context, parent)
        self.setObjectName("LoginDialog")
        self.user_name = self._field()
        self.user_name.setText(user_name)
        self.password = self._field(password=True)
        self.user_label, self.password_label = QLabel(), QLabel()
        self.user_label.setBuddy(self.user_name)
        self.password_label.setBuddy(self.password)
        self.form.addRow(self.user_label, self.user_name)
        self.form.addRow(self.password_label, self.password)
        self.session: Session | None = None
        self.retranslate_ui()
        (self.password if user_name else self.user_name).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in — wms-desktop"))
        self.heading.setText(self.tr("Sign in to the warehouse workstation."))
        self.user_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.submit_button.setText(self.tr("&Sign in"))
        self.cancel_button.setText(self.tr("&Quit"))

    @Slot()
    def submit(self) -> None:
        user_name, password = self.user_name.text().strip(), self.password.text()
        if not user_name:
            self.show_error(self.tr("Enter your user name."))
            self.user_name.setFocus()
            return
        if not password:
            self.show_error(self.tr("Enter your password."))
            self.password.setFocus()
            return
        self.show_error("")
        self.set_busy(True)
        command = Login(user_name=user_name, password=password)
        QueryOp(self.context, parent=self, op=lambda s: s.auth.login(command), success=self._logged_in,
                key="login").failure(self._failed).run_in_background()

    def _logged_in(self, result: SignedIn) -> None:
        self.set_busy(False)
        self.session = Session.from_login(result)
        self.logged_in.emit(self.session)
        self.accept()

    def _failed(self, error: WmsError) -> None:
        self.show_wms_error(error)
        self.password.clear()
        self.password.setFocus()


def role_names() -> dict[str, str]:
    """The built-in roles' seeded names (English), in the current language."""
    return {"Clerk": QCoreApplication.translate("Roles", "Clerk"),
            "Supervisor": QCoreApplication.translate("Roles", "Supervisor"),
            "Administrator": QCoreApplication.translate("Roles", "Administrator")}


def role_label(role: RoleInfo) -> str:
    """A role as the user reads it: a built-in one under its seeded name is translated."""
    return role_names().get(role.role_name, role.role_name) if role.built_in else role.role_name


def grantable_roles(roles: list[RoleInfo], session: Session | None) -> list[RoleInfo]:
    """The active roles one may give: none holding a permission one lacks."""
    held = session.held if session is not None else None
    return [r for r in roles if r.is_active and not ungrantable(held, r.permissions)]


class NewUserDialog(_AuthDialog):
    """Add a user account: name, display name, role, password twice; ``created(user_name)`` then accept."""

    created = Signal(str)
    fixed_role: str | None = None  # a subclass that creates one kind of account hides the role choice

    def __init__(self, context: HasServices, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName(type(self).__name__)
        self.user_name = self._field()
        self.display_name = self._field()
        self.role = QComboBox()
        self.password = self._field(password=True)
        self.repeat = self._field(password=True)
        self.roles: list[RoleInfo] = []
        rows = [self.user_name, self.display_name, self.role, self.password, self.repeat]
        if self.fixed_role:
            rows.remove(self.role)
        else:
            QueryOp(context, parent=self, op=lambda s: s.roles.list(), success=self._roles_loaded,
                    key="roles").run_in_background()
        self.labels = {edit: QLabel() for edit in rows}
        for edit, label in self.labels.items():
            label.setBuddy(edit)
            self.form.addRow(label, edit)
        self.retranslate_ui()
        self.user_name.setFocus()

    def _roles_loaded(self, roles: list[RoleInfo]) -> None:
        self.roles = grantable_roles(roles, getattr(self.context, "session", None))  # nobody gives what they lack
        self._fill_roles()

    def _fill_roles(self) -> None:
        role = self.role.currentData() or "clerk"
        self.role.clear()
        for info in self.roles:
            self.role.addItem(role_label(info), info.role_code)
        self.role.setCurrentIndex(max(self.role.findData(role), 0))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New user"))
        self.heading.setText(self.tr("Add an account for someone who works at these workstations. "
                                     "Clerks receive, ship and transfer; supervisors also count, adjust "
                                     "and edit products and locations; administrators also manage users."))
        self._fill_roles()
        texts = {self.user_name: self.tr("&User name:"), self.display_name: self.tr("&Display name:"),
                 self.role: self.tr("R&ole:"), self.password: self.tr("&Password:"),
                 self.repeat: self.tr("&Repeat password:")}
        for edit, label in self.labels.items():
            label.setText(texts[edit])
        self.submit_button.setText(self.tr("Cr&eate user"))
        self.cancel_button.setText(self.tr("&Cancel"))

    @Slot()
    def submit(self) -> None:
        user_name = self.user_name.text().strip()
        display_name = self.display_name.text().strip() or user_name
        password = self.password.text()
        if not user_name:
            self.show_error(self.tr("Enter a user name."))
            self.user_name.setFocus()
            return
        if not password:
            self.show_error(self.tr("Enter a password."))
            self.password.setFocus()
            return
        if password != self.repeat.text():
            self.show_error(self.tr("The two passwords are not the same."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        self.show_error("")
        self.set_busy(True)
        command = CreateUser(user_name=user_name, password=password, display_name=display_name,
                             role=cast(Role, self.fixed_role or self.role.currentData()))
        QueryOp(self.context, parent=self, op=lambda s: s.auth.create_user(command),
                success=lambda _user: self._created(user_name), key="create-user").run_in_background()

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.role.setEnabled(not busy)

    def _created(self, user_name: str) -> None:
        self.set_busy(False)
        self.created.emit(user_name)
        self.accept()


class FirstAdminDialog(NewUserDialog):
    """No users yet: create the first administrator."""

    fixed_role = ADMIN

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(self.tr("Create the first administrator"))
        self.heading.setText(self.tr("This database has no users yet. Create the administrator account "
                                     "that will sign in first and add the other users."))
        self.submit_button.setText(self.tr("&Create administrator"))
        self.cancel_button.setText(self.tr("&Quit"))
