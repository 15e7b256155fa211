"""documents, one outbox for every event, lots with expiry

Revision ID: issue13
Revises: issue12

documents: the part every document type shares (number unique per warehouse, type, state,
version); a type adds its own tables keyed by document_id (docs/documents.md).

outbox_events replaces stock_events: one table for stock, document and alert events, numbered
by the relay in publication order as before. Existing events keep their ids, numbers and
publication stamps, in movement order. On PostgreSQL the posting function (wms_post_lines,
migration issue12) writes its stock events there, with their type, warehouse and balance key;
db/privileges.py lets the workstation role write document events (never stock events) there.

lots: a batch's expiry, once per SKU and batch.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue13'
down_revision = 'issue12'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')

# wms_post_lines (migration issue12): where its stock events go, before and after
OLD_EVENTS = ("RETURNING movement_id)\n",
              "INSERT INTO stock_events (event_id, movement_id) SELECT gen_random_uuid()::text, movement_id FROM written;")
NEW_EVENTS = ("RETURNING movement_id, sku_id, location_id, batch_number, operation)\n",
              "INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, movement_id)"
              " SELECT gen_random_uuid()::text, 'stock.' || w.operation, p_warehouse_id,"
              " 'balance:' || w.sku_id || ':' || w.location_id || ':' || w.batch_number, w.movement_id"
              " FROM written w;")


def _rewrite_posting(old: tuple[str, str], new: tuple[str, str]) -> None:
    """Replace the outbox statements of wms_post_lines in its definition as the server holds it."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    definition = bind.exec_driver_sql(
        "SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.proname = 'wms_post_lines'"
        " AND p.pronamespace = current_schema()::regnamespace").scalar_one()
    for before, after in zip(old, new):
        if definition.count(before) != 1:
            raise RuntimeError(f"wms_post_lines does not read as expected: {before!r}")
        definition = definition.replace(before, after)
    op.execute(definition)  # as migration issue12 created it


def upgrade() -> None:
    op.create_table(
        'documents',
        sa.Column('document_id', Id, primary_key=True),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id', name=op.f('fk_documents_warehouse_id')),
                  nullable=False),
        sa.Column('document_type', sa.String(16), nullable=False),
        sa.Column('document_number', sa.String(64), nullable=False),
        sa.Column('state', sa.String(16), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('is_urgent', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('notes', sa.Text()),
        sa.Column('created_by', sa.String(64), nullable=False),
        sa.Column('created_at', Stamp, nullable=False, server_default=NOW),
        sa.Column('updated_by', sa.String(64), nullable=False),
        sa.Column('updated_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('document_id', name=op.f('pk_documents')),
        sa.UniqueConstraint('warehouse_id', 'document_number', name=op.f('uq_documents_warehouse_id_document_number')),
        sa.CheckConstraint('version >= 1', name=op.f('ck_documents_version_positive')),
    )
    op.create_index('ix_documents_type_updated', 'documents', ['warehouse_id', 'document_type', 'updated_at'])
    op.create_index('ix_documents_number_pattern', 'documents', ['warehouse_id', 'document_number'],
                    postgresql_ops={'document_number': 'varchar_pattern_ops'})

    op.create_table(
        'lots',
        sa.Column('sku_id', Id, sa.ForeignKey('skus.sku_id', name=op.f('fk_lots_sku_id')), nullable=False),
        sa.Column('batch_number', sa.String(64), nullable=False),
        sa.Column('expiry_date', sa.Date()),
        sa.Column('created_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('sku_id', 'batch_number', name=op.f('pk_lots')),
        sa.CheckConstraint("batch_number <> ''", name=op.f('ck_lots_batch_named')),
    )
    op.create_table(
        'outbox_events',
        sa.Column('outbox_id', Id, primary_key=True),
        sa.Column('event_id', sa.String(36), nullable=False),
        sa.Column('event_type', sa.String(40), nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id',
                                                    name=op.f('fk_outbox_events_warehouse_id')), nullable=False),
        sa.Column('ordering_key', sa.String(120), nullable=False),
        sa.Column('movement_id', Id, sa.ForeignKey('stock_movements.movement_id',
                                                   name=op.f('fk_outbox_events_movement_id'))),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_outbox_events_document_id'))),
        sa.Column('payload', sa.Text()),
        sa.Column('created_at', Stamp, nullable=False, server_default=NOW),
        sa.Column('published_at', Stamp),
        sa.Column('sequence', sa.BigInteger()),
        sa.PrimaryKeyConstraint('outbox_id', name=op.f('pk_outbox_events')),
        sa.UniqueConstraint('event_id', name=op.f('uq_outbox_events_event_id')),
        sa.UniqueConstraint('movement_id', name=op.f('uq_outbox_events_movement_id')),
        sa.CheckConstraint("(movement_id IS NOT NULL) = (event_type LIKE 'stock.%')",
                           name=op.f('ck_outbox_events_stock_events_have_movement')),
        sa.CheckConstraint('movement_id IS NOT NULL OR payload IS NOT NULL',
                           name=op.f('ck_outbox_events_payload_or_movement')),
    )
    op.execute("""
        INSERT INTO outbox_events (event_id, event_type, warehouse_id, ordering_key, movement_id, published_at, sequence)
        SELECT e.event_id, 'stock.' || m.operation, l.warehouse_id,
               'balance:' || m.sku_id || ':' || m.location_id || ':' || m.batch_number,
               e.movement_id, e.published_at, e.sequence
        FROM stock_events e JOIN stock_movements m ON m.movement_id = e.movement_id
        JOIN locations l ON l.location_id = m.location_id
        ORDER BY e.movement_id""")
    op.create_index('ix_outbox_events_unpublished', 'outbox_events', ['outbox_id'],
                    postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))
    op.create_index('uq_outbox_events_sequence', 'outbox_events', ['sequence'], unique=True)
    _rewrite_posting(OLD_EVENTS, NEW_EVENTS)
    op.drop_index('uq_stock_events_sequence', table_name='stock_events')
    op.drop_index('ix_stock_events_unpublished', table_name='stock_events')
    op.drop_table('stock_events')


def downgrade() -> None:
    op.create_table(
        'stock_events',
        sa.Column('event_id', sa.String(36), nullable=False),
        sa.Column('movement_id', Id, nullable=False),
        sa.Column('published_at', Stamp),
        sa.Column('sequence', sa.BigInteger()),
        sa.ForeignKeyConstraint(['movement_id'], ['stock_movements.movement_id'], name=op.f('fk_stock_events_movement_id')),
        sa.PrimaryKeyConstraint('event_id', name=op.f('pk_stock_events')),
        sa.UniqueConstraint('movement_id', name=op.f('uq_stock_events_movement_id')),
    )
    op.execute("""
        INSERT INTO stock_events (event_id, movement_id, published_at, sequence)
        SELECT event_id, movement_id, published_at, sequence FROM outbox_events WHERE movement_id IS NOT NULL""")
    op.create_index('ix_stock_events_unpublished', 'stock_events', ['movement_id'],
                    postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))
    op.create_index('uq_stock_events_sequence', 'stock_events', ['sequence'], unique=True)
    _rewrite_posting(NEW_EVENTS, OLD_EVENTS)
    op.drop_table('outbox_events')  # document and alert events have nowhere to go
    op.drop_table('lots')
    op.drop_table('documents')
