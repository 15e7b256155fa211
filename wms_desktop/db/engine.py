"""Engine and units of work.

``Database.run(work)`` is the one way services touch the database: ``work(conn)`` runs inside
one transaction, which commits when it returns and rolls back when it raises. On PostgreSQL a
deadlock or serialization failure retries the whole unit (bounded), and every wait is bounded
by the workstation's :class:`~wms_desktop.limits.DatabaseLimits` (``db/link.py``): a lock held
by another workstation ends as ``LOCK_TIMEOUT``, a server or network that fails as
``DATABASE_UNAVAILABLE``. SQLite (the single-workstation default) takes its write lock at
BEGIN, so two writers queue instead of failing half-way.
"""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import Connection, DateTime, create_engine, event, func, literal
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ..domain.errors import WmsError
from ..limits import DatabaseLimits
from . import link, refusals
from .liveness import replace_dead_on_checkout

T = TypeVar("T")
log = logging.getLogger(__name__)

RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
LOCK_NOT_AVAILABLE = "55P03"
MAX_ATTEMPTS = 8


def now(conn: Connection):
    """The transaction's start time, with milliseconds, as a SQL expression: the same for every
    row one operation writes (the ledger's keyset pages rely on it). PostgreSQL's now() is
    that; SQLite's 'now' changes between statements, so its transactions note the time they
    begin (see _make_sqlite_transactional)."""
    if conn.dialect.name == "sqlite":
        return literal(conn.info[SQLITE_NOW], DateTime(timezone=True))
    return func.now()


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


SQLITE_NOW = "wms_transaction_now"  # Connection.info key: when the current SQLite transaction began


class Database:
    def __init__(self, url: str | URL, limits: DatabaseLimits = DatabaseLimits(), echo: bool = False) -> None:
        self.url = make_url(url)
        self.limits = limits
        if self.is_sqlite:
            self.engine = create_engine(self.url, echo=echo, connect_args={"timeout": limits.lock_timeout_ms / 1000})
            _make_sqlite_transactional(self.engine)
        else:
            self.engine = self._server_engine(echo=echo, pool_size=4, pool_timeout=limits.answer_timeout_s)

    def _server_engine(self, **options) -> Engine:
        engine = create_engine(self.url, connect_args=link.connect_args(self.limits), **options)
        link.bind(engine, self.limits, self.describe())
        replace_dead_on_checkout(engine)  # instead of a pre-ping round trip per unit of work
        refusals.bind(engine)  # a posting function's refusal is a WmsError where it is raised
        return engine

    def unpooled_engine(self) -> Engine:
        """PostgreSQL: an engine with the same limits whose connections are closed, not pooled,
        when let go — for a session whose end must release what it holds (an advisory lock)."""
        return self._server_engine(poolclass=NullPool)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Connection]:
        """A write is one transaction. A read on PostgreSQL runs in autocommit: under READ
        COMMITTED each statement takes its own snapshot either way, so BEGIN and COMMIT would
        only add two round trips. SQLite reads keep their BEGIN (one snapshot for the read)."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn = conn.execution_options(sqlite_write=write)
            elif not write:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            with conn.begin():
                yield conn

    def run(self, work: Callable[[Connection], T], write: bool = True) -> T:
        """Run ``work`` in one transaction; retry it whole on deadlock or serialization failure.

        A ``DATABASE_UNAVAILABLE`` raised while committing a write carries ``details.outcome =
        "unknown"``: the commit may have happened, its answer lost. Retry with the same
        request_id (docs/services.md)."""
        committing = False

        def unit() -> T:
            nonlocal committing
            committing = False
            with self.transaction(write) as conn:
                result = work(conn)
                committing = write
            return result

        return self.retrying(unit, lambda: committing)

    def retrying(self, unit: Callable[[], T], committing: Callable[[], bool]) -> T:
        """Run ``unit`` (one transaction, or one autocommit statement) and retry it whole on
        deadlock or serialization failure; database errors with a meaning become ``WmsError``.
        ``committing()`` says whether a lost link came after the commit was sent."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return unit()
            except WmsError as error:
                if committing() and error.error_code == "DATABASE_UNAVAILABLE":
                    error.details["outcome"] = "unknown"
                raise
            except sa_exc.TimeoutError as error:  # every pooled connection busy for the whole wait
                raise WmsError("DATABASE_UNAVAILABLE", details={
                    "database": self.describe(), "reason": "pool_exhausted"}) from error
            except DBAPIError as error:
                state = _sqlstate(error)
                if state in RETRY_SQLSTATES and attempt < MAX_ATTEMPTS:
                    log.info("retrying unit of work after SQLSTATE %s (attempt %d)", state, attempt)
                    time.sleep(random.uniform(0, 0.005 * 2**attempt))
                    continue
                if state == LOCK_NOT_AVAILABLE:
                    raise WmsError("LOCK_TIMEOUT", details={"lock_timeout_ms": self.limits.lock_timeout_ms}) from error
                if self.is_sqlite and "database is locked" in str(error.orig):
                    raise WmsError("LOCK_TIMEOUT", details={"lock_timeout_ms": self.limits.lock_timeout_ms}) from error
                raise
        raise AssertionError("unreachable")

    def probe(self) -> float:
        """Liveness: one round trip to the server on a pooled connection, in seconds. Raises
        ``DATABASE_UNAVAILABLE`` within the limits when the server cannot be reached."""
        started = time.monotonic()
        self.run(lambda conn: conn.exec_driver_sql("SELECT 1").scalar_one(), write=False)
        return time.monotonic() - started

    def describe(self) -> str:
        """The URL without its password, for status bars and logs."""
        return self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _make_sqlite_transactional(engine: Engine) -> None:
    """pysqlite's own transaction handling defers BEGIN and never takes the write lock up
    front; take control of it (SQLAlchemy's documented recipe) and begin writers IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        write = conn.get_execution_options().get("sqlite_write", True)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
        moment = datetime.now(UTC).replace(tzinfo=None)  # stored as naive UTC, like strftime('now')
        conn.info[SQLITE_NOW] = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
