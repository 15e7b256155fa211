"""customer returns against shipped orders

Revision ID: issue14_returns
Revises: issue15

returns (a document of type ``return``, and the order it comes back from) and return_lines
(each item received back: disposition restock / damaged / scrap, where it went, the reason);
an index on the outbox's document events (a document's history).
Stock moves only through the posting path (an inbound with the return's number as
``document_ref``); no posting function changes.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue14_returns'
down_revision = 'issue13_rules'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')


def upgrade() -> None:
    op.create_table(
        'returns',
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_returns_document_id')),
                  nullable=False),
        sa.Column('order_document_id', Id, sa.ForeignKey('documents.document_id',
                                                         name=op.f('fk_returns_order_document_id')), nullable=False),
        sa.PrimaryKeyConstraint('document_id', name=op.f('pk_returns')),
    )
    op.create_index('ix_returns_order_document_id', 'returns', ['order_document_id'])
    op.create_table(
        'return_lines',
        sa.Column('line_id', Id, nullable=False),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_return_lines_document_id')),
                  nullable=False),
        sa.Column('sku_id', Id, sa.ForeignKey('skus.sku_id', name=op.f('fk_return_lines_sku_id')), nullable=False),
        sa.Column('batch_number', sa.String(64), nullable=False, server_default=''),
        sa.Column('quantity', sa.BigInteger(), nullable=False),
        sa.Column('disposition', sa.String(16), nullable=False),
        sa.Column('location_id', Id, sa.ForeignKey('locations.location_id', name=op.f('fk_return_lines_location_id'))),
        sa.Column('reason_code', sa.String(64), nullable=False),
        sa.Column('operator_id', sa.String(64), nullable=False),
        sa.Column('received_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('line_id', name=op.f('pk_return_lines')),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_return_lines_quantity_positive')),
        sa.CheckConstraint("disposition IN ('restock', 'damaged', 'scrap')", name=op.f('ck_return_lines_disposition')),
        sa.CheckConstraint("(location_id IS NULL) = (disposition = 'scrap')",
                           name=op.f('ck_return_lines_location_unless_scrapped')),
    )
    op.create_index('ix_return_lines_document_id', 'return_lines', ['document_id'])
    # a document's history (its events), read by the order detail; stock events have none
    op.create_index('ix_outbox_events_document_id', 'outbox_events', ['document_id', 'outbox_id'],
                    postgresql_where=sa.text('document_id IS NOT NULL'), sqlite_where=sa.text('document_id IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_outbox_events_document_id', table_name='outbox_events')
    op.drop_table('return_lines')
    op.drop_table('returns')
