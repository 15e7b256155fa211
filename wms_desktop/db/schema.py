"""The database schema, as SQLAlchemy Core tables. Migrations are generated from and checked
against this metadata, so it is the one description of the database.

Invariants the database itself enforces (not just the services):
- stock_quantity >= 0 and 0 <= locked_quantity <= stock_quantity on every balance;
- one balance per (sku, location, batch): "no batch" is stored as '' because a NULL in a
  unique key would let duplicate rows in (NULL is never equal to NULL);
- ledger rows are never updated or deleted (triggers, created by the migration);
- the unassigned location is exactly the one whose code is 无货位, one per warehouse;
- every location and SKU gets an ASCII scan code when inserted (``L``/``S`` + id: triggers,
  created by the migration), unique per warehouse / among live SKUs.
"""
from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)

from ..domain.codes import (
    CODE_MAX,
    LOCATION_TYPES,
    SCAN_CODE_MAX,
    SKU_CODE_MAX,
    SKU_PART_MAX,
    UNASSIGNED_LOCATION,
    UNASSIGNED_TYPE,
)
from ..domain.orders import SHORT_STOCK_POLICIES
from ..domain.returns import DISPOSITIONS

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# SQLite only auto-numbers a column declared exactly INTEGER PRIMARY KEY.
Id = BigInteger().with_variant(Integer(), "sqlite")
Stamp = DateTime(timezone=True)
NOW = text("CURRENT_TIMESTAMP")
CODE = CODE_MAX

OPERATIONS = ("inbound", "outbound", "transfer_out", "transfer_in", "adjust", "count")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


warehouses = Table(
    "warehouses",
    metadata,
    Column("warehouse_id", Id, primary_key=True),
    Column("warehouse_code", String(CODE), nullable=False, unique=True),
    Column("warehouse_name", String(200), nullable=False),
    Column("is_active", Boolean, nullable=False, server_default=true()),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    # lots expiring within this many days raise an alert (services/alerts.py)
    Column("expiry_alert_days", Integer, nullable=False, server_default="30"),
    # what releasing an order does with a line it cannot fill (domain/orders.py)
    Column("short_stock_policy", String(16), nullable=False, server_default="refuse"),
    CheckConstraint(_in("short_stock_policy", SHORT_STOCK_POLICIES), name="short_stock_policy"),
)

locations = Table(
    "locations",
    metadata,
    Column("location_id", Id, primary_key=True),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), nullable=False),
    Column("location_code", String(CODE), nullable=False),
    Column("location_name", String(200)),
    Column("location_type", String(16), nullable=False, server_default="storage"),
    Column("is_active", Boolean, nullable=False, server_default=true()),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    Column("updated_at", Stamp, nullable=False, server_default=NOW),
    UniqueConstraint("warehouse_id", "location_code"),
    CheckConstraint(_in("location_type", LOCATION_TYPES + (UNASSIGNED_TYPE,)), name="location_type"),
    CheckConstraint(
        f"(location_type = '{UNASSIGNED_TYPE}') = (location_code = '{UNASSIGNED_LOCATION}')",
        name="unassigned_is_wuhuowei",
    ),
    # NULL only inside the INSERT: the trigger assigns it (SQLite's after the row is there)
    Column("scan_code", String(SCAN_CODE_MAX)),
)
Index("uq_locations_warehouse_scan_code", locations.c.warehouse_id, locations.c.scan_code, unique=True)

products = Table(
    "products",
    metadata,
    Column("product_id", Id, primary_key=True),
    Column("product_code", String(CODE), nullable=False),
    Column("product_name", String(200), nullable=False),
    Column("unit", String(16), nullable=False, server_default="件"),
    Column("category_id", String(CODE)),
    Column("image_path", String(200)),
    Column("has_sku", Boolean, nullable=False),
    Column("low_stock_threshold", BigInteger, nullable=False, server_default="-1"),
    Column("high_stock_threshold", BigInteger, nullable=False, server_default="-1"),
    Column("is_deleted", Boolean, nullable=False, server_default=false()),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    Column("updated_at", Stamp, nullable=False, server_default=NOW),
    CheckConstraint("image_path LIKE '/uploads/%'", name="image_path"),
    CheckConstraint("low_stock_threshold >= -1 AND high_stock_threshold >= -1", name="thresholds"),
    CheckConstraint(
        "low_stock_threshold = -1 OR high_stock_threshold = -1 OR high_stock_threshold > low_stock_threshold",
        name="threshold_order",
    ),
)
# Codes are unique among live products; a deleted product keeps its row for the ledger.
Index(
    "uq_products_live_code", products.c.product_code, unique=True,
    postgresql_where=~products.c.is_deleted, sqlite_where=~products.c.is_deleted,
)
Index("ix_products_name", products.c.product_name)

