"""Workstation settings: typed values in QSettings, the database password only in the keyring."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from wms_desktop.ui.settings import AppSettings, SecretStore, escape_control, unescape_control
from wms_desktop.ui.settings_dialog import SettingsDialog


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
    assert dialog.keyring_ok and not dialog.password.isEnabled()  # embedded: no server fields
    dialog.server_radio.setChecked(True)
    assert dialog.password.isEnabled() and dialog.host.isEnabled()
    dialog.host.setText("db-host")
    dialog.port.setValue(5433)
    dialog.db_name.setText("wms")
    dialog.db_user.setText("clerk")
    dialog.password.setText("p@ss:word/1")
    dialog.warehouse.setText("WH02")
    dialog.printer_profile.setText("zebra-zd421")
    dialog.scanner_prefix.setText("\\x02")
    dialog.scanner_suffix.setText("\\r\\n")
    dialog.scale_topic.setText("wms/scale/pack-03/weight")
    dialog.station_id.setText("pack-03")
    dialog.mqtt_host.setText("broker.local")
    dialog.mqtt_port.setValue(8883)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert dialog.restart_needed

    assert settings.database_kind == "postgresql" and settings.database_port == 5433
    assert settings.warehouse_code == "WH02" and settings.printer_profile == "zebra-zd421"
    assert settings.scanner_prefix == "\x02" and settings.scanner_suffix == "\r\n"
    assert (settings.scale_topic, settings.station_id, settings.mqtt_host, settings.mqtt_port) == \
        ("wms/scale/pack-03/weight", "pack-03", "broker.local", 8883)
    assert memory_keyring.secrets == {("wms-desktop", "clerk@db-host:5433/wms"): "p@ss:word/1"}
    assert settings.database_url() == "postgresql+psycopg://clerk:p%40ss%3Aword%2F1@db-host:5433/wms"
    assert settings.database_url(with_password=False) == "postgresql+psycopg://clerk@db-host:5433/wms"
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "p@ss" not in stored and "word" not in stored.replace("password", "")

    reopened = SettingsDialog(settings)
    qtbot.addWidget(reopened)
    assert reopened.server_radio.isChecked() and reopened.host.text() == "db-host"
    assert reopened.scanner_suffix.text() == "\\r\\n" and reopened.mqtt_port.value() == 8883
    assert reopened.password.text() == "" and reopened.password.placeholderText() == "unchanged"
    reopened.printer_profile.setText("pdf")
    reopened.save()
    assert not reopened.restart_needed  # a printer change needs no restart; empty password kept
    assert settings.database_password() == "p@ss:word/1"


def test_invalid_input_is_refused_inline_and_nothing_is_written(qtbot, settings, translator):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.station_id.setText("pack 03!")
    dialog.printer_profile.setText("changed")
    dialog.save()
    assert dialog.error_label.isVisible() and "station ID" in dialog.error_label.text()
    assert settings.printer_profile == ""
    dialog.station_id.setText("")
    dialog.server_radio.setChecked(True)
    dialog.host.setText("")
    dialog.save()
    assert "host name" in dialog.error_label.text()
    assert settings.database_kind == "embedded"


def test_without_a_keyring_the_dialog_says_so_and_still_saves(qtbot, tmp_path, no_keyring, translator):
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), SecretStore())
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.server_radio.setChecked(True)
    assert not dialog.keyring_ok
    assert not dialog.password.isEnabled()
    assert "No system keyring" in dialog.keyring_note.text()
    dialog.host.setText("db-host")
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings.database_host == "db-host"
    assert settings.database_password() is None
    assert settings.database_url() == "postgresql+psycopg://wms@db-host:5432/wms"


def test_control_character_escapes_round_trip():
    for raw in ("", "\r", "\r\n", "\x02]C1", "a\\b", "\t\x7f"):
        assert unescape_control(escape_control(raw)) == raw
    with pytest.raises(ValueError):
        unescape_control("\\q")
