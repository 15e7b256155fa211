"""File → Import…: preview, dry run listing every refused row, errors saved as CSV, a real run,
stop — on the demo database."""
from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from wms_desktop.domain.errors import WmsError
from wms_desktop.ui.dialogs.import_csv import ImportDialog
from wms_desktop.ui.session import Session


@pytest.fixture
def dialog(qtbot, screen_context, runner, services):
    screen_context.session = Session(2, "zhang.min", "张敏", "supervisor")
    screen_context.services = services.acting_as("zhang.min", "supervisor")
    made = ImportDialog(screen_context)
    qtbot.addWidget(made, before_close_func=lambda _w: runner.wait_for_done())
    made.show()
    made.kind.setCurrentIndex(made.kind.findData("locations"))
    return made


def locations_file(tmp_path, rows: list[str], encoding: str = "utf-8-sig"):
    path = tmp_path / "库位.csv"
    path.write_text("location_code,location_name,location_type\n" + "".join(r + "\n" for r in rows),
                    encoding=encoding)
    return path


def run(qtbot, runner, dialog, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    runner.wait_for_done()


def test_preview_check_save_errors_then_import(qtbot, runner, dialog, services, tmp_path):
    bad = locations_file(tmp_path, ["IMP-1,一号,storage", "IMP-2,二号,warehouse", "IMP-3,三号,", ",无码,storage"],
                         encoding="gb18030")
    dialog.set_file(str(bad))
    assert dialog.preview_table.columnCount() == 3 and dialog.preview_table.rowCount() == 4
    assert dialog.preview_table.item(1, 1).text() == "二号" and "gb18030" in dialog.status.text()
    run(qtbot, runner, dialog, dialog.check_button)
    assert "Checked, nothing written" in dialog.status.text()
    assert [dialog.errors_table.item(r, 0).text() for r in range(dialog.errors_table.rowCount())] == ["3", "5"]
    assert dialog.save_errors_button.isEnabled()
    saved = dialog.save_errors_to(tmp_path / "errors.csv")
    with saved.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["row", "error_code", "code", "error_message", "details"]
    assert [r[0] for r in rows[1:]] == ["3", "5"]
    run(qtbot, runner, dialog, dialog.import_button)  # a real run with refused rows writes nothing
    assert "nothing of the file was written" in dialog.status.text()
    assert not any(loc.location_code.startswith("IMP-") for loc in services.locations.list())

    imported = []
    dialog.imported.connect(imported.append)
    dialog.set_file(str(locations_file(tmp_path, ["IMP-1,一号,storage", "IMP-3,三号,"])))
    run(qtbot, runner, dialog, dialog.import_button)
    assert dialog.status.text().startswith("Imported.") and len(imported) == 1
    assert {loc.location_code for loc in services.locations.list()} >= {"IMP-1", "IMP-3"}
    assert not dialog.save_errors_button.isEnabled()


def test_stop_asks_the_run_to_roll_back_and_says_so(qtbot, runner, dialog, tmp_path):
    dialog.set_file(str(locations_file(tmp_path, [f"STOP-{n},n,storage" for n in range(3000)])))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.running and dialog.stop_button.isEnabled() and not dialog.import_button.isEnabled()
    channel = dialog._channel
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    assert channel.cancelled
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    runner.wait_for_done()
    # stopped before its last chunk (rolled back), or finished first: either way the dialog says which
    assert dialog.status.text().startswith(("Stopped: nothing of the file was written.", "Imported."))
    dialog._failed(WmsError("OPERATION_CANCELLED"))
    assert dialog.status.text() == "Stopped: nothing of the file was written."


def test_a_clerk_may_not_import(qtbot, screen_context, runner):
    made = ImportDialog(screen_context)  # a clerk: no kind to import
    qtbot.addWidget(made)
    assert made.kind.count() == 0 and not made.import_button.isEnabled()
    assert made.status.text() == "Your role does not allow importing."
