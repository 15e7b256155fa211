"""What the screens read: who is logged in, and the things the composition root built."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..contract.api import ServiceApi
from ..contract.auth import SignedIn
from ..domain.permissions import BUILT_IN
from .app_settings import AppSettings
from .ops import OpRunner

if TYPE_CHECKING:
    from .connection import DatabaseLink
    from .devices import DeviceBridge
    from .i18n import Translator


@dataclass(frozen=True)
class Session:
    """The logged-in user, from ``services.auth.login``."""

    user_id: int
    user_name: str
    display_name: str
    role: str
    permissions: frozenset[str] | None = None  # the role's at sign-in; None: a built-in role's as seeded

    @property
    def held(self) -> frozenset[str]:
        return BUILT_IN.get(self.role, frozenset()) if self.permissions is None else self.permissions

    @property
    def operator_id(self) -> str:
        """What stock operations record as ``operator_id``."""
        return self.user_name

    def can(self, permission: str) -> bool:
        """What this role may do (``wms_desktop.domain.permissions``); the services check it again."""
        return permission in self.held

    @classmethod
    def from_login(cls, result: SignedIn) -> Session:
        return cls(result.user_id, result.user_name, result.display_name or result.user_name, result.role,
                   frozenset(result.permissions))


@dataclass
class AppContext:
    """Handed from ``wms_desktop.app`` to the UI; the UI never builds any of this itself."""

    services: ServiceApi  # the signed-in user's after sign-in (ui never imports the services themselves)
    settings: AppSettings
    runner: OpRunner
    warehouse_code: str
    database_label: str  # URL without password
    embedded: bool = False  # the embedded SQLite default (offer demo data, no shared server)
    seed_demo: Callable[[], bool] | None = None  # fill an empty catalogue with demo data
    translator: Translator | None = None
    devices: DeviceBridge | None = None  # scale, sensors (None: no MQTT at all)
    link: DatabaseLink | None = None  # a shared server's link (None: no checks, nothing refused early)
    session: Session | None = None
    extras: dict[str, Any] = field(default_factory=dict)
