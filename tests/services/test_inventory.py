"""Stock operations on both backends: results in the spec's shapes, and every refusal coded and
leaving the database exactly as it was."""
from __future__ import annotations

import re

import pytest

from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.domain.errors import WmsError

WEST = "西8排1架6层4位"
A1 = "A01-01-01"
M, L = "129092-黄色-M", "129092-黄色-L"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def shop(services):
    services.locations.create({"location_code": WEST})
    services.locations.create({"location_code": A1, "location_type": "storage"})
    services.catalog.create_product({
        "product_code": "129092", "product_name": "纯棉T恤 Cotton tee", "operator_id": "u1",
        "skus": [{"sku_code": M, "sku_color": "黄色", "sku_size": "M", "external_codes": ["6901234567892"]},
                 {"sku_code": L, "sku_color": "黄色", "sku_size": "L"}],
    })
    services.catalog.create_product({"product_code": "BOX1", "product_name": "Carton 纸箱", "operator_id": "u1"})
    services.inventory.inbound(_in(M, WEST, 10))
    return services


def _in(sku_code, location_code, quantity, **extra):
    return {"product_code": sku_code.split("-")[0], "sku_code": sku_code, "location_code": location_code,
            "stock_quantity": quantity, "operator_id": "u1", **extra}


def _stock(services, sku_code, location_code, batch_number=None):
    items = services.stock.query({"sku_code": sku_code, "location_code": location_code,
                                  "include_empty": True}).items
    return sum(i.stock_quantity for i in items if i.batch_number == batch_number)


def refused(services, call, payload, error_code):
    """Call, expect ``error_code``, and check nothing at all was written."""
    before = snapshot(services.db)
    with pytest.raises(WmsError) as caught:
        call(payload)
    assert caught.value.error_code == error_code, caught.value.to_dict()
    assert snapshot(services.db) == before
    return caught.value


# ---- happy paths ---------------------------------------------------------------------------

def test_inbound_returns_quantities_and_writes_one_ledger_row(shop):
    result = shop.inventory.inbound(_in(M, WEST, 5, batch_number="B1", is_urgent=True, notes="PO 4711"))
    assert result.stock_quantity == 5 and result.previous_quantity == 0 and result.current_quantity == 5
    assert (result.sku_code, result.location_code, result.batch_number) == (M, WEST, "B1")
    assert result.is_urgent is True and result.notes == "PO 4711" and result.operator_id == "u1"
    assert ISO_Z.match(result.operated_at)
    assert _stock(shop, M, WEST, "B1") == 5 and _stock(shop, M, WEST) == 10
    assert_ledger_matches_balances(shop.db)


def test_product_without_skus_is_stocked_by_its_code(shop):
    result = shop.inventory.inbound({"product_code": "BOX1", "location_code": "无货位", "stock_quantity": 3,
                                     "operator_id": "u1"})
    assert result.sku_code == "BOX1" and result.location_code == "无货位"


def test_inbound_by_ids(shop):
    product_id = shop.catalog.product_by_code("129092").product_id
    location_id = shop.locations.get({"location_code": A1}).location_id
    result = shop.inventory.inbound({"product_id": product_id, "sku_code": L, "location_id": location_id,
                                     "stock_quantity": 2, "operator_id": "u1"})
    assert result.location_code == A1 and result.current_quantity == 2


def test_outbound_takes_from_available_stock(shop):
    result = shop.inventory.outbound(_in(M, WEST, 4))
    assert (result.previous_quantity, result.current_quantity) == (10, 6)
    assert_ledger_matches_balances(shop.db)


def test_transfer_moves_between_locations(shop):
    result = shop.inventory.transfer({"sku_code": M, "from_location_code": WEST, "to_location_code": A1,
                                      "stock_quantity": 3, "operator_id": "u1", "notes": "移库操作"})
    assert result.from_location_code == WEST and result.to_location_code == A1
    assert (result.from_current_quantity, result.to_current_quantity) == (7, 3)
    assert (_stock(shop, M, WEST), _stock(shop, M, A1)) == (7, 3)
    assert_ledger_matches_balances(shop.db)


