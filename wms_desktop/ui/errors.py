"""Errors as the user sees them.

- :func:`error_text`: a :class:`WmsError` in the user's language, by ``error_code``, with the
  code appended (``库位不存在 [LOCATION_NOT_FOUND 13001]``) so support can find it.
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
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ..domain.errors import WmsError
from .printing_errors import printing_error_messages

log = logging.getLogger(__name__)


def error_messages() -> dict[str, str]:
    """error_code -> user text in the current language, for every code of the catalogue in
    ``wms_desktop/domain/errors.py`` (a test keeps the two in step)."""
    return {
        "INVALID_PARAMETERS": QCoreApplication.translate("ErrorCodes", "Invalid input"),
        "INVALID_PRODUCT_CODE": QCoreApplication.translate("ErrorCodes", "Invalid product code"),
        "INVALID_SKU_CODE": QCoreApplication.translate("ErrorCodes", "Invalid SKU code"),
        "PRODUCT_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Product not found"),
        "SKU_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "SKU not found"),
        "LOCATION_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Location not found"),
        "WAREHOUSE_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Warehouse not found"),
        "EXTERNAL_CODE_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Barcode not found"),
        "PRODUCT_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This product code already exists"),
        "SKU_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This SKU code already exists"),
        "EXTERNAL_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This barcode is already in use"),
        "LOCATION_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This location code already exists in this warehouse"),
        "WAREHOUSE_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This warehouse code already exists"),
        "INSUFFICIENT_STOCK": QCoreApplication.translate("ErrorCodes", "Not enough stock at this location"),
        "OPERATION_NOT_ALLOWED": QCoreApplication.translate("ErrorCodes", "This operation is not allowed"),
        "LOCK_TIMEOUT": QCoreApplication.translate("ErrorCodes", "Another workstation is working on this stock; please try again"),
        "DATABASE_UNAVAILABLE": QCoreApplication.translate("ErrorCodes", "The database cannot be reached"),
        "SCHEMA_MISMATCH": QCoreApplication.translate("ErrorCodes", "The database does not match this version of the app"),
        "INVALID_CREDENTIALS": QCoreApplication.translate("ErrorCodes", "Wrong user name or password"),
        "USER_INACTIVE": QCoreApplication.translate("ErrorCodes", "This user has been deactivated"),
        "USER_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "User not found"),
        "USER_NAME_EXISTS": QCoreApplication.translate("ErrorCodes", "This user name is already taken"),
        "OLD_PASSWORD_INCORRECT": QCoreApplication.translate("ErrorCodes", "The old password is not correct"),
        "PERMISSION_DENIED": QCoreApplication.translate("ErrorCodes", "Your role does not allow this"),
        **printing_error_messages(),
    }


def _reason_texts() -> dict[str, str]:
    return {
        "product_has_stock": QCoreApplication.translate("ErrorCodes", "the product still has stock"),
        "location_in_use": QCoreApplication.translate("ErrorCodes", "the location has stock or history"),
        "location_inactive": QCoreApplication.translate("ErrorCodes", "the location is inactive"),
        "unassigned_location_is_permanent": QCoreApplication.translate("ErrorCodes", "the unassigned location cannot be removed"),
        "immutable_field": QCoreApplication.translate("ErrorCodes", "this field cannot be changed"),
        "product_without_skus": QCoreApplication.translate("ErrorCodes", "the product has no SKUs"),
        "sku_has_stock": QCoreApplication.translate("ErrorCodes", "the SKU still has stock"),
        "last_sku": QCoreApplication.translate("ErrorCodes", "a product keeps at least one SKU"),
    }


def _permission_names() -> dict[str, str]:
    """Who may do what a role was refused (wms_desktop.domain.permissions)."""
    return {
        "move_stock": QCoreApplication.translate("ErrorCodes", "receiving, shipping and transfers need a clerk account"),
        "correct_stock": QCoreApplication.translate("ErrorCodes", "stock counts and adjustments need a supervisor"),
        "edit_catalog": QCoreApplication.translate("ErrorCodes", "editing products needs a supervisor"),
        "edit_locations": QCoreApplication.translate("ErrorCodes", "editing locations needs a supervisor"),
        "manage_users": QCoreApplication.translate("ErrorCodes", "managing users needs an administrator"),
    }


def _field_names() -> dict[str, str]:
    return {
        "user_name": QCoreApplication.translate("ErrorCodes", "user name"),
        "password": QCoreApplication.translate("ErrorCodes", "password"),
        "display_name": QCoreApplication.translate("ErrorCodes", "display name"),
        "weight_grams": QCoreApplication.translate("ErrorCodes", "unit weight"),
    }


def error_text(error: WmsError, with_code: bool = True) -> str:
    """One line for a status bar or an inline label."""
    text = error_messages().get(error.error_code, error.message)
    details = error.details or {}
    extra = []
    if error.error_code == "INSUFFICIENT_STOCK" and "available_quantity" in details:
        extra.append(QCoreApplication.translate("ErrorCodes", "available: %1, requested: %2")
                     .replace("%1", str(details.get("available_quantity")))
                     .replace("%2", str(details.get("requested_quantity", "?"))))
    if error.error_code == "PERMISSION_DENIED" and details.get("permission") in _permission_names():
        extra.append(_permission_names()[details["permission"]])
    if details.get("reason") in _reason_texts():
        extra.append(_reason_texts()[details["reason"]])
    if details.get("field"):
        field = str(details["field"])
        extra.append(QCoreApplication.translate("ErrorCodes", "field: %1").replace("%1", _field_names().get(field, field)))
    if details.get("min_length"):
        extra.append(QCoreApplication.translate("ErrorCodes", "at least %1 characters")
                     .replace("%1", str(details["min_length"])))
    if extra:
        text = f"{text} ({'; '.join(extra)})"
    return f"{text} {code_tag(error)}" if with_code else text


def code_tag(error: WmsError) -> str:
    """How every message names its code: "[OPERATION_NOT_ALLOWED]", "[SKU_NOT_FOUND 13001]"."""
    return f"[{error.error_code} {error.code}]" if error.code else f"[{error.error_code}]"


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
    except Exception:  # noqa: BLE001 - not installed (frozen build without metadata)
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


def schema_mismatch_texts(error: WmsError) -> tuple[str, str, str]:
    """(title, what to do, details) for the refusal of ``check_schema``."""
    details = error.details or {}
    state = details.get("state")
    if state == "empty":
        text = QCoreApplication.translate("SchemaMismatch", "The database has no wms-desktop tables yet. An administrator must run "
                  "“wms-desktop db upgrade” once before this workstation can use it.")
    elif state == "older":
        text = QCoreApplication.translate("SchemaMismatch", "The database is older than this version of the app. An administrator must run "
                  "“wms-desktop db upgrade” (after a backup).")
    elif state == "newer":
        text = QCoreApplication.translate("SchemaMismatch", "The database is newer than this version of the app. Install the newer "
                  "wms-desktop on this computer.")
    else:
        text = error_text(error, with_code=False)
    info = (QCoreApplication.translate("SchemaMismatch", "Database: %1\nDatabase version: %2\nVersion this app needs: %3")
            .replace("%1", str(details.get("database", "?")))
            .replace("%2", str(details.get("database_revision") or QCoreApplication.translate("SchemaMismatch", "none")))
            .replace("%3", str(details.get("supported_revision", "?"))))
    return QCoreApplication.translate("SchemaMismatch", "Database version mismatch"), text, f"{info}\n[{error.error_code}]"


def schema_mismatch_box(error: WmsError, parent: QWidget | None = None):
    from PySide6.QtWidgets import QMessageBox

    title, text, info = schema_mismatch_texts(error)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("SchemaMismatchBox")
    box.setInformativeText(info)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box
