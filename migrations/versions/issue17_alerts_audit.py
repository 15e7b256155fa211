"""stock and expiry alerts; the audit trail

Revision ID: issue17
Revises: issue14

audit_log, audit_head: the tamper-evident audit trail (services/audit.py): append-only (triggers
refuse UPDATE and DELETE, PostgreSQL also TRUNCATE; db/privileges.py lets the workstation only
insert), each row's hash covering its content and the previous row's hash.

stock_levels: each product's level per warehouse (low, normal, high) as last decided; alerts:
raised, cleared, acknowledged; warehouses.expiry_alert_days: how far ahead a lot's expiry alerts.

One rule on both backends: the view stock_level_checks sets the level a product's total stock in
a warehouse is at now (total <= low threshold: low; total > high threshold: high; -1 is off)
beside the level recorded. A trigger on the ledger, in the posting's transaction, decides it
again for every product whose total a posting changed (a transfer within one SKU changes
none): when the level moved, the active alert goes (event alert.cleared) and one for the new
level is raised (alert.low_stock, alert.high_stock) — an alert per crossing, not per posting.

PostgreSQL: a statement trigger over the ledger rows written; it locks the product's
stock_levels row first and only then reads the total (under READ COMMITTED each statement of
the function sees what committed before it), so postings of one product crossing at once
decide in turn and raise one alert. Products without thresholds and without a recorded level
skip all that: their postings never wait on each other. The posting functions are unchanged.
SQLite (one writer at a time): a row trigger doing the same steps; the posting writes its ledger
rows after all its balances, so each row sees the posting's final totals.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue17'
down_revision = 'issue14'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
SKU_CODE_MAX = 130  # domain.codes.SKU_CODE_MAX when this was written

CHECKS = """
CREATE VIEW stock_level_checks AS
SELECT c.product_id, c.warehouse_id, c.recorded_level, c.total_quantity, c.low_threshold, c.high_threshold,
       CASE WHEN c.low_threshold >= 0 AND c.total_quantity <= c.low_threshold THEN 'low'
            WHEN c.high_threshold >= 0 AND c.total_quantity > c.high_threshold THEN 'high'
            ELSE 'normal' END AS level
  FROM (SELECT v.product_id, v.warehouse_id, v.level AS recorded_level,
               p.low_stock_threshold AS low_threshold, p.high_stock_threshold AS high_threshold,
               (SELECT coalesce(sum(b.stock_quantity), 0) FROM stock_balances b
                  JOIN skus s ON s.sku_id = b.sku_id JOIN locations l ON l.location_id = b.location_id
                 WHERE s.product_id = v.product_id AND l.warehouse_id = v.warehouse_id) AS total_quantity
          FROM stock_levels v JOIN products p ON p.product_id = v.product_id) c