skus = Table(
    "skus",
    metadata,
    Column("sku_id", Id, primary_key=True),
    Column("product_id", Id, ForeignKey("products.product_id"), nullable=False, index=True),
    Column("sku_code", String(SKU_CODE_MAX), nullable=False),
    # NULL colour and size: the single implicit SKU of a product without SKUs (has_sku false)
    Column("sku_color", String(SKU_PART_MAX)),
    Column("sku_size", String(SKU_PART_MAX)),
    Column("image_path", String(200)),
    Column("is_deleted", Boolean, nullable=False, server_default=false()),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    # unit weight for scale checks; NULL = not known (migration 0004)
    Column("weight_grams", Integer),
    CheckConstraint("image_path LIKE '/uploads/%'", name="image_path"),
    CheckConstraint("weight_grams > 0", name="weight_grams"),
    Column("scan_code", String(SCAN_CODE_MAX)),  # assigned by a trigger, as for locations
)
Index(
    "uq_skus_live_code", skus.c.sku_code, unique=True,
    postgresql_where=~skus.c.is_deleted, sqlite_where=~skus.c.is_deleted,
)
Index(
    "uq_skus_live_scan_code", skus.c.scan_code, unique=True,
    postgresql_where=~skus.c.is_deleted, sqlite_where=~skus.c.is_deleted,
)

external_codes = Table(
    "external_codes",
    metadata,
    Column("external_code_id", Id, primary_key=True),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False, index=True),
    Column("external_code", String(CODE), nullable=False, unique=True),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
)

stock_balances = Table(
    "stock_balances",
    metadata,
    Column("balance_id", Id, primary_key=True),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False),
    Column("location_id", Id, ForeignKey("locations.location_id"), nullable=False, index=True),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("stock_quantity", BigInteger, nullable=False, server_default="0"),
    Column("locked_quantity", BigInteger, nullable=False, server_default="0"),
    Column("updated_at", Stamp, nullable=False, server_default=NOW),
    UniqueConstraint("sku_id", "location_id", "batch_number"),
    CheckConstraint("stock_quantity >= 0", name="stock_not_negative"),
    CheckConstraint("locked_quantity >= 0 AND locked_quantity <= stock_quantity", name="locked_within_stock"),
)

# Append-only: one row per change of one balance. The sum of quantity_change over a balance
# key always equals that balance's stock_quantity.
stock_movements = Table(
    "stock_movements",
    metadata,
    Column("movement_id", Id, primary_key=True),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False),
    Column("location_id", Id, ForeignKey("locations.location_id"), nullable=False),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("operation", String(16), nullable=False),
    Column("quantity_change", BigInteger, nullable=False),
    Column("quantity_after", BigInteger, nullable=False),
    Column("operator_id", String(CODE), nullable=False),
    Column("is_urgent", Boolean, nullable=False, server_default=false()),
    Column("notes", Text),
    Column("document_ref", String(CODE)),
    Column("request_id", String(CODE), nullable=False),
    Column("operated_at", Stamp, nullable=False),
    CheckConstraint(_in("operation", OPERATIONS), name="operation"),
    CheckConstraint("quantity_change <> 0", name="change_not_zero"),
    CheckConstraint("quantity_after >= 0", name="after_not_negative"),
)
# (No index on the balance key: no query reads the ledger by it, and every posting would
# maintain it; migration issue12 dropped it. The per-SKU and per-location indexes below serve
# the history and the foreign keys.)
Index("ix_stock_movements_operated", stock_movements.c.operated_at, stock_movements.c.movement_id)

# Idempotency: the first result of every mutating call that named a request_id, per warehouse
# (the workstation's): the same request_id from another warehouse is another request, never
# answered with this one's result (migration issue11).
operation_requests = Table(
    "operation_requests",
    metadata,
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), primary_key=True),
    Column("request_id", String(CODE), primary_key=True),
    Column("operation", String(32), nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("result", Text),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
)

