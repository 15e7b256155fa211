"""A server process's short-lived memory of credentials the database accepted (docs/api.md,
"Credential cache"): a request whose token or key was checked a moment ago skips the
database's check of it (its statements and ~0.4 ms of this process's time) for one
``SELECT 1``.

PostgreSQL notifies every listening process when a user is deactivated, renamed, deleted,
changes role or loses a warehouse, a warehouse is switched off, an API key is revoked, or a
role changes (``SessionsApi.notices``); a notification drops the whole memory. Before a remembered answer is
used, ``sync()`` catches up with every notification of what committed before the request
(one round trip on the listening connection): a revocation stops the next request in every
process, never one later. When the listener cannot catch up (its connection lost, not back
yet; SQLite, which notifies nothing) nothing is served from memory. An entry also expires
after ``ttl_s`` on its own.

A check that ran while a notification arrived is not remembered (the generation moved on):
it may have read the database before the change committed.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 10_000  # then the memory starts over: a bound, never reached by a real set of callers


class CredentialCache:
    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.sync: Callable[[], bool] = lambda: False  # the listener's, once the server listens
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[Hashable, tuple[object, int, float]] = {}  # value, generation, expiry
        self._generation = 0

    def get(self, key: Hashable, check: Callable[[], T]) -> T:
        """What ``check()`` answered for ``key`` within ``ttl_s`` with no change notified since;
        else ask it (its refusals propagate and are never remembered)."""
        now = self._clock()
        entry = self._entries.get(key)
        if entry is not None and entry[2] > now and entry[1] == self._generation and self.sync() \
                and entry[1] == self._generation:  # still, with every change committed until now heard
            return entry[0]  # type: ignore[return-value]  # stored by this method for this key
        generation = self._generation
        value = check()
        if self.ttl_s > 0:
            with self._lock:
                if generation == self._generation:
                    if len(self._entries) >= MAX_ENTRIES:
                        self._entries.clear()
                    self._entries[key] = (value, generation, now + self.ttl_s)
        return value

    def changed(self) -> None:
        """A credential may have changed (a notification, or a listener (re)connected)."""
        with self._lock:
            self._generation += 1
            self._entries.clear()
