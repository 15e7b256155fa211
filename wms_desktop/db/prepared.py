"""Statements a hot path runs many times a second: built and compiled once per dialect.

SQLAlchemy builds a Core statement, computes its cache key and looks it up on every
execution; for the scanner's one-statement ``identify`` that cost about a millisecond of
client CPU, more than the round trip. A :class:`Prepared` statement is built once with bind
parameters, compiled once per dialect and sent as its SQL string through
``exec_driver_sql``, so the engine's error handling (bounded waits, lost links) still applies.
Only for parameters that need no type conversion (text, integers).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, CursorResult
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.sql.expression import ClauseElement


class Prepared:
    def __init__(self, build: Callable[[], ClauseElement]) -> None:
        self._build = build
        self._compiled: dict[str, Compiled] = {}

    def execute(self, conn: Connection, params: Mapping[str, Any]) -> CursorResult[Any]:
        compiled = self._compiled.get(conn.dialect.name)
        if compiled is None:
            compiled = self._compiled[conn.dialect.name] = self._build().compile(dialect=conn.dialect)
        values = compiled.construct_params(dict(params))
        positions = getattr(compiled, "positiontup", None)
        if positions:  # SQLite's "?" placeholders
            return conn.exec_driver_sql(compiled.string, tuple(values[name] for name in positions))
        return conn.exec_driver_sql(compiled.string, values)
