"""Drawing labels and lists in a worker process, so the GUI's process never waits for it.

reportlab, Pillow and PDFium hold the GIL for tens of milliseconds at a time: drawn on a worker
*thread*, they stalled the GUI thread for 115 ms while a receiving clerk's labels rendered. The
app draws every label, list, report and preview through :data:`RENDERER` instead: one worker
process, started on first use with ``spawn`` (the only method on Windows and in the frozen bundle,
which calls ``multiprocessing.freeze_support()``; no forked copy of Qt's threads) and reused. The
callers' worker threads only wait for it, which releases the GIL.

    document = RENDERER.run(render_labels, labels, profile, "pdf")

``fn`` is a module-level function (sent by name) and its arguments and result are picklable: the
frozen label and list records, ``PrintDocument``, bytes. A ``WmsError`` raised in the worker is
raised in the caller as is. Every wait is bounded: a worker that does not answer within
``timeout`` seconds is killed and the call raises ``PRINT_RENDERER_FAILED``, as does a worker that
died; the next call starts a fresh one. The command line draws in its own process, directly.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

from .errors import PrintingError

P = ParamSpec("P")
T = TypeVar("T")

TIMEOUT_SECONDS = 60.0  # a 50-label batch draws in about a second; the first call also starts the process
STOP_SECONDS = 2.0  # at shutdown, for an idle worker to leave before it is killed
NICENESS = 10  # the worker yields the CPU to the window: on a busy 2-core desk its start-up and drawing
# otherwise keep the GUI thread waiting for a core


class RenderProcess:
    """One worker process, started on first use; thread-safe (calls queue up in order)."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        # whoever started it (the CLI, a test run) stops it at exit, not the interpreter's teardown
        atexit.register(self.shutdown)

    def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` in the worker process, waited on for at most ``timeout`` seconds."""
        executor = self._started()
        try:
            future = executor.submit(fn, *args, **kwargs)
        except (BrokenProcessPool, RuntimeError):  # died since, or shut down by another thread meanwhile
            self._discard(executor)
            raise _failed("stopped", self.timeout) from None
        try:
            return future.result(timeout=self.timeout)
        except TimeoutError:
            self._discard(executor)
            raise _failed("timeout", self.timeout) from None
        except BrokenProcessPool:
            self._discard(executor)
            raise _failed("stopped", self.timeout) from None

    def shutdown(self) -> None:
        """Stop the worker (at the app's exit): queued calls fail, a running one is killed after
        a short wait. A later call starts a new worker."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            _stop(executor, STOP_SECONDS)

    @property
    def started(self) -> bool:
        return self._executor is not None

    def _started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=_lower_priority)
            return self._executor

    def _discard(self, executor: ProcessPoolExecutor) -> None:
        """Forget a worker that failed (the next call starts another) and kill it: a worker
        that did not answer in time would otherwise keep every later call waiting behind it."""
        with self._lock:
            if self._executor is executor:
                self._executor = None
        _stop(executor, 0.0)


def _lower_priority() -> None:
    if hasattr(os, "nice"):  # POSIX; a Windows worker keeps the normal priority
        os.nice(NICENESS)


def _stop(executor: ProcessPoolExecutor, grace: float) -> None:
    processes = list((executor._processes or {}).values())  # before shutdown() forgets them
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(STOP_SECONDS)


def _failed(reason: str, timeout: float) -> PrintingError:
    message = (f"The labels or list were not drawn within {timeout:g} s" if reason == "timeout"
               else "The process drawing labels and lists stopped")
    return PrintingError("PRINT_RENDERER_FAILED", message, {"reason": reason, "timeout_seconds": timeout})


RENDERER = RenderProcess()  # the app's one worker, shared by every dialog that prints