# Transactional outbox: every event other systems receive — stock movements, document state
# changes, alerts — written in the transaction that made it, so a rolled-back operation leaves
# none (migration issue13; before it, stock_events held stock events only). A stock event names
# its ledger row (movement_id; its JSON is built from the ledger when published); any other
# carries its JSON in payload. ordering_key says which events must keep their order for a
# consumer that works on several at once (a balance, a document). The event relay numbers
# unpublished rows (sequence: the order it publishes them in, the consumers' resume point —
# outbox ids are not, see docs/mqtt.md), publishes them and stamps published_at once the
# broker has them. (Bulk-loaded demo stock has none.)
outbox_events = Table(
    "outbox_events",
    metadata,
    Column("outbox_id", Id, primary_key=True),  # the order events were written in
    Column("event_id", String(36), nullable=False, unique=True),
    Column("event_type", String(40), nullable=False),  # stock.inbound, document.asn.closed, …
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), nullable=False),
    Column("ordering_key", String(120), nullable=False),  # balance:{sku}:{location}:{batch}, document:{id}
    Column("movement_id", Id, ForeignKey("stock_movements.movement_id"), unique=True),
    Column("document_id", Id, ForeignKey("documents.document_id")),
    Column("payload", Text),  # JSON of an event not built from the ledger
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    Column("published_at", Stamp),
    Column("sequence", BigInteger),  # NULL until the relay numbers it
    Column("routed_at", Stamp),  # NULL until the webhook router made its deliveries (services/webhooks.py)
    CheckConstraint("(movement_id IS NOT NULL) = (event_type LIKE 'stock.%')", name="stock_events_have_movement"),
    CheckConstraint("movement_id IS NOT NULL OR payload IS NOT NULL", name="payload_or_movement"),
)
Index("ix_outbox_events_unpublished", outbox_events.c.outbox_id,
      postgresql_where=outbox_events.c.published_at.is_(None), sqlite_where=outbox_events.c.published_at.is_(None))
Index("uq_outbox_events_sequence", outbox_events.c.sequence, unique=True)
Index("ix_outbox_events_unrouted", outbox_events.c.outbox_id,
      postgresql_where=outbox_events.c.routed_at.is_(None), sqlite_where=outbox_events.c.routed_at.is_(None))

# ---- users, history and browsing (migration 0003) --------------------------------------------


# Roles: named sets of permissions (domain/permissions.py; services/roles.py). role_code is kept
# for good (users, API keys and sign-in tokens name it); role_name is what people read.
roles = Table(
    "roles",
    metadata,
    Column("role_code", String(16), primary_key=True),
    Column("role_name", String(200), nullable=False),
    Column("permissions", Text, nullable=False),  # JSON list, sorted
    Column("is_active", Boolean, nullable=False, server_default=true()),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
)

# Workstation logins. The logged-in user's user_name is the operator_id of every operation.
# password_hash is an argon2id PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash).
users = Table(
    "users",
    metadata,
    Column("user_id", Id, primary_key=True),
    Column("user_name", String(CODE), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), ForeignKey("roles.role_code"), nullable=False),
    Column("is_active", Boolean, nullable=False, server_default=true()),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
)

# The warehouses a user may sign in to (services/auth.py); administrators may sign in anywhere.
user_warehouses = Table(
    "user_warehouses",
    metadata,
    Column("user_id", Id, ForeignKey("users.user_id"), primary_key=True),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), primary_key=True),
)

# History pages (services/history.py) walk the ledger newest first by (operated_at,
# movement_id), with or without one filter: each filter has an index that ends in that order.
Index("ix_stock_movements_sku_operated", stock_movements.c.sku_id, stock_movements.c.operated_at,
      stock_movements.c.movement_id)
Index("ix_stock_movements_location_operated", stock_movements.c.location_id, stock_movements.c.operated_at,
      stock_movements.c.movement_id)
Index("ix_stock_movements_operator_operated", stock_movements.c.operator_id, stock_movements.c.operated_at,
      stock_movements.c.movement_id)

# Prefix search (services/browse.py: code LIKE 'abc%'). PostgreSQL uses a plain b-tree for
# LIKE only under the C collation; the pattern operator classes make these usable under any
# collation. (On SQLite they are ordinary indexes.)
Index("ix_products_code_pattern", products.c.product_code, postgresql_ops={"product_code": "varchar_pattern_ops"})
Index("ix_skus_code_pattern", skus.c.sku_code, postgresql_ops={"sku_code": "varchar_pattern_ops"})
Index("ix_locations_code_pattern", locations.c.warehouse_id, locations.c.location_code,
      postgresql_ops={"location_code": "varchar_pattern_ops"})

# ---- sorting the big screens (migration issue12) ----------------------------------------------

# The stock browser sorted by quantity or last change reads its first block from these. Every
# posting changes both columns, so a balance update is no longer HOT and maintains every index
# of the table (measured in tests/benchmarks/bench_core.py: docs/services.md).
Index("ix_stock_balances_quantity", stock_balances.c.stock_quantity, stock_balances.c.balance_id)
Index("ix_stock_balances_updated", stock_balances.c.updated_at, stock_balances.c.balance_id)

