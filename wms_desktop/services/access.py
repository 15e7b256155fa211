"""Who may call what: every public method of a service area names the permission it needs.

    class Inventory(Area):  # services/unit.py
        @requires(MOVE_STOCK)
        def inbound(self, command: Inbound | Payload) -> StockMoved: ...

        @requires(READ)
        def …

``requires`` checks the area's :class:`Actor` before the method runs (before its input is even
decoded). ``Services.acting_as(user_name, role)`` binds every area to a signed-in user: writes
check the permissions of the role (``roles`` table, ``services/roles.py``), read when the user
is bound — every HTTP request, so a role's change applies to its tokens and keys at once — and
mutations are recorded under that user —
a command naming another ``operator_id`` is refused rather than trusted. The unbound services
(the command line's admin tool, demo data) act as the system: every permission, the operator
named in each command. A test walks every area and fails on a public method without a rule.

This keeps honest workstations honest. Anyone holding the database password can still write
directly; separating that needs per-user PostgreSQL roles.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from ..domain.errors import WmsError, invalid
from ..domain.permissions import MANAGE_USERS

READ: str | None = None  # open to every signed-in user
P = ParamSpec("P")
T = TypeVar("T")
A = TypeVar("A", bound="Guarded")


@dataclass(frozen=True)
class Actor:
    """The signed-in user with their role's permissions, or the system (``user_name`` None) for
    the command line."""

    user_name: str | None = None
    role: str | None = None
    permissions: frozenset[str] = frozenset()

    def require(self, permission: str | None) -> None:
        if permission is not None and not self.holds(permission):
            raise WmsError("PERMISSION_DENIED", details={"role": self.role, "permission": permission})

    def holds(self, permission: str) -> bool:
        return self.user_name is None or permission in self.permissions

    @property
    def grants(self) -> frozenset[str] | None:
        """What this caller may grant to a role, user or key: its own permissions (None: all)."""
        return None if self.user_name is None else self.permissions

    def operator(self, given: str | None, required: bool = True) -> str | None:
        if self.user_name is None:
            if given is None and required:
                raise invalid("operator_id", "is required")
            return given
        if given not in (None, self.user_name):
            raise WmsError("PERMISSION_DENIED", "Stock is recorded under the signed-in user",
                           details={"field": "operator_id", "operator_id": given})
        return self.user_name

    def require_self_or(self, user_name: str, permission: str = MANAGE_USERS) -> None:
        """One's own account, or anyone's with ``permission``."""
        if self.user_name is not None and user_name != self.user_name:
            self.require(permission)


SYSTEM = Actor()


class Guarded(Protocol):
    """A service area: it knows who is calling (``unit.Area``)."""

    @property
    def actor(self) -> Actor: ...


def requires(permission: str | None) -> Callable[[Callable[Concatenate[A, P], T]], Callable[Concatenate[A, P], T]]:
    """The permission a public method needs (``READ``: any signed-in user)."""

    def decorate(method: Callable[Concatenate[A, P], T]) -> Callable[Concatenate[A, P], T]:
        @functools.wraps(method)
        def guarded(self: A, *args: P.args, **kwargs: P.kwargs) -> T:
            self.actor.require(permission)
            return method(self, *args, **kwargs)

        guarded.permission = permission  # type: ignore[attr-defined]  # read by the access test
        return guarded

    return decorate


def permission_of(method: Callable[..., object]) -> str | None:
    """The rule of a public method; AttributeError when it has none."""
    return method.permission  # type: ignore[attr-defined]
