"""Help → Scan log: the last 200 scans of the workstation with where each went, newest first,
updated live; a scan refused in a window that takes none is listed without its text (its keys
may have been a password). Fed by real scanner key streams."""
from __future__ import annotations

from tests.ui.key_streams import scan_keys
from tests.ui.test_scan_codes_ui import WEST, coded  # noqa: F401
from tests.ui.test_scan_routing import UNKNOWN, scan, window  # noqa: F401
from wms_desktop.devices.scanner import Scan
from wms_desktop.ui.dialogs.login import NewUserDialog
from wms_desktop.ui.scanning import SCAN_LOG_SIZE, ScanLog


def rows(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(1, 4)] for r in range(model.rowCount())]


def test_the_log_says_where_each_scan_went_newest_first(qtbot, window, screen_context, runner, coded):
    locations = window.screen_named("locations")
    window.show_screen(window.screens.index(locations))
    scan(qtbot, window, locations.search_box, coded[0])  # the scan code of 西8排1架6层4位
    scan(qtbot, window, locations.search_box, UNKNOWN)
    password = NewUserDialog(screen_context, parent=window)
    qtbot.addWidget(password, before_close_func=lambda _w: runner.wait_for_done())
    password.show()
    scan(qtbot, window, password.password, "Secret-99")
    password.close()
    log = window.open_scan_log()
    qtbot.addWidget(log)
    assert log.windowTitle() == "Scan log" and not log.isModal()
    assert rows(log) == [
        ["(not shown)", "", "Refused: read in a window that takes no scans"],
        [UNKNOWN, "Unknown", "Not taken: unknown here"],
        [coded[0], f"Location {WEST}", "Taken by the screen Locations"],
    ]
    assert "Secret-99" not in str([e.raw for e in window.scan_log.entries])


def test_a_scan_while_the_log_is_open_is_routed_and_shown_live(qtbot, window, coded):
    log = window.open_scan_log()
    qtbot.addWidget(log)
    qtbot.waitExposed(log)
    scan_keys(log.table, coded[2])  # read while the supervisor's log has the keyboard: a SKU's scan code
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=5000)
    assert rows(log)[0][:2] == [coded[2], f"SKU {coded[1]}"]
    assert window.routed == [(coded[2], "screen")]  # the window's screen took it: not refused


def test_the_log_keeps_the_last_200(qtbot, window):
    scan_log: ScanLog = window.scan_log
    for n in range(SCAN_LOG_SIZE + 5):
        scan_log.record(Scan(text=f"C{n}"), "unknown", None)
    log = window.open_scan_log()
    qtbot.addWidget(log)
    assert len(scan_log.entries) == SCAN_LOG_SIZE and log.model.rowCount() == SCAN_LOG_SIZE
    scan_log.record(Scan(text="LAST"), "unknown", None)
    assert log.model.rowCount() == SCAN_LOG_SIZE
    assert rows(log)[0][0] == "LAST" and rows(log)[-1][0] == "C6"
