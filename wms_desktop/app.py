"""The desktop app's composition root: settings → database → schema check → services → UI.

Besides ``cli.py`` this is the only module that may import ``wms_desktop.db``; everything under
``wms_desktop/ui`` receives what it needs in an :class:`~wms_desktop.ui.session.AppContext`.

    wms-desktop                              the workstation
    wms-desktop --demo                       embedded database: migrate, fill with demo data once, run
    wms-desktop --demo --screenshot DIR      render every screen and dialog to DIR/<lang>/*.png, exit

Database: ``--database-url``, else ``$WMS_DATABASE_URL``, else the server configured in the
settings dialog (password from the OS keyring), else the embedded SQLite file; the time limits
of the settings' Database tab bound every wait on a server, whose link the status bar shows.
Warehouse: ``--warehouse``, else ``$WMS_WAREHOUSE``, else the settings, else WH01.

MQTT (scale, sensors, outbox events): the broker in the settings, if any. The app starts and
works without one; with one, the event relay publishes the outbox on a background thread.
"""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import config
from .db.engine import Database
from .db.migrate import check_schema, upgrade
from .domain.errors import WmsError
from .event_relay import EventRelay, RelayThread
from .limits import DatabaseLimits
from .paths import RESOURCES, developer_tool
from .services import Services, ensure_warehouse
from .ui.app_settings import AppSettings
from .ui.connection import DatabaseLink
from .ui.devices import DeviceBridge
from .ui.errors.crash import install_crash_reporter, setup_logging
from .ui.errors.messages import schema_mismatch_box
from .ui.fonts import register_fonts
from .ui.i18n import Translator
from .ui.ops import OpRunner, set_op_runner
from .ui.session import AppContext
from .ui.shell import Shell

log = logging.getLogger(__name__)

EXIT_SCHEMA_MISMATCH = 3
EXIT_DATABASE_ERROR = 4


@dataclass(frozen=True)
class GuiOptions:
    """The window's command line (``wms_desktop.cli`` parses it)."""

    database_url: str | None = None
    warehouse: str | None = None
    language: str | None = None
    demo: bool = False
    screenshot: Path | None = None


def resolve_database(args: GuiOptions, settings: AppSettings) -> tuple[str, bool]:
    """(url, embedded)."""
    url = args.database_url or os.environ.get("WMS_DATABASE_URL") or settings.database_url()
    if url:
        return url, False
    return config.database_url(), True


def resolve_warehouse(args: GuiOptions, settings: AppSettings) -> str:
    return (args.warehouse or os.environ.get("WMS_WAREHOUSE") or settings.warehouse_code
            or config.DEFAULT_WAREHOUSE)


def open_database(url: str, embedded: bool, warehouse: str, demo: bool,
                  limits: DatabaseLimits = DatabaseLimits()) -> Database:
    """Connect and check the schema. The embedded file is this workstation's own: it is created
    when new (and brought up to date with ``--demo``). A shared server is never migrated by a
    workstation; ``--demo`` only fills its catalogue when that is empty."""
    db = Database(url, limits)
    try:
        if embedded:
            try:
                check_schema(db)
            except WmsError as error:
                state = error.details.get("state")
                if error.error_code != "SCHEMA_MISMATCH" or not (state == "empty" or (demo and state == "older")):
                    raise
                log.info("creating the schema of %s", db.describe())
                upgrade(db)
        check_schema(db)
        if embedded:
            ensure_warehouse(db, warehouse, warehouse)  # the embedded database is this workstation's own
        if demo:
            from . import demo as demo_data

            demo_data.seed_demo(db, warehouse_code=warehouse)
    except BaseException:
        db.dispose()
        raise
    return db


def build_context(db: Database, warehouse: str, settings: AppSettings, runner: OpRunner,
                  translator: Translator | None, embedded: bool, devices: DeviceBridge | None = None) -> AppContext:
    def seed() -> bool:
        from . import demo as demo_data

        return demo_data.seed_demo(db, warehouse_code=warehouse)

    # a shared server is watched (status bar, early refusals); the embedded file is always there
    link = None if embedded else DatabaseLink(db.probe, runner)
    return AppContext(services=Services(db, warehouse), settings=settings, runner=runner,
                      warehouse_code=warehouse, database_label=db.describe(), embedded=embedded,
                      seed_demo=seed, translator=translator, devices=devices, link=link)


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["wms-desktop"])
    if not app.organizationName():
        app.setOrganizationName("wms-desktop")
    if not app.applicationName() or app.applicationName() == "python":
        app.setApplicationName("wms-desktop")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "wms-desktop.png")))
    return app


