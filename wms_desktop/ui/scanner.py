"""Barcode scanners in the GUI: the app-wide key filter, the lookup that decides what a scan
is, and the router that hands it to whoever should get it (GUIDE §6).

- :class:`ScannerFilter` is installed on the ``QApplication``. It feeds every key event (its
  ``event.text()``, press and release, modifiers too) to a
  :class:`~wms_desktop.devices.scanner.WedgeDecoder`, in every window and field; keys the decoder
  holds are swallowed, keys it gives back are re-sent in order to the widget they were meant
  for, and a completed scan is emitted as ``scanned(Scan, widget)`` — its keys never type into
  a field, whichever had the focus.
- :func:`identify_scan` (runs on the database pool) decides ``location`` / ``sku`` /
  ``external`` / ``gs1`` / ``unknown`` with one ``services.lookup.identify`` (one round trip).
- :class:`ScanRouter` classifies scans one at a time, in the order they were read, then offers
  each to the scan dialog that was active when it was read (first refusal), then to the current
  screen's ``handle_scan(scan) -> bool``; nobody taking it is "unknown code" (red flash + beep).
  A scan read in a window that takes none (settings, editors, sign-in) is refused there.
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QWidget

from ..contract.lookup import Identified, Identify
from ..devices.scanner import Scan, WedgeDecoder
from ..devices.scanner.scan import GS
from ..domain.errors import WmsError
from .ops import HasServices, QueryOp

if TYPE_CHECKING:
    from ..contract.api import ServiceApi


# ---- the key filter --------------------------------------------------------------------------

# keys that only change what other keys type: part of a scan's stream, never its end
MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
                           Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Super_L,
                           Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R, Qt.Key.Key_Mode_switch})


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
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or self._replaying or not self.enabled:
            return False
        if not isinstance(obj, QWidget):
            return False  # the QWindow sees the key before its widget does
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


# ---- what a scan is ----------------------------------------------------------------------------

def identify_scan(services: ServiceApi, scan: Scan) -> Scan:
    """What ``scan`` is (database pool; no Qt): one ``lookup.identify``."""
    gtin = (scan.gs1 or {}).get("gtin") if scan.gs1 is not None else None
    if scan.gs1 is not None and not gtin:
        return scan  # a GS1 label without a GTIN: nothing to look up
    return scan_of(scan, services.lookup.identify(Identify(code=scan.text, gtin=gtin)))


def scan_of(scan: Scan, found: Identified) -> Scan:
    """The scan with what the lookup found. A product code of a product with SKUs stays a
    ``sku`` scan without ``sku_code`` (scan the SKU label); a GS1 label's GTIN keeps ``gs1``."""
    if found.kind == "location":
        return replace(scan, kind="location", location_code=found.location_code, label=found.location_name or None)
    if found.kind == "unknown":
        return scan
    kind = "gs1" if found.by_gtin else "external" if found.kind == "external" else "sku"
    name = found.product_name or found.product_code
    label = f"{name} · {found.sku_color or ''} {found.sku_size or ''}".strip() if found.sku_color or found.sku_size \
        else name
    return replace(scan, kind=kind, product_code=found.product_code, sku_code=found.sku_code, label=label,
                   weight_grams=found.weight_grams)


# ---- feedback ------------------------------------------------------------------------------------

class ScanFlash(QLabel):
    """A short green (accepted) or red (unknown / refused) banner over the top of a window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("scanFlash")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setWordWrap(True)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def flash(self, text: str, accepted: bool, msecs: int = 1200) -> None:
        colour, border = ("#e8f5e9", "#2e7d32") if accepted else ("#ffebee", "#c62828")
        self.setStyleSheet(f"QLabel#scanFlash {{ background: {colour}; color: {border}; border: 2px solid {border};"
                           f" border-radius: 6px; padding: 6px 12px; font-weight: bold; }}")
        self.setText(text)
        parent = self.parentWidget()
        width = min(parent.width() - 24, max(280, self.sizeHint().width() + 24))
        self.setFixedWidth(max(120, width))
        self.adjustSize()
        self.move((parent.width() - self.width()) // 2, 8)
        self.show()
        self.raise_()
        self._timer.start(msecs)


class ScanFeedback(QObject):
    """Accept / reject feedback: a flash on the window that got the scan, a beep on reject."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sound: Callable[[], None] = QApplication.beep

    def _flash(self, window: QWidget | None, text: str, accepted: bool) -> None:
        if window is None or not shiboken6.isValid(window):
            return
        flash = window.findChild(ScanFlash, "scanFlash", Qt.FindChildOption.FindDirectChildrenOnly)
        if flash is None:
            flash = ScanFlash(window)
        flash.flash(text, accepted)

    def accept(self, window: QWidget | None, text: str) -> None:
        self._flash(window, text, True)

    def reject(self, window: QWidget | None, text: str) -> None:
        self._flash(window, text, False)
        self.sound()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(text, 8_000)

    def refuse(self, window: QWidget | None) -> None:
        """A scan read in a window that takes none (settings, an editor, sign-in, a question):
        said there. Its text is not repeated: the keys may have been a password."""
        self.reject(window, QCoreApplication.translate(
            "Scanner", "Scans are not taken in this window. Close it first, then scan again."))


