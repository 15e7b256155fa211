"""Pick, pack and ship a released order on PostgreSQL and SQLite: a pick consumes its
reservation and moves the stock to the packing location in one unit of work, once per
request_id; cartons take picked units with a weight check; shipping posts the cartons out of
the packing location and publishes the order's events; every refusal changes nothing."""
from __future__ import annotations

import pytest

from tests.helpers import assert_ledger_matches_balances
from tests.services.test_inventory import A1, WEST, M, _in, refused, shop  # noqa: F401 (shop: fixture)
from tests.services.test_orders_reservation import assert_allocations_match_locked, order
from wms_desktop.services import events

PACK = "打包台1"


@pytest.fixture
def released(shop):
    shop.locations.create({"location_code": PACK, "location_type": "shipping"})
    shop.catalog.update_sku({"sku_code": M, "weight_grams": 200, "operator_id": "u1"})
    shop.inventory.inbound(_in(M, A1, 5))
    shop.orders.create(order("SO-1", {"sku_code": M, "stock_quantity": 12}))
    shop.orders.release({"order_number": "SO-1", "operator_id": "u1"})
    return shop


def pick(services, location, quantity, **extra):
    return services.orders.pick({"order_number": "SO-1", "location_code": location, "sku_code": M,
                                 "stock_quantity": quantity, "to_location_code": PACK, "operator_id": "u1", **extra})


def stock(services, location):
    items = services.stock.query({"sku_code": M, "location_code": location}).items
    return [(i.stock_quantity, i.locked_quantity) for i in items]


def test_a_pick_consumes_the_reservation_and_moves_the_stock_to_packing(released):
    done = pick(released, WEST, 6, request_id="p-1")
    assert (done.state, done.from_current_quantity, done.to_current_quantity, done.remaining_quantity) == (
        "picking", 4, 6, 6)
    assert stock(released, WEST) == [(4, 1)] and stock(released, PACK) == [(6, 0)]
    assert {b.location_code for b in done.changes.balances} == {WEST, PACK}
    assert pick(released, WEST, 6, request_id="p-1") == done  # a repeat posts nothing
    assert stock(released, WEST) == [(4, 1)]
    detail = released.orders.get({"order_number": "SO-1"})
    assert [(p.location_code, p.to_location_code, p.stock_quantity) for p in detail.picks] == [(WEST, PACK, 6)]
    assert [(a.location_code, a.reserved_quantity, a.picked_quantity) for a in detail.allocations] == [
        (A1, 5, 0), (WEST, 1, 6)]
    assert_allocations_match_locked(released.db)
    assert_ledger_matches_balances(released.db)


def test_picking_everything_makes_the_order_picked(released):
    pick(released, WEST, 7)
    assert pick(released, A1, 5).state == "picked"
    assert stock(released, A1) == [] and stock(released, WEST) == [(3, 0)]
    refused(released, lambda p: pick(released, A1, 1), {}, "INVALID_STATE_TRANSITION")


def test_more_than_is_reserved_at_the_bin_is_refused(released):
    error = refused(released, lambda p: pick(released, A1, 6), {}, "PICK_QUANTITY_EXCEEDED")
    assert (error.code, error.details["reserved_quantity"]) == (15009, 5)
    refused(released, lambda p: pick(released, "无此货位", 1), {}, "LOCATION_NOT_FOUND")
    assert refused(released, lambda p: pick(released, WEST, 1, to_location_code=WEST), {},
                   "INVALID_PARAMETERS").code == 14006


def test_a_pending_order_cannot_be_picked_and_a_cancelled_one_keeps_its_picks_at_packing(released):
    pick(released, WEST, 4)
    cancelled = released.orders.cancel({"order_number": "SO-1", "operator_id": "u1"})
    assert sum(a.reserved_quantity for a in cancelled.allocations) == 0
    assert stock(released, WEST) == [(6, 0)] and stock(released, PACK) == [(4, 0)]
    assert_allocations_match_locked(released.db)


