"""Pick planning on both backends: picks in walking order, shortfalls kept and coded, nothing
written — and confirming a pick is a plain outbound that a repeated request_id posts once."""
from __future__ import annotations

import pytest

from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.domain.errors import WmsError

M, L = "129092-黄色-M", "129092-黄色-L"
NEAR, MIDDLE, FAR = "西8排1架6层4位", "西8排1架10层1位", "西10排1架1层1位"  # walking order


@pytest.fixture
def shop(services):
    for code in (FAR, NEAR, MIDDLE):  # created out of order on purpose
        services.locations.create({"location_code": code})
    services.locations.create({"location_code": "DMG-01", "location_type": "damaged"})
    services.catalog.create_product({
        "product_code": "129092", "product_name": "纯棉T恤 Cotton tee", "operator_id": "u1",
        "skus": [{"sku_code": M, "sku_color": "黄色", "sku_size": "M"},
                 {"sku_code": L, "sku_color": "黄色", "sku_size": "L"}],
    })
    services.catalog.create_product({"product_code": "BOX1", "product_name": "Carton 纸箱", "operator_id": "u1"})
    for location, quantity in ((FAR, 10), (MIDDLE, 2), (NEAR, 3), ("DMG-01", 50)):
        _inbound(services, M, location, quantity)
    _inbound(services, "BOX1", MIDDLE, 5)
    return services


def _inbound(services, sku_code, location_code, quantity, **extra):
    services.inventory.inbound({"product_code": sku_code.split("-")[0], "sku_code": sku_code,
                                "location_code": location_code, "stock_quantity": quantity, "operator_id": "u1",
                                **extra})


def _plan(services, *lines):
    return services.picking.plan({"order_number": "SO-1001",
                                  "lines": [{"sku_code": s, "stock_quantity": q} for s, q in lines]})


def test_plan_takes_stock_in_walking_order_and_writes_nothing(shop):
    before = snapshot(shop.db)
    plan = _plan(shop, (M, 6), ("BOX1", 1))
    assert snapshot(shop.db) == before
    (tee, box) = plan.lines
    assert [(p.location_code, p.stock_quantity) for p in tee.picks] == [(NEAR, 3), (MIDDLE, 2), (FAR, 1)]
    assert (tee.planned_quantity, tee.shortfall_quantity, tee.error) == (6, 0, None)
    assert (tee.product_code, tee.sku_color, tee.sku_size) == ("129092", "黄色", "M")
    # the flat list a picker walks (the printed pick list's order): MIDDLE holds both SKUs
    assert [(p.location_code, p.sku_code, p.stock_quantity) for p in plan.picks] == [
        (NEAR, M, 3), (MIDDLE, M, 2), (MIDDLE, "BOX1", 1), (FAR, M, 1)]
    assert box.picks[0].available_quantity == 5
    assert (plan.requested_quantity, plan.planned_quantity, plan.shortfall_quantity) == (7, 7, 0)


def test_shortfall_keeps_the_partial_picks_and_a_coded_error(shop):
    plan = _plan(shop, (M, 20))  # 15 pickable: the 50 in a damaged location do not count
    (line,) = plan.lines
    assert (line.planned_quantity, line.shortfall_quantity) == (15, 5)
    assert "DMG-01" not in [p.location_code for p in line.picks]
    assert line.error.error_code == "INSUFFICIENT_STOCK" and line.error.code == 15001
    assert line.error.details == {"line_index": 0, "sku_code": M, "requested_quantity": 20,
                                        "available_quantity": 15}
    assert plan.shortfall_quantity == 5


def test_lines_of_one_sku_share_its_stock(shop):
    plan = _plan(shop, (M, 4), (M, 12))
    first, second = plan.lines
    assert [(p.location_code, p.stock_quantity) for p in first.picks] == [(NEAR, 3), (MIDDLE, 1)]
    assert [(p.location_code, p.stock_quantity) for p in second.picks] == [(MIDDLE, 1), (FAR, 10)]
    assert second.shortfall_quantity == 1


def test_no_stock_and_unknown_or_deleted_skus_are_reported_per_line(shop):
    shop.catalog.delete_sku({"sku_code": L, "operator_id": "u1"})
    plan = _plan(shop, (L, 1), ("NOPE99", 2), ("BOX1", 9), (M, 1))
    deleted, unknown, short, fine = plan.lines
    assert deleted.error.error_code == "SKU_NOT_FOUND" and deleted.error.details["line_index"] == 0
    assert unknown.error.error_code == "SKU_NOT_FOUND" and unknown.shortfall_quantity == 2
    assert deleted.picks == [] and deleted.product_code is None
    assert short.shortfall_quantity == 4 and short.error.error_code == "INSUFFICIENT_STOCK"
    assert fine.error is None and fine.picks[0].location_code == NEAR
    assert plan.shortfall_quantity == 1 + 2 + 4


def test_locked_stock_and_batches(shop):
    _inbound(shop, L, NEAR, 2, batch_number="B2")
    _inbound(shop, L, NEAR, 1, batch_number="B1")
    plan = _plan(shop, (L, 3))
    assert [(p.batch_number, p.stock_quantity) for p in plan.lines[0].picks] == [("B1", 1), ("B2", 2)]


def test_empty_and_bad_payloads_are_refused(shop):
    for payload in ({"order_number": "SO-1", "lines": []},
                    {"order_number": "SO-1", "lines": [{"sku_code": M, "stock_quantity": 0}]},
                    {"order_number": "SO-1", "lines": [{"skuCode": M, "stock_quantity": 1}]},
                    {"lines": [{"sku_code": M, "stock_quantity": 1}]}):
        with pytest.raises(WmsError) as refused:
            shop.picking.plan(payload)
        assert refused.value.error_code == "INVALID_PARAMETERS"


def test_progress_is_reported_per_line(shop):
    seen = []
    shop.picking.plan({"order_number": "SO-1", "lines": [{"sku_code": M, "stock_quantity": 1}] * 3},
                      progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_confirming_a_pick_twice_posts_once(shop):
    pick = _plan(shop, (M, 2)).picks[0]
    payload = {"product_code": pick.product_code, "sku_code": pick.sku_code,
               "location_code": pick.location_code, "stock_quantity": pick.stock_quantity,
               "document_ref": "SO-1001", "request_id": "pick-1", "operator_id": "u1"}
    first = shop.inventory.outbound(dict(payload))
    again = shop.inventory.outbound(dict(payload))
    assert first == again and first.current_quantity == 1
    assert _plan(shop, (M, 15)).lines[0].shortfall_quantity == 2
    assert_ledger_matches_balances(shop.db)
