"""The op runner: work off the GUI thread, callbacks on it, stale outcomes dropped."""
from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from wms_desktop.domain.errors import WmsError
from wms_desktop.ui.ops import IO_POOL, IoOp, QueryOp


def query(runner, *, op, **kw) -> QueryOp:
    """Database work that needs no services: the op runner's own behaviour."""
    return QueryOp(SimpleNamespace(services=None, runner=runner), op=lambda _services: op(), **kw)


def test_op_runs_on_a_worker_and_success_on_the_gui_thread(qtbot, runner):
    seen = {}

    def op():
        seen["op_thread"] = threading.get_ident()
        return {"total": 3}

    def success(result):
        seen["result"] = result
        seen["success_on_gui"] = QThread.currentThread() is QApplication.instance().thread()

    query(runner, parent=None, op=op, success=success).run_in_background()
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["op_thread"] != threading.get_ident()
    assert seen["result"] == {"total": 3}
    assert seen["success_on_gui"] is True


def test_stale_results_are_dropped(qtbot, runner):
    """The first search is still running when the second is submitted: only the second counts,
    even though the first finishes last."""
    release_first = threading.Event()
    shown = []

    def slow():
        release_first.wait(5)
        return "first"

    widget = QWidget()
    qtbot.addWidget(widget)
    g1 = query(runner, parent=widget, op=slow, success=shown.append, key="search").run_in_background()
    g2 = query(runner, parent=widget, op=lambda: "second", success=shown.append, key="search").run_in_background()
    assert (g1, g2) == (1, 2)
    qtbot.waitUntil(lambda: shown == ["second"], timeout=5000)
    release_first.set()
    runner.wait_for_done()
    assert shown == ["second"]
    assert runner.current_generation("search", widget) == 2
    assert not runner.busy


def test_keys_of_different_parents_do_not_interfere(qtbot, runner):
    a, b = QWidget(), QWidget()
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    shown = []
    query(runner, parent=a, op=lambda: "a", success=shown.append, key="search").run_in_background()
    query(runner, parent=b, op=lambda: "b", success=shown.append, key="search").run_in_background()
    runner.wait_for_done()
    assert sorted(shown) == ["a", "b"]


def test_wms_error_goes_to_the_failure_callback(qtbot, runner):
    failures, successes = [], []

    def op():
        raise WmsError("LOCATION_NOT_FOUND", details={"location_code": "西8排1架6层4位"})

    query(runner, parent=None, op=op, success=successes.append).failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert successes == [] and runner.crashes == []
    assert failures[0].error_code == "LOCATION_NOT_FOUND"
    assert failures[0].details == {"location_code": "西8排1架6层4位"}


def test_default_failure_shows_the_coded_message_in_the_status_bar(qtbot, runner, translator):
    window = QMainWindow()
    qtbot.addWidget(window)
    child = QWidget(window)
    window.setCentralWidget(child)

    def op():
        raise WmsError("INSUFFICIENT_STOCK", details={"available_quantity": 2, "requested_quantity": 5})

    query(runner, parent=child, op=op, success=lambda r: None).run_in_background()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=5000)
    message = window.statusBar().currentMessage()
    assert "Not enough stock" in message
    assert "INSUFFICIENT_STOCK 15002" in message
    assert "available: 2, requested: 5" in message


def test_unexpected_exception_goes_to_the_crash_handler(qtbot, runner):
    successes, failures = [], []

    def op():
        return {}["missing"]

    query(runner, parent=None, op=op, success=successes.append).failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: bool(runner.crashes), timeout=5000)
    exc_type, exc, tb = runner.crashes.pop()  # expected here: not a failure of this test
    assert exc_type is KeyError and tb is not None
    assert successes == [] and failures == []


def test_a_callback_that_raises_is_reported_not_swallowed(qtbot, runner):
    def success(_result):
        raise RuntimeError("bug in a screen")

    query(runner, parent=None, op=lambda: 1, success=success).run_in_background()
    qtbot.waitUntil(lambda: bool(runner.crashes), timeout=5000)
    assert runner.crashes.pop()[0] is RuntimeError  # expected here: not a failure of this test


def test_a_ui_test_whose_callback_raises_fails(pytester, monkeypatch):
    """The ``runner`` fixture turns a crash in a callback into a failed test, so a success slot
    that raises cannot pass unnoticed."""
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[2]))  # the checkout: tests, wms_desktop
    pytester.makeconftest("from tests.ui.conftest import *  # noqa: F403  (the real fixtures)")
    pytester.makepyfile(test_raising="""
        from types import SimpleNamespace
        from wms_desktop.ui.ops import QueryOp

        def test_callback_raises(qtbot, runner):
            def shown(result):
                raise KeyError("current_quantity")  # a screen reading a renamed field
            QueryOp(SimpleNamespace(services=None, runner=runner), parent=None, op=lambda s: 1,
                    success=shown).run_in_background()
            qtbot.waitUntil(lambda: bool(runner.crashes), timeout=5000)

        def test_quiet(qtbot, runner):
            QueryOp(SimpleNamespace(services=None, runner=runner), parent=None, op=lambda s: 1,
                    success=lambda r: None).run_in_background()
            runner.wait_for_done()
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*an op or its callback raised*", "*KeyError*current_quantity*"])


def test_outcome_for_a_deleted_parent_is_dropped(qtbot, runner):
    gate = threading.Event()
    shown = []
    widget = QWidget()

    def op():
        gate.wait(5)
        return "late"

    query(runner, parent=widget, op=op, success=shown.append).run_in_background()
    import shiboken6

    shiboken6.delete(widget)
    gate.set()
    runner.wait_for_done()
    assert shown == [] and runner.crashes == []


def test_printing_pool_does_not_hold_up_database_work(qtbot, runner):
    printer_gate = threading.Event()
    done = []
    for _ in range(runner.pools[IO_POOL].maxThreadCount()):
        IoOp(runner, parent=None, op=lambda: printer_gate.wait(5), success=lambda r: done.append("print")) \
            .run_in_background()
    query(runner, parent=None, op=lambda: "rows", success=done.append).run_in_background()
    qtbot.waitUntil(lambda: "rows" in done, timeout=5000)
    assert "print" not in done
    printer_gate.set()
    runner.wait_for_done()
    assert done.count("print") == runner.pools[IO_POOL].maxThreadCount()


def test_runner_drains_its_pools_when_its_parent_goes(qtbot):
    """A worker that finishes while the window owning the runner is torn down must not emit
    into a deleted runner ("Signal source has been deleted"): the parent's destruction waits
    for it, and its outcome is dropped."""
    import shiboken6
    from PySide6.QtCore import QObject

    from wms_desktop.ui.ops import OpRunner

    owner = QObject()
    runner = OpRunner(owner)
    gate, finished, shown = threading.Event(), threading.Event(), []

    def op():
        gate.wait(5)
        finished.set()
        return "late"

    query(runner, parent=None, op=op, success=shown.append).run_in_background()
    threading.Timer(0.2, gate.set).start()
    shiboken6.delete(owner)  # destroyed → runner.shutdown() → waits for the op
    assert finished.is_set() and not shiboken6.isValid(runner)
    QApplication.processEvents()
    assert shown == []


def test_runner_takes_no_work_after_shutdown(qtbot):
    from wms_desktop.ui.ops import OpRunner

    runner = OpRunner()
    ran = []
    assert runner.shutdown()
    assert query(runner, parent=None, op=lambda: ran.append(1), success=ran.append).run_in_background() == 0
    runner.wait_for_done()
    assert ran == [] and not runner.busy
    runner.deleteLater()
