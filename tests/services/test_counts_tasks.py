"""Count tasks on PostgreSQL and SQLite: scopes, blind counting by location with unscanned
balances counted zero, stock moving during the count without false variances, recount by
another counter, decisions by someone who did not count, posting the approved variances in
one transaction — and every refusal coded, changing nothing."""
from __future__ import annotations

import msgspec
import pytest
from sqlalchemy import select

from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.contract.counts import CountLocationFinished, CountLocationStarted, CountSheet, ItemCounted
from wms_desktop.db.schema import stock_movements
from wms_desktop.domain.errors import WmsError

M, L, BOX = "TEE-红-M", "TEE-红-L", "BOX1"
TASK = "CC-0001"


@pytest.fixture
def floor(services):
    for code in ("A-01", "A-02", "A-03", "A-10", "B-01"):
        services.locations.create({"location_code": code})
    services.catalog.create_product({"product_code": "TEE", "product_name": "纯棉T恤", "operator_id": "u", "skus": [
        {"sku_code": M, "sku_color": "红", "sku_size": "M"}, {"sku_code": L, "sku_color": "红", "sku_size": "L"}]})
    services.catalog.create_product({"product_code": BOX, "product_name": "纸箱", "operator_id": "u"})
    for sku, place, quantity, batch in ((M, "A-01", 10, None), (L, "A-01", 5, None), (BOX, "A-02", 6, "LOT1"),
                                        (M, "B-01", 2, None)):
        move(services, "inbound", sku, place, quantity, batch)
    return services


def move(services, operation, sku, place, quantity, batch=None):
    getattr(services.inventory, operation)({
        "product_code": sku.split("-")[0], "sku_code": sku if "-" in sku else None, "location_code": place,
        "stock_quantity": quantity, "batch_number": batch, "operator_id": "u"})


def as_user(services, name):
    return services.acting_as(name, "supervisor")


def balance(services, sku, place):
    items = services.stock.query({"location_code": place, "sku_code": sku, "include_empty": True}).items
    return sum(item.stock_quantity for item in items)


def at(place, **more):
    return {"count_number": TASK, "location_code": place, **more}


def scan(services, place, sku, times=1, quantity=None, batch=None):
    result = None
    for _ in range(times):
        result = services.counts.count_item(at(place, sku_code=sku, batch_number=batch,
                                               **({"stock_quantity": quantity} if quantity else {})))
    return result


def refused(services, work, error_code, code=None):
    before = snapshot(services.db)
    with pytest.raises(WmsError) as caught:
        work()
    assert caught.value.error_code == error_code, caught.value
    if code is not None:
        assert caught.value.code == code
    assert snapshot(services.db) == before
    return caught.value


def lines_by_key(services):
    ids = services.counts.line_ids({"document_id": task_id(services)})
    return {(r.location_code, r.sku_code): r for r in services.counts.line_rows(ids)}


def task_id(services, number=TASK):
    return services.counts.detail({"count_number": number}).header.document_id


def test_scopes_pick_locations_by_range_zone_list_skus_and_cycle(floor):
    counts = floor.counts
    made = {}
    for number, scope in (("R", {"location_from": "A-02", "location_to": "A-10"}), ("Z", {"location_prefix": "A-"}),
                          ("LI", {"location_codes": ["B-01", "A-03"]}), ("S", {"sku_codes": [M]}),
                          ("C", {"cycle_days": 30, "cycle_limit": 2})):
        counts.create({"count_number": number, "operator_id": "boss", **scope})
        made[number] = [p.location_code for p in counts.sheet({"count_number": number}).locations]
    assert made == {"R": ["A-02", "A-03", "A-10"], "Z": ["A-01", "A-02", "A-03", "A-10"], "LI": ["A-03", "B-01"],
                    "S": ["A-01", "B-01"], "C": ["A-01", "A-02"]}
    detail = counts.detail({"count_number": "S"})
    assert (detail.header.state, detail.scope, detail.totals.lines_total, detail.totals.locations_total) == (
        "pending", "skus", 2, 2)
    for payload, error_code, code in (
            ({"location_prefix": "A-", "cycle_days": 3}, "INVALID_PARAMETERS", 14001),
            ({"location_from": "A-01"}, "INVALID_PARAMETERS", 14001),
            ({"location_prefix": "Q-"}, "DOCUMENT_HAS_NO_LINES", 16016),
            ({"location_codes": ["A-01", "NOPE"]}, "LOCATION_NOT_FOUND", 13001),
            ({"location_codes": ["A-01", "A-01"]}, "DUPLICATE_DOCUMENT_LINE", 16025),
            ({"location_prefix": "A-", "count_number": "Z"}, "DOCUMENT_NUMBER_EXISTS", None)):
        refused(floor, lambda p=payload: counts.create({"count_number": "X", "operator_id": "boss", **p}), error_code,
                code)