def test_adjust_by_delta_has_the_spec_response(shop):
    result = shop.inventory.adjust({"product_code": "129092", "sku_code": M, "location_code": WEST,
                                    "stock_quantity": -2, "operator_id": "u1", "notes": "破损"})
    assert {k: getattr(result, k) for k in ("previous_quantity", "adjusted_quantity", "current_quantity")} == \
        {"previous_quantity": 10, "adjusted_quantity": -2, "current_quantity": 8}
    assert ISO_Z.match(result.adjusted_at) and result.location_code == WEST


def test_count_sets_the_counted_quantity(shop):
    result = shop.inventory.count({"product_code": "129092", "sku_code": M, "location_code": WEST,
                                   "stock_quantity": 7, "operator_id": "u1", "notes": "盘点修正"})
    assert (result.previous_quantity, result.adjusted_quantity, result.current_quantity) == (10, -3, 7)
    same = shop.inventory.count({"product_code": "129092", "sku_code": M, "location_code": WEST,
                                 "stock_quantity": 7, "operator_id": "u1"})
    assert same.adjusted_quantity == 0 and same.adjusted_at is None
    assert_ledger_matches_balances(shop.db)


def test_count_of_a_new_place_opens_a_balance(shop):
    result = shop.inventory.count({"product_code": "129092", "sku_code": L, "location_code": A1,
                                   "stock_quantity": 4, "batch_number": "BATCH001", "operator_id": "u1"})
    assert (result.previous_quantity, result.current_quantity, result.batch_number) == (0, 4, "BATCH001")


def test_batch_adjust_posts_every_line(shop):
    result = shop.inventory.batch_adjust({
        "adjustments": [
            {"location_code": WEST, "sku_code": M, "stock_quantity": -5},
            {"location_code": A1, "sku_code": L, "stock_quantity": 10, "batch_number": "BATCH002"},
            {"location_code": WEST, "sku_code": M, "stock_quantity": 1},
        ],
        "notes": "批量库存调整", "operator_id": "OP001", "is_urgent": False,
    })
    assert [r.current_quantity for r in result.adjustments] == [5, 10, 6]
    assert len({r.request_id for r in result.adjustments}) == 1
    assert_ledger_matches_balances(shop.db)


def test_repeated_request_id_returns_the_first_result_and_posts_once(shop):
    first = shop.inventory.outbound(_in(M, WEST, 1, request_id="scan-42"))
    again = shop.inventory.outbound(_in(M, WEST, 1, request_id="scan-42"))
    assert again == first and _stock(shop, M, WEST) == 9
    refused(shop, shop.inventory.outbound, _in(M, WEST, 2, request_id="scan-42"), "INVALID_PARAMETERS")
    refused(shop, shop.inventory.inbound, _in(M, WEST, 1, request_id="scan-42"), "INVALID_PARAMETERS")


def test_a_request_id_belongs_to_its_warehouse(shop):
    """The same request_id from another warehouse's workstation is that warehouse's own request:
    it posts there, and neither is ever answered with the other's quantities."""
    from wms_desktop.services import Services, create_warehouse

    create_warehouse(shop.db, {"warehouse_code": "WH02", "warehouse_name": "东仓"})
    east = Services(shop.db, "WH02")
    east.locations.create({"location_code": WEST})
    first = shop.inventory.inbound(_in(M, WEST, 3, request_id="erp-po-77"))
    there = east.inventory.inbound(_in(M, WEST, 3, request_id="erp-po-77"))
    assert (first.current_quantity, there.current_quantity) == (13, 3)
    assert _stock(east, M, WEST) == 3 and _stock(shop, M, WEST) == 13
    assert east.inventory.inbound(_in(M, WEST, 3, request_id="erp-po-77")) == there  # a repeat there: once
    refused(east, east.inventory.outbound, _in(M, WEST, 1, request_id="erp-po-77"), "INVALID_PARAMETERS")
    assert_ledger_matches_balances(shop.db)


