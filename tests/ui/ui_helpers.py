"""Stand-ins the UI tests share."""
from __future__ import annotations

import threading

from wms_desktop.contract.auth import CreateUser, Login, SignedIn, User
from wms_desktop.contract.decode import to_json
from wms_desktop.domain.errors import WmsError


class FakeAuth:
    """``services.auth`` as the GUI uses it: login / has_users / create_user (``contract.api.AuthApi``)."""

    def __init__(self, users: dict[str, str] | None = None) -> None:
        self.users = {name: {"password": pw, "display_name": name.title(), "role": "clerk"}
                      for name, pw in (users or {}).items()}
        self.calls: list[tuple[str, dict]] = []
        self.threads: list[int] = []
        self.gate: threading.Event | None = None

    def has_users(self) -> bool:
        self.threads.append(threading.get_ident())
        return bool(self.users)

    def login(self, command: Login) -> SignedIn:
        self.calls.append(("login", to_json(command)))
        self.threads.append(threading.get_ident())
        if self.gate is not None:
            self.gate.wait(5)
        user = self.users.get(command.user_name)
        if user is None or user["password"] != command.password:
            raise WmsError("INVALID_CREDENTIALS")
        return SignedIn(user_id=list(self.users).index(command.user_name) + 1, user_name=command.user_name,
                        display_name=user["display_name"], role=user["role"])

    def create_user(self, command: CreateUser) -> User:
        self.calls.append(("create_user", to_json(command)))
        if command.user_name in self.users:
            raise WmsError("USER_NAME_EXISTS", details={"user_name": command.user_name})
        self.users[command.user_name] = {"password": command.password, "display_name": command.display_name,
                                         "role": command.role}
        return User(user_id=len(self.users), user_name=command.user_name, display_name=command.display_name,
                    role=command.role, is_active=True, created_at=None)


class FakeServices:
    def __init__(self, auth: FakeAuth) -> None:
        self.auth = auth
        self.warehouse_code = "WH01"

    def acting_as(self, user_name: str, role: str, permissions: frozenset[str] | None = None) -> FakeServices:
        return self


def answer_question(qtbot, parent, key, modifier=None) -> list[set[str]]:
    """Press ``key`` in the next question box once it is up (polled: its exec() runs a loop of
    its own); the texts of the buttons it offered are recorded."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    asked: list[set[str]] = []
    timer = QTimer(parent)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            asked.append({b.text() for b in box.buttons()})
            qtbot.keyClick(box, key, modifier or Qt.KeyboardModifier.NoModifier)

    timer.timeout.connect(poll)
    timer.start(20)
    return asked
