"""systems: API keys and signed webhooks

Revision ID: issue16_keys_webhooks
Revises: issue16

api_keys: systems' credentials for the HTTP API, the secret kept as its SHA-256 only.
webhooks, webhook_deliveries: URLs for a warehouse's events, and each event's delivery to each.
outbox_events.routed_at: the webhook router's mark (deliveries made); events written before
this migration count as routed — a webhook receives events written after it was registered.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue16_keys_webhooks'
down_revision = 'issue10a'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')
ROLES = "role IN ('admin', 'supervisor', 'clerk')"


def upgrade() -> None:
    with op.batch_alter_table('outbox_events') as batch:
        batch.add_column(sa.Column('routed_at', Stamp))
    op.execute("UPDATE outbox_events SET routed_at = CURRENT_TIMESTAMP")
    unrouted = sa.text('routed_at IS NULL')
    op.create_index('ix_outbox_events_unrouted', 'outbox_events', ['outbox_id'], postgresql_where=unrouted,
                    sqlite_where=unrouted)
    op.create_table(
        'api_keys',
        sa.Column('key_id', sa.String(32), nullable=False),
        sa.Column('name', sa.String(48), nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id', name=op.f('fk_api_keys_warehouse_id')),
                  nullable=False),
        sa.Column('role', sa.String(16), nullable=False),
        sa.Column('secret_hash', sa.String(64), nullable=False),
        sa.Column('created_by', sa.String(64), nullable=False),
        sa.Column('created_at', Stamp, nullable=False, server_default=NOW),
        sa.Column('revoked_at', Stamp),
        sa.CheckConstraint(ROLES, name=op.f('ck_api_keys_role')),
        sa.PrimaryKeyConstraint('key_id', name=op.f('pk_api_keys')),
    )
    op.create_table(
        'webhooks',
        sa.Column('webhook_id', Id, nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id', name=op.f('fk_webhooks_warehouse_id')),
                  nullable=False),
        sa.Column('url', sa.String(2000), nullable=False),
        sa.Column('event_types', sa.Text(), nullable=False),
        sa.Column('secret', sa.String(100), nullable=False),
        sa.Column('is_active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('created_by', sa.String(64), nullable=False),
        sa.Column('created_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('webhook_id', name=op.f('pk_webhooks')),
    )
    op.create_table(
        'webhook_deliveries',
        sa.Column('delivery_id', Id, nullable=False),
        sa.Column('webhook_id', Id, sa.ForeignKey('webhooks.webhook_id', name=op.f('fk_webhook_deliveries_webhook_id')),
                  nullable=False),
        sa.Column('outbox_id', sa.BigInteger(), nullable=False),
        sa.Column('event_id', sa.String(36), nullable=False),
        sa.Column('event_type', sa.String(40), nullable=False),
        sa.Column('ordering_key', sa.String(120), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('state', sa.String(16), nullable=False, server_default='pending'),
        sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('next_attempt_at', Stamp, nullable=False, server_default=NOW),
        sa.Column('last_status', sa.Integer()),
        sa.Column('last_error', sa.String(500)),
        sa.Column('delivered_at', Stamp),
        sa.Column('created_at', Stamp, nullable=False, server_default=NOW),
        sa.CheckConstraint("state IN ('pending', 'delivered', 'dead')", name=op.f('ck_webhook_deliveries_state')),
        sa.PrimaryKeyConstraint('delivery_id', name=op.f('pk_webhook_deliveries')),
        sa.UniqueConstraint('webhook_id', 'event_id', name=op.f('uq_webhook_deliveries_webhook_id_event_id')),
    )
    pending = sa.text("state = 'pending'")
    op.create_index('ix_webhook_deliveries_key_order', 'webhook_deliveries',
                    ['webhook_id', 'ordering_key', 'outbox_id'], postgresql_where=pending, sqlite_where=pending)


def downgrade() -> None:
    op.drop_table('webhook_deliveries')
    op.drop_table('webhooks')
    op.drop_table('api_keys')
    op.drop_index('ix_outbox_events_unrouted', 'outbox_events')
    with op.batch_alter_table('outbox_events') as batch:
        batch.drop_column('routed_at')
