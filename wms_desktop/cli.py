"""``wms-desktop``: one parser (click) for the workstation window and the admin commands.

    wms-desktop [--database-url URL] [--warehouse CODE] [--language zh_CN|en] [--demo] [--screenshot DIR]
                                      the workstation window (no command)
    wms-desktop db upgrade [--roles PREFIX] | db check   the schema (and PostgreSQL roles) | is it usable?
    wms-desktop demo                  embedded demo: upgrade, fill with demo data once, show stock
    wms-desktop stock [--location C]  stock by location | stock verify | stock as-of AT [--sku S] [--location C]
    wms-desktop warehouse add CODE NAME | warehouse list
    wms-desktop user add NAME [--role clerk|supervisor|admin] | user list | user disable|enable NAME
    wms-desktop user warehouses NAME [CODES]   where a user may sign in (replaces; admins: everywhere)
    wms-desktop user role NAME ROLE   change a user's role
    wms-desktop events relay [--mqtt-host H]   publish outbox events to MQTT | events pending | events since N
    wms-desktop audit verify          check the audit trail's hash chain; names the first broken row
    wms-desktop labels sku|location [CODES] (--out FILE | --printer HOST)  [--format zpl]
    wms-desktop document pick_list|packing_list DATA.json --out FILE
    wms-desktop serve [--host H] [--port P] [--workers N]   the HTTP API (docs/api.md)
    wms-desktop import products|locations|stock|asns|orders FILE [--mode fail|skip|update] [--dry-run] [--errors F]
    wms-desktop export stock|movements|products|locations --out FILE [--filter NAME=VALUE ...]

Options go before the command (``wms-desktop --warehouse WH02 demo``). Imports are lazy: ``--help``
loads neither SQLAlchemy nor Alembic nor Qt.
"""
from __future__ import annotations

import contextlib
import getpass
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import config
from .contract.decode import to_json
from .domain.permissions import ALL, MANAGE_USERS

if TYPE_CHECKING:
    from .db.engine import Database
    from .services import Services

GUI_ONLY = ("language", "demo", "screenshot")


@dataclass(frozen=True)
class Options:
    database_url: str | None
    warehouse: str | None
    language: str | None
    demo: bool
    screenshot: Path | None


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--database-url", metavar="URL", help="default: $WMS_DATABASE_URL, else the settings, else the "
              "embedded SQLite file")
@click.option("--warehouse", metavar="CODE", help="warehouse code (default: $WMS_WAREHOUSE, else the settings, "
              "else WH01)")
@click.option("--language", type=click.Choice(["zh_CN", "en"]), help="window: the language (default: the saved "
              "choice, else the system locale)")
@click.option("--demo", is_flag=True, help="window: demo data (embedded database: migrate and fill an empty "
              "catalogue)")
@click.option("--screenshot", metavar="DIR", type=click.Path(path_type=Path),
              help="window: render every screen and dialog to PNG files in DIR and exit")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, warehouse: str | None, language: str | None, demo: bool,
        screenshot: Path | None) -> int | None:
    """Warehouse workstation: without a command, the window."""
    ctx.obj = Options(database_url, warehouse, language, demo, screenshot)
    if ctx.invoked_subcommand is not None:
        given = [f"--{name}" for name in GUI_ONLY if ctx.params[name]]
        if given:
            raise click.UsageError(f"{', '.join(given)}: an option of the window, not of commands")
        return None
    from .app import GuiOptions
    from .app import main as window

    return window(GuiOptions(database_url, warehouse, language, demo, screenshot))


def main(argv: Sequence[str] | None = None) -> int:
    """The ``wms-desktop`` entry point: the window's or a command's exit code."""
    try:
        code = cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="wms-desktop",
                        standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        return 1
    return code if isinstance(code, int) else 0


def with_database(command: Callable[..., int], admin: bool = False) -> Callable[..., int]:
    """A command on the database of the options, within the default database limits (an
    ``admin`` step's statements may run for minutes); a refusal is printed with its code (exit 2)."""

    @click.pass_obj
    def run(options: Options, **kwargs: Any) -> int:
        from .db.engine import Database
        from .domain.errors import WmsError
        from .limits import DatabaseLimits

        limits = DatabaseLimits().for_admin() if admin else DatabaseLimits()
        db = Database(options.database_url or config.database_url(), limits)
        try:
            return command(db, options.warehouse or config.warehouse_code(), **kwargs)
        except WmsError as error:
            print(f"error {error.error_code} ({error.code or '-'}): {error.message}", file=sys.stderr)
            if error.details:
                print(json.dumps(error.details, ensure_ascii=False), file=sys.stderr)
            return 2
        finally:
            db.dispose()

    run.__name__ = command.__name__
    run.__doc__ = command.__doc__
    return run


