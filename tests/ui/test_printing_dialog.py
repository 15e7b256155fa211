"""The print dialog from each screen: preview, print to file, coded errors, cancel, reprint."""
from __future__ import annotations

import socket
import threading
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from wms_desktop.devices.printing import FileTarget
from wms_desktop.ui.printing.labels_dialog import SKU, PrintLabelsDialog
from wms_desktop.ui.printing.printers import PrinterSettings
from wms_desktop.ui.screens import LocationsScreen, ProductsScreen, StockScreen
from wms_desktop.ui.settings.printers_page import PrinterSettingsPage


@pytest.fixture
def print_context(screen_context, settings, tmp_path):
    PrinterSettings(settings).label_folder = str(tmp_path / "out")
    screen_context.extras["print_history_dir"] = str(tmp_path / "history")
    return screen_context


@pytest.fixture(autouse=True)
def _printing_to_tmp(print_context):
    """Every screen here prints into the test's own folders."""


def settle(qtbot, runner, condition, timeout=10_000):
    qtbot.waitUntil(lambda: (runner.wait_for_done(), condition())[1], timeout=timeout)


def ready(qtbot, runner, dialog):
    settle(qtbot, runner, lambda: dialog.labels and dialog.preview_png is not None)
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    assert dialog.preview_png.startswith(b"\x89PNG")


def files(folder, fmt):
    return sorted(folder.glob(f"*.{fmt}")) if folder.exists() else []


def zpl_labels(folder):
    return sum(path.read_bytes().count(b"^XA") for path in files(folder, "zpl"))


def pdf_pages(folder):
    import pypdfium2

    total = 0
    for path in files(folder, "pdf"):
        pdf = pypdfium2.PdfDocument(str(path))
        total += len(pdf)
        pdf.close()
    return total


def press_print(qtbot, dialog):
    dialog.print_button.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def test_products_screen_prints_every_sku_of_the_selected_product_to_pdf(qtbot, open_screen, runner, services,
                                                                         tmp_path):
    screen = open_screen(ProductsScreen)
    settle(qtbot, runner, lambda: screen.detail is not None)
    product = screen.detail
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # keyboard only
    dialog = screen.print_dialog
    assert isinstance(dialog, PrintLabelsDialog) and dialog.isVisible()
    ready(qtbot, runner, dialog)
    expected = len(product.skus) or 1
    assert len(dialog.labels) == expected
    assert str(expected) in dialog.summary.text()
    assert dialog.target.currentData()[0] == "file"
    press_print(qtbot, dialog)
    settle(qtbot, runner, lambda: dialog.last_result is not None)
    assert not dialog.error.text()
    assert pdf_pages(tmp_path / "out") == expected
    assert dialog.progress.value() == expected


def test_products_screen_selected_sku_cell_prints_that_sku(qtbot, open_screen, runner):
    screen = open_screen(ProductsScreen)
    settle(qtbot, runner, lambda: screen.detail is not None)
    cell = next(screen.grid.item(0, c) for c in range(screen.grid.columnCount())
                if screen.grid.item(0, c) and screen.grid.item(0, c).data(Qt.ItemDataRole.UserRole))
    screen.grid.setCurrentItem(cell)
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    assert [label.sku_code for label in dialog.labels] == [cell.data(Qt.ItemDataRole.UserRole)]


def test_locations_screen_prints_selected_locations_as_zpl(qtbot, open_screen, runner, tmp_path):
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() >= 3)
    screen.table.selectRow(0)
    screen.table.selectionModel().select(screen.proxy.index(2, 0), screen.table.selectionModel().SelectionFlag.Select
                                         | screen.table.selectionModel().SelectionFlag.Rows)
    codes = [screen.proxy.index(r, 0).data() for r in (0, 2)]
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    assert [label.location_code for label in dialog.labels] == codes
    dialog.format.setCurrentIndex(dialog.format.findData("zpl"))
    dialog.labels_per_job = 1
    press_print(qtbot, dialog)
    settle(qtbot, runner, lambda: dialog.last_result is not None)
    assert zpl_labels(tmp_path / "out") == 2 and len(files(tmp_path / "out", "zpl")) == 2
    assert "2" in dialog.status.text()


