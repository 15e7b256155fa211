"""Settings → Scanner test: a test label scanned into the capture box shows exactly what the
scanner sent (through the app-wide scanner filter, which lets these keys through raw), and
"Apply" puts the framing that fits on the Workstation tab, saved with the rest."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.key_streams import BLUETOOTH, GS, KEYBOARD, USB, send
from wms_desktop.devices.scanner import WedgeDecoder
from wms_desktop.devices.scanner.probe import TypedKey, probe
from wms_desktop.ui.scanning import ScannerFilter
from wms_desktop.ui.settings.dialog import SettingsDialog, WorkstationPage
from wms_desktop.ui.settings.scanner_page import ScannerTestPage


@pytest.fixture
def scanner_filter(qapp):
    """The app-wide filter as the main window installs it: scans are decoded everywhere else."""
    scans = []
    scanner = ScannerFilter(WedgeDecoder())
    scanner.scanned.connect(lambda scan, _widget: scans.append(scan))
    scanner.install(qapp)
    scanner.scans = scans
    yield scanner
    scanner.uninstall()
    scanner.deleteLater()


def open_test_page(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.page(ScannerTestPage)
    dialog.tabs.setCurrentWidget(page)
    page.capture.setFocus()
    qtbot.waitUntil(page.capture.hasFocus)
    return dialog, page


@pytest.mark.parametrize("gaps", [USB, BLUETOOTH], ids=["usb", "bluetooth"])
def test_a_test_scan_shows_what_arrived_and_applies_prefix_suffix_mode(qtbot, settings, scanner_filter, gaps):
    dialog, page = open_test_page(qtbot, settings)
    KEYBOARD.pause(300)
    send(page.capture, KEYBOARD.scanner(f"]C101069701230000311726123110AB-7{GS}3006", end="\r", gaps=gaps))
    assert scanner_filter.scans == []  # raw here: nothing decoded, nothing swallowed
    values = {name: label.text() for name, label in page.values.items()}
    assert values["characters"] == "]C101069701230000311726123110AB-7\\x1d3006\\r"
    assert (values["prefix"], values["suffix"], values["symbology"]) == ("none", "\\r", "]C1")
    assert values["timing"].startswith("43 keys") and values["utf8"] == "ASCII only"  # 39 characters, Shift ×3, Ctrl
    assert "prefix/suffix" in values["suggestion"]
    fastest, _median, slowest = page.result.gaps_ms
    assert gaps[0] <= fastest and slowest <= gaps[1]
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Apply
    workstation = dialog.page(WorkstationPage)
    assert (workstation.scanner_prefix.text(), workstation.scanner_suffix.text()) == ("", "\\r")
    dialog.save()
    assert settings.scanner_prefix == "" and settings.scanner_suffix == "\r"


def test_a_scanner_without_suffix_is_timing_mode_and_chinese_means_utf8(qtbot, settings, scanner_filter):
    settings.scanner_prefix, settings.scanner_suffix = "\x02", "\r"
    dialog, page = open_test_page(qtbot, settings)
    KEYBOARD.pause(300)
    send(page.capture, KEYBOARD.scanner("]Q1西8排1架6层4位", end=""))
    assert page.values["suffix"].text() == "none" and page.values["symbology"].text() == "]Q1"
    assert "timing" in page.values["suggestion"].text() and "UTF-8" in page.values["utf8"].text()
    page.apply_button.click()
    workstation = dialog.page(WorkstationPage)
    assert (workstation.scanner_prefix.text(), workstation.scanner_suffix.text()) == ("", "")
    assert workstation.scanner_utf8.isChecked()
    dialog.save()
    assert (settings.scanner_prefix, settings.scanner_suffix, settings.scanner_types_utf8) == ("", "", True)


def test_a_pause_starts_the_next_test_scan_and_tab_is_a_suffix(qtbot, settings, scanner_filter):
    _dialog, page = open_test_page(qtbot, settings)
    KEYBOARD.pause(300)
    send(page.capture, KEYBOARD.scanner("OLD", end="\r"))
    KEYBOARD.pause(2_000)
    send(page.capture, KEYBOARD.scanner("\x02SO-1001", end="\t"))
    assert page.capture.hasFocus()  # Tab did not move on
    assert (page.result.prefix, page.result.data, page.result.suffix) == ("\x02", "SO-1001", "\t")


def test_probe_of_a_bare_scan():
    found = probe([TypedKey("A", 0), TypedKey("", 1), TypedKey("1", 3), TypedKey("\r", 4)])
    assert (found.data, found.suffix, found.keys, found.gaps_ms, found.framing) == ("A1", "\r", 4, (1, 2, 3), ("", "\r"))
