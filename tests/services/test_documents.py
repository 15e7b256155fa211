"""The documents foundation on PostgreSQL and SQLite: numbers unique per warehouse, headers
found only in their own warehouse and type, actions checked, versioned and published in the
same transaction, refusals that change nothing; identify knows document numbers; lots keep one
expiry per SKU and batch; FEFO order."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from wms_desktop.db.engine import Database
from wms_desktop.domain.documents import Action, Lifecycle
from wms_desktop.domain.errors import WmsError
from wms_desktop.limits import DatabaseLimits
from wms_desktop.services import Services, create_warehouse, documents, events, lookup, lots
from wms_desktop.services.access import SYSTEM
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope

TRIAL = Lifecycle("trial", states=("pending", "working", "done", "cancelled"), initial="pending", actions=(
    Action("edit", {"pending"}, code=16001),
    Action("start", {"pending", "working"}, "working", code=16021),
    Action("finish", {"working"}, "done", code=16008),
    Action("cancel", {"pending"}, "cancelled", code=16028)))
OTHER = Lifecycle("other", states=("pending",), initial="pending", actions=())


def scope(db: Database, warehouse: str = WAREHOUSE) -> Scope:
    return Scope(db, Warehouse(warehouse), SYSTEM)


def refused(db: Database, work) -> WmsError:
    """``work`` in a unit of work must be refused and change nothing."""
    before = snapshot(db)
    with pytest.raises(WmsError) as caught:
        scope(db).write(work)
    assert snapshot(db) == before
    return caught.value


def test_a_document_is_created_numbered_once_per_warehouse_whatever_its_type(db):
    created = scope(db).write(lambda uow: documents.create(uow, TRIAL, "T-1", "wang", notes="第一"))
    assert (created.state, created.version, created.document_type) == ("pending", 1, "trial")
    error = refused(db, lambda uow: documents.create(uow, OTHER, "T-1", "wang"))
    assert error.error_code == "DOCUMENT_NUMBER_EXISTS"
    assert error.details == {"document_type": "other", "document_number": "T-1"}
    create_warehouse(db, {"warehouse_code": "WH02", "warehouse_name": "二号仓"})
    elsewhere = scope(db, "WH02").write(lambda uow: documents.create(uow, TRIAL, "T-1", "li"))
    assert elsewhere.document_id != created.document_id
    header = scope(db).read(lambda uow: documents.header(uow, TRIAL, documents.find(uow, TRIAL, created.document_id,
                                                                                      lock=False)))
    assert (header.document_number, header.notes, header.created_by, header.actions) == (
        "T-1", "第一", "wang", ["edit", "start", "cancel"])


def test_a_document_of_another_warehouse_or_type_is_not_found(db):
    create_warehouse(db, {"warehouse_code": "WH02", "warehouse_name": "二号仓"})
    theirs = scope(db, "WH02").write(lambda uow: documents.create(uow, TRIAL, "T-9", "li"))
    for work in (lambda uow: documents.find(uow, TRIAL, document_id=theirs.document_id),
                 lambda uow: documents.find(uow, TRIAL, document_number="T-9"),
                 lambda uow: documents.find(uow, OTHER, document_id=theirs.document_id)):
        error = refused(db, work)
        assert (error.error_code, error.code) == ("DOCUMENT_NOT_FOUND", 13001)


def test_actions_move_the_state_bump_the_version_and_publish_in_the_same_transaction(db):
    made = scope(db).write(lambda uow: documents.create(uow, TRIAL, "T-2", "wang"))

    def act(action: str, expected_version: int | None = None, **header):
        return lambda uow: documents.act(uow, TRIAL, documents.find(uow, TRIAL, made.document_id), action, "li",
                                         expected_version, **header)

    edited = scope(db).write(act("edit", 1, is_urgent=True, notes="加急"))
    assert (edited.state, edited.version) == ("pending", 2)
    started = scope(db).write(act("start"))
    assert (started.state, started.version) == ("working", 3)
    for action, version, code, error_code in (("cancel", None, 16028, "INVALID_STATE_TRANSITION"),
                                              ("edit", None, 16001, "INVALID_STATE_TRANSITION"),
                                              ("finish", 2, None, "DOCUMENT_VERSION_CONFLICT")):
        error = refused(db, act(action, version))
        assert (error.error_code, error.code) == (error_code, code)
    assert refused(db, act("finish", 2)).details == {"document_type": "trial", "document_number": "T-2",
                                                      "expected_version": 2, "version": 3}
    published = events.pending(db)
    assert [e["event_type"] for e in published] == ["document.trial.create", "document.trial.edit",
                                                    "document.trial.start"]
    last = published[-1]
    assert {k: last[k] for k in ("warehouse_code", "document_number", "action", "previous_state", "state", "version",
                                 "operator_id")} == {
        "warehouse_code": WAREHOUSE, "document_number": "T-2", "action": "start", "previous_state": "pending",
        "state": "working", "version": 3, "operator_id": "li"}
    assert last["occurred_at"].endswith("Z") and last["sequence"] is None
    header = scope(db).read(lambda uow: documents.header(uow, TRIAL, documents.find(uow, TRIAL, made.document_id)))
    assert (header.is_urgent, header.notes, header.updated_by, header.actions) == (True, "加急", "li",
                                                                                   ["start", "finish"])


def test_stock_and_document_events_go_out_in_one_numbered_order(db):
    services = Services(db, WAREHOUSE)
    services.locations.create({"location_code": "A1"})
    services.catalog.create_product({"product_code": "P1", "product_name": "p", "operator_id": "u"})
    services.inventory.inbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 3, "operator_id": "u"})
    scope(db).write(lambda uow: documents.create(uow, TRIAL, "T-3", "u"))
    services.inventory.outbound({"product_code": "P1", "location_code": "A1", "stock_quantity": 1, "operator_id": "u"})
    batch = events.next_batch(db)
    assert [e["event_type"] for e in batch] == ["stock.inbound", "document.trial.create", "stock.outbound"]
    assert [e["sequence"] for e in batch] == [1, 2, 3]
    assert batch[1]["document_number"] == "T-3" and batch[2]["quantity_after"] == 2
    events.mark_published(db, [e["event_id"] for e in batch[:2]])
    assert [e["event_type"] for e in events.pending(db)] == ["stock.outbound"]
    assert [e["sequence"] for e in events.numbered_after(db, 1)] == [2, 3]


def test_a_refused_action_rolls_back_its_event_too(db):
    made = scope(db).write(lambda uow: documents.create(uow, TRIAL, "T-4", "u"))

    def start_then_fail(uow):
        documents.act(uow, TRIAL, documents.find(uow, TRIAL, made.document_id), "start", "u")
        raise WmsError("OPERATION_NOT_ALLOWED")

    refused(db, start_then_fail)
    assert [e["event_type"] for e in events.pending(db)] == ["document.trial.create"]


def test_identify_knows_the_document_numbers_of_its_own_warehouse(db):
    made = scope(db).write(lambda uow: documents.create(uow, TRIAL, "ASN-0042", "u"))
    create_warehouse(db, {"warehouse_code": "WH02", "warehouse_name": "二号仓"})
    scope(db, "WH02").write(lambda uow: documents.create(uow, TRIAL, "SO-7", "u"))
    found = Services(db, WAREHOUSE).lookup.identify({"code": "ASN-0042"})
    assert (found.kind, found.document_type, found.document_id, found.state) == ("document", "trial",
                                                                                 made.document_id, "pending")
    assert Services(db, WAREHOUSE).lookup.identify({"code": "SO-7"}).kind == "unknown"


@pytest.mark.postgres_only
def test_a_locked_header_makes_another_workstation_wait_then_give_up(pg):
    made = scope(pg).write(lambda uow: documents.create(uow, TRIAL, "T-5", "u"))
    impatient = Database(pg.url, DatabaseLimits(lock_timeout_ms=200))
    try:
        with pg.engine.connect() as other_workstation, other_workstation.begin():
            other_workstation.execute(text("SELECT * FROM documents WHERE document_id = :id FOR UPDATE"),
                                      {"id": made.document_id})
            with pytest.raises(WmsError) as caught:
                scope(impatient).write(lambda uow: documents.find(uow, TRIAL, made.document_id))
        assert caught.value.error_code == "LOCK_TIMEOUT"
    finally:
        impatient.dispose()


# ---- lots ---------------------------------------------------------------------------------------------


@pytest.fixture
def shop(db) -> Services:
    services = Services(db, WAREHOUSE)
    for code, kind in (("B-01", "storage"), ("A-01", "storage"), ("DMG", "damaged")):
        services.locations.create({"location_code": code, "location_type": kind})
    services.catalog.create_product({"product_code": "MILK", "product_name": "牛奶 Milk", "operator_id": "u"})
    return services


def record(db: Database, batch: str, expiry: date | None):
    return scope(db).write(lambda uow: lots.record(uow.conn, lookup.sku(uow.conn, "MILK"), batch, expiry))


def test_a_batch_keeps_one_expiry(shop):
    db, june = shop.db, date(2031, 6, 30)
    assert record(db, "L1", june) == june
    assert record(db, "L1", june) == june  # the same again
    assert record(db, "L1", None) == june  # a receipt without the date: the batch's
    assert record(db, "L2", None) is None
    assert record(db, "L2", june) == june  # the first date named is kept
    before = snapshot(db)
    with pytest.raises(WmsError) as caught:
        record(db, "L1", date(2031, 7, 1))
    assert caught.value.error_code == "LOT_EXPIRY_CONFLICT"
    assert caught.value.details == {"sku_code": "MILK", "batch_number": "L1", "expiry_date": "2031-07-01",
                                    "recorded_expiry_date": "2031-06-30"}
    with pytest.raises(WmsError) as caught:
        record(db, "", june)
    assert caught.value.details["field"] == "batch_number"
    assert snapshot(db) == before


def test_stock_shows_expiry_flags_expired_stock_and_fefo_takes_the_soonest_first(shop):
    db, today = shop.db, date.today()
    for batch, expiry, place, quantity in (("OLD", today - timedelta(days=1), "A-01", 2),
                                           ("SOON", today + timedelta(days=3), "B-01", 4),
                                           ("LATE", today + timedelta(days=90), "A-01", 5),
                                           ("SOON", today + timedelta(days=3), "DMG", 1),
                                           ("NODATE", None, "A-01", 6)):
        record(db, batch, expiry)
        shop.inventory.inbound({"product_code": "MILK", "location_code": place, "stock_quantity": quantity,
                                "batch_number": batch, "operator_id": "u"})
    shop.inventory.inbound({"product_code": "MILK", "location_code": "B-01", "stock_quantity": 1, "operator_id": "u"})
    items = {(i.location_code, i.batch_number): i for i in shop.stock.query({"product_code": "MILK"}).items}
    assert (items["A-01", "OLD"].expiry_date, items["A-01", "OLD"].is_expired) == (today - timedelta(days=1), True)
    assert (items["B-01", "SOON"].is_expired, items["B-01", None].expiry_date) == (False, None)
    rows = shop.browse.balance_rows(shop.browse.balance_ids({"product_code": "MILK"}))
    assert {(r.batch_number, r.is_expired) for r in rows if r.expiry_date} == {
        ("OLD", True), ("SOON", False), ("LATE", False)}

    def fefo(include_expired: bool):
        return scope(db).read(lambda uow: [(r["batch_number"], r["location_code"]) for r in lots.fefo_balances(
            uow.conn, uow.warehouse_id, lookup.sku(uow.conn, "MILK").sku_id, include_expired)])

    assert fefo(False) == [("SOON", "B-01"), ("LATE", "A-01"), ("NODATE", "A-01"), ("", "B-01")]
    assert fefo(True)[0] == ("OLD", "A-01")
