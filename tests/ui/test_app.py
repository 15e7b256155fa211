"""The composition root: screenshots, the schema-mismatch refusal, and one real run from an
empty embedded database to the main window (real services, real SQLite)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import tools.screenshot as screenshot
import wms_desktop.app as app_module
from tests.ui.mnemonics import duplicate_mnemonics
from wms_desktop.app import EXIT_SCHEMA_MISMATCH
from wms_desktop.cli import main
from wms_desktop.ui.dialogs.login import FirstAdminDialog, LoginDialog
from wms_desktop.ui.main_window import MainWindow

EXPECTED = ["01-login", "02-login-error", "03-first-admin", "04-settings", "05-crash", "06-schema-mismatch",
            "07-settings-printers", "08-settings-workstation", "09-settings-devices",
            "10-main-products", "11-main-locations", "12-main-stock", "13-main-movements", "14-main-sensors",
            "15-main-alerts", "16-main-receiving", "17-main-orders", "18-main-counts",
            "20-product-editor-refused", "21-product-editor-new", "22-location-editor", "23-pack-station", "23-pick", "23-return", "23-wave",
            "24-print-labels-load-error", "25-inbound-weight-ok", "26-outbound-weight-too-light",
            "27-transfer", "28-adjust",
            "30-users", "31-new-user", "32-clerk-products",
            "40-receiving-session", "41-receiving-over-receipt", "42-receiving-blind",
            "43-receiving-putaway",
            "50-count-new-task", "51-count-session", "52-count-recount", "53-count-approval"]


@pytest.fixture
def user_data(tmp_path, monkeypatch, restore_logging):
    """The user data directory (embedded database, log file) in a temporary place."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("WMS_DATABASE_URL", raising=False)
    monkeypatch.delenv("WMS_WAREHOUSE", raising=False)
    return tmp_path / "xdg" / "wms-desktop"


@pytest.mark.slow
def test_screenshot_run_renders_every_screen_in_both_languages(tmp_path, user_data, monkeypatch):
    """Every window and dialog, in both languages — and in each, no Alt+letter that two things
    answer (the Language menu and "Print labels" both had Alt+L)."""
    clashes = []
    real_grab = screenshot._grab

    def grab(widget, path, fit=True):
        shown = real_grab(widget, path, fit)
        clashes.extend(duplicate_mnemonics(widget, f"{path.parent.name}/{path.stem}"))
        return shown

    monkeypatch.setattr(screenshot, "_grab", grab)
    out = tmp_path / "shots"
    assert main(["--demo", "--screenshot", str(out)]) == 0
    assert clashes == []
    for language in ("en", "zh_CN"):
        names = sorted(p.stem for p in (out / language).glob("*.png"))
        assert names == EXPECTED
        for name in names:
            image = QImage(str(out / language / f"{name}.png"))
            assert not image.isNull() and image.width() >= 300 and image.height() >= 100
    # the two languages really differ, and the log went to the user data directory
    assert (out / "en" / "10-main-products.png").read_bytes() != (out / "zh_CN" / "10-main-products.png").read_bytes()
    assert (user_data / "logs" / "wms-desktop.log").exists()
    assert not (user_data / "wms.sqlite3").exists()  # screenshots never touch the real database


def test_schema_mismatch_is_explained_and_exits_non_zero(tmp_path, user_data, monkeypatch):
    shown = []
    real_box = app_module.schema_mismatch_box

    def box(error, parent=None):
        real = real_box(error, parent)
        shown.append((error.details["state"], real.text(), real.informativeText()))
        real.exec = lambda: 0  # do not block the test
        return real

    monkeypatch.setattr(app_module, "schema_mismatch_box", box)
    rc = main(["--database-url", f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}", "--language", "zh_CN"])
    assert rc == EXIT_SCHEMA_MISMATCH
    state, text, info = shown[0]
    assert state == "empty"
    assert "wms-desktop db upgrade" in text and "数据库" in text
    assert "[SCHEMA_MISMATCH]" in info


def test_first_run_creates_the_admin_logs_in_and_quits(qtbot, user_data):
    """Embedded database from nothing: --demo migrates and seeds, no users → first admin →
    login → main window; closing the main window ends the run with 0."""
    seen = {}

    def visible(cls):
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()), None)

    def drive():
        if (first := visible(FirstAdminDialog)) is not None and first.submit_button.isEnabled():
            first.user_name.setText("boss")
            first.display_name.setText("王老板")
            first.password.setText("admin-pass-1")
            first.repeat.setText("admin-pass-1")
            first.submit()
            seen["first_admin"] = True
        elif (login := visible(LoginDialog)) is not None and login.submit_button.isEnabled():
            seen["login_user"] = login.user_name.text()
            login.password.setText("admin-pass-1")
            login.submit()
        elif (window := visible(MainWindow)) is not None:
            seen["status"] = (window.status.user_label.text(), window.status.warehouse_label.text(),
                              window.status.database_label.toolTip())
            seen["operator_id"] = window.context.session.operator_id
            window.close()

    driver = QTimer()
    driver.timeout.connect(drive)
    driver.start(50)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: QApplication.instance().exit(99))
    watchdog.start(30_000)
    try:
        rc = main(["--demo", "--language", "en"])
    finally:
        driver.stop()
        watchdog.stop()
    assert rc == 0
    assert seen["first_admin"] and seen["login_user"] == "boss"
    assert seen["operator_id"] == "boss"
    user, warehouse, database = seen["status"]
    assert user == "User: 王老板 (boss)" and warehouse == "Warehouse: WH01"
    assert database.startswith("sqlite:///") and database.endswith("wms.sqlite3")
    assert (user_data / "wms.sqlite3").exists()
