"""users assigned to warehouses; a user's role changed through a function

Revision ID: issue17b
Revises: issue14_returns

user_warehouses: the warehouses a user may sign in to (administrators may sign in to every
warehouse, rows or not). Every existing user is assigned to every existing warehouse, so
nobody who could sign in before is locked out. On PostgreSQL wms_user_set_role: the
workstation role writes users only through functions. No posting function changes.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue17b'
down_revision = 'issue14_returns'
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'user_warehouses',
        sa.Column('user_id', Id, sa.ForeignKey('users.user_id', name=op.f('fk_user_warehouses_user_id')),
                  nullable=False),
        sa.Column('warehouse_id', Id, sa.ForeignKey('warehouses.warehouse_id',
                                                    name=op.f('fk_user_warehouses_warehouse_id')), nullable=False),
        sa.PrimaryKeyConstraint('user_id', 'warehouse_id', name=op.f('pk_user_warehouses')),
    )
    op.execute("INSERT INTO user_warehouses (user_id, warehouse_id)"
               " SELECT u.user_id, w.warehouse_id FROM users u CROSS JOIN warehouses w")
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(f"""
    CREATE FUNCTION wms_user_set_role(p_user_name text, p_role text) RETURNS int8
    LANGUAGE sql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        UPDATE users SET role = p_role WHERE user_name = p_user_name RETURNING user_id
    $$""")
    op.execute("REVOKE EXECUTE ON FUNCTION wms_user_set_role(text, text) FROM PUBLIC")  # db upgrade grants it


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION wms_user_set_role(text, text)")
    op.drop_table('user_warehouses')
