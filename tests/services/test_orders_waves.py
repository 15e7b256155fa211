"""A wave on PostgreSQL and SQLite: three released orders sharing a SKU at one location picked in
one walk (ui/workflows/wave_session.py) — each location one stop, each confirmation that
order's own ``orders.pick`` into its tote — a wrong tote refused with nothing changed, by the
session and by the service, and a tote scan finding its order until it is packed."""
from __future__ import annotations

from itertools import groupby

import pytest

from tests.helpers import assert_ledger_matches_balances
from tests.services.test_inventory import A1, WEST, L, M, _in, refused, shop  # noqa: F401 (shop: fixture)
from tests.services.test_orders_reservation import assert_allocations_match_locked, order
from wms_desktop.devices.scanner import Scan
from wms_desktop.domain.walking_order import walking_order_key
from wms_desktop.ui.workflows.pick_session import PickState
from wms_desktop.ui.workflows.wave_session import Join, Step, WaveSession

PACK = "打包台1"
TOTES = {"SO-1": "T01", "SO-2": "T02", "SO-3": "T03"}


@pytest.fixture
def wave(shop):
    shop.locations.create({"location_code": PACK, "location_type": "shipping"})
    shop.inventory.inbound(_in(M, A1, 6))
    shop.inventory.inbound(_in(M, WEST, 10))
    shop.inventory.inbound(_in(L, WEST, 4))
    for number, lines in (("SO-1", [(M, 3), (L, 1)]), ("SO-2", [(M, 2)]), ("SO-3", [(M, 4), (L, 2)])):
        shop.orders.create(order(number, *({"sku_code": s, "stock_quantity": q} for s, q in lines)))
        shop.orders.release({"order_number": number, "operator_id": "u1"})
    session = WaveSession("u1", PACK)
    for number, tote in TOTES.items():
        assert session.add(shop.orders.pick_plan({"order_number": number}), tote) is None
    session.start()
    return shop, session


def location(code):
    return Scan(code, kind="location", location_code=code)


def item(sku):
    return Scan(sku, kind="sku", sku_code=sku)


def post(services, session):
    while (queued := session.next_post()) is not None:
        index, command = queued
        session.posted(index, services.orders.pick(command))


def test_a_wave_of_three_orders_is_picked_in_one_walk_into_their_totes(wave):
    services, session = wave
    stops = [code for code, _ in groupby(t.pick.location_code for t in session.picks)]
    assert len(stops) == len(set(stops))  # each location is visited once …
    assert stops == sorted(stops, key=walking_order_key)  # … in walking order
    first = session.open_at(stops[0])
    assert len({session.order_of(session.picks[i]) for i in first}) >= 2  # orders share the first stop
    for stop in stops:
        assert session.scan(location(stop)) is Step.ARMED
        for index in list(session.open_at(stop)):
            task = session.picks[index]
            assert session.scan(item(task.pick.sku_code)) is Step.TOTE
            assert session.scan(Scan(session.tote_of(task))) is Step.QUEUED
            post(services, session)
            assert task.state is PickState.DONE and task.result.order_number == session.order_of(task)
    assert session.all_done
    assert {n: services.orders.get({"order_number": n}).state for n in TOTES} == dict.fromkeys(TOTES, "picked")
    at_pack = {i.sku_code: i.stock_quantity for i in services.stock.query({"location_code": PACK}).items}
    assert at_pack == {M: 9, L: 3}
    assert {n: services.orders.get({"order_number": n}).tote_code for n in TOTES} == TOTES  # bound by the picks
    # each confirmation was its order's own pick: a repeat of its request_id posts nothing
    task = session.picks[0]
    session.queue.append(0)
    _index, command = session.next_post()
    assert command.request_id == task.request_id and services.orders.pick(command) == task.result
    assert_allocations_match_locked(services.db)
    assert_ledger_matches_balances(services.db)


def test_a_wrong_tote_is_refused_and_changes_nothing(wave):
    services, session = wave
    stop, sku = WEST, L  # SO-1's and SO-3's L, not SO-2's
    session.scan(location(stop))
    expected = {session.tote_of(t) for t in session.picks if (t.pick.location_code, t.pick.sku_code) == (stop, sku)}
    assert expected == {"T01", "T03"}
    wrong = "T02"
    assert session.scan(item(sku)) is Step.TOTE
    error = refused(services, lambda _: session.scan(Scan(wrong)), None, "WRONG_TOTE")
    assert error.details["expected_totes"] == sorted(expected) and error.details["tote_code"] == wrong
    assert session.queue == [] and all(t.state is PickState.OPEN for t in session.picks)
    refused(services, lambda _: session.scan(Scan("T99")), None, "WRONG_TOTE")  # no tote of the wave
    assert session.scan(Scan(sorted(expected)[0])) is Step.QUEUED  # the right one still goes
    post(services, session)
    assert sum(t.state is PickState.DONE for t in session.picks) == 1


