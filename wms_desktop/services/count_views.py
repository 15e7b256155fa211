"""What count tasks look like to their readers (services/counts.py): the counter's sheet
(blind: no system quantity), the supervisor's detail and lines, the task list, per-counter
accuracy."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from sqlalchemy import and_, case, func, or_, select

from ..contract.counts import (
    CountDetail,
    CounterAccuracy,
    CountIds,
    CountItemRef,
    CountLineIds,
    CountLineRow,
    CountRow,
    CountSheet,
    CountTotals,
    SheetLocation,
)
from ..contract.decode import check
from ..contract.documents import DocumentRef
from ..contract.stock import IdList
from ..db.schema import count_lines as lines
from ..db.schema import count_locations as places
from ..db.schema import count_tasks, documents, locations, products, skus
from ..domain.codes import iso_z
from ..domain.counts import COUNT
from ..domain.walking_order import walking_order_key
from . import documents as docs
from . import lookup
from .browse import ordered_ids
from .unit import UnitOfWork


def iso(moment: datetime | None) -> str | None:
    return iso_z(moment) if moment is not None else None


def checked_ids(ids: list[int]) -> list[int]:
    return check(IdList, "ids", ids)


def sheet(uow: UnitOfWork, document: DocumentRef) -> CountSheet:
    return CountSheet(document=document, locations=sorted(_places(uow, document.document_id),
                                                          key=lambda place: walking_order_key(place.location_code)))


def sheet_place(uow: UnitOfWork, task: int, location_id: int) -> SheetLocation:
    """A location's row of the sheet as it is now (a start or finish answers with it)."""
    return _places(uow, task, location_id)[0]


def _places(uow: UnitOfWork, task: int, location_id: int | None = None) -> list[SheetLocation]:
    """The task's locations (or one), with the items each has to recount."""
    here = [places.c.location_id == location_id] if location_id is not None else []
    rows = uow.conn.execute(
        select(places.c.location_id, locations.c.location_code, places.c.state, places.c.round, places.c.counted_by)
        .join(locations, locations.c.location_id == places.c.location_id)
        .where(places.c.document_id == task, *here)).all()
    recount: dict[int, list[CountItemRef]] = defaultdict(list)
    for item in uow.conn.execute(
            select(lines.c.location_id, skus.c.sku_code, products.c.product_name, lines.c.batch_number)
            .join(skus, skus.c.sku_id == lines.c.sku_id).join(products, products.c.product_id == skus.c.product_id)
            .where(lines.c.document_id == task, lines.c.round > 1, lines.c.status == "open",
                   *([lines.c.location_id == location_id] if location_id is not None else []))
            .order_by(skus.c.sku_code, lines.c.batch_number)):
        recount[item.location_id].append(CountItemRef(sku_code=item.sku_code, product_name=item.product_name,
                                                      batch_number=item.batch_number or None))
    return [SheetLocation(location_code=r.location_code, state=r.state, round=r.round, counted_by=r.counted_by,
                          recount_items=recount.get(r.location_id, [])) for r in rows]


def _totals(uow: UnitOfWork, tasks: list[int]) -> dict[int, CountTotals]:
    """The totals of several tasks, two grouped queries."""
    final = lines.c.status == "counted"
    variance = lines.c.counted_quantity - lines.c.expected_quantity
    line_totals = {r.document_id: r for r in uow.conn.execute(
        select(lines.c.document_id,
               func.count().filter(lines.c.status != "recounted").label("lines_total"),
               func.count().filter(final).label("lines_counted"),
               func.count().filter(and_(lines.c.status == "open", lines.c.round > 1)).label("recount_lines"),
               func.count().filter(and_(final, variance != 0)).label("variance_lines"),
               func.count().filter(and_(final, variance != 0, lines.c.decision.is_(None))).label("undecided_lines"),
               func.coalesce(func.sum(case((final, variance), else_=0)), 0).label("variance_units"))
        .where(lines.c.document_id.in_(tasks)).group_by(lines.c.document_id))}
    place_totals = {r.document_id: r for r in uow.conn.execute(
        select(places.c.document_id, func.count().label("locations_total"),
               func.count().filter(places.c.state == "counted").label("locations_counted"))
        .where(places.c.document_id.in_(tasks)).group_by(places.c.document_id))}
    out = {}
    for task in tasks:
        counted, placed = line_totals.get(task), place_totals.get(task)
        out[task] = CountTotals(
            locations_total=placed.locations_total if placed else 0,
            locations_counted=placed.locations_counted if placed else 0,
            **{name: int(getattr(counted, name)) if counted else 0 for name in (
                "lines_total", "lines_counted", "recount_lines", "variance_lines", "undecided_lines",
                "variance_units")})
    return out


def detail(uow: UnitOfWork, document: DocumentRef) -> CountDetail:
    task = uow.conn.execute(select(count_tasks.c.scope, count_tasks.c.scope_text)
                            .where(count_tasks.c.document_id == document.document_id)).one()
    return CountDetail(header=docs.header(uow, COUNT, document), scope=task.scope, scope_text=task.scope_text,
                       totals=totals(uow, document))


def totals(uow: UnitOfWork, document: DocumentRef) -> CountTotals:
    return _totals(uow, [document.document_id])[document.document_id]


def ids(uow: UnitOfWork, cmd: CountIds) -> list[int]:
    query = docs.ids_query(uow, COUNT, list(cmd.states) if cmd.states else None)
    if cmd.search:
        query = query.where(documents.c.document_number.like(lookup.escape_like(cmd.search) + "%", escape="\\"))
    return ordered_ids(uow.conn, query, [documents.c[cmd.sort_by], documents.c.document_id], cmd)


