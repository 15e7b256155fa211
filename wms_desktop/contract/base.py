"""What every command and result shares: the base structs, the fields of a logged mutation,
and the change set every mutating result carries."""
from __future__ import annotations

from typing import Any, ClassVar

from msgspec import Struct, field

from .fields import Code, Flag, Notes


class Command(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """A typed request. ``exactly_one`` / ``at_most_one``: groups of alternative fields, such as
    ``product_id`` / ``product_code``, of which exactly one (or at most one) must be given."""

    exactly_one: ClassVar[tuple[tuple[str, ...], ...]] = ()
    at_most_one: ClassVar[tuple[tuple[str, ...], ...]] = ()


class Mutation(Command, frozen=True, kw_only=True):
    """A write recorded under who did it. ``operator_id`` may be left out only by a signed-in
    workstation (the services fill in the user); ``request_id`` makes a repeat harmless."""

    operator_id: Code | None = None
    is_urgent: Flag = False
    notes: Notes | None = None
    document_ref: Code | None = None  # e.g. a purchase or sales order number
    request_id: Code | None = None


class Result(Struct, frozen=True, kw_only=True):
    """A typed answer; ``to_json`` renders it as the spec's snake_case JSON."""


class Row(Struct, frozen=True, kw_only=True, gc=False):
    """A flat row of a big table: scalars only, so the garbage collector never walks it (a
    screen caches tens of thousands)."""


class BalanceChange(Struct, frozen=True, kw_only=True, gc=False):
    """One balance an operation changed."""

    product_id: int
    product_code: str
    sku_code: str
    location_code: str
    batch_number: str | None
    previous_quantity: int
    current_quantity: int

    @property
    def appeared(self) -> bool:
        """An empty balance became stocked: a list of stocked balances gains a row."""
        return self.previous_quantity == 0 < self.current_quantity


class Changes(Struct, frozen=True, kw_only=True):
    """What a committed operation changed, so screens refresh exactly that: balances, products
    (catalogue data or stock totals) and locations, by id."""

    balances: list[BalanceChange] = field(default_factory=list)
    product_ids: list[int] = field(default_factory=list)
    location_ids: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.balances or self.product_ids or self.location_ids)

    @staticmethod
    def of_balances(balances: list[BalanceChange]) -> Changes:
        return Changes(balances=balances, product_ids=sorted({b.product_id for b in balances}))


class Changed(Result, frozen=True, kw_only=True):
    """A mutating result: what it changed comes with it."""

    changes: Changes = field(default_factory=Changes)


class Logged(Changed, frozen=True, kw_only=True):
    """The echo of a logged mutation."""

    operated_at: str | None
    operator_id: str
    is_urgent: bool
    notes: str | None


class Pagination(Struct, frozen=True, kw_only=True):
    page: int
    page_size: int
    total: int


class ErrorInfo(Struct, frozen=True, kw_only=True):
    """A refusal carried inside a result (a pick plan's short line), as ``WmsError.to_dict``."""

    error_code: str
    code: int | None
    error_message: str
    details: dict[str, Any]
