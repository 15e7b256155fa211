"""Count tasks: blind cycle counts with recount and approval (docs/services.md, "Counts").

    counts.create({"count_number": "CC-0001", "location_prefix": "A-"})     # a supervisor
    counts.start_location({"count_number": "CC-0001", "location_code": "A-01"})  # a counter
    counts.count_item({"count_number": "CC-0001", "location_code": "A-01", "sku_code": "…"})
    counts.finish_location({"count_number": "CC-0001", "location_code": "A-01"})
    counts.decide({…, "line_ids": [7], "decision": "approve", "reason_code": "damaged"})
    counts.approve({"count_number": "CC-0001"}); counts.post({"count_number": "CC-0001"})

Starting a location takes its snapshot (each balance's quantity then). Every count entry
records the balance as it is at that moment as the line's expected quantity, so
``expected = snapshot + movements posted since the snapshot`` and stock received or picked
while the count goes on shows no variance: ``variance = counted - expected``. Finishing a
location counts the balances nobody scanned as zero. A first count beyond the warehouse's
tolerance is recounted blind (by another counter when the warehouse says so); the recount's
result goes to approval. Posting applies the approved variances as count movements — deltas,
so stock moved after the count stays right — all in one transaction, with the task's number
as ``document_ref``.

Every change locks the task's header first (services/documents.py); count entries take it
shared, so counters at different locations scan at once, and lock their location's row.
None of a counter's answers carries a system quantity.
"""
from __future__ import annotations

import uuid

import msgspec
from sqlalchemy import func, insert, literal, select, update

from ..contract.base import Changes
from ..contract.counts import (
    CountAtLocation,
    CountDetail,
    CounterAccuracy,
    CountIds,
    CountItem,
    CountLineIds,
    CountLineRow,
    CountLinesDecided,
    CountLocationFinished,
    CountLocationStarted,
    CountMutation,
    CountPosted,
    CountRef,
    CountRow,
    CountSettings,
    CountSheet,
    CreateCount,
    DecideCountLines,
    ItemCounted,
    SetCountSettings,
)
from ..contract.decode import Payload, decode
from ..contract.documents import DocumentChanged, DocumentRef
from ..db.engine import now
from ..db.schema import count_lines as lines
from ..db.schema import count_locations as places
from ..db.schema import count_settings, count_tasks, locations, products, skus
from ..db.schema import stock_balances as bal
from ..domain.counts import COUNT, RECOUNT_ROUND, needs_recount
from ..domain.errors import WmsError
from ..domain.permissions import APPROVE_COUNTS, CORRECT_STOCK, PLAN_DOCUMENTS
from . import count_scope, count_views, documents, lookup
from .access import READ, requires
from .inventory import balance_change, post_lines
from .posting import Header, Line
from .unit import Area, UnitOfWork

DEFAULTS = CountSettings(tolerance_units=0, tolerance_percent=0, recount_by_other=True, approver_not_counter=True)


