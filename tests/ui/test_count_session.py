"""Counting with the scanner alone, on the demo database: a location counted by key-event scans
(a number before an item counts that many, the location scanned twice finishes it), blind
throughout; the recount by another counter; the approval window deciding, approving and
posting, with the variance report saved; the Counts screen listing the task."""
from __future__ import annotations

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget

from tests.ui.test_dialogs_operations import balance, scan_into
from tests.ui.ui_helpers import answer_question
from wms_desktop.contract.counts import CountLineIds, CountRef
from wms_desktop.devices.scanner import WedgeDecoder
from wms_desktop.ui.dialogs.count_approval import CountApprovalDialog
from wms_desktop.ui.dialogs.counting import CountSessionDialog
from wms_desktop.ui.printing.printers import PrinterSettings
from wms_desktop.ui.scanning import ScanFeedback, ScannerFilter, ScanRouter
from wms_desktop.ui.screens import CountsScreen
from wms_desktop.ui.screens.counts import NewCountDialog
from wms_desktop.ui.session import AppContext, Session

TASK = "CC-UI-1"
LABELS_EAN, BUBBLE = "6970123001717", "BUBBLE"  # LABEL100's barcode; a product code label


def context_of(services, settings, runner, translator, user: str) -> AppContext:
    return AppContext(services=services, settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="sqlite:///demo", translator=translator,
                      session=Session(1, user, user, "supervisor"))


@pytest.fixture
def counting(services, settings, runner, translator, tmp_path):
    """The task over two bins of the demo, and a context for each user."""
    PrinterSettings(settings).document_folder = str(tmp_path / "docs")
    services.counts.create({"count_number": TASK, "location_codes": ["A01-01-02", "A01-01-03"],
                            "operator_id": "boss"})
    return {user: context_of(services, settings, runner, translator, user) for user in ("li", "wang", "zhao")}


@pytest.fixture
def router(qapp, counting, runner):
    feedback = ScanFeedback()
    feedback.sound = lambda: None
    router = ScanRouter(counting["li"], lambda: None, feedback=feedback)
    scanner = ScannerFilter(WedgeDecoder())
    scanner.scanned.connect(router.submit)
    scanner.install(qapp)
    yield router
    runner.wait_for_done()
    scanner.uninstall()
    scanner.deleteLater()
    router.deleteLater()


def settle(qtbot, runner, condition, timeout=10_000):
    qtbot.waitUntil(lambda: (runner.wait_for_done(), condition())[1], timeout=timeout)


def open_session(qtbot, runner, context, router) -> CountSessionDialog:
    dialog = CountSessionDialog(context, router)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def scan(qtbot, runner, router, dialog, *codes: str) -> None:
    """Each code read by the scanner (a quantity label while the quantity field has the keyboard)."""
    for code in codes:
        scan_into(qtbot, router, dialog.quantity_edit if code.isdigit() else dialog.task_edit, code)
        settle(qtbot, runner, lambda: not dialog.calling and not dialog.calls)


def shown_texts(dialog) -> str:
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    for tree in dialog.findChildren(QTreeWidget):
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            texts += [item.text(c) for c in range(tree.columnCount())]
    return "\n".join(texts)


def lines(services) -> dict:
    document_id = services.counts.detail({"count_number": TASK}).header.document_id
    rows = services.counts.line_rows(services.counts.line_ids(CountLineIds(document_id=document_id)))
    return {(r.location_code, r.sku_code): r for r in rows}