# ---- routing ---------------------------------------------------------------------------------------

class ScanningDialog(QDialog):
    """A dialog that takes scans while it is shown: the router hands it every scan (before the
    current screen) from show until hide or close. Subclasses set ``router`` and implement
    ``handle_scan``."""

    router: "ScanRouter | None" = None

    def handle_scan(self, scan: Scan) -> bool:
        raise NotImplementedError

    def showEvent(self, event) -> None:
        if self.router is not None:
            self.router.register(self)
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        if self.router is not None:
            self.router.unregister(self)
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        if self.router is not None:
            self.router.unregister(self)
        super().closeEvent(event)


class ScanRouter(QObject):
    """Scans in reading order → lookup → active scan dialog, else current screen, else unknown."""

    # classified Scan, where it went: "dialog" | "screen" | "unknown" (nobody took it) | "error" (the lookup
    # failed) | "refused" (read in a window that takes no scans), and who took it
    routed = Signal(object, str, object)

    def __init__(self, context: HasServices, current_screen: Callable[[], Any], window: QWidget | None = None,
                 feedback: ScanFeedback | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current_screen = current_screen
        self.window = window
        self.feedback = feedback or ScanFeedback(self)
        self._dialogs: list[QWidget] = []
        self._queue: deque[tuple[Scan, QWidget | None]] = deque()
        self._busy = False

    # -- dialogs that take scans (they call these on show / hide) ---------------------------
    def register(self, dialog: QWidget) -> None:
        self.unregister(dialog)
        self._dialogs.append(dialog)

    def unregister(self, dialog: QWidget) -> None:
        self._dialogs = [d for d in self._dialogs if d is not dialog and shiboken6.isValid(d)]

    def active_dialog(self) -> QWidget | None:
        for dialog in reversed(self._dialogs):
            if shiboken6.isValid(dialog) and dialog.isVisible():
                return dialog
        return None

    @property
    def idle(self) -> bool:
        return not self._queue and not self._busy

    # -- scans -------------------------------------------------------------------------------
    @Slot(object)
    def submit(self, scan: Scan) -> None:
        self._queue.append((scan, self.active_dialog()))  # the dialog open when it was read
        self._next()

    def refuse(self, scan: Scan, window: QWidget | None) -> None:
        """A scan read in a window that takes none: typed nowhere, said there."""
        self.feedback.refuse(window)
        self.routed.emit(scan, "refused", None)

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        self._busy = True
        scan = self._queue[0][0]
        QueryOp(self.context, parent=self, op=lambda s: identify_scan(s, scan), success=self._classified) \
            .failure(self._failed).run_in_background()

    def _classified(self, scan: Scan) -> None:
        _, dialog = self._queue.popleft()
        self._busy = False
        try:
            self._deliver(scan, dialog)
        finally:
            self._next()

    def _failed(self, error: WmsError) -> None:
        scan, dialog = self._queue.popleft()
        self._busy = False
        from .errors import error_text

        self.feedback.reject(self._window_for(dialog), error_text(error))
        self.routed.emit(scan, "error", None)
        self._next()

    def _window_for(self, dialog: QWidget | None) -> QWidget | None:
        return dialog if dialog is not None and shiboken6.isValid(dialog) else self.window

    def _deliver(self, scan: Scan, dialog: QWidget | None) -> None:
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible() and dialog.handle_scan(scan):
            self.feedback.accept(dialog, describe(scan))
            self.routed.emit(scan, "dialog", dialog)
            return
        screen = self.current_screen()
        handler = getattr(screen, "handle_scan", None)
        if callable(handler) and handler(scan):
            self.feedback.accept(self.window, describe(scan))
            self.routed.emit(scan, "screen", screen)
            return
        if scan.kind == "unknown":
            text = QCoreApplication.translate("Scanner", "Unknown code: %1").replace("%1", scan.text)
        else:  # known, but nothing here takes it
            text = QCoreApplication.translate("Scanner", "%1 is not used here").replace("%1", describe(scan))
        self.feedback.reject(self._window_for(dialog), text)
        self.routed.emit(scan, "unknown", None)


def describe(scan: Scan) -> str:
    if scan.kind == "location":
        return QCoreApplication.translate("Scanner", "Location %1").replace("%1", scan.location_code or scan.text)
    if scan.sku_code or scan.product_code:
        return scan.sku_code or scan.product_code or scan.text
    return scan.text


