"""the tote a wave picks an order into

Revision ID: issue14_wave_totes
Revises: issue14b

orders.tote_code: bound by the order's first pick in a wave (services/fulfilment.py), so a
packer can scan the tote to find the order; indexed for that lookup (services/codes.py). A
plain added column (other tables reference orders: no batch copy on SQLite). No posting
function changes.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue14_wave_totes'
down_revision = 'issue14b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('orders', sa.Column('tote_code', sa.String(64), nullable=True))
    op.create_index('ix_orders_tote_code', 'orders', ['tote_code'])


def downgrade() -> None:
    op.drop_index('ix_orders_tote_code', table_name='orders')
    op.drop_column('orders', 'tote_code')
