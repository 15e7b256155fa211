"""Key events as devices send them, for the scanner tests (never ``setText``): a press and a
release for every key, Shift as a key of its own around capitals, GS as Ctrl+] or as the 0x1D
character, and every event stamped with its own time on one timeline, so the decoder sees the
gaps a USB scanner (1–5 ms), a Bluetooth one (20–40 ms) or a person (a finger holds a key for
70–140 ms, and typing fast presses the next one before letting go) makes."""
from __future__ import annotations

import random
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

GS = "\x1d"
SHIFTED = '~!@#$%^&*()_+{}|:"<>?'  # typed with Shift on a US layout, as wedge scanners emulate it
PRESS, RELEASE = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
USB, BLUETOOTH = (1, 5), (20, 40)  # ms from one key to the next


@dataclass(frozen=True)
class Key:
    kind: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at: int  # ms on the keyboard's timeline

    def send(self, widget) -> None:
        event = QKeyEvent(self.kind, self.key, self.modifiers, self.text)
        event.setTimestamp(self.at)
        QCoreApplication.sendEvent(widget, event)


def qt_key(ch: str) -> tuple[int, bool]:
    """(Qt key, needs Shift) of a character as a US keyboard types it; 0 for what none does."""
    special = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}
    if ch in special:
        return int(special[ch]), False
    if ch.isascii() and ch.isprintable():
        return ord(ch.upper()), ch.isupper() or ch in SHIFTED
    return 0, False


class Keyboard:
    """One timeline of key events (a USB scanner and a keyboard on one PC share it)."""

    def __init__(self, seed: int = 10) -> None:
        self.now = 5_000_000  # ms, as an X server's clock reads after a while
        self.rng = random.Random(seed)

    def pause(self, ms: int) -> None:
        self.now += ms

    def _between(self, span: tuple[int, int]) -> int:
        return self.rng.randint(*span)

    def tap(self, ch: str, at: int, hold: int, *, shift_gap: int = 0, gs: str = "ctrl") -> list[Key]:
        """One character: its key down at ``at``, up ``hold`` ms later; Shift around it when needed."""
        if ch == GS and gs == "ctrl":
            bracket = int(Qt.Key.Key_BracketRight)
            return [Key(PRESS, Qt.Key.Key_Control, CTRL, "", at), Key(PRESS, bracket, CTRL, GS, at),
                    Key(RELEASE, bracket, CTRL, GS, at + hold), Key(RELEASE, Qt.Key.Key_Control, NONE, "", at + hold)]
        key, shifted = qt_key(ch)
        if not shifted:
            return [Key(PRESS, key, NONE, ch, at), Key(RELEASE, key, NONE, ch, at + hold)]
        return [Key(PRESS, Qt.Key.Key_Shift, SHIFT, "", at - shift_gap), Key(PRESS, key, SHIFT, ch, at),
                Key(RELEASE, key, SHIFT, ch, at + hold), Key(RELEASE, Qt.Key.Key_Shift, NONE, "", at + hold + shift_gap)]

    def scanner(self, text: str, end: str = "\r", gaps: tuple[int, int] = USB, *, gs: str = "ctrl",
                caps_lock: bool = False) -> list[Key]:
        """A wedge scanner reading ``text``: each key tapped (up before the next goes down), the
        next one ``gaps`` ms on; ``caps_lock``: it toggles Caps Lock before and after, as
        scanners do to undo the workstation's."""
        events: list[Key] = []
        at = self.now
        if caps_lock:
            events += [Key(PRESS, Qt.Key.Key_CapsLock, NONE, "", at), Key(RELEASE, Qt.Key.Key_CapsLock, NONE, "", at)]
            at += self._between(gaps)
        for ch in text + end:
            gap = self._between(gaps)
            hold = min(gap - 1, self._between((0, max(1, gap // 3))))  # up well before the next key
            events += self.tap(ch, at, max(hold, 0), gs=gs)
            at += gap
        if caps_lock:
            events += [Key(PRESS, Qt.Key.Key_CapsLock, NONE, "", at), Key(RELEASE, Qt.Key.Key_CapsLock, NONE, "", at)]
        self.now = max(e.at for e in events)
        return events

    def person(self, text: str, gaps: tuple[int, int] = (120, 220), holds: tuple[int, int] = (70, 140)) -> list[Key]:
        """A person typing ``text``: keys held 70–140 ms; with gaps shorter than that the next key
        goes down before the last comes up (rollover), as fast typists do."""
        events: list[Key] = []
        at = self.now
        for ch in text:
            events += self.tap(ch, at, self._between(holds), shift_gap=30)
            at += self._between(gaps)
        events.sort(key=lambda e: e.at)  # stable: a key's own press stays before its release
        self.now = max(e.at for e in events)
        return events


def send(widget, events: list[Key]) -> None:
    for event in events:
        event.send(widget)


def interleave(*streams: list[Key]) -> list[Key]:
    """Two devices typing at once: their events in the order of their times."""
    return sorted((e for stream in streams for e in stream), key=lambda e: e.at)


KEYBOARD = Keyboard()  # the tests' shared timeline: its times only go forward


def scan_keys(widget, text: str, end: str = "\r", gaps: tuple[int, int] = USB) -> None:
    """A scanner reads ``text`` while ``widget`` has the keyboard (after a pause: a clerk aims)."""
    KEYBOARD.pause(300)
    send(widget, KEYBOARD.scanner(text, end, gaps))


def type_keys(widget, text: str) -> None:
    """A person types ``text`` (Enter as ``\\r``) into ``widget``."""
    KEYBOARD.pause(300)
    send(widget, KEYBOARD.person(text))
