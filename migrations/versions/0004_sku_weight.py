"""unit weight per SKU

Revision ID: 0004
Revises: 0003

skus.weight_grams: optional integer grams (NULL = unknown), positive when known; the
receiving/packing dialogs compare it with the scale's reading. SQLite can add a column with
its CHECK in one ALTER TABLE but cannot add a named constraint afterwards, hence two paths.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE skus ADD COLUMN weight_grams INTEGER '
                   'CONSTRAINT ck_skus_weight_grams CHECK (weight_grams > 0)')
        return
    op.add_column('skus', sa.Column('weight_grams', sa.Integer(), nullable=True))
    op.create_check_constraint(op.f('ck_skus_weight_grams'), 'skus', 'weight_grams > 0')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('ck_skus_weight_grams'), 'skus', type_='check')
    op.drop_column('skus', 'weight_grams')  # SQLite 3.35+ drops a column with a column-level CHECK
