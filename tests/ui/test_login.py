"""Log in (Enter submits, refusals inline with their code), the first administrator, and the
shell's order: first admin → login → main window → log out → login."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.key_streams import scan_keys, type_keys
from tests.ui.ui_helpers import FakeAuth, FakeServices
from wms_desktop.ui.dialogs.login import FirstAdminDialog, LoginDialog
from wms_desktop.ui.main_window import MainWindow
from wms_desktop.ui.scanning.router import ScanFlash
from wms_desktop.ui.shell import Shell


def services_of(auth, runner) -> SimpleNamespace:
    """What a sign-in dialog needs of the app's context: the services and the op runner."""
    return SimpleNamespace(services=FakeServices(auth), runner=runner)


def _login_dialog(qtbot, auth, runner, **kw) -> LoginDialog:
    dialog = LoginDialog(services_of(auth, runner), **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_enter_logs_in_and_the_session_uses_the_user_name_as_operator(qtbot, runner, fake_auth, translator):
    dialog = _login_dialog(qtbot, fake_auth, runner)
    qtbot.keyClicks(dialog.user_name, "li.wei")
    qtbot.keyClicks(dialog.password, "correct horse")
    with qtbot.waitSignal(dialog.logged_in, timeout=5000) as blocker:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    session = blocker.args[0]
    assert session.user_name == "li.wei" and session.operator_id == "li.wei"
    assert session.role == "clerk" and session.display_name == "Li.Wei"
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert fake_auth.calls == [("login", {"user_name": "li.wei", "password": "correct horse"})]
    assert fake_auth.threads[0] != __import__("threading").get_ident()  # not on the GUI thread


def test_wrong_password_is_shown_inline_with_its_code(qtbot, runner, fake_auth, translator):
    dialog = _login_dialog(qtbot, fake_auth, runner, user_name="li.wei")
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "Wrong user name or password" in dialog.error_label.text()
    assert "INVALID_CREDENTIALS" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.password.text() == ""
    assert dialog.submit_button.isEnabled() and dialog.password.isEnabled()


def test_after_a_refusal_enter_signs_in_again(qtbot, runner, fake_auth, translator):
    """Busy disables the fields and the button, which took away its default; Enter must submit
    again once the refusal is shown, not only Alt+S."""
    dialog = _login_dialog(qtbot, fake_auth, runner, user_name="li.wei")
    with qtbot.waitActive(dialog):  # focus moves off disabled widgets only in the active window
        dialog.activateWindow()
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and dialog.password.hasFocus(), timeout=5000)
    qtbot.keyClicks(dialog.password, "correct horse")
    with qtbot.waitSignal(dialog.logged_in, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert [call[1]["password"] for call in fake_auth.calls] == ["wrong", "correct horse"]


def test_inline_error_is_translated(qtbot, runner, fake_auth, translator):
    translator.set_language("zh_CN")
    dialog = _login_dialog(qtbot, fake_auth, runner, user_name="nobody")
    assert dialog.submit_button.text() == "登录(&S)"
    qtbot.keyClicks(dialog.password, "x")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert dialog.error_label.text().startswith('用户名或密码错误 <span style="font-size: small; color: #757575;">'
                                                '[INVALID_CREDENTIALS')  # the sentence, then the code small


def test_empty_fields_are_refused_before_any_call(qtbot, runner, fake_auth, translator):
    dialog = _login_dialog(qtbot, fake_auth, runner)
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Enter your user name."
    qtbot.keyClicks(dialog.user_name, "li.wei")
    dialog.submit()
    assert dialog.error_label.text() == "Enter your password."
    runner.wait_for_done()
    assert fake_auth.calls == []


def test_first_admin_checks_passwords_then_creates_an_admin(qtbot, runner, translator):
    auth = FakeAuth()
    dialog = FirstAdminDialog(services_of(auth, runner))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_name, "boss")
    dialog.display_name.setText("王老板")  # QTest cannot type CJK
    qtbot.keyClicks(dialog.password, "long enough 1")
    qtbot.keyClicks(dialog.repeat, "long enough 2")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "The two passwords are not the same."
    assert auth.calls == []
    qtbot.keyClicks(dialog.repeat, "long enough 1")
    with qtbot.waitSignal(dialog.created, timeout=5000) as blocker:
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert blocker.args == ["boss"]
    assert auth.calls == [("create_user", {"user_name": "boss", "password": "long enough 1",
                                           "display_name": "王老板", "role": "admin", "warehouse_codes": None})]