def count_all(qtbot, runner, router, counting):
    """li counts both bins by scanning; wang recounts the line that was off."""
    li = open_session(qtbot, runner, counting["li"], router)
    scan(qtbot, runner, router, li, TASK)
    settle(qtbot, runner, lambda: li.sheet_view.topLevelItemCount() == 2)
    scan(qtbot, runner, router, li, "A01-01-02", "0153", LABELS_EAN, "CTN60", "CTN60")
    assert [(c.sku_code, c.counted_quantity) for c in li.session.counted] == [("CTN60", 2), ("LABEL100", 153)]
    assert "485" not in shown_texts(li)  # the 485 cartons the system holds are shown nowhere
    scan(qtbot, runner, router, li, "A01-01-02")
    assert li.message.isVisible() and li.session.location == "A01-01-02"  # asked once
    scan(qtbot, runner, router, li, "A01-01-02")
    assert li.session.location is None and "1 of them are to be recounted" in li.status.text()
    scan(qtbot, runner, router, li, "A01-01-03", "0755", BUBBLE, "0940", LABELS_EAN, "A01-01-03", "A01-01-03")
    li.close()

    wang = open_session(qtbot, runner, counting["wang"], router)
    scan(qtbot, runner, router, wang, TASK, "A01-01-02")
    assert wang.session.recount == ["CTN60"] and "(recount)" in wang.location_label.text()
    scan(qtbot, runner, router, wang, "0480", "CTN60", "A01-01-02", "A01-01-02")
    assert "Every location of the task is counted" in wang.status.text()
    wang.close()


def test_a_location_counted_by_scans_only_then_recounted_by_another(qtbot, runner, router, counting, services):
    count_all(qtbot, runner, router, counting)
    found = lines(services)
    assert {key: (r.counted_quantity, r.variance, r.counted_by) for key, r in found.items()} == {
        ("A01-01-02", "CTN60"): (480, -5, "wang"), ("A01-01-02", "LABEL100"): (153, 0, "li"),
        ("A01-01-03", "BUBBLE"): (755, 0, "li"), ("A01-01-03", "LABEL100"): (940, 0, "li")}
    assert found[("A01-01-02", "CTN60")].first_counted_by == "li"
    assert services.counts.detail({"count_number": TASK}).header.state == "counted"


def sheet_rows(dialog) -> list[list[str]]:
    view = dialog.sheet_view
    return [[view.topLevelItem(i).text(c) for c in range(view.columnCount())] for i in range(view.topLevelItemCount())]


def test_the_sheet_follows_each_start_and_finish_from_its_answer(qtbot, runner, router, counting, services,
                                                                 monkeypatch):
    reads = []
    sheet = services.counts.sheet
    monkeypatch.setattr(services.counts, "sheet", lambda command: reads.append(command) or sheet(command))
    li = open_session(qtbot, runner, counting["li"], router)
    scan(qtbot, runner, router, li, TASK)
    settle(qtbot, runner, lambda: li.sheet_view.topLevelItemCount() == 2)
    scan(qtbot, runner, router, li, "A01-01-02")
    assert sheet_rows(li)[0] == ["A01-01-02", "being counted", "li", ""]
    scan(qtbot, runner, router, li, "0153", LABELS_EAN, "CTN60", "A01-01-02", "A01-01-02")
    assert sheet_rows(li)[0] == ["A01-01-02", "to recount", "", "CTN60"]
    assert len(reads) == 1  # when the task opened
    assert li.session.sheet == sheet(CountRef(count_number=TASK))  # as a fresh read has it


def test_a_refused_scan_says_why_and_counts_nothing(qtbot, runner, router, counting, services):
    li = open_session(qtbot, runner, counting["li"], router)
    scan(qtbot, runner, router, li, "CTN60")
    assert "count task" in li.message.text()  # the task first
    scan(qtbot, runner, router, li, TASK, "A01-02-04")  # not in the task
    assert li.message.isVisible() and li.session.location is None
    scan(qtbot, runner, router, li, LABELS_EAN)
    assert "location first" in li.message.text()
    assert all(r.counted_by is None for r in lines(services).values())


