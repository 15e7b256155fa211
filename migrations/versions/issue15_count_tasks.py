"""count tasks: settings, tasks, their locations and lines; posting an approved task

Revision ID: issue15
Revises: issue13_putaway

count_settings: a warehouse's tolerances and segregation rules. count_tasks: a count task's own
header (its documents row is of type 'count'). count_locations: each location of a task, its
round and counter. count_lines: one row per balance key counted in a round, with the snapshot,
the expected and the counted quantity and the supervisor's decision (services/counts.py).

PostgreSQL: wms_post_count(…) posts an approved task's approved variances as count movements
through wms_post_lines, in the caller's transaction, and marks the task posted, so it never
posts twice. The existing posting functions are unchanged.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue15'
down_revision = 'issue13_putaway'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')

POST_COUNT = """
CREATE FUNCTION wms_post_count(p_warehouse_code text, p_document_id int8, p_operator text, p_document_ref text,
                               p_request_id text) RETURNS json
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    v_warehouse int8 := wms_warehouse(p_warehouse_code);
    v record;
    v_done record;
BEGIN
    -- marked posted here, so that a task never posts twice, even when this is called directly
    -- (the service then records the action: version, event)
    UPDATE documents d SET state = 'posted' WHERE d.document_id = p_document_id AND d.warehouse_id = v_warehouse
       AND d.document_type = 'count' AND d.state = 'approved';
    IF NOT FOUND THEN
        PERFORM wms_raise('INVALID_STATE_TRANSITION',
            jsonb_build_object('document_type', 'count', 'document_id', p_document_id, 'action', 'post'), NULL, 16019);
    END IF;
    SELECT array_agg(s.product_id ORDER BY l.line_id) AS product_ids,
           array_agg(p.product_code ORDER BY l.line_id) AS product_codes,
           array_agg(l.sku_id ORDER BY l.line_id) AS sku_ids, array_agg(s.sku_code ORDER BY l.line_id) AS sku_codes,
           array_agg(l.location_id ORDER BY l.line_id) AS location_ids,
           array_agg(c.location_code ORDER BY l.line_id) AS location_codes,
           array_agg(c.is_active ORDER BY l.line_id) AS active,
           array_agg(l.batch_number ORDER BY l.line_id) AS batches,
           array_agg(l.counted_quantity - l.expected_quantity ORDER BY l.line_id) AS changes
      INTO v
      FROM count_lines l JOIN skus s ON s.sku_id = l.sku_id JOIN products p ON p.product_id = s.product_id
      JOIN locations c ON c.location_id = l.location_id
     WHERE l.document_id = p_document_id AND l.status = 'counted' AND l.decision = 'approved'
       AND l.counted_quantity <> l.expected_quantity;
    IF v.sku_ids IS NULL THEN
        RETURN json_build_object('operated_at', NULL, 'changes', json_build_object());
    END IF;
    v_done := wms_post_lines(
        v_warehouse, v.product_ids, v.product_codes, v.sku_ids, v.sku_codes, v.location_ids, v.location_codes,
        v.active, v.batches, array_fill('count'::text, ARRAY[cardinality(v.sku_ids)]), v.changes,
        array_fill(NULL::int8, ARRAY[cardinality(v.sku_ids)]), p_operator, false, NULL, p_document_ref, p_request_id);
    RETURN json_build_object('operated_at', wms_iso(v_done.operated_at), 'changes', v_done.changes);
END $$
"""


def upgrade() -> None:
    op.create_table(
        'count_settings',
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id',
                                                    name=op.f('fk_count_settings_warehouse_id')), nullable=False),
        sa.Column('tolerance_units', sa.BigInteger(), nullable=False, server_default='0'),
        sa.Column('tolerance_percent', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('recount_by_other', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('approver_not_counter', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('updated_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('warehouse_id', name=op.f('pk_count_settings')),
        sa.CheckConstraint('tolerance_units >= 0 AND tolerance_percent >= 0',
                           name=op.f('ck_count_settings_tolerances')),
    )
    op.create_table(
        'count_tasks',
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_count_tasks_document_id')),
                  nullable=False),
        sa.Column('scope', sa.String(16), nullable=False),
        sa.Column('scope_text', sa.String(200), nullable=False),
        sa.Column('sku_scope', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint('document_id', name=op.f('pk_count_tasks')),
    )
    op.create_table(
        'count_locations',
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id',
                                                   name=op.f('fk_count_locations_document_id')), nullable=False),
        sa.Column('location_id', Id, sa.ForeignKey('locations.location_id',
                                                   name=op.f('fk_count_locations_location_id')), nullable=False),
        sa.Column('state', sa.String(16), nullable=False, server_default='pending'),
        sa.Column('round', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('counted_by', sa.String(64)),
        sa.Column('started_at', Stamp),
        sa.Column('finished_at', Stamp),
        sa.PrimaryKeyConstraint('document_id', 'location_id', name=op.f('pk_count_locations')),
        sa.CheckConstraint("state IN ('pending', 'counting', 'recount', 'counted')",
                           name=op.f('ck_count_locations_state')),
    )
    op.create_index('ix_count_locations_location_finished', 'count_locations', ['location_id', 'finished_at'])
    op.create_table(
        'count_lines',
        sa.Column('line_id', Id, primary_key=True),
        sa.Column('document_id', Id, sa.ForeignKey('documents.document_id', name=op.f('fk_count_lines_document_id')),
                  nullable=False),
        sa.Column('location_id', Id, sa.ForeignKey('locations.location_id', name=op.f('fk_count_lines_location_id')),
                  nullable=False),
        sa.Column('sku_id', Id, sa.ForeignKey('skus.sku_id', name=op.f('fk_count_lines_sku_id')), nullable=False),
        sa.Column('batch_number', sa.String(64), nullable=False, server_default=''),
        sa.Column('round', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('status', sa.String(16), nullable=False, server_default='open'),
        sa.Column('snapshot_quantity', sa.BigInteger()),
        sa.Column('expected_quantity', sa.BigInteger()),
        sa.Column('counted_quantity', sa.BigInteger(), nullable=False, server_default='0'),
        sa.Column('counted_by', sa.String(64)),
        sa.Column('counted_at', Stamp),
        sa.Column('decision', sa.String(16)),
        sa.Column('reason_code', sa.String(32)),
        sa.Column('decided_by', sa.String(64)),
        sa.Column('decided_at', Stamp),
        sa.PrimaryKeyConstraint('line_id', name=op.f('pk_count_lines')),
        sa.UniqueConstraint('document_id', 'location_id', 'sku_id', 'batch_number', 'round',
                            name=op.f('uq_count_lines_document_id_location_id_sku_id_batch_number_round')),
        sa.CheckConstraint("status IN ('open', 'counted', 'recounted')", name=op.f('ck_count_lines_status')),
        sa.CheckConstraint("decision IN ('approved', 'rejected')", name=op.f('ck_count_lines_decision')),
        sa.CheckConstraint('counted_quantity >= 0', name=op.f('ck_count_lines_counted_not_negative')),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
        op.execute(POST_COUNT.replace("{schema}", schema))
        op.execute("REVOKE EXECUTE ON FUNCTION wms_post_count(text, int8, text, text, text) FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION wms_post_count(text, int8, text, text, text)")
    op.drop_table('count_lines')
    op.drop_index('ix_count_locations_location_finished', table_name='count_locations')
    op.drop_table('count_locations')
    op.drop_table('count_tasks')
    op.drop_table('count_settings')