def test_a_failed_request_id_can_be_retried(shop):
    refused(shop, shop.inventory.outbound, _in(M, WEST, 50, request_id="r-7"), "INSUFFICIENT_STOCK")
    shop.inventory.inbound(_in(M, WEST, 40))
    assert shop.inventory.outbound(_in(M, WEST, 50, request_id="r-7")).current_quantity == 0


# ---- refusals ------------------------------------------------------------------------------

def test_insufficient_stock_names_what_was_asked_and_what_is_there(shop):
    error = refused(shop, shop.inventory.outbound, _in(M, WEST, 11), "INSUFFICIENT_STOCK")
    assert error.code == 15002
    assert error.details == {"sku_code": M, "location_code": WEST, "batch_number": None,
                             "requested_quantity": 11, "available_quantity": 10}
    refused(shop, shop.inventory.transfer, {"sku_code": M, "from_location_code": A1, "to_location_code": WEST,
                                            "stock_quantity": 1, "operator_id": "u1"}, "INSUFFICIENT_STOCK")
    refused(shop, shop.inventory.adjust, {"product_code": "129092", "sku_code": M, "location_code": WEST,
                                          "stock_quantity": -11, "operator_id": "u1"}, "INSUFFICIENT_STOCK")
    refused(shop, shop.inventory.outbound, _in(M, WEST, 1, batch_number="NOPE"), "INSUFFICIENT_STOCK")


def test_batch_adjust_is_all_or_nothing(shop):
    error = refused(shop, shop.inventory.batch_adjust, {"operator_id": "u1", "adjustments": [
        {"location_code": A1, "sku_code": L, "stock_quantity": 5},
        {"location_code": WEST, "sku_code": M, "stock_quantity": -99},
    ]}, "INSUFFICIENT_STOCK")
    assert error.details["location_code"] == WEST
    error = refused(shop, shop.inventory.batch_adjust, {"operator_id": "u1", "adjustments": [
        {"location_code": A1, "sku_code": L, "stock_quantity": 5},
        {"location_code": "NOWHERE", "sku_code": M, "stock_quantity": 1},
    ]}, "LOCATION_NOT_FOUND")
    assert error.details["line_index"] == 1
    refused(shop, shop.inventory.batch_adjust, {"operator_id": "u1", "adjustments": []}, "INVALID_PARAMETERS")


def test_transfer_to_the_same_location_is_14006(shop):
    error = refused(shop, shop.inventory.transfer, {"sku_code": M, "from_location_code": WEST,
                                                    "to_location_code": WEST, "stock_quantity": 1,
                                                    "operator_id": "u1"}, "INVALID_PARAMETERS")
    assert error.code == 14006


@pytest.mark.parametrize("payload, field", [
    ({"productCode": "129092"}, "productCode"),
    ({"quantity": 1}, "quantity"),
    ({"stock_quantity": 1.0}, "stock_quantity"),
    ({"stock_quantity": "5"}, "stock_quantity"),
    ({"stock_quantity": True}, "stock_quantity"),
    ({"stock_quantity": 0}, "stock_quantity"),
    ({"stock_quantity": -3}, "stock_quantity"),
    ({"stock_quantity": 10**12}, "stock_quantity"),
    ({"operator_id": None}, "operator_id"),
    ({"operator_id": ""}, "operator_id"),
    ({"location_code": " " + WEST}, "location_code"),
    ({"location_code": "A01\x00"}, "location_code"),
    ({"sku_code": "X" * 200}, "sku_code"),
    ({"batch_number": "B\u200b1"}, "batch_number"),
    ({"is_urgent": 1}, "is_urgent"),
    ({"location_id": 1}, "location_id"),  # with location_code as well: exactly one
    ({"product_id": 1}, "product_id"),
    ({"notes": 5}, "notes"),
])
def test_bad_input_is_refused_naming_the_field(shop, payload, field):
    base = _in(M, WEST, 1)
    base.update(payload)
    base = {k: v for k, v in base.items() if v is not None}
    for call in (shop.inventory.inbound, shop.inventory.outbound):
        error = refused(shop, call, base, "INVALID_PARAMETERS")
        assert error.details["field"] == field