# Stock per product and warehouse, for sorting products by quantity without adding up a million
# balances (PostgreSQL; SQLite adds them up). A posting appends its net change per product to
# product_stock_changes — an insert, so postings of one product never wait for each other — and
# wms_fold_product_totals() folds the changes into product_stock_totals before a sort reads it.
product_stock_totals = Table(
    "product_stock_totals",
    metadata,
    Column("product_id", Id, ForeignKey("products.product_id"), primary_key=True),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), primary_key=True),
    Column("total_quantity", BigInteger, nullable=False),
)
product_stock_changes = Table(
    "product_stock_changes",
    metadata,
    Column("change_id", Id, primary_key=True),
    Column("product_id", Id, nullable=False),  # no foreign keys: written only by the posting functions
    Column("warehouse_id", Id, nullable=False),
    Column("quantity_change", BigInteger, nullable=False),
)

# ---- documents: receipts, orders, counts (migration issue13, docs/documents.md) --------------

# The part every document shares: its number (unique per warehouse, whatever the type, so a
# scanned number means one document), type, state and version. A document type adds a table
# of its own header fields keyed by document_id (asns, …), its lines, and the rows recording
# work done against it. State changes lock this row (services/documents.py); version counts
# every change of the document, for a client that edits what it read.
documents = Table(
    "documents",
    metadata,
    Column("document_id", Id, primary_key=True),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), nullable=False),
    Column("document_type", String(16), nullable=False),
    Column("document_number", String(CODE), nullable=False),
    Column("state", String(16), nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("is_urgent", Boolean, nullable=False, server_default=false()),
    Column("notes", Text),
    Column("created_by", String(CODE), nullable=False),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    Column("updated_by", String(CODE), nullable=False),
    Column("updated_at", Stamp, nullable=False, server_default=NOW),
    UniqueConstraint("warehouse_id", "document_number"),
    CheckConstraint("version >= 1", name="version_positive"),
)
Index("ix_documents_type_updated", documents.c.warehouse_id, documents.c.document_type, documents.c.updated_at)
Index("ix_documents_number_pattern", documents.c.warehouse_id, documents.c.document_number,
      postgresql_ops={"document_number": "varchar_pattern_ops"})

# A batch's expiry, once per SKU and batch (SKUs are shared by all warehouses, and so are their
# lots). NULL: not known yet; the first receipt that names one records it (services/lots.py).
lots = Table(
    "lots",
    metadata,
    Column("sku_id", Id, ForeignKey("skus.sku_id"), primary_key=True),
    Column("batch_number", String(CODE), primary_key=True),
    Column("expiry_date", Date),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    CheckConstraint("batch_number <> ''", name="batch_named"),
)

# ---- receiving against ASNs (migration issue13_receiving, wms_desktop/services/receiving.py) ------

# An ASN's own header fields. ``is_blind``: the clerk receiving it is not shown what is
# expected. ``without_asn``: a blind receipt started with no notice (every item is unexpected).
asns = Table(
    "asns",
    metadata,
    Column("document_id", Id, ForeignKey("documents.document_id"), primary_key=True),
    Column("supplier_code", String(CODE)),
    Column("supplier_name", String(200)),
    Column("expected_arrival", Date),
    Column("purchase_order", String(CODE)),
    Column("is_blind", Boolean, nullable=False, server_default=false()),
    Column("without_asn", Boolean, nullable=False, server_default=false()),
)
Index("ix_asns_supplier_code", asns.c.supplier_code, postgresql_ops={"supplier_code": "varchar_pattern_ops"})

# What an ASN expects: one line per SKU and batch ('' when the notice names none). A line that
# closed short keeps the reason the supervisor gave.
asn_lines = Table(
    "asn_lines",
    metadata,
    Column("line_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False),
    Column("line_number", Integer, nullable=False),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False, index=True),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("expiry_date", Date),
    Column("expected_quantity", BigInteger, nullable=False),
    Column("short_reason", String(32)),
    UniqueConstraint("document_id", "sku_id", "batch_number"),
    UniqueConstraint("document_id", "line_number"),
    CheckConstraint("expected_quantity > 0", name="expected_positive"),
)

