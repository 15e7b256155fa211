"""The workstation settings dialog (per computer, stored by :class:`AppSettings`): one tab per
:class:`~wms_desktop.ui.settings.page.SettingsPage`.

Every page is validated before any page saves, so a mistake on one tab writes nothing. The
pages come from a list of factories (``page_factories``), so another section is one more entry.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...devices.mqtt.settings import WORKSTATION_ID
from ...domain.fields import MAX_QUANTITY
from ..app_settings import (
    EMBEDDED,
    POSTGRESQL,
    AppSettings,
    SecretStoreError,
    escape_control,
    keyring_missing_text,
    unescape_control,
)
from ..widgets.feedback import RED, error_line, show_text
from .devices_page import DeviceSettingsPage
from .page import SettingsPage
from .printers_page import PrinterSettingsPage

PageFactory = Callable[[AppSettings], SettingsPage]


# the time limits of a server connection, in seconds: setting name -> spin box range
LIMITS = {"database_connect_timeout_s": (2, 60), "database_statement_timeout_s": (2, 3600),
          "database_lock_timeout_s": (1, 3600), "database_idle_timeout_s": (1, 3600),
          "database_dead_peer_s": (2, 600)}


class DatabasePage(SettingsPage):
    """Embedded SQLite or a shared PostgreSQL server; the password goes to the keyring; how long
    this workstation waits on the server before it says the database cannot be reached."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databasePage")
        self.settings = settings
        self.keyring_ok = settings.secrets.available()
        self.embedded_radio = QRadioButton()
        self.server_radio = QRadioButton()
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.embedded_radio)
        self.kind_group.addButton(self.server_radio)
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.db_name = QLineEdit()
        self.db_user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.restart_note = QLabel()
        self.restart_note.setWordWrap(True)
        self.restart_note.setStyleSheet("font-style: italic;")
        kinds = QHBoxLayout()
        kinds.addWidget(self.embedded_radio)
        kinds.addWidget(self.server_radio)
        kinds.addStretch(1)
        form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        for label, edit in zip(self.labels, (self.host, self.port, self.db_name, self.db_user, self.password)):
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.limits = {name: QSpinBox() for name in LIMITS}
        self.limit_labels = {name: QLabel() for name in LIMITS}
        self.limits_box = QGroupBox()
        limits_form = QFormLayout(self.limits_box)
        for name, (low, high) in LIMITS.items():
            self.limits[name].setRange(low, high)
            self.limit_labels[name].setBuddy(self.limits[name])
            limits_form.addRow(self.limit_labels[name], self.limits[name])
        layout = QVBoxLayout(self)
        layout.addLayout(kinds)
        layout.addLayout(form)
        layout.addWidget(self.limits_box)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        self.server_radio.toggled.connect(self._update_enabled)

    def title(self) -> str:
        return self.tr("Database")

    def retranslate_ui(self) -> None:
        self.embedded_radio.setText(self.tr("&Embedded (this computer only)"))
        self.server_radio.setText(self.tr("Shared &PostgreSQL server"))
        for label, text in zip(self.labels, (self.tr("&Host:"), self.tr("P&ort:"), self.tr("Data&base:"),
                                             self.tr("User &name:"), self.tr("Pass&word:"))):
            label.setText(text)
        self.restart_note.setText(self.tr("Changes here take effect after the app is restarted."))
        self.limits_box.setTitle(self.tr("Time limits (seconds)"))
        for name, text in ((("database_connect_timeout_s", self.tr("Connec&t:")),
                            ("database_statement_timeout_s", self.tr("One state&ment:")),
                            ("database_lock_timeout_s", self.tr("Wait for &locked stock:")),
                            ("database_idle_timeout_s", self.tr("Transaction left &idle:")),
                            ("database_dead_peer_s", self.tr("&Vanished network peer:")))):
            self.limit_labels[name].setText(text)
        self.limits_box.setToolTip(self.tr("After these waits the workstation says the database cannot be "
                                           "reached (or that another workstation holds the stock) instead of "
                                           "waiting on; the server ends a transaction left idle, releasing its "
                                           "locks."))
        if self.keyring_ok:
            self.keyring_note.setText(self.tr("The password is kept in the system keyring, not in the "
                                              "settings file."))
            self.password.setPlaceholderText(self.tr("unchanged") if self._has_stored_password() else "")
        else:
            self.keyring_note.setText(keyring_missing_text() + " "
                                      + self.tr("Or set WMS_DATABASE_URL for this computer."))
            self.password.setPlaceholderText(self.tr("no keyring available"))
        self.keyring_note.setStyleSheet("" if self.keyring_ok else f"color: {RED};")

    def _has_stored_password(self) -> bool:
        return self.settings.database_kind == POSTGRESQL and self.settings.database_password() is not None

    def load(self, settings: AppSettings) -> None:
        (self.server_radio if settings.database_kind == POSTGRESQL else self.embedded_radio).setChecked(True)
        self.host.setText(settings.database_host)
        self.port.setValue(settings.database_port)
        self.db_name.setText(settings.database_name)
        self.db_user.setText(settings.database_user)
        for name, box in self.limits.items():
            box.setValue(getattr(settings, name))
        self._update_enabled()
        self.retranslate_ui()

    @Slot()
    def _update_enabled(self) -> None:
        server = self.server_radio.isChecked()
        for edit in (self.host, self.port, self.db_name, self.db_user, self.limits_box):
            edit.setEnabled(server)
        self.password.setEnabled(server and self.keyring_ok)

    def validate(self) -> str | None:
        if not self.server_radio.isChecked():
            return None
        if not self.host.text().strip():
            self.host.setFocus()
            return self.tr("Enter the database server's host name.")
        if not self.db_name.text().strip():
            self.db_name.setFocus()
            return self.tr("Enter the database name.")
        if self.limits["database_lock_timeout_s"].value() >= self.limits["database_statement_timeout_s"].value():
            self.limits["database_lock_timeout_s"].setFocus()
            return self.tr("The wait for locked stock must be shorter than one statement's limit.")
        return None

    def save(self, settings: AppSettings) -> bool:
        before = _database_tuple(settings)
        server = self.server_radio.isChecked()
        settings.database_kind = POSTGRESQL if server else EMBEDDED
        settings.database_host = self.host.text().strip()
        settings.database_port = self.port.value()
        settings.database_name = self.db_name.text().strip()
        settings.database_user = self.db_user.text().strip()
        for name, box in self.limits.items():
            setattr(settings, name, box.value())
        restart = _database_tuple(settings) != before
        password = self.password.text()
        if server and password:
            self.password.clear()
            settings.set_database_password(password)  # SecretStoreError: the dialog says so
            restart = True
        return restart