class Counts(Area):
    # ---- the supervisor ------------------------------------------------------------------------

    @requires(READ)
    def settings(self) -> CountSettings:
        return self._scope.read(settings)

    @requires(PLAN_DOCUMENTS)
    def set_settings(self, command: SetCountSettings | Payload) -> CountSettings:
        cmd = decode(SetCountSettings, command)
        return self._scope.write(lambda uow: set_settings(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def create(self, command: CreateCount | Payload) -> DocumentChanged:
        """A task over the locations (or SKUs) the command names, pending."""
        cmd = self._scope.signed(decode(CreateCount, command))
        return self._scope.once("count_create", cmd, DocumentChanged, lambda uow: create(uow, cmd))

    @requires(APPROVE_COUNTS)
    def decide(self, command: DecideCountLines | Payload) -> CountLinesDecided:
        """Approve or reject variances, by someone who did not count them (where the warehouse says so)."""
        cmd = self._scope.signed(decode(DecideCountLines, command))
        return self._scope.once("count_decide", cmd, CountLinesDecided, lambda uow: decide(uow, cmd))

    @requires(APPROVE_COUNTS)
    def approve(self, command: CountMutation | Payload) -> DocumentChanged:
        cmd = self._scope.signed(decode(CountMutation, command))
        return self._scope.once("count_approve", cmd, DocumentChanged, lambda uow: approve(uow, cmd))

    @requires(APPROVE_COUNTS)
    def post(self, command: CountMutation | Payload) -> CountPosted:
        """The approved variances as count movements, all in one transaction."""
        cmd = self._scope.signed(decode(CountMutation, command))
        return self._scope.once("count_post", cmd, CountPosted, lambda uow: post_task(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def cancel(self, command: CountMutation | Payload) -> DocumentChanged:
        cmd = self._scope.signed(decode(CountMutation, command))
        return self._scope.once("count_cancel", cmd, DocumentChanged, lambda uow: cancel(uow, cmd))

    @requires(APPROVE_COUNTS)
    def detail(self, command: CountRef | Payload) -> CountDetail:
        cmd = decode(CountRef, command)
        return self._scope.read(lambda uow: count_views.detail(uow, _find(uow, cmd, lock=False)))

    @requires(APPROVE_COUNTS)
    def line_ids(self, command: CountLineIds | Payload) -> list[int]:
        cmd = decode(CountLineIds, command)
        return self._scope.read(lambda uow: count_views.line_ids(uow, cmd))

    @requires(APPROVE_COUNTS)
    def line_rows(self, ids: list[int]) -> list[CountLineRow]:
        return self._scope.read(lambda uow: count_views.line_rows(uow, count_views.checked_ids(ids)))

    @requires(APPROVE_COUNTS)
    def accuracy(self, command: CountRef | Payload) -> list[CounterAccuracy]:
        """Per counter: lines counted, and how many agreed with the quantity finally accepted."""
        cmd = decode(CountRef, command)
        return self._scope.read(lambda uow: count_views.accuracy(uow, _find(uow, cmd, lock=False)))

    @requires(READ)
    def ids(self, command: CountIds | Payload | None = None) -> list[int]:
        cmd = decode(CountIds, command or {})
        return self._scope.read(lambda uow: count_views.ids(uow, cmd))

    @requires(READ)
    def rows(self, ids: list[int]) -> list[CountRow]:
        return self._scope.read(lambda uow: count_views.rows(uow, count_views.checked_ids(ids)))

    # ---- the counter (blind) -------------------------------------------------------------------

    @requires(CORRECT_STOCK)
    def sheet(self, command: CountRef | Payload) -> CountSheet:
        """The task's locations in walking order, their state and the items to recount."""
        cmd = decode(CountRef, command)
        return self._scope.read(lambda uow: count_views.sheet(uow, _find(uow, cmd, lock=False)))

    @requires(CORRECT_STOCK)
    def start_location(self, command: CountAtLocation | Payload) -> CountLocationStarted:
        """Start (or resume) counting a location: its snapshot is taken."""
        cmd = self._scope.signed(decode(CountAtLocation, command))
        return self._scope.once("count_start", cmd, CountLocationStarted, lambda uow: start_location(uow, cmd))

    @requires(CORRECT_STOCK)
    def count_item(self, command: CountItem | Payload) -> ItemCounted:
        """Add counted units of an item at the location being counted."""
        cmd = self._scope.signed(decode(CountItem, command))
        return self._scope.once("count_item", cmd, ItemCounted, lambda uow: count_item(uow, cmd))

    @requires(CORRECT_STOCK)
    def finish_location(self, command: CountAtLocation | Payload) -> CountLocationFinished:
        """The location is counted: balances not scanned count as zero."""
        cmd = self._scope.signed(decode(CountAtLocation, command))
        return self._scope.once("count_finish", cmd, CountLocationFinished, lambda uow: finish_location(uow, cmd))


# ---- settings ------------------------------------------------------------------------------------


def settings(uow: UnitOfWork) -> CountSettings:
    row = uow.conn.execute(select(count_settings.c.tolerance_units, count_settings.c.tolerance_percent,
                                  count_settings.c.recount_by_other, count_settings.c.approver_not_counter)
                           .where(count_settings.c.warehouse_id == uow.warehouse_id)).first()
    return CountSettings(**row._mapping) if row else DEFAULTS


def set_settings(uow: UnitOfWork, cmd: SetCountSettings) -> CountSettings:
    values = msgspec.structs.asdict(cmd)
    changed = uow.conn.execute(update(count_settings).where(count_settings.c.warehouse_id == uow.warehouse_id)
                               .values(**values, updated_at=now(uow.conn))).rowcount
    if not changed:
        uow.conn.execute(insert(count_settings).values(warehouse_id=uow.warehouse_id, **values))
    return settings(uow)


# ---- the task --------------------------------------------------------------------------------------


def create(uow: UnitOfWork, cmd: CreateCount) -> DocumentChanged:
    scope = count_scope.resolve(uow, cmd)
    assert cmd.operator_id is not None  # signed
    document = documents.create(uow, COUNT, cmd.count_number, cmd.operator_id, is_urgent=cmd.is_urgent,
                                notes=cmd.notes)
    task = document.document_id
    uow.conn.execute(insert(count_tasks).values(document_id=task, scope=scope.kind, scope_text=scope.text,
                                                sku_scope=scope.sku_ids is not None))
    uow.conn.execute(insert(places), [{"document_id": task, "location_id": place} for place in scope.location_ids])
    # the lines known now (stocked balances), for the task's size; each location's start adds
    # what is stocked by then
    stocked = (select(literal(task), bal.c.location_id, bal.c.sku_id, bal.c.batch_number)
               .join(places, (places.c.location_id == bal.c.location_id) & (places.c.document_id == task))
               .where(bal.c.stock_quantity > 0))
    if scope.sku_ids is not None:
        stocked = stocked.where(bal.c.sku_id.in_(scope.sku_ids))
    uow.conn.execute(insert(lines).from_select(["document_id", "location_id", "sku_id", "batch_number"], stocked))
    return DocumentChanged(document=document, changes=Changes(documents=[document.change()]))


def _find(uow: UnitOfWork, cmd: CountRef | CountMutation, lock: bool = True, shared: bool = False) -> DocumentRef:
    return documents.find(uow, COUNT, cmd.document_id, cmd.count_number, lock=lock, shared=shared)


def _moved(document: DocumentRef) -> Changes:
    return Changes(documents=[document.change()])


def approve(uow: UnitOfWork, cmd: CountMutation) -> DocumentChanged:
    document = _find(uow, cmd)
    COUNT.check("approve", document.state, document.document_number)
    undecided = uow.conn.scalar(select(func.count()).where(
        *_final(document.document_id), lines.c.counted_quantity != lines.c.expected_quantity,
        lines.c.decision.is_(None)))
    if undecided:
        raise WmsError("COUNT_LINES_UNDECIDED", details={"document_number": document.document_number,
                                                         "undecided_lines": undecided})
    assert cmd.operator_id is not None
    after = documents.act(uow, COUNT, document, "approve", cmd.operator_id, cmd.expected_version)
    return DocumentChanged(document=after, changes=_moved(after))


def cancel(uow: UnitOfWork, cmd: CountMutation) -> DocumentChanged:
    document = _find(uow, cmd)
    assert cmd.operator_id is not None
    after = documents.act(uow, COUNT, document, "cancel", cmd.operator_id, cmd.expected_version)
    return DocumentChanged(document=after, changes=_moved(after))


def decide(uow: UnitOfWork, cmd: DecideCountLines) -> CountLinesDecided:
    document = _find(uow, cmd)
    COUNT.check("decide", document.state, document.document_number)
    rule = settings(uow)
    found = {row.line_id: row for row in uow.conn.execute(
        select(lines.c.line_id, lines.c.location_id, lines.c.sku_id, lines.c.batch_number, lines.c.counted_quantity,
               lines.c.expected_quantity, lines.c.decision)
        .where(*_final(document.document_id), lines.c.line_id.in_(cmd.line_ids)))}
    # the balance keys this operator counted in any round of the task (one query for all lines)
    own = {tuple(row) for row in uow.conn.execute(
        select(lines.c.location_id, lines.c.sku_id, lines.c.batch_number)
        .where(lines.c.document_id == document.document_id, lines.c.counted_by == cmd.operator_id))
    } if rule.approver_not_counter else set()
    for line_id in cmd.line_ids:
        line = found.get(line_id)
        details = {"document_number": document.document_number, "line_id": line_id}
        if line is None:
            raise WmsError("COUNT_LINE_NOT_FOUND", details=details)
        if line.decision is not None:
            raise WmsError("COUNT_LINE_DECIDED", details={**details, "decision": line.decision})
        if line.counted_quantity == line.expected_quantity:
            raise WmsError("COUNT_NO_DIFFERENCE", details=details)
        if (line.location_id, line.sku_id, line.batch_number) in own:
            raise WmsError("COUNT_APPROVER_COUNTED", details={**details, "operator_id": cmd.operator_id})
    assert cmd.operator_id is not None
    uow.conn.execute(update(lines).where(lines.c.line_id.in_(cmd.line_ids)).values(
        decision="approved" if cmd.decision == "approve" else "rejected", reason_code=cmd.reason_code,
        decided_by=cmd.operator_id, decided_at=now(uow.conn)))
    after = documents.act(uow, COUNT, document, "decide", cmd.operator_id, cmd.expected_version)
    # what the approval view shows of the decision, so it fetches nothing again
    return CountLinesDecided(document=after, line_ids=cmd.line_ids, decision=cmd.decision,
                             reason_code=cmd.reason_code, lines=count_views.line_rows(uow, cmd.line_ids),
                             totals=count_views.totals(uow, after), accuracy=count_views.accuracy(uow, after),
                             changes=_moved(after))


def post_task(uow: UnitOfWork, cmd: CountMutation) -> CountPosted:
    document = _find(uow, cmd)
    COUNT.check("post", document.state, document.document_number)
    assert cmd.operator_id is not None
    request_id = cmd.request_id or uuid.uuid4().hex
    if uow.conn.dialect.name == "postgresql":
        posted = uow.conn.exec_driver_sql(
            "SELECT wms_post_count(%s::text, %s::int8, %s::text, %s::text, %s::text)",
            (uow.warehouse.code, document.document_id, cmd.operator_id, document.document_number, request_id),
        ).scalar_one()
        changes, operated_at = msgspec.convert(posted["changes"], Changes), posted["operated_at"]
    else:
        changes, operated_at = _post_here(uow, document, Header(
            operator_id=cmd.operator_id, request_id=request_id, document_ref=document.document_number))
    after = documents.act(uow, COUNT, document, "post", cmd.operator_id, cmd.expected_version)
    return CountPosted(document=after, movements=len(changes.balances), operated_at=operated_at,
                       changes=msgspec.structs.replace(changes, documents=[after.change()]))


def _post_here(uow: UnitOfWork, document: DocumentRef, header: Header) -> tuple[Changes, str | None]:
    """SQLite: the approved variances through services/posting.py (PostgreSQL: wms_post_count)."""
    rows = uow.conn.execute(
        select(lines.c.counted_quantity - lines.c.expected_quantity, lines.c.batch_number, skus.c.sku_id,
               skus.c.sku_code, skus.c.product_id, products.c.product_code, locations.c.location_id,
               locations.c.location_code, locations.c.location_type, locations.c.is_active, locations.c.warehouse_id)
        .join(skus, skus.c.sku_id == lines.c.sku_id).join(products, products.c.product_id == skus.c.product_id)
        .join(locations, locations.c.location_id == lines.c.location_id)
        .where(*_final(document.document_id), lines.c.decision == "approved",
               lines.c.counted_quantity != lines.c.expected_quantity)
        .order_by(lines.c.line_id)).all()
    posted = post_lines(uow, [
        Line(lookup.Sku(r.sku_id, r.sku_code, r.product_id, r.product_code),
             lookup.Location(r.location_id, r.location_code, r.location_type, r.is_active, r.warehouse_id),
             r.batch_number, "count", change=r[0]) for r in rows], header)
    stamp = posted[0].operated_at if posted else None
    return Changes.of_balances([balance_change(done) for done in posted]), count_views.iso(stamp)


def _final(task: int) -> tuple:
    """The lines whose count stands (not superseded by a recount)."""
    return lines.c.document_id == task, lines.c.status == "counted"


# ---- counting ----------------------------------------------------------------------------------------


def _place(uow: UnitOfWork, document: DocumentRef, location_code: str):
    """The task's row of a location, locked (one statement: this runs for every scan)."""
    row = uow.conn.execute(
        select(places).join(locations, locations.c.location_id == places.c.location_id)
        .where(places.c.document_id == document.document_id, locations.c.warehouse_id == uow.warehouse_id,
               locations.c.location_code == location_code).with_for_update(of=places)).first()
    if row is None:
        lookup.location(uow.conn, uow.warehouse_id, location_code=location_code)  # LOCATION_NOT_FOUND first
        raise WmsError("COUNT_LOCATION_NOT_IN_TASK", details={"document_number": document.document_number,
                                                              "location_code": location_code})
    return row


def _item(uow: UnitOfWork, sku_code: str):
    """(sku_id, sku_code, product_name) of a live SKU, in one statement; a miss is refused as
    ``lookup.sku`` refuses it."""
    row = uow.conn.execute(
        select(skus.c.sku_id, skus.c.sku_code, products.c.product_name)
        .join(products, products.c.product_id == skus.c.product_id)
        .where(skus.c.sku_code == sku_code, ~skus.c.is_deleted)).first()
    if row is None:
        lookup.sku(uow.conn, sku_code)
        raise AssertionError("lookup.sku refuses what is not found")
    return row


def _refuse_unless_mine(document: DocumentRef, row, location_code: str, operator: str | None) -> None:
    """Count entries and finishing need the location being counted by this counter."""
    details = {"document_number": document.document_number, "location_code": location_code}
    if row.state == "counted":
        raise WmsError("COUNT_LOCATION_DONE", details=details)
    if row.state != "counting":
        raise WmsError("COUNT_LOCATION_NOT_STARTED", details=details)
    if row.counted_by != operator:
        raise WmsError("COUNT_LOCATION_TAKEN", details={**details, "counted_by": row.counted_by})


def _expected():
    """The balance of a line's key now (0 when there is none), as a scalar subquery."""
    return func.coalesce(select(bal.c.stock_quantity).where(
        bal.c.sku_id == lines.c.sku_id, bal.c.location_id == lines.c.location_id,
        bal.c.batch_number == lines.c.batch_number).scalar_subquery(), 0)


def start_location(uow: UnitOfWork, cmd: CountAtLocation) -> CountLocationStarted:
    document = _find(uow, cmd)
    COUNT.check("start", document.state, document.document_number)
    row = _place(uow, document, cmd.location_code)
    task, place = document.document_id, row.location_id
    details = {"document_number": document.document_number, "location_code": cmd.location_code}
    if row.state == "counted":
        raise WmsError("COUNT_LOCATION_DONE", details=details)
    if row.state == "counting" and row.counted_by != cmd.operator_id:
        raise WmsError("COUNT_LOCATION_TAKEN", details={**details, "counted_by": row.counted_by})
    if row.state == "recount" and settings(uow).recount_by_other and cmd.operator_id in set(uow.conn.scalars(
            select(lines.c.counted_by).where(lines.c.document_id == task, lines.c.location_id == place,
                                             lines.c.round < row.round))):
        raise WmsError("COUNT_RECOUNT_SAME_COUNTER", details={**details, "operator_id": cmd.operator_id})
    if row.state != "counting":  # (a counter resuming their own location takes no new snapshot)
        uow.conn.execute(update(places).where(places.c.document_id == task, places.c.location_id == place).values(
            state="counting", counted_by=cmd.operator_id, started_at=now(uow.conn)))
        if row.round == 1:
            _add_stocked(uow, task, place)
        uow.conn.execute(update(lines).where(lines.c.document_id == task, lines.c.location_id == place,
                                             lines.c.round == row.round).values(snapshot_quantity=_expected()))
    if document.state == "pending":
        assert cmd.operator_id is not None
        document = documents.act(uow, COUNT, document, "start", cmd.operator_id)
    sheet_row = count_views.sheet_place(uow, task, place)
    return CountLocationStarted(document=document, location_code=cmd.location_code, round=row.round,
                                recount_items=sheet_row.recount_items, place=sheet_row, changes=_moved(document))


def _add_stocked(uow: UnitOfWork, task: int, place: int) -> None:
    """Lines for the location's stocked balances that have none yet (of the task's SKUs only,
    for a task over SKUs)."""
    stocked = (select(literal(task), bal.c.location_id, bal.c.sku_id, bal.c.batch_number)
               .where(bal.c.location_id == place, bal.c.stock_quantity > 0,
                      ~select(lines.c.line_id).where(lines.c.document_id == task, lines.c.location_id == place,
                                                     lines.c.sku_id == bal.c.sku_id,
                                                     lines.c.batch_number == bal.c.batch_number).exists()))
    if uow.conn.scalar(select(count_tasks.c.sku_scope).where(count_tasks.c.document_id == task)):
        stocked = stocked.where(bal.c.sku_id.in_(select(lines.c.sku_id).where(lines.c.document_id == task)))
    uow.conn.execute(insert(lines).from_select(["document_id", "location_id", "sku_id", "batch_number"], stocked))


def count_item(uow: UnitOfWork, cmd: CountItem) -> ItemCounted:
    document = _find(uow, cmd, shared=True)
    COUNT.check("scan", document.state, document.document_number)
    row = _place(uow, document, cmd.location_code)
    _refuse_unless_mine(document, row, cmd.location_code, cmd.operator_id)
    sku = _item(uow, cmd.sku_code)
    task, place, batch = document.document_id, row.location_id, cmd.batch_number or ""
    key = (lines.c.document_id == task, lines.c.location_id == place, lines.c.sku_id == sku.sku_id,
           lines.c.batch_number == batch, lines.c.round == row.round)
    counted = uow.conn.execute(update(lines).where(*key).values(
        counted_quantity=lines.c.counted_quantity + cmd.stock_quantity, counted_by=cmd.operator_id,
        counted_at=now(uow.conn), expected_quantity=_expected()).returning(lines.c.counted_quantity)).scalar()
    if counted is None:
        sku_scope = uow.conn.scalar(select(count_tasks.c.sku_scope).where(count_tasks.c.document_id == task))
        if row.round > 1 or (sku_scope and not uow.conn.scalar(
                select(lines.c.line_id).where(lines.c.document_id == task, lines.c.sku_id == sku.sku_id).limit(1))):
            raise WmsError("COUNT_ITEM_NOT_IN_TASK", details={
                "document_number": document.document_number, "location_code": cmd.location_code,
                "sku_code": sku.sku_code, "batch_number": cmd.batch_number})
        # stock nobody expected here (or received since the snapshot): its snapshot is 0
        balance = uow.conn.scalar(select(bal.c.stock_quantity).where(
            bal.c.sku_id == sku.sku_id, bal.c.location_id == place, bal.c.batch_number == batch)) or 0
        uow.conn.execute(insert(lines).values(
            document_id=task, location_id=place, sku_id=sku.sku_id, batch_number=batch, round=row.round,
            snapshot_quantity=0, expected_quantity=balance, counted_quantity=cmd.stock_quantity,
            counted_by=cmd.operator_id, counted_at=now(uow.conn)))
        counted = cmd.stock_quantity
    return ItemCounted(document=document, location_code=cmd.location_code, sku_code=sku.sku_code,
                       product_name=sku.product_name, batch_number=cmd.batch_number, stock_quantity=cmd.stock_quantity,
                       counted_quantity=counted)


def finish_location(uow: UnitOfWork, cmd: CountAtLocation) -> CountLocationFinished:
    document = _find(uow, cmd)
    COUNT.check("finish_location", document.state, document.document_number)
    row = _place(uow, document, cmd.location_code)
    _refuse_unless_mine(document, row, cmd.location_code, cmd.operator_id)
    task, place, round_ = document.document_id, row.location_id, row.round
    here = (lines.c.document_id == task, lines.c.location_id == place, lines.c.round == round_)
    stamp = now(uow.conn)
    # what nobody scanned is counted zero, against the balance as it is now
    uow.conn.execute(update(lines).where(*here, lines.c.counted_by.is_(None)).values(
        counted_by=cmd.operator_id, counted_at=stamp, expected_quantity=_expected()))
    uow.conn.execute(update(lines).where(*here).values(status="counted"))
    counted = uow.conn.execute(select(lines.c.line_id, lines.c.location_id, lines.c.sku_id, lines.c.batch_number,
                                      lines.c.counted_quantity, lines.c.expected_quantity).where(*here)).all()
    recount = []
    if round_ < RECOUNT_ROUND:
        rule = settings(uow)
        recount = [line for line in counted if needs_recount(
            line.counted_quantity - line.expected_quantity, line.expected_quantity, rule.tolerance_units,
            rule.tolerance_percent)]
    if recount:
        uow.conn.execute(update(lines).where(lines.c.line_id.in_([line.line_id for line in recount]))
                         .values(status="recounted"))
        uow.conn.execute(insert(lines), [{"document_id": task, "location_id": place, "sku_id": line.sku_id,
                                          "batch_number": line.batch_number, "round": RECOUNT_ROUND}
                                         for line in recount])
        state = "recount"
        values = {"state": state, "round": RECOUNT_ROUND, "counted_by": None, "started_at": None}
    else:
        state = "counted"
        values = {"state": state, "finished_at": stamp}
    uow.conn.execute(update(places).where(places.c.document_id == task, places.c.location_id == place)
                     .values(**values))
    open_places = uow.conn.scalar(select(func.count()).where(places.c.document_id == task,
                                                             places.c.state != "counted"))
    if not open_places:
        assert cmd.operator_id is not None
        document = documents.act(uow, COUNT, document, "finish", cmd.operator_id)
    # blind: the items the counter counted, never how many more balances the system held there
    return CountLocationFinished(document=document, location_code=cmd.location_code, location_state=state,
                                 lines_counted=sum(1 for line in counted if line.counted_quantity),
                                 recount_lines=len(recount), place=count_views.sheet_place(uow, task, place),
                                 changes=_moved(document))

