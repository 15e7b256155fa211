"""The services as one signed-in user may use them.

``Services.acting_as(user_name, role)`` wraps the facade: every write checks the role's
permission (``wms_desktop.domain.permissions``) before it reaches the database, and stock
operations are recorded under the signed-in user — a payload naming another ``operator_id`` is
refused rather than trusted. Every public method of every service is listed in ``RULES``; one
that is not fails loudly instead of slipping through unguarded (a test walks the classes).

This keeps honest workstations honest. Anyone holding the database password can still write
directly; separating that needs per-user PostgreSQL roles, which the shared deployment does not
use yet.
"""
from __future__ import annotations

from typing import Any, Callable

from ..domain.errors import WmsError
from ..domain.permissions import (CORRECT_STOCK, EDIT_CATALOG, EDIT_LOCATIONS, MANAGE_USERS, MOVE_STOCK,
                                  require)

READ = None
# service attribute -> method -> the permission it needs (READ: any signed-in user)
RULES: dict[str, dict[str, str | None]] = {
    "inventory": {
        "inbound": MOVE_STOCK, "outbound": MOVE_STOCK, "transfer": MOVE_STOCK,
        "adjust": CORRECT_STOCK, "count": CORRECT_STOCK, "batch_adjust": CORRECT_STOCK,
    },
    "catalog": {
        "create_product": EDIT_CATALOG, "update_product": EDIT_CATALOG, "delete_product": EDIT_CATALOG,
        "create_sku": EDIT_CATALOG, "update_sku": EDIT_CATALOG, "delete_sku": EDIT_CATALOG,
        "add_external_codes": EDIT_CATALOG, "remove_external_code": EDIT_CATALOG,
        "product_by_id": READ, "product_detail": READ, "product_by_code": READ, "product_by_external_code": READ,
        "list_products": READ, "external_codes_of": READ, "sku_by_external_code": READ,
    },
    "locations": {"create": EDIT_LOCATIONS, "update": EDIT_LOCATIONS, "delete": EDIT_LOCATIONS,
                  "get": READ, "list": READ},
    "auth": {"create_user": MANAGE_USERS, "set_active": MANAGE_USERS, "list_users": MANAGE_USERS,
             "change_password": READ,  # checked below: one's own, unless an admin
             "login": READ, "has_users": READ},
}
# services with no write at all
READ_ONLY = ("stock", "history", "browse", "picking")
# stock operations whose ledger rows name the operator
_OPERATED = {"inbound", "outbound", "transfer", "adjust", "count", "batch_adjust"}


class ActingServices:
    """Looks like ``Services``; each call goes through the signed-in user's permissions."""

    def __init__(self, services: Any, user_name: str, role: str) -> None:
        self._services = services
        self.user_name = user_name
        self.role = role
        for name in READ_ONLY:
            setattr(self, name, getattr(services, name))
        for name, rules in RULES.items():
            setattr(self, name, _Guarded(getattr(services, name), rules, self._check(name)))

    def _check(self, service: str) -> Callable[[str, Any], Any]:
        def check(method: str, payload: Any) -> Any:
            permission = RULES[service][method]
            if permission is not None:
                require(self.role, permission)
            if method in _OPERATED:
                return self._operated(payload)
            if method == "change_password" and (payload or {}).get("user_name") != self.user_name:
                require(self.role, MANAGE_USERS)
            return payload
        return check

    def _operated(self, payload: Any) -> Any:
        if not isinstance(payload, dict):
            return payload  # the service's own parsing refuses it with the right code
        given = payload.get("operator_id")
        if given not in (None, self.user_name):
            raise WmsError("PERMISSION_DENIED", "Stock is recorded under the signed-in user",
                           details={"field": "operator_id", "operator_id": given})
        return {**payload, "operator_id": self.user_name}


class _Guarded:
    def __init__(self, target: Any, rules: dict[str, str | None], check: Callable[[str, Any], Any]) -> None:
        self._target = target
        self._rules = rules
        self._check = check

    def __getattr__(self, method: str) -> Any:
        if method not in self._rules:
            raise AttributeError(f"{type(self._target).__name__}.{method} has no access rule")
        call = getattr(self._target, method)

        def guarded(*args: Any, **kwargs: Any) -> Any:
            payload = self._check(method, args[0] if args else None)
            return call(payload, *args[1:], **kwargs) if args else call(**kwargs)
        return guarded


