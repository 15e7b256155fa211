"""The ledger history on both backends: newest first, filters, strict times, and keyset pages
that neither repeat nor skip rows while other workstations keep posting."""
from __future__ import annotations

import re

import pytest

from tests.helpers import snapshot
from wms_desktop.contract import to_json
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse

WEST, EAST = "西8排1架6层4位", "东1排1架1层1位"
M, L = "129092-黄色-M", "129092-黄色-L"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def receive(services, sku, place, n, operator="u1", **extra):
    product = sku.split("-")[0]
    sku_field = {"sku_code": sku} if "-" in sku else {}
    return services.inventory.inbound({"product_code": product, **sku_field, "location_code": place,
                                       "stock_quantity": n, "operator_id": operator, **extra})


@pytest.fixture
def ledger(services):
    for code in (WEST, EAST):
        services.locations.create({"location_code": code})
    services.catalog.create_product({"product_code": "129092", "product_name": "纯棉T恤", "operator_id": "u1", "skus": [
        {"sku_code": M, "sku_color": "黄色", "sku_size": "M"}, {"sku_code": L, "sku_color": "黄色", "sku_size": "L"}]})
    services.catalog.create_product({"product_code": "TAPE", "product_name": "胶带", "operator_id": "u1"})
    receive(services, M, WEST, 10, batch_number="B1", document_ref="PO-1", notes="first", request_id="r-1")
    receive(services, L, EAST, 4, operator="u2", is_urgent=True)
    receive(services, "TAPE", EAST, 30)
    services.inventory.transfer({"sku_code": M, "from_location_code": WEST, "to_location_code": EAST,
                                 "stock_quantity": 3, "batch_number": "B1", "operator_id": "u2"})
    services.inventory.outbound({"product_code": "TAPE", "location_code": EAST, "stock_quantity": 5,
                                 "operator_id": "u1"})
    return services


def page(services, **payload):
    return services.history.movements(payload)


def refused(services, payload, field=None):
    before = snapshot(services.db)
    with pytest.raises(WmsError) as caught:
        services.history.movements(payload)
    assert caught.value.error_code == "INVALID_PARAMETERS", caught.value.to_dict()
    if field is not None:
        assert caught.value.details["field"] == field
    assert snapshot(services.db) == before
    return caught.value


def test_newest_first_with_every_field(ledger):
    result = page(ledger)
    items = result.items
    assert result.next_cursor is None
    assert [(i.operation, i.sku_code, i.quantity_change) for i in items] == [
        ("outbound", "TAPE", -5), ("transfer_in", M, 3), ("transfer_out", M, -3), ("inbound", "TAPE", 30),
        ("inbound", L, 4), ("inbound", M, 10)]
    first = items[-1]
    assert set(to_json(first)) == {"movement_id", "operated_at", "operation", "product_code", "product_name", "sku_code",
                          "location_code", "batch_number", "quantity_change", "quantity_after", "operator_id",
                          "is_urgent", "notes", "document_ref", "request_id"}
    assert (first.product_code, first.product_name, first.location_code, first.batch_number) == (
        "129092", "纯棉T恤", WEST, "B1")
    assert (first.quantity_after, first.document_ref, first.notes, first.request_id) == (
        10, "PO-1", "first", "r-1")
    assert ISO_Z.match(first.operated_at) and first.is_urgent is False
    assert items[-2].is_urgent is True and items[0].batch_number is None
    assert [i.movement_id for i in items] == sorted((i.movement_id for i in items), reverse=True)


def test_filters(ledger):
    def ops(**p):
        return [(i.operation, i.sku_code, i.location_code) for i in page(ledger, **p).items]
    assert ops(sku_code=M) == [("transfer_in", M, EAST), ("transfer_out", M, WEST), ("inbound", M, WEST)]
    assert ops(product_code="129092", location_code=EAST) == [("transfer_in", M, EAST), ("inbound", L, EAST)]
    assert ops(location_code=WEST) == [("transfer_out", M, WEST), ("inbound", M, WEST)]
    assert ops(operator_id="u2") == [("transfer_in", M, EAST), ("transfer_out", M, WEST), ("inbound", L, EAST)]
    assert ops(operation="outbound") == [("outbound", "TAPE", EAST)]
    assert ops(sku_code="TAPE", operation="inbound", operator_id="u1") == [("inbound", "TAPE", EAST)]
    for unknown in ({"sku_code": "NOPE-x-y"}, {"product_code": "NOPE"}, {"location_code": "NOPE"},
                    {"operator_id": "nobody"}):
        assert to_json(page(ledger, **unknown)) == {"items": [], "next_cursor": None}


