"""The pick dialog end to end on the demo database: scan a new order's number and its lines, create
it (reserved), print the pick and packing lists to a folder, confirm by scanning — stock moves
to the packing location once per pick however often a pick is confirmed."""
from __future__ import annotations

import re
from collections import defaultdict

import pypdfium2
import pytest
from PySide6.QtCore import Qt

from tests.ui.key_streams import type_keys
from tests.ui.test_dialogs_operations import scan_into
from tests.ui.ui_helpers import answer_question
from wms_desktop.devices.scanner import WedgeDecoder
from wms_desktop.domain.errors import WmsError
from wms_desktop.ui.dialogs import PickDialog
from wms_desktop.ui.printing.printers import PrinterSettings
from wms_desktop.ui.scanning import ScanFeedback, ScannerFilter, ScanRouter
from wms_desktop.ui.session import AppContext, Session
from wms_desktop.ui.workflows.pick_session import PickState

ORDER = "SO-2024-77"
PACKING = "发货区"  # the demo's shipping location


@pytest.fixture
def pick_context(services, settings, runner, translator, tmp_path):
    PrinterSettings(settings).document_folder = str(tmp_path / "docs")
    settings.packing_location = PACKING
    return AppContext(services=services, settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="sqlite:///demo", translator=translator,
                      session=Session(1, "li.wei", "李伟", "clerk"),
                      extras={"print_history_dir": str(tmp_path / "history")})


@pytest.fixture
def router(qapp, pick_context, runner):
    feedback = ScanFeedback()
    feedback.sound = lambda: None
    router = ScanRouter(pick_context, lambda: None, feedback=feedback)
    scanner = ScannerFilter(WedgeDecoder())
    scanner.scanned.connect(router.submit)
    scanner.install(qapp)
    router.scanner, router.routed_log = scanner, []
    router.routed.connect(lambda scan, where, _taker: router.routed_log.append(where))
    yield router
    runner.wait_for_done()
    scanner.uninstall()
    scanner.deleteLater()
    router.deleteLater()



def settle(qtbot, runner, condition, timeout=10_000):
    qtbot.waitUntil(lambda: (runner.wait_for_done(), condition())[1], timeout=timeout)


def open_dialog(qtbot, runner, context, router=None) -> PickDialog:
    dialog = PickDialog(context, router)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shelves(services):
    """sku_code -> [(location_code, stock_quantity)] of unbatched stock on the shelves, of SKUs
    no demo order has reserved."""
    found, reserved = defaultdict(list), set()
    for item in services.stock.query({"page_size": 1000}).items:
        if item.locked_quantity:
            reserved.add(item.sku_code)
        if item.batch_number is None and item.location_code.startswith(("西", "东")):
            found[item.sku_code].append((item.location_code, item.stock_quantity))
    return {sku: places for sku, places in found.items() if sku not in reserved}


@pytest.fixture
def order(services):
    """Two SKUs with barcodes: one held in two locations (the line needs both), one in one."""
    stock = shelves(services)
    with_ean = [sku for sku in stock if services.catalog.external_codes_of(sku).external_codes]
    split = next(sku for sku in with_ean if len(stock[sku]) == 2 and all(q >= 3 for _l, q in stock[sku]))
    single = next(sku for sku in with_ean if len(stock[sku]) == 1 and stock[sku][0][1] >= 3 and sku != split)
    return {"split": split, "single": single, "stock": stock,
            "ean": services.catalog.external_codes_of(split).external_codes[0]}


def held(services, sku_code) -> dict[str, int]:
    return {i.location_code: i.stock_quantity
            for i in services.stock.query({"sku_code": sku_code, "page_size": 100}).items}


