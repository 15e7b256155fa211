"""Workstation settings: typed values in QSettings, the database password only in the keyring."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings

from wms_desktop.devices.mqtt import Limits
from wms_desktop.ui.app_settings import AppSettings, SecretStore, escape_control, unescape_control
from wms_desktop.ui.devices.config import alert_rules, broker_settings
from wms_desktop.ui.settings.devices_page import DeviceSettingsPage
from wms_desktop.ui.settings.dialog import DatabasePage, SettingsDialog, WorkstationPage
from wms_desktop.ui.settings.page import SettingsPage


def test_typed_accessors_round_trip_through_the_settings_file(tmp_path, memory_keyring):
    path = str(tmp_path / "s.ini")
    settings = AppSettings(QSettings(path, QSettings.Format.IniFormat), SecretStore())
    assert settings.mqtt_port == 1883 and settings.database_kind == "embedded" and settings.scanner_suffix == "\r"
    settings.mqtt_port = 1884
    settings.station_id = "pack-03"
    settings.scanner_prefix = "\x02"
    settings.sync()
    again = AppSettings(QSettings(path, QSettings.Format.IniFormat), SecretStore())
    assert again.mqtt_port == 1884 and isinstance(again.mqtt_port, int)
    assert again.station_id == "pack-03" and again.scanner_prefix == "\x02"
    with pytest.raises(TypeError):
        settings.mqtt_port = "1885"
    with pytest.raises(TypeError):
        settings.mqtt_port = True
    assert settings.database_url() is None  # embedded


def test_settings_dialog_round_trip_keeps_the_password_in_the_keyring(qtbot, tmp_path, settings, memory_keyring,
                                                                     translator):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Database", "Workstation", "Scanner test",
                                                                            "Scale && sensors", "Printers"]
    database, workstation = dialog.page(DatabasePage), dialog.page(WorkstationPage)
    assert database.keyring_ok and not database.password.isEnabled()  # embedded: no server fields
    database.server_radio.setChecked(True)
    assert database.password.isEnabled() and database.host.isEnabled()
    database.host.setText("db-host")
    database.port.setValue(5433)
    database.db_name.setText("wms")
    database.db_user.setText("clerk")
    database.password.setText("p@ss:word/1")
    workstation.warehouse.setText("WH02")
    workstation.scanner_prefix.setText("\\x02")
    workstation.scanner_suffix.setText("\\r\\n")
    workstation.station_id.setText("pack-03")
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert dialog.restart_needed

    assert settings.database_kind == "postgresql" and settings.database_port == 5433
    assert settings.warehouse_code == "WH02"
    assert settings.scanner_prefix == "\x02" and settings.scanner_suffix == "\r\n"
    assert settings.station_id == "pack-03"
    assert memory_keyring.secrets == {("wms-desktop", "clerk@db-host:5433/wms"): "p@ss:word/1"}
    assert settings.database_url() == "postgresql+psycopg://clerk:p%40ss%3Aword%2F1@db-host:5433/wms"
    assert settings.database_url(with_password=False) == "postgresql+psycopg://clerk@db-host:5433/wms"
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "p@ss" not in stored and "word" not in stored.replace("password", "")

    reopened = SettingsDialog(settings)
    qtbot.addWidget(reopened)
    database = reopened.page(DatabasePage)
    assert database.server_radio.isChecked() and database.host.text() == "db-host"
    assert reopened.page(WorkstationPage).scanner_suffix.text() == "\\r\\n"
    assert database.password.text() == "" and database.password.placeholderText() == "unchanged"
    reopened.page(DeviceSettingsPage).tolerance_percent.setValue(3)
    reopened.save()
    assert not reopened.restart_needed  # the tolerance applies at once; an empty password is kept
    assert settings.weight_tolerance_percent == 3
    assert settings.database_password() == "p@ss:word/1"


def test_the_database_time_limits_are_per_workstation_and_checked(qtbot, settings, translator):
    from wms_desktop.limits import DatabaseLimits

    assert settings.database_limits() == DatabaseLimits()  # the defaults, until changed here
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    database = dialog.page(DatabasePage)
    assert not database.limits_box.isEnabled()  # embedded: no server to wait on
    database.server_radio.setChecked(True)
    database.host.setText("db-host")
    limits = database.limits
    assert limits["database_statement_timeout_s"].value() == 5 and limits["database_lock_timeout_s"].value() == 4
    limits["database_lock_timeout_s"].setValue(5)
    dialog.save()
    assert "shorter" in dialog.error_label.text()
    assert settings.database_kind == "embedded"  # nothing written
    limits["database_lock_timeout_s"].setValue(2)
    limits["database_statement_timeout_s"].setValue(30)
    limits["database_connect_timeout_s"].setValue(10)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted and dialog.restart_needed
    assert settings.database_limits() == DatabaseLimits(connect_timeout_ms=10_000, lock_timeout_ms=2_000,
                                                        statement_timeout_ms=30_000)


def test_scale_and_sensor_page_saves_the_broker_with_its_password_in_the_keyring(qtbot, tmp_path, settings,
                                                                                memory_keyring, translator):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    workstation, page = dialog.page(WorkstationPage), dialog.page(DeviceSettingsPage)
    assert not page.port.isEnabled() and not page.ca_file.isEnabled()  # no broker: nothing to set
    page.host.setText("broker.local")
    page.port.setValue(8883)
    page.tls.setChecked(True)
    assert page.ca_file.isEnabled() and not page.password.isEnabled()  # no user, no password
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    page.ca_file.setText(str(ca))
    page.user.setText("pack03")
    page.password.setText("s3cret!")
    page.topic_root.setText("site2/wms")
    page.tolerance_grams.setValue(20)
    page.limit_edits["temperature_low"].setText("2")
    page.limit_edits["temperature_high"].setText("8.5")
    workstation.station_id.setText("PACK-03")
    dialog.tabs.setCurrentWidget(page)
    assert page.scale_topic.text() == "site2/wms/scales/PACK-03/weight"
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted and dialog.restart_needed
    assert (settings.mqtt_host, settings.mqtt_port, settings.mqtt_tls, settings.mqtt_ca_file, settings.mqtt_user) == \
        ("broker.local", 8883, True, str(ca), "pack03")
    assert (settings.mqtt_topic_root, settings.weight_tolerance_grams) == ("site2/wms", 20)
    assert (settings.temperature_low, settings.temperature_high, settings.humidity_high) == ("2", "8.5", "")
    assert memory_keyring.secrets == {("wms-desktop", "mqtt:pack03@broker.local:8883"): "s3cret!"}
    assert "s3cret" not in (tmp_path / "settings.ini").read_text(encoding="utf-8")

    broker = broker_settings(settings)
    assert (broker.host, broker.port, broker.tls, broker.ca_file, broker.username, broker.password,
            broker.client_id) == ("broker.local", 8883, True, str(ca), "pack03", "s3cret!", "wms-desktop-PACK-03")
    assert alert_rules(settings).limits_for("COLD", "temperature") == Limits(Decimal(2), Decimal("8.5"))
    assert alert_rules(settings).limits_for("COLD", "humidity") is None

    reopened = SettingsDialog(settings)
    qtbot.addWidget(reopened)
    again = reopened.page(DeviceSettingsPage)
    assert again.tls.isChecked() and again.password.placeholderText() == "unchanged"
    reopened.save()
    assert not reopened.restart_needed and settings.mqtt_password() == "s3cret!"


@pytest.mark.parametrize(("edit", "text", "message"), [
    ("host", "broker.local", "station ID on the Workstation tab"),
    ("topic_root", "wms/#", "topic root"),
    ("temperature_low", "cold", "must be a number"),
    ("humidity_high", "-1", "low limit must not be above"),
    ("ca_file", "/no/such/ca.pem", "CA certificate file does not exist"),
])
def test_scale_page_refuses_what_cannot_work_and_nothing_is_written(qtbot, settings, translator, edit, text,
                                                                    message):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.page(DeviceSettingsPage)
    dialog.page(WorkstationPage).warehouse.setText("WH09")
    if edit != "host":
        page.host.setText("broker.local")
        dialog.page(WorkstationPage).station_id.setText("PACK-1")
    page.tls.setChecked(edit == "ca_file")
    page.limit_edits["humidity_low"].setText("50" if edit == "humidity_high" else "")
    widget = page.limit_edits.get(edit) or getattr(page, edit)
    widget.setText(text)
    dialog.save()
    assert dialog.error_label.isVisible() and message in dialog.error_label.text()
    assert dialog.tabs.currentWidget() is page
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert settings.warehouse_code == "" and settings.mqtt_host == ""  # no page saved


def test_invalid_input_is_refused_inline_and_nothing_is_written(qtbot, settings, translator):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    workstation, database = dialog.page(WorkstationPage), dialog.page(DatabasePage)
    workstation.station_id.setText("pack 03!")
    workstation.warehouse.setText("WH09")
    dialog.save()
    assert dialog.error_label.isVisible() and "station ID" in dialog.error_label.text()
    assert dialog.tabs.currentWidget() is workstation
    assert settings.warehouse_code == ""
    workstation.station_id.setText("")
    database.server_radio.setChecked(True)
    database.host.setText("")
    dialog.save()
    assert "host name" in dialog.error_label.text() and dialog.tabs.currentWidget() is database
    assert settings.database_kind == "embedded"


def test_without_a_keyring_the_dialog_says_so_and_still_saves(qtbot, tmp_path, no_keyring, translator):
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), SecretStore())
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    database, devices = dialog.page(DatabasePage), dialog.page(DeviceSettingsPage)
    database.server_radio.setChecked(True)
    assert not database.keyring_ok
    assert not database.password.isEnabled()
    assert "No system keyring" in database.keyring_note.text()
    devices.host.setText("broker.local")
    devices.user.setText("pack03")
    assert not devices.password.isEnabled() and "No system keyring" in devices.keyring_note.text()
    dialog.page(WorkstationPage).station_id.setText("PACK-1")
    database.host.setText("db-host")
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings.database_host == "db-host" and settings.mqtt_user == "pack03"
    assert settings.database_password() is None and settings.mqtt_password() is None
    assert settings.database_url() == "postgresql+psycopg://wms@db-host:5432/wms"


def test_the_dialog_takes_its_pages_from_a_list(qtbot, settings, translator):
    saved = []

    class ExtraPage(SettingsPage):
        def title(self):
            return "Extra"

        def load(self, settings):
            pass

        def save(self, settings):
            saved.append(True)
            return False

        def retranslate_ui(self):
            pass

    dialog = SettingsDialog(settings, page_factories=[WorkstationPage, lambda _s: ExtraPage()])
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Workstation", "Extra"]
    dialog.save()
    assert saved == [True] and dialog.result() == SettingsDialog.DialogCode.Accepted


def test_control_character_escapes_round_trip():
    for raw in ("", "\r", "\r\n", "\x02]C1", "a\\b", "\t\x7f"):
        assert unescape_control(escape_control(raw)) == raw
    with pytest.raises(ValueError):
        unescape_control("\\q")
