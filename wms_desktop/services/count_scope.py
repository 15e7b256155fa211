"""Which locations (and SKUs) a new count task covers (``CreateCount``): a range in walking
order, a zone prefix, a list of codes, the locations holding some SKUs, or the next cycle —
locations not counted for N days, those counted longest ago (or never) first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Connection, func, select

from ..contract.counts import CreateCount
from ..db.schema import count_locations, documents, locations, skus
from ..db.schema import stock_balances as bal
from ..domain.codes import UNASSIGNED_TYPE
from ..domain.documents import check_lines
from ..domain.errors import WmsError, invalid
from ..domain.walking_order import walking_order_key
from . import lookup
from .unit import UnitOfWork


@dataclass(frozen=True)
class Scope:
    kind: str
    text: str
    location_ids: list[int]
    sku_ids: list[int] | None  # only these SKUs are counted


def resolve(uow: UnitOfWork, cmd: CreateCount) -> Scope:
    given = [name for name, present in (
        ("range", cmd.location_from is not None or cmd.location_to is not None),
        ("prefix", cmd.location_prefix is not None), ("list", cmd.location_codes is not None),
        ("skus", cmd.sku_codes is not None), ("cycle", cmd.cycle_days is not None)) if present]
    if len(given) != 1:
        raise invalid("scope", "give exactly one of location_from/location_to, location_prefix, location_codes, "
                               "sku_codes, cycle_days", given=given)
    if cmd.cycle_limit is not None and cmd.cycle_days is None:
        raise invalid("cycle_limit", "is given only with cycle_days")
    kind = given[0]
    sku_ids = None
    if kind == "range":
        found, text = _range(uow, cmd.location_from, cmd.location_to)
    elif kind == "prefix":
        assert cmd.location_prefix is not None
        found = list(uow.conn.scalars(_countable(uow).where(
            locations.c.location_code.like(lookup.escape_like(cmd.location_prefix) + "%", escape="\\"))))
        text = f"{cmd.location_prefix}*"
    elif kind == "list":
        assert cmd.location_codes is not None
        found, text = _listed(uow, cmd.location_codes), ", ".join(cmd.location_codes)
    elif kind == "skus":
        assert cmd.sku_codes is not None
        sku_ids = _skus(uow.conn, cmd.sku_codes)
        found = list(uow.conn.scalars(
            select(bal.c.location_id).distinct().join(locations, locations.c.location_id == bal.c.location_id)
            .where(locations.c.warehouse_id == uow.warehouse_id, bal.c.sku_id.in_(sku_ids), bal.c.stock_quantity > 0)))
        text = ", ".join(cmd.sku_codes)
    else:
        assert cmd.cycle_days is not None
        found, text = _cycle(uow, cmd.cycle_days, cmd.cycle_limit), f"cycle {cmd.cycle_days}d"
    check_lines("count", cmd.count_number, found, lambda key: {"location_id": key})
    return Scope(kind, text[:200], found, sku_ids)


def _countable(uow: UnitOfWork):
    """Active locations of the warehouse but the unassigned one."""
    return select(locations.c.location_id).where(locations.c.warehouse_id == uow.warehouse_id,
                                                 locations.c.is_active,
                                                 locations.c.location_type != UNASSIGNED_TYPE)


def _range(uow: UnitOfWork, first: str | None, last: str | None) -> tuple[list[int], str]:
    if first is None or last is None:
        raise invalid("location_to" if last is None else "location_from", "a range needs both ends")
    low, high = walking_order_key(first), walking_order_key(last)
    if low > high:
        raise invalid("location_to", "comes before location_from in walking order")
    rows = uow.conn.execute(_countable(uow).add_columns(locations.c.location_code)).all()
    inside = sorted((row for row in rows if low <= walking_order_key(row.location_code) <= high),
                    key=lambda row: walking_order_key(row.location_code))
    return [row.location_id for row in inside], f"{first} … {last}"


def _listed(uow: UnitOfWork, codes: list[str]) -> list[int]:
    check_lines("count", "", codes, lambda code: {"location_code": code})
    by_code = dict(uow.conn.execute(select(locations.c.location_code, locations.c.location_id).where(
        locations.c.warehouse_id == uow.warehouse_id, locations.c.location_code.in_(codes))).all())
    for index, code in enumerate(codes):
        if code not in by_code:
            raise WmsError("LOCATION_NOT_FOUND", details={"location_code": code, "line_index": index})
    return [by_code[code] for code in codes]


def _skus(conn: Connection, codes: list[str]) -> list[int]:
    check_lines("count", "", codes, lambda code: {"sku_code": code})
    by_code = dict(conn.execute(select(skus.c.sku_code, skus.c.sku_id).where(
        skus.c.sku_code.in_(codes), ~skus.c.is_deleted)).all())
    for index, code in enumerate(codes):
        if code not in by_code:
            raise WmsError("SKU_NOT_FOUND", details={"sku_code": code, "line_index": index})
    return [by_code[code] for code in codes]


def _cycle(uow: UnitOfWork, days: int, limit: int | None) -> list[int]:
    """Locations whose last finished count (of a task not cancelled) is older than ``days``."""
    last = (select(count_locations.c.location_id, func.max(count_locations.c.finished_at).label("counted_at"))
            .join(documents, documents.c.document_id == count_locations.c.document_id)
            .where(documents.c.warehouse_id == uow.warehouse_id, documents.c.state != "cancelled",
                   count_locations.c.state == "counted")
            .group_by(count_locations.c.location_id).subquery())
    since = uow.now() - timedelta(days=days)
    query = (_countable(uow).outerjoin(last, last.c.location_id == locations.c.location_id)
             .where((last.c.counted_at.is_(None)) | (last.c.counted_at < since))
             .order_by(last.c.counted_at.is_not(None), last.c.counted_at, locations.c.location_code))
    return list(uow.conn.scalars(query.limit(limit) if limit else query))

