"""The administrator's Users dialog: list, add with a role, switch off; never one's own account."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.mnemonics import duplicate_mnemonics
from wms_desktop.domain.errors import WmsError
from wms_desktop.ui.dialogs.audit import AuditDialog
from wms_desktop.ui.dialogs.login import NewUserDialog
from wms_desktop.ui.dialogs.user_warehouses import UserWarehousesDialog
from wms_desktop.ui.dialogs.users import UsersDialog
from wms_desktop.ui.session import AppContext, Session


@pytest.fixture
def admin_context(services, settings, runner, translator):
    services.auth.create_user({"user_name": "boss", "password": "long enough pw", "role": "admin",
                               "display_name": "王老板"})
    return AppContext(services=services.acting_as("boss", "admin"), settings=settings, runner=runner,
                      warehouse_code="WH01", database_label="sqlite", translator=translator,
                      session=Session(1, "boss", "王老板", "admin"))


def open_users(qtbot, context) -> UsersDialog:
    dialog = UsersDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    return dialog


def test_an_admin_adds_a_clerk_by_keyboard(qtbot, admin_context, services):
    dialog = open_users(qtbot, admin_context)
    assert not dialog.toggle_button.isEnabled()  # the only user is the admin themself
    dialog.add_user()
    qtbot.waitUntil(lambda: dialog.findChild(NewUserDialog) is not None, timeout=2000)
    new = dialog.findChild(NewUserDialog)
    qtbot.waitUntil(lambda: new.role.count() == 3, timeout=5000)  # the roles, loaded
    assert new.role.currentData() == "clerk"  # the least privilege is the default
    qtbot.keyClicks(new.user_name, "li.clerk")
    qtbot.keyClicks(new.password, "another long pw")
    qtbot.keyClicks(new.repeat, "another long pw")
    qtbot.keyClick(new.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert services.auth.login({"user_name": "li.clerk", "password": "another long pw"}).role == "clerk"
    assert dialog.current_user().user_name == "li.clerk"


def test_switching_a_user_off_stops_their_sign_in(qtbot, admin_context, services):
    services.auth.create_user({"user_name": "li.clerk", "password": "another long pw", "role": "clerk",
                               "display_name": "Li"})
    dialog = open_users(qtbot, admin_context)
    dialog.table.selectRow([u.user_name for u in dialog.users].index("li.clerk"))
    assert dialog.toggle_button.isEnabled()
    dialog.toggle_button.click()
    qtbot.waitUntil(lambda: dialog.current_user() is not None and not dialog.current_user().is_active,
                    timeout=5000)
    assert dialog.model.item(dialog.table.currentIndex().row(), 4).text() == "no"
    with pytest.raises(WmsError) as caught:
        services.auth.login({"user_name": "li.clerk", "password": "another long pw"})
    assert caught.value.error_code == "USER_INACTIVE"


def test_every_column_shows_its_text_and_the_name_takes_the_spare_width(qtbot, admin_context, services):
    services.auth.create_user({"user_name": "zhang.qiang", "password": "another long pw", "role": "supervisor",
                               "display_name": "张强 Zhang Qiang, night shift"})
    dialog = open_users(qtbot, admin_context)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    header, table = dialog.table.horizontalHeader(), dialog.table
    assert all(header.sectionSize(c) >= table.sizeHintForColumn(c) for c in range(header.count()))
    assert sum(header.sectionSize(c) for c in range(header.count())) <= table.viewport().width()
    assert header.sectionSize(1) == max(header.sectionSize(c) for c in range(header.count()))


def test_an_admin_chooses_a_users_warehouses_by_keyboard(qtbot, admin_context, services):
    services.warehouses.create({"warehouse_code": "WH02", "warehouse_name": "东仓"})
    services.auth.create_user({"user_name": "li.clerk", "password": "another long pw", "role": "clerk",
                               "display_name": "Li"})
    dialog = open_users(qtbot, admin_context)
    assert dialog.model.item(0, 3).text() == "all"  # boss, the administrator
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.current_user().user_name == "li.clerk" and dialog.model.item(1, 3).text() == "WH01"
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.findChild(UserWarehousesDialog) is not None, timeout=2000)
    choose = dialog.findChild(UserWarehousesDialog)
    qtbot.waitUntil(lambda: choose.choices.count() == 2, timeout=5000)
    assert duplicate_mnemonics(dialog) == [] and duplicate_mnemonics(choose) == []
    qtbot.keyClick(choose.choices, Qt.Key.Key_Space)  # WH01 off
    qtbot.keyClick(choose.choices, Qt.Key.Key_Down)
    qtbot.keyClick(choose.choices, Qt.Key.Key_Space)  # WH02 on
    assert choose.chosen() == ["WH02"]
    qtbot.keyClick(choose.choices, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and dialog.model.item(1, 3).text() == "WH02", timeout=5000)
    with pytest.raises(WmsError) as caught:
        services.auth.login({"user_name": "li.clerk", "password": "another long pw"})
    assert caught.value.error_code == "WAREHOUSE_NOT_ALLOWED"


def test_the_new_user_dialog_offers_no_role_above_ones_own(qtbot, admin_context, services):
    admin_context.session = Session(2, "wang", "王", "supervisor")
    new = NewUserDialog(admin_context)
    qtbot.addWidget(new)
    qtbot.waitUntil(lambda: new.role.count() > 0, timeout=5000)
    assert [new.role.itemData(i) for i in range(new.role.count())] == ["clerk", "supervisor"]


def test_a_supervisor_sees_the_refusal_inline(qtbot, admin_context, services):
    admin_context.services = services.acting_as("wang", "supervisor")
    dialog = UsersDialog(admin_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=5000)
    assert "PERMISSION_DENIED" in dialog.error_label.text() or "12001" in dialog.error_label.text()


@pytest.mark.parametrize("role, corrections, users", [("clerk", False, False), ("supervisor", True, False),
                                                      ("admin", True, True)])
def test_the_main_window_offers_what_the_role_may_do(qtbot, context, role, corrections, users):
    from wms_desktop.ui.main_window import MainWindow

    context.session = Session(7, "li.wei", "李伟", role)
    window = MainWindow(context)
    qtbot.addWidget(window)
    inbound, outbound, transfer, adjust, counts, pick, receiving, pack, returns, wave = window.operation_actions
    assert all(action.isEnabled() for action in (inbound, outbound, transfer, counts, pick, receiving, pack, returns))
    assert adjust.isEnabled() is corrections
    assert window.users_action.isVisible() is users


def test_a_users_history_shows_their_role_and_warehouse_changes(qtbot, admin_context, services, runner):
    from wms_desktop.ui.dialogs.audit import ACTION, AFTER, WHO

    services.auth.create_user({"user_name": "li.clerk", "password": "another long pw", "role": "clerk",
                               "display_name": "Li"})
    admin_context.services.auth.set_role({"user_name": "li.clerk", "role": "supervisor"})
    dialog = open_users(qtbot, admin_context)
    dialog.table.selectRow([u.user_name for u in dialog.users].index("li.clerk"))
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Histor&y…
    qtbot.waitUntil(lambda: dialog.findChild(AuditDialog) is not None, timeout=2000)
    history = dialog.findChild(AuditDialog)
    assert "Li" in history.windowTitle()
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=5000)
    runner.wait_for_done()
    assert [history.model.index(0, c).data() for c in (WHO, ACTION, AFTER)] == ["boss", "set_role", 'role: "supervisor"']
    assert history.model.index(1, ACTION).data() == "create"
    assert duplicate_mnemonics(dialog) == []
    history.close()