def rows(uow: UnitOfWork, wanted: list[int]) -> list[CountRow]:
    if not wanted:
        return []
    found = uow.conn.execute(
        select(*docs.row_columns(), count_tasks.c.scope_text)
        .join(count_tasks, count_tasks.c.document_id == documents.c.document_id)
        .where(documents.c.document_id.in_(wanted), documents.c.warehouse_id == uow.warehouse_id)).all()
    totals = _totals(uow, [r.document_id for r in found])
    by_id = {}
    for r in found:
        t = totals[r.document_id]
        by_id[r.document_id] = CountRow(**docs.row_values(r), locations_total=t.locations_total,
                                        locations_counted=t.locations_counted, variance_lines=t.variance_lines)
    return [by_id[i] for i in wanted if i in by_id]


def line_ids(uow: UnitOfWork, cmd: CountLineIds) -> list[int]:
    """The task's lines that stand (and those waiting for a recount): locations in walking
    order, a location's lines in the order their SKUs were created (``descending``: reversed)."""
    query = (select(lines.c.line_id, locations.c.location_code)
             .join(documents, documents.c.document_id == lines.c.document_id)
             .join(locations, locations.c.location_id == lines.c.location_id)
             .where(lines.c.document_id == cmd.document_id, documents.c.warehouse_id == uow.warehouse_id,
                    lines.c.status != "recounted"))
    if cmd.variances_only:
        query = query.where(lines.c.status == "counted", lines.c.counted_quantity != lines.c.expected_quantity)
    if cmd.search:
        prefix = lookup.escape_like(cmd.search) + "%"
        query = query.join(skus, skus.c.sku_id == lines.c.sku_id).where(
            or_(locations.c.location_code.like(prefix, escape="\\"), skus.c.sku_code.like(prefix, escape="\\")))
    # the database groups the lines by location (integer keys: no collation to sort 5,000 strings
    # by); here only the locations go into walking order
    rows = uow.conn.execute(query.order_by(lines.c.location_id, lines.c.sku_id, lines.c.batch_number)).all()
    places_in_order = sorted(((code, [row.line_id for row in group]) for code, group in groupby(rows, itemgetter(1))),
                             key=lambda place: walking_order_key(place[0]), reverse=cmd.descending)
    ids = [i for _code, group in places_in_order for i in (reversed(group) if cmd.descending else group)]
    return ids[:cmd.limit]


def line_rows(uow: UnitOfWork, wanted: list[int]) -> list[CountLineRow]:
    if not wanted:
        return []
    first = lines.alias("first_count")
    found = uow.conn.execute(
        select(lines, locations.c.location_code, skus.c.sku_code, products.c.product_name,
               first.c.counted_by.label("first_counted_by"))
        .join(documents, documents.c.document_id == lines.c.document_id)
        .join(locations, locations.c.location_id == lines.c.location_id)
        .join(skus, skus.c.sku_id == lines.c.sku_id).join(products, products.c.product_id == skus.c.product_id)
        .outerjoin(first, and_(first.c.document_id == lines.c.document_id, first.c.location_id == lines.c.location_id,
                               first.c.sku_id == lines.c.sku_id, first.c.batch_number == lines.c.batch_number,
                               first.c.round == 1, lines.c.round > 1))
        .where(lines.c.line_id.in_(wanted), documents.c.warehouse_id == uow.warehouse_id)).all()
    by_id = {}
    for r in found:
        done = r.status == "counted"
        by_id[r.line_id] = CountLineRow(
            line_id=r.line_id, location_code=r.location_code, sku_code=r.sku_code, product_name=r.product_name,
            batch_number=r.batch_number or None, round=r.round, status=r.status,
            snapshot_quantity=r.snapshot_quantity,
            moved_quantity=r.expected_quantity - r.snapshot_quantity if done and r.snapshot_quantity is not None
            else None,
            expected_quantity=r.expected_quantity if done else None, counted_quantity=r.counted_quantity,
            variance=r.counted_quantity - r.expected_quantity if done else None, counted_by=r.counted_by,
            first_counted_by=r.first_counted_by, decision=r.decision, reason_code=r.reason_code,
            decided_by=r.decided_by)
    return [by_id[i] for i in wanted if i in by_id]


def accuracy(uow: UnitOfWork, document: DocumentRef) -> list[CounterAccuracy]:
    """A counted line is right when its variance is the one finally accepted: the standing
    line's variance unless it was rejected (then none). A recounted first count is held to
    its recount's accepted variance."""
    rows = uow.conn.execute(
        select(lines.c.location_id, lines.c.sku_id, lines.c.batch_number, lines.c.status, lines.c.counted_by,
               lines.c.decision, (lines.c.counted_quantity - lines.c.expected_quantity).label("variance"))
        .where(lines.c.document_id == document.document_id, lines.c.status != "open")).all()
    accepted = {(r.location_id, r.sku_id, r.batch_number): 0 if r.decision == "rejected" else r.variance
                for r in rows if r.status == "counted"}
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        if r.counted_by is None:
            continue
        counts = tally[r.counted_by]
        counts[0] += 1
        counts[1] += r.variance == accepted.get((r.location_id, r.sku_id, r.batch_number))
    return [CounterAccuracy(counter=name, lines_counted=n, lines_right=right,
                            accuracy_percent=round(100.0 * right / n, 1))
            for name, (n, right) in sorted(tally.items())]
