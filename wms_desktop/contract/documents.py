"""What every document type's contract shares (docs/documents.md): the header every result
carries, the list shape of the lazy document screens (ids, then rows by id), and the result of
an action that moves a document on.

A type's own commands name its number after the type (``asn_number``, ``order_number``) and
take ``document_id`` as the alternative; the shapes here, shared by all types, say
``document_type`` and ``document_number``.
"""
from __future__ import annotations

from msgspec import field

from .base import Changed, Command, DocumentChange, Mutation, Result, Row
from .fields import Flag, Search, Version
from .stock import Limit


class DocumentRef(Result, frozen=True, kw_only=True):
    """Which document, and where it stands."""

    document_type: str
    document_id: int
    document_number: str
    state: str
    version: int

    def change(self) -> DocumentChange:
        return DocumentChange(document_type=self.document_type, document_id=self.document_id,
                              document_number=self.document_number, state=self.state)


class DocumentHeader(DocumentRef, frozen=True, kw_only=True):
    """The header fields every document has."""

    is_urgent: bool
    notes: str | None
    created_by: str
    created_at: str | None
    updated_by: str
    updated_at: str | None
    actions: list[str] = field(default_factory=list)  # what its state allows (lifecycle.available)


class DocumentIds(Command, frozen=True, kw_only=True):
    """The ids of a document screen's rows, searched and sorted on the server. A type adds
    ``states`` (its state names) and ``sort_by`` (its sortable columns)."""

    search: Search | None = None
    descending: Flag = False
    limit: Limit | None = None


class DocumentRow(Row, frozen=True, kw_only=True):
    """A row of a document list; a type adds its columns."""

    document_id: int
    document_type: str
    document_number: str
    state: str
    version: int
    is_urgent: bool
    created_at: str | None
    updated_at: str | None


class DocumentMutation(Mutation, frozen=True, kw_only=True):
    """A change of a document: ``expected_version`` (the version the caller read) makes it
    refuse with DOCUMENT_VERSION_CONFLICT when someone changed the document meanwhile."""

    expected_version: Version | None = None


class DocumentChanged(Changed, frozen=True, kw_only=True):
    """A document after an action (created, edited, moved on)."""

    document: DocumentRef
