"""The keyboard-wedge decoder: tells a scanner's key stream from a person typing.

A state machine fed every key event: :meth:`WedgeDecoder.press` and :meth:`WedgeDecoder.release`
with the key's text (``QKeyEvent.text()``), its identity, whether it is a modifier, and its time
(the event's own timestamp where there is one, so a busy GUI thread neither joins a person's
keys into a burst nor splits a scanner's). It never types anything itself: each call returns
a :class:`Step` that says which *held* keys to let through now (their ``payload``, given at
press, oldest first) and whether this key is held back (swallowed for now). Once a scan
completes, the keys that made it are dropped and the :class:`~.scan.Scan` is returned.

Modifier keys (Shift around capitals, Caps Lock, the Ctrl of a Ctrl+] GS separator) are part of
a scan's stream: they pass through, never end or split a scan, and count as its activity.

Two modes (GUIDE §6: prefix/suffix first, timing as fallback):

- **prefix mode** (a prefix is configured, e.g. STX): the prefix starts a scan, the suffix (or
  Enter/Tab when no suffix is set) ends it. Keys between are held. A scan that stalls for
  ``scan_timeout`` is given back as typing.
- **timing mode** (no prefix): printable keys are held while every event of the stream (press,
  release, modifier) arrives within ``max_gap`` of the one before — USB scanners send one every
  1–5 ms, Bluetooth ones every 20–40 ms. Enter/Tab (or a one-key suffix) after at least
  ``min_length`` of them makes a scan. A person is told apart by how keys are held: a finger
  holds a key 60–150 ms (longer than ``max_gap``, so the stream goes stale) and, typing fast,
  presses the next key before letting go of the last; a scanner taps each key and lets go
  before the next. A held key still down when another is pressed is a person's: typed, not
  part of the scan, even in the middle of a scanner's burst. A slow key, a short burst,
  autorepeat, any other key, or :meth:`flush` after ``max_gap`` of silence gives the held keys
  back as typing — a person's keys reach their field a few tens of milliseconds late, in
  order, and never get lost.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .scan import GS, Scan, parse_scan

TERMINATORS = ("\r", "\n", "\t")


@dataclass(frozen=True)
class Step:
    release: tuple[Any, ...] = ()  # payloads of held keys to let through now, oldest first, before this key
    consume: bool = False  # this key is not delivered now (held, or eaten as part of a scan)
    scan: Scan | None = None  # a completed scan: every held key that is not a person's was part of it


@dataclass
class _Held:
    text: str
    key: Any  # pairs the press with its release
    payload: Any
    down: bool = True  # pressed, not released yet
    typed: bool = False  # a person's: still down when another key was pressed


def _is_data(text: str) -> bool:
    return bool(text) and all(ch == GS or ch.isprintable() for ch in text)


class WedgeDecoder:
    def __init__(self, prefix: str = "", suffix: str = "\r", *, max_gap: float = 0.050, min_length: int = 4,
                 scan_timeout: float = 0.5, max_length: int = 512,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.prefix = prefix
        self.suffix = suffix
        self.max_gap = max_gap
        self.min_length = min_length
        self.scan_timeout = scan_timeout
        self.max_length = max_length
        self.clock = clock
        self._held: list[_Held] = []
        self._last = 0.0
        self._in_scan = False  # prefix mode: the prefix has been seen

    # -- state -----------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return "prefix" if self.prefix else "timing"

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(h.text for h in self._held)

    def _wait(self) -> float:
        return self.scan_timeout if self.prefix else self.max_gap

    def deadline(self) -> float | None:
        """When :meth:`flush` would give the held keys back (None: nothing held)."""
        return self._last + self._wait() if self._held else None

    def configure(self, prefix: str, suffix: str) -> tuple[Any, ...]:
        released = self.reset()
        self.prefix, self.suffix = prefix, suffix
        return released

    def reset(self) -> tuple[Any, ...]:
        """Forget any partial scan; returns the held keys' payloads (to be let through)."""
        held, self._held, self._in_scan = self._held, [], False
        return tuple(h.payload for h in held)

    def flush(self, now: float | None = None) -> Step:
        """Give held keys back once they are stale (call from a timer)."""
        now = self.clock() if now is None else now
        deadline = self.deadline()
        if deadline is not None and now > deadline:
            return Step(release=self.reset())
        return Step()

    def _stale(self, now: float) -> tuple[Any, ...]:
        """The held keys, given back, when ``now`` is too long after the stream's last event (or
        before it: a clock that went back is no stream either)."""
        if self._held and not 0 <= now - self._last <= self._wait():
            return self.reset()
        return ()

    # -- keys ------------------------------------------------------------------------------------
    def press(self, text: str, now: float | None = None, *, key: Any = None, modifier: bool = False,
              repeat: bool = False, payload: Any = None) -> Step:
        """A key went down. ``key`` pairs it with its :meth:`release` (default: its text);
        ``payload`` is what :attr:`Step.release` hands back for it (default: its text)."""
        now = self.clock() if now is None else now
        release = self._stale(now)
        if modifier:
            if self._held:
                self._last = now
            return Step(release)
        held = _Held(text, text if key is None else key, text if payload is None else payload)
        if repeat:  # only a finger holds a key long enough to repeat
            return Step(release + self.reset())
        if self.prefix:
            return self._press_prefix(held, release, now)
        return self._press_timing(held, release, now)

    def release(self, key: Any, now: float | None = None, *, modifier: bool = False) -> Step:
        """A key came up: part of the stream's timing (a finger holding a key lets it go late)."""
        now = self.clock() if now is None else now
        release = self._stale(now)
        ours = [h for h in self._held if h.down and h.key == key]
        for h in ours:
            h.down = False
        if ours or (modifier and self._held):
            self._last = now
        return Step(release)

    def _terminators(self) -> tuple[str, ...]:
        return TERMINATORS + ((self.suffix,) if len(self.suffix) == 1 and self.suffix not in TERMINATORS else ())

    def _press_timing(self, held: _Held, release: tuple[Any, ...], now: float) -> Step:
        for earlier in self._held:
            if earlier.down:  # held down while this one went down: a finger's
                earlier.typed = True
        if held.text in self._terminators():
            scanned = [h for h in self._held if not h.typed]
            raw = "".join(h.text for h in scanned)
            if len(raw) >= self.min_length:
                typed = tuple(h.payload for h in self._held if h.typed)
                self.reset()
                return Step(release + typed, consume=True, scan=parse_scan(raw))
            return Step(release + self.reset(), consume=False)
        if not _is_data(held.text) or len(self._held) >= self.max_length:
            return Step(release + self.reset(), consume=False)
        self._held.append(held)
        self._last = now
        return Step(release, consume=True)

    def _press_prefix(self, held: _Held, release: tuple[Any, ...], now: float) -> Step:
        if not self._in_scan:
            candidate = "".join(self.held) + held.text
            if not self.prefix.startswith(candidate):
                release += self.reset()
                candidate = held.text
                if not self.prefix.startswith(candidate):
                    return Step(release, consume=False)
            self._held.append(held)
            self._last = now
            self._in_scan = candidate == self.prefix
            return Step(release, consume=True)
        self._held.append(held)
        self._last = now
        body = "".join(self.held)[len(self.prefix):]
        end = None
        if self.suffix and body.endswith(self.suffix):
            end = len(body) - len(self.suffix)
        elif not self.suffix and held.text in TERMINATORS:
            end = len(body) - len(held.text)
        if end is not None:
            self.reset()
            data = body[:end]
            return Step(release, consume=True, scan=parse_scan(data) if data else None)
        if len(self._held) > self.max_length:  # no suffix coming: give it all back as typing
            self._held.pop()
            return Step(release + self.reset(), consume=False)
        return Step(release, consume=True)
