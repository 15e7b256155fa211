"""Stock posting on PostgreSQL: each operation is one call of its server-side function
(migration issue12), which looks up, locks, posts the ledger and outbox rows and answers with
the operation's result as JSON — ``changes`` included — decoded here into the same typed
result the Python path (``services/posting.py``, SQLite) returns; tests/services/test_parity.py
holds them equal.

Two ways to call, one rule: **autocommit only when the call is the whole unit of work.**

- ``alone``: a stock operation on its own (the ``Inventory`` entry points). One prepared call
  in autocommit (``db/server_call.py``), one round trip; the function claims the request_id
  and remembers the result itself.
- ``within``: a stock operation inside a larger unit of work (a new SKU's opening stock, a
  document posting its lines). The call runs on the unit's connection, inside its transaction,
  and claims nothing: the unit's own request_id claim covers it. Whatever fails later in the
  unit rolls the posting back with the rest.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import msgspec

from ..contract.base import Result
from ..contract.decode import to_json
from ..contract.stock import Adjust, BatchAdjust, Count, StockMove, Transfer
from ..db.server_call import call, int8
from .posting import Header
from .requests import fingerprint
from .unit import Scope, UnitOfWork

R = TypeVar("R", bound=Result)
StockCommand = StockMove | Transfer | Adjust | Count | BatchAdjust

_HEADER = "%s::text, %s::bool, %s::text, %s::text, %s::text, %s::text"  # operator … request_id, payload hash

# each answers its result as JSON text: msgspec decodes it into the typed result in one step
# (a json value would be parsed by psycopg into dicts first, then converted: 3× the client CPU)
BALANCE = ("SELECT wms_post_balance(%s::text, %s::text, %s::int8, %s::text, %s::text, %s::int8,"
           f" %s::text, %s::int8, %s::text, {_HEADER})::text")  # inbound, outbound, adjust, count
TRANSFER = ("SELECT wms_post_transfer(%s::text, %s::text, %s::int8, %s::text, %s::int8, %s::text, %s::int8,"
            f" %s::text, %s::int8, %s::text, {_HEADER})::text")
BATCH_ADJUST = ("SELECT wms_post_batch_adjust(%s::text, %s::text[], %s::text[], %s::int8[], %s::text[],"
                f" {_HEADER})::text")


def _balance(operation: str, warehouse: str, cmd: Any) -> tuple[str, tuple[Any, ...]]:
    """inbound and outbound (by id or code), adjust and count (by code)."""
    return BALANCE, (operation, warehouse, int8(getattr(cmd, "product_id", None)), cmd.product_code, cmd.sku_code,
                     int8(getattr(cmd, "location_id", None)), cmd.location_code, int8(cmd.stock_quantity),
                     cmd.batch_number)


def _transfer(_operation: str, warehouse: str, cmd: Any) -> tuple[str, tuple[Any, ...]]:
    return TRANSFER, (warehouse, cmd.sku_code, int8(cmd.product_id), cmd.product_code,
                      int8(cmd.from_location_id), cmd.from_location_code, int8(cmd.to_location_id),
                      cmd.to_location_code, int8(cmd.stock_quantity), cmd.batch_number)


def _batch_adjust(_operation: str, warehouse: str, cmd: Any) -> tuple[str, tuple[Any, ...]]:
    lines = cmd.adjustments
    return BATCH_ADJUST, (warehouse, [a.sku_code for a in lines], [a.location_code for a in lines],
                          [int8(a.stock_quantity) for a in lines], [a.batch_number for a in lines])


CALLS: dict[str, Callable[[str, str, Any], tuple[str, tuple[Any, ...]]]] = {
    "inbound": _balance,
    "outbound": _balance,
    "transfer": _transfer,
    "adjust": _balance,
    "count": _balance,
    "batch_adjust": _batch_adjust,
}


def _statement(operation: str, warehouse_code: str, cmd: StockCommand,
               payload_hash: str | None) -> tuple[str, tuple[Any, ...]]:
    sql, arguments = CALLS[operation](operation, warehouse_code, cmd)
    header = Header.of(cmd)
    return sql, (*arguments, header.operator_id, header.is_urgent, header.notes, header.document_ref,
                 header.request_id, payload_hash)


def alone(scope: Scope, operation: str, cmd: StockCommand, result_type: type[R]) -> R:
    """The operation as its own unit of work: one autocommit call, at most once per
    ``cmd.request_id`` (the function claims it when given: ``payload_hash`` is its fingerprint)."""
    claim = fingerprint(operation, to_json(cmd)) if cmd.request_id is not None else None
    sql, params = _statement(operation, scope.warehouse.code, cmd, claim)
    return msgspec.json.decode(call(scope.db, sql, params), type=result_type)


def within(uow: UnitOfWork, operation: str, cmd: StockCommand, result_type: type[R]) -> R:
    """The operation inside ``uow``'s transaction, committed or rolled back with it."""
    sql, params = _statement(operation, uow.warehouse.code, cmd, None)
    return msgspec.json.decode(uow.conn.exec_driver_sql(sql, params).scalar_one(), type=result_type)