def _database_tuple(s: AppSettings) -> tuple:
    return (s.database_kind, s.database_host, s.database_port, s.database_name, s.database_user,
            *(getattr(s, name) for name in LIMITS))


class WorkstationPage(SettingsPage):
    """Which warehouse this computer works in, its station id, and how its scanner frames a scan."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workstationPage")
        self.warehouse = QLineEdit()
        self.station_id = QLineEdit()
        self.scanner_prefix = QLineEdit()
        self.scanner_suffix = QLineEdit()
        self.scanner_utf8 = QCheckBox()
        self.scanner_utf8.setObjectName("scanner_types_utf8")
        self.confirm_above = QSpinBox()
        self.confirm_above.setObjectName("quantityConfirmAbove")
        self.confirm_above.setRange(1, MAX_QUANTITY)
        self.confirm_above.setGroupSeparatorShown(True)
        self.restart_note = QLabel()
        self.restart_note.setWordWrap(True)
        self.restart_note.setStyleSheet("font-style: italic;")
        form = QFormLayout()
        self.edits = (self.warehouse, self.station_id, self.scanner_prefix, self.scanner_suffix, self.confirm_above)
        self.labels = [QLabel() for _ in self.edits]
        for label, edit in zip(self.labels, self.edits):
            label.setBuddy(edit)
            form.addRow(label, edit)
        form.addRow("", self.scanner_utf8)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Workstation")

    def retranslate_ui(self) -> None:
        for label, text in zip(self.labels, (self.tr("&Warehouse code:"), self.tr("Station &ID:"),
                                             self.tr("Scanner pre&fix:"), self.tr("Scanner suffi&x:"),
                                             self.tr("Ask before posting more than (&quantity):"))):
            label.setText(text)
        self.warehouse.setPlaceholderText(self.tr("default: WH01"))
        self.station_id.setPlaceholderText(self.tr("e.g. PACK-03: names this workstation and its scale"))
        for edit in (self.scanner_prefix, self.scanner_suffix):
            edit.setToolTip(self.tr("Control characters as \\r, \\n, \\t or \\x02"))
        self.scanner_utf8.setText(self.tr("Scanners here type &UTF-8: print QR codes of Chinese codes on labels"))
        self.scanner_utf8.setToolTip(self.tr("Labels always carry an ASCII Code 128 every scanner can type; "
                                             "most keyboard-wedge scanners cannot type Chinese"))
        self.confirm_above.setToolTip(self.tr("Stock operations with more units than this ask before they post."))
        self.restart_note.setText(self.tr("A new warehouse or station ID is used after the app is restarted."))

    def load(self, settings: AppSettings) -> None:
        self.warehouse.setText(settings.warehouse_code)
        self.station_id.setText(settings.station_id)
        self.scanner_prefix.setText(escape_control(settings.scanner_prefix))
        self.scanner_suffix.setText(escape_control(settings.scanner_suffix))
        self.scanner_utf8.setChecked(settings.scanner_types_utf8)
        self.confirm_above.setValue(settings.quantity_confirm_above)
        self.retranslate_ui()

    def station(self) -> str:
        return self.station_id.text().strip()

    def validate(self) -> str | None:
        if self.station() and not WORKSTATION_ID.fullmatch(self.station()):
            self.station_id.setFocus()
            return self.tr("The station ID may use 1–40 letters, digits, '-' and '_'.")
        for edit in (self.scanner_prefix, self.scanner_suffix):
            try:
                unescape_control(edit.text())
            except ValueError:
                edit.setFocus()
                return self.tr("The scanner prefix or suffix has a broken escape (use \\r, \\n, \\t, \\\\ "
                               "or \\x followed by two hex digits).")
        return None

    def save(self, settings: AppSettings) -> bool:
        before = (settings.warehouse_code, settings.station_id)
        settings.warehouse_code = self.warehouse.text().strip()
        settings.station_id = self.station()
        settings.scanner_prefix = unescape_control(self.scanner_prefix.text())
        settings.scanner_suffix = unescape_control(self.scanner_suffix.text())
        settings.scanner_types_utf8 = self.scanner_utf8.isChecked()
        settings.quantity_confirm_above = self.confirm_above.value()
        return (settings.warehouse_code, settings.station_id) != before


def default_pages() -> list[PageFactory]:
    """The dialog's sections, in tab order."""
    return [DatabasePage, WorkstationPage, DeviceSettingsPage, PrinterSettingsPage]