"""
# an alert event's JSON (services/alerts.py builds the same for expiring lots)
PG_PAYLOAD = """json_build_object('alert_id', {a}.alert_id, 'alert_type', {a}.alert_type,
    'product_code', (SELECT product_code FROM products WHERE product_id = {a}.product_id),
    'sku_code', NULL, 'batch_number', NULL, 'expiry_date', NULL, 'quantity', {quantity},
    'threshold', {a}.threshold, 'occurred_at', wms_iso({moment}))::text"""
PG = [
    CHECKS,
    """
    CREATE FUNCTION wms_check_stock_level(p_product_id int8, p_warehouse_id int8, p_moment timestamptz)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
        c record;
        a record;
    BEGIN
        INSERT INTO stock_levels (product_id, warehouse_id) VALUES (p_product_id, p_warehouse_id)
        ON CONFLICT DO NOTHING;
        PERFORM 1 FROM stock_levels WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id FOR UPDATE;
        -- a statement after the lock: it sees every posting that decided before this one
        SELECT * INTO c FROM stock_level_checks WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
        IF c.level = c.recorded_level THEN
            RETURN;
        END IF;
        UPDATE stock_levels SET level = c.level WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id;
        FOR a IN UPDATE alerts SET cleared_at = p_moment
                  WHERE product_id = p_product_id AND warehouse_id = p_warehouse_id AND cleared_at IS NULL
                    AND alert_type IN ('low_stock', 'high_stock')
                 RETURNING * LOOP
            INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, payload, created_at)
            VALUES (gen_random_uuid()::text, 'alert.cleared', p_warehouse_id, 'product:' || p_product_id,
                    """ + PG_PAYLOAD.format(a="a", quantity="c.total_quantity", moment="p_moment") + """, p_moment);
        END LOOP;
        IF c.level <> 'normal' THEN
            INSERT INTO alerts (warehouse_id, alert_type, product_id, quantity, threshold, raised_at)
            VALUES (p_warehouse_id, c.level || '_stock', p_product_id, c.total_quantity,
                    CASE c.level WHEN 'low' THEN c.low_threshold ELSE c.high_threshold END, p_moment)
            RETURNING * INTO a;
            INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, payload, created_at)
            VALUES (gen_random_uuid()::text, 'alert.' || a.alert_type, p_warehouse_id, 'product:' || p_product_id,
                    """ + PG_PAYLOAD.format(a="a", quantity="a.quantity", moment="p_moment") + """, p_moment);
        END IF;
    END $$
    """,
    # SECURITY DEFINER: whoever writes the ledger (the posting functions, as the owner), the
    # alerts are the owner's to write
    """
    CREATE FUNCTION wms_stock_levels_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    DECLARE
        r record;
    BEGIN
        FOR r IN SELECT s.product_id, l.warehouse_id, max(m.operated_at) AS moment
                   FROM moved m JOIN skus s ON s.sku_id = m.sku_id JOIN locations l ON l.location_id = m.location_id
                   JOIN products p ON p.product_id = s.product_id
                  WHERE p.low_stock_threshold >= 0 OR p.high_stock_threshold >= 0
                     OR EXISTS (SELECT 1 FROM stock_levels v WHERE v.product_id = s.product_id
                                   AND v.warehouse_id = l.warehouse_id AND v.level <> 'normal')
                  GROUP BY s.product_id, l.warehouse_id HAVING sum(m.quantity_change) <> 0
                  ORDER BY s.product_id, l.warehouse_id LOOP  -- one lock order for every posting
            PERFORM wms_check_stock_level(r.product_id, r.warehouse_id, r.moment);
        END LOOP;
        RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER stock_movements_check_levels AFTER INSERT ON stock_movements REFERENCING NEW TABLE AS moved"
    " FOR EACH STATEMENT EXECUTE FUNCTION wms_stock_levels_changed()",
]

SQLITE_UUID = ("lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)"
               " || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2)"
               " || '-' || hex(randomblob(6)))")
SQLITE_PAYLOAD = """json_object('alert_id', a.alert_id, 'alert_type', a.alert_type,
    'product_code', (SELECT product_code FROM products WHERE product_id = a.product_id),
    'sku_code', NULL, 'batch_number', NULL, 'expiry_date', NULL, 'quantity', {quantity},
    'threshold', a.threshold, 'occurred_at', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.operated_at))"""
# the product and warehouse of the ledger row
OF_ROW = ("c.product_id = (SELECT product_id FROM skus WHERE sku_id = NEW.sku_id)"
          " AND c.warehouse_id = (SELECT warehouse_id FROM locations WHERE location_id = NEW.location_id)")
