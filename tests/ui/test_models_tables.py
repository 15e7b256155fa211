"""Lazy id-based table model and keyset ledger model against a seeded SQLite database, checked
with Qt's QAbstractItemModelTester while they load, sort and filter."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester

from wms_desktop.contract.stock import BalanceIds, Movements, ProductIds
from wms_desktop.ui.models import LazyTableModel, LedgerModel
from wms_desktop.ui.models.lazy_table import PLACEHOLDER
from wms_desktop.ui.screens import balance_columns, product_columns


@pytest.fixture
def model_warnings():
    """Qt messages (QAbstractItemModelTester reports in Warning mode as 'FAIL!')."""
    messages: list[str] = []

    def handler(kind, _context, text):
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            messages.append(text)

    previous = qInstallMessageHandler(handler)
    yield messages
    qInstallMessageHandler(previous)


def model_tester(model):
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


def failures(messages):
    return [m for m in messages if "FAIL" in m or "ModelTester" in m or "qabstractitemmodeltester" in m.lower()]


def wait_loaded(qtbot, model, runner):
    qtbot.waitUntil(lambda: model.is_complete, timeout=5000)
    runner.wait_for_done()


def context(services, runner):
    """What the models need of the app's context: the services and the op runner."""
    return SimpleNamespace(services=services, runner=runner)


def products_model(services, runner, **kw):
    kw.setdefault("max_wanted", 1000)  # no view repaints here: every block asked for stays wanted
    return LazyTableModel(product_columns(), lambda s, q: s.browse.product_ids(q), lambda s, ids: s.browse.product_rows(ids),
                          "product_id", context=context(services, runner), **kw)


def balances_model(services, runner, **kw):
    kw.setdefault("max_wanted", 1000)  # no view repaints here: every block asked for stays wanted
    return LazyTableModel(balance_columns(), lambda s, q: s.browse.balance_ids(q), lambda s, ids: s.browse.balance_rows(ids),
                          "balance_id", context=context(services, runner), **kw)


def ledger_model(services, runner, **kw):
    return LedgerModel(context(services, runner), **kw)


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def load_all(qtbot, model, runner):
    for r in range(model.rowCount()):
        model.index(r, 0).data()
    qtbot.waitUntil(lambda: all(model.is_loaded(r) for r in range(model.rowCount())), timeout=5000)
    runner.wait_for_done()


def test_balances_first_block_then_whole_list_without_reset(qtbot, services, runner, model_warnings):
    model = balances_model(services, runner, block=25, first_limit=40)
    checker = model_tester(model)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_query(BalanceIds())
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    wait_loaded(qtbot, model, runner)
    total = len(services.browse.balance_ids(BalanceIds()))
    assert model.rowCount() == total > 40
    assert not resets  # the whole list was inserted after the first block, the view kept its place
    assert model.index(0, 0).data() not in (None, "", PLACEHOLDER)  # first block came with the ids
    assert model.index(total - 1, 1).data() == PLACEHOLDER  # not fetched yet: placeholder, no DB call
    load_all(qtbot, model, runner)
    assert PLACEHOLDER not in texts(model, 1)
    assert [r.location_code for r in services.browse.balance_rows(services.browse.balance_ids({"limit": 5}))] \
        == texts(model, 0)[:5]
    del checker
    assert not failures(model_warnings), model_warnings


def test_products_sort_by_header_requeries_on_the_server(qtbot, services, runner, model_warnings):
    model = products_model(services, runner, block=10, first_limit=15)
    checker = model_tester(model)
    model.set_query(ProductIds())
    wait_loaded(qtbot, model, runner)
    load_all(qtbot, model, runner)
    stock_col = next(i for i, c in enumerate(model.columns) if c.key == "total_quantity")
    model.sort(stock_col, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.is_complete, timeout=5000)
    load_all(qtbot, model, runner)
    quantities = [model.row_data(r).total_quantity for r in range(model.rowCount())]
    assert quantities == sorted(quantities, reverse=True) and quantities[0] > quantities[-1]
    expected = services.browse.product_ids({"sort_by": "total_quantity", "descending": True})
    assert [model.id_at(r) for r in range(model.rowCount())] == expected
    unit_col = next(i for i, c in enumerate(model.columns) if c.key == "unit")
    generation = model.generation
    model.sort(unit_col, Qt.SortOrder.AscendingOrder)  # not sortable on the server: ignored
    assert model.generation == generation
    del checker
    assert not failures(model_warnings), model_warnings