# What arrived: one row per scan and condition, posted in the same transaction into the
# receiving (good) or damaged location. Every total and the variance at close add these up.
# line_id NULL: an item the ASN does not name. ``exception``: what the clerk explicitly
# accepted (over_receipt, not_on_asn), with ``reason_code``; damaged rows carry one too.
asn_receipts = Table(
    "asn_receipts",
    metadata,
    Column("receipt_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False, index=True),
    Column("line_id", Id, ForeignKey("asn_lines.line_id")),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("quantity", BigInteger, nullable=False),
    Column("is_damaged", Boolean, nullable=False, server_default=false()),
    Column("location_id", Id, ForeignKey("locations.location_id"), nullable=False),
    Column("exception", String(16)),
    Column("reason_code", String(32)),
    Column("operator_id", String(CODE), nullable=False),
    Column("request_id", String(CODE), nullable=False),
    Column("received_at", Stamp, nullable=False, server_default=NOW),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("exception IS NULL OR exception IN ('over_receipt', 'not_on_asn')", name="exception"),
)

# What was put away from the receiving location (migration issue13_putaway): one row per move,
# posted as a transfer with the ASN's number in the same transaction. A putaway task's open
# quantity is what its receipts brought to a receiving location less what these moved on.
asn_putaways = Table(
    "asn_putaways",
    metadata,
    Column("putaway_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False, index=True),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("from_location_id", Id, ForeignKey("locations.location_id"), nullable=False),
    Column("to_location_id", Id, ForeignKey("locations.location_id"), nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("operator_id", String(CODE), nullable=False),
    Column("request_id", String(CODE), nullable=False),
    Column("put_away_at", Stamp, nullable=False, server_default=NOW),
    CheckConstraint("quantity > 0", name="quantity_positive"),
)

# Per warehouse: how far over its expected quantity a line may be received before the clerk
# must accept an over-receipt explicitly (percent; no row: 0), and whether only a supervisor may
# accept one (migration issue13_rules).
receiving_rules = Table(
    "receiving_rules",
    metadata,
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), primary_key=True),
    Column("over_receipt_tolerance_percent", Integer, nullable=False, server_default="0"),
    Column("over_receipt_needs_supervisor", Boolean, nullable=False, server_default=false()),
    CheckConstraint("over_receipt_tolerance_percent BETWEEN 0 AND 1000", name="tolerance_range"),
)

# ---- outbound orders (migration issue14, domain/orders.py, services/orders.py) -----------------

orders = Table(
    "orders",
    metadata,
    Column("document_id", Id, ForeignKey("documents.document_id"), primary_key=True),
    Column("customer_name", String(200), nullable=False),
    Column("recipient_name", String(200)),
    Column("address", Text),
    Column("carrier", String(CODE)),
    Column("expected_ship_date", Date),
    # the tote a wave picks the order into, bound by its first pick (fulfilment.pick): a packer
    # scans it to find the order while it is being picked or waits to be packed
    Column("tote_code", String(CODE)),
)
Index("ix_orders_tote_code", orders.c.tote_code)

# batch_number '' means any batch (FEFO picks one); backorder_quantity is what a partial
# release could not reserve.
order_lines = Table(
    "order_lines",
    metadata,
    Column("line_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False),
    Column("line_number", Integer, nullable=False),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("quantity", BigInteger, nullable=False),
    Column("backorder_quantity", BigInteger, nullable=False, server_default="0"),
    UniqueConstraint("document_id", "sku_id", "batch_number"),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("backorder_quantity >= 0 AND backorder_quantity <= quantity", name="backorder_within"),
)

# The reservations of an order line, one row per balance it takes from. On every balance the
# reserved quantities of its allocations add up to its locked_quantity: only the reservation
# step changes either (services/reservations.py; on PostgreSQL the function wms_reserve, the
# workstation may not write these rows).
order_allocations = Table(
    "order_allocations",
    metadata,
    Column("allocation_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False),
    Column("line_id", Id, ForeignKey("order_lines.line_id"), nullable=False),
    Column("balance_id", Id, ForeignKey("stock_balances.balance_id"), nullable=False, index=True),
    Column("reserved_quantity", BigInteger, nullable=False, server_default="0"),
    Column("picked_quantity", BigInteger, nullable=False, server_default="0"),
    UniqueConstraint("line_id", "balance_id"),
    CheckConstraint("reserved_quantity >= 0 AND picked_quantity >= 0", name="quantities_not_negative"),
)

# A confirmed pick: stock moved from an allocation's bin to the station's packing location.
order_picks = Table(
    "order_picks",
    metadata,
    Column("pick_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False, index=True),
    Column("allocation_id", Id, ForeignKey("order_allocations.allocation_id"), nullable=False),
    Column("to_location_id", Id, ForeignKey("locations.location_id"), nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("operator_id", String(CODE), nullable=False),
    Column("picked_at", Stamp, nullable=False, server_default=NOW),
    CheckConstraint("quantity > 0", name="quantity_positive"),
)

# A packed carton and what is in it; shipping posts its contents out of the packing location.
order_cartons = Table(
    "order_cartons",
    metadata,
    Column("carton_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False),
    Column("carton_number", Integer, nullable=False),
    Column("weight_grams", BigInteger),
    Column("expected_weight_grams", BigInteger),
    Column("carrier", String(CODE)),
    Column("tracking_number", String(CODE)),
    Column("packed_by", String(CODE), nullable=False),
    Column("packed_at", Stamp, nullable=False, server_default=NOW),
    UniqueConstraint("document_id", "carton_number"),
)

carton_contents = Table(
    "carton_contents",
    metadata,
    Column("carton_id", Id, ForeignKey("order_cartons.carton_id"), primary_key=True),
    Column("pick_id", Id, ForeignKey("order_picks.pick_id"), primary_key=True),
    Column("quantity", BigInteger, nullable=False),
    CheckConstraint("quantity > 0", name="quantity_positive"),
)

Index("ix_outbox_events_document_id", outbox_events.c.document_id, outbox_events.c.outbox_id,
      postgresql_where=outbox_events.c.document_id.isnot(None), sqlite_where=outbox_events.c.document_id.isnot(None))

# ---- customer returns (migration issue14_returns, domain/returns.py, services/returns.py) ---------

returns = Table(
    "returns",
    metadata,
    Column("document_id", Id, ForeignKey("documents.document_id"), primary_key=True),
    Column("order_document_id", Id, ForeignKey("documents.document_id"), nullable=False, index=True),
)

# One row per item received back: its disposition, where it went (none when scrapped), why.
return_lines = Table(
    "return_lines",
    metadata,
    Column("line_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False, index=True),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("quantity", BigInteger, nullable=False),
    Column("disposition", String(16), nullable=False),
    Column("location_id", Id, ForeignKey("locations.location_id")),
    Column("reason_code", String(CODE), nullable=False),
    Column("operator_id", String(CODE), nullable=False),
    Column("received_at", Stamp, nullable=False, server_default=NOW),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint(_in("disposition", DISPOSITIONS), name="disposition"),
    CheckConstraint("(location_id IS NULL) = (disposition = 'scrap')", name="location_unless_scrapped"),
)

# ---- the HTTP API (migration issue16, docs/api.md) -----------------------------------------------

# Refresh tokens of the API's sign-in: one row per token issued (its JWT id), in families that
# one sign-in starts. Refreshing uses a token up (used_at) and issues the next of its family; a
# used token shown again revokes the whole family (a stolen token was replayed). Every server
# process reads the same rows: no process keeps sign-in state of its own.
api_refresh_tokens = Table(
    "api_refresh_tokens",
    metadata,
    Column("token_id", String(36), primary_key=True),
    Column("family_id", String(36), nullable=False, index=True),
    Column("user_id", Id, ForeignKey("users.user_id"), nullable=False),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), nullable=False),
    Column("role", String(16), nullable=False),  # the role it was issued under: a changed role stops it
    Column("expires_at", Stamp, nullable=False),
    Column("used_at", Stamp),
    Column("revoked_at", Stamp),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
)

# Failed sign-ins (the app's and the API's), per subject: "user:NAME" and "address:IP". A
# subject with too many in the last window is refused before its password is checked.
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("failure_id", Id, primary_key=True),
    Column("subject", String(200), nullable=False),
    Column("failed_at", Stamp, nullable=False, server_default=NOW),
)
Index("ix_sign_in_failures_subject_failed", sign_in_failures.c.subject, sign_in_failures.c.failed_at)
# ---- count tasks (migration issue15, services/counts.py) ------------------------------------------

# A warehouse's counting rules: a first count whose variance exceeds both tolerances (units and
# percent of the expected quantity) is recounted, by another counter when recount_by_other; a
# line's variance is decided by someone who did not count it when approver_not_counter. No row:
# the defaults (services/counts.py).
count_settings = Table(
    "count_settings",
    metadata,
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), primary_key=True),
    Column("tolerance_units", BigInteger, nullable=False, server_default="0"),
    Column("tolerance_percent", Integer, nullable=False, server_default="0"),
    Column("recount_by_other", Boolean, nullable=False, server_default=true()),
    Column("approver_not_counter", Boolean, nullable=False, server_default=true()),
    Column("updated_at", Stamp, nullable=False, server_default=NOW),
    CheckConstraint("tolerance_units >= 0 AND tolerance_percent >= 0", name="tolerances"),
)

# A count task's header (documents row of type 'count'): what it was made over, for the list.
count_tasks = Table(
    "count_tasks",
    metadata,
    Column("document_id", Id, ForeignKey("documents.document_id"), primary_key=True),
    Column("scope", String(16), nullable=False),  # range, prefix, list, skus, cycle (domain.counts.SCOPES)
    Column("scope_text", String(200), nullable=False),  # what the supervisor asked for, as shown in lists
    Column("sku_scope", Boolean, nullable=False, server_default=false()),  # only the lines' SKUs are counted
)

# The task's locations: each is counted by one counter at a time, in rounds (1 the count, 2 the
# recount of its lines beyond tolerance). started_at is when its snapshot was taken.
count_locations = Table(
    "count_locations",
    metadata,
    Column("document_id", Id, ForeignKey("documents.document_id"), primary_key=True),
    Column("location_id", Id, ForeignKey("locations.location_id"), primary_key=True),
    Column("state", String(16), nullable=False, server_default="pending"),
    Column("round", Integer, nullable=False, server_default="1"),
    Column("counted_by", String(CODE)),
    Column("started_at", Stamp),
    Column("finished_at", Stamp),
    CheckConstraint("state IN ('pending', 'counting', 'recount', 'counted')", name="state"),
)
Index("ix_count_locations_location_finished", count_locations.c.location_id, count_locations.c.finished_at)

# One row per balance key counted in a round. snapshot: the balance when the location's count
# started; expected: the balance when the line was last counted (snapshot + movements since);
# variance = counted - expected, so stock moving during the count shows none. A recount leaves
# its first count as 'recounted' beside the new line. A decided variance is approved (posted as
# a count movement) or rejected.
count_lines = Table(
    "count_lines",
    metadata,
    Column("line_id", Id, primary_key=True),
    Column("document_id", Id, ForeignKey("documents.document_id"), nullable=False),
    Column("location_id", Id, ForeignKey("locations.location_id"), nullable=False),
    Column("sku_id", Id, ForeignKey("skus.sku_id"), nullable=False),
    Column("batch_number", String(CODE), nullable=False, server_default=""),
    Column("round", Integer, nullable=False, server_default="1"),
    Column("status", String(16), nullable=False, server_default="open"),
    Column("snapshot_quantity", BigInteger),
    Column("expected_quantity", BigInteger),
    Column("counted_quantity", BigInteger, nullable=False, server_default="0"),
    Column("counted_by", String(CODE)),
    Column("counted_at", Stamp),
    Column("decision", String(16)),
    Column("reason_code", String(32)),
    Column("decided_by", String(CODE)),
    Column("decided_at", Stamp),
    UniqueConstraint("document_id", "location_id", "sku_id", "batch_number", "round"),
    CheckConstraint("status IN ('open', 'counted', 'recounted')", name="status"),
    CheckConstraint("decision IN ('approved', 'rejected')", name="decision"),
    CheckConstraint("counted_quantity >= 0", name="counted_not_negative"),
)

# ---- alerts (migration issue17, services/alerts.py) ----------------------------------------------

# Each product's stock level per warehouse as last decided: low (total <= low threshold), high
# (total > high threshold) or normal. A trigger on the ledger decides it again when a posting
# changes a product's total, in the posting's transaction, and raises or clears an alert only
# when the level changes (edge-triggered). On PostgreSQL this row is also what postings of one
# product queue on while the level is decided, so concurrent crossings raise one alert.
STOCK_LEVELS = ("low", "normal", "high")
stock_levels = Table(
    "stock_levels",
    metadata,
    Column("product_id", Id, ForeignKey("products.product_id"), primary_key=True),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), primary_key=True),
    Column("level", String(8), nullable=False, server_default="normal"),
    CheckConstraint(_in("level", STOCK_LEVELS), name="level"),
)

