"""The "Scale & sensors" tab: the MQTT broker (password in the keyring), topics, the weight
tolerance and the sensor alert limits (docs/mqtt.md)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...devices.mqtt.topics import scale_topic
from ..app_settings import AppSettings, keyring_missing_text
from ..devices.config import parse_limit
from ..widgets.feedback import RED
from .page import SettingsPage

# (setting of the low limit, of the high limit): a restart applies them
LIMITS = (("temperature_low", "temperature_high"), ("humidity_low", "humidity_high"))
# what the bridge is built from at start
BROKER = ("mqtt_host", "mqtt_port", "mqtt_tls", "mqtt_ca_file", "mqtt_user", "mqtt_topic_root",
          *(name for pair in LIMITS for name in pair))


class DeviceSettingsPage(SettingsPage):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviceSettingsPage")
        self.settings = settings
        self.keyring_ok = settings.secrets.available()
        self.station_source: Callable[[], str] = lambda: settings.station_id
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.tls = QCheckBox()
        self.ca_file = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.browse)
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.topic_root = QLineEdit()
        self.scale_topic = QLineEdit()
        self.scale_topic.setReadOnly(True)
        self.scale_topic.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tolerance_percent = QSpinBox()
        self.tolerance_percent.setRange(0, 100)
        self.tolerance_percent.setSuffix(" %")
        self.tolerance_grams = QSpinBox()
        self.tolerance_grams.setRange(0, 100_000)
        self.tolerance_grams.setSuffix(" g")
        tolerance = QHBoxLayout()
        tolerance.addWidget(self.tolerance_percent)
        tolerance.addWidget(self.tolerance_grams)
        tolerance.addStretch(1)
        self.limit_edits: dict[str, QLineEdit] = {}
        self.limit_to = [QLabel() for _ in LIMITS]
        limit_rows = []
        for (low, high), to in zip(LIMITS, self.limit_to):
            row = QHBoxLayout()
            for name in (low, high):
                edit = QLineEdit()
                edit.setObjectName(name)
                edit.setMaximumWidth(90)
                self.limit_edits[name] = edit
            row.addWidget(self.limit_edits[low])
            row.addWidget(to)
            row.addWidget(self.limit_edits[high])
            row.addStretch(1)
            limit_rows.append(row)
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-style: italic;")

        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, field in (("host", self.host), ("port", self.port), ("tls", self.tls), ("ca_file", ca_row),
                           ("user", self.user), ("password", self.password), ("topic_root", self.topic_root),
                           ("scale_topic", self.scale_topic), ("tolerance", tolerance),
                           ("temperature", limit_rows[0]), ("humidity", limit_rows[1])):
            label = QLabel()
            self.labels[key] = label
            buddy = {"ca_file": self.ca_file, "tolerance": self.tolerance_percent,
                     "temperature": self.limit_edits["temperature_low"],
                     "humidity": self.limit_edits["humidity_low"]}.get(key, field)
            label.setBuddy(buddy)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.tls.toggled.connect(self._update_enabled)
        self.host.textChanged.connect(self._update_enabled)
        self.user.textChanged.connect(self._update_enabled)
        self.topic_root.textChanged.connect(self.show_scale_topic)

    def title(self) -> str:
        return self.tr("Scale && sensors")

    def retranslate_ui(self) -> None:
        texts = {"host": self.tr("MQTT &broker host:"), "port": self.tr("Broker p&ort:"), "tls": "",
                 "ca_file": self.tr("C&A certificate:"), "user": self.tr("User &name:"),
                 "password": self.tr("Pass&word:"), "topic_root": self.tr("Topic &root:"),
                 "scale_topic": self.tr("Scale topic:"), "tolerance": self.tr("Weight &tolerance:"),
                 "temperature": self.tr("T&emperature alert (°C):"), "humidity": self.tr("H&umidity alert (%):")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.tls.setText(self.tr("Use T&LS"))
        self.browse.setText(self.tr("Choose &file…"))
        self.host.setPlaceholderText(self.tr("empty: no broker (no scale, sensors or stock events)"))
        self.ca_file.setPlaceholderText(self.tr("empty: the system's certificates"))
        self.user.setPlaceholderText(self.tr("empty: anonymous"))
        self.tolerance_percent.setToolTip(self.tr("Of the expected weight; the larger of the two allowances applies"))
        self.tolerance_grams.setToolTip(self.tolerance_percent.toolTip())
        for edit in self.limit_edits.values():
            edit.setPlaceholderText(self.tr("none"))
        for label in self.limit_to:
            label.setText(self.tr("to"))
        if self.keyring_ok:
            self.keyring_note.setText(self.tr("The broker password is kept in the system keyring, not in the "
                                              "settings file."))
            self.password.setPlaceholderText(self.tr("unchanged") if self.settings.mqtt_password() else "")
        else:
            self.keyring_note.setText(keyring_missing_text())
            self.password.setPlaceholderText(self.tr("no keyring available"))
        self.keyring_note.setStyleSheet("" if self.keyring_ok else f"color: {RED};")
        self.note.setText(self.tr("Broker, topic and alert limit changes take effect after the app is restarted; "
                                  "the tolerance applies at once."))
        self.show_scale_topic()

    def load(self, settings: AppSettings) -> None:
        self.host.setText(settings.mqtt_host)
        self.port.setValue(settings.mqtt_port)
        self.tls.setChecked(settings.mqtt_tls)
        self.ca_file.setText(settings.mqtt_ca_file)
        self.user.setText(settings.mqtt_user)
        self.topic_root.setText(settings.mqtt_topic_root)
        self.tolerance_percent.setValue(settings.weight_tolerance_percent)
        self.tolerance_grams.setValue(settings.weight_tolerance_grams)
        for name, edit in self.limit_edits.items():
            edit.setText(getattr(settings, name))
        self._update_enabled()
        self.retranslate_ui()

    @Slot()
    def _update_enabled(self, *_args) -> None:
        broker = bool(self.host.text().strip())
        for widget in (self.port, self.tls, self.user, self.topic_root):
            widget.setEnabled(broker)
        for widget in (self.ca_file, self.browse):
            widget.setEnabled(broker and self.tls.isChecked())
        self.password.setEnabled(broker and self.keyring_ok and bool(self.user.text().strip()))

    @Slot()
    def show_scale_topic(self, *_args) -> None:
        """Also called when the station ID changes on the Workstation tab."""
        station = self.station_source()
        try:
            topic = scale_topic(self.topic_root.text().strip(), station or "…")
        except ValueError:
            topic = "—"
        self.scale_topic.setText(topic if station else self.tr("set a station ID on the Workstation tab"))

    @Slot()
    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("CA certificate"), self.ca_file.text(),
                                                    self.tr("Certificates (*.pem *.crt);;All files (*)"))
        if path:
            self.ca_file.setText(path)

    def validate(self) -> str | None:
        if self.host.text().strip():
            if not self.station_source():
                return self.tr("Set this workstation's station ID on the Workstation tab: the broker and the "
                               "scale know the workstation by it.")
            ca_file = self.ca_file.text().strip()
            if self.tls.isChecked() and ca_file and not Path(ca_file).is_file():
                self.ca_file.setFocus()
                return self.tr("The CA certificate file does not exist.")
            try:
                scale_topic(self.topic_root.text().strip(), "x")
            except ValueError:
                self.topic_root.setFocus()
                return self.tr("The topic root needs one or more levels separated by '/', without '+' or '#'.")
        for low, high in LIMITS:
            values = []
            for name in (low, high):
                try:
                    values.append(parse_limit(self.limit_edits[name].text()))
                except ValueError:
                    self.limit_edits[name].setFocus()
                    return self.tr("An alert limit must be a number such as 8 or -18.5, or empty.")
            if None not in values and values[0] > values[1]:
                self.limit_edits[low].setFocus()
                return self.tr("An alert's low limit must not be above its high limit.")
        return None

    def save(self, settings: AppSettings) -> bool:
        before = tuple(getattr(settings, name) for name in BROKER)
        host = self.host.text().strip()
        settings.mqtt_host = host
        settings.mqtt_port = self.port.value()
        settings.mqtt_tls = self.tls.isChecked()
        settings.mqtt_ca_file = self.ca_file.text().strip() if self.tls.isChecked() else ""
        settings.mqtt_user = self.user.text().strip()
        settings.mqtt_topic_root = self.topic_root.text().strip()
        settings.weight_tolerance_percent = self.tolerance_percent.value()
        settings.weight_tolerance_grams = self.tolerance_grams.value()
        for name, edit in self.limit_edits.items():
            setattr(settings, name, edit.text().strip())
        restart = tuple(getattr(settings, name) for name in BROKER) != before
        password = self.password.text()
        if host and settings.mqtt_user and password:
            self.password.clear()
            settings.set_mqtt_password(password)  # SecretStoreError: the dialog says so
            restart = True
        return restart
