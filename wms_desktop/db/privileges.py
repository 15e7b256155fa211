"""PostgreSQL roles and grants: the database itself decides who may change what.

Two roles per database, both NOLOGIN (cluster-wide names, derived from a prefix that defaults
to the database name, so databases on one server never share them):

- ``{prefix}_owner`` owns every table and function. ``db upgrade`` migrates as this role,
  so the posting functions (SECURITY DEFINER) run with its rights and nobody else's.
- ``{prefix}_workstation``: what a workstation login is granted (``CREATE ROLE station7 LOGIN
  PASSWORD '…' IN ROLE wms_workstation``). It reads every table but users' password hashes
  (login asks wms_login_settings / wms_login instead); it changes stock only by
  calling the posting functions (it cannot write balances, the ledger, the outbox or the
  request log); users only through their functions; it edits the catalogue and locations
  directly (no stock rule lives in those rows: products and SKUs with stock, and locations with
  stock or history, are kept by the services' checks and the ledger's foreign keys); it edits
  documents (their header, lines and work rows) and lots, and writes their events to the
  outbox — never a stock event; and it may number outbox events and stamp them published (the
  event relay).

``apply`` is idempotent: it creates what is missing, revokes everything the workstation role
has, and grants the list below again, so a changed list converges on the next ``db upgrade``.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from ..domain.errors import invalid
from .engine import Database

# table -> (what the workstation may do to it, the column its sequence numbers or None)
WRITABLE = {
    "products": ("INSERT, UPDATE, DELETE", "product_id"),
    "skus": ("INSERT, UPDATE, DELETE", "sku_id"),
    "external_codes": ("INSERT, UPDATE, DELETE", "external_code_id"),
    "locations": ("INSERT, UPDATE, DELETE", "location_id"),
    # documents (docs/documents.md): edited through the services; their stock moves only through
    # the posting functions, and their events go to the outbox (OUTBOX_COLUMNS)
    "documents": ("INSERT, UPDATE", "document_id"),
    "lots": ("INSERT, UPDATE", None),
    "count_tasks": ("INSERT", None),
    "count_locations": ("INSERT, UPDATE", None),
    "count_lines": ("INSERT, UPDATE", "line_id"),
    "count_settings": ("INSERT, UPDATE", None),
    # alerts of expiring lots are raised and cleared by the services; stock levels' by the posting functions
    "alerts": ("INSERT, UPDATE", "alert_id"),
    "asns": ("INSERT, UPDATE", None),
    "asn_lines": ("INSERT, UPDATE, DELETE", "line_id"),  # an edit replaces a pending ASN's lines
    "asn_receipts": ("INSERT", "receipt_id"),  # receipts are never changed
    "asn_putaways": ("INSERT", "putaway_id"),
    "receiving_rules": ("INSERT, UPDATE", None),
    # outbound orders: their allocations (reservations) only through wms_reserve
    "orders": ("INSERT, UPDATE", None),
    "order_lines": ("INSERT, UPDATE, DELETE", "line_id"),
    "order_picks": ("INSERT", "pick_id"),
    "order_cartons": ("INSERT, UPDATE", "carton_id"),
    "carton_contents": ("INSERT", None),
    "returns": ("INSERT", None),
    "return_lines": ("INSERT", "line_id"),  # items received back are never changed
    # the HTTP API's refresh tokens, and failed sign-ins (throttling): bookkeeping, no stock
    "api_refresh_tokens": ("INSERT, UPDATE", None),
    "sign_in_failures": ("INSERT, DELETE", "failure_id"),
    # who may sign in where, and roles (services/auth.py, roles.py: administrators only, checked
    # before the write; nobody grants what they lack)
    "user_warehouses": ("INSERT, DELETE", None),
    "roles": ("INSERT, UPDATE", None),
    # systems (docs/api.md): API keys (revoked, never deleted), webhooks and their deliveries
    "api_keys": ("INSERT, UPDATE", None),
    "webhooks": ("INSERT, UPDATE", "webhook_id"),
    "webhook_deliveries": ("INSERT, UPDATE", "delivery_id"),
}
# UPDATE of these columns only: the MQTT relay's numbers and stamps, the webhook router's stamp,
# a warehouse's short-stock policy (orders) and how early lots' expiry alerts (alerts)
STAMPED = {"outbox_events": ("sequence", "published_at", "routed_at"),
           "warehouses": ("short_stock_policy", "expiry_alert_days")}
# a document's or an alert's event: never a stock event, which needs a movement_id (a check
# constraint), the one column left out — only the posting functions write those
OUTBOX_COLUMNS = ("event_id", "event_type", "warehouse_id", "ordering_key", "document_id", "payload", "created_at")
CALLABLE = ("wms_post_balance", "wms_post_transfer", "wms_post_batch_adjust", "wms_post_count",
            "wms_claim", "wms_remember", "wms_user_create", "wms_user_set_active", "wms_user_set_role", "wms_user_replace_hash",
            "wms_fold_product_totals", "wms_login_settings", "wms_login", "wms_lock_balances", "wms_reserve", "wms_release_order",
            # the audit trail: appended through the function that chains it, never changed
            "wms_audit_append",
            # planner statistics after a large import (services/data_import.py)
            "wms_analyze")
NAME_MAX = 63  # bytes in a PostgreSQL identifier
USER_COLUMNS = ("user_id", "user_name", "display_name", "role", "is_active", "created_at")  # not password_hash


@dataclass(frozen=True)
class Roles:
    owner: str
    workstation: str

    @classmethod
    def of(cls, db: Database, prefix: str | None = None) -> Roles:
        base = prefix or db.url.database
        roles = cls(owner=f"{base}_owner", workstation=f"{base}_workstation")
        if len(roles.workstation.encode()) > NAME_MAX:  # PostgreSQL would cut it, maybe onto another role's name
            raise invalid("roles", f"role names may be at most {NAME_MAX} bytes: choose a shorter prefix",
                          workstation_role=roles.workstation)
        return roles


def _ident(conn: Connection, name: str) -> str:
    return conn.exec_driver_sql("SELECT quote_ident(%s)", (name,)).scalar_one()


def ensure_roles(conn: Connection, roles: Roles) -> None:
    """Create both roles unless they exist. Two databases upgraded at once may race to create
    the same role: the loser's CREATE fails and is ignored (its own block, its own subtransaction)."""
    for name in (roles.owner, roles.workstation):
        conn.exec_driver_sql(
            "DO $$ BEGIN CREATE ROLE " + _ident(conn, name) + " NOLOGIN;"
            " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")
    owner = _ident(conn, roles.owner)
    if not conn.exec_driver_sql("SELECT pg_has_role(current_user, %s, 'MEMBER')", (roles.owner,)).scalar():
        conn.exec_driver_sql(f"GRANT {owner} TO CURRENT_USER")  # so this admin may migrate as the owner


