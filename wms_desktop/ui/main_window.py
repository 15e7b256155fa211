"""The main window: navigation on the left, one screen at a time, menus, status bar.

Keyboard: F1–F4 and F6… switch screens, F5 refreshes, Ctrl+F goes to the search box, Ctrl+, opens the
settings, Ctrl+Shift+L logs out, Ctrl+Q quits; every menu has a mnemonic (Alt+letter).
"""
from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ..contract.alerts import AlertSummary, CheckExpiry
from ..contract.api import ServiceApi
from ..contract.base import Changes
from ..contract.data import ImportReport
from ..devices.sound import TonePlayer
from ..domain.errors import WmsError
from ..domain.permissions import CORRECT_STOCK, EDIT_CATALOG, EDIT_LOCATIONS, MANAGE_USERS, MOVE_STOCK
from .errors.messages import error_text
from .i18n import LANGUAGES
from .ops import QueryOp
from .scanning import ScanLog, ScannerFilter, ScanningDialog, ScanRouter
from .screens import SCREENS, AlertsScreen, OrdersScreen, Screen
from .session import AppContext
from .status import StatusBar
from .widgets.keyboard import AltKeysTypeNothing
from .workflows.operation_form import OPERATION_FORMS, OperationForm

if TYPE_CHECKING:  # each dialog is imported when first opened: the window starts without them
    from .dialogs.counting import CountSessionDialog
    from .dialogs.import_csv import ImportDialog
    from .dialogs.operations import OperationDialog
    from .dialogs.packing import PackDialog
    from .dialogs.picking import PickDialog
    from .dialogs.receiving import ReceivingDialog
    from .dialogs.returns import ReturnDialog
    from .dialogs.roles import RolesDialog
    from .dialogs.scan_log import ScanLogDialog
    from .dialogs.users import UsersDialog
    from .dialogs.warehouses import WarehousesDialog
    from .dialogs.wave import WaveDialog

GEOMETRY_KEY = "ui/main_window_geometry"
ALERT_BADGE_MS = 60_000  # the badge asks again this often (others' postings raise alerts too)
EXPIRY_CHECK_MS = 3_600_000  # lots are checked at start and hourly


def screen_key(index: int) -> str:
    """F1–F4, then F6 onwards: F5 is Refresh."""
    return f"F{index + 1 if index < 4 else index + 2}"


def app_version() -> str:
    from importlib import metadata  # ~30 ms to import: only the About box asks

    try:
        return metadata.version("wms-desktop")
    except metadata.PackageNotFoundError:
        return "?"


