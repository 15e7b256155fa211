"""The link to a PostgreSQL server: every wait bounded, every connection-level failure one
coded error (GUIDE §5b). Three separate pieces, each installed on an engine by ``bind``:

- ``connect_args``: what libpq and the server bound themselves — connecting, TCP keepalive and
  user timeout (a peer that vanished), and per session ``statement_timeout``, ``lock_timeout``
  and ``idle_in_transaction_session_timeout`` (the server ends a transaction whose client went
  quiet, so its locks go with it).
- the answer watchdog: a server that accepts TCP but never answers, or a network that went
  silent while TCP still looks alive (nothing is lost, nothing arrives), is not bounded by any
  of those. Every wait of a connection for the server (psycopg's ``Connection.wait``: each
  statement, commit, rollback, ping) gets a deadline of ``statement_timeout`` plus a grace; a
  watchdog thread shuts the socket down when one passes, which ends the wait with an error.
- ``unavailable``: the error mapping. Refused, timed out, shutting down, starting up,
  terminated, cut, pipeline leftovers of a dead connection, no answer — all become
  ``WmsError("DATABASE_UNAVAILABLE")`` with ``details.reason``, and the connection is thrown
  away rather than put back into the pool (no reset of a dead connection, no traceback).
"""
from __future__ import annotations

import contextlib
import math
import socket
import threading
import time
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

from ..domain.errors import WmsError
from ..limits import DatabaseLimits

# SQLSTATEs that mean the session is gone or never came to be (besides class 08, connection exception)
_SESSION_ENDED = {
    "57P01": "terminated",  # admin_shutdown: pg_terminate_backend, or the server shutting down
    "57P02": "terminated",  # crash_shutdown: another server process crashed
    "57P03": "cannot_connect",  # cannot_connect_now: starting up, shutting down, in recovery
    "53300": "cannot_connect",  # too_many_connections
    "25P03": "idle_timeout",  # idle_in_transaction_session_timeout ended the session
}
STATEMENT_TIMEOUT = "57014"  # query_canceled: statement_timeout (the session itself lives on)


def connect_args(limits: DatabaseLimits) -> dict[str, Any]:
    """libpq parameters for psycopg; the server's bounds ride along as startup options."""
    keepalive_idle_s = max(1, limits.dead_peer_ms // 3000)
    keepalive_count = max(1, limits.dead_peer_ms // 1000 - keepalive_idle_s)  # probes one second apart
    server = {
        "statement_timeout": limits.statement_timeout_ms,
        "lock_timeout": limits.lock_timeout_ms,
        "idle_in_transaction_session_timeout": limits.idle_in_transaction_ms,
        # the server's side of a vanished client: probe an idle connection, give up on unacknowledged data
        "tcp_keepalives_idle": keepalive_idle_s,
        "tcp_keepalives_interval": 1,
        "tcp_keepalives_count": keepalive_count,
        "tcp_user_timeout": limits.dead_peer_ms,
    }
    return {
        "connect_timeout": max(2, math.ceil(limits.connect_timeout_ms / 1000)),  # whole seconds, 2 at least (libpq)
        "keepalives": 1,
        "keepalives_idle": keepalive_idle_s,
        "keepalives_interval": 1,
        "keepalives_count": keepalive_count,
        "tcp_user_timeout": limits.dead_peer_ms,
        "options": " ".join(f"-c {name}={value}" for name, value in server.items()),
    }


def bind(engine: Engine, limits: DatabaseLimits, database: str) -> None:
    """Install the answer watchdog and the error mapping on a PostgreSQL engine. ``database``
    (the URL without password) goes into the errors' details."""
    class Answering(AnsweringConnection):
        answer_timeout_s = limits.answer_timeout_s

    # Several rows go in as one INSERT … VALUES statement, not as a psycopg pipeline: a pipeline
    # ends with a Flush after its Sync, and a message after the Sync switches the server's
    # idle_in_transaction_session_timeout off until the next ReadyForQuery — a posting that
    # went silent before its COMMIT would keep its locks until the dead peer is noticed.
    engine.dialect.use_insertmanyvalues_wo_returning = True

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect, _record, cargs, cparams):
        return Answering.connect(*cargs, **cparams)

    @event.listens_for(engine, "handle_error")
    def _map(context: ExceptionContext):
        reason = unavailable(context.original_exception, connected=context.connection is not None
                             or context.is_pre_ping)
        if reason is None:
            return None
        if reason != "statement_timeout":
            context.is_disconnect = True  # thrown away, never reset and pooled again
        if context.is_pre_ping:
            return None  # the pool reconnects by itself
        return unavailable_error(reason, context.original_exception, database)


def unavailable_error(reason: str, error: BaseException, database: str) -> WmsError:
    """The coded error for a failure ``unavailable`` gave ``reason`` for."""
    return WmsError("DATABASE_UNAVAILABLE", details={"database": database, "reason": reason,
                                                     "error": _first_line(error)})


def unavailable(error: BaseException, connected: bool = True) -> str | None:
    """Why ``error`` (from psycopg) means the database cannot be used right now, or None when it
    is something else (a constraint, a deadlock, a lock timeout, a bug)."""
    if isinstance(error, NoAnswer):
        return "no_answer"
    if not isinstance(error, psycopg.Error) or isinstance(error, psycopg.errors.PipelineAborted):
        return None  # not the driver's, or an earlier statement of a pipeline failed: not the link
    state = error.sqlstate
    if state == STATEMENT_TIMEOUT:
        return "statement_timeout"
    if state in _SESSION_ENDED:
        return _SESSION_ENDED[state]
    if (state is None and isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError))) \
            or (state or "").startswith("08"):
        return "connection_lost" if connected else "cannot_connect"
    return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class NoAnswer(psycopg.OperationalError):
    """The server did not answer within the connection's answer timeout."""


