"""request_ids per warehouse; stock events numbered in publication order

Revision ID: issue11
Revises: 0004

operation_requests is keyed on (warehouse_id, request_id): a request_id reused by another
warehouse is another request, never answered with this warehouse's result. Existing rows go to
the warehouse of the ledger rows they posted; a row that posted nothing (a catalogue call, a
count that agreed) cannot be placed, so it is kept for every warehouse — it answers exactly
as it did before the upgrade.

stock_events.sequence: the relay numbers events as it publishes them; the numbers are the
consumers' resume point (docs/mqtt.md). Events published before the upgrade stay unnumbered.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue11'
down_revision = '0004'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')

# the warehouse whose locations a request's ledger rows are at
LEDGER_WAREHOUSE = """
    SELECT min(l.warehouse_id) FROM stock_movements m JOIN locations l ON l.location_id = m.location_id
    WHERE m.request_id = operation_requests.request_id"""


def upgrade() -> None:
    op.add_column('operation_requests', sa.Column('warehouse_id', Id, nullable=True))
    op.execute(f"UPDATE operation_requests SET warehouse_id = ({LEDGER_WAREHOUSE})")
    # unplaceable rows: the first warehouse now, a copy for each other one once the key allows it
    op.execute("UPDATE operation_requests SET warehouse_id = (SELECT min(warehouse_id) FROM warehouses) "
               "WHERE warehouse_id IS NULL")
    op.execute("DELETE FROM operation_requests WHERE warehouse_id IS NULL")  # no warehouse at all
    with op.batch_alter_table('operation_requests') as batch:
        batch.alter_column('warehouse_id', existing_type=Id, nullable=False)
        batch.drop_constraint('pk_operation_requests', type_='primary')
        batch.create_primary_key('pk_operation_requests', ['warehouse_id', 'request_id'])
        batch.create_foreign_key(op.f('fk_operation_requests_warehouse_id'), 'warehouses',
                                 ['warehouse_id'], ['warehouse_id'])
    op.execute("""
        INSERT INTO operation_requests (warehouse_id, request_id, operation, payload_hash, result, created_at)
        SELECT w.warehouse_id, r.request_id, r.operation, r.payload_hash, r.result, r.created_at
        FROM operation_requests r CROSS JOIN warehouses w
        WHERE w.warehouse_id <> r.warehouse_id AND NOT EXISTS (
            SELECT 1 FROM stock_movements m WHERE m.request_id = r.request_id)""")

    op.add_column('stock_events', sa.Column('sequence', sa.BigInteger(), nullable=True))
    op.create_index('uq_stock_events_sequence', 'stock_events', ['sequence'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_stock_events_sequence', table_name='stock_events')
    with op.batch_alter_table('stock_events') as batch:
        batch.drop_column('sequence')
    # one row per request_id again: the first warehouse's
    op.execute("""
        DELETE FROM operation_requests WHERE warehouse_id > (
            SELECT min(o.warehouse_id) FROM operation_requests o WHERE o.request_id = operation_requests.request_id)""")
    with op.batch_alter_table('operation_requests') as batch:
        batch.drop_constraint(op.f('fk_operation_requests_warehouse_id'), type_='foreignkey')
        batch.drop_constraint('pk_operation_requests', type_='primary')
        batch.create_primary_key('pk_operation_requests', ['request_id'])
        batch.drop_column('warehouse_id')
