"""Dead pooled connections, found without a round trip.

An idle PostgreSQL connection receives nothing unless the server is closing it (restart,
``pg_terminate_backend``, idle timeout): then its socket turns readable (a FATAL message or
end of file). Checking that with a zero-timeout poll at checkout replaces a pre-ping, which
costs a round trip on every unit of work. A peer that vanished without closing (cable, sleep)
is left to TCP keepalive and the statement timeouts.
"""
from __future__ import annotations

import select

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError


def closed_by_server(dbapi_connection) -> bool:
    try:
        fd = dbapi_connection.pgconn.socket
    except Exception:
        return True
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLERR | select.POLLHUP)
        return bool(poller.poll(0))
    return bool(select.select([fd], [], [fd], 0)[0])  # Windows: no poll()


def replace_dead_on_checkout(engine: Engine) -> None:
    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection, _record, _proxy):
        if closed_by_server(dbapi_connection):
            raise DisconnectionError("the server closed this pooled connection")  # the pool reconnects
