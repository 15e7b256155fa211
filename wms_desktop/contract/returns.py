"""Customer returns (domain/returns.py, services/returns.py): opened against a shipped order,
items received back one scan at a time with a disposition and a reason, then closed. A return
is named by ``return_number`` or ``document_id`` (exactly one)."""
from __future__ import annotations

from typing import ClassVar, Literal

from msgspec import field

from .base import Changes, Command, Mutation, Result
from .documents import DocumentHeader, DocumentMutation
from .fields import Code, Ident, Quantity, SkuCode

Disposition = Literal["restock", "damaged", "scrap"]


class OpenReturn(Mutation, frozen=True, kw_only=True):
    """A return of a shipped order; ``return_number`` defaults to ``RT-{order_number}-{n}``."""

    order_number: Code
    return_number: Code | None = None


class ReturnMutation(DocumentMutation, frozen=True, kw_only=True):
    exactly_one: ClassVar = (("return_number", "document_id"),)

    return_number: Code | None = None
    document_id: Ident | None = None


class ReceiveReturn(ReturnMutation, frozen=True, kw_only=True):
    """Units of a SKU (and batch) back from the customer: ``restock`` into ``location_code``
    (the warehouse's returns area when left out), ``damaged`` into a damaged location (the
    first one when left out), ``scrap`` recorded only."""

    sku_code: SkuCode
    batch_number: Code | None = None
    stock_quantity: Quantity
    disposition: Disposition
    location_code: Code | None = None
    reason_code: Code


class CloseReturn(ReturnMutation, frozen=True, kw_only=True):
    pass


class GetReturn(Command, frozen=True, kw_only=True):
    exactly_one: ClassVar = (("return_number", "document_id"),)

    return_number: Code | None = None
    document_id: Ident | None = None


class ReturnLineView(Result, frozen=True, kw_only=True):
    line_id: int
    sku_code: str
    batch_number: str | None
    stock_quantity: int
    disposition: str
    location_code: str | None
    reason_code: str
    operator_id: str
    received_at: str | None


class Returnable(Result, frozen=True, kw_only=True):
    """What the order shipped of a SKU and batch, and how much of it came back (all returns)."""

    sku_code: str
    batch_number: str | None
    shipped_quantity: int
    returned_quantity: int


class ReturnDetail(DocumentHeader, frozen=True, kw_only=True):
    order_number: str
    lines: list[ReturnLineView]
    returnable: list[Returnable]
    changes: Changes = field(default_factory=Changes)
