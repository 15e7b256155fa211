"""Render every main screen and dialog to PNG files, in each language (``--screenshot DIR``).

Runs with any Qt platform, including ``QT_QPA_PLATFORM=offscreen``. Files are named
``<lang>/<NN>-<what>.png`` — 0x: sign-in, settings and error dialogs; 1x: the main screens;
2x: editing, picking, printing, weighing and the other stock operations; 3x: users and roles; 4x:
receiving; 5x: a stock count (new task, counting, recount, approval). :func:`render_all` returns their paths.

The dialogs show real data: the run is given a throw-away demo database (``app._screenshots``),
adds three sample users to it, gives one SKU a unit weight and posts a pick, a transfer, an adjustment and a count in it. Print
history and images go to a temporary folder, so nothing of the workstation's own files is
touched. The scale and the zone sensors are canned readings (:class:`CannedDevices`): no broker.
"""
from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from wms_desktop.contract.api import ServiceApi
from wms_desktop.contract.auth import CreateUser, SetActive
from wms_desktop.contract.catalog import UpdateSku
from wms_desktop.contract.counts import CountRef, CreateCount
from wms_desktop.contract.locations import ListLocations, Location
from wms_desktop.contract.stock import BalanceItem, StockQuery
from wms_desktop.devices.mqtt import AlertRules, Limits, WeightVerdict
from wms_desktop.devices.scanner import Scan, parse_scan
from wms_desktop.domain.errors import CATALOGUE, WmsError
from wms_desktop.ui.devices import CannedDevices
from wms_desktop.ui.dialogs import (
    AdjustDialog,
    InboundDialog,
    OutboundDialog,
    PackDialog,
    PickDialog,
    ReceivingDialog,
    ReturnDialog,
    TransferDialog,
    WaveDialog,
)
from wms_desktop.ui.dialogs.count_approval import CountApprovalDialog
from wms_desktop.ui.dialogs.counting import CountSessionDialog
from wms_desktop.ui.dialogs.location_editor import LocationEditor
from wms_desktop.ui.dialogs.login import FirstAdminDialog, LoginDialog, NewUserDialog
from wms_desktop.ui.dialogs.product_editor import ProductEditor
from wms_desktop.ui.dialogs.users import UsersDialog
from wms_desktop.ui.errors.crash import CrashDialog, environment_summary
from wms_desktop.ui.errors.messages import schema_mismatch_box
from wms_desktop.ui.i18n import LANGUAGES
from wms_desktop.ui.main_window import MainWindow
from wms_desktop.ui.printing.labels_dialog import SKU, PrintLabelsDialog
from wms_desktop.ui.scanning import identify_scan
from wms_desktop.ui.screens.counts import NewCountDialog
from wms_desktop.ui.session import AppContext, Session
from wms_desktop.ui.settings.devices_page import DeviceSettingsPage
from wms_desktop.ui.settings.dialog import SettingsDialog, WorkstationPage
from wms_desktop.ui.settings.printers_page import PrinterSettingsPage
from wms_desktop.ui.workflows.pick_session import Line

log = logging.getLogger(__name__)

SAMPLE_USER = Session(user_id=1, user_name="admin", display_name="Administrator", role="admin")
DEMO_ASN, DEMO_BLIND_ASN = "ASN-2026-0001", "ASN-2026-0002"  # wms_desktop/demo.py
RECEIVED_UNITS, OVER_UNITS = 2, 99  # the first ASN line's expected 6: twice 2 per language run, then far over
SAMPLE_CLERK = Session(user_id=2, user_name="li.wei", display_name="李伟 Li Wei", role="clerk")
# (user_name, display_name, role, active), added to the demo database for the users dialog
SAMPLE_USERS = (("admin", "Administrator", "admin", True), ("li.wei", "李伟 Li Wei", "clerk", True),
                ("zhang.qiang", "张强 Zhang Qiang", "supervisor", False))