SQLITE = [
    CHECKS,
    f"""
    CREATE TRIGGER stock_movements_check_levels AFTER INSERT ON stock_movements FOR EACH ROW BEGIN
        INSERT OR IGNORE INTO stock_levels (product_id, warehouse_id)
        SELECT p.product_id, l.warehouse_id FROM skus s JOIN products p ON p.product_id = s.product_id, locations l
         WHERE s.sku_id = NEW.sku_id AND l.location_id = NEW.location_id
           AND (p.low_stock_threshold >= 0 OR p.high_stock_threshold >= 0);
        INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, payload, created_at)
        SELECT {SQLITE_UUID}, 'alert.cleared', a.warehouse_id, 'product:' || a.product_id,
               {SQLITE_PAYLOAD.format(quantity="c.total_quantity")}, NEW.operated_at
          FROM stock_level_checks c JOIN alerts a ON a.product_id = c.product_id AND a.warehouse_id = c.warehouse_id
         WHERE {OF_ROW} AND c.level <> c.recorded_level
           AND a.cleared_at IS NULL AND a.alert_type IN ('low_stock', 'high_stock');
        UPDATE alerts SET cleared_at = NEW.operated_at
         WHERE cleared_at IS NULL AND alert_type IN ('low_stock', 'high_stock') AND EXISTS (
               SELECT 1 FROM stock_level_checks c WHERE {OF_ROW} AND c.level <> c.recorded_level
                  AND c.product_id = alerts.product_id AND c.warehouse_id = alerts.warehouse_id);
        INSERT INTO alerts (warehouse_id, alert_type, product_id, quantity, threshold, raised_at)
        SELECT c.warehouse_id, c.level || '_stock', c.product_id, c.total_quantity,
               CASE c.level WHEN 'low' THEN c.low_threshold ELSE c.high_threshold END, NEW.operated_at
          FROM stock_level_checks c WHERE {OF_ROW} AND c.level <> c.recorded_level AND c.level <> 'normal';
        INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, payload, created_at)
        SELECT {SQLITE_UUID}, 'alert.' || a.alert_type, a.warehouse_id, 'product:' || a.product_id,
               {SQLITE_PAYLOAD.format(quantity="a.quantity")}, NEW.operated_at
          FROM stock_level_checks c JOIN alerts a ON a.product_id = c.product_id AND a.warehouse_id = c.warehouse_id
         WHERE {OF_ROW} AND c.level <> c.recorded_level
           AND a.cleared_at IS NULL AND a.alert_type = c.level || '_stock';
        UPDATE stock_levels SET level = (
               SELECT c.level FROM stock_level_checks c
                WHERE c.product_id = stock_levels.product_id AND c.warehouse_id = stock_levels.warehouse_id)
         WHERE product_id = (SELECT product_id FROM skus WHERE sku_id = NEW.sku_id)
           AND warehouse_id = (SELECT warehouse_id FROM locations WHERE location_id = NEW.location_id);
    END
    """,
]
AUDIT_GUARDS = {
    "postgresql": [
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
        " FOR EACH ROW EXECUTE FUNCTION wms_refuse('audit_log is append-only')",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log"
        " FOR EACH STATEMENT EXECUTE FUNCTION wms_refuse('audit_log is append-only')",
    ],
    "sqlite": [
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
        " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
        " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END",
    ],
}
DROPS = {
    "postgresql": ["DROP TRIGGER stock_movements_check_levels ON stock_movements",
                   "DROP FUNCTION wms_stock_levels_changed()",
                   "DROP FUNCTION wms_check_stock_level(int8, int8, timestamptz)",
                   "DROP VIEW stock_level_checks"],
    "sqlite": ["DROP TRIGGER stock_movements_check_levels", "DROP VIEW stock_level_checks"],
}


