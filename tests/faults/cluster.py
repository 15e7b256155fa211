"""A PostgreSQL cluster of the test's own (initdb in a temporary directory, a free loopback
port), so a test can stop, restart or crash it without touching the shared server.

Run as root (the test machines), the server runs as the ``postgres`` account: PostgreSQL
refuses to run as root.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.helpers import LOOPBACK, free_port, wait_until


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    assert found, "PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin)"
    return Path(found[-1]).parent


class PrivateCluster:
    """``start()``, ``stop(mode)``, ``restart(mode)``; ``url(database)`` for the app's engine."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="wms-private-pg-"))
        self.data = self.directory / "data"
        self._account = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self._account is not None:
            os.chown(self.directory, self._account.pw_uid, self._account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"listen_addresses = '{LOOPBACK}'\nport = {self.port}\n"
                       f"unix_socket_directories = '{self.directory}'\n"
                       "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                       "shared_buffers = 16MB\nmax_connections = 40\n")

    def _run(self, tool: str, *args: str) -> str:
        def demote() -> None:
            if self._account is not None:
                os.setgid(self._account.pw_gid)
                os.setuid(self._account.pw_uid)

        done = subprocess.run([str(self.bin / tool), *args], preexec_fn=demote, cwd=self.directory,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{tool} failed: {done.stdout}\n{done.stderr}"
        return done.stdout

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@{LOOPBACK}:{self.port}/{database}"

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.directory / "server.log"), "-w", "-t", "60",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        """``fast`` (clients are disconnected, a clean shutdown) or ``immediate`` (a crash: the
        next start runs recovery)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def stop_nowait(self, mode: str = "smart") -> None:
        """Ask the server to stop and return at once (a smart shutdown waits for the sessions
        still open, refusing new ones meanwhile)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-W", "stop")

    def wait_stopped(self) -> None:
        assert wait_until(lambda: not (self.data / "postmaster.pid").exists(), 60), "the server did not stop"

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def psql(self, sql: str, database: str = "postgres") -> str:
        return self._run("psql", "-h", LOOPBACK, "-p", str(self.port), "-U", "postgres", "-d", database,
                         "-Atqc", sql)

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        except AssertionError:
            pass  # not running
        shutil.rmtree(self.directory, ignore_errors=True)
