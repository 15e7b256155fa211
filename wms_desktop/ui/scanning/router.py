r"""Scans to whoever should get them: :class:`ScanRouter` identifies scans one at a time, in the
order they were read, then offers each to the scan dialog that was active when it was read
(first refusal), then to the current screen's ``handle_scan(scan) -> bool``, then — a document
number — to the session its type opens (``open_documents_with``: an ASN's receiving session,
…), from anywhere in the app; nobody taking it is "unknown code" (red flash + beep); a known
code nobody takes is "not used here". A scan read in a window that takes none (settings,
editors, sign-in) is refused there. Dialogs that take scans are :class:`ScanningDialog`\ s."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from ...devices.scanner import Scan
from ...devices.sound import TonePlayer
from ...domain.errors import WmsError
from ..ops import HasServices, QueryOp
from .identify import identify_scan

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
        assert parent is not None  # a flash sits on its window
        width = min(parent.width() - 24, max(280, self.sizeHint().width() + 24))
        self.setFixedWidth(max(120, width))
        self.adjustSize()
        self.move((parent.width() - self.width()) // 2, 8)
        self.show()
        self.raise_()
        self._timer.start(msecs)


class ScanFeedback(QObject):
    """Accept / reject feedback on every scan: a flash on the window that got it, and a sound —
    ``accept_sound`` and ``sound`` (reject), silent and the system bell until :meth:`use_tones`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sound: Callable[[], None] = QApplication.beep
        self.accept_sound: Callable[[], None] = lambda: None

    def use_tones(self, player: TonePlayer) -> None:
        """A blip for taken, a buzz for refused (the bell where no player can play it)."""
        def accepted() -> None:
            player.play("accept")

        def refused() -> None:
            if not player.play("reject"):
                QApplication.beep()

        self.accept_sound, self.sound = accepted, refused

    def _flash(self, window: QWidget | None, text: str, accepted: bool) -> None:
        if window is None or not shiboken6.isValid(window):
            return
        flash = window.findChild(ScanFlash, "scanFlash", Qt.FindChildOption.FindDirectChildrenOnly)
        if flash is None:
            flash = ScanFlash(window)
        flash.flash(text, accepted)

    def accept(self, window: QWidget | None, text: str) -> None:
        self._flash(window, text, True)
        self.accept_sound()

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

    router: ScanRouter | None = None

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

    # classified Scan, where it went: "dialog" | "screen" | "session" (a document's, opened for it) | "unknown"
    # (nobody took it) | "error" (the lookup failed) | "refused" (read in a window that takes no scans), and
    # who took it
    routed = Signal(object, str, object)

    def __init__(self, context: HasServices, current_screen: Callable[[], Any], window: QWidget | None = None,
                 feedback: ScanFeedback | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current_screen = current_screen
        self.window = window
        self.feedback = feedback or ScanFeedback(self)
        self._dialogs: list[ScanningDialog] = []
        self._queue: deque[tuple[Scan, ScanningDialog | None]] = deque()
        self._busy = False
        self._document_sessions: dict[str, Callable[[Scan], bool]] = {}

    def open_documents_with(self, document_type: str, opener: Callable[[Scan], bool]) -> None:
        """A scanned number of a ``document_type`` document that no open dialog and not the
        current screen took goes to ``opener`` (which opens its session; False: it did not)."""
        self._document_sessions[document_type] = opener

    # -- dialogs that take scans (they call these on show / hide) ---------------------------
    def register(self, dialog: ScanningDialog) -> None:
        self.unregister(dialog)
        self._dialogs.append(dialog)

    def unregister(self, dialog: ScanningDialog) -> None:
        self._dialogs = [d for d in self._dialogs if d is not dialog and shiboken6.isValid(d)]

    def active_dialog(self) -> ScanningDialog | None:
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
        from ..errors.messages import error_text

        self.feedback.reject(self._window_for(dialog), error_text(error))
        self.routed.emit(scan, "error", None)
        self._next()

    def _window_for(self, dialog: QWidget | None) -> QWidget | None:
        return dialog if dialog is not None and shiboken6.isValid(dialog) else self.window

    def _deliver(self, scan: Scan, dialog: ScanningDialog | None) -> None:
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
        opener = self._document_sessions.get(scan.document_type or "") if scan.kind == "document" else None
        if opener is not None and opener(scan):
            self.feedback.accept(self.window, describe(scan))
            self.routed.emit(scan, "session", opener)
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
    if scan.kind == "document":
        from ..errors.messages import document_type_text

        return f"{document_type_text(scan.document_type or '')} {scan.text}"
    if scan.sku_code or scan.product_code:
        return scan.sku_code or scan.product_code or scan.text
    return scan.text


