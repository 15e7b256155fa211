"""Unexpected errors and the log.

- :class:`CrashReporter`: ``sys.excepthook`` and ``threading.excepthook`` → a signal (queued to
  the GUI thread) → one :class:`CrashDialog` with the details and a copy button. The same crash
  again only counts up (Electrum's de-duplicating hook; Vorta's exception dialog).
- :func:`setup_logging`: a rotating log file in the user data directory.
"""
from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


# -- logging -----------------------------------------------------------------------------------
def setup_logging(directory: Path, level: int = logging.INFO) -> Path:
    """A rotating log file (1 MB × 5) in ``directory``; returns its path. Idempotent."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "wms-desktop.log"
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


# -- crash reporting ---------------------------------------------------------------------------
def _signature(exc_type: type, tb: TracebackType | None) -> tuple:
    frames = traceback.extract_tb(tb) if tb is not None else []
    return (exc_type.__qualname__, tuple((f.filename, f.lineno) for f in frames))


def environment_summary() -> str:
    try:
        from importlib.metadata import version

        app_version = version("wms-desktop")
    except Exception:
        app_version = "?"
    return (f"wms-desktop {app_version}; Python {platform.python_version()}; Qt {qVersion()}; "
            f"{platform.platform()}")


class CrashReporter(QObject):
    """Turns uncaught exceptions (any thread) into one crash dialog on the GUI thread."""

    crashed = Signal(str, str)  # (one-line summary, full details)

    def __init__(self, parent: QObject | None = None, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self._seen: dict[tuple, int] = {}
        self._previous_hooks = None
        self.dialog: CrashDialog | None = None
        self.show_dialog = show_dialog
        self.crashed.connect(self._on_crashed)

    def install(self) -> None:
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.report
        threading.excepthook = lambda args: self.report(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks
            self._previous_hooks = None

    def report(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        """Safe from any thread: logs, then signals the GUI thread (queued when off it)."""
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception\n%s", details)
        signature = _signature(exc_type, tb)
        self._seen[signature] = self._seen.get(signature, 0) + 1
        if self._seen[signature] > 1:
            log.info("same crash again (%d times); not shown again", self._seen[signature])
            return
        summary = f"{exc_type.__name__}: {exc}"
        self.crashed.emit(summary, f"{details}\n{environment_summary()}")

    def count(self, exc_type: type, tb: TracebackType | None) -> int:
        return self._seen.get(_signature(exc_type, tb), 0)

    @Slot(str, str)
    def _on_crashed(self, summary: str, details: str) -> None:
        if not self.show_dialog:
            return
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.add(summary, details)
            return
        self.dialog = CrashDialog(summary, details)
        self.dialog.show()
        self.dialog.raise_()


_reporter: CrashReporter | None = None


def crash_reporter() -> CrashReporter | None:
    return _reporter if _reporter is not None and shiboken6.isValid(_reporter) else None


def install_crash_reporter(parent: QObject | None = None) -> CrashReporter:
    global _reporter
    if crash_reporter() is None:
        _reporter = CrashReporter(parent)
    if _reporter._previous_hooks is None:
        _reporter.install()
    return _reporter


class CrashDialog(QDialog):
    """What went wrong, the traceback, and a button that copies it for a support ticket."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrashDialog")
        self._details = details
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Unexpected error"))
        self.heading.setText(self.tr("Something went wrong that the app did not expect. Your last action "
                                     "may not have been saved. Please copy the details below and send them "
                                     "to support."))
        self.copy_button.setText(self.tr("&Copy details"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def details(self) -> str:
        return self._details

    def add(self, summary: str, details: str) -> None:
        self._details += f"\n\n---\n{details}"
        self.text.setPlainText(self._details)
        self.summary.setText(f"{self.summary.text()}\n{summary}")

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self._details)
        self.copy_button.setText(self.tr("Copied"))


