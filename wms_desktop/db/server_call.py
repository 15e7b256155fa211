"""One statement, one round trip: a server-side function called as a prepared statement in
autocommit — only for when that call is the whole unit of work (a stock operation on its
own). Inside a larger unit of work the same function runs on the unit's connection, in its
transaction (services/pg_posting.py): an autocommit call there would commit what the unit may
still roll back.

SQLAlchemy's Connection costs more client CPU than the call itself, and BEGIN/COMMIT two more
round trips, so this takes the pooled psycopg connection as it is (with the link's bounded
waits, db/link.py). Integers go as int8 (``Int8``): psycopg otherwise picks int2/int4/int8 by
size, and each combination would be a prepared statement of its own. Errors take the unit of
work's way: a refusal is its ``WmsError`` (db/refusals.py); deadlocks retry and lock timeouts
become ``LOCK_TIMEOUT`` (``Database.retrying``); a lost link is ``DATABASE_UNAVAILABLE`` —
with ``outcome: unknown`` once the call was sent, since the call commits itself.
"""
from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.types.numeric import Int8
from sqlalchemy.exc import DBAPIError

from . import link, refusals
from .engine import Database


def int8(value: int | None) -> Int8 | None:
    return None if value is None else Int8(value)


def call(db: Database, sql: str, params: Sequence[Any]) -> Any:
    """The single value ``sql`` returns."""
    sent = False

    def unit() -> Any:
        nonlocal sent
        sent = False
        try:
            pooled = db.engine.raw_connection()
        except psycopg.Error as error:  # the pool's connect bypasses the engine's error mapping
            reason = link.unavailable(error, connected=False)
            if reason is None:
                raise
            raise link.unavailable_error(reason, error, db.describe()) from error
        try:
            conn: psycopg.Connection = pooled.driver_connection  # type: ignore[assignment]  # psycopg's, as connected
            conn.autocommit = True
            try:
                sent = True
                row = conn.execute(sql, params, prepare=True).fetchone()
                assert row is not None  # a SELECT of one function call answers one row
                return row[0]
            finally:
                with contextlib.suppress(psycopg.Error):  # a broken connection is thrown away below
                    conn.autocommit = False  # SQLAlchemy's units of work begin their own transactions
        except psycopg.Error as error:
            refused = refusals.refusal(error)
            if refused is not None:  # the function said no (and rolled back what it did)
                raise refused from None
            reason = link.unavailable(error)
            if reason is not None:
                if reason != "statement_timeout":
                    pooled.invalidate(error)  # thrown away, never pooled again
                raise link.unavailable_error(reason, error, db.describe()) from error
            raise DBAPIError.instance(sql, params, error, psycopg.Error, dialect=db.engine.dialect) from error
        finally:
            pooled.close()

    return db.retrying(unit, lambda: sent)
