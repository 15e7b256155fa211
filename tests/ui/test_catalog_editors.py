"""The product and location editors on a seeded SQLite database, driven by the keyboard:
create, edit, delete, refusals shown beside their fields, one post per double click."""
from __future__ import annotations

import pytest
import shiboken6
from msgspec import UNSET
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from tests.ui.test_screens_main import settle
from wms_desktop.contract import to_json
from wms_desktop.contract.catalog import NewSku, ProductDetail, SkuBarcode, SkuBarcodes, SkuDetail, SkuWeight
from wms_desktop.devices.scanner import Scan
from wms_desktop.ui.dialogs import product_editor
from wms_desktop.ui.dialogs.location_editor import LocationEditor
from wms_desktop.ui.dialogs.product_editor import ProductEditor
from wms_desktop.ui.screens import LocationsScreen, ProductsScreen
from wms_desktop.ui.session import AppContext, Session
from wms_desktop.ui.workflows.product_changes import SkuDraft, plan

WITH_STOCK = "180475"  # a demo product with colours, sizes and stock


@pytest.fixture
def images(tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    monkeypatch.setattr(product_editor, "uploads_dir", lambda: folder)
    return folder


def context_for(services, settings, runner, translator, role):
    return AppContext(services=services, settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="sqlite:///demo", translator=translator, session=Session(2, "wang.fang", "王芳", role))


@pytest.fixture
def open_screen(qtbot, services, settings, runner, translator, images):
    def make(cls, role="supervisor"):
        screen = cls(context_for(services, settings, runner, translator, role))
        qtbot.addWidget(screen, before_close_func=lambda _w: runner.wait_for_done())
        screen.resize(1100, 600)
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()
        screen.activate()
        return screen

    yield make
    runner.wait_for_done()


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def type_into(qtbot, edit, text):
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, text)


def products_screen_on(qtbot, open_screen, runner, code):
    screen = open_screen(ProductsScreen)
    settle(qtbot, runner, lambda: screen.model.is_complete)
    screen.search(code)
    settle(qtbot, runner, lambda: screen.model.rowCount() == 1 and screen.detail is not None
           and screen.detail.product_code == code)
    return screen


def open_editor(qtbot, screen, runner) -> ProductEditor:
    press(qtbot, screen.table, Qt.Key.Key_F2)
    editor = screen.editor
    settle(qtbot, runner, lambda: editor.detail is not None)
    return editor


def shown(qtbot, runner, editor):
    qtbot.addWidget(editor, before_close_func=lambda _w: runner.wait_for_done())
    with qtbot.waitActive(editor):
        editor.show()
        editor.activateWindow()
    return editor


def closed(editor) -> bool:
    """Saved and closed (the screens' editors delete themselves on close)."""
    return not shiboken6.isValid(editor) or (not editor.busy and not editor.isVisible())


def saved(qtbot, runner, editor):
    settle(qtbot, runner, lambda: closed(editor))


def skus_of(services, code):
    return {s.sku_code: to_json(s) for s in services.catalog.product_detail(
        services.catalog.product_by_code(code).product_id).skus}


# ---- products --------------------------------------------------------------------------------