def take_ownership(conn: Connection, roles: Roles) -> None:
    """Before migrating as the owner (as the admin who owns the schema): the owner creates in
    the schema and owns what is there (tables of a database upgraded before roles existed, or
    created by another admin); the workstation role may look into the schema."""
    owner, schema = _ident(conn, roles.owner), _schema(conn)
    conn.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA {schema} TO {owner}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {_ident(conn, roles.workstation)}")
    objects = conn.exec_driver_sql(
        "SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass::text"
        " FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'S')"
        "  AND pg_get_userbyid(c.relowner) <> %(owner)s AND NOT EXISTS ("  # sequences owned by a column follow it
        "   SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND c.relkind = 'S')"
        " UNION ALL SELECT 'FUNCTION', p.oid::regprocedure::text FROM pg_proc p"
        " WHERE p.pronamespace = current_schema()::regnamespace AND pg_get_userbyid(p.proowner) <> %(owner)s",
        {"owner": roles.owner}).all()
    for kind, name in objects:
        conn.exec_driver_sql(f"ALTER {kind} {name} OWNER TO {owner}")


def act_as_owner(conn: Connection, roles: Roles) -> None:
    """The rest of this transaction runs as the owner role (what it creates, the owner owns)."""
    conn.exec_driver_sql(f"SET LOCAL ROLE {_ident(conn, roles.owner)}")


def grant(conn: Connection, roles: Roles) -> None:
    """The workstation role's rights, exactly (run as the owner, after migrating)."""
    schema, station = _schema(conn), _ident(conn, roles.workstation)
    for statement in (
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {station}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {station}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM {station}, PUBLIC",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {station}",
    ):
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(f"REVOKE SELECT ON users FROM {station}")
    conn.exec_driver_sql(f"GRANT SELECT ({', '.join(USER_COLUMNS)}) ON users TO {station}")
    for table, (rights, key) in WRITABLE.items():
        conn.exec_driver_sql(f"GRANT {rights} ON {table} TO {station}")
        if key is not None:
            conn.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {table}_{key}_seq TO {station}")
    for table, columns in STAMPED.items():
        conn.exec_driver_sql(f"GRANT UPDATE ({', '.join(columns)}) ON {table} TO {station}")
    conn.exec_driver_sql(f"GRANT INSERT ({', '.join(OUTBOX_COLUMNS)}) ON outbox_events TO {station}")
    conn.exec_driver_sql(f"GRANT USAGE ON SEQUENCE outbox_events_outbox_id_seq TO {station}")
    for (function,) in conn.exec_driver_sql(
            "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace"
            " AND p.proname = ANY(%s)", (list(CALLABLE),)):
        conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {station}")


def _schema(conn: Connection) -> str:
    return conn.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()