def test_first_admin_shows_a_refusal_inline(qtbot, runner, translator):
    auth = FakeAuth({"boss": "whatever"})
    dialog = FirstAdminDialog(services_of(auth, runner))
    qtbot.addWidget(dialog)
    dialog.show()
    for edit, text in ((dialog.user_name, "boss"), (dialog.password, "pw123456"), (dialog.repeat, "pw123456")):
        edit.setText(text)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "USER_NAME_EXISTS" in dialog.error_label.text()
    assert dialog.submit_button.isEnabled()


def _visible(cls):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]


@pytest.fixture
def make_shell(context):
    """``make_shell()``: a Shell on the test's context, disposed (its scanner filter off the
    application) whatever the test did."""
    shells = []

    def make() -> Shell:
        shells.append(Shell(context))
        return shells[-1]

    yield make
    for shell in shells:
        shell.dispose()


def test_shell_runs_first_admin_login_main_window_and_logout(qtbot, context, translator, make_shell):
    auth = FakeAuth()
    context.services = FakeServices(auth)
    context.session = None
    shell = make_shell()
    quits = []
    shell.quit_requested.connect(quits.append)
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, FirstAdminDialog) and shell.dialog.isVisible(), timeout=5000)
    first = shell.dialog
    first.user_name.setText("boss")
    first.password.setText("pw123456")
    first.repeat.setText("pw123456")
    first.submit()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog) and shell.dialog.isVisible(), timeout=5000)
    login = shell.dialog
    assert login.user_name.text() == "boss"  # prefilled with the new administrator
    login.password.setText("pw123456")
    login.submit()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=5000)
    window = shell.window
    assert context.session.operator_id == "boss" and context.session.role == "admin"
    assert "boss" in window.status.user_label.text()

    window.logout_action.trigger()
    assert shell.window is None and context.session is None
    assert isinstance(shell.dialog, LoginDialog) and shell.dialog.isVisible()
    assert shell.dialog.user_name.text() == "boss"
    assert quits == []  # logging out does not quit
    qtbot.waitUntil(lambda: not _visible(MainWindow), timeout=2000)

    shell.dialog.password.setText("pw123456")
    shell.dialog.submit()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=5000)
    shell.window.quit_action.trigger()
    assert quits == [0]
    shell.dialog.close()


def test_shell_quits_when_login_is_cancelled(qtbot, context, translator, make_shell):
    shell = make_shell()
    quits = []
    shell.quit_requested.connect(quits.append)
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog) and shell.dialog.isVisible(), timeout=5000)
    qtbot.keyClick(shell.dialog, Qt.Key.Key_Escape)
    assert quits == [0]


def test_a_scan_at_sign_in_types_nothing_and_signs_nobody_in(qtbot, context, translator, fake_auth, make_shell):
    """A clerk scans before signing in: the barcode is not typed into the password (nor the user
    name), its Enter does not submit, and the dialog says scans are not taken there."""
    shell = make_shell()
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog) and shell.dialog.isVisible(), timeout=5000)
    login = shell.dialog
    type_keys(login.user_name, "li.wei")
    qtbot.waitUntil(lambda: login.user_name.text() == "li.wei", timeout=2000)
    scan_keys(login.password, "6970123000031")
    scan_keys(login.user_name, "SO-1001")
    qtbot.waitUntil(lambda: shell.scanner.holding == 0, timeout=2000)
    assert login.password.text() == "" and login.user_name.text() == "li.wei"
    assert fake_auth.calls == [] and login.isVisible()
    flash = login.findChild(ScanFlash, "scanFlash")
    assert flash is not None and flash.isVisible() and flash.text().startswith("Scans are not taken in this window")
    type_keys(login.password, "correct horse\r")  # a person signs in as ever
    qtbot.waitUntil(lambda: shell.window is not None, timeout=5000)
    assert fake_auth.calls == [("login", {"user_name": "li.wei", "password": "correct horse"})]
    shell.window.close()