class MainWindow(QMainWindow):
    logout_requested = Signal()
    quit_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.context = context
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 8px 6px; }")
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.nav.setFont(font)
        self.stack = QStackedWidget()
        self.screens: list[Screen] = []
        for cls in SCREENS:
            screen = cls(context)
            screen.changed.connect(lambda changes, s=screen: self.changes_applied(changes, made_on=s))
            screen.navigate.connect(self.navigate_to)
            self.screens.append(screen)
            self.stack.addWidget(screen)
            self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self.show_screen)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.status.set_context(context.session, context.warehouse_code, context.database_label)
        if context.devices is not None:
            self.status.watch_devices(context.devices)
        if context.link is not None:
            self.status.watch_link(context.link)
        self.status.stock_alerts_clicked.connect(lambda: self.navigate_to("alerts", None))
        self.alert_timer = QTimer(self)
        self.alert_timer.setInterval(ALERT_BADGE_MS)
        self.alert_timer.timeout.connect(self.refresh_alert_badge)
        self.expiry_timer = QTimer(self)
        self.expiry_timer.setInterval(EXPIRY_CHECK_MS)
        self.expiry_timer.timeout.connect(self._expiry_check_due)
        self.expiry_due = True  # the lots are checked once the window is first shown, then hourly
        self._build_actions()
        self._install_scanner()
        self.screen_named("receiving").open_requested.connect(self.open_receiving)  # type: ignore[attr-defined]
        self.alt_keys = AltKeysTypeNothing(self)  # an Alt+key whose button is disabled types nothing
        self.alt_keys.install()
        self.retranslate_ui()
        self.nav.setCurrentRow(0)
        if self.has_alerts:
            self.expiry_timer.start()
            alerts = self.screen_named("alerts")
            assert isinstance(alerts, AlertsScreen)
            alerts.counted.connect(self.status.set_stock_alerts)
        geometry = context.settings.qsettings.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 700)

    # -- actions ---------------------------------------------------------------------------------
    def _action(self, slot: Callable[..., object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu("")
        self.settings_action = self._action(self.open_settings, "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.logout_action = self._action(self.logout_requested.emit, "Ctrl+Shift+L")
        self.quit_action = self._action(self.quit_requested.emit, QKeySequence.StandardKey.Quit)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.addAction(self.settings_action)
        self.import_action = self._action(self.open_import)
        self.import_action.setVisible(any(self._may(p) for p in (EDIT_CATALOG, EDIT_LOCATIONS, CORRECT_STOCK)))
        self.file_menu.addAction(self.import_action)
        self.users_action = self._action(self.open_users)
        self.users_action.setVisible(self._may(MANAGE_USERS))
        self.file_menu.addAction(self.users_action)
        self.roles_action = self._action(self.open_roles)
        self.roles_action.setVisible(self._may(MANAGE_USERS))
        self.file_menu.addAction(self.roles_action)
        self.warehouses_action = self._action(self.open_warehouses)
        self.warehouses_action.setVisible(self._may(MANAGE_USERS))
        self.file_menu.addAction(self.warehouses_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.logout_action)
        self.file_menu.addAction(self.quit_action)

        self.go_menu = menu_bar.addMenu("")
        self.screen_actions = []
        for index, _screen in enumerate(self.screens):
            action = self._action(lambda _=False, i=index: self.show_screen(i), screen_key(index))
            action.setCheckable(True)
            self.screen_actions.append(action)
            self.go_menu.addAction(action)
        self.screen_group = QActionGroup(self)
        for action in self.screen_actions:
            self.screen_group.addAction(action)
        self.go_menu.addSeparator()
        self.refresh_action = self._action(lambda: self.current_screen().refresh(), "F5")
        self.search_action = self._action(lambda: self.current_screen().focus_search(), QKeySequence.StandardKey.Find)
        self.go_menu.addAction(self.refresh_action)
        self.go_menu.addAction(self.search_action)

        self.operations_menu = menu_bar.addMenu("")
        self.operation_actions: list[QAction] = []
        for index, form in enumerate(OPERATION_FORMS):
            action = self._action(lambda _=False, f=form: self.open_operation(f), f"Ctrl+{index + 1}")
            action.setEnabled(self._may(form.permission))
            self.operation_actions.append(action)
            self.operations_menu.addAction(action)
        # stock is counted blind on count tasks: where a direct count used to be, the way to them
        self.counts_action = self._action(lambda: self.navigate_to("counts", None), f"Ctrl+{len(OPERATION_FORMS) + 1}")
        self.operations_menu.addAction(self.counts_action)
        self.operation_actions.append(self.counts_action)
        self.operations_menu.addSeparator()
        self.pick_action = self._action(self.open_pick_list, f"Ctrl+{len(OPERATION_FORMS) + 2}")
        self.pick_action.setEnabled(self._may(MOVE_STOCK))
        self.operations_menu.addAction(self.pick_action)
        self.operation_actions.append(self.pick_action)
        self.receiving_action = self._action(self.open_receiving, f"Ctrl+{len(OPERATION_FORMS) + 3}")
        self.receiving_action.setEnabled(self._may(MOVE_STOCK))
        self.operations_menu.addAction(self.receiving_action)
        self.operation_actions.append(self.receiving_action)
        self.pack_action = self._action(self.open_pack_station, f"Ctrl+{len(OPERATION_FORMS) + 4}")
        self.pack_action.setEnabled(self._may(MOVE_STOCK))
        self.operations_menu.addAction(self.pack_action)
        self.operation_actions.append(self.pack_action)
        self.return_action = self._action(self.open_returns, f"Ctrl+{len(OPERATION_FORMS) + 5}")
        self.return_action.setEnabled(self._may(MOVE_STOCK))
        self.operations_menu.addAction(self.return_action)
        self.operation_actions.append(self.return_action)
        self.wave_action = self._action(self.open_wave, "Ctrl+0")
        self.wave_action.setEnabled(self._may(MOVE_STOCK))
        self.operations_menu.addAction(self.wave_action)
        self.operation_actions.append(self.wave_action)

        self.language_menu = menu_bar.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = self._action(lambda _=False, c=code: self.set_language(c))
            action.setText(name)  # each language in its own name: never translated
            action.setCheckable(True)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self._check_language()

        self.help_menu = menu_bar.addMenu("")
        self.scan_log_action = self._action(self.open_scan_log)
        self.help_menu.addAction(self.scan_log_action)
        self.about_action = self._action(self.about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.about_action)
        # shortcuts work even where the menu bar is hidden or native
        self.addActions([self.settings_action, self.logout_action, self.quit_action, *self.screen_actions,
                         self.refresh_action, self.search_action, *self.operation_actions])

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("wms-desktop — warehouse %1").replace("%1", self.context.warehouse_code))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.logout_action.setText(self.tr("Log &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        for index, (action, screen) in enumerate(zip(self.screen_actions, self.screens)):
            action.setText(screen.title())
            item = self.nav.item(index)
            item.setText(f"{screen.title()}\t{screen_key(index)}")
            item.setToolTip(screen_key(index))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.search_action.setText(self.tr("&Search"))
        self.operations_menu.setTitle(self.tr("&Operations"))
        counts_key = screen_key(self.screens.index(self.screen_named("counts")))
        for action, text in zip(self.operation_actions, (self.tr("&Inbound…"), self.tr("&Outbound…"),
                                                         self.tr("&Transfer…"), self.tr("&Adjust…"),
                                                         self.tr("Stock &counts (%1)").replace("%1", counts_key),
                                                         self.tr("&Pick list…"), self.tr("&Receiving…"),
                                                         self.tr("Pac&k station…"), self.tr("C&ustomer returns…"),
                                                         self.tr("&Wave picking…"))):
            action.setText(text)
            if not action.isEnabled():
                action.setToolTip(self.tr("Your role does not allow this"))
        self.users_action.setText(self.tr("&Users…"))
        self.roles_action.setText(self.tr("&Roles…"))
        self.import_action.setText(self.tr("&Import…"))
        self.warehouses_action.setText(self.tr("&Warehouses…"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.scan_log_action.setText(self.tr("S&can log…"))
        self.about_action.setText(self.tr("&About wms-desktop"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._check_language()
        elif event.type() == QEvent.Type.WindowStateChange:
            self._sync_alert_polling()
        super().changeEvent(event)

    # -- screens ---------------------------------------------------------------------------------
    def current_screen(self) -> Screen:
        return self.screens[self.stack.currentIndex()]

    @Slot(int)
    def show_screen(self, index: int) -> None:
        if not 0 <= index < len(self.screens):
            return
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # re-enters here once
            return
        self.stack.setCurrentIndex(index)
        self.screen_actions[index].setChecked(True)
        self.screens[index].activate()

    def screen_named(self, key: str) -> Screen:
        return next(s for s in self.screens if s.key == key)

    @Slot(str, object)
    def navigate_to(self, key: str, target: object) -> None:
        """A screen asked for another one, opened with ``target``."""
        screen = self.screen_named(key)
        self.show_screen(self.screens.index(screen))
        screen.open_with(target)

    # -- operations and the scanner ------------------------------------------------------------
    def _install_scanner(self) -> None:
        """The app-wide scanner filter and the router that hands scans to dialogs and screens."""
        settings = self.context.settings
        self.scan_router = ScanRouter(self.context, self.current_screen, window=self, parent=self)
        from ..config import data_dir

        self.scan_router.feedback.use_tones(TonePlayer(data_dir() / "sounds"))
        self.scan_router.open_documents_with("asn", self._receive_scanned)
        self.scan_router.open_documents_with("count", lambda scan: self.open_count_session(scan.text) is not None)
        self.scan_log = ScanLog(self)
        self.scan_router.routed.connect(self.scan_log.record)
        self.scanner = ScannerFilter(parent=self)
        self.scanner.configure(settings.scanner_prefix, settings.scanner_suffix)
        self.scanner.scanned.connect(self._scanned)
        self.scanner.install()
        self.scan_router.open_documents_with("order", self._order_scanned)
        orders = self.screen_named("orders")
        assert isinstance(orders, OrdersScreen)
        orders.work_requested.connect(self.open_order_work)
        # a keyboard wedge says nothing until it reads: listening is its ready state, from the start
        self.status.set_state("scanner", "connected")

    def takes_scans(self, widget: QWidget) -> bool:
        """Scans read in this window or in one of its scanning dialogs go to the router (the
        scan log watching them is part of the window); any other window (settings, editors,
        users, a question) takes none."""
        window = widget.window()
        if isinstance(window, ScanningDialog):
            return window.router is self.scan_router
        from .dialogs.scan_log import ScanLogDialog

        if isinstance(window, ScanLogDialog):
            return window.parent() is self
        return window is self

    @Slot(object, object)
    def _scanned(self, scan, widget: QWidget) -> None:
        if shiboken6.isValid(widget) and self.takes_scans(widget):
            self.scan_router.submit(scan)
        else:
            self.scan_router.refuse(scan, widget.window() if shiboken6.isValid(widget) else None)

    def open_operation(self, form: type[OperationForm]) -> OperationDialog:
        """The operation dialog of ``form`` (Operations menu, Ctrl+1…)."""
        from .dialogs.operations import DIALOGS

        dialog = next(cls for cls in DIALOGS if cls.form_class is form)(self.context, self.scan_router, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.posted.connect(self.changes_applied)
        dialog.open()
        return dialog

    def open_pick_list(self, order_number: str | None = None) -> PickDialog:
        from .dialogs.picking import open_pick_dialog

        dialog = open_pick_dialog(self.context, self.scan_router, self, order_number)
        dialog.posted.connect(self.changes_applied)
        return dialog

    def open_count_session(self, count_number: str | None = None) -> CountSessionDialog | None:
        """A counter's session (a count task's number scanned anywhere opens it on that task)."""
        if not self._may(CORRECT_STOCK):
            return None
        from .dialogs.counting import open_count_dialog

        dialog = open_count_dialog(self.context, self.scan_router, self, count_number)
        dialog.posted.connect(self.changes_applied)
        return dialog

    def open_receiving(self, document_id: int | None = None) -> ReceivingDialog:
        """The receiving session (of this ASN, when given: a scanned number or Enter on the
        Receiving screen)."""
        from .dialogs.receiving import open_receiving_dialog

        dialog = open_receiving_dialog(self.context, self.scan_router, self, document_id)
        dialog.posted.connect(self.changes_applied)
        return dialog

    def _receive_scanned(self, scan) -> bool:
        """An ASN's number scanned anywhere: its receiving session (a clerk's work)."""
        if not self._may(MOVE_STOCK) or scan.document_id is None:
            return False
        self.open_receiving(scan.document_id)
        return True

    def open_scan_log(self) -> ScanLogDialog:
        """Not modal: it stays open beside the window while the clerk scans on."""
        from .dialogs.scan_log import ScanLogDialog

        dialog = ScanLogDialog(self.scan_log, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_pack_station(self, order_number: str | None = None) -> PackDialog:
        from .dialogs.packing import open_pack_dialog

        dialog = open_pack_dialog(self.context, self.scan_router, self, order_number)
        dialog.posted.connect(self.changes_applied)
        return dialog

    def open_wave(self) -> WaveDialog:
        from .dialogs.wave import open_wave_dialog

        dialog = open_wave_dialog(self.context, self.scan_router, self)
        dialog.posted.connect(self.changes_applied)
        return dialog

    def open_returns(self, order_number: str | None = None) -> ReturnDialog:
        from .dialogs.returns import open_return_dialog

        dialog = open_return_dialog(self.context, self.scan_router, self, order_number)
        dialog.posted.connect(self.changes_applied)
        return dialog

    def open_order_work(self, kind: str, order_number: str) -> None:
        """The pick dialog, the pack station or a return on an order (from the Orders screen or
        a scan)."""
        if not self._may(MOVE_STOCK):
            return
        {"pick": self.open_pick_list, "pack": self.open_pack_station, "return": self.open_returns}[kind](order_number)

    def _order_scanned(self, scan) -> bool:
        """An order's number scanned anywhere: released or being picked opens it for picking,
        picked or packed at the pack station, shipped for a return; otherwise the Orders screen
        shows it."""
        work = {"released": "pick", "picking": "pick", "picked": "pack", "packed": "pack", "shipped": "return"}
        if scan.document_state in work and self._may(MOVE_STOCK):
            self.open_order_work(work[scan.document_state], scan.label or scan.text)  # label: a tote's order
        else:
            orders = self.screen_named("orders")
            self.show_screen(self.screens.index(orders))
            orders.search(scan.label or scan.text)
        return True

    def open_import(self) -> ImportDialog:
        from .dialogs.import_csv import open_import

        dialog = open_import(self.context, self)
        dialog.imported.connect(self.imported)
        return dialog

    def imported(self, report: ImportReport) -> None:
        """An import committed (it names no changes): the current screen loads again, and the
        badge counts again after opening stock (the only import that changes balances)."""
        self.current_screen().refresh()
        if report.kind == "stock" and self.alert_timer.isActive():
            self.refresh_alert_badge()

    def open_warehouses(self) -> WarehousesDialog:
        from .dialogs.warehouses import open_warehouses

        return open_warehouses(self.context, self)

    def open_users(self) -> UsersDialog:
        from .dialogs.users import UsersDialog

        dialog = UsersDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_roles(self) -> RolesDialog:
        from .dialogs.roles import RolesDialog

        dialog = RolesDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _may(self, permission: str) -> bool:
        session = self.context.session
        return session is not None and session.can(permission)

    @Slot(object)
    def changes_applied(self, changes: Changes, made_on: Screen | None = None) -> None:
        """An operation committed: every screen updates what it shows of what it changed (the
        screen it was made on has already), and the alerts badge counts again if a balance
        changed (only postings raise or clear stock alerts)."""
        for screen in self.screens:
            if screen is not made_on:
                screen.apply_changes(changes)
        if changes.balances and self.alert_timer.isActive():
            self.refresh_alert_badge()

    # -- the alerts badge --------------------------------------------------------------------------
    @property
    def has_alerts(self) -> bool:
        return hasattr(self.context.services, "alerts")

    def poll_alerts(self, on: bool) -> None:
        """The badge asks only while it can be seen: polling pauses while the window is minimised
        or hidden, and the badge asks once on restore (with the lots' check, if one fell due)."""
        if not self.has_alerts or on == self.alert_timer.isActive():
            return
        if on:
            self.alert_timer.start()
            self.refresh_alert_badge(check_expiry=self.expiry_due)
        else:
            self.alert_timer.stop()

    def _expiry_check_due(self) -> None:
        self.expiry_due = True
        if self.alert_timer.isActive():
            self.refresh_alert_badge(check_expiry=True)

    def _sync_alert_polling(self) -> None:
        self.poll_alerts(self.isVisible() and not self.isMinimized())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync_alert_polling()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._sync_alert_polling()

    def refresh_alert_badge(self, check_expiry: bool = False) -> None:
        if check_expiry:
            self.expiry_due = False

        def work(services: ServiceApi) -> AlertSummary:
            if check_expiry:
                services.alerts.check_expiry(CheckExpiry())
            return services.alerts.summary()

        # a failure keeps the last count: the database link reports an unreachable server itself
        QueryOp(self.context, parent=self, op=work, success=self.status.set_stock_alerts,
                key="alert-badge").failure(lambda _error: None).run_in_background()

    # -- language --------------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        translator = self.context.translator
        if translator is None:
            return
        language = translator.set_language(language)
        self.context.settings.language = language
        self.context.settings.sync()
        self._check_language()

    def _check_language(self) -> None:
        translator = self.context.translator
        current = translator.language if translator is not None else "en"
        if current in self.language_actions:
            self.language_actions[current].setChecked(True)

    # -- dialogs ---------------------------------------------------------------------------------
    @Slot()
    def open_settings(self) -> None:
        from .settings.dialog import SettingsDialog

        dialog = SettingsDialog(self.context.settings, self)
        accepted = dialog.exec()
        self.scanner.configure(self.context.settings.scanner_prefix, self.context.settings.scanner_suffix)
        if accepted and dialog.restart_needed:
            QMessageBox.information(self, self.tr("Restart needed"),
                                    self.tr("The changed settings are used after you restart the app."))

    @Slot()
    def about(self) -> None:
        QMessageBox.about(self, self.tr("About wms-desktop"), self.about_text())

    def about_text(self) -> str:
        return self.tr("<h3>wms-desktop %1</h3><p>Warehouse workstation.</p><p>Database: %2<br>Warehouse: %3</p>"
                       "<p>Chinese font: WenQuanYi Micro Hei (Apache License 2.0).</p>") \
            .replace("%1", app_version()).replace("%2", html.escape(self.context.database_label)) \
            .replace("%3", html.escape(self.context.warehouse_code))

    # -- messages --------------------------------------------------------------------------------
    def show_wms_error(self, error: WmsError) -> None:
        self.status.showMessage(error_text(error), 15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.scanner.uninstall()
        self.alt_keys.uninstall()
        self.context.settings.qsettings.setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)