def test_time_window_with_z_or_offset(ledger):
    items = page(ledger).items
    newest, oldest = items[0].operated_at, items[-1].operated_at
    assert len(page(ledger, operated_from=oldest).items) == 6  # inclusive
    assert page(ledger, operated_from="2999-01-01T00:00:00Z").items == []
    assert page(ledger, operated_to="2000-01-01T08:00:00+08:00").items == []
    assert len(page(ledger, operated_from="2000-01-01T08:00:00.5+08:00", operated_to="2999-01-01T00:00:00-05:00")
               .items) == 6
    # exclusive upper bound: rows at or after `newest` (ms) are left out, older ones stay
    assert all(i.operated_at < newest for i in page(ledger, operated_to=newest).items)


@pytest.mark.parametrize("value", ["2024-06-15", "2024-06-15T12:00:00", "2024-06-15 12:00:00Z",
                                   "2024-02-30T00:00:00Z", "2024-06-15T12:00Z", "yesterday", "2024-06-15T12:00:00+8",
                                   20240615, "２０２４-06-15T12:00:00Z"])
def test_times_are_parsed_strictly(ledger, value):
    refused(ledger, {"operated_from": value}, "operated_from")


def test_other_refusals(ledger):
    refused(ledger, {"operated_from": "2024-06-15T12:00:00Z", "operated_to": "2024-06-15T12:00:00Z"}, "operated_to")
    refused(ledger, {"limit": 0}, "limit")
    refused(ledger, {"limit": 1001}, "limit")
    refused(ledger, {"limit": True}, "limit")
    refused(ledger, {"operation": "steal"}, "operation")
    refused(ledger, {"skuCode": M}, "skuCode")
    refused(ledger, {"sku_code": " " + M}, "sku_code")
    for junk in ("nonsense", "", "W10=", "WyIyMDI0LTA2LTE1VDEyOjAwOjAwIiwgMV0=", "WyJ4IiwgMV0=", 17):
        refused(ledger, {"before": junk}, "before")


def test_only_this_warehouse(ledger):
    create_warehouse(ledger.db, {"warehouse_code": "WH02", "warehouse_name": "East"})
    other = Services(ledger.db, "WH02")
    other.locations.create({"location_code": WEST})  # the same code in another warehouse
    receive(other, M, WEST, 7)
    assert len(page(ledger).items) == 6
    assert [i.quantity_change for i in page(ledger, location_code=WEST).items] == [-3, 10]
    assert [i.quantity_change for i in page(other).items] == [7]


def test_keyset_pages_while_others_post(ledger):
    for n in range(1, 15):
        receive(ledger, L, WEST, n)
    expected = [i.movement_id for i in page(ledger, limit=1000).items]  # 20 rows before paging starts
    seen, cursor, pages = [], None, 0
    while True:
        result = page(ledger, limit=6, **({"before": cursor} if cursor else {}))
        seen += [i.movement_id for i in result.items]
        pages += 1
        receive(ledger, M, EAST, pages)  # another workstation posts between pages
        cursor = result.next_cursor
        if cursor is None:
            break
    assert pages == 4
    assert seen == expected  # nothing repeated, nothing older skipped, nothing newer slipped in
    assert len(page(ledger, limit=1000).items) == len(expected) + pages


def test_a_page_boundary_inside_one_operation(ledger):
    """A transfer writes two rows with the same operated_at: the cursor splits them by id."""
    first = page(ledger, limit=2)
    second = page(ledger, limit=2, before=first.next_cursor)
    assert [i.operation for i in first.items + second.items] == [
        "outbound", "transfer_in", "transfer_out", "inbound"]
    assert first.items[1].operated_at == second.items[0].operated_at
