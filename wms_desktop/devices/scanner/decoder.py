"""The keyboard-wedge decoder: tells a scanner's key burst from a person typing.

A state machine fed one key at a time with ``(text, time)`` (``QKeyEvent.text()`` and a clock
that tests can replace). It never types anything itself; each :meth:`WedgeDecoder.feed`
returns a :class:`Step` that says which *held* keys to let through now and whether this key is
held back (swallowed for now). Once a scan completes, the keys that made it are dropped and
the :class:`~.scan.Scan` is returned.

Two modes (GUIDE §6: prefix/suffix first, timing as fallback):

- **prefix mode** (a prefix is configured, e.g. STX): the prefix starts a scan, the suffix (or
  Enter/Tab when no suffix is set) ends it. Keys between are held. A scan that stalls for
  ``scan_timeout`` is given back as typing.
- **timing mode** (no prefix): printable keys are held while they arrive less than
  ``max_gap`` apart; Enter/Tab (or the configured one-key suffix) after at least
  ``min_length`` of them makes a scan. A slower key, a shorter burst, any other key, or
  :meth:`flush` after ``max_gap`` of silence gives the held keys back as typing — a person's
  keys reach their field a few tens of milliseconds late, in order, and never get lost.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from .scan import GS, Scan, parse_scan

TERMINATORS = ("\r", "\n", "\t")


@dataclass(frozen=True)
class Step:
    release: tuple[str, ...] = ()  # held keys to let through now, oldest first, before this key
    consume: bool = False  # this key is not delivered now (held, or eaten as part of a scan)
    scan: Scan | None = None  # a completed scan: every held key was part of it


def _is_data(text: str) -> bool:
    return bool(text) and all(ch == GS or (ch.isprintable()) for ch in text)


class WedgeDecoder:
    def __init__(self, prefix: str = "", suffix: str = "\r", *, max_gap: float = 0.030, min_length: int = 4,
                 scan_timeout: float = 0.5, max_length: int = 512,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.prefix = prefix
        self.suffix = suffix
        self.max_gap = max_gap
        self.min_length = min_length
        self.scan_timeout = scan_timeout
        self.max_length = max_length
        self.clock = clock
        self._held: list[str] = []
        self._last = 0.0
        self._in_scan = False  # prefix mode: the prefix has been seen

    # -- state -----------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return "prefix" if self.prefix else "timing"

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(self._held)

    def deadline(self) -> float | None:
        """When :meth:`flush` would give the held keys back (None: nothing held)."""
        if not self._held:
            return None
        return self._last + (self.scan_timeout if self.prefix else self.max_gap)

    def configure(self, prefix: str, suffix: str) -> tuple[str, ...]:
        released = self.reset()
        self.prefix, self.suffix = prefix, suffix
        return released

    def reset(self) -> tuple[str, ...]:
        """Forget any partial scan; returns the held keys (to be let through)."""
        held, self._held, self._in_scan = tuple(self._held), [], False
        return held

    def flush(self, now: float | None = None) -> Step:
        """Give held keys back once they are stale (call from a timer)."""
        now = self.clock() if now is None else now
        deadline = self.deadline()
        if deadline is not None and now > deadline:
            return Step(release=self.reset())
        return Step()

    # -- keys ------------------------------------------------------------------------------------
    def feed(self, text: str, now: float | None = None) -> Step:
        now = self.clock() if now is None else now
        if self.prefix:
            return self._feed_prefix(text, now)
        return self._feed_timing(text, now)

    def _terminators(self) -> tuple[str, ...]:
        return TERMINATORS + ((self.suffix,) if len(self.suffix) == 1 and self.suffix not in TERMINATORS else ())

    def _feed_timing(self, text: str, now: float) -> Step:
        release: tuple[str, ...] = ()
        if self._held and now - self._last > self.max_gap:
            release = self.reset()
        if text in self._terminators():
            if len("".join(self._held)) >= self.min_length:
                raw = "".join(self.reset())
                return Step(release, consume=True, scan=parse_scan(raw))
            return Step(release + self.reset(), consume=False)
        if not _is_data(text) or len(self._held) >= self.max_length:
            return Step(release + self.reset(), consume=False)
        self._held.append(text)
        self._last = now
        return Step(release, consume=True)

    def _feed_prefix(self, text: str, now: float) -> Step:
        release: tuple[str, ...] = ()
        if self._held and now - self._last > self.scan_timeout:
            release = self.reset()
        if not self._in_scan:
            candidate = "".join(self._held) + text
            if not self.prefix.startswith(candidate):
                release += self.reset()
                candidate = text
                if not self.prefix.startswith(candidate):
                    return Step(release, consume=False)
            self._held.append(text)
            self._last = now
            self._in_scan = candidate == self.prefix
            return Step(release, consume=True)
        self._held.append(text)
        self._last = now
        body = "".join(self._held)[len(self.prefix):]
        end = None
        if self.suffix and body.endswith(self.suffix):
            end = len(body) - len(self.suffix)
        elif not self.suffix and text in TERMINATORS:
            end = len(body) - len(text)
        if end is not None:
            self.reset()
            data = body[:end]
            return Step(release, consume=True, scan=parse_scan(data) if data else None)
        if len(self._held) > self.max_length:  # no suffix coming: give it all back as typing
            self._held.pop()
            return Step(release + self.reset(), consume=False)
        return Step(release, consume=True)