# Alerts: raised (low_stock, high_stock by the trigger; expiring by services/alerts.py), active
# until cleared (the level recovered, the lot's stock is gone), acknowledged by a user. At most
# one active alert per product and kind, and per lot.
ALERT_TYPES = ("low_stock", "high_stock", "expiring")
alerts = Table(
    "alerts",
    metadata,
    Column("alert_id", Id, primary_key=True),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), nullable=False),
    Column("alert_type", String(16), nullable=False),
    Column("product_id", Id, ForeignKey("products.product_id"), nullable=False),
    Column("sku_id", Id, ForeignKey("skus.sku_id")),  # an expiring lot's
    Column("batch_number", String(CODE)),  # an expiring lot's
    Column("expiry_date", Date),  # an expiring lot's
    Column("quantity", BigInteger, nullable=False),  # the product's total, or the lot's stock, when raised
    Column("threshold", BigInteger),  # the threshold crossed
    Column("raised_at", Stamp, nullable=False),
    Column("cleared_at", Stamp),
    Column("acknowledged_at", Stamp),
    Column("acknowledged_by", String(CODE)),
    CheckConstraint(_in("alert_type", ALERT_TYPES), name="alert_type"),
    CheckConstraint("(alert_type = 'expiring') = (sku_id IS NOT NULL AND batch_number IS NOT NULL)", name="lot"),
)
Index("uq_alerts_active_level", alerts.c.warehouse_id, alerts.c.product_id, alerts.c.alert_type, unique=True,
      postgresql_where=text("cleared_at IS NULL AND alert_type <> 'expiring'"),
      sqlite_where=text("cleared_at IS NULL AND alert_type <> 'expiring'"))