def test_scan_plan_print_and_confirm_an_order(qtbot, runner, pick_context, router, order, tmp_path):
    services = pick_context.services
    split, single = order["split"], order["single"]
    (near, near_qty), (far, _far_qty) = sorted(order["stock"][split], key=lambda p: p[0])  # one aisle: code order
    want = near_qty + 1  # all of the first location and one from the next
    before_split, before_single = held(services, split), held(services, single)
    dialog = open_dialog(qtbot, runner, pick_context, router)
    assert dialog.windowTitle() == "Pick list"  # English only in English

    # a new order's number, then its lines, by scanner and keyboard only
    scan_into(qtbot, router, dialog.order_edit, ORDER)
    settle(qtbot, runner, lambda: dialog.item_edit.hasFocus())
    assert dialog.order_edit.text() == ORDER and "new order" in dialog.status.text()
    assert not dialog.form.isRowVisible(dialog.item_info)  # no empty row between Item and Quantity
    scan_into(qtbot, router, dialog.item_edit, order["ean"])  # a product barcode
    assert dialog._item.sku_code == split and dialog.quantity_edit.hasFocus()
    assert dialog.form.isRowVisible(dialog.item_info) and split in dialog.item_info.text()
    qtbot.keyClicks(dialog.quantity_edit, str(want - 1))
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    assert not dialog.form.isRowVisible(dialog.item_info)
    scan_into(qtbot, router, dialog.item_edit, single)  # a SKU label
    scan_into(qtbot, router, dialog.quantity_edit, "0002")  # a quantity barcode adds the line
    scan_into(qtbot, router, dialog.item_edit, order["ean"])  # the same SKU again adds to its line
    qtbot.keyClicks(dialog.quantity_edit, "1")
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    assert [(line.sku_code, line.stock_quantity) for line in dialog.session.lines] == [(split, want), (single, 2)]
    assert dialog.lines_view.topLevelItemCount() == 2

    # create it: reserved in walking order, nothing short
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    settle(qtbot, runner, lambda: dialog.plan is not None and dialog.preview_png is not None)
    picks = [task.pick for task in dialog.session.picks]
    assert [(p.location_code, p.sku_code, p.stock_quantity) for p in picks
            if p.sku_code == split] == [(near, split, near_qty), (far, split, 1)]
    assert dialog.plan.shortfall_quantity == 0 and not dialog.message.isVisible()
    assert dialog.plan_view.topLevelItemCount() == len(picks) == 3
    assert not dialog.item_edit.isEnabled()  # lines are fixed once the order exists
    assert services.orders.get({"order_number": ORDER}).state == "released"

    # print the pick list (previewed) and the packing list to the document folder
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner, lambda: dialog.last_print is not None)
    assert dialog.last_print[-1].kind == "pick_list" and dialog.last_print[-1].status == "sent"
    dialog.recipient_edit.setText("张三")
    dialog.address_edit.setText("上海市浦东新区 1 号")
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, runner, lambda: dialog.last_print[-1].kind == "packing_list")
    pdfs = sorted((tmp_path / "docs").glob("*.pdf"))
    assert len(pdfs) == 2
    named = [re.fullmatch(rf"(pick|packing)-{ORDER}-(\d{{8}})-(\d{{4}})\.pdf", path.name) for path in pdfs]
    assert [m.group(1) for m in named if m] == ["packing", "pick"], [p.name for p in pdfs]  # what they are
    texts = []
    for path in pdfs:
        pdf = pypdfium2.PdfDocument(str(path))
        texts.append(pdf[0].get_textpage().get_text_range())
        pdf.close()
    assert any("PICK LIST" in t and near in t and far in t for t in texts)
    assert any("PACKING LIST" in t and "张三" in t for t in texts)

    # confirm: location, then the SKU picked there
    scan_into(qtbot, router, dialog, near)
    assert dialog.session.armed_location == near
    scan_into(qtbot, router, dialog, order["ean"])
    settle(qtbot, runner, lambda: dialog.session.picks[0].state is PickState.DONE)
    assert near not in held(services, split)  # the line took all it held …
    assert held(services, split)[PACKING] == near_qty  # … to the packing location
    assert f"{near_qty} → 0" in dialog.plan_view.topLevelItem(0).text(5)
    # both lists fit the dialog: no column cut off behind a horizontal scrollbar
    for view in (dialog.lines_view, dialog.plan_view):
        header = view.header()
        assert sum(header.sectionSize(c) for c in range(header.count())) <= view.viewport().width()
        assert all(header.sectionSize(c) >= view.sizeHintForColumn(c) for c in range(header.count()))

    # the rest at once, pressed twice: a supervisor's explicit yes for the unscanned ones
    pick_context.session = Session(2, "wang.fang", "王芳", "supervisor")
    asked = answer_question(qtbot, dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked == [{"Ship 2 &unscanned picks", "&Back to scanning"}]
    settle(qtbot, runner, lambda: dialog.session.all_done)
    assert held(services, split).get(far) == before_split[far] - 1
    assert held(services, single).get(order["stock"][single][0][0], 0) == before_single[order["stock"][single][0][0]] - 2
    assert "All 3 picks done" in dialog.status.text() and PACKING in dialog.status.text()
    assert all(t.result.order_number == ORDER and t.result.operator_id == "li.wei" for t in dialog.session.picks)
    assert services.orders.get({"order_number": ORDER}).state == "picked"
    assert router.routed_log.count("dialog") == 7 and "unknown" not in router.routed_log
    assert runner.crashes == []


def test_a_retried_confirmation_posts_nothing_more(qtbot, runner, pick_context, order):
    services = pick_context.services
    split = order["split"]
    before = held(services, split)
    dialog = open_dialog(qtbot, runner, pick_context)
    dialog.order_edit.setText(ORDER)
    dialog.item_edit.setText(split)
    qtbot.keyClick(dialog.item_edit, Qt.Key.Key_Return)  # a typed SKU code is looked up
    settle(qtbot, runner, lambda: dialog._item is not None)
    dialog.quantity_edit.setText("2")
    qtbot.keyClick(dialog.quantity_edit, Qt.Key.Key_Return)
    dialog.make_plan()
    settle(qtbot, runner, lambda: dialog.plan is not None)
    (task,) = dialog.session.picks
    dialog.confirm(0)
    dialog.confirm(0)  # a double press while the first is posting
    settle(qtbot, runner, lambda: task.state is PickState.DONE)
    first = task.result
    task.state, task.result = PickState.OPEN, None  # as if the answer had been lost: the packer confirms again
    dialog.confirm(0)
    settle(qtbot, runner, lambda: task.state is PickState.DONE)
    assert task.result == first
    assert held(services, split)[task.pick.location_code] == before[task.pick.location_code] - 2


def _type_lines(qtbot, runner, dialog, lines) -> None:
    dialog.order_edit.setText(ORDER)
    for code, quantity in lines:
        dialog.item_edit.setText(code)
        qtbot.keyClick(dialog.item_edit, Qt.Key.Key_Return)
        settle(qtbot, runner, lambda c=code: dialog._item is not None and dialog._item.sku_code == c)
        dialog.quantity_edit.setText(str(quantity))
        dialog.add_line()


def test_a_short_order_is_refused_naming_its_lines_or_backordered(qtbot, runner, pick_context, order):
    dialog = open_dialog(qtbot, runner, pick_context)
    services = pick_context.services
    services.catalog.create_product({"product_code": "EMPTY1", "product_name": "无库存 No stock", "operator_id": "u1"})
    _type_lines(qtbot, runner, dialog, ((order["single"], 100_000), ("EMPTY1", 1)))
    dialog.make_plan()
    settle(qtbot, runner, lambda: dialog.message.isVisible())
    assert dialog.plan is None and "15003" in dialog.message.text()
    with pytest.raises(WmsError):  # refused: no order was made
        services.orders.get({"order_number": ORDER})
    services.orders.set_short_stock_policy({"short_stock_policy": "backorder"})
    dialog.make_plan()
    settle(qtbot, runner, lambda: dialog.plan is not None)
    short, empty = dialog.plan.lines
    assert short.shortfall_quantity == 100_000 - order["stock"][order["single"]][0][1]
    assert empty.shortfall_quantity == 1 and empty.picks == []
    assert dialog.message.isVisible() and "2 of 2 lines" in dialog.message.text()
    assert dialog.lines_view.topLevelItem(1).text(4) == "1"
    assert "15003" in dialog.lines_view.topLevelItem(0).toolTip(0)


def test_nothing_to_create_and_a_line_removed(qtbot, runner, pick_context, order):
    dialog = open_dialog(qtbot, runner, pick_context)
    dialog.make_plan()
    assert "order number" in dialog.message.text() and dialog.plan is None
    dialog.order_edit.setText(ORDER)
    dialog.make_plan()
    assert "at least one line" in dialog.message.text()
    _type_lines(qtbot, runner, dialog, ((order["single"], 1),))
    assert dialog.plan_button.isEnabled()
    dialog.lines_view.setFocus()
    qtbot.keyClick(dialog.lines_view, Qt.Key.Key_Delete)
    assert dialog.session.lines == [] and not dialog.plan_button.isEnabled()


def test_recipient_fields_take_typing_and_a_scan_there_goes_to_the_dialog(qtbot, runner, pick_context, router):
    """A person's keys in the free-text fields are typed; a scanner's, there too, are a scan
    for the dialog (the order number here), never text in the recipient's name."""
    dialog = open_dialog(qtbot, runner, pick_context, router)
    type_keys(dialog.recipient_edit, "Zhang Wei, Unit 5")
    qtbot.waitUntil(lambda: router.scanner.holding == 0, timeout=2000)
    assert dialog.recipient_edit.text() == "Zhang Wei, Unit 5"
    scan_into(qtbot, router, dialog.recipient_edit, ORDER)
    assert dialog.order_edit.text() == ORDER and router.routed_log == ["dialog"]
    assert dialog.recipient_edit.text() == "Zhang Wei, Unit 5"
    assert not dialog.item_edit.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def test_wedge_scans_reach_the_pick_dialog_in_the_main_window(qtbot, context, services):
    """Scans read anywhere in the pick dialog are the main window's router's, free-text fields too."""
    from wms_desktop.ui.main_window import MainWindow

    context.services = services
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_pick_list()
    qtbot.waitExposed(dialog)
    assert window.takes_scans(dialog.order_edit) and window.takes_scans(dialog.recipient_edit)
    dialog.close()


def test_a_bin_short_of_its_reservation_is_reported_with_f7(qtbot, runner, pick_context):
    """A released order opened by its number; F7 on a pick: its bin's reservation goes elsewhere
    (or is backordered) and the picks are loaded again."""
    services = pick_context.services
    dialog = open_dialog(qtbot, runner, pick_context)
    type_keys(dialog.order_edit, "SO-DEMO-002\r")
    settle(qtbot, runner, lambda: dialog.session.picks != [])
    short = dialog.session.picks[0].pick
    dialog.plan_view.setFocus()
    qtbot.keyClick(dialog.plan_view, Qt.Key.Key_F7)
    settle(qtbot, runner, lambda: not dialog.planning and all(
        (t.pick.location_code, t.pick.sku_code) != (short.location_code, short.sku_code) for t in dialog.session.picks))
    order = services.orders.get({"order_number": "SO-DEMO-002"})
    assert not [a for a in order.allocations if a.reserved_quantity and
                (a.location_code, a.sku_code) == (short.location_code, short.sku_code)]
    line = next(li for li in order.lines if li.sku_code == short.sku_code)
    assert line.reserved_quantity + line.backorder_quantity == line.stock_quantity