def upgrade() -> None:
    op.add_column('warehouses', sa.Column('expiry_alert_days', sa.Integer(), nullable=False, server_default='30'))
    op.create_table(
        'stock_levels',
        sa.Column('product_id', Id, sa.ForeignKey('products.product_id', name=op.f('fk_stock_levels_product_id')),
                  nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id',
                                                    name=op.f('fk_stock_levels_warehouse_id')), nullable=False),
        sa.Column('level', sa.String(8), nullable=False, server_default='normal'),
        sa.PrimaryKeyConstraint('product_id', 'warehouse_id', name=op.f('pk_stock_levels')),
        sa.CheckConstraint("level IN ('low', 'normal', 'high')", name=op.f('ck_stock_levels_level')),
    )
    op.create_table(
        'alerts',
        sa.Column('alert_id', Id, primary_key=True),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id', name=op.f('fk_alerts_warehouse_id')),
                  nullable=False),
        sa.Column('alert_type', sa.String(16), nullable=False),
        sa.Column('product_id', Id, sa.ForeignKey('products.product_id', name=op.f('fk_alerts_product_id')),
                  nullable=False),
        sa.Column('sku_id', Id, sa.ForeignKey('skus.sku_id', name=op.f('fk_alerts_sku_id'))),
        sa.Column('batch_number', sa.String(64)),
        sa.Column('expiry_date', sa.Date()),
        sa.Column('quantity', sa.BigInteger(), nullable=False),
        sa.Column('threshold', sa.BigInteger()),
        sa.Column('raised_at', Stamp, nullable=False),
        sa.Column('cleared_at', Stamp),
        sa.Column('acknowledged_at', Stamp),
        sa.Column('acknowledged_by', sa.String(64)),
        sa.PrimaryKeyConstraint('alert_id', name=op.f('pk_alerts')),
        sa.CheckConstraint("alert_type IN ('low_stock', 'high_stock', 'expiring')", name=op.f('ck_alerts_alert_type')),
        sa.CheckConstraint("(alert_type = 'expiring') = (sku_id IS NOT NULL AND batch_number IS NOT NULL)",
                           name=op.f('ck_alerts_lot')),
    )
    level = sa.text("cleared_at IS NULL AND alert_type <> 'expiring'")
    lot = sa.text("cleared_at IS NULL AND alert_type = 'expiring'")
    op.create_index('uq_alerts_active_level', 'alerts', ['warehouse_id', 'product_id', 'alert_type'], unique=True,
                    postgresql_where=level, sqlite_where=level)
    op.create_index('uq_alerts_active_lot', 'alerts', ['warehouse_id', 'sku_id', 'batch_number'], unique=True,
                    postgresql_where=lot, sqlite_where=lot)
    op.create_index('ix_alerts_raised', 'alerts', ['warehouse_id', 'raised_at', 'alert_id'])
    op.create_table(
        'audit_log',
        sa.Column('audit_id', Id, autoincrement=False, nullable=False),
        sa.Column('recorded_at', Stamp, nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id',
                                                    name=op.f('fk_audit_log_warehouse_id'))),
        sa.Column('subject', sa.String(80), nullable=False),
        sa.Column('entity_type', sa.String(16), nullable=False),
        sa.Column('entity_code', sa.String(SKU_CODE_MAX)),
        sa.Column('action', sa.String(32), nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('workstation', sa.String(200), nullable=False),
        sa.Column('before', sa.Text()),
        sa.Column('after', sa.Text()),
        sa.Column('previous_hash', sa.String(64), nullable=False),
        sa.Column('row_hash', sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint('audit_id', name=op.f('pk_audit_log')),
    )
    op.create_index('ix_audit_log_subject', 'audit_log', ['subject', 'audit_id'])
    op.create_table(
        'audit_head',
        sa.Column('chain', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('last_audit_id', sa.BigInteger(), nullable=False),
        sa.Column('last_hash', sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint('chain', name=op.f('pk_audit_head')),
    )
    bind = op.get_bind()
    for statement in AUDIT_GUARDS[bind.dialect.name]:
        op.execute(statement)
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
        for statement in PG:
            op.execute(statement.replace("{schema}", schema))
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade() -> None:
    for statement in DROPS[op.get_bind().dialect.name]:
        op.execute(statement)
    op.drop_table('audit_head')
    op.drop_table('audit_log')  # its triggers with it
    op.drop_table('alerts')
    op.drop_table('stock_levels')
    op.drop_column('warehouses', 'expiry_alert_days')  # SQLite 3.35+ drops a plain column in place