def test_search_drops_stale_results_and_filters(qtbot, services, runner, model_warnings):
    model = balances_model(services, runner, block=50, first_limit=100)
    checker = model_tester(model)
    model.set_query(BalanceIds(search="A01"))
    model.set_query(BalanceIds(search="HANGER"))  # typed on: only this one counts
    wait_loaded(qtbot, model, runner)
    load_all(qtbot, model, runner)
    skus = set(texts(model, 1))
    assert skus == {"HANGER"}
    assert model.rowCount() == len(services.browse.balance_ids({"search": "HANGER"}))
    model.set_query(BalanceIds(search="HANGER", location_code="A01-01-01"))
    wait_loaded(qtbot, model, runner)
    load_all(qtbot, model, runner)
    assert set(texts(model, 0)) == {"A01-01-01"} and model.rowCount() >= 1
    model.set_query(BalanceIds(search="no-such-thing-xyz"))
    wait_loaded(qtbot, model, runner)
    assert model.rowCount() == 0
    del checker
    assert not failures(model_warnings), model_warnings


def test_refresh_keeps_rows_visible_and_shows_new_quantities(qtbot, services, runner, model_warnings):
    model = balances_model(services, runner)
    checker = model_tester(model)
    model.set_query(BalanceIds(search="HANGER"))
    wait_loaded(qtbot, model, runner)
    load_all(qtbot, model, runner)
    row = model.row_data(0)
    services.inventory.inbound({"product_code": "HANGER", "location_code": row.location_code,
                                "stock_quantity": 5, "operator_id": "test"})
    model.refresh()
    assert model.index(0, 1).data() == "HANGER"  # still shown (stale) while refetched, no placeholder flash
    qtbot.waitUntil(lambda: model.is_complete, timeout=5000)
    model.index(0, 0).data()
    qtbot.waitUntil(lambda: model.is_loaded(0), timeout=5000)
    runner.wait_for_done()
    assert model.row_data(model.row_of_id(row.balance_id)).stock_quantity == row.stock_quantity + 5
    del checker
    assert not failures(model_warnings), model_warnings


def test_cache_is_bounded(qtbot, services, runner):
    model = balances_model(services, runner, block=20, cache_rows=60)
    model.set_query(BalanceIds())
    wait_loaded(qtbot, model, runner)
    for r in range(0, model.rowCount(), 20):
        model.index(r, 0).data()
        qtbot.waitUntil(lambda r=r: model.is_loaded(r), timeout=5000)
    assert model.memory_rows() <= 60
    assert model.is_loaded(model.rowCount() - 1) and not model.is_loaded(0)


def _post(services, n):
    for i in range(n):
        services.inventory.inbound({"product_code": "TAPE48", "location_code": "A01-02-04", "stock_quantity": 1,
                                    "operator_id": "between-pages", "request_id": f"between-{n}-{i}"})


def test_ledger_fetch_more_pages_without_duplicates_while_others_post(qtbot, services, runner, model_warnings):
    model = ledger_model(services, runner, page_size=40)
    model.set_filters(Movements())
    qtbot.waitUntil(lambda: model.rowCount() == 40 and not model.loading, timeout=5000)
    first_newest = model.row_data(0).movement_id
    pages = 1
    while model.canFetchMore():
        _post(services, 3)  # another workstation posts between pages
        model.fetchMore()
        assert not model.canFetchMore()  # one page at a time
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        pages += 1
    ids = model.movement_ids()
    assert pages > 3
    assert len(ids) == len(set(ids))  # nothing repeated
    assert ids == sorted(ids, reverse=True)  # newest first
    assert len(ids) == first_newest  # every row older than the first page, none skipped (demo ids 1..N)
    assert all(i <= first_newest for i in ids)  # rows posted meanwhile appear on reload only
    checker = model_tester(model)  # reload under the tester (it also pulls pages itself)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=5000)
    runner.wait_for_done()
    assert model.row_data(0).operator_id == "between-pages"
    del checker
    assert not failures(model_warnings), model_warnings


