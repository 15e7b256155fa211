"""Run work off the GUI thread, get called back on it (GUIDE §2; Anki's ``QueryOp``).

    QueryOp(parent=self, op=lambda: services.stock.query(payload),
            success=self._show_rows, key="stock-search").run_in_background()

- ``op`` runs on a ``QThreadPool`` worker: the *database* pool (default) or the *io* pool for
  printing and network work, so a slow printer never holds up a query; the *link* pool (one
  thread) runs the database link's liveness checks, never queued behind stuck database work.
- A pool may have a gate (:attr:`OpRunner.gates`): while it returns an error, work for that
  pool is not run but fails at once with it (the database link refuses database work while
  the server is unreachable, instead of each op waiting out its own timeout).
- The outcome comes back through a signal of :class:`OpRunner`, a QObject living in the GUI
  thread, so ``success`` / ``failure`` always run on the GUI thread.
- With a ``key``, every run gets the next generation number for ``(parent, key)``; an outcome
  whose generation is no longer the newest is dropped (the user typed on: only the last search
  counts). An outcome for a parent widget that was deleted meanwhile is dropped too.
- A :class:`~wms_desktop.domain.errors.WmsError` goes to ``failure`` (default: a translated
  message with its code in the window's status bar or inline), and is announced by
  :attr:`OpRunner.wms_error` (the database link listens for DATABASE_UNAVAILABLE); any other
  exception goes to the crash handler (:mod:`wms_desktop.ui.errors`).
- Tests call :meth:`OpRunner.wait_for_done` before widgets close. The runner drains its pools
  itself when its parent (the application) is destroyed (:meth:`OpRunner.shutdown`), so a
  worker never finishes into a deleted runner.
"""
from __future__ import annotations

import itertools
import logging
import sys
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Callable, Generic, Hashable, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ..domain.errors import WmsError

T = TypeVar("T")
log = logging.getLogger(__name__)

DB_POOL = "db"
IO_POOL = "io"
LINK_POOL = "link"


@dataclass(frozen=True)
class _Outcome:
    ticket: int
    result: Any = None
    error: BaseException | None = None
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None] | None = None


