"""The Printers settings page: load, validate, save under printing/, and a test print to a
loopback printer or the coded error when nothing listens."""
from __future__ import annotations

import socket
import threading

import pytest
from PySide6.QtCore import Qt

from wms_desktop.ui.printing.printers import PrinterSettings
from wms_desktop.ui.settings.printers_page import PrinterSettingsPage


@pytest.fixture
def page(qtbot, runner, settings):
    page = PrinterSettingsPage(settings, runner=runner)
    qtbot.addWidget(page, before_close_func=lambda _w: runner.wait_for_done())
    page.load(settings)
    page.show()
    return page


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))
    assert combo.currentData() == data


def test_defaults_then_save_and_reload(page, settings, tmp_path):
    assert page.label.printer_kind() == "" and not page.label.address.isEnabled()
    assert page.profile.currentData() == "50x30@203" and page.paper.currentData() == "a4"
    choose(page.label.kind, "raw_tcp")
    page.label.address.setText(" 10.1.2.3:6101 ")
    choose(page.profile, "100x50@300")
    choose(page.format, "zpl")
    page.document.folder.setText(str(tmp_path / "docs"))
    choose(page.paper, "roll80")
    assert page.validate() is None
    assert page.save(settings) is False
    printers = PrinterSettings(settings)
    assert (printers.label_target, printers.label_address, printers.profile(), printers.format()) == \
        ("raw_tcp", "10.1.2.3:6101", "100x50@300", "zpl")
    assert printers.printer("label").host == "10.1.2.3" and printers.printer("label").port == 6101
    assert printers.printer("document") is None and printers.folder("document") == str(tmp_path / "docs")
    assert settings.qsettings.value("printing/document_paper") == "roll80"
    again = PrinterSettingsPage(settings)
    again.load(settings)
    assert again.label.address.text() == "10.1.2.3:6101" and again.format.currentData() == "zpl"
    assert again.paper.currentData() == "roll80" and again.label.address.isEnabled()
    again.deleteLater()


def test_a_bad_address_is_refused_before_anything_is_saved(page, settings):
    choose(page.document.kind, "raw_tcp")
    page.document.address.setText("printer:99999")
    problem = page.validate()
    assert problem and "host:port" in problem
    assert page.document.address.hasFocus() or not page.isActiveWindow()
    assert settings.qsettings.value("printing/document_target") is None


def _listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    received = bytearray()

    def serve():
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(65536):
                received.extend(chunk)
        server.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server.getsockname()[1], received, thread


def test_test_print_sends_one_sample_label_to_a_loopback_printer(qtbot, page, runner):
    port, received, thread = _listener()
    choose(page.label.kind, "raw_tcp")
    page.label.address.setText(f"127.0.0.1:{port}")
    choose(page.format, "zpl")
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Test print
    qtbot.waitUntil(lambda: (runner.wait_for_done(), page.last_test is not None)[1], timeout=10_000)
    thread.join(5)
    assert bytes(received).count(b"^XA") == 1 and b"TEST-0001" in bytes(received)
    assert f"127.0.0.1:{port}" in page.test_result.text() and page.test_button.isEnabled()


def test_test_print_reports_the_coded_error(qtbot, page, runner, translator):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    choose(page.label.kind, "raw_tcp")
    page.label.address.setText(f"127.0.0.1:{port}")
    page.test_print()
    qtbot.waitUntil(lambda: (runner.wait_for_done(), page.last_test is not None)[1], timeout=10_000)
    assert "[PRINTER_UNREACHABLE 10101]" in page.test_result.text() and runner.crashes == []
    assert f"127.0.0.1:{port}" in page.test_result.text()


def test_test_print_without_a_printer_saves_the_sample_in_the_folder(qtbot, page, runner, tmp_path):
    page.label.folder.setText(str(tmp_path / "labels"))
    page.test_print()
    qtbot.waitUntil(lambda: (runner.wait_for_done(), page.last_test is not None)[1], timeout=10_000)
    (written,) = (tmp_path / "labels").glob("test-print-*.pdf")
    assert written.read_bytes().startswith(b"%PDF")



def test_the_page_is_a_tab_of_the_settings_dialog(qtbot, settings):
    from wms_desktop.ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(settings, page_factories=[PrinterSettingsPage])
    qtbot.addWidget(dialog)
    page = dialog.page(PrinterSettingsPage)
    assert dialog.tabs.tabText(0) == "Printers"
    choose(page.label.kind, "raw_tcp")
    page.label.address.setText("bad host:1")
    dialog.save()
    assert dialog.error_label.isVisibleTo(dialog) and settings.qsettings.value("printing/label_target") is None
    page.label.address.setText("zebra-1")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.restart_needed
    assert PrinterSettings(settings).printer("label").host == "zebra-1"