def admin_step(command: Callable[..., int]) -> Callable[..., int]:
    """``with_database`` for migrations and bulk loads, which run long on purpose."""
    return with_database(command, admin=True)


def _services(db: Database, warehouse: str) -> Services:
    """The services of a usable database (the schema is checked first)."""
    from .db.migrate import check_schema
    from .services import Services

    check_schema(db)
    return Services(db, warehouse)


# ---- db -------------------------------------------------------------------------------------------

@cli.group()
def db() -> None:
    """Schema administration."""


@db.command()
@click.option("--roles", "prefix", metavar="PREFIX", help="role name prefix (default: the database name)")
@admin_step
def upgrade(db: Database, _warehouse: str, prefix: str | None) -> int:
    """Create or upgrade the schema to this version (PostgreSQL: and the roles PREFIX_owner and
    PREFIX_workstation with their grants)."""
    from .db.migrate import upgrade as migrate
    from .db.privileges import Roles

    roles = None if db.is_sqlite else Roles.of(db, prefix)
    migrate(db, roles=roles)
    print(f"{db.describe()}: schema is up to date"
          + (f"; roles {roles.owner} (owner), {roles.workstation} (workstation logins)" if roles else ""))
    return 0


@db.command()
@admin_step
def check(db: Database, _warehouse: str) -> int:
    """Exit 0 when the schema is the one this version needs."""
    from .db.migrate import check_schema

    check_schema(db)
    print(f"{db.describe()}: schema OK")
    return 0


# ---- demo and stock -----------------------------------------------------------------------------

@cli.command()
@admin_step
def demo(db: Database, warehouse: str) -> int:
    """Fill the database with demo data (once) and show stock."""
    from . import demo as demo_data
    from .db.migrate import upgrade as migrate

    migrate(db)
    demo_data.seed_demo(db, warehouse_code=warehouse)
    return _show_stock(_services(db, warehouse), None, as_json=False)


@cli.group(invoke_without_command=True)
@click.option("--location", help="one location code")
@click.option("--json", "as_json", is_flag=True, help="print the service result as JSON")
@click.pass_context
def stock(ctx: click.Context, location: str | None, as_json: bool) -> int | None:
    """Show stock by location (or: stock verify, stock as-of)."""
    if ctx.invoked_subcommand is None:
        return ctx.invoke(show_stock, location=location, as_json=as_json)
    return None


@with_database
def show_stock(db: Database, warehouse: str, location: str | None, as_json: bool) -> int:
    return _show_stock(_services(db, warehouse), location, as_json)


@stock.command("verify")
@with_database
def verify_stock(db: Database, warehouse: str) -> int:
    """Rebuild the warehouse's balances from the ledger: exit 0 when they agree, 1 listing each drift."""
    from .db.migrate import check_schema

    check_schema(db)
    report = _services(db, warehouse).stock.verify()
    for d in report.drifts:
        batch = f" batch {d.batch_number}" if d.batch_number else ""
        print(f"{d.location_code} {d.sku_code}{batch}: balance {d.balance_quantity}, ledger {d.ledger_quantity}, "
              f"last quantity_after {d.last_quantity_after}")
    print(f"{report.balances} balances checked in {warehouse}: {len(report.drifts)} drifts")
    return 1 if report.drifts else 0


@stock.command("as-of")
@click.argument("at")
@click.option("--sku", "sku_code", help="one SKU code")
@click.option("--location", "location_code", help="one location code")
@with_database
def stock_as_of(db: Database, warehouse: str, at: str, sku_code: str | None, location_code: str | None) -> int:
    """The balances as they stood at AT (ISO 8601 with Z or an offset), from the ledger."""
    from .db.migrate import check_schema

    check_schema(db)
    page = _services(db, warehouse).stock.as_of({"at": at, "sku_code": sku_code, "location_code": location_code})
    for item in page.items:
        batch = f"  batch {item.batch_number}" if item.batch_number else ""
        print(f"{_pad(item.location_code, 20)} {_pad(item.sku_code, 28)} {item.stock_quantity:>7}{batch}")
    print(f"{page.total_quantity} units in {len(page.items)} balances at {page.at}")
    return 0


