"""ASCII scan codes for locations and SKUs

Revision ID: issue10a
Revises: issue16

A keyboard-wedge scanner types ASCII only, and location and SKU codes are often Chinese
(西8排1架6层4位, 129092-黄色-M): each row gets a scan code its label prints as Code 128.
A trigger assigns ``L``/``S`` + the id zero-padded to six digits (domain/codes.py
``assigned_scan_code``) to every row inserted without one, whichever path inserts it, and the
existing rows get the same here. On PostgreSQL a BEFORE trigger fills in the new row; SQLite
cannot change a row before it is stored, so its trigger updates the row just inserted — which
is why the column is nullable.
"""
import sqlalchemy as sa
from alembic import op

revision = 'issue10a'
down_revision = 'issue16'
branch_labels = None
depends_on = None

TABLES = (('locations', 'location_id', 'L'), ('skus', 'sku_id', 'S'))

PG_FUNCTION = """
CREATE FUNCTION wms_assign_scan_code() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id text := to_jsonb(NEW) ->> TG_ARGV[1];
BEGIN
    IF NEW.scan_code IS NULL THEN
        NEW.scan_code := TG_ARGV[0] || lpad(row_id, greatest(6, length(row_id)), '0');
    END IF;
    RETURN NEW;
END $$
"""


def _assigned(dialect: str, prefix: str, id_column: str) -> str:
    if dialect == 'sqlite':
        return f"printf('{prefix}%06d', {id_column})"
    return f"'{prefix}' || lpad({id_column}::text, greatest(6, length({id_column}::text)), '0')"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, id_column, prefix in TABLES:
        op.add_column(table, sa.Column('scan_code', sa.String(16), nullable=True))
        op.execute(f"UPDATE {table} SET scan_code = {_assigned(dialect, prefix, id_column)}")
    op.create_index('uq_locations_warehouse_scan_code', 'locations', ['warehouse_id', 'scan_code'], unique=True)
    op.create_index('uq_skus_live_scan_code', 'skus', ['scan_code'], unique=True,
                    postgresql_where=sa.text('NOT is_deleted'), sqlite_where=sa.text('NOT is_deleted'))
    if dialect == 'sqlite':
        for table, id_column, prefix in TABLES:
            op.execute(f"CREATE TRIGGER {table}_scan_code AFTER INSERT ON {table} WHEN NEW.scan_code IS NULL "
                       f"BEGIN UPDATE {table} SET scan_code = {_assigned(dialect, prefix, f'NEW.{id_column}')} "
                       f"WHERE {id_column} = NEW.{id_column}; END")
        return
    op.execute(PG_FUNCTION)
    for table, id_column, prefix in TABLES:
        op.execute(f"CREATE TRIGGER {table}_scan_code BEFORE INSERT ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION wms_assign_scan_code('{prefix}', '{id_column}')")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, _, _ in TABLES:
        op.execute(f"DROP TRIGGER {table}_scan_code" + ("" if dialect == 'sqlite' else f" ON {table}"))
    if dialect != 'sqlite':
        op.execute("DROP FUNCTION wms_assign_scan_code()")
    op.drop_index('uq_skus_live_scan_code', 'skus')
    op.drop_index('uq_locations_warehouse_scan_code', 'locations')
    for table, _, _ in TABLES:
        op.drop_column(table, 'scan_code')
