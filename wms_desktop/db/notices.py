"""PostgreSQL notifications, caught up with on demand: ``Notices`` LISTENs on one channel on a
connection of its own and calls ``on_notice`` for each notification it reads.

``sync()`` is one round trip on that connection (``SELECT 1``). PostgreSQL signals every
listening session while a notifying transaction commits, before that commit is acknowledged,
and a signalled session sends its notifications before its next ReadyForQuery. So when
``sync()`` returns True, every notification of a transaction that committed before it was
called has been read and handed to ``on_notice`` — however late a thread would otherwise have
woken for it. False: the connection is not there (lost, or not back yet); nothing can be
said. Callers waiting at once share a round trip: one that began after a caller called has
caught up for it too. A lost connection is replaced at a later ``sync()``, at most every ``retry_s``; after
a (re)connection ``on_notice`` is called once, for whatever was sent while nobody listened.
Every wait is bounded by the engine's limits (connect timeout, the answer watchdog).
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from .engine import Database

log = logging.getLogger(__name__)


class Notices:
    def __init__(self, db: Database, channel: str, on_notice: Callable[[], None], retry_s: float = 1.0) -> None:
        assert channel.isidentifier(), channel  # goes into LISTEN as is
        self.channel, self.on_notice, self.retry_s = channel, on_notice, retry_s
        self._engine = db.unpooled_engine()  # the connection is closed, never pooled, when let go
        self._lock = threading.Lock()  # one statement at a time on the connection
        self._fairy: Any = None
        self._cursor: Any = None  # kept: a cursor a call costs as much as the round trip's own work
        self._retry_at = 0.0
        self._caught_up_from = 0.0  # when the last round trip that succeeded began

    def sync(self) -> bool:
        called = time.monotonic()
        with self._lock:
            if self._caught_up_from > called:
                return True  # a round trip that began after this call has caught up
            if self._cursor is None and not self._connect():
                return False
            began = time.monotonic()
            try:
                self._cursor.execute("SELECT 1")  # notifications read on the way call on_notice
                self._caught_up_from = began
                return True
            except Exception as error:  # whatever ended the connection, nothing is known now
                log.warning("listening on %s stopped: %s", self.channel, error)
                self._drop()
                return False

    def close(self) -> None:
        with self._lock:
            if self._fairy is not None:
                self._fairy.close()
                self._fairy = self._cursor = None
        self._engine.dispose()

    def _connect(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        try:
            self._fairy = self._engine.raw_connection()  # connect_timeout bounds it
            conn = self._fairy.driver_connection
            conn.rollback()
            conn.autocommit = True
            conn.add_notify_handler(lambda _notice: self.on_notice())
            conn.execute(f"SET application_name = 'listen {self.channel}'")  # as pg_stat_activity shows it
            conn.execute(f"LISTEN {self.channel}")
            self._cursor = conn.cursor()
        except Exception as error:  # the database is not there: try again later
            log.warning("cannot listen on %s: %s", self.channel, error)
            self._drop()
            return False
        self.on_notice()  # what was sent while nobody listened is unknown
        return True

    def _drop(self) -> None:
        self._cursor = None
        if self._fairy is not None:
            self._fairy.invalidate()  # closed as it is: no reset on a connection that failed
            self._fairy = None
        self._retry_at = time.monotonic() + self.retry_s