def back_to(qtbot, window) -> None:
    """The window active again after a question box closed, as it is for the supervisor (the
    offscreen platform does not hand activation back by itself): its Alt keys answer."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def test_approval_decides_approves_posts_and_saves_the_report(qtbot, runner, router, counting, services, tmp_path,
                                                               monkeypatch):
    count_all(qtbot, runner, router, counting)
    document_id = services.counts.detail({"count_number": TASK}).header.document_id
    window = CountApprovalDialog(counting["zhao"], document_id)
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    window.show()
    settle(qtbot, runner, lambda: window.detail is not None and window.model.rowCount() == 1
           and window.model.row_data(0) is not None)
    assert "1 with a variance (1 undecided)" in window.summary.text()
    assert "li 3/4" in window.accuracy_label.text()  # li's first count of the cartons was off
    reads = []  # from here on each decision shows what it changed from its own answer
    for name in ("detail", "accuracy", "line_ids", "line_rows"):
        read = getattr(services.counts, name)
        monkeypatch.setattr(services.counts, name, lambda *a, _n=name, _r=read: reads.append(_n) or _r(*a))
    window.table.setFocus()
    window.table.selectRow(0)
    window.reason.setCurrentIndex(window.reason.findData("damaged"))
    alt = Qt.KeyboardModifier.AltModifier  # a supervisor at the keyboard: the buttons' Alt keys
    qtbot.keyClick(window, Qt.Key.Key_A, alt)  # Approve selected
    settle(qtbot, runner, lambda: not window.busy and window.detail.totals.undecided_lines == 0)
    assert window.model.row_data(0).decision == "approved" and window.model.data(window.model.index(0, 12)) == "approved"
    qtbot.keyClick(window, Qt.Key.Key_T, alt)  # Approve task
    settle(qtbot, runner, lambda: not window.busy and window.detail.header.state == "approved")
    asked = answer_question(qtbot, window, Qt.Key.Key_Return)  # Enter: the default, Back
    qtbot.keyClick(window, Qt.Key.Key_P, alt)  # Post task
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    settle(qtbot, runner, lambda: not window.busy)
    assert window.detail.header.state == "approved"  # nothing posted without the explicit yes
    answer_question(qtbot, window, Qt.Key.Key_P, alt)  # "Post to stock"
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_P, alt)
    settle(qtbot, runner, lambda: not window.busy and window.detail.header.state == "posted")
    assert reads == []
    assert balance(services, "A01-01-02", "CTN60") == 480
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_D, alt)  # Variance report (PDF)
    settle(qtbot, runner, lambda: hasattr(window, "last_report"))
    (pdf_path,) = (tmp_path / "docs").glob("*.pdf")
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert TASK in text and "CTN60" in text and "-5" in text and "(damaged)" in text


def test_the_counts_screen_lists_the_task_with_its_progress(qtbot, runner, counting, open_screen, screen_context):
    screen = open_screen(CountsScreen)
    screen.search(TASK)
    settle(qtbot, runner, lambda: screen.model.rowCount() == 1 and screen.detail is not None
           and screen.detail.header.document_number == TASK)
    row = screen.model.row_data(0)
    assert (row.document_number, row.state, row.locations_total, row.locations_counted) == (TASK, "pending", 2, 0)
    assert "Locations counted: 0 of 2" in screen.totals.text()
    assert not screen.count_buttons["count"].isEnabled()  # the screen's clerk may not count


def test_a_new_task_over_scanned_location_labels(qtbot, runner, router, counting, services):
    dialog = NewCountDialog(counting["zhao"], router=router)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.number_edit.setText("CC-UI-2")
    for code in ("A01-02-04", "A01-01-01"):
        scan_into(qtbot, router, dialog.number_edit, code)  # the scan never types into the field
    assert (dialog.scope.currentData(), dialog.value_edit.text()) == ("list", "A01-02-04 A01-01-01")
    assert dialog.number_edit.text() == "CC-UI-2"
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    settle(qtbot, runner, lambda: dialog.created is not None)
    sheet = services.counts.sheet({"count_number": "CC-UI-2"})
    assert [place.location_code for place in sheet.locations] == ["A01-01-01", "A01-02-04"]
