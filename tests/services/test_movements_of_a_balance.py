"""Any quantity explained: the ledger rows of one balance (``balance_id``), on both backends —
their changes add up to the balance, and each row's ``quantity_after`` is its running quantity."""
from __future__ import annotations

import pytest

from wms_desktop.services import Services, create_warehouse


@pytest.fixture
def shop(services):
    for code in ("A1", "A2"):
        services.locations.create({"location_code": code})
    services.catalog.create_product({"product_code": "P1", "product_name": "p", "operator_id": "u"})
    moves = [("inbound", "A1", None, 10), ("inbound", "A1", "B1", 5), ("outbound", "A1", None, 3),
             ("inbound", "A2", None, 7), ("outbound", "A1", "B1", 1), ("inbound", "A1", None, 4)]
    for operation, place, batch, quantity in moves:
        getattr(services.inventory, operation)({"product_code": "P1", "location_code": place, "stock_quantity": quantity,
                                                "operator_id": "u", **({"batch_number": batch} if batch else {})})
    services.inventory.transfer({"sku_code": "P1", "from_location_code": "A1", "to_location_code": "A2",
                                 "stock_quantity": 2, "operator_id": "u"})
    return services


def balances(services: Services) -> dict[tuple[str, str | None], tuple[int, int]]:
    """(location, batch) -> (balance_id, stock)."""
    rows = services.browse.balance_rows(services.browse.balance_ids({}))
    return {(r.location_code, r.batch_number): (r.balance_id, r.stock_quantity) for r in rows}


def test_a_balances_movements_add_up_to_it_with_the_running_quantity(shop):
    for (place, batch), (balance_id, stock) in balances(shop).items():
        rows = shop.history.movements({"balance_id": balance_id}).items
        assert {(r.location_code, r.batch_number) for r in rows} == {(place, batch)}
        assert sum(r.quantity_change for r in rows) == stock
        assert rows[0].quantity_after == stock  # newest first: the balance now
        for newer, older in zip(rows, rows[1:]):  # each row's after, less its change, is the one before's
            assert newer.quantity_after - newer.quantity_change == older.quantity_after
        assert rows[-1].quantity_after == rows[-1].quantity_change  # it began at nothing
    unbatched, _ = balances(shop)[("A1", None)]
    assert [r.quantity_change for r in shop.history.movements({"balance_id": unbatched}).items] == [-2, 4, -3, 10]


def test_another_warehouses_balance_or_none_matches_nothing(shop):
    (balance_id, _), *_ = balances(shop).values()
    create_warehouse(shop.db, {"warehouse_code": "WH2", "warehouse_name": "二号仓"})
    assert Services(shop.db, "WH2").history.movements({"balance_id": balance_id}).items == []
    assert shop.history.movements({"balance_id": 999_999}).items == []


def test_the_export_takes_the_same_filter(shop):
    import io

    balance_id, stock = balances(shop)[("A1", "B1")]
    sink = io.StringIO()
    shop.exports.movements({"balance_id": balance_id}, sink)
    lines = sink.getvalue().splitlines()
    assert len(lines) == 1 + 2 and all(",B1," in line for line in lines[1:])
    assert stock == 4
