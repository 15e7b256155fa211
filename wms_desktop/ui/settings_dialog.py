"""The workstation settings dialog (per computer, stored by :class:`AppSettings`)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from .settings import (EMBEDDED, POSTGRESQL, STATION_ID, AppSettings, SecretStoreError, escape_control,
                       unescape_control)


class SettingsDialog(QDialog):
    """Edit, validate, save. ``restart_needed`` tells the caller the database or warehouse changed."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.settings = settings
        self.restart_needed = False
        self.keyring_ok = settings.secrets.available()

        # database
        self.database_box = QGroupBox()
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
        self.db_form = QFormLayout()
        self.db_labels = [QLabel() for _ in range(5)]
        for label, edit in zip(self.db_labels, (self.host, self.port, self.db_name, self.db_user, self.password)):
            label.setBuddy(edit)
            self.db_form.addRow(label, edit)
        db_layout = QVBoxLayout(self.database_box)
        db_layout.addLayout(kinds)
        db_layout.addLayout(self.db_form)
        db_layout.addWidget(self.keyring_note)
        db_layout.addWidget(self.restart_note)

        # workstation and devices
        self.devices_box = QGroupBox()
        self.warehouse = QLineEdit()
        self.printer_profile = QLineEdit()
        self.scanner_prefix = QLineEdit()
        self.scanner_suffix = QLineEdit()
        self.scale_topic = QLineEdit()
        self.station_id = QLineEdit()
        self.mqtt_host = QLineEdit()
        self.mqtt_port = QSpinBox()
        self.mqtt_port.setRange(1, 65535)
        self.device_form = QFormLayout(self.devices_box)
        self.device_edits = (self.warehouse, self.printer_profile, self.scanner_prefix, self.scanner_suffix,
                             self.scale_topic, self.station_id, self.mqtt_host, self.mqtt_port)
        self.device_labels = [QLabel() for _ in self.device_edits]
        for label, edit in zip(self.device_labels, self.device_edits):
            label.setBuddy(edit)
            self.device_form.addRow(label, edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.database_box)
        layout.addWidget(self.devices_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.server_radio.toggled.connect(self._update_enabled)
        self.load()
        self.retranslate_ui()
        self.setMinimumWidth(560)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Workstation settings"))
        self.database_box.setTitle(self.tr("Database"))
        self.embedded_radio.setText(self.tr("&Embedded (this computer only)"))
        self.server_radio.setText(self.tr("Shared Postgre&SQL server"))
        for label, text in zip(self.db_labels, (self.tr("&Host:"), self.tr("P&ort:"), self.tr("Data&base:"),
                                                self.tr("User &name:"), self.tr("Pass&word:"))):
            label.setText(text)
        self.restart_note.setText(self.tr("Changes to the database or the warehouse take effect after "
                                          "the app is restarted."))
        if self.keyring_ok:
            self.keyring_note.setText(self.tr("The password is kept in the system keyring, not in the "
                                              "settings file."))
            self.password.setPlaceholderText(self.tr("unchanged") if self._has_stored_password() else "")
        else:
            self.keyring_note.setText(self.tr("No system keyring is available, so the password cannot be "
                                              "saved. Install a keyring service (for example GNOME Keyring "
                                              "or KWallet), or set WMS_DATABASE_URL for this computer."))
            self.password.setPlaceholderText(self.tr("no keyring available"))
        self.keyring_note.setStyleSheet("" if self.keyring_ok else "color: #b00020;")
        self.devices_box.setTitle(self.tr("Workstation and devices"))
        texts = (self.tr("&Warehouse code:"), self.tr("&Printer profile:"), self.tr("Scanner pre&fix:"),
                 self.tr("Scanner su&ffix:"), self.tr("Scale &topic:"), self.tr("&Station ID:"),
                 self.tr("&MQTT host:"), self.tr("MQTT po&rt:"))
        for label, text in zip(self.device_labels, texts):
            label.setText(text)
        self.warehouse.setPlaceholderText(self.tr("default: WH01"))
        for edit in (self.scanner_prefix, self.scanner_suffix):
            edit.setToolTip(self.tr("Control characters as \\r, \\n, \\t or \\x02"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _has_stored_password(self) -> bool:
        return self.settings.database_kind == POSTGRESQL and self.settings.database_password() is not None

    def load(self) -> None:
        s = self.settings
        (self.server_radio if s.database_kind == POSTGRESQL else self.embedded_radio).setChecked(True)
        self.host.setText(s.database_host)
        self.port.setValue(s.database_port)
        self.db_name.setText(s.database_name)
        self.db_user.setText(s.database_user)
        self.warehouse.setText(s.warehouse_code)
        self.printer_profile.setText(s.printer_profile)
        self.scanner_prefix.setText(escape_control(s.scanner_prefix))
        self.scanner_suffix.setText(escape_control(s.scanner_suffix))
        self.scale_topic.setText(s.scale_topic)
        self.station_id.setText(s.station_id)
        self.mqtt_host.setText(s.mqtt_host)
        self.mqtt_port.setValue(s.mqtt_port)
        self._update_enabled()

    @Slot()
    def _update_enabled(self) -> None:
        server = self.server_radio.isChecked()
        for edit in (self.host, self.port, self.db_name, self.db_user):
            edit.setEnabled(server)
        self.password.setEnabled(server and self.keyring_ok)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _database_tuple(self) -> tuple:
        s = self.settings
        return (s.database_kind, s.database_host, s.database_port, s.database_name, s.database_user,
                s.warehouse_code)

    @Slot()
    def save(self) -> None:
        """Validate everything first; write only when all is well."""
        server = self.server_radio.isChecked()
        host = self.host.text().strip()
        if server and not host:
            self.show_error(self.tr("Enter the database server's host name."))
            self.host.setFocus()
            return
        if server and not self.db_name.text().strip():
            self.show_error(self.tr("Enter the database name."))
            self.db_name.setFocus()
            return
        station = self.station_id.text().strip()
        if station and not STATION_ID.fullmatch(station):
            self.show_error(self.tr("The station ID may use 1–40 letters, digits, '-' and '_'."))
            self.station_id.setFocus()
            return
        try:
            prefix = unescape_control(self.scanner_prefix.text())
            suffix = unescape_control(self.scanner_suffix.text())
        except ValueError:
            self.show_error(self.tr("The scanner prefix or suffix has a broken escape (use \\r, \\n, \\t, \\\\ "
                                    "or \\x followed by two hex digits)."))
            return
        before = self._database_tuple()
        s = self.settings
        s.database_kind = POSTGRESQL if server else EMBEDDED
        s.database_host = host
        s.database_port = self.port.value()
        s.database_name = self.db_name.text().strip()
        s.database_user = self.db_user.text().strip()
        s.warehouse_code = self.warehouse.text().strip()
        s.printer_profile = self.printer_profile.text().strip()
        s.scanner_prefix = prefix
        s.scanner_suffix = suffix
        s.scale_topic = self.scale_topic.text().strip()
        s.station_id = station
        s.mqtt_host = self.mqtt_host.text().strip()
        s.mqtt_port = self.mqtt_port.value()
        s.sync()
        self.restart_needed = self._database_tuple() != before
        password = self.password.text()
        if server and password:
            try:
                s.set_database_password(password)
            except SecretStoreError:
                self.show_error(self.tr("The other settings were saved, but the password could not be stored "
                                        "in the system keyring."))
                self.password.clear()
                return
            self.restart_needed = True
        self.accept()