def test_a_counted_location_leaves_the_cycle_until_its_days_have_passed(floor):
    floor.counts.create({"count_number": TASK, "location_codes": ["A-03"], "operator_id": "boss"})
    li = as_user(floor, "li")
    li.counts.start_location(at("A-03"))
    li.counts.finish_location(at("A-03"))
    floor.counts.create({"count_number": "NEXT", "cycle_days": 1, "operator_id": "boss"})
    assert "A-03" not in [p.location_code for p in floor.counts.sheet({"count_number": "NEXT"}).locations]


def test_a_blind_count_with_recount_decision_and_posting(floor):
    floor.counts.create({"count_number": TASK, "location_prefix": "A-", "operator_id": "boss"})
    li, wang, zhao = as_user(floor, "li"), as_user(floor, "wang"), as_user(floor, "zhao")
    started = li.counts.start_location(at("A-01"))
    assert (started.document.state, started.round, started.recount_items) == ("counting", 1, [])
    scanned = scan(li, "A-01", M, times=9)
    assert (scanned.stock_quantity, scanned.counted_quantity) == (1, 9)  # what li counted, nothing else
    scan(li, "A-01", L, quantity=5)
    finished = li.counts.finish_location(at("A-01"))
    assert (finished.location_state, finished.lines_counted, finished.recount_lines) == ("recount", 2, 1)
    for place, work in (("A-02", lambda: scan(li, "A-02", BOX, quantity=6, batch="LOT1")),
                        ("A-03", lambda: scan(li, "A-03", M)), ("A-10", lambda: None)):
        li.counts.start_location(at(place))
        work()
        li.counts.finish_location(at(place))
    sheet = li.counts.sheet({"count_number": TASK})
    assert [(p.location_code, p.state, [i.sku_code for i in p.recount_items]) for p in sheet.locations] == [
        ("A-01", "recount", [M]), ("A-02", "counted", []), ("A-03", "recount", [M]), ("A-10", "counted", [])]
    # the recount: blind again, by another counter, of the lines beyond tolerance only
    refused(floor, lambda: li.counts.start_location(at("A-01")), "COUNT_RECOUNT_SAME_COUNTER")
    again = wang.counts.start_location(at("A-01"))
    assert (again.round, [i.sku_code for i in again.recount_items]) == (2, [M])
    refused(floor, lambda: scan(wang, "A-01", L), "COUNT_ITEM_NOT_IN_TASK")
    scan(wang, "A-01", M, quantity=9)
    wang.counts.finish_location(at("A-01"))
    wang.counts.start_location(at("A-03"))
    last = wang.counts.finish_location(at("A-03"))  # nothing there after all: counted zero
    assert (last.location_state, last.document.state) == ("counted", "counted")

    rows = lines_by_key(floor)
    tee = rows[("A-01", M)]
    assert (tee.round, tee.snapshot_quantity, tee.moved_quantity, tee.expected_quantity, tee.counted_quantity,
            tee.variance, tee.counted_by, tee.first_counted_by) == (2, 10, 0, 10, 9, -1, "wang", "li")
    assert (rows[("A-03", M)].variance, rows[("A-01", L)].variance, rows[("A-02", BOX)].variance) == (0, 0, 0)
    totals = floor.counts.detail({"count_number": TASK}).totals
    assert (totals.locations_counted, totals.variance_lines, totals.undecided_lines, totals.variance_units) == (
        4, 1, 1, -1)
    assert floor.counts.line_ids({"document_id": task_id(floor), "variances_only": True}) == [tee.line_id]

    decide = {"count_number": TASK, "decision": "approve", "reason_code": "lost"}
    for counter in (li, wang):
        refused(floor, lambda c=counter: c.counts.decide({**decide, "line_ids": [tee.line_id]}), "COUNT_APPROVER_COUNTED")
    refused(floor, lambda: zhao.counts.approve({"count_number": TASK}), "COUNT_LINES_UNDECIDED")
    refused(floor, lambda: zhao.counts.decide({**decide, "line_ids": [rows[("A-01", L)].line_id]}),
            "COUNT_NO_DIFFERENCE", 16020)
    refused(floor, lambda: zhao.counts.post({"count_number": TASK}), "INVALID_STATE_TRANSITION", 16019)
    decided = zhao.counts.decide({**decide, "line_ids": [tee.line_id]})
    # the approval view shows the decision from its answer alone: the lines, totals and accuracy now
    assert decided.lines == floor.counts.line_rows([tee.line_id]) and decided.lines[0].decision == "approved"
    assert decided.totals == floor.counts.detail({"count_number": TASK}).totals and decided.totals.undecided_lines == 0
    assert decided.accuracy == floor.counts.accuracy({"count_number": TASK})
    refused(floor, lambda: zhao.counts.decide({**decide, "line_ids": [tee.line_id]}), "COUNT_LINE_DECIDED", 16017)
    assert zhao.counts.approve({"count_number": TASK}).document.state == "approved"
    posted = zhao.counts.post({"count_number": TASK})
    assert (posted.document.state, posted.movements) == ("posted", 1)
    assert [(b.sku_code, b.location_code, b.previous_quantity, b.current_quantity) for b in posted.changes.balances] == [
        (M, "A-01", 10, 9)]
    with floor.db.engine.connect() as conn:
        ledger = conn.execute(select(stock_movements.c.operation, stock_movements.c.quantity_change,
                                     stock_movements.c.document_ref, stock_movements.c.operator_id)
                              .where(stock_movements.c.operation == "count")).all()
    assert [tuple(r) for r in ledger] == [("count", -1, TASK, "zhao")]
    assert_ledger_matches_balances(floor.db)
    accuracy = {a.counter: (a.lines_counted, a.lines_right) for a in floor.counts.accuracy({"count_number": TASK})}
    assert accuracy == {"li": (4, 3), "wang": (2, 2)}  # li's first count of A-03 was one too many


