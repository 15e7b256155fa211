"""users; indexes for history pages and the browser

Revision ID: 0003
Revises: 0002

The users table (services/auth.py). Ledger indexes ending in (operated_at, movement_id) so a
history page with a SKU, location or operator filter reads a few index entries at any ledger
size (services/history.py). Pattern-ops indexes for prefix search on codes under any
collation (services/browse.py).
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('users',
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_name', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.CheckConstraint("role IN ('admin', 'supervisor', 'clerk')", name=op.f('ck_users_role')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_users')),
    sa.UniqueConstraint('user_name', name=op.f('uq_users_user_name'))
    )
    op.create_index('ix_locations_code_pattern', 'locations', ['warehouse_id', 'location_code'], unique=False, postgresql_ops={'location_code': 'varchar_pattern_ops'})
    op.create_index('ix_products_code_pattern', 'products', ['product_code'], unique=False, postgresql_ops={'product_code': 'varchar_pattern_ops'})
    op.create_index('ix_skus_code_pattern', 'skus', ['sku_code'], unique=False, postgresql_ops={'sku_code': 'varchar_pattern_ops'})
    op.create_index('ix_stock_movements_location_operated', 'stock_movements', ['location_id', 'operated_at', 'movement_id'], unique=False)
    op.create_index('ix_stock_movements_operator_operated', 'stock_movements', ['operator_id', 'operated_at', 'movement_id'], unique=False)
    op.create_index('ix_stock_movements_sku_operated', 'stock_movements', ['sku_id', 'operated_at', 'movement_id'], unique=False)
    op.drop_index('ix_stock_movements_location', table_name='stock_movements')  # location_operated serves it


def downgrade() -> None:
    op.create_index('ix_stock_movements_location', 'stock_movements', ['location_id', 'movement_id'], unique=False)
    op.drop_index('ix_stock_movements_sku_operated', table_name='stock_movements')
    op.drop_index('ix_stock_movements_operator_operated', table_name='stock_movements')
    op.drop_index('ix_stock_movements_location_operated', table_name='stock_movements')
    op.drop_index('ix_skus_code_pattern', table_name='skus', postgresql_ops={'sku_code': 'varchar_pattern_ops'})
    op.drop_index('ix_products_code_pattern', table_name='products', postgresql_ops={'product_code': 'varchar_pattern_ops'})
    op.drop_index('ix_locations_code_pattern', table_name='locations', postgresql_ops={'location_code': 'varchar_pattern_ops'})
    op.drop_table('users')
