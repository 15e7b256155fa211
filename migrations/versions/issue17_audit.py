"""the audit trail

Revision ID: issue17_audit
Revises: issue13_putaway

audit_log, audit_head: the tamper-evident audit trail (services/audit.py). Append-only: triggers
refuse UPDATE and DELETE (PostgreSQL also TRUNCATE; db/privileges.py lets the workstation role
only insert), and each row's hash covers its content and the previous row's hash.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue17_audit'
down_revision = 'issue13_putaway'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
SKU_CODE_MAX = 130  # domain.codes.SKU_CODE_MAX when this was written

GUARDS = {
    "postgresql": [
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
        " FOR EACH ROW EXECUTE FUNCTION wms_refuse('audit_log is append-only')",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log"
        " FOR EACH STATEMENT EXECUTE FUNCTION wms_refuse('audit_log is append-only')",
    ],
    "sqlite": [
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
        " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
        " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END",
    ],
}


def upgrade() -> None:
    op.create_table(
        'audit_log',
        sa.Column('audit_id', Id, autoincrement=False, nullable=False),
        sa.Column('recorded_at', Stamp, nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id',
                                                    name=op.f('fk_audit_log_warehouse_id'))),
        sa.Column('subject', sa.String(80), nullable=False),
        sa.Column('entity_type', sa.String(16), nullable=False),
        sa.Column('entity_code', sa.String(SKU_CODE_MAX)),
        sa.Column('action', sa.String(32), nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('workstation', sa.String(200), nullable=False),
        sa.Column('before', sa.Text()),
        sa.Column('after', sa.Text()),
        sa.Column('previous_hash', sa.String(64), nullable=False),
        sa.Column('row_hash', sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint('audit_id', name=op.f('pk_audit_log')),
    )
    op.create_index('ix_audit_log_subject', 'audit_log', ['subject', 'audit_id'])
    op.create_table(
        'audit_head',
        sa.Column('chain', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('last_audit_id', sa.BigInteger(), nullable=False),
        sa.Column('last_hash', sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint('chain', name=op.f('pk_audit_head')),
    )
    for statement in GUARDS[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table('audit_head')
    op.drop_table('audit_log')  # its triggers with it