def _show_stock(services: Services, location_code: str | None, as_json: bool) -> int:
    from .contract import to_json
    from .contract.stock import ByLocation

    query = ByLocation(page_size=1000) if location_code is None else ByLocation(location_code=location_code)
    result = services.stock.by_location(query)
    if as_json:
        print(json.dumps(to_json(result), ensure_ascii=False, indent=2))
        return 0
    print(f"Stock in warehouse {services.warehouse_code} — {services.db.describe()}")
    for place in result.data:
        total = sum(item.stock_quantity for item in place.items)
        print(f"\n{place.location_code}  ({len(place.items)} lines, {total} units)")
        for item in place.items:
            batch = f"  batch {item.batch_number}" if item.batch_number else ""
            print(f"  {_pad(item.sku_code, 28)} {item.stock_quantity:>7}  {item.product_name}{batch}")
    print(f"\n{len(result.data)} of {result.pagination.total} locations with stock shown")
    return 0


# ---- warehouses and users -------------------------------------------------------------------------

@cli.group()
def warehouse() -> None:
    """Warehouses."""


@warehouse.command("add")
@click.argument("code")
@click.argument("name")
@with_database
def add_warehouse(db: Database, _warehouse: str, code: str, name: str) -> int:
    """Create a warehouse (with its 无货位 location)."""
    from .contract import to_json
    from .db.migrate import check_schema
    from .services import create_warehouse

    check_schema(db)
    print(json.dumps(to_json(create_warehouse(db, {"warehouse_code": code, "warehouse_name": name})),
                     ensure_ascii=False))
    return 0


@warehouse.command("list")
@with_database
def list_warehouses(db: Database, _warehouse: str) -> int:
    """The warehouses of the database."""
    from .db.migrate import check_schema
    from .services import list_warehouses as listed

    check_schema(db)
    for row in listed(db):
        print(f"{row.warehouse_code:<12} {row.warehouse_name}")
    return 0


@cli.group()
def user() -> None:
    """User accounts (for the first administrator, or scripts)."""


@user.command("add")
@click.argument("name")
@click.option("--role", default="clerk", show_default=True, help="a role's code (wms-desktop role list)")
@click.option("--display-name", default=None)
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@with_database
def add_user(db: Database, warehouse: str, name: str, role: str, display_name: str | None,
             password_stdin: bool) -> int:
    """Create an account; the password is asked for twice."""
    services = _services(db, warehouse)
    password = _new_password(password_stdin)
    if password is None:
        print("the two passwords are not the same; nothing was created", file=sys.stderr)
        return 2
    created = services.auth.create_user({"user_name": name, "password": password, "role": role,
                                         "display_name": display_name or name})
    print(f"created {created.role} {created.user_name}")
    return 0


@user.command("list")
@with_database
def list_users(db: Database, warehouse: str) -> int:
    """Every account, switched off ones marked."""
    services = _services(db, warehouse)
    admins = {r.role_code for r in services.roles.list() if MANAGE_USERS in r.permissions}
    for row in services.auth.list_users():
        state = "" if row.is_active else "  (disabled)"
        places = "*" if row.role in admins else ",".join(row.warehouse_codes) or "-"
        print(f"{_pad(row.user_name, 20)} {_pad(row.role, 11)} {_pad(places, 16)} {row.display_name}{state}")
    return 0


@user.command("role")
@click.argument("name")
@click.argument("role")
@with_database
def user_role(db: Database, warehouse: str, name: str, role: str) -> int:
    """Change NAME's role (their API tokens stop at once)."""
    changed = _services(db, warehouse).auth.set_role({"user_name": name, "role": role})
    print(f"{changed.user_name}: {changed.role}")
    return 0


@cli.group()
def role() -> None:
    """Roles: named sets of permissions that users and API keys hold."""


@role.command("list")
@with_database
def list_roles(db: Database, warehouse: str) -> int:
    """Every role with its permissions, switched off ones marked."""
    for row in _services(db, warehouse).roles.list():
        state = "" if row.is_active else "  (disabled)"
        print(f"{_pad(row.role_code, 16)} {_pad(row.role_name, 20)} {' '.join(row.permissions)}{state}")
    return 0