SAMPLE_PASSWORD = "screenshot-only-1"
SAMPLE_ORDER = "SO-2024-77"
DEMO_WAVE = (("SO-DEMO-002", "T001"), ("SO-DEMO-003", "T002"))  # the demo's released orders, a tote each
SAMPLE_PACKING = "发货区"  # the demo's shipping location: where the sample picks go
SAMPLE_PRINTER = "10.1.2.3:9100"
UNKNOWN_SKU = "999999-紫色-XXL"  # the print dialog's load error: no such SKU
PICK_LINES = 4
# the Sensors screen: five zones, the cold room too warm and the dock too damp
SAMPLE_RULES = AlertRules(by_kind={"temperature": Limits(Decimal(10), Decimal(30)),
                                   "humidity": Limits(Decimal(30), Decimal(70))},
                          by_zone={("冷库", "temperature"): Limits(Decimal(2), Decimal(8))})
SAMPLE_SENSORS = (("A区", "temperature", "21.4"), ("A区", "humidity", "48"), ("B区", "temperature", "23.1"),
                  ("B区", "humidity", "52"), ("冷库", "temperature", "9.6"), ("冷库", "humidity", "61"),
                  ("收货口", "temperature", "17.8"), ("收货口", "humidity", "76"), ("夹层", "temperature", "26.5"))
# the weighing dialogs: a SKU of known unit weight, received and shipped on the scale
UNIT_GRAMS = 300
INBOUND_UNITS, INBOUND_GRAMS = 4, 1_210  # expected 1.200 kg: within the tolerance
OUTBOUND_UNITS, OUTBOUND_GRAMS = 2, 480  # expected 600 g: too light
# the count: one bin of the demo counted by two sample users, the cartons off by a few
COUNT_BIN, COUNT_SCANS = "A01-01-02", ("CTN60", "CTN60", "0153", "6970123001717")
RECOUNT_SCANS = ("0480", "CTN60")
SAMPLE_COUNTERS = (Session(user_id=2, user_name="li.wei", display_name="李伟 Li Wei", role="supervisor"),
                   Session(user_id=3, user_name="zhang.qiang", display_name="张强 Zhang Qiang", role="supervisor"))


def _sample_traceback() -> tuple[str, str]:
    def post_inbound(quantity):
        return {"stock_quantity": quantity}["current_quantity"]

    try:
        post_inbound(8)
    except KeyError:
        exc_type, exc, tb = sys.exc_info()
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        return f"{exc_type.__name__}: {exc}", f"{details}\n{environment_summary()}"
    raise AssertionError("unreachable")


def _sample_schema_error() -> WmsError:
    return WmsError("SCHEMA_MISMATCH", "schema is older",
                    {"state": "older", "database_revision": "0003", "supported_revision": "0007",
                     "database": "postgresql+psycopg://wms@db-host:5432/wms"})


@dataclass(frozen=True)
class _Sample:
    """What the dialogs are opened on, read from the demo database once."""

    product_id: int  # a product with colours and sizes whose SKUs hold stock
    location: Location  # a location to edit
    pick_lines: list[Line]  # the pick's lines: SKUs of different products, all in stock
    weighed: BalanceItem  # a balance whose SKU weighs UNIT_GRAMS, for the weighing dialogs


def _prepare(services: ServiceApi) -> _Sample:
    """Worker side: add the sample users, then choose what the dialogs show."""
    auth = services.auth
    existing = {user.user_name for user in auth.list_users()}
    for user_name, display_name, role, active in SAMPLE_USERS:
        if user_name not in existing:
            auth.create_user(CreateUser(user_name=user_name, display_name=display_name, role=role,  # type: ignore[arg-type]
                                        password=SAMPLE_PASSWORD))
            if not active:
                auth.set_active(SetActive(user_name=user_name, is_active=False))
    balances = [b for b in services.stock.query(StockQuery(page_size=1000)).items
                if b.sku_color and b.sku_size and b.available_quantity >= 2]
    lines: dict[str, Line] = {}  # product_code -> line
    places: set[str] = set()  # one line per location: the plan then walks the shelves
    for b in balances:
        if len(lines) < PICK_LINES and b.product_code not in lines and b.location_code not in places:
            places.add(b.location_code)
            lines[b.product_code] = Line(b.sku_code, b.product_code, f"{b.product_name} · {b.sku_color} {b.sku_size}",
                                         min(b.available_quantity, 3))
    edited = next(b for b in reversed(balances) if b.product_code not in lines)  # untouched by the pick
    weighed = next(b for b in balances if b.product_code not in lines and b.product_code != edited.product_code
                   and b.available_quantity >= OUTBOUND_UNITS)
    services.catalog.update_sku(UpdateSku(sku_code=weighed.sku_code, weight_grams=UNIT_GRAMS,
                                          operator_id=SAMPLE_USER.user_name))
    locations = services.locations.list(ListLocations())  # the demo names only its special areas
    return _Sample(product_id=services.catalog.product_by_code(edited.product_code).product_id,
                   location=next(place for place in locations if place.location_name),
                   pick_lines=list(lines.values()), weighed=weighed)