def test_an_order_joins_once_with_a_tote_of_its_own(wave):
    services, session = wave
    fresh = WaveSession("u1", PACK)
    plan = services.orders.pick_plan({"order_number": "SO-1"})
    assert fresh.next_slot() == "1"
    assert fresh.add(plan, fresh.next_slot()) is None and fresh.next_slot() == "2"
    assert fresh.add(plan, "2") is Join.ALREADY
    assert fresh.add(services.orders.pick_plan({"order_number": "SO-2"}), "1") is Join.TOTE_TAKEN


def pick(services, number, tote, request_id, location=WEST, sku=L):
    return services.orders.pick({"order_number": number, "location_code": location, "sku_code": sku,
                                 "stock_quantity": 1, "to_location_code": PACK, "tote_code": tote,
                                 "operator_id": "u1", "request_id": request_id})


def test_the_first_pick_binds_the_tote_and_the_service_refuses_any_other(wave):
    services, _session = wave
    assert services.orders.get({"order_number": "SO-1"}).tote_code is None
    assert pick(services, "SO-1", "T01", "r-1").tote_code == "T01"
    assert services.orders.get({"order_number": "SO-1"}).tote_code == "T01"
    error = refused(services, lambda _: pick(services, "SO-1", "T09", "r-2"), None, "WRONG_TOTE")
    assert error.details["expected_totes"] == ["T01"]
    # another open order cannot take a tote an order being picked holds
    error = refused(services, lambda _: pick(services, "SO-3", "T01", "r-3"), None, "TOTE_IN_USE")
    assert error.details["holder"] == "SO-1"
    assert pick(services, "SO-1", "T01", "r-1").request_id == "r-1"  # a repeat: the first answer
    assert_ledger_matches_balances(services.db)


def test_a_tote_scan_finds_its_order_until_it_is_packed(wave):
    services, _session = wave
    assert services.lookup.identify({"code": "T01"}).kind == "unknown"
    pick(services, "SO-1", "T01", "r-1")
    found = services.lookup.identify({"code": "T01"})
    assert (found.kind, found.document_type, found.document_number, found.state) == (
        "document", "order", "SO-1", "picking")
    assert services.lookup.identify({"code": "SO-1"}).document_number == "SO-1"
    services.orders.pick({"order_number": "SO-1", "location_code": next(
        a.location_code for a in services.orders.get({"order_number": "SO-1"}).allocations if a.reserved_quantity),
        "sku_code": M, "stock_quantity": 3, "to_location_code": PACK, "operator_id": "u1", "tote_code": "T01"})
    assert services.orders.get({"order_number": "SO-1"}).state == "picked"
    assert services.lookup.identify({"code": "T01"}).document_number == "SO-1"
    services.orders.pack({"order_number": "SO-1", "operator_id": "u1",
                          "items": [{"sku_code": M, "stock_quantity": 3}, {"sku_code": L, "stock_quantity": 1}]})
    assert services.orders.get({"order_number": "SO-1"}).state == "packed"
    assert services.lookup.identify({"code": "T01"}).kind == "unknown"  # the tote is free again …
    assert pick(services, "SO-3", "T01", "r-4").tote_code == "T01"  # … for the next wave


def test_a_short_bin_in_a_wave_is_reserved_elsewhere_for_that_order_only(wave):
    services, session = wave
    # SO-3's M: 1 reserved at A1, 3 at WEST; A1 turns out to hold nothing for it
    (index,) = [i for i, t in enumerate(session.picks) if session.order_of(t) == "SO-3" and t.pick.location_code == A1]
    others = [(session.order_of(t), t.pick.location_code, t.pick.stock_quantity, t.request_id)
              for t in session.picks if session.order_of(t) != "SO-3"]
    command = session.short_command(index)
    assert (command.order_number, command.location_code, command.sku_code) == ("SO-3", A1, M)
    services.orders.short_pick(command)
    session.replanned(services.orders.pick_plan({"order_number": "SO-3"}))
    assert [(t.pick.location_code, t.pick.sku_code, t.pick.stock_quantity) for t in session.picks
            if session.order_of(t) == "SO-3"] == [(WEST, L, 2), (WEST, M, 4)]  # all of its M now at WEST
    assert [(session.order_of(t), t.pick.location_code, t.pick.stock_quantity, t.request_id)
            for t in session.picks if session.order_of(t) != "SO-3"] == others  # untouched
    assert_allocations_match_locked(services.db)
