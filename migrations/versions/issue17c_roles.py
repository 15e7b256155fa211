"""roles as named permission sets; users and API keys name one

Revision ID: issue17c
Revises: issue17b

roles: the three built-in roles seeded with what they could do before (supervisors and
administrators also approve counts, a permission of its own from now on). users.role and
api_keys.role lose their fixed list (a check) for a foreign key to roles. On SQLite the check
goes by copying the table (batch); user_warehouses and api_refresh_tokens point at users, whose
rows are set aside meanwhile (with foreign keys on, SQLite refuses to drop a referenced table).
No posting function changes.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = 'issue17c'
down_revision = 'issue17b'
branch_labels = None
depends_on = None

_SUPERVISOR = ["approve_counts", "confirm_unscanned", "correct_stock", "edit_catalog", "edit_locations", "move_stock",
               "plan_documents"]
SEED = [("clerk", "Clerk", ["move_stock"]), ("supervisor", "Supervisor", _SUPERVISOR),
        ("admin", "Administrator", sorted([*_SUPERVISOR, "manage_users"]))]
CHILDREN = ("user_warehouses", "api_refresh_tokens")  # tables with a foreign key to users
OLD_ROLES = "role IN ('admin', 'supervisor', 'clerk')"


def upgrade() -> None:
    roles = op.create_table(
        'roles',
        sa.Column('role_code', sa.String(16), nullable=False),
        sa.Column('role_name', sa.String(200), nullable=False),
        sa.Column('permissions', sa.Text(), nullable=False),
        sa.Column('is_active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.PrimaryKeyConstraint('role_code', name=op.f('pk_roles')),
    )
    op.bulk_insert(roles, [{"role_code": c, "role_name": n, "permissions": json.dumps(p)} for c, n, p in SEED])
    _relink(lambda batch, table: (batch.drop_constraint(op.f(f"ck_{table}_role"), type_="check"),
                                  batch.create_foreign_key(op.f(f"fk_{table}_role"), "roles", ["role"], ["role_code"])))


def downgrade() -> None:
    _relink(lambda batch, table: (batch.drop_constraint(op.f(f"fk_{table}_role"), type_="foreignkey"),
                                  batch.create_check_constraint("role", OLD_ROLES)))
    op.drop_table('roles')


def _relink(change) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for child in CHILDREN:
            op.execute(f"CREATE TEMP TABLE keep_{child} AS SELECT * FROM {child}")
            op.execute(f"DELETE FROM {child}")
    for table in ("users", "api_keys"):
        with op.batch_alter_table(table) as batch:
            change(batch, table)
    if sqlite:
        for child in CHILDREN:
            op.execute(f"INSERT INTO {child} SELECT * FROM keep_{child}")
            op.execute(f"DROP TABLE keep_{child}")