@role.command("add")
@click.argument("code")
@click.argument("permissions", nargs=-1, type=click.Choice(ALL))
@click.option("--name", default=None, help="what people read (default: the code)")
@with_database
def add_role(db: Database, warehouse: str, code: str, permissions: tuple[str, ...], name: str | None) -> int:
    """Create the role CODE holding PERMISSIONS."""
    created = _services(db, warehouse).roles.create({"role_code": code, "role_name": name or code,
                                                     "permissions": list(permissions)})
    print(f"created {created.role_code}: {' '.join(created.permissions)}")
    return 0


@role.command("set")
@click.argument("code")
@click.argument("permissions", nargs=-1, type=click.Choice(ALL))
@click.option("--name", default=None, help="rename the role")
@click.option("--active/--inactive", default=None, help="switch the role on or off")
@with_database
def set_role(db: Database, warehouse: str, code: str, permissions: tuple[str, ...], name: str | None,
             active: bool | None) -> int:
    """Rename CODE, replace its permissions (when any are given), switch it on or off."""
    roles = _services(db, warehouse).roles
    changed = roles.update({"role_code": code, "role_name": name, "permissions": list(permissions) or None})
    if active is not None:
        changed = roles.set_active({"role_code": code, "is_active": active})
    state = "" if changed.is_active else "  (disabled)"
    print(f"{changed.role_code} {changed.role_name}: {' '.join(changed.permissions)}{state}")
    return 0


@user.command("warehouses")
@click.argument("name")
@click.argument("codes", nargs=-1)
@with_database
def user_warehouses(db: Database, warehouse: str, name: str, codes: tuple[str, ...]) -> int:
    """Replace the warehouses NAME may sign in to (none given: none; administrators: all anyway)."""
    changed = _services(db, warehouse).auth.set_warehouses({"user_name": name, "warehouse_codes": list(codes)})
    print(f"{changed.user_name}: {', '.join(changed.warehouse_codes) or '-'}")
    return 0


def _set_active(active: bool) -> Callable[..., int]:
    verb = "enable" if active else "disable"

    def switch(db: Database, warehouse: str, name: str) -> int:
        _services(db, warehouse).auth.set_active({"user_name": name, "is_active": active})
        print(f"{name} {verb}d")
        return 0

    switch.__name__ = verb
    switch.__doc__ = f"{verb.capitalize()} signing in (the account stays in the ledger)."
    return switch


user.command("disable")(click.argument("name")(with_database(_set_active(False))))
user.command("enable")(click.argument("name")(with_database(_set_active(True))))


def _new_password(from_stdin: bool) -> str | None:
    """The new password: one line of standard input for scripts, else typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    return first if getpass.getpass("again: ") == first else None


# ---- the audit trail ---------------------------------------------------------------------------------

@cli.group()
def audit() -> None:
    """The audit trail."""


@audit.command()
@with_database
def verify(db: Database, _warehouse: str) -> int:
    """Walk the audit trail's hash chain: exit 0 when whole, 1 naming the first broken row."""
    from .contract import to_json
    from .db.migrate import check_schema
    from .services.audit import verify as walk

    check_schema(db)
    found = walk(db)
    print(json.dumps(to_json(found), ensure_ascii=False))
    return 0 if found.intact else 1


# ---- systems: API keys (docs/api.md) ----------------------------------------------------------------

@cli.group()
def apikey() -> None:
    """API keys for systems (shops, ERPs): one warehouse (--warehouse), one role."""


@apikey.command("add")
@click.argument("name")
@click.option("--role", default="clerk", show_default=True, help="a role's code (wms-desktop role list)")
@with_database
def add_apikey(db: Database, warehouse: str, name: str, role: str) -> int:
    """Create a key for the system NAME; the key is printed once, only its hash is kept."""
    created = _services(db, warehouse).api_keys.add({"name": name, "role": role})
    print(created.api_key)
    print(f"key {created.key.key_id}: {created.key.role} in {created.key.warehouse_code} for {created.key.name}; "
          "store it now, it is not shown again", file=sys.stderr)
    return 0


