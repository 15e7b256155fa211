"""A loopback TCP proxy in front of a PostgreSQL server that breaks the connection on cue, the
way networks and servers do at a warehouse desk:

- ``refuse()`` closes the port (connection refused) until ``accept_again()``;
- ``silence()`` stops forwarding, both ways, on every connection, and ``speak()`` resumes: the
  network has gone quiet, but TCP itself stays up (a Wi-Fi drop behind an access point, a
  server that accepts connections and never answers);
- ``cut()`` closes every connection now;
- ``on(action, statement=..., when=..., count=...)`` arms a fault for the ``count``-th statement
  whose SQL starts with ``statement`` (any statement when None; "COMMIT" for the commit). The
  action — ``cut`` the connection, ``silence`` the network, or ``terminate`` the statement's
  server process (``pg_terminate_backend``) — happens ``before`` the statement reaches the
  server, ``after`` it did (as its answer starts: the server ran it, the client never hears),
  or ``at_ready``: when the server has answered the whole request (a pipeline of statements
  included) and only its closing ReadyForQuery is still to come.

It speaks just enough of the PostgreSQL protocol to count statements: simple queries (``Q``)
and executions of the extended protocol (``E``, named by the ``P``/``B`` messages before it).
Encryption requests are answered "no" by the proxy itself, so the stream stays readable.
"""
from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

import psycopg

from tests.helpers import LOOPBACK, read_exactly

SSL_REQUEST, GSSENC_REQUEST = 80877103, 80877104
AFTER_FALLBACK_S = 2.0  # "after": act when the answer starts, or after this long without one
TERMINATE_LINGER_S = 0.5
# client messages that end a request: Sync, Query, Flush, Terminate, CopyData/Done/Fail, password, FunctionCall
REQUEST_ENDS = {b"S", b"Q", b"H", b"X", b"d", b"c", b"f", b"p", b"F"}


@dataclass
class Fault:
    action: str  # cut | silence | terminate
    statement: str | None
    when: str  # before | after | at_ready
    count: int
    seen: int = 0
    fired: threading.Event = field(default_factory=threading.Event)

    def matches(self, sql: str) -> bool:
        return self.statement is None or sql.lstrip().upper().startswith(self.statement.upper())