def _canned_devices() -> CannedDevices:
    """The scale ready and the sample sensors reported (their signals arrive with the next events)."""
    canned = CannedDevices(SAMPLE_RULES)
    for zone, kind, value in SAMPLE_SENSORS:
        canned.sense(zone, kind, Decimal(value))
    QApplication.processEvents()
    return canned


def _fetch(context: AppContext, op: Callable[[ServiceApi], Any]) -> Any:
    """Run ``op`` on the database pool and wait for its result (the GUI thread never queries)."""
    outcome: dict[str, Any] = {}
    services = context.services
    context.runner.submit(lambda: op(services), lambda result: outcome.update(result=result),
                          failure=lambda error: outcome.update(error=error))
    _settle(context)
    if "result" not in outcome:  # refused, or crashed (reported and logged by the runner)
        raise outcome.get("error") or RuntimeError("screenshot: preparing the sample data failed")
    return outcome["result"]


def _grab(widget: QWidget, path: Path, fit: bool = True) -> Path:
    widget.show()
    QApplication.processEvents()
    if fit:  # after show: word-wrapped labels know their width only once the layout is active
        widget.adjustSize()
    for _ in range(3):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    log.info("screenshot %s", path)
    return path


def _require(shown: bool, what: str) -> None:
    """A dialog that did not reach the state its screenshot is of fails the run, not the reviewer."""
    if not shown:
        raise RuntimeError(f"screenshot: {what} was not shown")


