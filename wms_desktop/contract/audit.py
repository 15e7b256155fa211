"""The audit trail: who changed what, when, on which workstation (services/audit.py)."""
from __future__ import annotations

from typing import Literal

from .base import Command, Result, Row
from .fields import Ident, PageSize

AuditSubject = Literal["product", "location", "user", "warehouse", "document"]


class AuditTrail(Command, frozen=True, kw_only=True):
    """One product's (its SKUs and barcodes included), location's, user's, warehouse's or
    document's trail, newest first; ``before``: the last ``audit_id`` of the previous page."""

    subject_type: AuditSubject
    subject_id: Ident
    before: Ident | None = None
    limit: PageSize = 200


class AuditEntry(Row, frozen=True, kw_only=True):
    audit_id: int
    recorded_at: str
    entity_type: str
    entity_code: str | None
    action: str
    actor: str
    workstation: str
    before: str | None  # JSON of the fields as they were (null: created)
    after: str | None  # JSON of the fields as they became (null: deleted)


class AuditPage(Result, frozen=True, kw_only=True):
    items: list[AuditEntry]


class AuditVerified(Result, frozen=True, kw_only=True):
    """``first_broken``: the first row (lowest audit_id) whose hash or link to the row before it
    in its ``chain`` does not hold, or the last row a chain's head names when it is gone (null:
    every chain is whole), and why: ``link``, ``content``, ``missing`` or ``head``."""

    checked: int
    intact: bool
    first_broken: int | None = None
    chain: int | None = None
    reason: str | None = None