def test_stock_screen_prints_the_skus_of_the_selected_rows(qtbot, open_screen, runner, tmp_path):
    screen = open_screen(StockScreen)
    settle(qtbot, runner, lambda: screen.model.rowCount() >= 2 and screen.model.row_data(1) is not None)
    flags = screen.table.selectionModel().SelectionFlag
    screen.table.selectionModel().select(screen.model.index(0, 0), flags.ClearAndSelect | flags.Rows)
    screen.table.selectionModel().select(screen.model.index(1, 0), flags.Select | flags.Rows)
    skus = list(dict.fromkeys(screen.model.row_data(r).sku_code for r in (0, 1)))
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    assert [label.sku_code for label in dialog.labels] == skus
    dialog.format.setCurrentIndex(dialog.format.findData("zpl"))
    press_print(qtbot, dialog)
    settle(qtbot, runner, lambda: dialog.last_result is not None)
    assert zpl_labels(tmp_path / "out") == len(skus)


def test_profile_change_renders_a_new_preview(qtbot, open_screen, runner):
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() >= 1)
    screen.table.selectRow(0)
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    first = dialog.preview_png
    dialog.profile.setCurrentIndex(dialog.profile.findData("100x50@300"))
    settle(qtbot, runner, lambda: dialog.preview_png != first)


def _refused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again: nothing listens there


def test_unreachable_printer_shows_the_coded_error_in_the_users_language(qtbot, open_screen, runner, settings,
                                                                        translator, tmp_path):
    printers = PrinterSettings(settings)
    printers.label_target = "raw_tcp"
    printers.label_address = f"127.0.0.1:{_refused_port()}"
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() >= 1)
    screen.table.selectRow(0)
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    assert dialog.target.currentData()[0] == "raw_tcp"
    dialog.format.setCurrentIndex(dialog.format.findData("zpl"))
    press_print(qtbot, dialog)
    settle(qtbot, runner, lambda: dialog.last_result is not None)
    assert "[PRINTER_UNREACHABLE 10101]" in dialog.error.text()
    assert "The printer cannot be reached" in dialog.error.text()
    assert dialog.last_result.error_code == "PRINTER_UNREACHABLE" and runner.crashes == []
    assert dialog.print_button.isEnabled() and not dialog.printing
    translator.set_language("zh_CN")
    try:
        dialog.show_wms_error(dialog.last_result)
        assert "打印机" in dialog.error.text() and "[PRINTER_UNREACHABLE 10101]" in dialog.error.text()
    finally:
        translator.set_language("en")
    # the failed job is in the history
    dialog.tabs.setCurrentIndex(1)
    settle(qtbot, runner, lambda: dialog.history_view.topLevelItemCount() == 1)
    assert "PRINTER_UNREACHABLE" in dialog.history_view.topLevelItem(0).text(5)


GATE = threading.Event()
ENTERED = threading.Event()


@dataclass(frozen=True)
class GatedFile(FileTarget):
    """A file target whose first send waits for the test."""

    def send(self, payload: bytes, fmt: str, job_id: str) -> None:
        ENTERED.set()
        GATE.wait(10)
        super().send(payload, fmt, job_id)


def test_cancel_stops_a_batch_between_jobs(qtbot, open_screen, runner, tmp_path):
    GATE.clear()
    ENTERED.clear()
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() >= 3)
    screen.table.selectAll()
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    total = len(dialog.labels)
    assert total >= 3
    dialog.labels_per_job = 1
    dialog.format.setCurrentIndex(dialog.format.findData("zpl"))
    out = tmp_path / "out"
    dialog.make_target = lambda: GatedFile(str(out))
    press_print(qtbot, dialog)
    assert dialog.printing and dialog.cancel_button.isEnabled() and dialog.progress.isVisible()
    assert ENTERED.wait(10)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc while printing = Cancel, not close
    assert dialog.isVisible()
    GATE.set()
    settle(qtbot, runner, lambda: dialog.last_result is not None)
    assert dialog.last_result.cancelled
    assert len(dialog.last_result.jobs) == 1 and len(files(out, "zpl")) == 1 < total
    assert "Cancelled" in dialog.status.text()
    assert not dialog.printing and dialog.print_button.isEnabled()


