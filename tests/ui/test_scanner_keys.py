"""Scanner key streams through the app-wide filter, as a USB or Bluetooth wedge sends them:
Shift pressed and released around capitals, Caps Lock, AIM prefixes, GS as Ctrl+] or as the
0x1D character, Enter or Tab at the end, 1–5 ms and 20–40 ms between keys — and a person
typing, alone or at the same time. Modifier keys never end or split a scan; a person's keys
reach the field in order and are never taken for a scan."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from tests.ui.key_streams import BLUETOOTH, GS, USB, Keyboard, interleave, send
from wms_desktop.devices.scanner import WedgeDecoder
from wms_desktop.ui.scanning import ScannerFilter

CODES = ["SO-1001", "XY-2002", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "PO-2024-0077-Zx", "A01-02-03", "129092-BK-XL"]


class Wedge:
    """A window with a text field that has the keyboard, and the filter in front of it."""

    def __init__(self, qtbot, qapp) -> None:
        self.window = QWidget()
        self.edit = QLineEdit()
        QVBoxLayout(self.window).addWidget(self.edit)
        qtbot.addWidget(self.window)
        self.window.show()
        self.filter = ScannerFilter(WedgeDecoder())
        self.scans: list = []
        self.filter.scanned.connect(lambda scan, widget: self.scans.append((scan, widget)))
        self.filter.install(qapp)
        self.keyboard = Keyboard()
        self.qtbot = qtbot

    def settle(self) -> None:
        """Wait for the filter to give back what it holds (a person's last keys)."""
        self.qtbot.waitUntil(lambda: self.filter.holding == 0, timeout=2000)

    @property
    def texts(self) -> list[str]:
        return [scan.raw for scan, _widget in self.scans]


@pytest.fixture
def wedge(qtbot, qapp):
    wedge = Wedge(qtbot, qapp)
    yield wedge
    wedge.filter.uninstall()
    wedge.filter.deleteLater()


@pytest.mark.parametrize("gaps", [USB, BLUETOOTH], ids=["usb-1-5ms", "bluetooth-20-40ms"])
def test_shift_around_capitals_never_ends_or_splits_a_scan(wedge, gaps):
    for code in CODES:
        wedge.keyboard.pause(300)
        send(wedge.edit, wedge.keyboard.scanner(code, gaps=gaps))
    wedge.settle()
    assert wedge.texts == CODES  # SO-1001 arrived as O-1001, the S typed into the field
    assert all(widget is wedge.edit for _scan, widget in wedge.scans)
    assert wedge.edit.text() == ""  # no scanner key typed into the field


def test_caps_lock_toggled_around_a_scan_and_a_tab_suffix(wedge):
    send(wedge.edit, wedge.keyboard.scanner("SO-1001", caps_lock=True))
    wedge.keyboard.pause(200)
    send(wedge.edit, wedge.keyboard.scanner("XY-2002", end="\t", gaps=BLUETOOTH))
    wedge.settle()
    assert wedge.texts == ["SO-1001", "XY-2002"] and wedge.edit.text() == ""


@pytest.mark.parametrize("gs", ["ctrl", "char"], ids=["gs-as-ctrl-bracket", "gs-as-0x1d"])
def test_aim_prefixes_and_gs_separators_as_scanners_send_them(wedge, gs):
    element_string = f"0106970123000017{GS}10B251203{GS}17261231"
    for prefix in ("]C1", "]d2", "]Q3"):
        wedge.keyboard.pause(300)
        send(wedge.edit, wedge.keyboard.scanner(prefix + element_string, gs=gs))
    wedge.keyboard.pause(300)
    send(wedge.edit, wedge.keyboard.scanner("]E06970123000017", gs=gs, gaps=BLUETOOTH))
    wedge.settle()
    scans = [scan for scan, _widget in wedge.scans]
    assert [scan.symbology for scan in scans] == ["]C1", "]d2", "]Q3", "]E0"]
    for scan in scans[:3]:
        assert scan.text == element_string and scan.kind == "gs1"
        assert scan.gs1["gtin"] == "06970123000017" and scan.gs1["batch_number"] == "B251203"
        assert scan.gs1["expiry_date"] == date(2026, 12, 31)
    assert scans[3].text == "6970123000017" and scans[3].gs1 is None
    assert wedge.edit.text() == ""


def test_a_person_typing_is_typed_in_order_and_never_scanned(wedge, qtbot):
    send(wedge.edit, wedge.keyboard.person("Hello-World 129092"))
    wedge.settle()
    assert wedge.edit.text() == "Hello-World 129092" and wedge.scans == []
    wedge.edit.clear()
    # a very fast typist: keys 25–45 ms apart (as close as a Bluetooth scanner's), each held
    # 80–120 ms so the next goes down first, then Enter: typing, not a scan
    with qtbot.waitSignal(wedge.edit.returnPressed, timeout=2000):
        send(wedge.edit, wedge.keyboard.person("li.wei-0042\r", gaps=(25, 45), holds=(80, 120)))
        wedge.settle()
    assert wedge.edit.text() == "li.wei-0042" and wedge.scans == []


def test_a_person_typing_while_a_scan_arrives_keeps_both(wedge):
    """The clerk types "abc" into the field; the scanner reads SO-1001 while "b" is still down:
    the scan comes out whole and the field gets abc, in order."""
    start = wedge.keyboard.now
    typing = wedge.keyboard.person("abc", gaps=(150, 150), holds=(100, 100))  # b is down from +150 to +250
    wedge.keyboard.now = start + 160
    scanning = wedge.keyboard.scanner("SO-1001")
    send(wedge.edit, interleave(typing, scanning))
    wedge.settle()
    assert wedge.texts == ["SO-1001"]
    assert wedge.edit.text() == "abc"


def test_a_mix_of_scans_and_typing_at_every_speed(wedge):
    """Person, USB scan, person, Bluetooth scan, person: each scan whole, the typing in order."""
    expected_text, expected_scans = "", []
    for n, code in enumerate(CODES):
        words = f"q{n}x"
        send(wedge.edit, wedge.keyboard.person(words))
        expected_text += words
        wedge.keyboard.pause(200)
        send(wedge.edit, wedge.keyboard.scanner(code, gaps=(USB, BLUETOOTH)[n % 2]))
        expected_scans.append(code)
        wedge.keyboard.pause(200)
    wedge.settle()
    assert wedge.texts == expected_scans and wedge.edit.text() == expected_text
