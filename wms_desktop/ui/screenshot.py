"""Render every main screen and dialog to PNG files, in each language (``--screenshot DIR``).

Runs with any Qt platform, including ``QT_QPA_PLATFORM=offscreen``. Files are named
``<lang>/<NN>-<what>.png``; :func:`render_all` returns their paths.
"""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from ..domain.errors import CATALOGUE, WmsError
from .errors import CrashDialog, environment_summary, schema_mismatch_box
from .i18n import LANGUAGES
from .login import FirstAdminDialog, LoginDialog
from .main_window import MainWindow
from .session import AppContext, Session
from .settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

SAMPLE_USER = Session(user_id=1, user_name="admin", display_name="Administrator", role="admin")


def _sample_traceback() -> tuple[str, str]:
    def post_inbound(quantity):
        return {"stock_quantity": quantity}["current_quantity"]

    try:
        post_inbound(8)
    except KeyError:
        exc_type, exc, tb = sys.exc_info()
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        return f"{exc_type.__name__}: {exc}", f"{details}\n{environment_summary()}"
    raise AssertionError("unreachable")


def _sample_schema_error() -> WmsError:
    return WmsError("SCHEMA_MISMATCH", "schema is older",
                    {"state": "older", "database_revision": "0003", "supported_revision": "0007",
                     "database": "postgresql+psycopg://wms@db-host:5432/wms"})


class _NoAuth:
    """The dialogs only call auth when submitted; screenshots never submit."""

    def __getattr__(self, name):  # pragma: no cover - would be a bug in the screenshot run
        raise RuntimeError("screenshots do not log in")


def _grab(widget: QWidget, path: Path, fit: bool = True) -> Path:
    widget.show()
    QApplication.processEvents()
    if fit:  # after show: word-wrapped labels know their width only once the layout is active
        widget.adjustSize()
    for _ in range(3):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    log.info("screenshot %s", path)
    return path


def _settle(context: AppContext) -> None:
    """Let background queries finish and their results arrive, so a screen shows its data."""
    for _ in range(20):
        context.runner.wait_for_done()
        QApplication.processEvents()
        if not context.runner.busy:
            return


def render_all(context: AppContext, directory: Path) -> list[Path]:
    translator = context.translator
    directory = Path(directory)
    paths: list[Path] = []
    auth = getattr(context.services, "auth", None) or _NoAuth()
    previous_session = context.session
    context.session = SAMPLE_USER
    try:
        for language in LANGUAGES:
            if translator is not None:
                translator.set_language(language)
            out = directory / language

            login = LoginDialog(auth, context.runner)
            paths.append(_grab(login, out / "01-login.png"))
            login.user_name.setText("li.wei")
            login.password.setText("secret")
            error = WmsError("INVALID_CREDENTIALS") if "INVALID_CREDENTIALS" in CATALOGUE else \
                WmsError("INVALID_PARAMETERS", details={"field": "password"})
            login.show_wms_error(error)
            paths.append(_grab(login, out / "02-login-error.png"))
            login.close()
            login.deleteLater()

            first = FirstAdminDialog(auth, context.runner)
            first.user_name.setText("admin")
            first.password.setText("secret-1")
            first.repeat.setText("secret-2")
            first.submit()  # refused inline before any call: the passwords differ
            paths.append(_grab(first, out / "03-first-admin.png"))
            first.close()
            first.deleteLater()

            settings = SettingsDialog(context.settings)
            paths.append(_grab(settings, out / "04-settings.png"))
            settings.close()
            settings.deleteLater()

            summary, details = _sample_traceback()
            crash = CrashDialog(summary, details)
            paths.append(_grab(crash, out / "05-crash.png", fit=False))
            crash.close()
            crash.deleteLater()

            box = schema_mismatch_box(_sample_schema_error())
            paths.append(_grab(box, out / "06-schema-mismatch.png"))
            box.close()
            box.deleteLater()

            window = MainWindow(context)
            window.resize(1200, 720)
            window.status.set_state("scanner", "connected")
            window.status.set_state("scale", "disconnected")
            window.status.set_state("printer", "off")
            for index, screen in enumerate(window.screens):
                window.show_screen(index)
                _settle(context)
                paths.append(_grab(window, out / f"{10 + index:02d}-main-{screen.key}.png", fit=False))
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
        context.runner.wait_for_done()
    finally:
        context.session = previous_session
    return paths
