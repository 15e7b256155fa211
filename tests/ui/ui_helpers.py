"""Stand-ins the UI tests share."""
from __future__ import annotations

import threading

from wms_desktop.domain.errors import WmsError


class FakeAuth:
    """``services.auth`` as the GUI uses it: login / has_users / create_user."""

    def __init__(self, users: dict[str, str] | None = None) -> None:
        self.users = {name: {"password": pw, "display_name": name.title(), "role": "clerk"}
                      for name, pw in (users or {}).items()}
        self.calls: list[tuple[str, dict]] = []
        self.threads: list[int] = []
        self.gate: threading.Event | None = None

    def has_users(self) -> bool:
        self.threads.append(threading.get_ident())
        return bool(self.users)

    def login(self, payload: dict) -> dict:
        self.calls.append(("login", dict(payload)))
        self.threads.append(threading.get_ident())
        if self.gate is not None:
            self.gate.wait(5)
        user = self.users.get(payload["user_name"])
        if user is None or user["password"] != payload["password"]:
            raise WmsError("INVALID_CREDENTIALS")
        return {"user_id": list(self.users).index(payload["user_name"]) + 1, "user_name": payload["user_name"],
                "display_name": user["display_name"], "role": user["role"]}

    def create_user(self, payload: dict) -> dict:
        self.calls.append(("create_user", dict(payload)))
        if payload["user_name"] in self.users:
            raise WmsError("USER_NAME_EXISTS", details={"user_name": payload["user_name"]})
        self.users[payload["user_name"]] = {"password": payload["password"],
                                            "display_name": payload["display_name"], "role": payload["role"]}
        return {"user_id": len(self.users), **{k: payload[k] for k in ("user_name", "display_name", "role")}}


class FakeServices:
    def __init__(self, auth: FakeAuth) -> None:
        self.auth = auth
        self.warehouse_code = "WH01"

    def acting_as(self, user_name: str, role: str) -> "FakeServices":
        return self
