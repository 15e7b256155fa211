"""Who may do what: the three roles and the permissions each holds.

- ``clerk``: receiving, shipping and transfers; prints; sees everything.
- ``supervisor``: a clerk who also corrects stock (adjust, count), maintains the catalogue and
  the locations, plans, closes and cancels documents (ASNs, orders, count
  tasks), and confirms picks that were not scanned.
- ``admin``: a supervisor who also manages user accounts.

Reading is open to every signed-in role. The service layer checks these before any write
(``wms_desktop.services.access``); the UI uses the same table to hide what a role cannot do.
"""
from __future__ import annotations

from .errors import WmsError

MOVE_STOCK = "move_stock"  # inbound, outbound, transfer
CORRECT_STOCK = "correct_stock"  # adjust, count, batch adjust
EDIT_CATALOG = "edit_catalog"  # products, SKUs, external codes
EDIT_LOCATIONS = "edit_locations"
MANAGE_USERS = "manage_users"
PLAN_DOCUMENTS = "plan_documents"  # create, edit, cancel and close documents (ASNs, orders, count tasks)
CONFIRM_UNSCANNED = "confirm_unscanned"  # ship picks nobody scanned ("Confirm all")

_CLERK = frozenset({MOVE_STOCK})
_SUPERVISOR = _CLERK | {CORRECT_STOCK, EDIT_CATALOG, EDIT_LOCATIONS, PLAN_DOCUMENTS, CONFIRM_UNSCANNED}
PERMISSIONS: dict[str, frozenset[str]] = {
    "clerk": _CLERK,
    "supervisor": _SUPERVISOR,
    "admin": _SUPERVISOR | {MANAGE_USERS},
}
ROLES = ("admin", "supervisor", "clerk")  # also the users table's role check (db/schema.py)


def grantable(own_role: str | None) -> tuple[str, ...]:
    """The roles one may give: one's own and below (``ROLES`` runs from the top); the system
    (``None``, the command line) any."""
    return ROLES if own_role is None else ROLES[ROLES.index(own_role):]


def allows(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def require(role: str, permission: str) -> None:
    if not allows(role, permission):
        raise WmsError("PERMISSION_DENIED", details={"role": role, "permission": permission})