def test_reprint_from_history(qtbot, open_screen, runner, tmp_path):
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() >= 1)
    screen.table.selectRow(0)
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("zpl"))
    press_print(qtbot, dialog)
    settle(qtbot, runner, lambda: dialog.last_result is not None)
    out = tmp_path / "out"
    assert len(files(out, "zpl")) == 1
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # &History
    settle(qtbot, runner, lambda: dialog.tabs.currentIndex() == 1 and dialog.history_view.topLevelItemCount() == 1)
    dialog.history_view.setFocus()
    qtbot.keyClick(dialog.history_view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # R&eprint
    settle(qtbot, runner, lambda: dialog.history_view.topLevelItemCount() == 2)
    written = files(out, "zpl")
    assert len(written) == 2
    assert written[0].read_bytes() == written[1].read_bytes()
    assert dialog.history[0].reprint_of == dialog.history[1].job_id
    assert not dialog.history_error.text()


def test_nothing_selected_opens_no_dialog(qtbot, open_screen, runner):
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() >= 1)
    screen.table.clearSelection()
    screen.table.setCurrentIndex(screen.proxy.index(-1, -1))
    assert screen.print_labels() is None
    assert screen.info.text()


def test_a_load_error_replaces_the_loading_summary_once_naming_the_code(qtbot, print_context, runner):
    dialog = PrintLabelsDialog(print_context, SKU, ["NOPE99"])
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    settle(qtbot, runner, lambda: dialog.load_error is not None)
    assert "Loading" not in dialog.summary.text()
    assert dialog.summary.text() == "Nothing to print: NOPE99 — Product not found [PRODUCT_NOT_FOUND 13001]"
    assert dialog.error.text() == ""  # said once, above the form
    assert dialog.preview.text() == "No preview: nothing to print."  # not an empty white box
    assert not dialog.print_button.isEnabled() and runner.crashes == []


def test_label_sizes_and_a_long_folder_read_well(qtbot, print_context, runner, settings, tmp_path):
    folder = str(tmp_path / "a-long-folder-name-that-does-not-fit-in-the-field" / "labels" / "today")
    PrinterSettings(settings).label_folder = folder
    dialog = PrintLabelsDialog(print_context, SKU, ["NOPE99"])
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    # the size as the Printers settings tab names it, not the stored key
    assert dialog.profile.currentData() == "50x30@203" and dialog.profile.currentText() == "50 × 30 mm, 203 dpi"
    page = PrinterSettingsPage(settings)
    assert [page.profile.itemText(i) for i in range(page.profile.count())] == \
        [dialog.profile.itemText(i) for i in range(dialog.profile.count())]
    # the start of the path shows, the whole of it in the tooltip
    assert dialog.folder.text() == folder and dialog.folder.cursorPosition() == 0
    assert dialog.folder.toolTip() == folder
    settle(qtbot, runner, lambda: dialog.load_error is not None)


def test_a_rendering_refusal_goes_through_the_failure_path(qtbot, open_screen, runner, tmp_path):
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() >= 1)
    screen.table.selectRow(0)
    dialog = screen.print_labels()
    ready(qtbot, runner, dialog)
    dialog.format.setItemData(0, "svg")  # no such format: the renderer refuses with a code
    dialog.format.setCurrentIndex(0)
    press_print(qtbot, dialog)
    settle(qtbot, runner, lambda: dialog.last_result is not None)
    assert "[PRINT_FORMAT_UNSUPPORTED 14102]" in dialog.error.text()
    assert runner.crashes == [] and not dialog.printing and files(tmp_path / "out", "svg") == []
