"""Who may do what: the operations' permissions, and the built-in roles that hold them.

A role is a named set of these permissions (the ``roles`` table, managed by an administrator:
``services/roles.py``); a user holds one role, and so does an API key. The database is seeded
with three built-in roles, which stay editable:

- ``clerk``: receiving, shipping and transfers; prints; sees everything.
- ``supervisor``: a clerk who also corrects stock (adjust, count), approves counts, maintains
  the catalogue and the locations, plans, closes and cancels documents (ASNs, orders, count
  tasks), and confirms picks that were not scanned.
- ``admin``: a supervisor who also manages users and roles.

Reading is open to every signed-in user. The service layer checks these before any write
(``wms_desktop.services.access``); the UI uses the signed-in role's set to hide what it cannot do.
Nobody grants a permission they do not hold (``ungrantable``).
"""
from __future__ import annotations

from collections.abc import Iterable

MOVE_STOCK = "move_stock"  # inbound, outbound, transfer
CORRECT_STOCK = "correct_stock"  # adjust, count, batch adjust
APPROVE_COUNTS = "approve_counts"  # decide count variances, approve and post counts
EDIT_CATALOG = "edit_catalog"  # products, SKUs, external codes
EDIT_LOCATIONS = "edit_locations"
MANAGE_USERS = "manage_users"  # users, roles, API keys, webhooks, warehouses
PLAN_DOCUMENTS = "plan_documents"  # create, edit, cancel and close documents (ASNs, orders, count tasks)
CONFIRM_UNSCANNED = "confirm_unscanned"  # ship picks nobody scanned ("Confirm all")

ALL = (MOVE_STOCK, CORRECT_STOCK, APPROVE_COUNTS, EDIT_CATALOG, EDIT_LOCATIONS, PLAN_DOCUMENTS, CONFIRM_UNSCANNED,
       MANAGE_USERS)

_CLERK = frozenset({MOVE_STOCK})
_SUPERVISOR = _CLERK | {CORRECT_STOCK, APPROVE_COUNTS, EDIT_CATALOG, EDIT_LOCATIONS, PLAN_DOCUMENTS,
                        CONFIRM_UNSCANNED}
ADMIN = "admin"  # the first user's role
BUILT_IN: dict[str, frozenset[str]] = {  # seeded by the roles migration; editable afterwards
    "clerk": _CLERK,
    "supervisor": _SUPERVISOR,
    ADMIN: _SUPERVISOR | {MANAGE_USERS},
}


def ungrantable(own: frozenset[str] | None, wanted: Iterable[str]) -> list[str]:
    """The permissions of ``wanted`` that ``own`` lacks (sorted); the system (``None``, the
    command line) may grant any."""
    return [] if own is None else sorted(set(wanted) - own)
