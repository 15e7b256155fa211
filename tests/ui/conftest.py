"""pytest-qt fixtures for the UI: offscreen, temporary settings, a test keyring, fake auth.

The platform is set before any QApplication exists. Settings go to a temporary directory under
a test organization, so a developer's real workstation settings are never touched.
"""
from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import tempfile
import traceback

import keyring
import keyring.backend
import pytest
from PySide6.QtCore import QSettings

from tests.ui.ui_helpers import FakeAuth, FakeServices
from wms_desktop.db.engine import Database
from wms_desktop.demo import seed_demo
from wms_desktop.services import Services
from wms_desktop.ui.app_settings import AppSettings, SecretStore
from wms_desktop.ui.fonts import register_fonts
from wms_desktop.ui.i18n import Translator
from wms_desktop.ui.ops import OpRunner, set_op_runner
from wms_desktop.ui.session import AppContext, Session

_SETTINGS_DIR = tempfile.mkdtemp(prefix="wms-ui-tests-settings-")


@pytest.fixture(scope="session")
def qapp_args():
    return ["wms-desktop-tests"]


@pytest.fixture(scope="session", autouse=True)
def _test_application(qapp):
    qapp.setOrganizationName("wms-desktop-tests")
    qapp.setApplicationName("wms-desktop-tests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, _SETTINGS_DIR)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, _SETTINGS_DIR)
    register_fonts(qapp)
    yield qapp


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps secrets in a dict (the tests' stand-in for the OS keyring)."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def settings(tmp_path, memory_keyring) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), SecretStore())


@pytest.fixture
def runner(qapp):
    """An op runner for one test; pools drained before widgets close. An op or a callback that
    raised (the app's crash dialog) fails the test: a test that expects one takes it out of
    ``runner.crashes``."""
    crashes: list = []
    op_runner = OpRunner()
    op_runner.crash_handler = lambda *exc_info: crashes.append(exc_info)
    op_runner.crashes = crashes
    set_op_runner(op_runner)
    yield op_runner
    op_runner.wait_for_done()
    set_op_runner(None)
    op_runner.deleteLater()
    if crashes:
        exc_type, exc, tb = crashes[0]
        pytest.fail("an op or its callback raised:\n" + "".join(traceback.format_exception(exc_type, exc, tb)))


@pytest.fixture
def translator(qapp):
    t = Translator(qapp)
    t.set_language("en")
    yield t
    t.uninstall()
    t.deleteLater()


@pytest.fixture
def fake_auth() -> FakeAuth:
    return FakeAuth({"li.wei": "correct horse"})


@pytest.fixture
def context(settings, runner, translator, fake_auth) -> AppContext:
    return AppContext(services=FakeServices(fake_auth), settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="postgresql+psycopg://wms@db-host:5432/wms", translator=translator,
                      session=Session(7, "li.wei", "李伟", "clerk"))


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture(scope="session")
def demo_template(sqlite_template, tmp_path_factory):
    """A migrated SQLite file with the demo data, made once; each test gets a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed_demo(db, "WH01")
    db.dispose()
    return path


@pytest.fixture
def services(demo_template, tmp_path):
    """Services over a private copy of the demo database (overrides the backend-parametrized one)."""
    path = tmp_path / "wms.sqlite3"
    shutil.copy(demo_template, path)
    db = Database(f"sqlite:///{path}")
    yield Services(db, "WH01")
    db.dispose()


@pytest.fixture
def screen_context(services, settings, runner, translator) -> AppContext:
    """A clerk signed in on the demo database: what the screens and their dialogs get."""
    return AppContext(services=services, settings=settings, runner=runner, warehouse_code="WH01",
                      database_label="sqlite:///demo", translator=translator,
                      session=Session(1, "li.wei", "李伟", "clerk"))


@pytest.fixture
def open_screen(qtbot, screen_context, runner):
    """``open_screen(ProductsScreen)``: shown, activated, and its queries drained before it closes."""
    def make(cls):
        screen = cls(screen_context)
        qtbot.addWidget(screen, before_close_func=lambda _w: runner.wait_for_done())
        screen.resize(1100, 600)
        screen.show()
        screen.activate()
        return screen

    yield make
    runner.wait_for_done()