def test_pack_into_two_cartons_with_a_weight_check_then_ship(released):
    pick(released, WEST, 7)
    pick(released, A1, 5)
    error = refused(released, released.orders.pack, {
        "order_number": "SO-1", "items": [{"sku_code": M, "stock_quantity": 7}], "weight_grams": 2000,
        "tare_grams": 150, "operator_id": "u1"}, "CARTON_WEIGHT_MISMATCH")
    assert (error.details["expected_weight_grams"], error.details["tolerance_grams"]) == (1550, 46)
    first = released.orders.pack({"order_number": "SO-1", "items": [{"sku_code": M, "stock_quantity": 7}],
                                  "weight_grams": 1560, "tare_grams": 150, "operator_id": "u1", "request_id": "c1"})
    assert (first.state, first.carton.carton_number, first.unpacked_quantity) == ("picked", 1, 5)
    refused(released, released.orders.pack, {"order_number": "SO-1", "items": [{"sku_code": M, "stock_quantity": 6}],
                                             "operator_id": "u1"}, "PACK_QUANTITY_EXCEEDED")
    second = released.orders.pack({"order_number": "SO-1", "items": [{"sku_code": M, "stock_quantity": 5}],
                                   "weight_grams": 900, "accept_weight_difference": True, "operator_id": "u1"})
    assert (second.state, second.carton.carton_number, second.carton.expected_weight_grams) == ("packed", 2, 1000)
    refused(released, released.orders.ship, {"order_number": "SO-1", "operator_id": "u1",
                                             "cartons": [{"carton_number": 3, "tracking_number": "SF1"}]},
            "INVALID_PARAMETERS")
    shipped = released.orders.ship({"order_number": "SO-1", "operator_id": "u1", "request_id": "s1", "cartons": [
        {"carton_number": 1, "tracking_number": "SF001", "carrier": "SF"},
        {"carton_number": 2, "tracking_number": "SF002"}]})
    assert shipped.state == "shipped"
    assert [(c.carton_number, c.tracking_number, sum(i.stock_quantity for i in c.items)) for c in shipped.cartons] == [
        (1, "SF001", 7), (2, "SF002", 5)]
    assert [(b.location_code, b.previous_quantity, b.current_quantity) for b in shipped.changes.balances] == [
        (PACK, 12, 0)]
    assert released.orders.ship({"order_number": "SO-1", "operator_id": "u1", "request_id": "s1", "cartons": [
        {"carton_number": 1, "tracking_number": "SF001", "carrier": "SF"},
        {"carton_number": 2, "tracking_number": "SF002"}]}) == shipped
    assert stock(released, PACK) == [] and stock(released, WEST) == [(3, 0)] and stock(released, A1) == []
    assert_ledger_matches_balances(released.db)
    kinds = [e["event_type"] for e in events.pending(released.db, limit=1000) if e["event_type"].startswith("document")]
    assert kinds[-5:] == ["document.order.finish_picking", "document.order.pack", "document.order.pack",
                          "document.order.finish_packing", "document.order.ship"]


def test_an_order_is_shipped_only_when_packed(released):
    refused(released, released.orders.ship, {"order_number": "SO-1", "operator_id": "u1"}, "INVALID_STATE_TRANSITION")
    refused(released, released.orders.pack, {"order_number": "SO-1", "items": [{"sku_code": M, "stock_quantity": 1}],
                                             "operator_id": "u1"}, "INVALID_STATE_TRANSITION")


def test_a_clerk_picks_packs_and_ships_but_does_not_release(released):
    clerk = released.acting_as("li.clerk", "clerk")
    assert clerk.orders.pick({"order_number": "SO-1", "location_code": WEST, "sku_code": M, "stock_quantity": 1,
                              "to_location_code": PACK}).operator_id == "li.clerk"
    refused(released, clerk.orders.cancel, {"order_number": "SO-1"}, "PERMISSION_DENIED")


def test_the_pick_plan_of_an_order_is_what_is_left_to_pick_in_walking_order(released):
    plan = released.orders.pick_plan({"order_number": "SO-1"})
    assert [(p.location_code, p.stock_quantity) for p in plan.picks] == [(A1, 5), (WEST, 7)]
    pick(released, A1, 5)
    plan = released.orders.pick_plan({"order_number": "SO-1"})
    assert [(p.location_code, p.stock_quantity) for p in plan.picks] == [(WEST, 7)]
    assert (plan.requested_quantity, plan.planned_quantity, plan.shortfall_quantity) == (12, 7, 0)


def test_a_clerk_creates_and_releases_an_order_typed_at_the_pick_station(released):
    clerk = released.acting_as("li.clerk", "clerk")
    made = clerk.orders.create_and_release(order("SO-2", {"sku_code": M, "stock_quantity": 1}, operator_id=None))
    assert (made.state, made.created_by, [a.reserved_quantity for a in made.allocations]) == (
        "released", "li.clerk", [1])
    refused(released, clerk.orders.create_and_release, order("SO-3", {"sku_code": M, "stock_quantity": 99},
                                                            operator_id=None), "INSUFFICIENT_STOCK_TO_RESERVE")
