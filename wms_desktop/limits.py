"""How long a workstation waits on its database, at most (GUIDE §5b): the numbers behind every
bounded wait, shared by the engine that applies them (``wms_desktop/db/link.py``) and the
settings that let a workstation change them (``ui/app_settings.py``, ``ui/settings/dialog.py``).

The defaults keep the promise of the status bar: a workstation whose network goes silent
mid-operation shows ``DATABASE_UNAVAILABLE`` within 6 s (no answer within ``statement_timeout``
plus a second; pooled connections are not pinged, so also when the silence began while the
connection sat in the pool), and the server
ends its abandoned transaction, releasing its locks, within ``idle_in_transaction`` of its
last statement — so no other workstation waits on them for longer than its own
``lock_timeout`` would let it (figures: tests/benchmarks/bench_faults.py).
"""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class DatabaseLimits:
    """Milliseconds. ``lock_timeout`` < ``statement_timeout``, so a wait for another
    workstation's locks ends as ``LOCK_TIMEOUT``, not as a statement timeout."""

    connect_timeout_ms: int = 3_000  # TCP connect plus the server's startup answer
    lock_timeout_ms: int = 4_000  # waiting for another workstation's row locks
    statement_timeout_ms: int = 5_000  # one statement on the server
    idle_in_transaction_ms: int = 4_000  # the server ends a transaction left idle this long
    dead_peer_ms: int = 6_000  # TCP keepalive and user timeout: a peer that vanished from the network
    answer_grace_ms: int = 1_000  # the client waits statement_timeout + this for any answer

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive number of milliseconds, not {value!r}")
        if self.lock_timeout_ms >= self.statement_timeout_ms:
            raise ValueError("lock_timeout_ms must be shorter than statement_timeout_ms")

    @property
    def answer_timeout_s(self) -> float:
        """How long the client waits for any answer before it gives the connection up."""
        return (self.statement_timeout_ms + self.answer_grace_ms) / 1000

    def for_admin(self) -> DatabaseLimits:
        """The admin steps (migrations, bulk loads) run statements for minutes on purpose."""
        return replace(self, statement_timeout_ms=3_600_000, idle_in_transaction_ms=600_000)