class _Link:
    """One client connection and its upstream connection."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client = client
        self.upstream = upstream
        self.backend_pid: int | None = None
        self.statements: dict[bytes, str] = {}  # prepared statement name -> SQL
        self.portals: dict[bytes, str] = {}  # portal name -> SQL
        self.after: Fault | None = None  # act on the answer to the statement just forwarded
        self.linger_s = 0.0  # keep the client's end open this long after the server's end closed
        self.terminated = False
        self.at_ready: Fault | None = None  # act instead of passing on the end of the statement's request
        self.closed = False

    def close(self) -> None:
        self.closed = True
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()


class FaultProxy:
    def __init__(self, upstream_port: int, upstream_host: str = LOOPBACK) -> None:
        self.upstream = (upstream_host, upstream_port)
        self._lock = threading.Lock()
        self._links: list[_Link] = []
        self._faults: list[Fault] = []
        self._speaking = threading.Event()
        self._speaking.set()
        self._listener: socket.socket | None = None
        self.port = 0
        self.accept_again()

    # -- controls ------------------------------------------------------------------------------
    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@{LOOPBACK}:{self.port}/{database}"

    def refuse(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close alone may not
            listener.close()

    def accept_again(self) -> None:
        listener = socket.create_server((LOOPBACK, self.port))  # SO_REUSEADDR: the same port again
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def silence(self) -> None:
        self._speaking.clear()

    def speak(self) -> None:
        self._speaking.set()

    def cut(self) -> None:
        with self._lock:
            links, self._links = self._links, []
        for link in links:
            link.close()

    def on(self, action: str, statement: str | None = None, when: str = "before", count: int = 1) -> Fault:
        assert action in ("cut", "silence", "terminate") and when in ("before", "after", "at_ready") and count >= 1
        fault = Fault(action, statement, when, count)
        with self._lock:
            self._faults.append(fault)
        return fault

    def close(self) -> None:
        self.refuse()
        self.speak()
        self.cut()

    # -- plumbing --------------------------------------------------------------------------------
    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # refused or closed
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            link = _Link(client, upstream)
            with self._lock:
                self._links.append(link)
            threading.Thread(target=self._from_client, args=(link,), daemon=True).start()
            threading.Thread(target=self._from_server, args=(link,), daemon=True).start()

    def _from_client(self, link: _Link) -> None:
        """Client messages travel as whole requests (up to a Sync, a simple query, a flush …), as
        one write of the client does: a fault holds, drops or cuts a request, never half of one."""
        try:
            self._startup(link)
            request: list[bytes] = []
            fault: Fault | None = None
            for kind, message in _messages(link.client):
                sql = self._statement(link, kind, message)
                fault = fault or (self._fault_for(sql) if sql is not None else None)
                request.append(message)
                if kind in REQUEST_ENDS:
                    self._send(link, b"".join(request), fault)
                    request, fault = [], None
        except OSError:
            pass
        finally:
            link.close()

    def _send(self, link: _Link, request: bytes, fault: Fault | None) -> None:
        if fault is not None and fault.when == "at_ready":
            link.at_ready, fault = fault, None
        self._speaking.wait()
        if link.terminated:
            return  # the server process is gone: what the client sends is lost
        if fault is not None and fault.when == "before":
            self._act(link, fault)
            if fault.action != "silence":
                return
            self._speaking.wait()  # silenced: the request goes out when the network is back
        if fault is not None and fault.when == "after":
            link.after = fault
            threading.Timer(AFTER_FALLBACK_S, self._act_after, args=(link,)).start()
        link.upstream.sendall(request)

    def _startup(self, link: _Link) -> None:
        """Untyped startup packets: decline encryption here, forward the startup message."""
        while True:
            head = read_exactly(link.client, 8)
            length, code = struct.unpack("!ii", head)
            body = read_exactly(link.client, length - 8)
            if code in (SSL_REQUEST, GSSENC_REQUEST):
                link.client.sendall(b"N")
                continue
            link.upstream.sendall(head + body)
            return

    def _from_server(self, link: _Link) -> None:
        try:
            for kind, message in _messages(link.upstream):
                if kind == b"K":
                    link.backend_pid = struct.unpack("!i", message[5:9])[0]
                if link.after is not None:
                    self._act_after(link)
                    if link.closed:
                        return
                if kind == b"Z" and link.at_ready is not None:
                    fault, link.at_ready = link.at_ready, None
                    self._act(link, fault)
                    continue
                self._speaking.wait()
                link.client.sendall(message)
        except OSError:
            pass
        finally:
            if link.linger_s:
                time.sleep(link.linger_s)
            link.close()

    @staticmethod
    def _statement(link: _Link, kind: bytes, message: bytes) -> str | None:
        """The SQL this message runs, if it runs one."""
        body = message[5:]
        if kind == b"Q":
            return body.split(b"\0", 1)[0].decode()
        if kind == b"P":
            name, sql = body.split(b"\0", 2)[:2]
            link.statements[name] = sql.decode()
        elif kind == b"B":
            portal, name = body.split(b"\0", 2)[:2]
            link.portals[portal] = link.statements.get(name, "")
        elif kind == b"E":
            return link.portals.get(body.split(b"\0", 1)[0], "")
        return None

    def _fault_for(self, sql: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(sql):
                    fault.seen += 1
                    if fault.seen == fault.count:
                        self._faults.remove(fault)
                        return fault
        return None

    def _act_after(self, link: _Link) -> None:
        fault, link.after = link.after, None
        if fault is not None:
            self._act(link, fault)

    def _act(self, link: _Link, fault: Fault) -> None:
        if fault.action == "cut":
            link.close()
        elif fault.action == "silence":
            self.silence()
        else:
            self._terminate(link)
        fault.fired.set()

    def _terminate(self, link: _Link) -> None:
        """The server process ends with its FATAL error; the client's end stays open a moment
        longer, as when the error arrives before the end of the connection does."""
        link.linger_s = TERMINATE_LINGER_S
        link.terminated = True
        with psycopg.connect(host=self.upstream[0], port=self.upstream[1], user="postgres", dbname="postgres",
                             autocommit=True, connect_timeout=5) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (link.backend_pid,))


def _messages(sock: socket.socket):
    """Typed protocol messages (type byte, length, body), each as (type, whole message)."""
    while True:
        head = read_exactly(sock, 5)
        (length,) = struct.unpack("!i", head[1:5])
        yield head[:1], head + read_exactly(sock, length - 4)