Index("uq_alerts_active_lot", alerts.c.warehouse_id, alerts.c.sku_id, alerts.c.batch_number, unique=True,
      postgresql_where=text("cleared_at IS NULL AND alert_type = 'expiring'"),
      sqlite_where=text("cleared_at IS NULL AND alert_type = 'expiring'"))
Index("ix_alerts_raised", alerts.c.warehouse_id, alerts.c.raised_at, alerts.c.alert_id)

# ---- the audit trail (migration issue17, services/audit.py) ---------------------------------------

# Every change of the catalogue, locations, warehouses, users and document states: who, when,
# on which workstation, before and after (JSON of the fields that changed). Append-only like
# the ledger (triggers refuse UPDATE and DELETE; the workstation role may only insert), and
# hash-chained: row_hash covers the row's content and previous_hash, the row_hash of the row
# before it, so a row changed or removed later breaks the chain (`wms-desktop audit verify`).
# Many hash chains (services/audit.py): a subject's rows are one chain's, in audit_id order.
# audit_id: on PostgreSQL from audit_log_audit_id_seq, taken under the chain's audit_head lock.
audit_log = Table(
    "audit_log",
    metadata,
    Column("audit_id", Id, primary_key=True, autoincrement=False),
    Column("chain", Integer, nullable=False, server_default="1"),  # the rows before chains were chain 1
    Column("recorded_at", Stamp, nullable=False),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id")),  # where it was done (null: no warehouse)
    Column("subject", String(80), nullable=False),  # whose trail: product:17, location:5, user:3, document:9, …
    Column("entity_type", String(16), nullable=False),  # product, location, user, warehouse, document
    Column("entity_code", String(SKU_CODE_MAX)),  # its code when the change was made
    Column("action", String(32), nullable=False),  # create, update, delete, or a document's action
    Column("actor", String(CODE), nullable=False),  # the signed-in user, or the operator the command line names
    Column("workstation", String(200), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Column("previous_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)
Index("ix_audit_log_subject", audit_log.c.subject, audit_log.c.audit_id)
Index("ix_audit_log_chain", audit_log.c.chain, audit_log.c.audit_id)
audit_head = Table(
    "audit_head",
    metadata,
    Column("chain", Integer, primary_key=True, autoincrement=False),
    Column("last_audit_id", BigInteger, nullable=False),
    Column("last_hash", String(64), nullable=False),
)
# ---- systems: API keys and webhooks (migration issue16_keys_webhooks, docs/api.md) ---------------

# A system's credential for the HTTP API: wmsk_{key_id}_{secret}, shown once. Only the SHA-256 of
# the secret is kept (the secret is 256 random bits: a slow hash would add nothing but time on
# every request). A key acts in one warehouse with one role until it is revoked.
api_keys = Table(
    "api_keys",
    metadata,
    Column("key_id", String(32), primary_key=True),
    Column("name", String(48), nullable=False),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), nullable=False),
    Column("role", String(16), ForeignKey("roles.role_code"), nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_by", String(CODE), nullable=False),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    Column("revoked_at", Stamp),
)

# A system's URL for a warehouse's events of some types (patterns: stock.*, document.asn.closed,
# *). The secret signs every delivery (HMAC-SHA256), so it is kept as given, not hashed.
webhooks = Table(
    "webhooks",
    metadata,
    Column("webhook_id", Id, primary_key=True),
    Column("warehouse_id", Id, ForeignKey("warehouses.warehouse_id"), nullable=False),
    Column("url", String(2000), nullable=False),
    Column("event_types", Text, nullable=False),  # JSON list of patterns
    Column("secret", String(100), nullable=False),
    Column("is_active", Boolean, nullable=False, server_default=true()),
    Column("created_by", String(CODE), nullable=False),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
)

# One event for one webhook: made by the router in the transaction that stamps the event
# routed, so each is made once; its body frozen then, so a redelivery sends the same bytes.
# Delivered in outbox order per (webhook, ordering_key); retried with backoff until
# delivered, or dead after too many attempts (then sent again only by hand).
webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("delivery_id", Id, primary_key=True),
    Column("webhook_id", Id, ForeignKey("webhooks.webhook_id"), nullable=False),
    Column("outbox_id", BigInteger, nullable=False),
    Column("event_id", String(36), nullable=False),
    Column("event_type", String(40), nullable=False),
    Column("ordering_key", String(120), nullable=False),
    Column("body", Text, nullable=False),
    Column("state", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", Stamp, nullable=False, server_default=NOW),
    Column("last_status", Integer),
    Column("last_error", String(500)),
    Column("delivered_at", Stamp),
    Column("created_at", Stamp, nullable=False, server_default=NOW),
    UniqueConstraint("webhook_id", "event_id"),
    CheckConstraint(_in("state", ("pending", "delivered", "dead")), name="state"),
)
Index("ix_webhook_deliveries_key_order", webhook_deliveries.c.webhook_id, webhook_deliveries.c.ordering_key,
      webhook_deliveries.c.outbox_id, postgresql_where=webhook_deliveries.c.state == "pending",
      sqlite_where=webhook_deliveries.c.state == "pending")
