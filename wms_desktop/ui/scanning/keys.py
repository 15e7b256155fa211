"""Barcode scanners as keyboard wedges, in the GUI: the app-wide key filter (GUIDE §6).

:class:`ScannerFilter` is installed on the ``QApplication``. It feeds every key event (its
``event.text()``, press and release, modifiers too) to a
:class:`~wms_desktop.devices.scanner.WedgeDecoder`, in every window and field; keys the decoder
holds are swallowed, keys it gives back are re-sent in order to the widget they were meant for,
and a completed scan is emitted as ``scanned(Scan, widget)`` — its keys never type into a
field, whichever had the focus.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ...devices.scanner import WedgeDecoder
from ...devices.scanner.scan import GS

# ---- the key filter --------------------------------------------------------------------------

# keys that only change what other keys type: part of a scan's stream, never its end
MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
                           Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Super_L,
                           Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R, Qt.Key.Key_Mode_switch})


# a widget with this property set takes its keys raw, never decoded (Settings → Scanner test)
RAW_KEYS = "wmsRawKeys"


@dataclass
class _HeldKey:
    receiver: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


def key_text(event: QKeyEvent) -> str:
    """What the key types. Ctrl+] is the GS separator of GS1 codes as scanners send it, also on
    platforms whose text for it is not ``\\x1d`` already."""
    if event.key() == Qt.Key.Key_BracketRight and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return GS
    return event.text()


def disable_input_method(widget: QWidget) -> None:
    """Scan fields: no input method (a Chinese IME swallows wedge keys), Latin hints."""
    widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    widget.setInputMethodHints(widget.inputMethodHints() | Qt.InputMethodHint.ImhLatinOnly
                               | Qt.InputMethodHint.ImhNoPredictiveText
                               | Qt.InputMethodHint.ImhNoAutoUppercase)


def scan_field(name: str, font: QFont, on_enter: Callable[[str], None]) -> QLineEdit:
    """A line edit a scan (or typing) fills: input method off, clear button, and Enter hands
    the field's ``name`` to ``on_enter``."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setFont(font)
    edit.setClearButtonEnabled(True)
    disable_input_method(edit)
    edit.returnPressed.connect(lambda: on_enter(name))
    return edit


class ScannerFilter(QObject):
    """Every key of the application goes through the decoder, in every window and field, so a
    scan never types into anything; whoever listens to ``scanned`` decides where it goes, from
    the widget it was read in."""

    scanned = Signal(object, object)  # Scan, the widget that had the keyboard when it was read

    def __init__(self, decoder: WedgeDecoder | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decoder = decoder or WedgeDecoder()
        self.enabled = True
        self._replaying = False
        self._last_event: tuple | None = None
        self._last_receiver: QWidget | None = None
        self._lag = 0.0  # the decoder's clock minus the last key's time: "now" for the flush timer
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._installed_on: QCoreApplication | None = None

    # -- installing --------------------------------------------------------------------------
    def install(self, app: QCoreApplication | None = None) -> None:
        app = app or QCoreApplication.instance()
        app.installEventFilter(self)
        self._installed_on = app

    def uninstall(self) -> None:
        if self._installed_on is not None and shiboken6.isValid(self._installed_on):
            self._installed_on.removeEventFilter(self)
        self._installed_on = None
        self._replay_all(self.decoder.reset())

    def configure(self, prefix: str, suffix: str) -> None:
        self._replay_all(self.decoder.configure(prefix, suffix))

    # -- keys --------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or self._replaying or not self.enabled:
            return False
        if not isinstance(obj, QWidget):
            return False  # the QWindow sees the key before its widget does
        if obj.property(RAW_KEYS):
            return False  # shown as it came: the scanner test
        if self._is_propagation(obj, event):
            return False
        now = self._event_time(event)
        modifier = event.key() in MODIFIER_KEYS
        if kind == QEvent.Type.KeyRelease:
            step = self.decoder.release(event.key(), now, modifier=modifier)
        else:
            step = self.decoder.press(key_text(event), now, key=event.key(), modifier=modifier,
                                      repeat=event.isAutoRepeat(),
                                      payload=_HeldKey(obj, event.key(), event.modifiers(), event.text()))
        self._replay_all(step.release)
        if step.scan is not None:
            self._timer.stop()
            self.scanned.emit(step.scan, obj)
        elif self.decoder.deadline() is not None:
            self._arm()
        return step.consume

    def _event_time(self, event: QKeyEvent) -> float:
        """The key's own time where the platform stamps it (X server, OS: a busy GUI thread
        does not change the gaps between keys); synthetic events get the decoder's clock."""
        clock = self.decoder.clock()
        stamp = event.timestamp()
        now = stamp / 1000 if stamp else clock
        self._lag = clock - now
        return now

    def _is_propagation(self, obj: QWidget, event: QEvent) -> bool:
        """The same key again, on a parent of the widget that ignored it."""
        signature = (shiboken6.getCppPointer(event)[0], event.type(), event.key(), event.text(), event.modifiers())
        last, receiver = self._last_event, self._last_receiver
        self._last_event, self._last_receiver = signature, obj
        if signature != last or receiver is None or not shiboken6.isValid(receiver):
            return False
        parent = receiver.parentWidget()
        while parent is not None:
            if parent is obj:
                self._last_receiver = receiver
                return True
            parent = parent.parentWidget()
        return False

    def _arm(self) -> None:
        deadline = self.decoder.deadline()
        if deadline is None:
            return
        wait = max(0.0, deadline - (self.decoder.clock() - self._lag))
        self._timer.start(max(5, math.ceil(wait * 1000) + 5))

    @Slot()
    def _flush(self) -> None:
        self._replay_all(self.decoder.flush(self.decoder.clock() - self._lag).release)
        self._arm()

    def _replay_all(self, held: tuple) -> None:
        for key in held:
            self._replay(key)

    def _replay(self, held: _HeldKey) -> None:
        target = held.receiver if shiboken6.isValid(held.receiver) else QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.sendEvent(target, QKeyEvent(kind, held.key, held.modifiers, held.text))
        finally:
            self._replaying = False

    @property
    def holding(self) -> int:
        return len(self.decoder.held)