class SettingsDialog(QDialog):
    """Edit, validate, save. ``restart_needed`` tells the caller a page's change needs a restart."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None,
                 page_factories: Sequence[PageFactory] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.settings = settings
        self.restart_needed = False
        self.pages: list[SettingsPage] = [factory(settings) for factory in (page_factories or default_pages())]
        workstation = next((p for p in self.pages if isinstance(p, WorkstationPage)), None)
        for page in self.pages:
            if isinstance(page, DeviceSettingsPage) and workstation is not None:
                page.station_source = workstation.station  # the broker needs the station ID being edited
                workstation.station_id.textChanged.connect(page.show_scale_topic)
        self.tabs = QTabWidget()
        for page in self.pages:
            self.tabs.addTab(page, "")
            page.load(settings)
        self.error_label = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.setMinimumWidth(600)

    def page(self, cls: type) -> SettingsPage:
        return next(p for p in self.pages if isinstance(p, cls))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Workstation settings"))
        for index, page in enumerate(self.pages):
            self.tabs.setTabText(index, page.title())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_error(self, text: str) -> None:
        show_text(self.error_label, text)

    @Slot()
    def save(self) -> None:
        """Validate every page first; write only when all are well."""
        for page in self.pages:
            if page.validate() is not None:
                self.tabs.setCurrentWidget(page)
                self.show_error(page.validate())  # again, now that the page is shown: focus lands
                return
        keyring_failed = False
        for page in self.pages:
            try:
                self.restart_needed |= page.save(self.settings)
            except SecretStoreError:
                keyring_failed = True
                self.restart_needed = True
        self.settings.sync()
        if keyring_failed:
            self.show_error(self.tr("The other settings were saved, but a password could not be stored in the "
                                    "system keyring."))
            return
        self.accept()
