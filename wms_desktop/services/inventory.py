"""Stock operations of the spec: inbound, outbound, transfer, adjust, count, batch adjust.

Each is a function on a unit of work (``inbound(uow, command)``) that posts the command inside
the unit's transaction: on SQLite by turning it into ledger lines for ``services/posting.py``,
on PostgreSQL by calling its server-side function on the unit's connection
(``pg_posting.within``). The :class:`Inventory` entry points run one each as a whole unit of
work, at most once per ``request_id``: on PostgreSQL one autocommit call of the function
(``pg_posting.alone``), on SQLite ``Scope.once``. Either all of an operation's ledger rows and
balance changes are committed, or none are and a ``WmsError`` says why.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..contract.base import BalanceChange, Changes, Result
from ..contract.decode import Payload, decode
from ..contract.stock import (
    Adjust,
    Adjusted,
    AdjustedLine,
    BatchAdjust,
    BatchAdjusted,
    Count,
    Inbound,
    Outbound,
    StockMove,
    StockMoved,
    Transfer,
    Transferred,
)
from ..domain.codes import SKU_SEPARATOR, check_product_code, iso_z, split_sku_code
from ..domain.errors import WmsError, invalid
from ..domain.permissions import CORRECT_STOCK, MOVE_STOCK
from . import lookup, lots, pg_posting
from .access import requires
from .lookup import Location
from .pg_posting import StockCommand
from .posting import Header, Line, Posted, post
from .unit import Area, UnitOfWork

R = TypeVar("R", bound=Result)
C = TypeVar("C", bound=StockCommand)


class Inventory(Area):
    """Stock operations of one warehouse (the workstation's)."""

    @requires(MOVE_STOCK)
    def inbound(self, command: Inbound | Payload) -> StockMoved:
        """Receive ``stock_quantity`` units of a product (or one of its SKUs) into a location."""
        cmd = self._scope.signed(decode(Inbound, command))
        if cmd.expiry_date is not None:  # the lot too: one unit of work, not the posting function alone
            return self._scope.once("inbound", cmd, StockMoved, lambda uow: inbound(uow, cmd))
        return self._whole("inbound", cmd, StockMoved, inbound)

    @requires(MOVE_STOCK)
    def outbound(self, command: Outbound | Payload) -> StockMoved:
        """Ship ``stock_quantity`` units out of a location; refused beyond its available stock."""
        cmd = self._scope.signed(decode(Outbound, command))
        return self._whole("outbound", cmd, StockMoved, outbound)

    @requires(MOVE_STOCK)
    def transfer(self, command: Transfer | Payload) -> Transferred:
        """Move units of one SKU between two locations of the warehouse."""
        cmd = self._scope.signed(decode(Transfer, command))
        return self._whole("transfer", cmd, Transferred, transfer)

    @requires(CORRECT_STOCK)
    def adjust(self, command: Adjust | Payload) -> Adjusted:
        """Change a balance by a signed ``stock_quantity`` (positive adds, negative removes)."""
        cmd = self._scope.signed(decode(Adjust, command))
        return self._whole("adjust", cmd, Adjusted, adjust)

    @requires(CORRECT_STOCK)
    def count(self, command: Count | Payload) -> Adjusted:
        """Set a balance to the counted ``stock_quantity``; the ledger records the difference."""
        cmd = self._scope.signed(decode(Count, command))
        return self._whole("count", cmd, Adjusted, count)

    @requires(CORRECT_STOCK)
    def batch_adjust(self, command: BatchAdjust | Payload) -> BatchAdjusted:
        """Several signed adjustments posted together: all of them, or none."""
        cmd = self._scope.signed(decode(BatchAdjust, command))
        return self._whole("batch_adjust", cmd, BatchAdjusted, batch_adjust)

    def _whole(self, operation: str, cmd: C, result_type: type[R], operate: Callable[[UnitOfWork, C], R]) -> R:
        """The operation as a whole unit of work, and the one place that chooses how it runs: on
        PostgreSQL one autocommit call of its server function (which claims the request_id), on
        SQLite ``Scope.once``. Autocommit only here: inside a larger unit an operation runs in
        that unit's transaction (``_posted``)."""
        if self._scope.db.is_sqlite:
            return self._scope.once(operation, cmd, result_type, lambda uow: operate(uow, cmd))
        _check_codes(cmd)
        return pg_posting.alone(self._scope, operation, cmd, result_type)


# ---- operations: command → ledger lines → result --------------------------------------------------


def inbound(uow: UnitOfWork, cmd: Inbound) -> StockMoved:
    if cmd.expiry_date is not None:  # refused (LOT_EXPIRY_CONFLICT, no batch) before anything is posted
        sku = lookup.sku_of_product(uow.conn, lookup.product(uow.conn, cmd.product_id, cmd.product_code), cmd.sku_code)
        lots.record(uow.conn, sku, cmd.batch_number or "", cmd.expiry_date)
    return _posted(uow, "inbound", cmd, StockMoved, lambda: _move(uow, cmd, "inbound", 1))


def outbound(uow: UnitOfWork, cmd: Outbound) -> StockMoved:
    return _posted(uow, "outbound", cmd, StockMoved, lambda: _move(uow, cmd, "outbound", -1))


def transfer(uow: UnitOfWork, cmd: Transfer) -> Transferred:
    return _posted(uow, "transfer", cmd, Transferred, lambda: _transfer(uow, cmd))


def adjust(uow: UnitOfWork, cmd: Adjust) -> Adjusted:
    return _posted(uow, "adjust", cmd, Adjusted, lambda: _correct(uow, cmd, "adjust"))


def count(uow: UnitOfWork, cmd: Count) -> Adjusted:
    return _posted(uow, "count", cmd, Adjusted, lambda: _correct(uow, cmd, "count"))


def batch_adjust(uow: UnitOfWork, cmd: BatchAdjust) -> BatchAdjusted:
    return _posted(uow, "batch_adjust", cmd, BatchAdjusted, lambda: _batch_adjust(uow, cmd))


def _posted(uow: UnitOfWork, operation: str, cmd: StockCommand,
            result_type: type[R], steps: Callable[[], R]) -> R:
    """One operation inside ``uow``: the Python ``steps`` on SQLite, the server-side function
    in the same transaction on PostgreSQL."""
    _check_codes(cmd)
    if uow.conn.dialect.name == "postgresql":
        return pg_posting.within(uow, operation, cmd, result_type)
    return steps()


def _move(uow: UnitOfWork, cmd: StockMove, operation: str, sign: int) -> StockMoved:
    header = Header.of(cmd)
    product = lookup.product(uow.conn, cmd.product_id, cmd.product_code)
    sku = lookup.sku_of_product(uow.conn, product, cmd.sku_code, lock=True)
    place = _location(uow, cmd.location_id, cmd.location_code)
    line = Line(sku, place, cmd.batch_number or "", operation, change=sign * cmd.stock_quantity)
    (done,) = post_lines(uow, [line], header)
    return StockMoved(
        product_id=product.product_id, product_code=product.product_code, sku_code=sku.sku_code,
        location_code=place.location_code, batch_number=cmd.batch_number, stock_quantity=cmd.stock_quantity,
        previous_quantity=done.previous_quantity, current_quantity=done.current_quantity,
        changes=Changes.of_balances([balance_change(done)]), **_stamp(header, done.operated_at))


def _transfer(uow: UnitOfWork, cmd: Transfer) -> Transferred:
    header = Header.of(cmd)
    sku = lookup.sku(uow.conn, cmd.sku_code, lock=True)
    if cmd.product_id is not None or cmd.product_code is not None:
        product = lookup.product(uow.conn, cmd.product_id, cmd.product_code)
        if product.product_id != sku.product_id:
            raise WmsError("INVALID_SKU_CODE", f"SKU {sku.sku_code} does not belong to product {product.product_code}",
                           {"sku_code": sku.sku_code, "product_code": product.product_code})
    source, target = lookup.locations_of(uow.conn, uow.warehouse_id, [
        (cmd.from_location_id, cmd.from_location_code, "from_location"),
        (cmd.to_location_id, cmd.to_location_code, "to_location")])
    if source.location_id == target.location_id:
        raise invalid("to_location_code", "must differ from from_location_code", code=14006,
                      from_location_code=source.location_code, to_location_code=target.location_code)
    batch, qty = cmd.batch_number or "", cmd.stock_quantity
    out, into = post_lines(uow, [Line(sku, source, batch, "transfer_out", change=-qty),
                                 Line(sku, target, batch, "transfer_in", change=qty)], header)
    return Transferred(
        product_code=sku.product_code, sku_code=sku.sku_code, from_location_code=source.location_code,
        to_location_code=target.location_code, stock_quantity=qty, batch_number=cmd.batch_number,
        from_current_quantity=out.current_quantity, to_current_quantity=into.current_quantity,
        changes=Changes.of_balances([balance_change(out), balance_change(into)]), **_stamp(header, out.operated_at))


def _correct(uow: UnitOfWork, cmd: Adjust | Count, operation: str) -> Adjusted:
    header = Header.of(cmd)
    product = lookup.product(uow.conn, product_code=cmd.product_code)
    sku = lookup.sku_of_product(uow.conn, product, cmd.sku_code, lock=True)
    place = _location(uow, location_code=cmd.location_code)
    qty = cmd.stock_quantity
    line = Line(sku, place, cmd.batch_number or "", operation,
                change=qty if operation == "adjust" else None, target=qty if operation == "count" else None)
    (done,) = post_lines(uow, [line], header)
    adjusted = _adjusted(done, header)
    return Adjusted(**{name: getattr(adjusted, name) for name in AdjustedLine.__struct_fields__},
                    changes=Changes.of_balances([balance_change(done)] if done.quantity_change else []))


def _batch_adjust(uow: UnitOfWork, cmd: BatchAdjust) -> BatchAdjusted:
    header = Header.of(cmd)
    lines = []
    for i, entry in enumerate(cmd.adjustments):
        try:
            sku = lookup.sku(uow.conn, entry.sku_code, lock=True)
            place = _location(uow, location_code=entry.location_code)
        except WmsError as error:
            error.details["line_index"] = i
            raise
        lines.append(Line(sku, place, entry.batch_number or "", "adjust", change=entry.stock_quantity))
    done = post_lines(uow, lines, header)
    return BatchAdjusted(
        adjustments=[_adjusted(d, header) for d in done],
        changes=Changes.of_balances([balance_change(d) for d in done]),
        **_stamp(header, next((d.operated_at for d in done if d.operated_at), None)))


# ---- shared steps ------------------------------------------------------------------------------------


def post_lines(uow: UnitOfWork, lines: list[Line], header: Header) -> list[Posted]:
    """Post ``lines`` (refusing to fill an inactive location) inside the unit of work."""
    for line in lines:
        if line.may_grow and not line.location.is_active:
            raise WmsError("OPERATION_NOT_ALLOWED", "An inactive location can be emptied but not filled",
                           {"location_code": line.location.location_code, "reason": "location_inactive"})
    return post(uow.conn, lines, header)


def balance_change(done: Posted) -> BalanceChange:
    return BalanceChange(product_id=done.line.sku.product_id, product_code=done.line.sku.product_code,
                         sku_code=done.line.sku.sku_code, location_code=done.line.location.location_code,
                         batch_number=done.line.batch_number or None, previous_quantity=done.previous_quantity,
                         current_quantity=done.current_quantity)


def _check_codes(cmd: StockCommand) -> None:
    """Malformed product and SKU codes are refused before the database is asked anything, on
    either backend, so both refuse the same input the same way (the server functions look codes
    up; they do not parse them)."""
    product_code = getattr(cmd, "product_code", None)
    if product_code is not None:
        check_product_code(product_code)
    lines = enumerate(cmd.adjustments) if isinstance(cmd, BatchAdjust) else [(None, cmd)]
    for index, line in lines:
        sku_code = getattr(line, "sku_code", None)
        if sku_code is not None and SKU_SEPARATOR in sku_code:
            try:
                split_sku_code(sku_code)
            except WmsError as error:
                if index is not None:
                    error.details["line_index"] = index
                raise


def _location(uow: UnitOfWork, location_id: int | None = None, location_code: str | None = None) -> Location:
    return lookup.location(uow.conn, uow.warehouse_id, location_id, location_code)


def _stamp(header: Header, operated_at) -> dict:
    return {"operator_id": header.operator_id, "is_urgent": header.is_urgent, "notes": header.notes,
            "document_ref": header.document_ref, "request_id": header.request_id, "operated_at": iso_z(operated_at)}


def _adjusted(done: Posted, header: Header) -> AdjustedLine:
    """The spec's adjust response."""
    stamp = _stamp(header, done.operated_at)
    return AdjustedLine(
        location_code=done.line.location.location_code, product_code=done.line.sku.product_code,
        sku_code=done.line.sku.sku_code, previous_quantity=done.previous_quantity,
        adjusted_quantity=done.quantity_change, current_quantity=done.current_quantity,
        batch_number=done.line.batch_number or None, adjusted_at=stamp.pop("operated_at"), **stamp)