def test_missing_required_fields_are_named(shop):
    assert refused(shop, shop.inventory.inbound, {"location_code": WEST, "stock_quantity": 1, "operator_id": "u"},
                   "INVALID_PARAMETERS").details["field"] == "product_id"
    assert refused(shop, shop.inventory.transfer, {"from_location_code": WEST, "to_location_code": A1,
                                                   "stock_quantity": 1, "operator_id": "u"},
                   "INVALID_PARAMETERS").details["field"] == "sku_code"
    assert refused(shop, shop.inventory.inbound, {"product_code": "129092", "location_code": WEST,
                                                  "stock_quantity": 1, "operator_id": "u"},
                   "INVALID_PARAMETERS").details["field"] == "sku_code"  # product has SKUs
    refused(shop, shop.inventory.inbound, "not a dict", "INVALID_PARAMETERS")


def test_unknown_things_are_not_found(shop):
    refused(shop, shop.inventory.inbound, {**_in(M, WEST, 1), "product_code": "NOPE"}, "PRODUCT_NOT_FOUND")
    refused(shop, shop.inventory.inbound, _in("129092-黄色-XXL", WEST, 1), "SKU_NOT_FOUND")
    refused(shop, shop.inventory.inbound, _in(M, "Z99", 1), "LOCATION_NOT_FOUND")
    refused(shop, shop.inventory.transfer, {"sku_code": "NOPE-红-S", "from_location_code": WEST,
                                            "to_location_code": A1, "stock_quantity": 1, "operator_id": "u"},
            "SKU_NOT_FOUND")


def test_codes_must_agree(shop):
    # a SKU code where a product code belongs: strict, no fallback (spec "禁止兜底写法")
    refused(shop, shop.inventory.inbound, {**_in(M, WEST, 1), "product_code": M}, "INVALID_PRODUCT_CODE")
    refused(shop, shop.inventory.inbound, {**_in(M, WEST, 1), "product_code": "BOX1"}, "INVALID_SKU_CODE")
    refused(shop, shop.inventory.inbound, _in("129092-黄色", WEST, 1), "INVALID_SKU_CODE")
    refused(shop, shop.inventory.transfer, {"sku_code": M, "product_code": "BOX1", "from_location_code": WEST,
                                            "to_location_code": A1, "stock_quantity": 1, "operator_id": "u"},
            "INVALID_SKU_CODE")


def test_inactive_location_can_be_emptied_but_not_filled(shop):
    shop.locations.update({"location_code": WEST, "is_active": False})
    error = refused(shop, shop.inventory.inbound, _in(M, WEST, 1), "OPERATION_NOT_ALLOWED")
    assert error.details["reason"] == "location_inactive"
    assert shop.inventory.transfer({"sku_code": M, "from_location_code": WEST, "to_location_code": A1,
                                    "stock_quantity": 10, "operator_id": "u1"}).from_current_quantity == 0


def test_locked_stock_is_not_available(shop):
    from sqlalchemy import update

    from wms_desktop.db.schema import stock_balances

    with shop.db.engine.begin() as conn:
        conn.execute(update(stock_balances).values(locked_quantity=8))
    error = refused(shop, shop.inventory.outbound, _in(M, WEST, 3), "INSUFFICIENT_STOCK")
    assert error.details["available_quantity"] == 2
    refused(shop, shop.inventory.count, {"product_code": "129092", "sku_code": M, "location_code": WEST,
                                         "stock_quantity": 7, "operator_id": "u1"}, "INSUFFICIENT_STOCK")
    assert shop.inventory.outbound(_in(M, WEST, 2)).current_quantity == 8
