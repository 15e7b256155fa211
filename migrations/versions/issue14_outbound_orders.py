"""outbound orders: lines, reservations (allocations), picks, cartons; a warehouse's short-stock policy

Revision ID: issue14
Revises: issue13_receiving

orders, order_lines, order_allocations, order_picks, order_cartons, carton_contents
(domain/orders.py, services/orders.py). warehouses.short_stock_policy: what a release does with
a line it cannot fill (refuse, or reserve what there is and backorder the rest).

Functions, PostgreSQL only (SQLite runs the same steps in services/reservations.py):
wms_lock_balances locks balances in the posting's sorted key order (sku, location, batch in
code-point order) and answers their quantities; wms_reserve changes the reserved quantity of
an order line's allocations and the balances' locked_quantity together, in the same order,
guarded: a reservation only from available stock (stock − locked, INSUFFICIENT_STOCK_TO_RESERVE
15003), a release only of what the allocation holds (INSUFFICIENT_RESERVED_STOCK 15004). The
workstation role cannot write allocations or balances, so on every balance the allocations add
up to locked_quantity. The posting functions are unchanged: every decrease there is already
guarded by stock − locked and a count may not go below locked.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue14'
down_revision = 'issue13_receiving'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')

FUNCTIONS = [
    """
    CREATE FUNCTION wms_lock_balances(p_balance_ids int8[])
    RETURNS TABLE (balance_id int8, stock_quantity int8, locked_quantity int8)
    LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        SELECT b.balance_id, b.stock_quantity, b.locked_quantity FROM stock_balances b
         WHERE b.balance_id = ANY(p_balance_ids)
         ORDER BY b.sku_id, b.location_id, b.batch_number COLLATE "C"
           FOR NO KEY UPDATE
    $$
    """,
    # p_changes: signed changes of the reserved quantity per (line, balance); p_picked: how much
    # of a release is picked (the pick consumes the reservation) rather than given back
    """
    CREATE FUNCTION wms_reserve(p_document_id int8, p_line_ids int8[], p_balance_ids int8[], p_changes int8[],
                                p_picked int8[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    DECLARE
        r record;
        v_done int8;
        v_count int := 0;
    BEGIN
        FOR r IN
            SELECT t.line_id, t.balance_id, t.change, coalesce(t.picked, 0) AS picked, b.sku_id,
                   s.sku_code, l.location_code, b.batch_number
              FROM unnest(p_line_ids, p_balance_ids, p_changes, p_picked) AS t(line_id, balance_id, change, picked)
              JOIN stock_balances b ON b.balance_id = t.balance_id
              JOIN skus s ON s.sku_id = b.sku_id
              JOIN locations l ON l.location_id = b.location_id
              JOIN order_lines ol ON ol.line_id = t.line_id AND ol.document_id = p_document_id
                                 AND ol.sku_id = b.sku_id
              JOIN documents d ON d.document_id = p_document_id AND d.warehouse_id = l.warehouse_id
             ORDER BY b.sku_id, b.location_id, b.batch_number COLLATE "C", t.line_id
        LOOP
            v_count := v_count + 1;
            IF r.change > 0 THEN
                UPDATE stock_balances b SET locked_quantity = b.locked_quantity + r.change
                 WHERE b.balance_id = r.balance_id AND b.stock_quantity - b.locked_quantity >= r.change
                RETURNING b.locked_quantity INTO v_done;
                IF NOT FOUND THEN
                    PERFORM wms_raise('INSUFFICIENT_STOCK_TO_RESERVE', jsonb_build_object(
                        'sku_code', r.sku_code, 'location_code', r.location_code,
                        'batch_number', nullif(r.batch_number, ''), 'requested_quantity', r.change,
                        'available_quantity', (SELECT b.stock_quantity - b.locked_quantity FROM stock_balances b
                                                WHERE b.balance_id = r.balance_id)));
                END IF;
                INSERT INTO order_allocations AS a (document_id, line_id, balance_id, reserved_quantity)
                VALUES (p_document_id, r.line_id, r.balance_id, r.change)
                ON CONFLICT (line_id, balance_id) DO UPDATE SET reserved_quantity = a.reserved_quantity + r.change;
            ELSIF r.change < 0 THEN
                UPDATE order_allocations a SET reserved_quantity = a.reserved_quantity + r.change,
                                               picked_quantity = a.picked_quantity + r.picked
                 WHERE a.line_id = r.line_id AND a.balance_id = r.balance_id AND a.reserved_quantity >= -r.change
                RETURNING a.reserved_quantity INTO v_done;
                IF NOT FOUND THEN
                    PERFORM wms_raise('INSUFFICIENT_RESERVED_STOCK', jsonb_build_object(
                        'sku_code', r.sku_code, 'location_code', r.location_code,
                        'batch_number', nullif(r.batch_number, ''), 'requested_quantity', -r.change,
                        'reserved_quantity', coalesce((SELECT a.reserved_quantity FROM order_allocations a
                                                        WHERE a.line_id = r.line_id AND a.balance_id = r.balance_id), 0)));
                END IF;
                UPDATE stock_balances b SET locked_quantity = b.locked_quantity + r.change
                 WHERE b.balance_id = r.balance_id;
            END IF;
        END LOOP;
        IF v_count <> cardinality(p_line_ids) THEN  -- a line or balance not of this document (or its warehouse)
            PERFORM wms_raise('INVALID_PARAMETERS', jsonb_build_object('field', 'allocations',
                'reason', 'do not belong to the document'), 'allocations: do not belong to the document');
        END IF;
    END $$
    """,
]
DROPS = ["wms_reserve(int8, int8[], int8[], int8[], int8[])", "wms_lock_balances(int8[])"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # not a batch (copy, drop, rename): dropping warehouses fails its children's foreign keys
        op.execute("ALTER TABLE warehouses ADD COLUMN short_stock_policy VARCHAR(16) DEFAULT 'refuse' NOT NULL"
                   " CONSTRAINT ck_warehouses_short_stock_policy CHECK (short_stock_policy IN ('refuse', 'backorder'))")
    else:
        op.add_column('warehouses', sa.Column('short_stock_policy', sa.String(16), nullable=False, server_default='refuse'))
        op.create_check_constraint(op.f('ck_warehouses_short_stock_policy'), 'warehouses',
                                   "short_stock_policy IN ('refuse', 'backorder')")
    op.create_table(
        'orders',
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_orders_document_id')),
                  nullable=False),
        sa.Column('customer_name', sa.String(200), nullable=False),
        sa.Column('recipient_name', sa.String(200)),
        sa.Column('address', sa.Text()),
        sa.Column('carrier', sa.String(64)),
        sa.Column('expected_ship_date', sa.Date()),
        sa.PrimaryKeyConstraint('document_id', name=op.f('pk_orders')),
    )
    op.create_table(
        'order_lines',
        sa.Column('line_id', Id, nullable=False),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_order_lines_document_id')),
                  nullable=False),
        sa.Column('line_number', sa.Integer(), nullable=False),
        sa.Column('sku_id', Id, sa.ForeignKey('skus.sku_id', name=op.f('fk_order_lines_sku_id')), nullable=False),
        sa.Column('batch_number', sa.String(64), nullable=False, server_default=''),
        sa.Column('quantity', sa.BigInteger(), nullable=False),
        sa.Column('backorder_quantity', sa.BigInteger(), nullable=False, server_default='0'),
        sa.PrimaryKeyConstraint('line_id', name=op.f('pk_order_lines')),
        sa.UniqueConstraint('document_id', 'sku_id', 'batch_number',
                            name=op.f('uq_order_lines_document_id_sku_id_batch_number')),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_order_lines_quantity_positive')),
        sa.CheckConstraint('backorder_quantity >= 0 AND backorder_quantity <= quantity',
                           name=op.f('ck_order_lines_backorder_within')),
    )
    op.create_table(
        'order_allocations',
        sa.Column('allocation_id', Id, nullable=False),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id',
                                                   name=op.f('fk_order_allocations_document_id')), nullable=False),
        sa.Column('line_id', Id, sa.ForeignKey('order_lines.line_id', name=op.f('fk_order_allocations_line_id')),
                  nullable=False),
        sa.Column('balance_id', Id, sa.ForeignKey('stock_balances.balance_id',
                                                  name=op.f('fk_order_allocations_balance_id')), nullable=False),
        sa.Column('reserved_quantity', sa.BigInteger(), nullable=False, server_default='0'),
        sa.Column('picked_quantity', sa.BigInteger(), nullable=False, server_default='0'),
        sa.PrimaryKeyConstraint('allocation_id', name=op.f('pk_order_allocations')),
        sa.UniqueConstraint('line_id', 'balance_id', name=op.f('uq_order_allocations_line_id_balance_id')),
        sa.CheckConstraint('reserved_quantity >= 0 AND picked_quantity >= 0',
                           name=op.f('ck_order_allocations_quantities_not_negative')),
    )
    op.create_index('ix_order_allocations_balance_id', 'order_allocations', ['balance_id'])
    op.create_table(
        'order_picks',
        sa.Column('pick_id', Id, nullable=False),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_order_picks_document_id')),
                  nullable=False),
        sa.Column('allocation_id', Id, sa.ForeignKey('order_allocations.allocation_id',
                                                     name=op.f('fk_order_picks_allocation_id')), nullable=False),
        sa.Column('to_location_id', Id, sa.ForeignKey('locations.location_id',
                                                      name=op.f('fk_order_picks_to_location_id')), nullable=False),
        sa.Column('quantity', sa.BigInteger(), nullable=False),
        sa.Column('operator_id', sa.String(64), nullable=False),
        sa.Column('picked_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('pick_id', name=op.f('pk_order_picks')),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_order_picks_quantity_positive')),
    )
    op.create_index('ix_order_picks_document_id', 'order_picks', ['document_id'])
    op.create_table(
        'order_cartons',
        sa.Column('carton_id', Id, nullable=False),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id',
                                                   name=op.f('fk_order_cartons_document_id')), nullable=False),
        sa.Column('carton_number', sa.Integer(), nullable=False),
        sa.Column('weight_grams', sa.BigInteger()),
        sa.Column('expected_weight_grams', sa.BigInteger()),
        sa.Column('carrier', sa.String(64)),
        sa.Column('tracking_number', sa.String(64)),
        sa.Column('packed_by', sa.String(64), nullable=False),
        sa.Column('packed_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('carton_id', name=op.f('pk_order_cartons')),
        sa.UniqueConstraint('document_id', 'carton_number', name=op.f('uq_order_cartons_document_id_carton_number')),
    )
    op.create_table(
        'carton_contents',
        sa.Column('carton_id', Id, sa.ForeignKey('order_cartons.carton_id', name=op.f('fk_carton_contents_carton_id')),
                  nullable=False),
        sa.Column('pick_id', Id, sa.ForeignKey('order_picks.pick_id', name=op.f('fk_carton_contents_pick_id')),
                  nullable=False),
        sa.Column('quantity', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('carton_id', 'pick_id', name=op.f('pk_carton_contents')),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_carton_contents_quantity_positive')),
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    for function in FUNCTIONS:
        op.execute(function.replace("{schema}", schema))
    op.execute(f"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for signature in DROPS:
            op.execute(f"DROP FUNCTION {signature}")
    for table in ('carton_contents', 'order_cartons', 'order_picks', 'order_allocations', 'order_lines', 'orders'):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f('ck_warehouses_short_stock_policy'), 'warehouses', type_='check')
    op.drop_column('warehouses', 'short_stock_policy')
