"""credentials notify: a change to what an API request's credential check reads is NOTIFYed

Revision ID: issue16b
Revises: issue12b

On PostgreSQL, statement triggers on users (name, role, active), user_warehouses, warehouses
(code, active), api_keys and roles send NOTIFY wms_credentials when any of it changes or goes; the
API server processes LISTEN and drop the credentials they remember (wms_desktop/api/credentials.py).
NOTIFY is sent at commit, never for work rolled back. SQLite: nothing (no server processes).
"""
from alembic import op

revision = 'issue16b'
down_revision = 'issue12b'
branch_labels = None
depends_on = None

WATCHED = {  # table: the events that may end a credential
    "users": "UPDATE OF user_name, role, is_active OR DELETE OR TRUNCATE",
    "user_warehouses": "UPDATE OR DELETE OR TRUNCATE",
    "warehouses": "UPDATE OF warehouse_code, is_active OR DELETE OR TRUNCATE",
    "api_keys": "UPDATE OR DELETE OR TRUNCATE",
    "roles": "UPDATE OR DELETE OR TRUNCATE",  # a role's permissions, or the role switched off
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
    CREATE FUNCTION wms_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('wms_credentials', TG_TABLE_NAME);
        RETURN NULL;
    END $$""")
    for table, events in WATCHED.items():
        op.execute(f"CREATE TRIGGER {table}_credentials_changed AFTER {events} ON {table}"
                   " FOR EACH STATEMENT EXECUTE FUNCTION wms_credentials_changed()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        op.execute(f"DROP TRIGGER {table}_credentials_changed ON {table}")
    op.execute("DROP FUNCTION wms_credentials_changed()")