class AnsweringConnection(psycopg.Connection):
    """A psycopg connection whose every wait for the server has a deadline (see the module)."""

    answer_timeout_s: float = 0.0  # set on the subclass ``bind`` makes per engine

    def wait(self, gen, *args, **kwargs):  # psycopg's one place where a connection waits for the server
        watch = WATCHDOG.arm(self.pgconn.socket, self.answer_timeout_s)
        try:
            return super().wait(gen, *args, **kwargs)
        except psycopg.Error as error:
            if watch.fired:
                raise NoAnswer(f"no answer from the server within {self.answer_timeout_s:g} s") from error
            raise
        finally:
            WATCHDOG.disarm(watch)


class _Watch:
    __slots__ = ("fileno", "deadline", "fired")

    def __init__(self, fileno: int, deadline: float) -> None:
        self.fileno = fileno
        self.deadline = deadline
        self.fired = False


class _Watchdog:
    """One daemon thread for the process, asleep until the earliest deadline. A watch is removed
    under the same lock that fires it, so a socket is never touched after its wait has ended
    (and its descriptor may have been reused)."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._watches: set[_Watch] = set()
        self._wake_at = math.inf
        self._thread: threading.Thread | None = None

    def arm(self, fileno: int, timeout_s: float) -> _Watch:
        watch = _Watch(fileno, time.monotonic() + timeout_s)
        with self._lock:
            self._watches.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="db-answer-watchdog", daemon=True)
                self._thread.start()
            if watch.deadline < self._wake_at:
                self._lock.notify()
        return watch

    def disarm(self, watch: _Watch) -> None:
        with self._lock:
            self._watches.discard(watch)

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                for watch in [w for w in self._watches if w.deadline <= now]:
                    self._watches.discard(watch)
                    watch.fired = True
                    _shut_down(watch.fileno)
                self._wake_at = min((w.deadline for w in self._watches), default=math.inf)
                self._lock.wait(None if self._wake_at == math.inf else self._wake_at - now)


def _shut_down(fileno: int) -> None:
    """End both directions of the connection's socket; the waiting thread wakes with an error.
    The descriptor stays psycopg's: wrapped for the call, detached, never closed here."""
    with contextlib.suppress(OSError):
        sock = socket.socket(fileno=fileno)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.detach()


WATCHDOG = _Watchdog()
