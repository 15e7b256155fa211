"""``wms-desktop`` command line. Without a command it opens the workstation window
(``wms-desktop [--demo] [--screenshot DIR] [--language zh_CN|en]``, see app.py); the commands
are the admin steps and text views:

    wms-desktop db upgrade            create or upgrade the schema (the admin step)
    wms-desktop db check              is this database usable by this version?
    wms-desktop demo                  embedded demo: upgrade, fill with demo data once, show stock
    wms-desktop demo --scale 200000   bulk-load a large data set (PostgreSQL: COPY)
    wms-desktop stock [--location C]  stock by location
    wms-desktop warehouse add CODE NAME | warehouse list
    wms-desktop user add NAME [--role clerk|supervisor|admin] | user list | user disable|enable NAME
    wms-desktop events relay [--mqtt-host H]   publish stock events to MQTT | events pending | events since N
    wms-desktop labels sku|location [CODES] (--out FILE | --printer HOST)  [--format zpl]
    wms-desktop document pick_list|packing_list DATA.json --out FILE
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
import unicodedata
from typing import Sequence

from . import config
from .db.engine import Database
from .db.migrate import check_schema, upgrade
from .db.privileges import Roles
from .domain.errors import WmsError
from .domain.permissions import ROLES
from .limits import DatabaseLimits
from .services import Services, create_warehouse, list_warehouses


COMMANDS = ("db", "demo", "stock", "events", "labels", "document", "warehouse", "user")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not any(arg in COMMANDS for arg in argv) and not {"-h", "--help"} & set(argv):
        from .app import main as gui_main  # no command: the workstation window

        return gui_main(argv)
    parser = argparse.ArgumentParser(prog="wms-desktop", description="Warehouse workstation")
    parser.add_argument("--database-url", default=None, help="default: $WMS_DATABASE_URL, else the embedded SQLite file")
    parser.add_argument("--warehouse", default=None, help="warehouse code (default: $WMS_WAREHOUSE or WH01)")
    commands = parser.add_subparsers(dest="command", required=True)

    db_cmd = commands.add_parser("db", help="schema administration").add_subparsers(dest="db_command", required=True)
    db_up = db_cmd.add_parser("upgrade", help="create or upgrade the schema to this version (PostgreSQL: and the "
                              "roles PREFIX_owner and PREFIX_workstation with their grants)")
    db_up.add_argument("--roles", metavar="PREFIX", help="role name prefix (default: the database name)")
    db_cmd.add_parser("check", help="exit 0 when the schema is the one this version needs")

    demo = commands.add_parser("demo", help="fill the database with demo data (once) and show stock")
    demo.add_argument("--scale", type=int, metavar="SKUS", help="bulk-load this many SKUs (with 1/4 as many "
                      "locations and 5 balances per SKU) instead of the small demo")

    stock = commands.add_parser("stock", help="show stock by location")
    stock.add_argument("--location", help="one location code")
    stock.add_argument("--json", action="store_true", help="print the service result as JSON")

    ev = commands.add_parser("events", help="stock events to MQTT").add_subparsers(dest="events_command", required=True)
    ev.add_parser("pending", help="list events not yet published")
    ev.add_parser("since", help="events numbered after SEQUENCE, in order: a consumer's catch-up") \
        .add_argument("sequence", type=int, help="the last sequence the consumer has processed (0: all)")
    relay = ev.add_parser("relay", help="publish stock events to an MQTT broker until interrupted")
    relay.add_argument("--mqtt-host", default="127.0.0.1")
    relay.add_argument("--mqtt-port", type=int, default=1883)
    relay.add_argument("--topic-root", default="wms")
    relay.add_argument("--workstation-id", default="relay")

    labels = commands.add_parser("labels", help="print or export SKU or location labels")
    labels.add_argument("kind", choices=("sku", "location"))
    labels.add_argument("codes", nargs="*", help="SKU or product codes; location codes (none: every location)")
    labels.add_argument("--format", choices=("pdf", "zpl"), default="pdf")
    labels.add_argument("--profile", default="50x30@203", help="label size and printer resolution")
    where = labels.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="write to this file")
    where.add_argument("--printer", metavar="HOST[:PORT]", help="send to a network printer (raw TCP, port 9100)")

    document = commands.add_parser("document", help="export a pick or packing list from a JSON file")
    document.add_argument("kind", choices=("pick_list", "packing_list"))
    document.add_argument("data", help="JSON file with the list (see docs/printing.md)")
    document.add_argument("--paper", choices=("a4", "roll80"), default="a4")
    document.add_argument("--out", required=True)

    wh = commands.add_parser("warehouse", help="warehouses").add_subparsers(dest="warehouse_command", required=True)
    add = wh.add_parser("add", help="create a warehouse (with its 无货位 location)")
    add.add_argument("code")
    add.add_argument("name")
    wh.add_parser("list")

    user = commands.add_parser("user", help="user accounts (for the first administrator, or scripts)") \
        .add_subparsers(dest="user_command", required=True)
    add_user = user.add_parser("add", help="create an account; the password is asked for twice")
    add_user.add_argument("name")
    add_user.add_argument("--role", choices=ROLES, default="clerk")
    add_user.add_argument("--display-name", default=None)
    add_user.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    user.add_parser("list")
    for verb in ("disable", "enable"):
        user.add_parser(verb, help=f"{verb} signing in (the account stays in the ledger)").add_argument("name")

    args = parser.parse_args(argv)
    limits = DatabaseLimits()
    if args.command in ("db", "demo"):  # admin steps: migrations and bulk loads run long on purpose
        limits = limits.for_admin()
    db = Database(args.database_url or config.database_url(), limits)
    warehouse = args.warehouse or config.warehouse_code()
    try:
        return _dispatch(args, db, warehouse)
    except WmsError as error:
        print(f"error {error.error_code} ({error.code or '-'}): {error.message}", file=sys.stderr)
        if error.details:
            print(json.dumps(error.details, ensure_ascii=False), file=sys.stderr)
        return 2
    finally:
        db.dispose()


def _dispatch(args: argparse.Namespace, db: Database, warehouse: str) -> int:
    if args.command == "db":
        if args.db_command == "upgrade":
            roles = None if db.is_sqlite else Roles.of(db, args.roles)
            upgrade(db, roles=roles)
            print(f"{db.describe()}: schema is up to date"
                  + (f"; roles {roles.owner} (owner), {roles.workstation} (workstation logins)" if roles else ""))
        else:
            check_schema(db)
            print(f"{db.describe()}: schema OK")
        return 0
    if args.command == "demo":
        from . import demo

        upgrade(db)
        if args.scale:
            demo.load_scale(db, skus=args.scale, warehouse_code=warehouse, progress=_progress)
        else:
            demo.seed_demo(db, warehouse_code=warehouse)
        return _show_stock(Services(db, warehouse), None, as_json=False, db=db)
    if args.command == "document":
        return _document(args)  # from a JSON file: no database needed
    check_schema(db)
    if args.command == "events":
        return _events(args, db)
    if args.command == "labels":
        return _print(args, Services(db, warehouse))
    if args.command == "user":
        return _user(args, Services(db, warehouse))
    if args.command == "warehouse":
        if args.warehouse_command == "add":
            print(json.dumps(create_warehouse(db, {"warehouse_code": args.code, "warehouse_name": args.name}),
                             ensure_ascii=False))
        else:
            for row in list_warehouses(db):
                print(f"{row['warehouse_code']:<12} {row['warehouse_name']}")
        return 0
    return _show_stock(Services(db, warehouse), args.location, args.json, db)


def _show_stock(services: Services, location_code: str | None, as_json: bool, db: Database) -> int:
    payload = {"page_size": 1000} if location_code is None else {"location_code": location_code}
    result = services.stock.by_location(payload)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"Stock in warehouse {services.warehouse_code} — {db.describe()}")
    for place in result["data"]:
        total = sum(item["stock_quantity"] for item in place["items"])
        print(f"\n{place['location_code']}  ({len(place['items'])} lines, {total} units)")
        for item in place["items"]:
            batch = f"  batch {item['batch_number']}" if item["batch_number"] else ""
            print(f"  {_pad(item['sku_code'], 28)} {item['stock_quantity']:>7}  {item['product_name']}{batch}")
    shown = len(result["data"])
    print(f"\n{shown} of {result['pagination']['total']} locations with stock shown")
    return 0


def _document(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .devices import printing

    data = json.loads(Path(args.data).read_text(encoding="utf-8"))
    print(printing.export_document(args.kind, data, args.paper, args.out))
    return 0


def _print(args: argparse.Namespace, services: Services) -> int:
    from . import labels
    from .devices import printing

    items = (labels.sku_label_items(services, args.codes) if args.kind == "sku"
             else labels.location_label_items(services, args.codes))
    kind = f"{args.kind}_label"
    if args.out:
        print(printing.export_labels(kind, items, args.format, args.out, args.profile))
        return 0
    printer = printing.target_from_address("raw_tcp", args.printer)
    document = printing.render_labels([printing.LABEL_KINDS[kind].from_mapping(item) for item in items],
                                      printing.label_profile(args.profile), args.format)
    printer.send(document.payload, document.fmt, job_id="cli")
    print(f"{len(items)} labels sent to {printer.host}:{printer.port}")
    return 0


def _events(args: argparse.Namespace, db: Database) -> int:
    from .services import events

    if args.events_command in ("pending", "since"):
        listed = events.pending(db, limit=1000) if args.events_command == "pending" \
            else events.numbered_after(db, args.sequence)
        for event in listed:
            print(json.dumps(event, ensure_ascii=False))
        return 0
    import threading

    from .devices.mqtt import MqttConnection, MqttSettings
    from .event_relay import EventRelay

    connection = MqttConnection(MqttSettings(host=args.mqtt_host, port=args.mqtt_port,
                                             workstation_id=args.workstation_id),
                                on_status=lambda status: print(f"broker: {status.state}", file=sys.stderr))
    connection.start()
    stop = threading.Event()
    try:
        EventRelay(db, connection, root=args.topic_root).run(stop)
    except KeyboardInterrupt:
        stop.set()
    finally:
        connection.stop()
    return 0


def _user(args: argparse.Namespace, services: Services) -> int:
    auth = services.auth
    if args.user_command == "add":
        password = _new_password(args.password_stdin)
        if password is None:
            print("the two passwords are not the same; nothing was created", file=sys.stderr)
            return 2
        created = auth.create_user({"user_name": args.name, "password": password, "role": args.role,
                                    "display_name": args.display_name or args.name})
        print(f"created {created['role']} {created['user_name']}")
    elif args.user_command == "list":
        for row in auth.list_users():
            state = "" if row["is_active"] else "  (disabled)"
            print(f"{_pad(row['user_name'], 20)} {_pad(row['role'], 11)} {row['display_name']}{state}")
    else:
        auth.set_active({"user_name": args.name, "is_active": args.user_command == "enable"})
        print(f"{args.name} {args.user_command}d")
    return 0


def _new_password(from_stdin: bool) -> str | None:
    """The new password: one line of standard input for scripts, else typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    return first if getpass.getpass("again: ") == first else None


def _pad(text: str, width: int) -> str:
    """Left-align in a terminal, where CJK characters take two columns."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def _progress(step: str, done: int, total: int) -> None:
    print(f"\r{step}: {done:,}/{total:,}", end="" if done < total else "\n", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