@apikey.command("list")
@with_database
def list_apikeys(db: Database, warehouse: str) -> int:
    """The warehouse's keys, revoked ones marked."""
    for key in _services(db, warehouse).api_keys.list():
        state = f"  (revoked {key.revoked_at})" if key.revoked_at else ""
        print(f"{key.key_id}  {_pad(key.role, 11)} {_pad(key.name, 24)} {key.created_at}{state}")
    return 0


@apikey.command("revoke")
@click.argument("key_id")
@with_database
def revoke_apikey(db: Database, warehouse: str, key_id: str) -> int:
    """Stop the key KEY_ID at its next request."""
    key = _services(db, warehouse).api_keys.revoke({"key_id": key_id})
    print(f"revoked {key.key_id} ({key.name})")
    return 0


# ---- systems: webhooks (docs/api.md) ------------------------------------------------------------------

@cli.group()
def webhook() -> None:
    """Signed webhooks: the warehouse's (--warehouse) events POSTed to systems' URLs."""


@webhook.command("add")
@click.argument("url")
@click.option("--events", "event_types", default="*", show_default=True,
              help="comma-separated event types or families: stock.*,document.*")
@with_database
def add_webhook(db: Database, warehouse: str, url: str, event_types: str) -> int:
    """Register URL; its signing secret is printed once."""
    added = _services(db, warehouse).webhooks.add({"url": url, "event_types": event_types.split(",")})
    print(added.secret)
    print(f"webhook {added.webhook.webhook_id}: {', '.join(added.webhook.event_types)} of "
          f"{added.webhook.warehouse_code} to {added.webhook.url}; store the secret now, it is not shown again",
          file=sys.stderr)
    return 0


@webhook.command("list")
@with_database
def list_webhooks(db: Database, warehouse: str) -> int:
    """The warehouse's webhooks, switched off ones marked."""
    for hook in _services(db, warehouse).webhooks.list():
        state = "" if hook.is_active else "  (off)"
        print(f"{hook.webhook_id:>5}  {hook.url}  {','.join(hook.event_types)}{state}")
    return 0


@webhook.command("remove")
@click.argument("webhook_id", type=click.IntRange(min=1))
@with_database
def remove_webhook(db: Database, warehouse: str, webhook_id: int) -> int:
    """Switch webhook WEBHOOK_ID off (its delivery log stays)."""
    hook = _services(db, warehouse).webhooks.remove({"webhook_id": webhook_id})
    print(f"webhook {hook.webhook_id} off")
    return 0


@webhook.command("deliveries")
@click.option("--webhook", "webhook_id", type=click.IntRange(min=1), default=None)
@click.option("--state", type=click.Choice(["pending", "delivered", "dead"]), default=None)
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@with_database
def list_deliveries(db: Database, warehouse: str, webhook_id: int | None, state: str | None, limit: int) -> int:
    """The delivery log, newest first, one JSON object a line."""
    for delivery in _services(db, warehouse).webhooks.deliveries({"webhook_id": webhook_id, "state": state,
                                                                  "limit": limit}):
        print(json.dumps(to_json(delivery), ensure_ascii=False))
    return 0


@webhook.command("redeliver")
@click.argument("delivery_id", type=click.IntRange(min=1))
@with_database
def redeliver(db: Database, warehouse: str, delivery_id: int) -> int:
    """Send delivery DELIVERY_ID again (a dead one, or one the receiver lost)."""
    delivery = _services(db, warehouse).webhooks.redeliver({"delivery_id": delivery_id})
    print(f"delivery {delivery.delivery_id} queued again")
    return 0


@webhook.command("relay")
@with_database
def webhook_relay(db: Database, _warehouse: str) -> int:
    """Send the deliveries of every warehouse until interrupted (one relay per database sends)."""
    import threading

    from .db.migrate import check_schema
    from .webhook_relay import WebhookRelay

    check_schema(db)
    relay, stop = WebhookRelay(db), threading.Event()
    try:
        relay.run(stop)
    except KeyboardInterrupt:
        stop.set()
    finally:
        relay.close()
    return 0


# ---- outbox events -----------------------------------------------------------------------------------

@cli.group()
def events() -> None:
    """Stock events to MQTT."""


@events.command()
@with_database
def pending(db: Database, _warehouse: str) -> int:
    """List events not yet published."""
    from .services import events as outbox

    return _print_events(db, lambda: outbox.pending(db, limit=1000))


