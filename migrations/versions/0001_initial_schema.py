"""initial schema

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# The database itself refuses to rewrite history: ledger rows cannot be updated or deleted,
# and each warehouse's 无货位 location cannot be renamed, retyped or deleted.
GUARDS = {
    "postgresql": [
        """
        CREATE FUNCTION wms_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%: % refused', TG_ARGV[0], TG_OP USING ERRCODE = 'restrict_violation';
        END $$
        """,
        "CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements"
        " FOR EACH ROW EXECUTE FUNCTION wms_refuse('stock_movements is append-only')",
        "CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON stock_movements"
        " FOR EACH STATEMENT EXECUTE FUNCTION wms_refuse('stock_movements is append-only')",
        "CREATE TRIGGER locations_keep_unassigned BEFORE UPDATE OF location_code, location_type, warehouse_id"
        " OR DELETE ON locations FOR EACH ROW WHEN (OLD.location_type = 'unassigned')"
        " EXECUTE FUNCTION wms_refuse('the unassigned location 无货位 is permanent')",
    ],
    "sqlite": [
        "CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements"
        " BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only: UPDATE refused'); END",
        "CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements"
        " BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only: DELETE refused'); END",
        "CREATE TRIGGER locations_keep_unassigned_update BEFORE UPDATE OF location_code, location_type, warehouse_id"
        " ON locations WHEN OLD.location_type = 'unassigned'"
        " BEGIN SELECT RAISE(ABORT, 'the unassigned location 无货位 is permanent'); END",
        "CREATE TRIGGER locations_keep_unassigned_delete BEFORE DELETE ON locations"
        " WHEN OLD.location_type = 'unassigned'"
        " BEGIN SELECT RAISE(ABORT, 'the unassigned location 无货位 is permanent'); END",
    ],
}
UNGUARDS = {
    "postgresql": [
        "DROP TRIGGER locations_keep_unassigned ON locations",
        "DROP TRIGGER stock_movements_no_truncate ON stock_movements",
        "DROP TRIGGER stock_movements_append_only ON stock_movements",
        "DROP FUNCTION wms_refuse()",
    ],
    "sqlite": [
        "DROP TRIGGER locations_keep_unassigned_delete",
        "DROP TRIGGER locations_keep_unassigned_update",
        "DROP TRIGGER stock_movements_no_delete",
        "DROP TRIGGER stock_movements_no_update",
    ],
}


def upgrade() -> None:
    op.create_table('operation_requests',
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.Column('operation', sa.String(length=32), nullable=False),
    sa.Column('payload_hash', sa.String(length=64), nullable=False),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.PrimaryKeyConstraint('request_id', name=op.f('pk_operation_requests'))
    )
    op.create_table('products',
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_code', sa.String(length=64), nullable=False),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=16), server_default='件', nullable=False),
    sa.Column('category_id', sa.String(length=64), nullable=True),
    sa.Column('image_path', sa.String(length=200), nullable=True),
    sa.Column('has_sku', sa.Boolean(), nullable=False),
    sa.Column('low_stock_threshold', sa.BigInteger(), server_default='-1', nullable=False),
    sa.Column('high_stock_threshold', sa.BigInteger(), server_default='-1', nullable=False),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.CheckConstraint("image_path LIKE '/uploads/%%'", name=op.f('ck_products_image_path')),
    sa.CheckConstraint('low_stock_threshold = -1 OR high_stock_threshold = -1 OR high_stock_threshold > low_stock_threshold', name=op.f('ck_products_threshold_order')),
    sa.CheckConstraint('low_stock_threshold >= -1 AND high_stock_threshold >= -1', name=op.f('ck_products_thresholds')),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_products'))
    )
    op.create_index('ix_products_name', 'products', ['product_name'], unique=False)
    op.create_index('uq_products_live_code', 'products', ['product_code'], unique=True, postgresql_where=sa.text('NOT is_deleted'), sqlite_where=sa.text('NOT is_deleted'))
    op.create_table('warehouses',
    sa.Column('warehouse_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('warehouse_code', sa.String(length=64), nullable=False),
    sa.Column('warehouse_name', sa.String(length=200), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.PrimaryKeyConstraint('warehouse_id', name=op.f('pk_warehouses')),
    sa.UniqueConstraint('warehouse_code', name=op.f('uq_warehouses_warehouse_code'))
    )
    op.create_table('locations',
    sa.Column('location_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('warehouse_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('location_code', sa.String(length=64), nullable=False),
    sa.Column('location_name', sa.String(length=200), nullable=True),
    sa.Column('location_type', sa.String(length=16), server_default='storage', nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.CheckConstraint("(location_type = 'unassigned') = (location_code = '无货位')", name=op.f('ck_locations_unassigned_is_wuhuowei')),
    sa.CheckConstraint("location_type IN ('storage', 'receiving', 'shipping', 'damaged', 'returns', 'unassigned')", name=op.f('ck_locations_location_type')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.warehouse_id'], name=op.f('fk_locations_warehouse_id')),
    sa.PrimaryKeyConstraint('location_id', name=op.f('pk_locations')),
    sa.UniqueConstraint('warehouse_id', 'location_code', name=op.f('uq_locations_warehouse_id_location_code'))
    )
    op.create_table('skus',
    sa.Column('sku_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('sku_code', sa.String(length=130), nullable=False),
    sa.Column('sku_color', sa.String(length=32), nullable=True),
    sa.Column('sku_size', sa.String(length=32), nullable=True),
    sa.Column('image_path', sa.String(length=200), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.CheckConstraint("image_path LIKE '/uploads/%%'", name=op.f('ck_skus_image_path')),
    sa.ForeignKeyConstraint(['product_id'], ['products.product_id'], name=op.f('fk_skus_product_id')),
    sa.PrimaryKeyConstraint('sku_id', name=op.f('pk_skus'))
    )
    op.create_index(op.f('ix_skus_product_id'), 'skus', ['product_id'], unique=False)
    op.create_index('uq_skus_live_code', 'skus', ['sku_code'], unique=True, postgresql_where=sa.text('NOT is_deleted'), sqlite_where=sa.text('NOT is_deleted'))
    op.create_table('external_codes',
    sa.Column('external_code_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('sku_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('external_code', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['sku_id'], ['skus.sku_id'], name=op.f('fk_external_codes_sku_id')),
    sa.PrimaryKeyConstraint('external_code_id', name=op.f('pk_external_codes')),
    sa.UniqueConstraint('external_code', name=op.f('uq_external_codes_external_code'))
    )
    op.create_index(op.f('ix_external_codes_sku_id'), 'external_codes', ['sku_id'], unique=False)
    op.create_table('stock_balances',
    sa.Column('balance_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('sku_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('location_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('batch_number', sa.String(length=64), server_default='', nullable=False),
    sa.Column('stock_quantity', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('locked_quantity', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.CheckConstraint('locked_quantity >= 0 AND locked_quantity <= stock_quantity', name=op.f('ck_stock_balances_locked_within_stock')),
    sa.CheckConstraint('stock_quantity >= 0', name=op.f('ck_stock_balances_stock_not_negative')),
    sa.ForeignKeyConstraint(['location_id'], ['locations.location_id'], name=op.f('fk_stock_balances_location_id')),
    sa.ForeignKeyConstraint(['sku_id'], ['skus.sku_id'], name=op.f('fk_stock_balances_sku_id')),
    sa.PrimaryKeyConstraint('balance_id', name=op.f('pk_stock_balances')),
    sa.UniqueConstraint('sku_id', 'location_id', 'batch_number', name=op.f('uq_stock_balances_sku_id_location_id_batch_number'))
    )
    op.create_index(op.f('ix_stock_balances_location_id'), 'stock_balances', ['location_id'], unique=False)
    op.create_table('stock_movements',
    sa.Column('movement_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('sku_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('location_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('batch_number', sa.String(length=64), server_default='', nullable=False),
    sa.Column('operation', sa.String(length=16), nullable=False),
    sa.Column('quantity_change', sa.BigInteger(), nullable=False),
    sa.Column('quantity_after', sa.BigInteger(), nullable=False),
    sa.Column('operator_id', sa.String(length=64), nullable=False),
    sa.Column('is_urgent', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('document_ref', sa.String(length=64), nullable=True),
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.Column('operated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("operation IN ('inbound', 'outbound', 'transfer_out', 'transfer_in', 'adjust', 'count')", name=op.f('ck_stock_movements_operation')),
    sa.CheckConstraint('quantity_after >= 0', name=op.f('ck_stock_movements_after_not_negative')),
    sa.CheckConstraint('quantity_change <> 0', name=op.f('ck_stock_movements_change_not_zero')),
    sa.ForeignKeyConstraint(['location_id'], ['locations.location_id'], name=op.f('fk_stock_movements_location_id')),
    sa.ForeignKeyConstraint(['sku_id'], ['skus.sku_id'], name=op.f('fk_stock_movements_sku_id')),
    sa.PrimaryKeyConstraint('movement_id', name=op.f('pk_stock_movements'))
    )
    op.create_index('ix_stock_movements_balance_key', 'stock_movements', ['sku_id', 'location_id', 'batch_number'], unique=False)
    op.create_index('ix_stock_movements_location', 'stock_movements', ['location_id', 'movement_id'], unique=False)
    op.create_index('ix_stock_movements_operated', 'stock_movements', ['operated_at', 'movement_id'], unique=False)
    for statement in GUARDS[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    for statement in UNGUARDS[op.get_bind().dialect.name]:
        op.execute(statement)
    op.drop_index('ix_stock_movements_operated', table_name='stock_movements')
    op.drop_index('ix_stock_movements_location', table_name='stock_movements')
    op.drop_index('ix_stock_movements_balance_key', table_name='stock_movements')
    op.drop_table('stock_movements')
    op.drop_index(op.f('ix_stock_balances_location_id'), table_name='stock_balances')
    op.drop_table('stock_balances')
    op.drop_index(op.f('ix_external_codes_sku_id'), table_name='external_codes')
    op.drop_table('external_codes')
    op.drop_index('uq_skus_live_code', table_name='skus', postgresql_where=sa.text('NOT is_deleted'), sqlite_where=sa.text('NOT is_deleted'))
    op.drop_index(op.f('ix_skus_product_id'), table_name='skus')
    op.drop_table('skus')
    op.drop_table('locations')
    op.drop_table('warehouses')
    op.drop_index('uq_products_live_code', table_name='products', postgresql_where=sa.text('NOT is_deleted'), sqlite_where=sa.text('NOT is_deleted'))
    op.drop_index('ix_products_name', table_name='products')
    op.drop_table('products')
    op.drop_table('operation_requests')
