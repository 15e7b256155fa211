"""Receiving against ASNs (docs/documents.md: ``asn`` is the worked example of a document).

A supervisor plans an ASN (supplier, arrival, purchase order, lines of SKU, batch, expiry and
expected quantity) and may edit or cancel it while it is pending. A clerk receives it scan by
scan: each :func:`receive` locks the ASN's header, records a receipt row and posts the units
into the workstation's receiving location (damaged ones into a damaged-goods location) in the
same unit of work, with the ASN's number as the ledger's ``document_ref`` — at most once per
``request_id``. Because every receipt of one ASN queues on its header lock, two workstations
receiving the same line never take it past its expected quantity plus the warehouse's tolerance
without someone accepting the over-receipt explicitly, with a reason. An item the ASN does not
name needs the same explicit choice (a blind receipt, started without an ASN, takes anything).
Lots: a receipt's batch gets its expiry (the scan's GS1 (17), or the line's) via ``lots``.

Every total is the sum of the receipt rows: the ASN's progress, and at :func:`close` the
variance of each line (short, over, damaged) and the unexpected items; short lines close with a
reason. A clerk reading a blind ASN gets no expected quantity anywhere (``reveal`` False).
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import msgspec
from sqlalchemy import BigInteger, cast, delete, exists, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..contract.base import BalanceChange, Changes
from ..contract.decode import Payload, check, decode
from ..contract.receiving import (
    AsnChanged,
    AsnDetail,
    AsnFields,
    AsnIds,
    AsnLine,
    AsnLineInput,
    AsnQuery,
    AsnRef,
    AsnRow,
    CloseAsn,
    CreateAsn,
    EditAsn,
    PutAway,
    PutAwayDone,
    PutawayList,
    PutawayTasks,
    Receive,
    Received,
    SetTolerance,
    StartReceipt,
    Tolerance,
)
from ..contract.stock import IdList, Inbound
from ..db.schema import asn_lines, asn_receipts, asns, documents, locations, lots, products, receiving_rules, skus
from ..domain.codes import iso_z
from ..domain.documents import check_lines
from ..domain.errors import WmsError, invalid
from ..domain.permissions import MOVE_STOCK, PLAN_DOCUMENTS
from ..domain.receiving import ASN, BLIND_RECEIPT_PREFIX, allowed_quantity
from ..domain.walking_order import walking_order_key
from . import browse, inventory, lookup, putaway
from . import documents as docs
from . import lots as lot_store
from .access import READ, requires
from .unit import Area, UnitOfWork

R = TypeVar("R", bound=AsnChanged)


class Receiving(Area):
    """ASNs of the workstation's warehouse, and receiving against them."""

    @property
    def _supervising(self) -> bool:
        """A supervisor (or the system): sees what a blind ASN expects, may accept any
        over-receipt."""
        return self.actor.holds(PLAN_DOCUMENTS)

    @requires(PLAN_DOCUMENTS)
    def create(self, command: CreateAsn | Payload) -> AsnChanged:
        """A new pending ASN with its lines."""
        cmd = self._scope.signed(decode(CreateAsn, command))
        return self._once("asn_create", cmd, AsnChanged, lambda uow: create(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def edit(self, command: EditAsn | Payload) -> AsnChanged:
        """A pending ASN's header and lines, replaced whole (16001 once it is being received)."""
        cmd = self._scope.signed(decode(EditAsn, command))
        return self._once("asn_edit", cmd, AsnChanged, lambda uow: edit(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def cancel(self, command: AsnRef | Payload) -> AsnChanged:
        """Cancel a pending ASN (16028 in any other state)."""
        cmd = self._scope.signed(decode(AsnRef, command))
        return self._once("asn_cancel", cmd, AsnChanged, lambda uow: act(uow, cmd, "cancel", True))

    @requires(MOVE_STOCK)
    def start_blind(self, command: StartReceipt | Payload) -> AsnChanged:
        """A receipt without an ASN, ready to receive whatever arrives."""
        cmd = self._scope.signed(decode(StartReceipt, command))
        return self._once("asn_start_blind", cmd, AsnChanged, lambda uow: start_blind(uow, cmd))

    @requires(MOVE_STOCK)
    def receive(self, command: Receive | Payload) -> Received:
        """One scan received and posted (see the module's docstring)."""
        cmd = self._scope.signed(decode(Receive, command))
        supervising = self._supervising
        return self._once("asn_receive", cmd, Received, lambda uow: receive(uow, cmd, supervising))

    @requires(MOVE_STOCK)
    def finish(self, command: AsnRef | Payload) -> AsnChanged:
        """The clerk is done: receiving → received."""
        cmd = self._scope.signed(decode(AsnRef, command))
        reveal = self._supervising
        return self._once("asn_finish", cmd, AsnChanged, lambda uow: act(uow, cmd, "finish", reveal))

    @requires(PLAN_DOCUMENTS)
    def close(self, command: CloseAsn | Payload) -> AsnChanged:
        """Close a received ASN with its variance; every short line needs a reason."""
        cmd = self._scope.signed(decode(CloseAsn, command))
        return self._once("asn_close", cmd, AsnChanged, lambda uow: close(uow, cmd))

    @requires(PLAN_DOCUMENTS)
    def set_tolerance(self, command: SetTolerance | Payload) -> Tolerance:
        """The warehouse's over-receipt tolerance, in percent of a line's expected quantity."""
        cmd = decode(SetTolerance, command)
        return self._scope.write(lambda uow: set_tolerance(uow, cmd))

    @requires(READ)
    def tolerance(self) -> Tolerance:
        return self._scope.read(rules_of)

    @requires(READ)
    def putaway_tasks(self, command: PutawayTasks | Payload) -> PutawayList:
        """Open putaway tasks (of an ASN, of a receiving location) with suggested destinations."""
        cmd = decode(PutawayTasks, command)
        return self._scope.read(lambda uow: putaway.tasks(uow, cmd))

    @requires(MOVE_STOCK)
    def put_away(self, command: PutAway | Payload) -> PutAwayDone:
        """Move received units to a shelf: a transfer with the ASN's number, once per request_id."""
        cmd = self._scope.signed(decode(PutAway, command))
        return self._scope.once("asn_put_away", cmd, PutAwayDone, lambda uow: putaway.put_away(uow, cmd))

    @requires(READ)
    def asn(self, command: AsnQuery | Payload) -> AsnDetail:
        """An ASN with its lines and progress."""
        cmd = decode(AsnQuery, command)
        reveal = self._supervising
        return self._scope.read(lambda uow: detail(uow, _find(uow, cmd, lock=False), reveal))

    @requires(READ)
    def asn_ids(self, command: AsnIds | Payload) -> list[int]:
        """The ids of the Receiving screen's rows, searched and sorted."""
        cmd = decode(AsnIds, command)
        return self._scope.read(lambda uow: asn_ids(uow, cmd))

    @requires(READ)
    def asn_rows(self, ids: list[int]) -> list[AsnRow]:
        """Rows for a block of ids, in the order given."""
        ids = check(IdList, "ids", ids)
        reveal = self._supervising
        return self._scope.read(lambda uow: asn_rows(uow, ids, reveal))

    def _once(self, operation: str, cmd: Any, result_type: type[R], work: Callable[[UnitOfWork], R]) -> R:
        return self._scope.once(operation, cmd, result_type, work)


# ---- planning -------------------------------------------------------------------------------------


def create(uow: UnitOfWork, cmd: CreateAsn) -> AsnChanged:
    lines = _resolved_lines(uow, cmd.asn_number, cmd.lines)
    assert cmd.operator_id is not None  # Scope.signed
    document = docs.create(uow, ASN, cmd.asn_number, cmd.operator_id, is_urgent=cmd.is_urgent, notes=cmd.notes)
    uow.conn.execute(insert(asns).values(document_id=document.document_id, **_header_values(cmd)))
    _insert_lines(uow, document.document_id, lines)
    return _changed(uow, document, True)


def edit(uow: UnitOfWork, cmd: EditAsn) -> AsnChanged:
    assert cmd.operator_id is not None
    found = _find(uow, cmd)
    document = docs.act(uow, ASN, found, "edit", cmd.operator_id, cmd.expected_version, is_urgent=cmd.is_urgent,
                        notes=cmd.notes)
    lines = _resolved_lines(uow, document.document_number, cmd.lines)
    uow.conn.execute(update(asns).where(asns.c.document_id == document.document_id).values(**_header_values(cmd)))
    uow.conn.execute(delete(asn_lines).where(asn_lines.c.document_id == document.document_id))
    _insert_lines(uow, document.document_id, lines)
    return _changed(uow, document, True)


def act(uow: UnitOfWork, cmd: AsnRef, action: str, reveal: bool) -> AsnChanged:
    assert cmd.operator_id is not None
    document = docs.act(uow, ASN, _find(uow, cmd), action, cmd.operator_id, cmd.expected_version)
    return _changed(uow, document, reveal)


def start_blind(uow: UnitOfWork, cmd: StartReceipt) -> AsnChanged:
    assert cmd.operator_id is not None
    number = cmd.asn_number or BLIND_RECEIPT_PREFIX + uuid.uuid4().hex[:10].upper()
    document = docs.create(uow, ASN, number, cmd.operator_id, is_urgent=cmd.is_urgent, notes=cmd.notes,
                           state="receiving")
    uow.conn.execute(insert(asns).values(document_id=document.document_id, supplier_code=cmd.supplier_code,
                                         supplier_name=cmd.supplier_name, purchase_order=cmd.document_ref,
                                         without_asn=True))
    return _changed(uow, document, True)


def set_tolerance(uow: UnitOfWork, cmd: SetTolerance) -> Tolerance:
    rules: dict[str, Any] = {"over_receipt_tolerance_percent": cmd.over_receipt_tolerance_percent,
                             "over_receipt_needs_supervisor": cmd.over_receipt_needs_supervisor}
    dialect_insert = postgresql.insert if uow.conn.dialect.name == "postgresql" else sqlite.insert
    uow.conn.execute(dialect_insert(receiving_rules).values(warehouse_id=uow.warehouse_id, **rules)
                     .on_conflict_do_update(index_elements=[receiving_rules.c.warehouse_id], set_=rules))
    return Tolerance(**rules)


def rules_of(uow: UnitOfWork) -> Tolerance:
    """The warehouse's receiving rules (no row: 0 % and any clerk may accept)."""
    row = uow.conn.execute(select(receiving_rules.c.over_receipt_tolerance_percent,
                                  receiving_rules.c.over_receipt_needs_supervisor)
                           .where(receiving_rules.c.warehouse_id == uow.warehouse_id)).first()
    return Tolerance(**row._mapping) if row is not None else Tolerance(over_receipt_tolerance_percent=0)


def _total(column: Any) -> Any:
    """SUM as a whole number on both backends (PostgreSQL sums BIGINT as NUMERIC)."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def _header_values(cmd: AsnFields) -> dict[str, Any]:
    return {"supplier_code": cmd.supplier_code, "supplier_name": cmd.supplier_name,
            "expected_arrival": cmd.expected_arrival, "purchase_order": cmd.document_ref, "is_blind": cmd.is_blind}


def _resolved_lines(uow: UnitOfWork, number: str, lines: Sequence[AsnLineInput]) -> list[dict[str, Any]]:
    """The lines as rows: each SKU looked up, each (SKU, batch) once (16025), at least one (16016);
    an expiry needs a batch."""
    check_lines(ASN.document_type, number, [(line.sku_code, line.batch_number or "") for line in lines],
                describe=lambda key: {"sku_code": key[0], "batch_number": key[1] or None})
    rows = []
    for index, line in enumerate(lines):
        if line.expiry_date is not None and line.batch_number is None:
            raise invalid(f"lines[{index}].expiry_date", "needs a batch_number", line_index=index)
        try:
            sku = lookup.sku(uow.conn, line.sku_code, lock=True)
        except WmsError as error:
            error.details["line_index"] = index
            raise
        rows.append({"line_number": index + 1, "sku_id": sku.sku_id, "batch_number": line.batch_number or "",
                     "expiry_date": line.expiry_date, "expected_quantity": line.expected_quantity})
    return rows


def _insert_lines(uow: UnitOfWork, document_id: int, rows: list[dict[str, Any]]) -> None:
    uow.conn.execute(insert(asn_lines), [{"document_id": document_id, **row} for row in rows])


# ---- receiving --------------------------------------------------------------------------------------


def receive(uow: UnitOfWork, cmd: Receive, supervising: bool) -> Received:
    assert cmd.operator_id is not None
    conn = uow.conn
    document = _find(uow, cmd)  # the header lock: receipts of one ASN queue here
    if document.state == ASN.initial:
        document = docs.act(uow, ASN, document, "receive", cmd.operator_id)
    else:
        ASN.check("receive", document.state, document.document_number)
    head = conn.execute(select(asns).where(asns.c.document_id == document.document_id)).one()
    rules = rules_of(uow)
    tolerance = rules.over_receipt_tolerance_percent
    reveal = supervising or not head.is_blind
    if cmd.damaged_quantity > cmd.quantity:
        raise WmsError("DAMAGED_EXCEEDS_RECEIVED", details={"quantity": cmd.quantity,
                                                             "damaged_quantity": cmd.damaged_quantity})
    sku = lookup.sku(conn, cmd.sku_code, lock=True)
    batch = cmd.batch_number or ""
    line = _matching_line(uow, document.document_id, sku.sku_id, batch)
    exception = _exception(uow, document.document_number, line, head.without_asn, tolerance, cmd, reveal)
    if exception == "over_receipt" and rules.over_receipt_needs_supervisor and not supervising:
        raise WmsError("PERMISSION_DENIED", "Only a supervisor accepts an over-receipt here", {
            "permission": PLAN_DOCUMENTS, "reason": "over_receipt_needs_supervisor",
            "asn_number": document.document_number, "sku_code": sku.sku_code})
    if (exception or cmd.damaged_quantity) and cmd.reason_code is None:
        raise WmsError("REASON_REQUIRED", details={"field": "reason_code", "exception": exception,
                                                   "damaged_quantity": cmd.damaged_quantity})
    expiry = cmd.expiry_date or (line.expiry_date if line is not None and line.batch_number == batch else None)
    if batch or expiry is not None:
        lot_store.record(conn, sku, batch, expiry)
    request_id = cmd.request_id or uuid.uuid4().hex
    balances: list[BalanceChange] = []
    receipts = []
    for quantity, damaged in ((cmd.quantity - cmd.damaged_quantity, False), (cmd.damaged_quantity, True)):
        if quantity == 0:
            continue
        place = _place(uow, cmd.damaged_location_code if damaged else cmd.location_code,
                       "damaged" if damaged else "receiving")
        moved = inventory.inbound(uow, Inbound(
            product_code=sku.product_code, sku_code=sku.sku_code, location_code=place.location_code,
            stock_quantity=quantity, batch_number=batch or None, operator_id=cmd.operator_id,
            is_urgent=cmd.is_urgent, notes=cmd.notes, document_ref=document.document_number, request_id=request_id))
        balances.extend(moved.changes.balances)
        receipts.append({"document_id": document.document_id, "line_id": line.line_id if line else None,
                         "sku_id": sku.sku_id, "batch_number": batch, "quantity": quantity, "is_damaged": damaged,
                         "location_id": place.location_id, "exception": exception,
                         "reason_code": cmd.reason_code if exception or damaged else None,
                         "operator_id": cmd.operator_id, "request_id": request_id})
    received_at = conn.execute(insert(asn_receipts).returning(asn_receipts.c.received_at), receipts).scalars().first()
    shown = detail(uow, document, reveal, head, tolerance)
    counted = next(item for item in shown.lines if item.sku_code == sku.sku_code and (
        item.line_number == line.line_number if line else item.line_number is None and
        (item.batch_number or "") == batch))
    return Received(asn=shown, line=counted, quantity=cmd.quantity, damaged_quantity=cmd.damaged_quantity,
                    request_id=request_id, received_at=iso_z(received_at),
                    changes=Changes.of_balances(balances, [document.change()]))


def _matching_line(uow: UnitOfWork, document_id: int, sku_id: int, batch: str) -> Any:
    """The line a receipt counts on: the SKU's line of that batch, else its line without a batch."""
    rows = uow.conn.execute(select(asn_lines).where(asn_lines.c.document_id == document_id,
                                                    asn_lines.c.sku_id == sku_id,
                                                    asn_lines.c.batch_number.in_({batch, ""}))).all()
    return min(rows, key=lambda row: row.batch_number != batch, default=None)


def _exception(uow: UnitOfWork, number: str, line: Any, without_asn: bool, tolerance: int, cmd: Receive,
               reveal: bool) -> str | None:
    """What this receipt needs accepted — None if nothing; refused when not accepted."""
    if line is None:
        if without_asn:
            return None
        if cmd.accept != "not_on_asn":
            raise WmsError("ITEM_NOT_ON_ASN", details={"asn_number": number, "sku_code": cmd.sku_code,
                                                       "batch_number": cmd.batch_number})
        return "not_on_asn"
    received: int = uow.conn.execute(select(_total(asn_receipts.c.quantity))
                                     .where(asn_receipts.c.line_id == line.line_id)).scalar_one()
    allowed = allowed_quantity(line.expected_quantity, tolerance)
    if received + cmd.quantity <= allowed:
        return None
    if cmd.accept != "over_receipt":
        details: dict[str, Any] = {"asn_number": number, "line_number": line.line_number, "sku_code": cmd.sku_code,
                                   "quantity": cmd.quantity}
        if reveal:
            details.update(expected_quantity=line.expected_quantity, received_quantity=received,
                           allowed_quantity=allowed)
        raise WmsError("OVER_RECEIPT", details=details)
    return "over_receipt"


def _place(uow: UnitOfWork, location_code: str | None, location_type: str) -> lookup.Location:
    """The named location (a damaged one must be of type damaged), or the warehouse's first
    active location of ``location_type`` in walking order."""
    field = "damaged_location" if location_type == "damaged" else "location"
    if location_code is not None:
        place = lookup.location(uow.conn, uow.warehouse_id, location_code=location_code, field=field)
        if location_type == "damaged" and place.location_type != "damaged":
            raise invalid("damaged_location_code", "must be a damaged-goods location", location_code=location_code)
        return place
    found = uow.conn.execute(select(locations.c.location_id, locations.c.location_code, locations.c.location_type,
                                    locations.c.is_active, locations.c.warehouse_id).where(
        locations.c.warehouse_id == uow.warehouse_id, locations.c.location_type == location_type,
        locations.c.is_active)).all()
    if not found:
        raise WmsError("LOCATION_NOT_FOUND", details={"location_type": location_type})
    return lookup.Location(*min(found, key=lambda row: walking_order_key(row.location_code)))


def close(uow: UnitOfWork, cmd: CloseAsn) -> AsnChanged:
    assert cmd.operator_id is not None
    document = docs.act(uow, ASN, _find(uow, cmd), "close", cmd.operator_id, cmd.expected_version)
    reasons = {entry.line_number: entry.reason_code for entry in cmd.short_reasons}
    lines = detail(uow, document, True).lines
    numbered = {line.line_number for line in lines if line.line_number is not None}
    for index, entry in enumerate(cmd.short_reasons):
        if entry.line_number not in numbered:
            raise invalid(f"short_reasons[{index}].line_number", "is not a line of this ASN",
                          line_number=entry.line_number)
    for line in lines:
        if line.line_number is None or not line.short_quantity:
            continue
        if line.line_number not in reasons:
            raise WmsError("REASON_REQUIRED", details={"field": "short_reasons", "line_number": line.line_number,
                                                       "short_quantity": line.short_quantity})
        uow.conn.execute(update(asn_lines).where(asn_lines.c.document_id == document.document_id,
                                                 asn_lines.c.line_number == line.line_number)
                         .values(short_reason=reasons[line.line_number]))
    return _changed(uow, document, True)


# ---- reading ------------------------------------------------------------------------------------------


def _find(uow: UnitOfWork, cmd: Any, lock: bool = True) -> Any:
    return docs.find(uow, ASN, cmd.document_id, cmd.asn_number, lock=lock)


def _changed(uow: UnitOfWork, document: Any, reveal: bool) -> AsnChanged:
    return AsnChanged(asn=detail(uow, document, reveal), changes=Changes(documents=[document.change()]))


_ITEM = (skus.c.sku_code, products.c.product_code, products.c.product_name)


def detail(uow: UnitOfWork, document: Any, reveal: bool, head: Any = None, tolerance: int | None = None) -> AsnDetail:
    """The ASN as the caller may see it: every quantity summed from its receipt rows (``head``,
    its ``asns`` row, and the warehouse's ``tolerance`` when the caller has read them)."""
    conn = uow.conn
    if head is None:
        head = conn.execute(select(asns).where(asns.c.document_id == document.document_id)).one()
    shown = reveal or not head.is_blind
    totals: dict[Any, list[int]] = defaultdict(lambda: [0, 0])  # line_id or (sku_id, batch) -> received, damaged
    reasons: dict[Any, set[str]] = defaultdict(set)
    for receipt in conn.execute(select(asn_receipts.c.line_id, asn_receipts.c.sku_id, asn_receipts.c.batch_number,
                                       asn_receipts.c.quantity, asn_receipts.c.is_damaged, asn_receipts.c.reason_code)
                                .where(asn_receipts.c.document_id == document.document_id)):
        key = receipt.line_id if receipt.line_id is not None else (receipt.sku_id, receipt.batch_number)
        totals[key][0] += receipt.quantity
        totals[key][1] += receipt.quantity if receipt.is_damaged else 0
        if receipt.reason_code:
            reasons[key].add(receipt.reason_code)
    lines = []
    for row in conn.execute(select(asn_lines, *_ITEM, lots.c.expiry_date.label("lot_expiry"))
                            .join(skus, skus.c.sku_id == asn_lines.c.sku_id)
                            .join(products, products.c.product_id == skus.c.product_id)
                            .outerjoin(lots, (lots.c.sku_id == asn_lines.c.sku_id)
                                       & (lots.c.batch_number == asn_lines.c.batch_number))
                            .where(asn_lines.c.document_id == document.document_id)
                            .order_by(asn_lines.c.line_number)):
        received, damaged = totals[row.line_id]
        lines.append(_line(row, row.line_number, row.lot_expiry or row.expiry_date,
                           row.expected_quantity if shown else None, received, damaged,
                           sorted(reasons[row.line_id]), row.short_reason))
    unexpected = [key for key in totals if isinstance(key, tuple)]
    if unexpected:
        items = {row.sku_id: row for row in conn.execute(select(skus.c.sku_id, *_ITEM)
                                                         .join(products, products.c.product_id == skus.c.product_id)
                                                         .where(skus.c.sku_id.in_({k[0] for k in unexpected})))}
        for sku_id, batch in sorted(unexpected, key=lambda k: (items[k[0]].sku_code, k[1])):
            received, damaged = totals[(sku_id, batch)]
            expiry = lot_store.stored_expiry(conn, sku_id, batch) if batch else None
            lines.append(_line(items[sku_id], None, expiry, 0 if shown else None, received, damaged,
                               sorted(reasons[(sku_id, batch)]), None, batch))
    header = docs.header(uow, ASN, document)
    return AsnDetail(**msgspec.structs.asdict(header), supplier_code=head.supplier_code,
                     supplier_name=head.supplier_name, expected_arrival=head.expected_arrival,
                     purchase_order=head.purchase_order, is_blind=head.is_blind, without_asn=head.without_asn,
                     expected_shown=shown, lines=lines,
                     over_receipt_tolerance_percent=rules_of(uow).over_receipt_tolerance_percent
                     if tolerance is None else tolerance)


def _line(row: Any, line_number: int | None, expiry: Any, expected: int | None, received: int, damaged: int,
          reason_codes: list[str], short_reason: str | None, batch: str | None = None) -> AsnLine:
    batch = row.batch_number if batch is None else batch
    return AsnLine(
        line_number=line_number, sku_code=row.sku_code, product_code=row.product_code,
        product_name=row.product_name, batch_number=batch or None, expiry_date=expiry,
        expected_quantity=expected, received_quantity=received, damaged_quantity=damaged,
        short_quantity=None if expected is None else max(expected - received, 0),
        over_quantity=None if expected is None else max(received - expected, 0),
        short_reason=short_reason, reason_codes=reason_codes)


# ---- the Receiving screen's lazy list ---------------------------------------------------------------

_SORT = {
    "document_number": (documents.c.document_number, documents.c.document_id),
    # a date, not the text '9999-12-31': PostgreSQL does not coalesce a date with a varchar
    "expected_arrival": (func.coalesce(asns.c.expected_arrival, date.max), documents.c.document_id),
    "supplier_name": (func.coalesce(asns.c.supplier_name, ""), documents.c.document_id),
    "updated_at": (documents.c.updated_at, documents.c.document_id),
}


def asn_ids(uow: UnitOfWork, cmd: AsnIds) -> list[int]:
    query = docs.ids_query(uow, ASN, list(cmd.states or [])).join(asns, asns.c.document_id == documents.c.document_id)
    if cmd.search:
        prefix = lookup.escape_like(cmd.search) + "%"
        query = query.where(or_(
            documents.c.document_number.like(prefix, escape="\\"),
            asns.c.supplier_code.like(prefix, escape="\\"),
            asns.c.supplier_name.like("%" + prefix, escape="\\"),
            exists(select(asn_lines.c.line_id).join(skus, skus.c.sku_id == asn_lines.c.sku_id)
                   .where(asn_lines.c.document_id == documents.c.document_id,
                          skus.c.sku_code.like(prefix, escape="\\")))))
    return browse.ordered_ids(uow.conn, query, list(_SORT[cmd.sort_by]), cmd)


def asn_rows(uow: UnitOfWork, ids: list[int], reveal: bool) -> list[AsnRow]:
    if not ids:
        return []
    expected = (select(_total(asn_lines.c.expected_quantity))
                .where(asn_lines.c.document_id == documents.c.document_id).scalar_subquery())
    line_count = select(func.count()).where(asn_lines.c.document_id == documents.c.document_id).scalar_subquery()
    received = (select(_total(asn_receipts.c.quantity))
                .where(asn_receipts.c.document_id == documents.c.document_id).scalar_subquery())
    rows = uow.conn.execute(
        select(*docs.row_columns(), asns.c.supplier_code, asns.c.supplier_name, asns.c.expected_arrival,
               asns.c.is_blind, line_count.label("line_count"), expected.label("expected_quantity"),
               received.label("received_quantity"))
        .join(asns, asns.c.document_id == documents.c.document_id)
        .where(documents.c.document_id.in_(ids), documents.c.warehouse_id == uow.warehouse_id)).all()
    by_id = {}
    for row in rows:
        values = docs.row_values(row)
        if values["is_blind"] and not reveal:
            values["expected_quantity"] = None
        by_id[row.document_id] = AsnRow(**values)
    return [by_id[i] for i in ids if i in by_id]
