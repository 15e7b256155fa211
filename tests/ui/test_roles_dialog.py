"""The administrator's Roles dialog: a new role by keyboard, permissions one lacks cannot be
ticked, a user's role changed from the Users dialog."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.mnemonics import duplicate_mnemonics
from wms_desktop.domain.permissions import CORRECT_STOCK, MANAGE_USERS, MOVE_STOCK
from wms_desktop.ui.dialogs.roles import RoleEditor, RolesDialog
from wms_desktop.ui.dialogs.user_role import UserRoleDialog
from wms_desktop.ui.dialogs.users import UsersDialog
from wms_desktop.ui.session import AppContext, Session


@pytest.fixture
def admin_context(services, settings, runner, translator):
    services.auth.create_user({"user_name": "boss", "password": "long enough pw", "role": "admin",
                               "display_name": "王老板"})
    return AppContext(services=services.acting_as("boss", "admin"), settings=settings, runner=runner,
                      warehouse_code="WH01", database_label="sqlite", translator=translator,
                      session=Session(1, "boss", "王老板", "admin"))


def test_an_admin_makes_a_counter_role_and_gives_it(qtbot, admin_context, services):
    dialog = RolesDialog(admin_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=5000)
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.findChild(RoleEditor) is not None, timeout=2000)
    editor = dialog.findChild(RoleEditor)
    assert duplicate_mnemonics(dialog) == [] and duplicate_mnemonics(editor) == []
    qtbot.keyClicks(editor.code, "counter")
    editor.name.setText("盘点员")
    for permission in (CORRECT_STOCK, MOVE_STOCK):  # Space ticks the box the focus is on
        editor.checks[permission].setFocus()
        qtbot.keyClick(editor.checks[permission], Qt.Key.Key_Space)
    qtbot.keyClick(editor.code, Qt.Key.Key_Return)  # Return saves
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    assert dialog.current_role().role_code == "counter"
    assert dialog.current_role().permissions == [CORRECT_STOCK, MOVE_STOCK]

    services.auth.create_user({"user_name": "zhao", "password": "long enough pw", "role": "clerk", "display_name": "赵"})
    users = UsersDialog(admin_context)
    qtbot.addWidget(users)
    users.show()
    qtbot.waitUntil(lambda: users.model.rowCount() == 2, timeout=5000)
    users.table.selectRow([u.user_name for u in users.users].index("zhao"))
    qtbot.keyClick(users, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: users.findChild(UserRoleDialog) is not None, timeout=2000)
    choose = users.findChild(UserRoleDialog)
    while choose.choice.currentData() != "counter":  # arrow keys through the roles one may give
        qtbot.keyClick(choose.choice, Qt.Key.Key_Down)
    qtbot.keyClick(choose.choice, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: users.current_user() is not None and users.current_user().role == "counter", timeout=5000)
    assert users.model.item(users.table.currentIndex().row(), 2).text() == "盘点员"


def test_permissions_one_lacks_cannot_be_ticked(qtbot, admin_context, services):
    services.roles.create({"role_code": "keeper", "role_name": "人事", "permissions": [MANAGE_USERS, MOVE_STOCK]})
    admin_context.session = Session(2, "hr", "人事", "keeper", frozenset({MANAGE_USERS, MOVE_STOCK}))
    admin_context.services = services.acting_as("hr", "keeper")
    dialog = RolesDialog(admin_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    dialog.table.selectRow([r.role_code for r in dialog.roles].index("supervisor"))
    assert not dialog.edit_button.isEnabled() and not dialog.toggle_button.isEnabled()  # holds more than hr
    editor = dialog._open_editor(dialog.current_role(), copy=True)
    qtbot.addWidget(editor)
    assert not editor.checks[CORRECT_STOCK].isEnabled() and editor.checks[MOVE_STOCK].isEnabled()
    assert editor.code.text() == "" and not editor.code.isReadOnly()
