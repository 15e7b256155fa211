"""Putaway on PostgreSQL and SQLite: received good units become tasks per ASN, SKU, batch and
receiving location; each suggests a location already holding the SKU and batch, else a
different empty storage location in walking order; a move posts a transfer with the ASN's
number, once per request_id, never more than is waiting; damaged units are no task."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import WAREHOUSE
from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.db.schema import stock_movements
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

M, S = "C1-红-M", "C1-红-S"


@pytest.fixture
def shop(db) -> Services:
    services = Services(db, WAREHOUSE)
    for code, kind in (("RCV-01", "receiving"), ("RCV-02", "receiving"), ("DMG-01", "damaged"), ("A10", "storage"),
                       ("A2", "storage"), ("A1", "storage"), ("A3", "storage")):
        services.locations.create({"location_code": code, "location_type": kind})
    services.locations.update({"location_code": "A3", "is_active": False})
    services.catalog.create_product({"product_code": "P1", "product_name": "无规格", "operator_id": "u"})
    services.catalog.create_product({"product_code": "C1", "product_name": "衬衫", "operator_id": "u", "skus": [
        {"sku_code": M, "sku_color": "红", "sku_size": "M"}, {"sku_code": S, "sku_color": "红", "sku_size": "S"}]})
    services.inventory.inbound({"product_code": "C1", "sku_code": M, "location_code": "A2", "stock_quantity": 1,
                                "operator_id": "u"})  # A2 holds M already: consolidate there
    services.receiving.create({"asn_number": "ASN-1", "operator_id": "w", "lines": [
        {"sku_code": M, "expected_quantity": 10}, {"sku_code": S, "expected_quantity": 5, "batch_number": "L1"},
        {"sku_code": "P1", "expected_quantity": 5}]})
    for sku, quantity, extra in ((M, 6, {}), (M, 2, {"location_code": "RCV-02"}),
                                 (S, 3, {"batch_number": "L1", "damaged_quantity": 1, "reason_code": "transit_damage"}),
                                 ("P1", 4, {})):
        services.receiving.receive({"asn_number": "ASN-1", "sku_code": sku, "quantity": quantity, "operator_id": "li",
                                    **extra})
    return services


def listed(services: Services, **query) -> list[tuple]:
    return [(t.asn_number, t.sku_code, t.batch_number, t.from_location_code, t.open_quantity,
             t.suggested_location_code) for t in services.receiving.putaway_tasks(query).tasks]


def test_received_units_become_tasks_with_suggested_destinations(shop):
    assert listed(shop, asn_number="ASN-1") == [
        ("ASN-1", M, None, "RCV-01", 6, "A2"),  # consolidate with what A2 holds
        ("ASN-1", S, "L1", "RCV-01", 2, "A1"),  # the first empty active storage location; damaged is no task
        ("ASN-1", "P1", None, "RCV-01", 4, "A10"),  # the next one (A2 holds stock, A3 is inactive)
        ("ASN-1", M, None, "RCV-02", 2, "A2")]
    assert [t[3] for t in listed(shop, location_code="RCV-02")] == ["RCV-02"]


def test_a_move_posts_a_transfer_with_the_asn_number_once_and_never_more_than_waits(shop):
    move = {"asn_number": "ASN-1", "sku_code": M, "from_location_code": "RCV-01", "to_location_code": "A2",
            "quantity": 4, "operator_id": "li", "request_id": "put-1"}
    done = shop.receiving.put_away(move)
    assert (done.open_quantity, done.to_location_code) == (2, "A2")
    assert sorted((b.location_code, b.current_quantity) for b in done.changes.balances) == [("A2", 5), ("RCV-01", 2)]
    assert shop.receiving.put_away(move) == done  # a repeat moves nothing
    before = snapshot(shop.db)
    with pytest.raises(WmsError) as caught:
        shop.receiving.put_away({**move, "quantity": 3, "request_id": "put-2"})
    assert (caught.value.error_code, caught.value.code, caught.value.details["open_quantity"]) == (
        "PUTAWAY_EXCEEDS_RECEIVED", 15006, 2)
    assert snapshot(shop.db) == before
    # the clerk may override the suggestion
    shop.receiving.put_away({**move, "quantity": 2, "to_location_code": "A10", "request_id": "put-3"})
    assert [t[1:4] for t in listed(shop, asn_number="ASN-1")] == [(S, "L1", "RCV-01"), ("P1", None, "RCV-01"),
                                                                   (M, None, "RCV-02")]
    with shop.db.engine.connect() as conn:
        moves = conn.execute(select(stock_movements.c.operation, stock_movements.c.document_ref)
                             .where(stock_movements.c.operation.like("transfer%"))).all()
    assert {tuple(m) for m in moves} == {("transfer_out", "ASN-1"), ("transfer_in", "ASN-1")} and len(moves) == 4
    assert_ledger_matches_balances(shop.db)


def test_a_clerk_puts_away_but_the_batch_must_match(shop):
    clerk = shop.acting_as("li", "clerk")
    with pytest.raises(WmsError) as caught:
        clerk.receiving.put_away({"asn_number": "ASN-1", "sku_code": S, "from_location_code": "RCV-01",
                                  "to_location_code": "A1", "quantity": 1})  # no batch: nothing of it waits
    assert caught.value.error_code == "PUTAWAY_EXCEEDS_RECEIVED"
    done = clerk.receiving.put_away({"asn_number": "ASN-1", "sku_code": S, "batch_number": "L1",
                                     "from_location_code": "RCV-01", "to_location_code": "A1", "quantity": 2})
    assert done.open_quantity == 0 and (S, "L1") not in {(t[1], t[2]) for t in listed(shop)}
