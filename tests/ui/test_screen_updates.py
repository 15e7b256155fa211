"""After an operation (``Screen.apply_changes(result.changes)``) the screens show the new stock
without reloading: the stock rows of the touched balances and the product tree, the product's
total, the new ledger rows at the top of Movements. A seeded SQLite database each test."""
from __future__ import annotations

import pytest

from wms_desktop.contract.base import Changes
from wms_desktop.domain.errors import WmsError
from wms_desktop.ui.screens import MovementsScreen, ProductsScreen, StockScreen


def settle(qtbot, runner, condition):
    qtbot.waitUntil(condition, timeout=5000)
    runner.wait_for_done()


def load_rows(qtbot, runner, model):
    settle(qtbot, runner, lambda: model.is_complete)
    for r in range(model.rowCount()):
        model.index(r, 0).data()
    settle(qtbot, runner, lambda: all(model.is_loaded(r) for r in range(model.rowCount())))


def inbound(services, product, location, quantity=5, **extra):
    return services.inventory.inbound({"product_code": product, "location_code": location,
                                       "stock_quantity": quantity, "operator_id": "test", **extra})


def test_every_mutating_result_says_what_it_changed(services):
    first = inbound(services, "HANGER", "A01-01-01", 3)
    assert [(b.sku_code, b.location_code, b.previous_quantity, b.current_quantity) for b in first.changes.balances] \
        == [("HANGER", "A01-01-01", first.previous_quantity, first.previous_quantity + 3)]
    hanger = services.catalog.product_by_code("HANGER").product_id
    assert first.changes.product_ids == [hanger]
    moved = services.inventory.transfer({"sku_code": "HANGER", "from_location_code": "A01-01-01",
                                         "to_location_code": "A01-01-02", "stock_quantity": 2, "operator_id": "test"})
    source, target = moved.changes.balances
    assert (source.location_code, source.current_quantity, source.previous_quantity) == \
        ("A01-01-01", moved.from_current_quantity, moved.from_current_quantity + 2)
    assert (target.location_code, target.current_quantity) == ("A01-01-02", moved.to_current_quantity)
    assert all(b.product_code == "HANGER" for b in (source, target))
    agreed = services.inventory.count({"product_code": "HANGER", "location_code": "A01-01-02", "stock_quantity": 2,
                                       "operator_id": "test"})
    assert not agreed.changes  # a count that agreed changed nothing
    renamed = services.catalog.update_product({"product_id": hanger, "product_name": "衣架", "operator_id": "test"})
    assert renamed.changes == Changes(product_ids=[hanger])
    place = services.locations.create({"location_code": "B-09"})
    assert place.changes.location_ids == [place.location_id]


def test_stock_screen_refetches_only_the_touched_rows(qtbot, open_screen, runner, services):
    screen = open_screen(StockScreen)
    screen.search("HANGER")
    load_rows(qtbot, runner, screen.model)
    settle(qtbot, runner, lambda: screen.product is not None)  # the tree of the first row
    row = screen.model.row_data(0)
    others = {screen.model.id_at(r): screen.model.row_data(r) for r in range(1, screen.model.rowCount())}
    generation, fetches = screen.model.generation, screen.model.block_fetches
    tree_total = screen.product.total_quantity
    result = inbound(services, "HANGER", row.location_code, 7)
    screen.apply_changes(result.changes)
    assert screen.model.row_data(0).stock_quantity == row.stock_quantity  # old value shown until the new one comes
    settle(qtbot, runner, lambda: screen.model.row_data(0).stock_quantity == row.stock_quantity + 7)
    assert screen.model.index(0, 6).data() == str(row.stock_quantity + 7)
    assert screen.model.generation == generation and screen.model.block_fetches == fetches  # no new search, no blocks
    assert {i: screen.model.row_data(screen.model.row_of_id(i)) for i in others} == others
    settle(qtbot, runner, lambda: screen.product.total_quantity == tree_total + 7)  # the tree follows


def test_stock_screen_says_when_a_new_balance_needs_f5(qtbot, open_screen, runner, services, translator):
    screen = open_screen(StockScreen)
    screen.search("HANGER")
    load_rows(qtbot, runner, screen.model)
    shown = {screen.model.row_data(r).location_code for r in range(screen.model.rowCount())}
    empty = next(f"A01-{rack:02d}-{level:02d}" for rack in (1, 2) for level in range(1, 6)
                 if f"A01-{rack:02d}-{level:02d}" not in shown)
    screen.apply_changes(inbound(services, "HANGER", empty, 4).changes)
    assert "F5" in screen.info.text()
    screen.refresh()
    settle(qtbot, runner, lambda: screen.model.is_complete)
    assert "F5" not in screen.info.text()
    assert empty in {screen.model.row_data(r).location_code for r in range(screen.model.rowCount())
                     if screen.model.row_data(r)}