@events.command()
@click.argument("sequence", type=click.IntRange(min=0))
@with_database
def since(db: Database, _warehouse: str, sequence: int) -> int:
    """Events numbered after SEQUENCE (the last one a consumer has processed; 0: all), in order:
    a consumer's catch-up."""
    from .services import events as outbox

    return _print_events(db, lambda: outbox.numbered_after(db, sequence))


def _print_events(db: Database, listed: Callable[[], list[dict[str, Any]]]) -> int:
    """One JSON event a line, from a database with a usable schema."""
    from .db.migrate import check_schema

    check_schema(db)
    for event in listed():
        print(json.dumps(event, ensure_ascii=False))
    return 0


@events.command()
@click.option("--mqtt-host", default="127.0.0.1", show_default=True)
@click.option("--mqtt-port", type=int, default=1883, show_default=True)
@click.option("--topic-root", default="wms", show_default=True)
@click.option("--workstation-id", default="relay", show_default=True)
@with_database
def relay(db: Database, _warehouse: str, mqtt_host: str, mqtt_port: int, topic_root: str,
          workstation_id: str) -> int:
    """Publish the outbox events (stock, documents, alerts) to an MQTT broker until interrupted."""
    import threading

    from .db.migrate import check_schema
    from .devices.mqtt import MqttConnection, MqttSettings
    from .event_relay import EventRelay

    check_schema(db)
    connection = MqttConnection(MqttSettings(host=mqtt_host, port=mqtt_port, workstation_id=workstation_id),
                                on_status=lambda status: print(f"broker: {status.state}", file=sys.stderr))
    connection.start()
    stop = threading.Event()
    try:
        EventRelay(db, connection, root=topic_root).run(stop)
    except KeyboardInterrupt:
        stop.set()
    finally:
        connection.stop()
    return 0


# ---- CSV import and export (docs/data.md) -------------------------------------------------------

IMPORT_KINDS = ("products", "locations", "stock", "asns", "orders")
EXPORT_KINDS = ("stock", "movements", "products", "locations")


@cli.command("import")
@click.argument("kind", type=click.Choice(IMPORT_KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mode", type=click.Choice(["fail", "skip", "update"]), default="fail", show_default=True,
              help="a row naming an existing record: refuse it, leave the record, or update it")
@click.option("--dry-run", is_flag=True, help="check every row and list every error; write nothing")
@click.option("--errors", "errors_out", type=click.Path(dir_okay=False, path_type=Path),
              help="write every refused row to this CSV file")
@click.option("--operator", default=None, help="recorded as who imported (default: the login name)")
@with_database
def import_csv(db: Database, warehouse: str, kind: str, file: Path, mode: str, dry_run: bool,
               errors_out: Path | None, operator: str | None) -> int:
    """Import products (with SKUs and external codes), locations, opening stock or ASNs from a CSV file
    (UTF-8 with or without BOM, or GB18030): every row or none."""
    import csv

    services = _services(db, warehouse)
    command = {"mode": mode, "dry_run": dry_run, "file_name": file.name, "operator_id": operator or getpass.getuser()}
    with contextlib.ExitStack() as stack:
        on_error = None
        if errors_out is not None:
            sink = stack.enter_context(errors_out.open("w", encoding="utf-8-sig", newline=""))
            writer = csv.writer(sink)
            writer.writerow(["row", "error_code", "code", "error_message", "details"])
            on_error = lambda e: writer.writerow(  # noqa: E731
                [e.row, e.error_code, e.code or "", e.error_message, json.dumps(e.details, ensure_ascii=False)])
        source = stack.enter_context(file.open("rb"))
        report = getattr(services.imports, kind)(command, source, on_error=on_error)
    for error in report.errors:
        print(f"row {error.row}: {error.error_code} ({error.code or '-'}) {error.error_message} "
              f"{json.dumps(error.details, ensure_ascii=False)}", file=sys.stderr)
    done = "checked (dry run, nothing written)" if report.dry_run else "imported"
    print(f"{report.rows} rows {done} from {file.name} ({report.encoding}): {report.created} created, "
          f"{report.updated} updated, {report.skipped} skipped, {report.error_count} errors")
    return 2 if report.error_count else 0


@cli.command("export")
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encoding", type=click.Choice(["utf-8-sig", "utf-8", "gb18030"]), default="utf-8-sig",
              show_default=True, help="utf-8-sig: UTF-8 with the BOM Excel looks for")