def _done(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    # deleted now, not whenever an event loop next runs: a window left over would still answer
    # the next language change, or a later run's events, with this run's context
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _settle(context: AppContext) -> None:
    """Let background queries finish and their results arrive, so a screen shows its data."""
    for _ in range(20):
        context.runner.wait_for_done()
        QApplication.processEvents()
        if not context.runner.busy:
            return


def render_all(context: AppContext, directory: Path) -> list[Path]:
    translator = context.translator
    directory = Path(directory)
    paths: list[Path] = []
    previous_session, previous_extras, previous_devices = context.session, dict(context.extras), context.devices
    context.session = SAMPLE_USER
    canned = _canned_devices()
    context.devices = canned.bridge
    with tempfile.TemporaryDirectory(prefix="wms-screenshot-files-") as files:
        context.extras["print_history_dir"] = str(Path(files) / "print-jobs")
        try:
            sample = _fetch(context, _prepare)
            for language in LANGUAGES:
                if translator is not None:
                    translator.set_language(language)
                out = directory / language
                paths += _sign_in_and_settings(context, out)
                paths += _main_screens(context, out)
                paths += _editing_and_printing(context, sample, Path(files) / "uploads", out)
                paths += _weighing(context, canned, sample, out)
                paths += _corrections(context, sample, out)
                paths += _receiving(context, canned, out)
                paths += _users_and_roles(context, out)
                paths += _counting(context, language, out)
                QCoreApplication.processEvents()
            context.runner.wait_for_done()
        finally:
            context.session = previous_session
            context.devices = previous_devices
            context.extras.clear()
            context.extras.update(previous_extras)
    return paths


def _sign_in_and_settings(context: AppContext, out: Path) -> list[Path]:
    paths = []
    login = LoginDialog(context)
    paths.append(_grab(login, out / "01-login.png"))
    login.user_name.setText("li.wei")
    login.password.setText("secret")
    error = WmsError("INVALID_CREDENTIALS") if "INVALID_CREDENTIALS" in CATALOGUE else \
        WmsError("INVALID_PARAMETERS", details={"field": "password"})
    login.show_wms_error(error)
    paths.append(_grab(login, out / "02-login-error.png"))
    _done(login)

    first = FirstAdminDialog(context)
    first.user_name.setText("admin")
    first.password.setText("secret-1")
    first.repeat.setText("secret-2")
    first.submit()  # refused inline before any call: the passwords differ
    paths.append(_grab(first, out / "03-first-admin.png"))
    _done(first)

    settings = SettingsDialog(context.settings)
    paths.append(_grab(settings, out / "04-settings.png"))
    _done(settings)

    summary, details = _sample_traceback()
    crash = CrashDialog(summary, details)
    paths.append(_grab(crash, out / "05-crash.png", fit=False))
    _done(crash)

    box = schema_mismatch_box(_sample_schema_error())
    paths.append(_grab(box, out / "06-schema-mismatch.png"))
    _done(box)

    settings = SettingsDialog(context.settings)
    printers = settings.page(PrinterSettingsPage)  # filled in, not saved: the settings stay as they are
    printers.label.kind.setCurrentIndex(printers.label.kind.findData("raw_tcp"))
    printers.label.address.setText(SAMPLE_PRINTER)
    printers.format.setCurrentIndex(printers.format.findData("zpl"))
    settings.tabs.setCurrentWidget(printers)
    paths.append(_grab(settings, out / "07-settings-printers.png"))
    for name, page in (("08-settings-workstation", WorkstationPage), ("09-settings-devices", DeviceSettingsPage)):
        settings.tabs.setCurrentWidget(settings.page(page))
        paths.append(_grab(settings, out / f"{name}.png"))
    _done(settings)
    return paths


def _main_window(context: AppContext) -> MainWindow:
    window = MainWindow(context)
    window.resize(1200, 720)
    window.status.set_state("scanner", "connected")  # the scale's state comes from the canned devices
    window.status.set_state("printer", "off")
    return window


def _main_screens(context: AppContext, out: Path) -> list[Path]:
    paths = []
    window = _main_window(context)
    for index, screen in enumerate(window.screens):
        window.show_screen(index)
        _settle(context)
        paths.append(_grab(window, out / f"{10 + index:02d}-main-{screen.key}.png", fit=False))
    _done(window)
    return paths


def _editing_and_printing(context: AppContext, sample: _Sample, images: Path, out: Path) -> list[Path]:
    paths = []
    # untick a SKU that holds stock and save: the service refuses, the grid says why
    editor = ProductEditor(context, sample.product_id, images=images)
    editor.show()
    _settle(context)
    assert editor.detail is not None
    held = next(sku.sku_code for sku in editor.detail.skus if sku.stock_quantity > 0)
    key = editor.grid.key_of(held)
    editor.grid.select(key)
    editor.grid.table.currentItem().setCheckState(Qt.CheckState.Unchecked)
    editor.save()
    _settle(context)
    _require(editor.refusal is not None and editor.refusal.details.get("reason") == "sku_has_stock",
             "the refusal to delete a SKU with stock")
    paths.append(_grab(editor, out / "20-product-editor-refused.png", fit=False))
    _done(editor)

    editor = ProductEditor(context, images=images)
    editor.code_edit.setText("208811")
    editor.name_edit.setText("亚麻混纺短裤 Linen-blend Shorts")
    for colour in ("藏青", "卡其"):
        editor.grid.colour_edit.setText(colour)
        editor.grid.add_colour()
    for size in ("M", "L"):
        editor.grid.size_edit.setText(size)
        editor.grid.add_size()
    editor.grid.select(("藏青", "M"))
    paths.append(_grab(editor, out / "21-product-editor-new.png", fit=False))
    _done(editor)

    location = LocationEditor(context, sample.location)
    paths.append(_grab(location, out / "22-location-editor.png"))
    _done(location)

    # a typed order created and reserved (the pick list drawn beside it) and the first pick posted;
    # each language its own order (an order number is used once)
    context.settings.packing_location = SAMPLE_PACKING
    order_number = f"{SAMPLE_ORDER}-{out.name}"
    pick = PickDialog(context)
    pick.show()  # laid out first: the preview is scaled to its label
    pick.order_edit.setText(order_number)
    pick.session.lines = [Line(line.sku_code, line.product_code, line.label, line.stock_quantity)
                          for line in sample.pick_lines]
    pick.make_plan()
    _settle(context)
    _require(pick.preview_png is not None, "the planned pick list")
    pick.confirm(0)
    _settle(context)
    _require(pick.session.picks[0].result is not None, "the confirmed pick")
    pick.plan_view.setCurrentItem(pick.plan_view.topLevelItem(1))  # off the posted pick: its green shows
    paths.append(_grab(pick, out / "23-pick.png", fit=False))
    for index in range(len(pick.session.picks)):  # each confirmed, as Enter on its row: Confirm all would ask
        pick.confirm(index)
    _settle(context)
    _require(pick.session.all_done, "every pick confirmed")
    _done(pick)

    # a wave of the demo's two released orders, one tote each, at its first stop with the item
    # scanned (nothing posted: both languages show the same wave)
    wave = WaveDialog(context)
    wave.show()
    for number, tote in DEMO_WAVE:
        wave.handle_scan(Scan(number, kind="document", document_type="order"))
        _settle(context)
        wave.tote_edit.setText(tote)
        wave.add_pending()
    wave.start()
    _require(wave.session.walking, "the wave's walk")
    first_pick = wave.session.picks[0].pick
    wave.handle_scan(Scan(first_pick.location_code, kind="location", location_code=first_pick.location_code))
    wave.handle_scan(Scan(first_pick.sku_code, kind="sku", sku_code=first_pick.sku_code))
    paths.append(_grab(wave, out / "23-wave.png", fit=False))
    _done(wave)

    # the pack station: one carton packed, the next one being filled
    pack = PackDialog(context)
    pack.show()
    pack.load_order(order_number)
    _settle(context)
    first, *rest = (line.sku_code for line in sample.pick_lines)
    pack.session.add(first)
    pack.weight_edit.setText("500")
    pack.close_carton(accept_weight=True)
    _settle(context)
    for sku_code in rest:
        pack.session.add(sku_code)
    pack._show()
    _require(len(pack.session.order.cartons) == 1 if pack.session.order else False, "a packed carton")
    paths.append(_grab(pack, out / "23-pack-station.png", fit=False))
    for sku_code in (first, *rest):  # the rest of the order in the second carton
        while pack.session.add(sku_code):
            pass
    pack.close_carton(accept_weight=True)
    _settle(context)
    pack.ship()
    _settle(context)
    _require(pack.session.order is not None and pack.session.order.state == "shipped", "the shipped order")
    _done(pack)

    # a customer return of it: one item back to stock
    returning = ReturnDialog(context)
    returning.show()
    returning.order_edit.setText(order_number)
    returning.open_return()
    _settle(context)
    returning.receive(first)
    _settle(context)
    _require(returning.session.detail is not None and len(returning.session.detail.lines) == 1, "a returned item")
    paths.append(_grab(returning, out / "23-return.png", fit=False))
    _done(returning)

    labels = PrintLabelsDialog(context, SKU, [UNKNOWN_SKU])
    _settle(context)
    _require(labels.load_error is not None, "the print dialog's load error")
    paths.append(_grab(labels, out / "24-print-labels-load-error.png", fit=False))
    _done(labels)
    return paths


def _weighing(context: AppContext, canned: CannedDevices, sample: _Sample, out: Path) -> list[Path]:
    """Receiving with a weight that passes the check, packing with one that is too light."""
    paths = []
    balance = sample.weighed
    scans = _fetch(context, lambda s: [identify_scan(s, parse_scan(code))
                                       for code in (balance.location_code, balance.sku_code)])
    for cls, units, grams, verdict, name in (
            (InboundDialog, INBOUND_UNITS, INBOUND_GRAMS, WeightVerdict.OK, "25-inbound-weight-ok"),
            (OutboundDialog, OUTBOUND_UNITS, OUTBOUND_GRAMS, WeightVerdict.UNDER, "26-outbound-weight-too-light")):
        dialog = cls(context)
        dialog.show()
        for scan in scans:
            dialog.handle_scan(scan)
        dialog.quantity_edit.setText(str(units))
        _settle(context)  # the SKU's unit weight
        canned.weigh(grams)
        QApplication.processEvents()  # the reading reaches the bridge and the live display
        dialog.weighing.panel.capture()
        _require(dialog.weighing.result is not None and dialog.weighing.result.verdict is verdict,
                 f"the weight check of {name}")
        paths.append(_grab(dialog, out / f"{name}.png"))
        _done(dialog)
    return paths


def _corrections(context: AppContext, sample: _Sample, out: Path) -> list[Path]:
    """Transfer and adjust, each completed by scans alone, with the result shown."""
    paths = []
    balance = sample.weighed
    codes = {"from": balance.location_code, "to": sample.location.location_code, "sku": balance.sku_code}
    scans = _fetch(context, lambda s: {key: identify_scan(s, parse_scan(code)) for key, code in codes.items()})
    for cls, order, quantity, name in ((TransferDialog, ("from", "to", "sku"), "1", "27-transfer"),
                                       (AdjustDialog, ("from", "sku"), "-1", "28-adjust")):
        dialog = cls(context)
        dialog.show()
        for key in order:
            dialog.handle_scan(scans[key])
        dialog.quantity_edit.setText(quantity)
        dialog.submit()
        _settle(context)
        _require(bool(dialog.results), f"the posted {name}")
        paths.append(_grab(dialog, out / f"{name}.png"))
        _done(dialog)
    return paths


def _receiving(context: AppContext, canned: CannedDevices, out: Path) -> list[Path]:
    """The demo's ASNs received: a scan posted and the next weighed, an over-receipt asking for
    a reason, the putaway tasks, and the blind ASN as a clerk sees it (no expected quantities)."""
    paths = []
    dialog = ReceivingDialog(context)
    dialog.show()
    dialog.open_asn(asn_number=DEMO_ASN)
    _settle(context)
    _require(dialog.session.asn is not None, "the demo ASN")
    line = dialog.session.lines[0]
    (item,) = _fetch(context, lambda s: [identify_scan(s, parse_scan(line.sku_code))])
    for quantity, capture in ((RECEIVED_UNITS, False), (RECEIVED_UNITS, True)):
        dialog.handle_scan(item)
        dialog.quantity_edit.setText(str(quantity))
        if capture:
            canned.weigh(INBOUND_GRAMS)
            QApplication.processEvents()
            dialog.weighing.panel.capture()
        else:
            dialog.receive()
            _settle(context)
    paths.append(_grab(dialog, out / "40-receiving-session.png", fit=False))
    dialog.weighing.next_item()
    dialog.quantity_edit.setText(str(OVER_UNITS))
    dialog.receive()
    _settle(context)
    _require(dialog.reason_dialog is not None, "the over-receipt question")
    paths.append(_grab(dialog.reason_dialog, out / "41-receiving-over-receipt.png"))
    dialog.reason_dialog.reject()
    _settle(context)
    dialog.toggle_putaway()  # F6: what was received, with where it should go
    _settle(context)
    _require(bool(dialog.session.tasks), "the putaway tasks")
    dialog.handle_scan(item)
    paths.append(_grab(dialog, out / "43-receiving-putaway.png", fit=False))
    _done(dialog)

    clerk = replace(context, services=context.services.acting_as(SAMPLE_CLERK.user_name, SAMPLE_CLERK.role),
                    session=SAMPLE_CLERK)
    blind = ReceivingDialog(clerk)
    blind.show()
    blind.open_asn(asn_number=DEMO_BLIND_ASN)
    _settle(clerk)
    _require(blind.session.blind, "the blind ASN")
    line = blind.session.lines[1]
    (item,) = _fetch(clerk, lambda s: [identify_scan(s, parse_scan(line.sku_code))])
    blind.handle_scan(item)
    blind.quantity_edit.setText("4")
    blind.receive()
    _settle(clerk)
    paths.append(_grab(blind, out / "42-receiving-blind.png", fit=False))
    _done(blind)
    return paths


def _users_and_roles(context: AppContext, out: Path) -> list[Path]:
    paths = []
    users = UsersDialog(context)
    _settle(context)
    _require(len(users.users) >= len(SAMPLE_USERS), "the sample users")
    users.table.selectRow(next(i for i, u in enumerate(users.users) if u.user_name == SAMPLE_CLERK.user_name))
    paths.append(_grab(users, out / "30-users.png", fit=False))
    _done(users)

    new_user = NewUserDialog(context)
    new_user.user_name.setText("chen.jing")
    new_user.display_name.setText("陈静 Chen Jing")
    new_user.role.setCurrentIndex(new_user.role.findData("supervisor"))
    new_user.password.setText("secret-1")
    new_user.repeat.setText("secret-1")
    paths.append(_grab(new_user, out / "31-new-user.png"))
    _done(new_user)

    context.session = SAMPLE_CLERK  # the Products screen as a clerk: New / Edit / Delete disabled
    try:
        window = _main_window(context)
        products = window.screen_named("products")
        window.show_screen(window.screens.index(products))
        _settle(context)
        _require(not any(b.isEnabled() for b in products.edit_actions.buttons.values()),
                 "the clerk's disabled edit buttons")
        paths.append(_grab(window, out / "32-clerk-products.png", fit=False))
        _done(window)
    finally:
        context.session = SAMPLE_USER
    return paths


def _scanned(context: AppContext, dialog: CountSessionDialog, *codes: str) -> None:
    """Each code as the scanner router would hand it over: identified, then to the dialog."""
    for code in codes:
        dialog.handle_scan(_fetch(context, lambda s, c=code: identify_scan(s, parse_scan(c))))
        _settle(context)


def _counting(context: AppContext, language: str, out: Path) -> list[Path]:
    """A task over one bin: the new-task dialog, the first count, the recount of the line that
    was off by another counter, the approval window."""
    paths = []
    number = f"CC-SHOT-{language}".replace("_", "-")
    new = NewCountDialog(context)
    new.number_edit.setText(number)
    new.scope.setCurrentIndex(new.scope.findData("list"))
    new.value_edit.setText(COUNT_BIN)
    paths.append(_grab(new, out / "50-count-new-task.png"))
    _done(new)
    task = _fetch(context, lambda s: s.counts.create(CreateCount(count_number=number, location_codes=[COUNT_BIN],
                                                                 operator_id=SAMPLE_USER.user_name)))
    try:
        for counter, scans, name in ((SAMPLE_COUNTERS[0], COUNT_SCANS, "51-count-session"),
                                     (SAMPLE_COUNTERS[1], RECOUNT_SCANS, "52-count-recount")):
            context.session = counter
            session = CountSessionDialog(context)
            session.open_task(number)
            _settle(context)
            _scanned(context, session, COUNT_BIN, *scans)
            _require(session.session.location == COUNT_BIN and bool(session.session.counted), f"{name}'s counts")
            paths.append(_grab(session, out / f"{name}.png", fit=False))
            _scanned(context, session, COUNT_BIN, COUNT_BIN)  # asked once, then finished
            _done(session)
    finally:
        context.session = SAMPLE_USER
    detail = _fetch(context, lambda s: s.counts.detail(CountRef(count_number=number)))
    _require(detail.header.state == "counted" and detail.totals.variance_lines == 1, "the counted task")
    approval = CountApprovalDialog(context, task.document.document_id)
    approval.show()
    _settle(context)
    approval.table.selectRow(0)
    approval.reason.setCurrentIndex(approval.reason.findData("damaged"))
    paths.append(_grab(approval, out / "53-count-approval.png", fit=False))
    _done(approval)
    return paths