def test_new_product_with_sku_grid_weight_and_barcode_by_keyboard(qtbot, open_screen, runner, services):
    screen = open_screen(ProductsScreen)
    settle(qtbot, runner, lambda: screen.model.is_complete)
    press(qtbot, screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = screen.editor
    assert editor is not None and editor.isVisible() and editor.windowTitle() == "New product"
    type_into(qtbot, editor.code_edit, "NEW77")
    type_into(qtbot, editor.name_edit, "Polo shirt")
    type_into(qtbot, editor.low_spin.lineEdit(), "5")
    for colour in ("RED", "BLUE"):
        type_into(qtbot, editor.grid.colour_edit, colour)
        press(qtbot, editor.grid.colour_edit, Qt.Key.Key_Return)  # adds; does not save
    for size in ("S", "M"):
        type_into(qtbot, editor.grid.size_edit, size)
        press(qtbot, editor.grid.size_edit, Qt.Key.Key_Return)
    assert editor.isVisible() and editor.grid.table.rowCount() == 2 and editor.grid.table.columnCount() == 2
    grid = editor.grid.table
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    press(qtbot, grid, Qt.Key.Key_Down)
    press(qtbot, grid, Qt.Key.Key_Right)  # BLUE-M
    press(qtbot, grid, Qt.Key.Key_Space)  # untick: not created
    assert not editor.drafts[("BLUE", "M")].checked
    press(qtbot, grid, Qt.Key.Key_Up)  # RED-M: the panel edits it
    assert editor.panel.title() == "SKU NEW77-RED-M"
    type_into(qtbot, editor.panel.weight_edit, "180")
    type_into(qtbot, editor.panel.code_edit, "6900000000777")
    press(qtbot, editor.panel.code_edit, Qt.Key.Key_Return)
    assert editor.isVisible() and editor.panel.codes.count() == 1
    press(qtbot, editor.name_edit, Qt.Key.Key_Return)  # Enter in a field saves
    saved(qtbot, runner, editor)
    skus = skus_of(services, "NEW77")
    assert sorted(skus) == ["NEW77-BLUE-S", "NEW77-RED-M", "NEW77-RED-S"]
    assert skus["NEW77-RED-M"]["weight_grams"] == 180 and skus["NEW77-RED-M"]["external_codes"] == ["6900000000777"]
    assert services.catalog.product_by_code("NEW77").low_stock_threshold == 5
    # the screen shows the new product without a full reload: a search for its code
    settle(qtbot, runner, lambda: screen.search_box.text() == "NEW77" and screen.model.rowCount() == 1
           and screen.detail is not None and screen.detail.product_code == "NEW77")


def test_product_without_skus_gets_weight_and_barcode_on_its_only_sku(qtbot, services, runner, settings, translator,
                                                                      images):
    editor = ProductEditor(context_for(services, settings, runner, translator, "supervisor"), None, images=images)
    shown(qtbot, runner, editor)
    editor.has_sku_box.setChecked(False)
    type_into(qtbot, editor.code_edit, "BOX9")
    type_into(qtbot, editor.name_edit, "Carton")
    assert editor.panel.title() == "SKU BOX9"
    type_into(qtbot, editor.panel.weight_edit, "450")
    type_into(qtbot, editor.panel.code_edit, "BOX9-EAN")
    press(qtbot, editor.panel.code_edit, Qt.Key.Key_Enter)
    press(qtbot, editor.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved(qtbot, runner, editor)
    found = skus_of(services, "BOX9")
    assert found["BOX9"].pop("scan_code").startswith("S")
    assert found == {"BOX9": {
        "sku_code": "BOX9", "sku_color": None, "sku_size": None, "image_path": None, "weight_grams": 450,
        "external_codes": ["BOX9-EAN"], "stock_quantity": 0}}


def test_unticking_a_sku_with_stock_is_refused_inline_and_nothing_is_saved(qtbot, open_screen, runner, services):
    screen = products_screen_on(qtbot, open_screen, runner, WITH_STOCK)
    editor = open_editor(qtbot, screen, runner)
    assert editor.code_edit.isReadOnly() and not editor.has_sku_box.isEnabled()
    held = next(code for code, s in skus_of(services, WITH_STOCK).items() if s["stock_quantity"] > 0)
    type_into(qtbot, editor.name_edit, "Crew-neck tee v2")
    key = editor.grid.key_of(held)
    editor.grid.select(key)
    press(qtbot, editor.grid.table, Qt.Key.Key_Space)
    editor.save()
    editor.save()  # a double click: ignored while the first runs
    settle(qtbot, runner, lambda: not editor.busy)
    assert editor.isVisible() and editor.refusal.error_code == "OPERATION_NOT_ALLOWED"
    message = editor.grid.message.text()
    stock = skus_of(services, WITH_STOCK)[held]["stock_quantity"]
    assert editor.grid.message.isVisible()
    # the editor's sentence and just the code: the generic "not allowed" text would say it twice
    assert message == (f"{held} still holds {stock} in stock: move or ship it first, or tick it again. "
                       "[OPERATION_NOT_ALLOWED]")
    assert editor.grid.current_key() == key
    # selected, the refused cell still shows its red "will be deleted" background
    table = editor.grid.table
    assert table.selectionModel().isSelected(table.currentIndex())
    cell = table.visualRect(table.currentIndex())
    shade = table.viewport().grab().toImage().pixelColor(cell.right() - 8, cell.center().y())
    assert (shade.red(), shade.green(), shade.blue()) == (255, 225, 225)
    assert held in skus_of(services, WITH_STOCK)
    name = services.catalog.product_by_code(WITH_STOCK).product_name
    assert name != "Crew-neck tee v2" and editor.name_edit.text() == "Crew-neck tee v2"  # all or nothing: kept to fix
    # tick it again: the rest of the edit saves
    press(qtbot, editor.grid.table, Qt.Key.Key_Space)
    assert editor.changes().update.product_name == "Crew-neck tee v2" and editor.changes().deleted_skus == []
    editor.save()
    saved(qtbot, runner, editor)
    assert services.catalog.product_by_code(WITH_STOCK).product_name == "Crew-neck tee v2"
    settle(qtbot, runner, lambda: screen.detail.product_name == "Crew-neck tee v2")  # the screen shows it


def test_bad_weight_and_taken_barcode_are_shown_beside_the_sku_panel(qtbot, open_screen, runner, services):
    screen = products_screen_on(qtbot, open_screen, runner, WITH_STOCK)
    editor = open_editor(qtbot, screen, runner)
    first, second = list(skus_of(services, WITH_STOCK))[:2]
    taken = services.catalog.external_codes_of(second).external_codes[0]
    editor.grid.select(editor.grid.key_of(first))
    type_into(qtbot, editor.panel.weight_edit, "0")
    editor.save()
    settle(qtbot, runner, lambda: not editor.busy)
    assert editor.panel.error.isVisible() and "weight" in editor.panel.error.text()
    assert "INVALID_PARAMETERS" in editor.panel.error.text()
    type_into(qtbot, editor.panel.weight_edit, "200")
    type_into(qtbot, editor.panel.code_edit, taken)
    press(qtbot, editor.panel.code_edit, Qt.Key.Key_Return)
    editor.save()
    settle(qtbot, runner, lambda: not editor.busy)
    assert "EXTERNAL_CODE_EXISTS" in editor.panel.error.text() and editor.isVisible()
    assert skus_of(services, WITH_STOCK)[first]["weight_grams"] != 200  # all or nothing: the weight waits too
    assert taken not in skus_of(services, WITH_STOCK)[first]["external_codes"]


def test_duplicate_code_and_empty_name_are_shown_beside_their_fields(qtbot, services, runner, settings, translator,
                                                                   images):
    editor = ProductEditor(context_for(services, settings, runner, translator, "supervisor"), None, images=images)
    shown(qtbot, runner, editor)
    editor.has_sku_box.setChecked(False)
    type_into(qtbot, editor.code_edit, WITH_STOCK)
    editor.save()
    settle(qtbot, runner, lambda: not editor.busy)
    assert editor.errors["product_name"].isVisible() and "INVALID_PARAMETERS" in editor.errors["product_name"].text()
    type_into(qtbot, editor.name_edit, "Copy")
    editor.save()
    settle(qtbot, runner, lambda: not editor.busy)
    assert not editor.errors["product_name"].isVisible()
    assert "PRODUCT_CODE_EXISTS" in editor.errors["product_code"].text() and editor.isVisible()


def test_image_is_copied_into_the_images_folder_and_stored_as_uploads_path(qtbot, services, runner, settings,
                                                                          translator, images, tmp_path):
    picture = tmp_path / "Photo.PNG"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(picture), "PNG")
    editor = ProductEditor(context_for(services, settings, runner, translator, "supervisor"), None, images=images)
    shown(qtbot, runner, editor)
    editor.has_sku_box.setChecked(False)
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("hello")
    editor.use_image_file(not_a_picture)
    assert editor.errors["image_path"].isVisible() and editor.image_path is None
    editor.use_image_file(picture)
    assert not editor.preview.pixmap().isNull() and editor.image_path.startswith("/uploads/")
    type_into(qtbot, editor.code_edit, "PIC1")
    type_into(qtbot, editor.name_edit, "Pictured")
    editor.save()
    saved(qtbot, runner, editor)
    stored = services.catalog.product_by_code("PIC1").image_path
    assert stored == editor.image_path and stored.endswith(".png")
    assert (images / stored.removeprefix("/uploads/")).read_bytes() == picture.read_bytes()
    again = ProductEditor(context_for(services, settings, runner, translator, "supervisor"),
                          services.catalog.product_by_code("PIC1").product_id, images=images)
    qtbot.addWidget(again, before_close_func=lambda _w: runner.wait_for_done())
    settle(qtbot, runner, lambda: again.detail is not None)
    assert not again.preview.pixmap().isNull()
    again.clear_image_button.click()  # "no image" clears it
    again.save()
    settle(qtbot, runner, lambda: not again.busy)
    assert services.catalog.product_by_code("PIC1").image_path is None


def test_request_ids_repeat_only_for_the_same_change(qtbot, services, runner, settings, translator, images):
    editor = ProductEditor(context_for(services, settings, runner, translator, "supervisor"), None, images=images)
    qtbot.addWidget(editor, before_close_func=lambda _w: runner.wait_for_done())
    editor.has_sku_box.setChecked(False)
    type_into(qtbot, editor.code_edit, "RQ1")
    type_into(qtbot, editor.name_edit, "one")
    first = editor.changes()
    assert editor.changes() == first and first.request_id  # a retry reuses the request_id
    assert first.operator_id == "wang.fang"
    type_into(qtbot, editor.name_edit, "two")
    assert editor.changes().request_id != first.request_id


def test_delete_product_asks_first_with_cancel_as_default(qtbot, open_screen, runner, services):
    services.catalog.create_product({"product_code": "GONE1", "product_name": "Old stock", "operator_id": "u"})
    screen = products_screen_on(qtbot, open_screen, runner, "GONE1")
    press(qtbot, screen.table, Qt.Key.Key_Delete)
    box = screen.confirm_box
    assert box.isVisible() and "GONE1" in box.text() and "Old stock" in box.text()
    assert box.defaultButton() is box.escapeButton()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter = Cancel
    runner.wait_for_done()
    assert services.catalog.product_by_code("GONE1")
    press(qtbot, screen.table, Qt.Key.Key_Delete)
    box = screen.confirm_box
    next(b for b in box.buttons() if b is not box.defaultButton()).click()
    settle(qtbot, runner, lambda: screen.model.rowCount() == 0)
    assert not services.catalog.list_products({"search": "GONE1"}).data


def test_a_delete_lost_to_the_connection_is_retried_with_its_request_id(qtbot, open_screen, runner, services,
                                                                         monkeypatch):
    """The answer of a delete can be lost after it committed: deleting again must be the same
    request (the first result), not a new one (PRODUCT_NOT_FOUND)."""
    from wms_desktop.domain.errors import WmsError

    services.catalog.create_product({"product_code": "GONE2", "product_name": "Old stock", "operator_id": "u"})
    screen = products_screen_on(qtbot, open_screen, runner, "GONE2")
    sent, real_delete = [], services.catalog.delete_product

    def answer_lost_once(command):
        sent.append(command.request_id)
        result = real_delete(command)
        if len(sent) == 1:
            raise WmsError("DATABASE_UNAVAILABLE", details={"reason": "connection_lost", "outcome": "unknown"})
        return result

    monkeypatch.setattr(screen.services.catalog, "delete_product", answer_lost_once)
    for _ in range(2):
        screen.delete_product()
        next(b for b in screen.confirm_box.buttons() if b is not screen.confirm_box.defaultButton()).click()
        runner.wait_for_done()
    assert len(sent) == 2 and sent[0] == sent[1]
    settle(qtbot, runner, lambda: "GONE2" in screen.detail_info.text())  # "Deleted product GONE2."


def test_delete_of_a_product_with_stock_is_refused_in_the_screen(qtbot, open_screen, runner, services):
    screen = products_screen_on(qtbot, open_screen, runner, WITH_STOCK)
    screen.delete_product()
    next(b for b in screen.confirm_box.buttons() if b is not screen.confirm_box.defaultButton()).click()
    settle(qtbot, runner, lambda: "OPERATION_NOT_ALLOWED" in screen.info.text())
    assert services.catalog.product_by_code(WITH_STOCK)


def test_a_clerk_cannot_open_the_editors(qtbot, open_screen, runner):
    screen = open_screen(ProductsScreen, role="clerk")
    settle(qtbot, runner, lambda: screen.model.is_complete and screen.table.currentIndex().isValid())
    buttons = screen.edit_actions.buttons
    assert not any(b.isEnabled() for b in buttons.values())
    press(qtbot, screen.table, Qt.Key.Key_F2)
    press(qtbot, screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.editor is None


def test_in_the_main_window_f2_edits_on_the_table_and_switches_screens_elsewhere(qtbot, services, settings, runner,
                                                                                 translator, images):
    from wms_desktop.ui.main_window import MainWindow

    window = MainWindow(context_for(services, settings, runner, translator, "supervisor"))
    qtbot.addWidget(window, before_close_func=lambda _w: runner.wait_for_done())
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.show_screen(0)
    products = window.screen_named("products")
    settle(qtbot, runner, lambda: products.model.is_complete and products.table.currentIndex().isValid())
    press(qtbot, products.table, Qt.Key.Key_F2)
    assert products.editor is not None and window.current_screen() is products
    settle(qtbot, runner, lambda: products.editor.detail is not None)
    products.editor.reject()
    with qtbot.waitActive(window):
        window.activateWindow()
    press(qtbot, products.search_box, Qt.Key.Key_F2)
    assert window.current_screen() is window.screen_named("locations")


# ---- locations -------------------------------------------------------------------------------

def locations_screen(qtbot, open_screen, runner):
    screen = open_screen(LocationsScreen)
    settle(qtbot, runner, lambda: screen.proxy.rowCount() > 30)
    return screen


def select_location(screen, code):
    screen.handle_scan(Scan(code, kind="location", location_code=code))
    assert screen.current_location().location_code == code


def test_new_edit_and_delete_a_location_by_keyboard(qtbot, open_screen, runner, services):
    screen = locations_screen(qtbot, open_screen, runner)
    press(qtbot, screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = screen.editor
    assert isinstance(editor, LocationEditor) and editor.windowTitle() == "New location"
    type_into(qtbot, editor.code_edit, "Z-09")
    press(qtbot, editor.type_box, Qt.Key.Key_Down)  # receiving
    press(qtbot, editor.code_edit, Qt.Key.Key_Return)
    settle(qtbot, runner, lambda: closed(editor))
    assert services.locations.get({"location_code": "Z-09"}).location_type == "receiving"
    assert screen.current_location().location_code == "Z-09"  # in the list, selected, no reload
    press(qtbot, screen.table, Qt.Key.Key_Return)  # Enter edits
    editor = screen.editor
    assert editor.windowTitle() == "Edit location" and editor.code_edit.isReadOnly()
    press(qtbot, editor.active_box, Qt.Key.Key_Space)
    type_into(qtbot, editor.name_edit, "Overflow")
    press(qtbot, editor.name_edit, Qt.Key.Key_Return)
    settle(qtbot, runner, lambda: closed(editor))
    row = services.locations.get({"location_code": "Z-09"})
    assert (row.is_active, row.location_name) == (False, "Overflow")
    assert to_json(screen.current_location()) == {**to_json(row), "changes": {
        "balances": [], "product_ids": [], "location_ids": [row.location_id], "documents": []}}
    press(qtbot, screen.table, Qt.Key.Key_Delete)
    qtbot.keyClick(screen.confirm_box, Qt.Key.Key_Escape)
    assert services.locations.get({"location_code": "Z-09"})
    press(qtbot, screen.table, Qt.Key.Key_Delete)
    next(b for b in screen.confirm_box.buttons() if b is not screen.confirm_box.defaultButton()).click()
    settle(qtbot, runner, lambda: "Z-09" not in [r.location_code for r in screen.locations])
    assert "Z-09" not in [r.location_code for r in services.locations.list({})]


def test_location_refusals_are_shown_beside_the_field(qtbot, open_screen, runner, services):
    screen = locations_screen(qtbot, open_screen, runner)
    editor = screen.new_location()
    type_into(qtbot, editor.code_edit, "A01-01-01")
    editor.save()
    editor.save()
    settle(qtbot, runner, lambda: not editor.busy)
    assert "LOCATION_CODE_EXISTS" in editor.errors["location_code"].text() and editor.isVisible()
    editor.reject()
    used = services.stock.query({"page_size": 1}).items[0].location_code
    select_location(screen, used)
    screen.delete_location()
    next(b for b in screen.confirm_box.buttons() if b is not screen.confirm_box.defaultButton()).click()
    settle(qtbot, runner, lambda: "OPERATION_NOT_ALLOWED" in screen.info.text())


def test_unassigned_location_cannot_be_edited_or_deleted(qtbot, open_screen, runner):
    screen = locations_screen(qtbot, open_screen, runner)
    select_location(screen, "无货位")
    buttons = screen.edit_actions.buttons
    assert buttons["new"].isEnabled() and not buttons["edit"].isEnabled() and not buttons["delete"].isEnabled()
    press(qtbot, screen.table, Qt.Key.Key_F2)
    press(qtbot, screen.table, Qt.Key.Key_Delete)
    assert screen.editor is None and screen.confirm_box is None
    assert QApplication.activeModalWidget() is None


# ---- the edit as one command (pure) -----------------------------------------------------------

def _detail(**skus):
    return ProductDetail(
        product_id=9, product_code="P", product_name="p", unit="件", category_id="C", image_path=None, has_sku=True,
        low_stock_threshold=-1, high_stock_threshold=-1, created_at=None, updated_at=None, total_quantity=0,
        sku_count=len(skus), location_count=0, color_count=len(skus), colors=[], stock_quantity=0,
        skus=[SkuDetail(sku_code=f"P-{k}-S", sku_color=k, sku_size="S", image_path=None, weight_grams=None,
                        scan_code=f"S00000{i}", external_codes=codes, stock_quantity=0)
              for i, (k, codes) in enumerate(skus.items(), 1)])


def _form(detail, **changes):
    return {**{k: getattr(detail, k) for k in ("product_code", "product_name", "unit", "category_id", "image_path",
                                               "has_sku", "low_stock_threshold", "high_stock_threshold")}, **changes}


def test_plan_moves_a_barcode_off_a_deleted_sku_and_clears_a_category_in_one_command():
    detail = _detail(RED=["B1"], BLUE=[])
    drafts = {("RED", "S"): SkuDraft(checked=False, external_codes=["B1"]),
              ("BLUE", "S"): SkuDraft(weight_grams=5, external_codes=["B1"]),
              ("GREEN", "S"): SkuDraft(external_codes=["B2"])}
    edit = plan(detail, _form(detail, category_id=None), drafts)
    # the catalogue applies it in this order: RED's deletion frees its barcode before BLUE takes it
    assert edit.create is None and edit.update.product_id == 9 and edit.update.category_id is None
    assert edit.update.product_name is None and edit.update.image_path is UNSET  # left out: kept
    assert edit.update.skus == [NewSku(sku_code="P-GREEN-S", sku_color="GREEN", sku_size="S", external_codes=["B2"])]
    assert edit.weights == [SkuWeight(sku_code="P-BLUE-S", weight_grams=5)]
    assert edit.deleted_skus == ["P-RED-S"] and edit.removed_external_codes == []
    assert edit.added_external_codes == [SkuBarcodes(sku_code="P-BLUE-S", external_codes=["B1"])]
    drafts[("RED", "S")] = SkuDraft(external_codes=[])
    edit = plan(detail, _form(detail), drafts)
    assert edit.removed_external_codes == [SkuBarcode(sku_code="P-RED-S", external_code="B1")]
    assert plan(detail, _form(detail), {("RED", "S"): SkuDraft(external_codes=["B1"]),
                                        ("BLUE", "S"): SkuDraft()}) is None
