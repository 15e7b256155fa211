"""receiving against ASNs: header, lines, receipts, per-warehouse tolerance

Revision ID: issue13_receiving
Revises: issue16

asns: an ASN's own header fields (supplier, expected arrival, purchase order, blind mode, a
blind receipt without a notice), keyed by its document. asn_lines: what it expects, one per
SKU and batch. asn_receipts: what arrived, one row per scan and condition, posted in the same
transaction (wms_desktop/services/receiving.py). receiving_rules: the over-receipt tolerance of
each warehouse.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue13_receiving'
down_revision = 'issue16_keys_webhooks'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')


def _fk(table: str, column: str, target: str) -> sa.ForeignKey:
    return sa.ForeignKey(target, name=op.f(f'fk_{table}_{column}'))


def upgrade() -> None:
    op.create_table(
        'asns',
        sa.Column('document_id', Id, _fk('asns', 'document_id', 'documents.document_id'), nullable=False),
        sa.Column('supplier_code', sa.String(64)),
        sa.Column('supplier_name', sa.String(200)),
        sa.Column('expected_arrival', sa.Date()),
        sa.Column('purchase_order', sa.String(64)),
        sa.Column('is_blind', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('without_asn', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint('document_id', name=op.f('pk_asns')),
    )
    op.create_index('ix_asns_supplier_code', 'asns', ['supplier_code'],
                    postgresql_ops={'supplier_code': 'varchar_pattern_ops'})
    op.create_table(
        'asn_lines',
        sa.Column('line_id', Id, nullable=False),
        sa.Column('document_id', Id, _fk('asn_lines', 'document_id', 'documents.document_id'), nullable=False),
        sa.Column('line_number', sa.Integer(), nullable=False),
        sa.Column('sku_id', Id, _fk('asn_lines', 'sku_id', 'skus.sku_id'), nullable=False),
        sa.Column('batch_number', sa.String(64), nullable=False, server_default=''),
        sa.Column('expiry_date', sa.Date()),
        sa.Column('expected_quantity', sa.BigInteger(), nullable=False),
        sa.Column('short_reason', sa.String(32)),
        sa.PrimaryKeyConstraint('line_id', name=op.f('pk_asn_lines')),
        sa.UniqueConstraint('document_id', 'sku_id', 'batch_number',
                            name=op.f('uq_asn_lines_document_id_sku_id_batch_number')),
        sa.UniqueConstraint('document_id', 'line_number', name=op.f('uq_asn_lines_document_id_line_number')),
        sa.CheckConstraint('expected_quantity > 0', name=op.f('ck_asn_lines_expected_positive')),
    )
    op.create_index('ix_asn_lines_sku_id', 'asn_lines', ['sku_id'])
    op.create_table(
        'asn_receipts',
        sa.Column('receipt_id', Id, nullable=False),
        sa.Column('document_id', Id, _fk('asn_receipts', 'document_id', 'documents.document_id'), nullable=False),
        sa.Column('line_id', Id, _fk('asn_receipts', 'line_id', 'asn_lines.line_id')),
        sa.Column('sku_id', Id, _fk('asn_receipts', 'sku_id', 'skus.sku_id'), nullable=False),
        sa.Column('batch_number', sa.String(64), nullable=False, server_default=''),
        sa.Column('quantity', sa.BigInteger(), nullable=False),
        sa.Column('is_damaged', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('location_id', Id, _fk('asn_receipts', 'location_id', 'locations.location_id'), nullable=False),
        sa.Column('exception', sa.String(16)),
        sa.Column('reason_code', sa.String(32)),
        sa.Column('operator_id', sa.String(64), nullable=False),
        sa.Column('request_id', sa.String(64), nullable=False),
        sa.Column('received_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('receipt_id', name=op.f('pk_asn_receipts')),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_asn_receipts_quantity_positive')),
        sa.CheckConstraint("exception IS NULL OR exception IN ('over_receipt', 'not_on_asn')",
                           name=op.f('ck_asn_receipts_exception')),
    )
    op.create_index('ix_asn_receipts_document_id', 'asn_receipts', ['document_id'])
    op.create_table(
        'receiving_rules',
        sa.Column('warehouse_id', Id, _fk('receiving_rules', 'warehouse_id', 'warehouses.warehouse_id'),
                  nullable=False),
        sa.Column('over_receipt_tolerance_percent', sa.Integer(), nullable=False, server_default='0'),
        sa.PrimaryKeyConstraint('warehouse_id', name=op.f('pk_receiving_rules')),
        sa.CheckConstraint('over_receipt_tolerance_percent BETWEEN 0 AND 1000',
                           name=op.f('ck_receiving_rules_tolerance_range')),
    )


def downgrade() -> None:
    op.drop_table('receiving_rules')
    op.drop_table('asn_receipts')
    op.drop_table('asn_lines')
    op.drop_index('ix_asns_supplier_code', table_name='asns')
    op.drop_table('asns')