def main(args: GuiOptions) -> int:
    app = _application()
    log_file = setup_logging(config.data_dir() / "logs")
    log.info("starting; log file %s", log_file)
    reporter = install_crash_reporter(app)
    register_fonts(app)
    runner = OpRunner(app)
    set_op_runner(runner)
    runner.crash_handler = reporter.report
    translator = Translator(app)
    try:
        if args.screenshot is not None:
            return _screenshots(args, runner, translator)
        settings = AppSettings()
        translator.set_language(args.language or settings.language)
        return _run(app, args, settings, runner, translator)
    finally:
        runner.wait_for_done()
        from .devices.printing import RENDERER  # imported here: the window starts without it

        RENDERER.shutdown()  # after the ops that wait for it
        translator.uninstall()
        reporter.uninstall()
        set_op_runner(None)
        runner.deleteLater()
        translator.deleteLater()


def _run(app: QApplication, args: GuiOptions, settings: AppSettings, runner: OpRunner, translator: Translator) -> int:
    url, embedded = resolve_database(args, settings)
    warehouse = resolve_warehouse(args, settings)
    if args.demo and not embedded:
        log.warning("--demo fills only an empty catalogue; using %s as configured", url)
    try:
        db = open_database(url, embedded, warehouse, args.demo, settings.database_limits())
    except WmsError as error:
        if error.error_code == "SCHEMA_MISMATCH":
            schema_mismatch_box(error).exec()
            return EXIT_SCHEMA_MISMATCH
        from PySide6.QtWidgets import QMessageBox

        from .ui.errors.messages import error_text

        QMessageBox.critical(None, "wms-desktop", error_text(error))
        return EXIT_DATABASE_ERROR
    devices = DeviceBridge.from_settings(settings)
    devices.start()  # returns at once: connecting and retrying happen on paho's thread
    relay = start_event_relay(db, devices, settings)
    context = None
    try:
        context = build_context(db, warehouse, settings, runner, translator, embedded, devices)
        if context.link is not None:
            context.link.start()
        shell = Shell(context, offer_demo=embedded and not args.demo)
        exit_code = [0]

        def finish(code: int) -> None:
            exit_code[0] = code
            app.exit(code)

        shell.quit_requested.connect(finish)
        app.setQuitOnLastWindowClosed(False)
        QTimer.singleShot(0, shell.start)
        app.exec()
        shell.dispose()
        return exit_code[0]
    finally:
        if context is not None and context.link is not None:
            context.link.stop()
        if relay is not None and not relay.stop():
            log.warning("the event relay did not stop in time")
        devices.stop()
        runner.wait_for_done()
        db.dispose()


def start_event_relay(db: Database, devices: DeviceBridge, settings: AppSettings) -> RelayThread | None:
    """Publish committed stock movements through the bridge's connection (one client per
    workstation on the broker); the relay's lease keeps it to one publisher per database."""
    if devices.connection is None:
        return None
    relay = RelayThread(EventRelay(db, devices.connection, root=settings.mqtt_topic_root))
    relay.start()
    return relay


def _screenshots(args: GuiOptions, runner: OpRunner, translator: Translator) -> int:
    """A throw-away SQLite database and settings file: nothing of the real workstation is touched."""
    render_all = developer_tool("screenshot").render_all

    with tempfile.TemporaryDirectory(prefix="wms-screenshot-") as tmp:
        settings = AppSettings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        warehouse = args.warehouse or config.DEFAULT_WAREHOUSE
        db = open_database(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}", True, warehouse, args.demo)
        try:
            context = build_context(db, warehouse, settings, runner, translator, embedded=True)
            paths = render_all(context, args.screenshot)
        finally:
            runner.wait_for_done()
            db.dispose()
    print(f"{len(paths)} screenshots in {args.screenshot}")
    return 0
