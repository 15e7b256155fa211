"""the HTTP API: refresh tokens, failed sign-ins

Revision ID: issue16
Revises: issue13

api_refresh_tokens: the API's rotating refresh tokens, by JWT id, in families (docs/api.md).
sign_in_failures: failed sign-ins per user and per address, for throttling (services/throttle.py).
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue16'
down_revision = 'issue13'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)
NOW = sa.text('CURRENT_TIMESTAMP')


def upgrade() -> None:
    op.create_table(
        'api_refresh_tokens',
        sa.Column('token_id', sa.String(36), nullable=False),
        sa.Column('family_id', sa.String(36), nullable=False),
        sa.Column('user_id', Id, sa.ForeignKey('users.user_id', name=op.f('fk_api_refresh_tokens_user_id')),
                  nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id',
                                                    name=op.f('fk_api_refresh_tokens_warehouse_id')), nullable=False),
        sa.Column('role', sa.String(16), nullable=False),
        sa.Column('expires_at', Stamp, nullable=False),
        sa.Column('used_at', Stamp),
        sa.Column('revoked_at', Stamp),
        sa.Column('created_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('token_id', name=op.f('pk_api_refresh_tokens')),
    )
    op.create_index('ix_api_refresh_tokens_family_id', 'api_refresh_tokens', ['family_id'])
    op.create_table(
        'sign_in_failures',
        sa.Column('failure_id', Id, nullable=False),
        sa.Column('subject', sa.String(200), nullable=False),
        sa.Column('failed_at', Stamp, nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint('failure_id', name=op.f('pk_sign_in_failures')),
    )
    op.create_index('ix_sign_in_failures_subject_failed', 'sign_in_failures', ['subject', 'failed_at'])


def downgrade() -> None:
    op.drop_table('sign_in_failures')
    op.drop_table('api_refresh_tokens')
