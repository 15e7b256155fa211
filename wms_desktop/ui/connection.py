"""The database link as the workstation sees it — reachable, slow or unreachable — from one
cheap round trip every few seconds on the op runner's link pool, never on the GUI thread.

- While the link is unreachable, database work is refused at once with DATABASE_UNAVAILABLE
  (``details.reason = "unreachable"``) instead of each op waiting out its own timeout; checks
  go on every couple of seconds, and the first that answers makes the link usable again
  (``reconnected``): the engine replaces its dead connections by itself.
- An op that failed with DATABASE_UNAVAILABLE asks for a check at once, so the state follows
  the first failure rather than the next tick.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.errors import WmsError
from .ops import DB_POOL, LINK_POOL, OpRunner

UNKNOWN, REACHABLE, SLOW, UNREACHABLE = "unknown", "reachable", "slow", "unreachable"


class DatabaseLink(QObject):
    state_changed = Signal(str)
    reconnected = Signal()  # unreachable → reachable or slow: offer what failed meanwhile again

    def __init__(self, probe: Callable[[], float], runner: OpRunner, parent: QObject | None = None,
                 interval_ms: int = 5_000, retry_ms: int = 2_000, slow_s: float = 0.5) -> None:
        super().__init__(parent)
        self.probe = probe  # one round trip in seconds, or WmsError("DATABASE_UNAVAILABLE")
        self.runner = runner
        self.interval_ms = interval_ms
        self.retry_ms = retry_ms
        self.slow_s = slow_s
        self.state = UNKNOWN
        self.last_error: WmsError | None = None
        self.round_trip_s: float | None = None
        self._checking = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.runner.gates[DB_POOL] = self.refusal
        self.runner.wms_error.connect(self._op_failed)
        self.timer.start(self.interval_ms)
        self.check_now()

    def stop(self) -> None:
        self.timer.stop()
        if self.runner.gates.get(DB_POOL) == self.refusal:
            del self.runner.gates[DB_POOL]
        self.runner.wms_error.disconnect(self._op_failed)

    def check_now(self) -> None:
        if self._checking:
            return  # one check at a time: a dead server is not asked twice as often
        self._checking = True
        self.runner.submit(self.probe, self._answered, parent=self, failure=self._failed, pool=LINK_POOL)

    def refusal(self) -> WmsError | None:
        """The error database work gets at once while the link is unreachable."""
        if self.state != UNREACHABLE:
            return None
        details = dict(self.last_error.details) if self.last_error is not None else {}
        return WmsError("DATABASE_UNAVAILABLE", details={**details, "reason": "unreachable"})

    def _answered(self, round_trip_s: float) -> None:
        self._checking = False
        self.round_trip_s = round_trip_s
        self._set(SLOW if round_trip_s >= self.slow_s else REACHABLE)

    def _failed(self, error: WmsError) -> None:
        self._checking = False
        if error.error_code != "DATABASE_UNAVAILABLE":
            return  # the server answered, with something else: it is there
        self.last_error = error
        self._set(UNREACHABLE)

    def _op_failed(self, error: WmsError) -> None:
        if error.error_code == "DATABASE_UNAVAILABLE" and error.details.get("reason") != "unreachable":
            self.check_now()

    def _set(self, state: str) -> None:
        previous, self.state = self.state, state
        self.timer.setInterval(self.retry_ms if state == UNREACHABLE else self.interval_ms)
        if state != previous:
            self.state_changed.emit(state)
        if previous == UNREACHABLE and state != UNREACHABLE:
            self.reconnected.emit()
