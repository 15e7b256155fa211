"""Run work off the GUI thread, get called back on it (GUIDE §2; Anki's ``QueryOp``).

    QueryOp(self.context, parent=self, op=lambda s: s.stock.query(StockQuery(sku_code=code)),
            success=self._show_rows, key="stock-search").run_in_background()
    IoOp(self.context.runner, parent=self, op=lambda: render(labels), success=self._show).run_in_background()

- A ``QueryOp``'s ``op`` receives the services (the signed-in user's, typed by
  ``wms_desktop.contract.api``) and runs on the *database* pool; an ``IoOp`` runs printing,
  rendering and network work on the *io* pool, so a slow printer never holds up a query.
- ``with_progress(channel)``: the op reports progress through a :class:`ProgressChannel`
  (``runner.progress(callback)``), whose callback runs on the GUI thread; the channel's
  ``cancelled`` asks the op to stop early, and it is closed when the outcome is delivered, so a
  late report never lands after it.
- The *link* pool (one thread) runs the database link's liveness checks, never queued behind
  stuck database work. A pool may have a gate (:attr:`OpRunner.gates`): while it returns an
  error, work for that pool is not run but fails at once with it (the database link refuses
  database work while the server is unreachable, instead of each op waiting out its own timeout).
- The outcome comes back through a signal of :class:`OpRunner`, a QObject living in the GUI
  thread, so ``success`` / ``failure`` always run on the GUI thread.
- With a ``key``, every run gets the next generation number for ``(parent, key)``; an outcome
  whose generation is no longer the newest is dropped (the user typed on: only the last search
  counts). An outcome for a parent widget that was deleted meanwhile is dropped too.
- A :class:`~wms_desktop.domain.errors.WmsError` goes to ``failure`` (default: a translated
  message with its code in the window's status bar or inline), and is announced by
  :attr:`OpRunner.wms_error` (the database link listens for DATABASE_UNAVAILABLE); any other
  exception goes to the crash handler (:mod:`wms_desktop.ui.errors.crash`).
- Workers and the GUI thread share the GIL: the runner sets the interpreter's switch interval
  to 1 ms (default 5), so a worker busy in Python hands it back to a waiting GUI thread within a
  millisecond. The GUI thread needs the GIL for every Python call Qt makes while painting (each
  ``data()``), so with 5 ms a worker's burst stalled a paint by its whole length (26 ms scrolling).
- Tests call :meth:`OpRunner.wait_for_done` before widgets close. The runner drains its pools
  itself when its parent (the application) is destroyed (:meth:`OpRunner.shutdown`), so a
  worker never finishes into a deleted runner.
"""
from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ..domain.errors import WmsError

if TYPE_CHECKING:
    from ..contract.api import ServiceApi

T = TypeVar("T")
log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.001
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
    def __init__(self, runner: OpRunner, ticket: int, op: Callable[[], Any]) -> None:
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
        except BaseException as error:
            outcome = _Outcome(self._ticket, error=error, exc_info=(type(error), error, error.__traceback__))
        del self._op  # the op's closure (services, widgets' data) is not kept past its run
        if not shiboken6.isValid(self._runner):  # deleted without shutdown(): nobody is left to tell
            log.debug("op %s finished after its runner was deleted", self._ticket)
            return
        try:
            self._runner.finished.emit(outcome)  # queued to the runner's (GUI) thread
        except RuntimeError:  # deleted between the check and the emit
            log.debug("op %s finished after its runner was deleted", self._ticket)


