"""``wms-desktop serve``: the HTTP API's composition root — reads the configuration, builds the
database, the services and the sign-in sessions, and hands them to the ASGI app (docs/api.md).

uvicorn calls ``build_app`` once in every worker process (``--workers N``): each builds its own
engine from the same environment; nothing a process holds is needed by another, so several
processes and hosts serve one shared PostgreSQL.
"""
from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
from typing import TYPE_CHECKING, Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

from . import config

if TYPE_CHECKING:
    from starlette.applications import Starlette


class NoDelayProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]  # h11's or httptools', as installed
    """uvicorn's HTTP protocol with Nagle off on every connection. uvicorn takes a socket
    handed over by ``--fd`` (a test, systemd) for a Unix socket (``socket.fromfd(fd, AF_UNIX,
    …)``), so asyncio does not switch Nagle off for its connections, and every answer waited
    ~40 ms for the client's delayed ACK. On a Unix socket the option does not apply."""

    def connection_made(self, transport: Any) -> None:
        with contextlib.suppress(OSError):
            transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def build_app() -> Starlette:
    """The app of one worker process (uvicorn's factory)."""
    from .api.app import Backend, create_app
    from .api.settings import ApiSettings
    from .db.engine import Database
    from .db.migrate import check_schema, current_revision
    from .services import Services
    from .services.sessions import Sessions

    warehouse = config.warehouse_code()
    settings = ApiSettings.from_environment(warehouse)
    db = Database(config.database_url())
    root = Services(db, warehouse)

    def services(warehouse_code: str, user_name: str, role: str) -> Services:
        return Services(db, warehouse_code).acting_as(user_name, role) if warehouse_code != warehouse \
            else root.acting_as(user_name, role)

    def ready() -> str:
        check_schema(db)
        return current_revision(db) or ""

    return create_app(Backend(settings, Sessions(db, warehouse), services, ready))


def run(host: str, port: int, workers: int, fd: int | None) -> int:
    """Refuse to start without a signing key; else serve until stopped."""
    import uvicorn

    from .api.settings import ApiSettings, MissingKey

    try:
        ApiSettings.from_environment(config.warehouse_code())
    except MissingKey as error:
        print(f"wms-desktop serve: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=os.environ.get("WMS_API_LOG_LEVEL", "INFO"), format="%(message)s", stream=sys.stderr)
    uvicorn.run("wms_desktop.serve:build_app", factory=True, host=host, port=port, workers=workers, fd=fd,
                http=NoDelayProtocol, access_log=False, log_config=None, proxy_headers=False)
    return 0