def test_stock_moving_during_the_count_shows_no_variance_and_posting_keeps_it(floor):
    floor.counts.create({"count_number": TASK, "location_codes": ["A-01"], "operator_id": "boss"})
    li = as_user(floor, "li")
    li.counts.start_location(at("A-01"))
    move(floor, "outbound", M, "A-01", 3)  # picked while the count goes on: 7 left on the shelf
    scan(li, "A-01", M, quantity=7)
    move(floor, "inbound", M, "A-01", 4)  # received after the tees were counted
    scan(li, "A-01", L, quantity=4)  # one missing
    move(floor, "outbound", L, "A-01", 1)  # picked after the count (the shelf had 4: 3 left)
    done = li.counts.finish_location(at("A-01"))
    assert (done.recount_lines, done.document.state) == (1, "counting")  # only L: the moving tees show nothing
    wang = as_user(floor, "wang")
    wang.counts.start_location(at("A-01"))
    scan(wang, "A-01", L, quantity=3)
    wang.counts.finish_location(at("A-01"))
    rows = lines_by_key(floor)
    assert (rows[("A-01", M)].snapshot_quantity, rows[("A-01", M)].moved_quantity, rows[("A-01", M)].variance) == (
        10, -3, 0)
    assert (rows[("A-01", L)].snapshot_quantity, rows[("A-01", L)].moved_quantity, rows[("A-01", L)].variance) == (
        4, 0, -1)
    zhao = as_user(floor, "zhao")
    zhao.counts.decide({"count_number": TASK, "line_ids": [rows[("A-01", L)].line_id], "decision": "approve",
                        "reason_code": "miscount"})
    zhao.counts.approve({"count_number": TASK})
    move(floor, "outbound", L, "A-01", 1)  # shipped between approval and posting
    zhao.counts.post({"count_number": TASK})
    assert (balance(floor, M, "A-01"), balance(floor, L, "A-01")) == (11, 2)  # 10-3+4; 5-1-1 less the missing one
    assert_ledger_matches_balances(floor.db)


def test_counter_calls_never_carry_a_system_quantity(floor):
    floor.counts.create({"count_number": TASK, "location_codes": ["A-01"], "operator_id": "boss"})
    li = as_user(floor, "li")
    answers = [li.counts.start_location(at("A-01")), scan(li, "A-01", M, quantity=2), li.counts.sheet(
        {"count_number": TASK}), li.counts.finish_location(at("A-01")), li.counts.sheet({"count_number": TASK})]
    for kind in (CountLocationStarted, ItemCounted, CountLocationFinished, CountSheet):
        assert not {"snapshot_quantity", "expected_quantity", "variance", "stock_quantity_system"} & set(
            kind.__struct_fields__)
    text = msgspec.json.encode([msgspec.to_builtins(a) for a in answers]).decode()
    assert "10" not in text.replace(TASK, "")  # the system's 10 tees appear nowhere
    assert answers[3].lines_counted == 1  # what li counted, not the two balances the system held there


