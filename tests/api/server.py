"""A real ``wms-desktop serve`` process on a loopback socket, for the API tests and benchmarks.

The socket is bound here (port 0: a free one) and handed to the server (``--fd``), so no
port is guessed and none is raced for. The server signs in to PostgreSQL as a fresh
workstation login (least privilege: what a deployment uses), dropped afterwards.
"""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from wms_desktop.db.engine import Database
from wms_desktop.db.privileges import Roles

LOOPBACK = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[2]


class Station:
    """A PostgreSQL login in the workstation role, for the server to use."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.login = f"api_{uuid.uuid4().hex[:12]}"
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE ROLE {self.login} LOGIN IN ROLE {Roles.of(db).workstation}")
        self.url = db.url.set(username=self.login).render_as_string(hide_password=False)

    def drop(self) -> None:
        with self.db.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {self.login}")


class ApiServer:
    def __init__(self, database_url: str, warehouse: str = "WH01", key: str | None = None, workers: int = 1,
                 extra_env: dict[str, str] | None = None) -> None:
        self.key = key or secrets.token_urlsafe(48)
        self.sock = socket.create_server((LOOPBACK, 0))
        self.port = self.sock.getsockname()[1]
        self.base_url = f"http://{LOOPBACK}:{self.port}"
        env = {**os.environ, "WMS_DATABASE_URL": database_url, "WMS_WAREHOUSE": warehouse,
               "WMS_API_JWT_KEY": self.key, "WMS_API_LOG_LEVEL": "WARNING", **(extra_env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wms_desktop.cli", "serve", "--fd", str(self.sock.fileno()),
             "--workers", str(workers)],
            cwd=ROOT, env=env, pass_fds=[self.sock.fileno()], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.client = httpx.Client(base_url=self.base_url, timeout=30)
        self._wait_ready(timeout_s=60)

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.process.stdout.read().decode()}")  # type: ignore[union-attr]
            try:
                if self.client.get("/ready").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not become ready")

    def stop(self) -> str:
        self.client.close()
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate(timeout=15)
        self.sock.close()
        return out.decode(errors="replace")
