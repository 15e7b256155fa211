"""Wave picking by scans alone on the demo database: three released orders sharing a SKU at one
location join the wave (order number, then its tote — a label or Enter for the next slot), F5
starts the walk, and location → item → tote confirms each pick into its order's tote; a wrong
tote is refused and moves nothing; the packer then scans a tote and the pack station opens its order."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_dialogs_operations import scan_into
from tests.ui.test_pick_dialog import PACKING, held, pick_context, router, settle, shelves  # noqa: F401 (fixtures)
from wms_desktop.ui.dialogs import PackDialog, WaveDialog
from wms_desktop.ui.workflows.pick_session import PickState

ORDERS = ("SO-W1", "SO-W2", "SO-W3")


def released_orders(services):
    """Three orders of one SKU held at one location (and one of them another SKU too)."""
    stock = shelves(services)
    shared = next(sku for sku, places in stock.items() if len(places) == 1 and places[0][1] >= 6)
    other = next(sku for sku, places in stock.items() if sku != shared and places[0][1] >= 2)
    for number, lines in zip(ORDERS, ([(shared, 2), (other, 1)], [(shared, 1)], [(shared, 3)])):
        services.orders.create({"order_number": number, "customer_name": "上海客户", "operator_id": "li.wei",
                                "lines": [{"sku_code": s, "stock_quantity": q} for s, q in lines]})
        services.orders.release({"order_number": number, "operator_id": "li.wei"})
    return shared, other, stock[shared][0][0]


def test_a_wave_of_three_orders_picked_into_totes_by_scans_only(qtbot, runner, pick_context, router):
    services = pick_context.services
    shared, other, place = released_orders(services)
    before = held(services, shared)[place]
    dialog = WaveDialog(pick_context, router)
    qtbot.addWidget(dialog, before_close_func=lambda _w: runner.wait_for_done())
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Wave picking"

    # each order, then its tote: a tote label, or Enter for the next slot number
    scan_into(qtbot, router, dialog.order_edit, ORDERS[0])
    settle(qtbot, runner, lambda: dialog.tote_edit.hasFocus())
    scan_into(qtbot, router, dialog.tote_edit, "T001")
    settle(qtbot, runner, lambda: dialog.order_edit.hasFocus())
    for number in ORDERS[1:]:
        scan_into(qtbot, router, dialog.order_edit, number)
        settle(qtbot, runner, lambda: dialog.tote_edit.hasFocus())
        qtbot.keyClick(dialog.tote_edit, Qt.Key.Key_Return)
    assert [(o.tote, o.plan.order_number) for o in dialog.session.orders] == [
        ("T001", ORDERS[0]), ("1", ORDERS[1]), ("2", ORDERS[2])]
    assert dialog.orders_view.topLevelItemCount() == 3

    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    session = dialog.session
    assert session.walking and not dialog.order_edit.isEnabled()
    walk = [(t.pick.location_code, t.pick.sku_code) for t in session.picks]
    assert walk.count((place, shared)) == 3 and len(walk) == 4
    stops = [code for i, (code, _sku) in enumerate(walk) if i == 0 or walk[i - 1][0] != code]
    assert len(stops) == len(set(stops))  # each location one stop
    assert dialog.stop_label.isVisible()

    # a wrong tote at the shared stop: refused, nothing moves
    scan_into(qtbot, router, dialog, place)
    assert session.armed_location == place
    assert "T001" in dialog.stop_label.text() and "→ 2" in dialog.stop_label.text()
    scan_into(qtbot, router, dialog, shared)
    scan_into(qtbot, router, dialog, "T099")
    assert dialog.message.isVisible() and "Wrong tote" in dialog.message.text()
    assert held(services, shared)[place] == before and session.queue == []

    # the walk: location, item, tote for every pick
    while not session.all_done:
        task = next(t for t in session.picks if t.state is PickState.OPEN)
        if session.armed_location != task.pick.location_code:
            scan_into(qtbot, router, dialog, task.pick.location_code)
        scan_into(qtbot, router, dialog, task.pick.sku_code)
        tote = session.tote_of(task)
        if len(tote) < 4:  # a slot number: typed where the focus went
            assert dialog.tote_edit.hasFocus()
            qtbot.keyClicks(dialog.tote_edit, tote)
            qtbot.keyClick(dialog.tote_edit, Qt.Key.Key_Return)
        else:
            scan_into(qtbot, router, dialog, tote)
        settle(qtbot, runner, lambda t=task: t.state is PickState.DONE)
    assert held(services, shared)[place] == before - 6
    assert {n: services.orders.get({"order_number": n}).state for n in ORDERS} == dict.fromkeys(ORDERS, "picked")
    assert "All 4 picks done" in dialog.status.text() and PACKING in dialog.status.text()
    assert services.orders.get({"order_number": ORDERS[0]}).tote_code == "T001"
    assert "unknown" not in router.routed_log
    runner.wait_for_done()
    dialog.close()

    # the packer scans the tote: the pack station opens its order
    pack = PackDialog(pick_context, router)
    qtbot.addWidget(pack, before_close_func=lambda _w: runner.wait_for_done())
    pack.show()
    qtbot.waitExposed(pack)
    scan_into(qtbot, router, pack, "T001")
    settle(qtbot, runner, lambda: pack.session.order is not None)
    assert pack.session.order.document_number == ORDERS[0] and pack.order_edit.text() == ORDERS[0]
    assert runner.crashes == []
