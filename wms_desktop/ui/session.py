"""What the screens read: who is logged in, and the things the composition root built."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..domain.permissions import allows
from .ops import OpRunner
from .settings import AppSettings


@dataclass(frozen=True)
class Session:
    """The logged-in user, from ``services.auth.login``."""

    user_id: Any
    user_name: str
    display_name: str
    role: str

    @property
    def operator_id(self) -> str:
        """What stock operations record as ``operator_id``."""
        return self.user_name

    def can(self, permission: str) -> bool:
        """What this role may do (``wms_desktop.domain.permissions``); the services check it again."""
        return allows(self.role, permission)

    @classmethod
    def from_login(cls, result: Mapping[str, Any]) -> "Session":
        return cls(result["user_id"], result["user_name"], result.get("display_name") or result["user_name"],
                   result.get("role") or "")


@dataclass
class AppContext:
    """Handed from ``wms_desktop.app`` to the UI; the UI never builds any of this itself."""

    services: Any  # wms_desktop.services.Services (typed loosely: ui never imports the db layer)
    settings: AppSettings
    runner: OpRunner
    warehouse_code: str
    database_label: str  # URL without password
    embedded: bool = False  # the embedded SQLite default (offer demo data, no shared server)
    seed_demo: Callable[[], bool] | None = None  # fill an empty catalogue with demo data
    translator: Any = None  # wms_desktop.ui.i18n.Translator
    devices: Any = None  # wms_desktop.ui.devices.DeviceBridge: scale, sensors (None: no MQTT at all)
    link: Any = None  # wms_desktop.ui.connection.DatabaseLink (None: no checks, nothing refused early)
    session: Session | None = None
    extras: dict[str, Any] = field(default_factory=dict)
