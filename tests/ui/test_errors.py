"""Coded errors in the user's language; crashes to one dialog with a copy button; the log file."""
from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from wms_desktop.domain.errors import CATALOGUE, WmsError
from wms_desktop.ui.errors.crash import CrashDialog, CrashReporter, setup_logging
from wms_desktop.ui.errors.messages import error_messages, error_text


def test_every_catalogue_code_has_english_and_chinese_text(translator):
    english = error_messages()
    assert set(CATALOGUE) <= set(english)
    translator.set_language("zh_CN")
    chinese = error_messages()
    untranslated = [code for code in CATALOGUE if chinese[code] == english[code]]
    assert untranslated == []
    assert chinese["LOCATION_NOT_FOUND"] == "找不到该库位"


def test_error_text_names_the_code_and_keeps_data_untranslated(translator):
    translator.set_language("zh_CN")
    error = WmsError("INSUFFICIENT_STOCK", details={"location_code": "西8排1架6层4位", "available_quantity": 3,
                                                    "requested_quantity": 8})
    assert error_text(error) == "该库位库存不足 (无批次; 可用：3，需要：8) [INSUFFICIENT_STOCK 15002]"
    translator.set_language("en")
    assert error_text(error) == "Not enough stock at this location (without a batch; available: 3, requested: 8) [INSUFFICIENT_STOCK 15002]"
    invalid = WmsError("INVALID_PARAMETERS", details={"field": "password", "min_length": 8})
    assert error_text(invalid) == "Invalid input (field: password; at least 8 characters) [INVALID_PARAMETERS 14001]"
    assert error_text(WmsError("LOCK_TIMEOUT")).endswith("[LOCK_TIMEOUT]")


def test_crash_dialog_copy_button_copies_the_details(qtbot, translator):
    dialog = CrashDialog("KeyError: 'x'", "Traceback …\nKeyError: 'x'\n西8排1架6层4位")
    qtbot.addWidget(dialog)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Traceback …\nKeyError: 'x'\n西8排1架6层4位"
    assert dialog.copy_button.text() == "Copied"


def _raise_here():
    raise ValueError("boom")


def _exc_info():
    try:
        _raise_here()
    except ValueError:
        return sys.exc_info()


def test_reporter_shows_one_dialog_and_deduplicates(qtbot, translator):
    reporter = CrashReporter()
    first, second = _exc_info(), _exc_info()  # same place, so the same crash
    with qtbot.waitSignal(reporter.crashed, timeout=2000) as blocker:
        reporter.report(*first)
    assert blocker.args[0] == "ValueError: boom"
    assert "_raise_here" in blocker.args[1]
    qtbot.addWidget(reporter.dialog)
    assert reporter.dialog.isVisible()
    with qtbot.assertNotEmitted(reporter.crashed):
        reporter.report(*second)
    assert reporter.count(first[0], first[2]) == 2
    reporter.deleteLater()


def test_thread_exceptions_reach_the_gui_thread_through_the_hook(qtbot, translator):
    reporter = CrashReporter(show_dialog=False)
    reporter.install()
    try:
        assert sys.excepthook == reporter.report
        with qtbot.waitSignal(reporter.crashed, timeout=3000) as blocker:
            thread = threading.Thread(target=_raise_here)
            thread.start()
            thread.join()
        assert blocker.args[0] == "ValueError: boom"
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter.report
    reporter.deleteLater()


def test_log_file_rotates_in_the_given_directory(tmp_path, restore_logging):
    path = setup_logging(tmp_path / "logs")
    assert setup_logging(tmp_path / "logs") == path  # idempotent: one handler
    logging.getLogger("wms_desktop.test").warning("库位 西8排1架6层4位 checked")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.parent == tmp_path / "logs"
    assert "库位 西8排1架6层4位 checked" in path.read_text(encoding="utf-8")