class ProgressChannel(QObject):
    """Progress and cancel of one op: ``report(done, total)`` from the worker reaches
    ``callback`` on the GUI thread (a queued signal); ``cancel()`` from the GUI sets
    ``cancelled``, which the op checks between steps. Closed when its op's outcome is delivered:
    a report still queued then is dropped."""

    _reported = Signal(int, int)

    def __init__(self, callback: Callable[[int, int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.closed = False
        self._callback = callback
        self._reported.connect(self._deliver)

    def report(self, done: int, total: int) -> None:  # any thread
        self._reported.emit(done, total)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def close(self) -> None:
        self.closed = True

    @Slot(int, int)
    def _deliver(self, done: int, total: int) -> None:
        if not self.closed:
            self._callback(done, total)


@dataclass
class _Pending:
    parent: QObject | None  # strong: shiboken6.isValid tells whether Qt deleted it meanwhile
    success: Callable[[Any], None] | None
    failure: Callable[[WmsError], None] | None
    key: tuple | None
    generation: int
    progress: ProgressChannel | None = None


class OpRunner(QObject):
    """Owns the worker pools and delivers outcomes on the GUI thread. One per application."""

    finished = Signal(object)
    wms_error = Signal(object)  # every coded failure an op delivers, whoever handles it

    def __init__(self, parent: QObject | None = None, db_threads: int = 4, io_threads: int = 2) -> None:
        super().__init__(parent)
        sys.setswitchinterval(SWITCH_INTERVAL_S)
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
               key: Hashable | None = None, pool: str = DB_POOL, progress: ProgressChannel | None = None) -> int:
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
        self._pending[ticket] = _Pending(parent, success, failure, full_key, generation, progress)
        gate = self.gates.get(pool)
        refusal = gate() if gate is not None else None
        if refusal is not None:  # delivered later, like any outcome: callers never see it inside submit()
            QTimer.singleShot(0, self, lambda: self._deliver(_Outcome(ticket, error=refusal)))
        else:
            self.pools[pool].start(_Job(self, ticket, op))
        return generation

    def progress(self, callback: Callable[[int, int], None], parent: QObject | None = None) -> ProgressChannel:
        """A channel for one op's progress (``with_progress``), delivered to ``callback``."""
        return ProgressChannel(callback, parent)

    def current_generation(self, key: Hashable, parent: QObject | None = None) -> int:
        return self._generations.get((id(parent) if parent is not None else None, key), 0)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until the pools are idle, then deliver what they produced."""
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
        if pending.progress is not None and shiboken6.isValid(pending.progress):
            pending.progress.close()
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
            from .errors.crash import crash_reporter

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


class HasServices(Protocol):
    """What a ``QueryOp`` needs of the app's context (``ui.session.AppContext``)."""

    @property
    def services(self) -> ServiceApi: ...
    @property
    def runner(self) -> OpRunner: ...


class _Op(Generic[T]):
    def __init__(self, runner: OpRunner | None, parent: QObject | None, op: Callable[[], T],
                 success: Callable[[T], None], key: Hashable | None, pool: str) -> None:
        self._runner = runner
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[WmsError], None] | None = None
        self._progress: ProgressChannel | None = None
        self._key = key
        self._pool = pool

    def failure(self, callback: Callable[[WmsError], None]) -> _Op[T]:
        self._failure = callback
        return self

    def with_progress(self, channel: ProgressChannel) -> _Op[T]:
        self._progress = channel
        return self

    def run_in_background(self) -> int:
        runner = self._runner or op_runner()
        return runner.submit(self._op, self._success, parent=self._parent, failure=self._failure,
                             key=self._key, pool=self._pool, progress=self._progress)


class QueryOp(_Op[T]):
    """``QueryOp(context, parent=w, op=lambda s: s.…, success=...).failure(...).run_in_background()``:
    database work; ``op`` gets the services of the moment it was queued (the signed-in user's)."""

    def __init__(self, context: HasServices, *, parent: QObject | None, op: Callable[[ServiceApi], T],
                 success: Callable[[T], None], key: Hashable | None = None) -> None:
        services = context.services
        super().__init__(context.runner, parent, lambda: op(services), success, key, DB_POOL)


class IoOp(_Op[T]):
    """``IoOp(runner, parent=w, op=lambda: ..., success=...)``: printing, rendering, files and
    the network, on the io pool."""

    def __init__(self, runner: OpRunner | None, *, parent: QObject | None, op: Callable[[], T],
                 success: Callable[[T], None], key: Hashable | None = None) -> None:
        super().__init__(runner, parent, op, success, key, IO_POOL)


def show_error(parent: QObject | None, error: WmsError) -> None:
    """The default failure: the window's own inline slot, else its status bar, else a box."""
    from .errors.messages import error_text

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
