"""stock event outbox

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_events',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('movement_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['movement_id'], ['stock_movements.movement_id'], name=op.f('fk_stock_events_movement_id')),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_stock_events')),
    sa.UniqueConstraint('movement_id', name=op.f('uq_stock_events_movement_id'))
    )
    op.create_index('ix_stock_events_unpublished', 'stock_events', ['movement_id'], unique=False, postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_stock_events_unpublished', table_name='stock_events', postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))
    op.drop_table('stock_events')