def test_products_screen_updates_the_total_of_the_touched_product(qtbot, open_screen, runner, services):
    screen = open_screen(ProductsScreen)
    load_rows(qtbot, runner, screen.model)
    row_of = {screen.model.row_data(r).product_code: r for r in range(screen.model.rowCount())}
    before = screen.model.row_data(row_of["HANGER"]).total_quantity
    other = screen.model.row_data(row_of["TAPE48"])
    generation = screen.model.generation
    screen.apply_changes(inbound(services, "HANGER", "A01-01-01", 6).changes)
    settle(qtbot, runner, lambda: screen.model.row_data(row_of["HANGER"]).total_quantity == before + 6)
    assert screen.model.row_data(row_of["TAPE48"]) == other and screen.model.generation == generation


def test_movements_screen_shows_new_rows_at_the_top_when_the_filter_matches(qtbot, open_screen, runner, services):
    screen = open_screen(MovementsScreen)
    screen.set_filter("sku_code", "HANGER")
    settle(qtbot, runner, lambda: screen.model.rowCount() > 0 and not screen.model.loading)
    ids = screen.model.movement_ids()
    resets = []
    screen.model.modelReset.connect(lambda: resets.append(1))
    screen.apply_changes(inbound(services, "TAPE48", "A01-02-04", 1).changes)  # another SKU: filtered out
    runner.wait_for_done()
    assert screen.model.movement_ids() == ids
    moved = services.inventory.transfer({"sku_code": "HANGER", "from_location_code": "A01-01-01",
                                         "to_location_code": "A01-01-02", "stock_quantity": 1, "operator_id": "test"})
    screen.apply_changes(moved.changes)
    settle(qtbot, runner, lambda: screen.model.rowCount() == len(ids) + 2)
    top = [screen.model.row_data(r) for r in (0, 1)]
    assert {r.operation for r in top} == {"transfer_in", "transfer_out"}
    assert screen.model.movement_ids()[2:] == ids and not resets  # the rest stayed where it was


def test_history_after_movement_id(services):
    newest = services.history.movements({"limit": 1}).items[0]
    inbound(services, "TAPE48", "A01-02-04", 1, request_id="after-1")
    inbound(services, "HANGER", "A01-01-01", 1, request_id="after-2")
    page = services.history.movements({"after_movement_id": newest.movement_id})
    assert [r.request_id for r in page.items] == ["after-2", "after-1"]
    assert page.next_cursor is None
    limited = services.history.movements({"after_movement_id": newest.movement_id, "limit": 1})
    assert len(limited.items) == 1 and limited.next_cursor is not None  # more than a page: reload
    with pytest.raises(WmsError) as refused:
        services.history.movements({"after_movement_id": 10**12})
    assert refused.value.error_code == "INVALID_PARAMETERS"


def test_products_screen_reloads_the_detail_of_the_touched_product_and_edits_in_place(qtbot, open_screen, runner,
                                                                                      services):
    screen = open_screen(ProductsScreen)
    load_rows(qtbot, runner, screen.model)
    row = next(r for r in range(screen.model.rowCount()) if screen.model.row_data(r).product_code == "HANGER")
    screen.table.setCurrentIndex(screen.model.index(row, 0))
    settle(qtbot, runner, lambda: screen.detail is not None and screen.detail.product_code == "HANGER")
    before = screen.detail.total_quantity
    screen.apply_changes(inbound(services, "HANGER", "A01-01-01", 4).changes)
    settle(qtbot, runner, lambda: screen.detail.total_quantity == before + 4)

    generation = screen.model.generation
    told = []
    screen.changed.connect(told.append)  # the main window hands these to the other screens
    edit = {"update": {"product_id": screen.detail.product_id, "product_name": "衣架 Hanger (renamed)"},
            "operator_id": "test"}
    saved = services.catalog.save_product(edit)
    screen._product_saved(saved)
    assert told == [saved.changes]
    settle(qtbot, runner, lambda: screen.model.row_data(row).product_name == "衣架 Hanger (renamed)")
    assert screen.model.generation == generation  # fetched in place, not searched again