def test_ledger_filters(qtbot, services, runner, model_warnings):
    model = ledger_model(services, runner, page_size=50)
    checker = model_tester(model)
    model.set_filters(Movements(location_code="A01-02-04"))
    model.set_filters(Movements(sku_code="TAPE48"))  # the newer filter wins
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=5000)
    runner.wait_for_done()
    assert {model.row_data(r).sku_code for r in range(model.rowCount())} == {"TAPE48"}
    model.set_filters(Movements(operator_id="nobody"))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rowCount() == 0 and not model.canFetchMore()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    del checker
    assert not failures(model_warnings), model_warnings


def test_models_do_not_leak_references_to_none(qtbot, services, runner):
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None each time a Python data() returns
    None through C++, and the interpreter aborts after a few thousand (pyproject keeps it out).
    This loop catches such a wheel before a clerk's session does."""
    import sys

    from PySide6.QtCore import QIdentityProxyModel

    model = balances_model(services, runner)
    ledger = ledger_model(services, runner)
    before = sys.getrefcount(None)
    for source in (model, ledger):
        proxy = QIdentityProxyModel()
        proxy.setSourceModel(source)
        for _ in range(3000):
            proxy.data(proxy.index(0, 0), Qt.ItemDataRole.DecorationRole)
            proxy.headerData(99, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    model.set_query(BalanceIds())
    wait_loaded(qtbot, model, runner)
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(model)
    for _ in range(3000):
        proxy.data(proxy.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert sys.getrefcount(None) - before > -2000  # 9000 calls: without the guard about -9000


def test_typing_on_fetches_the_whole_id_list_once(qtbot, services, runner, model_warnings):
    """Each key asks for the first block at once; only the last search's whole list is read."""
    calls = []

    def ids_call(s, query):
        calls.append(query)
        return s.browse.balance_ids(query)

    model = LazyTableModel(balance_columns(), ids_call, lambda s, ids: s.browse.balance_rows(ids), "balance_id",
                           context=context(services, runner), first_limit=5)
    checker = model_tester(model)
    for text in ("A", "A0", "A01"):
        model.set_query(BalanceIds(search=text))
    wait_loaded(qtbot, model, runner)
    assert [p.search for p in calls if p.limit is None] == ["A01"]
    assert sorted(p.search for p in calls if p.limit is not None) == ["A", "A0", "A01"]
    assert model.rowCount() == len(services.browse.balance_ids({"search": "A01"})) > 5
    model.set_query(BalanceIds(search="HANGER"))  # fewer than first_limit: the first block is all of it
    wait_loaded(qtbot, model, runner)
    qtbot.wait(400)
    assert [p.search for p in calls if p.limit is None] == ["A01"]
    del checker
    assert not failures(model_warnings), model_warnings


def test_ids_and_rows_are_kept_out_of_the_garbage_collectors_walk(qtbot, services, runner):
    """A list of a million ints and thousands of row dicts made every full collection a GUI
    stall of 100-300 ms: ids are an array, rows structs the collector never tracks."""
    import gc
    from array import array

    model = balances_model(services, runner)
    model.set_query(BalanceIds())
    wait_loaded(qtbot, model, runner)
    load_all(qtbot, model, runner)
    gc.collect()
    assert isinstance(model._ids, array)
    assert not any(gc.is_tracked(values) for values in model._cache.values())
    assert model.row_data(0).balance_id == model.id_at(0)
