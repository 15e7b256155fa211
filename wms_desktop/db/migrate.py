"""Schema versions: upgrade (the admin step) and the check the app makes before it starts.

The check reads the revisions from the migration files and the database's from its
``alembic_version`` table, without Alembic: importing Alembic takes ~0.3 s the window does not
wait for. Upgrading imports it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import sqlalchemy as sa

from ..domain.errors import WmsError
from ..paths import MIGRATIONS
from .engine import Database
from .privileges import Roles, act_as_owner, ensure_roles, grant, take_ownership

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "alembic_version"  # Alembic's default
# ``revision = 'x'`` / ``down_revision = 'y'`` (or None) at the top level of a migration file
_REVISION = re.compile(r"^(down_)?revision\b[^=\n]*=\s*(?:None|['\"]([^'\"]+)['\"])", re.MULTILINE)


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def revisions() -> dict[str, str | None]:
    """Each shipped migration's revision → the revision it follows (None for the first)."""
    chain: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found: dict[str, str] = dict(_REVISION.findall(path.read_text("utf-8")))  # {"": revision, "down_": ...}
        if found.get(""):
            chain[found[""]] = found.get("down_") or None
    return chain


def head_revision() -> str:
    chain = revisions()
    heads = set(chain) - set(chain.values())
    assert len(heads) == 1, heads  # the migrations shipped with the package are one linear chain
    return heads.pop()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar_one_or_none()


def upgrade(db: Database, revision: str = "head", roles: Roles | None = None) -> None:
    """Migrate to ``revision``. With ``roles`` (PostgreSQL: ``db upgrade``), as the owner role,
    and then the workstation role's grants (db/privileges.py); all in one transaction."""
    from alembic import command

    config = alembic_config(db)
    with db.engine.begin() as conn:
        if roles is not None and not db.is_sqlite:
            ensure_roles(conn, roles)
            take_ownership(conn, roles)
            act_as_owner(conn, roles)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        if roles is not None and not db.is_sqlite:
            grant(conn, roles)


def check_schema(db: Database) -> None:
    """Refuse a database this build cannot work with: never migrated, older, or newer."""
    current, head = current_revision(db), head_revision()
    if current == head:
        return
    if current is None:
        state, message = "empty", "The database has no wms-desktop tables yet: run `wms-desktop db upgrade`."
    elif current in revisions():
        state, message = "older", "The database schema is older than this app: run `wms-desktop db upgrade`."
    else:
        state, message = "newer", "The database schema is newer than this app: install the newer wms-desktop."
    raise WmsError(
        "SCHEMA_MISMATCH",
        message,
        {"database_revision": current, "supported_revision": head, "state": state, "database": db.describe()},
    )
