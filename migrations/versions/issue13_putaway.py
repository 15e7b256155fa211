"""putaway of received stock: one row per move out of the receiving location

Revision ID: issue13_putaway
Revises: issue13_receiving

asn_putaways: what was moved from a receiving location to its shelf, per ASN, SKU and batch
(posted as a transfer with the ASN's number in the same transaction;
wms_desktop/services/putaway.py). Open putaway tasks are the receipts less these.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue13_putaway'
down_revision = 'issue17'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')


def upgrade() -> None:
    op.create_table(
        'asn_putaways',
        sa.Column('putaway_id', Id, nullable=False),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_asn_putaways_document_id')),
                  nullable=False),
        sa.Column('sku_id', Id, sa.ForeignKey('skus.sku_id', name=op.f('fk_asn_putaways_sku_id')), nullable=False),
        sa.Column('batch_number', sa.String(64), nullable=False, server_default=''),
        sa.Column('from_location_id', Id, sa.ForeignKey('locations.location_id',
                                                        name=op.f('fk_asn_putaways_from_location_id')), nullable=False),
        sa.Column('to_location_id', Id, sa.ForeignKey('locations.location_id',
                                                      name=op.f('fk_asn_putaways_to_location_id')), nullable=False),
        sa.Column('quantity', sa.BigInteger(), nullable=False),
        sa.Column('operator_id', sa.String(64), nullable=False),
        sa.Column('request_id', sa.String(64), nullable=False),
        sa.Column('put_away_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('putaway_id', name=op.f('pk_asn_putaways')),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_asn_putaways_quantity_positive')),
    )
    op.create_index('ix_asn_putaways_document_id', 'asn_putaways', ['document_id'])


def downgrade() -> None:
    op.drop_table('asn_putaways')
