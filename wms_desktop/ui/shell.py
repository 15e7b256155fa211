"""The order of things after the database is known to be usable:

    (embedded database with an empty catalogue → offer demo data)
    → no users yet? create the first administrator
    → log in → main window → (log out → log in again) / quit

Every database call runs through the op runner; the shell only chains the callbacks. The
application does not quit when the last window closes (the login dialog closes before the main
window opens): :attr:`Shell.quit_requested` is the one way out.
"""
from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ..contract.api import ServiceApi
from ..contract.catalog import ListProducts
from ..domain.errors import WmsError
from .dialogs.login import FirstAdminDialog, LoginDialog
from .errors.messages import error_text
from .main_window import MainWindow
from .ops import QueryOp
from .scanning import ScanFeedback, ScannerFilter
from .session import AppContext, Session

log = logging.getLogger(__name__)
T = TypeVar("T")


class Shell(QObject):
    quit_requested = Signal(int)  # exit code

    def __init__(self, context: AppContext, offer_demo: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services  # as nobody: sign-in, first admin; each session gets its own view
        self.offer_demo = offer_demo
        self.dialog: LoginDialog | FirstAdminDialog | None = None
        self.window: MainWindow | None = None
        self._logging_out = False
        self._last_user = ""
        # signed out, scans go nowhere: not into the user name, not into the password (and their
        # Enter does not sign in); the main window has a scanner of its own
        self.scanner = ScannerFilter(parent=self)
        self.scan_feedback = ScanFeedback(self)
        self.scanner.scanned.connect(lambda _scan, widget: self.scan_feedback.refuse(widget.window()))

    def _op(self, op: Callable[[ServiceApi], T], success: Callable[[T], None], key: str) -> None:
        QueryOp(self.context, parent=self, op=op, success=success, key=key).failure(self._fatal).run_in_background()

    def _fatal(self, error: WmsError) -> None:
        log.error("startup failed: %s", error)
        QMessageBox.critical(None, self.tr("wms-desktop cannot start"), error_text(error))
        self.quit_requested.emit(1)

    # -- steps -----------------------------------------------------------------------------------
    def start(self) -> None:
        if self.offer_demo and self.context.embedded and self.context.seed_demo is not None:
            self._op(lambda s: s.catalog.list_products(ListProducts(page_size=1)).pagination.total == 0,
                     self._catalogue_checked, "catalogue")
        else:
            self.check_users()

    def _catalogue_checked(self, empty: bool) -> None:
        seed = self.context.seed_demo
        if empty and seed is not None and self.ask_demo():
            progress = QProgressDialog(self.tr("Loading demo data…"), "", 0, 0)
            progress.setCancelButton(None)
            progress.setWindowModality(Qt.WindowModality.ApplicationModal)
            progress.setMinimumDuration(0)
            progress.show()
            self._progress = progress

            def done(_result) -> None:
                progress.close()
                self.check_users()

            self._op(lambda _s: seed(), done, "demo")
        else:
            self.check_users()

    def ask_demo(self) -> bool:
        answer = QMessageBox.question(
            None, self.tr("Demo data"),
            self.tr("This workstation's own database has no products yet. Fill it with demo data "
                    "(apparel, locations and stock) to try the app?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def check_users(self) -> None:
        self._op(lambda s: s.auth.has_users(), self._users_checked, "has-users")

    def _users_checked(self, has_users: bool) -> None:
        if has_users:
            self.show_login()
        else:
            self.show_first_admin()

    def show_first_admin(self) -> None:
        dialog = FirstAdminDialog(self.context)
        dialog.created.connect(self.show_login)
        dialog.rejected.connect(lambda: self.quit_requested.emit(0))
        self._show_dialog(dialog)

    @Slot(str)
    def show_login(self, user_name: str = "") -> None:
        dialog = LoginDialog(self.context, user_name=user_name or self._last_user)
        dialog.logged_in.connect(self.open_main)
        dialog.rejected.connect(lambda: self.quit_requested.emit(0))
        self._show_dialog(dialog)

    def _show_dialog(self, dialog) -> None:
        settings = self.context.settings
        self.scanner.configure(settings.scanner_prefix, settings.scanner_suffix)
        self.scanner.install()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    @Slot(object)
    def open_main(self, session: Session) -> None:
        log.info("user %s logged in", session.user_name)
        self.scanner.uninstall()
        self.context.session = session
        self.context.services = self.services.acting_as(session.user_name, session.role, session.held)
        self._last_user = session.user_name
        window = MainWindow(self.context)
        window.logout_requested.connect(self.logout)
        window.quit_requested.connect(window.close)
        window.installEventFilter(self)
        self.window = window
        window.show()
        # What is alive now (Qt wrappers, modules, the window) lives for the session: a full
        # garbage collection walking it all took ~100 ms of GUI thread while scrolling.
        gc.freeze()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self._logging_out:
            self.context.runner.wait_for_done(5_000)
            self.quit_requested.emit(0)
        return False

    def dispose(self) -> None:
        """At exit, before the op runner and the database go: delete the windows now, so no
        screen timer or late query of theirs runs against what is being torn down."""
        self.scanner.uninstall()
        for widget in (self.window, self.dialog):
            if widget is not None:
                widget.deleteLater()
        self.window = self.dialog = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    @Slot()
    def logout(self) -> None:
        if self.window is None:
            return
        log.info("user %s logged out", self.context.session.user_name if self.context.session else "?")
        self._logging_out = True
        try:
            self.window.close()
        finally:
            self._logging_out = False
        self.window.deleteLater()
        self.window = None
        gc.unfreeze()  # the session's objects may go now; the next sign-in freezes its own
        self.context.session = None
        self.context.services = self.services
        self.show_login(self._last_user)
