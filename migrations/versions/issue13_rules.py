"""receiving rules: whether only a supervisor accepts an over-receipt

Revision ID: issue13_rules
Revises: issue15

receiving_rules.over_receipt_needs_supervisor: where true, a clerk's acceptance of an
over-receipt beyond the tolerance is refused (wms_desktop/services/receiving.py).
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue13_rules'
down_revision = 'issue15'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('receiving_rules') as table:
        table.add_column(sa.Column('over_receipt_needs_supervisor', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('receiving_rules') as table:
        table.drop_column('over_receipt_needs_supervisor')