class _Job(QRunnable):
    def __init__(self, runner: "OpRunner", ticket: int, op: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner = runner
        self._ticket = ticket
        self._op = op

    def run(self) -> None:  # worker thread
        try:
            outcome = _Outcome(self._ticket, result=self._op())
        except WmsError as error:
            outcome = _Outcome(self._ticket, error=error)
        except BaseException as error:  # noqa: BLE001 - everything else is a crash report
            outcome = _Outcome(self._ticket, error=error, exc_info=sys.exc_info())
        self._op = None
        if not shiboken6.isValid(self._runner):  # deleted without shutdown(): nobody is left to tell
            log.debug("op %s finished after its runner was deleted", self._ticket)
            return
        try:
            self._runner.finished.emit(outcome)  # queued to the runner's (GUI) thread
        except RuntimeError:  # deleted between the check and the emit
            log.debug("op %s finished after its runner was deleted", self._ticket)


@dataclass
class _Pending:
    parent: QObject | None  # strong: shiboken6.isValid tells whether Qt deleted it meanwhile
    success: Callable[[Any], None] | None
    failure: Callable[[WmsError], None] | None
    key: tuple | None
    generation: int


class OpRunner(QObject):
    """Owns the worker pools and delivers outcomes on the GUI thread. One per application."""

    finished = Signal(object)
    wms_error = Signal(object)  # every coded failure an op delivers, whoever handles it

    def __init__(self, parent: QObject | None = None, db_threads: int = 4, io_threads: int = 2) -> None:
        super().__init__(parent)
        self.pools = {DB_POOL: QThreadPool(self), IO_POOL: QThreadPool(self), LINK_POOL: QThreadPool(self)}
        self.pools[DB_POOL].setMaxThreadCount(db_threads)
        self.pools[IO_POOL].setMaxThreadCount(io_threads)
        self.pools[LINK_POOL].setMaxThreadCount(1)
        self.gates: dict[str, Callable[[], WmsError | None]] = {}
        self._tickets = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._generations: dict[tuple, int] = {}
        self.crash_handler: Callable[[type, BaseException, TracebackType | None], None] | None = None
        self.closed = False
        self.finished.connect(self._deliver)
        if parent is not None:  # emitted before Qt deletes the children: the pools still exist
            parent.destroyed.connect(self._teardown)

    # -- submitting ---------------------------------------------------------------------------
    def submit(self, op: Callable[[], T], success: Callable[[T], None] | None = None, *,
               parent: QObject | None = None, failure: Callable[[WmsError], None] | None = None,
               key: Hashable | None = None, pool: str = DB_POOL) -> int:
        """Queue ``op``; returns its generation (0 without a key). After :meth:`shutdown` nothing
        runs any more (the widgets asking are being torn down)."""
        if self.closed:
            log.debug("op not run: the runner is shut down")
            return 0
        generation = 0
        full_key = None
        if key is not None:
            full_key = (id(parent) if parent is not None else None, key)
            generation = self._generations.get(full_key, 0) + 1
            self._generations[full_key] = generation
        ticket = next(self._tickets)
        self._pending[ticket] = _Pending(parent, success, failure, full_key, generation)
        gate = self.gates.get(pool)
        refusal = gate() if gate is not None else None
        if refusal is not None:  # delivered later, like any outcome: callers never see it inside submit()
            QTimer.singleShot(0, self, lambda: self._deliver(_Outcome(ticket, error=refusal)))
        else:
            self.pools[pool].start(_Job(self, ticket, op))
        return generation

    def current_generation(self, key: Hashable, parent: QObject | None = None) -> int:
        return self._generations.get((id(parent) if parent is not None else None, key), 0)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until both pools are idle, then deliver what they produced."""
        done = all(pool.waitForDone(msecs) for pool in self.pools.values())
        QCoreApplication.sendPostedEvents(self)
        QCoreApplication.processEvents()
        return done

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Take no more work and wait for the running ops; their outcomes are dropped."""
        self.closed = True
        self._pending.clear()
        return all(pool.waitForDone(msecs) for pool in self.pools.values())

    @Slot()
    def _teardown(self) -> None:
        self.shutdown()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    # -- delivering (GUI thread) --------------------------------------------------------------
    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        pending = self._pending.pop(outcome.ticket, None)
        if pending is None:
            return
        if isinstance(outcome.error, WmsError):
            self.wms_error.emit(outcome.error)
        parent = pending.parent
        if parent is not None and not shiboken6.isValid(parent):
            log.debug("dropping outcome of ticket %d: its parent is gone", outcome.ticket)
            return
        if pending.key is not None and self._generations.get(pending.key) != pending.generation:
            log.debug("dropping stale outcome %s generation %d", pending.key, pending.generation)
            return
        if outcome.exc_info is not None:
            self._crash(*outcome.exc_info)
            return
        try:
            if isinstance(outcome.error, WmsError):
                (pending.failure or (lambda e: show_error(parent, e)))(outcome.error)
            elif pending.success is not None:
                pending.success(outcome.result)
        except Exception:  # a callback that raises is a bug: report it, do not kill the loop
            self._crash(*sys.exc_info())

    def _crash(self, exc_type, exc, tb) -> None:
        handler = self.crash_handler
        if handler is None:
            from .errors import crash_reporter

            reporter = crash_reporter()
            handler = reporter.report if reporter is not None else sys.excepthook
        handler(exc_type, exc, tb)


_runner: OpRunner | None = None


def op_runner() -> OpRunner:
    """The application's runner (created on first use, parented to the QApplication)."""
    global _runner
    if _runner is None or not shiboken6.isValid(_runner):
        _runner = OpRunner(QCoreApplication.instance())
    return _runner


def set_op_runner(runner: OpRunner | None) -> None:
    global _runner
    _runner = runner


class QueryOp(Generic[T]):
    """``QueryOp(parent=w, op=..., success=...).failure(...).run_in_background()``."""

    def __init__(self, *, parent: QObject | None, op: Callable[[], T], success: Callable[[T], None],
                 key: Hashable | None = None, pool: str = DB_POOL, runner: OpRunner | None = None) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[WmsError], None] | None = None
        self._key = key
        self._pool = pool
        self._runner = runner

    def failure(self, callback: Callable[[WmsError], None]) -> "QueryOp[T]":
        self._failure = callback
        return self

    def run_in_background(self) -> int:
        runner = self._runner or op_runner()
        return runner.submit(self._op, self._success, parent=self._parent, failure=self._failure,
                             key=self._key, pool=self._pool)


def show_error(parent: QObject | None, error: WmsError) -> None:
    """The default failure: the window's own inline slot, else its status bar, else a box."""
    from .errors import error_text

    text = error_text(error)
    widget = parent if isinstance(parent, QWidget) else None
    window = widget.window() if widget is not None else None
    for target in (widget, window):
        if target is not None and hasattr(target, "show_wms_error"):
            target.show_wms_error(error)
            return
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15_000)
        return
    QMessageBox.warning(window, QCoreApplication.translate("ops", "Refused"), text)