@click.option("--filter", "filters", multiple=True, metavar="NAME=VALUE",
              help="stock: the Stock screen's filters (location_code, product_code, sku_code, batch_number, "
                   "search, include_empty, sort_by, descending); movements: the Movements screen's (sku_code, "
                   "product_code, location_code, operator_id, operation, operated_from, operated_to)")
@with_database
def export_csv(db: Database, warehouse: str, kind: str, out: Path, encoding: str, filters: tuple[str, ...]) -> int:
    """Export stock, movements, products or locations to a CSV file (the import's columns)."""
    given: dict[str, Any] = {}
    for item in filters:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--filter {item}: write NAME=VALUE")
        given[name] = {"true": True, "false": False}.get(value, value)
    if given and kind not in ("stock", "movements"):
        raise click.UsageError(f"{kind} are exported whole: no filters")
    services = _services(db, warehouse)
    with out.open("w", encoding=encoding, newline="") as sink:
        if kind in ("stock", "movements"):
            report = getattr(services.exports, kind)(given, sink)
        else:
            report = getattr(services.exports, kind)(sink)
    print(f"{report.rows} {kind} rows written to {out}")
    return 0


# ---- labels and documents ------------------------------------------------------------------------

@cli.command()
@click.argument("kind", type=click.Choice(["sku", "location"]))
@click.argument("codes", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["pdf", "zpl"]), default="pdf", show_default=True)
@click.option("--profile", default="50x30@203", show_default=True, help="label size and printer resolution")
@click.option("--out", help="write to this file")
@click.option("--printer", metavar="HOST[:PORT]", help="send to a network printer (raw TCP, port 9100)")
@with_database
def labels(db: Database, warehouse: str, kind: str, codes: tuple[str, ...], fmt: str, profile: str,
           out: str | None, printer: str | None) -> int:
    """Print or export SKU labels (SKU or product codes) or location labels (none: every location)."""
    if (out is None) == (printer is None):
        raise click.UsageError("give exactly one of --out or --printer")
    from .contract import to_json
    from .devices import printing

    services = _services(db, warehouse)
    found = (services.lookup.sku_labels({"codes": list(codes)}) if kind == "sku"
             else services.lookup.location_labels({"codes": list(codes)}))
    items = [to_json(label) for label in found]
    label_kind = f"{kind}_label"
    if out is not None:
        print(printing.export_labels(label_kind, items, fmt, out, profile))
        return 0
    target = printing.target_from_address("raw_tcp", printer or "")
    assert isinstance(target, printing.RawTcpPrinter)  # what raw_tcp makes
    label_type = printing.SkuLabel if kind == "sku" else printing.LocationLabel
    document = printing.render_labels([label_type.from_mapping(item) for item in items],
                                      printing.label_profile(profile), fmt)
    target.send(document.payload, document.fmt, name="cli")
    print(f"{len(items)} labels sent to {target.host}:{target.port}")
    return 0


@cli.command()
@click.argument("kind", type=click.Choice(["pick_list", "packing_list"]))
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--paper", type=click.Choice(["a4", "roll80"]), default="a4", show_default=True)
@click.option("--out", required=True)
def document(kind: str, data: Path, paper: str, out: str) -> int:
    """Export a pick or packing list from a JSON file (see docs/printing.md): no database needed."""
    from .devices import printing

    print(printing.export_document(kind, json.loads(data.read_text(encoding="utf-8")), paper, out))
    return 0


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="server processes")
@click.option("--fd", type=int, default=None, help="serve on this already bound socket (instead of host/port)")
@click.pass_obj
def serve(options: Options, host: str, port: int, workers: int, fd: int | None) -> int:
    """The HTTP API (docs/api.md) on the database of the options. Needs WMS_API_JWT_KEY (a random
    secret of at least 32 characters; or the keyring's wms-desktop/api-jwt-key): no default."""
    import os

    from .serve import run

    # every worker process builds its app from the environment
    if options.database_url:
        os.environ["WMS_DATABASE_URL"] = options.database_url
    if options.warehouse:
        os.environ["WMS_WAREHOUSE"] = options.warehouse
    return run(host, port, workers, fd)


def _pad(text: str, width: int) -> str:
    """Left-align in a terminal, where CJK characters take two columns."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


if __name__ == "__main__":
    raise SystemExit(main())
