"""Alembic environment: the metadata is wms_desktop.db.schema, the same the app uses.

Run through ``wms-desktop db upgrade`` (which hands over its connection), not the alembic CLI.
"""
from alembic import context
from sqlalchemy import create_engine

from wms_desktop.db.schema import metadata

config = context.config


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER constraints
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as conn:
        run(conn)