def test_refusals_by_state_location_and_counter(floor):
    floor.counts.create({"count_number": TASK, "location_codes": ["A-01", "A-02"], "operator_id": "boss"})
    li, wang, boss = as_user(floor, "li"), as_user(floor, "wang"), as_user(floor, "zhao")
    refused(floor, lambda: scan(li, "A-01", M), "INVALID_STATE_TRANSITION", 16009)
    refused(floor, lambda: li.counts.finish_location(at("A-01")), "INVALID_STATE_TRANSITION", 16008)
    refused(floor, lambda: boss.counts.approve({"count_number": TASK}), "INVALID_STATE_TRANSITION", 16018)
    refused(floor, lambda: li.counts.start_location(at("B-01")), "COUNT_LOCATION_NOT_IN_TASK", 13001)
    refused(floor, lambda: li.counts.start_location(at("NOPE")), "LOCATION_NOT_FOUND")
    refused(floor, lambda: li.counts.start_location({"count_number": "NOPE", "location_code": "A-01"}),
            "DOCUMENT_NOT_FOUND")
    li.counts.start_location(at("A-01"))
    assert li.counts.start_location(at("A-01")).round == 1  # resuming one's own location
    refused(floor, lambda: wang.counts.start_location(at("A-01")), "COUNT_LOCATION_TAKEN")
    refused(floor, lambda: scan(wang, "A-01", M), "COUNT_LOCATION_TAKEN")
    refused(floor, lambda: scan(li, "A-02", M), "COUNT_LOCATION_NOT_STARTED")
    refused(floor, lambda: scan(li, "A-01", "NOPE-红-M"), "SKU_NOT_FOUND")
    first = li.counts.count_item(at("A-01", sku_code=L, stock_quantity=5, request_id="scan-1"))
    assert li.counts.count_item(at("A-01", sku_code=L, stock_quantity=5, request_id="scan-1")) == first
    scan(li, "A-01", M, quantity=10)
    li.counts.finish_location(at("A-01"))
    refused(floor, lambda: scan(li, "A-01", M), "COUNT_LOCATION_DONE", 16017)
    refused(floor, lambda: li.counts.start_location(at("A-01")), "COUNT_LOCATION_DONE", 16017)
    refused(floor, lambda: boss.counts.post({"count_number": TASK}), "INVALID_STATE_TRANSITION", 16019)
    clerk = floor.acting_as("xiao", "clerk")
    refused(floor, lambda: clerk.counts.start_location(at("A-02")), "PERMISSION_DENIED")
    refused(floor, lambda: clerk.counts.create({"count_number": "C2", "location_prefix": "A-"}), "PERMISSION_DENIED")
    assert boss.counts.cancel({"count_number": TASK}).document.state == "cancelled"
    refused(floor, lambda: li.counts.start_location(at("A-02")), "INVALID_STATE_TRANSITION", 16007)
    refused(floor, lambda: boss.counts.cancel({"count_number": TASK}), "INVALID_STATE_TRANSITION", 16028)


def test_tolerances_and_segregation_follow_the_warehouse_settings(floor):
    assert floor.counts.settings().recount_by_other
    floor.counts.set_settings({"tolerance_units": 1, "tolerance_percent": 0, "recount_by_other": False,
                               "approver_not_counter": False})
    floor.counts.create({"count_number": TASK, "location_codes": ["A-01"], "operator_id": "boss"})
    li = as_user(floor, "li")
    li.counts.start_location(at("A-01"))
    scan(li, "A-01", M, quantity=9)  # one short: within 1 unit
    scan(li, "A-01", L, quantity=3)  # two short: recounted, by li again (allowed here)
    assert li.counts.finish_location(at("A-01")).recount_lines == 1
    li.counts.start_location(at("A-01"))
    scan(li, "A-01", L, quantity=3)
    assert li.counts.finish_location(at("A-01")).document.state == "counted"
    rows = lines_by_key(floor)
    li.counts.decide({"count_number": TASK, "line_ids": [rows[("A-01", M)].line_id, rows[("A-01", L)].line_id],
                      "decision": "reject", "reason_code": "miscount"})  # the counter decides: allowed here
    li.counts.approve({"count_number": TASK})
    assert li.counts.post({"count_number": TASK}).movements == 0  # rejected variances post nothing
    assert (balance(floor, M, "A-01"), balance(floor, L, "A-01")) == (10, 5)
    floor.counts.set_settings({"tolerance_units": 0, "tolerance_percent": 50})
    assert floor.counts.settings() == msgspec.convert({"tolerance_units": 0, "tolerance_percent": 50,
                                                       "recount_by_other": True, "approver_not_counter": True},
                                                      type(floor.counts.settings()))


def test_a_task_over_skus_counts_only_those_skus(floor):
    floor.counts.create({"count_number": TASK, "sku_codes": [L], "operator_id": "boss"})
    li = as_user(floor, "li")
    li.counts.start_location(at("A-01"))
    refused(floor, lambda: scan(li, "A-01", M), "COUNT_ITEM_NOT_IN_TASK")
    scan(li, "A-01", L, quantity=5)
    assert li.counts.finish_location(at("A-01")).lines_counted == 1
    row = floor.counts.rows(floor.counts.ids({"states": ["counted"]}))[0]
    assert (row.document_number, row.locations_total, row.locations_counted, row.variance_lines) == (TASK, 1, 1, 0)
