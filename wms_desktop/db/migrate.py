"""Schema versions: upgrade (the admin step) and the check the app makes before it starts."""
from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ..domain.errors import WmsError
from ..paths import MIGRATIONS
from .engine import Database
from .privileges import Roles, act_as_owner, ensure_roles, grant, take_ownership


def alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None  # the migrations shipped with the package are one linear chain
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head", roles: Roles | None = None) -> None:
    """Migrate to ``revision``. With ``roles`` (PostgreSQL: ``db upgrade``), as the owner role,
    and then the workstation role's grants (db/privileges.py); all in one transaction."""
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
    script = ScriptDirectory(str(MIGRATIONS))
    known = {rev.revision for rev in script.walk_revisions()}
    if current is None:
        state, message = "empty", "The database has no wms-desktop tables yet: run `wms-desktop db upgrade`."
    elif current in known:
        state, message = "older", "The database schema is older than this app: run `wms-desktop db upgrade`."
    else:
        state, message = "newer", "The database schema is newer than this app: install the newer wms-desktop."
    raise WmsError(
        "SCHEMA_MISMATCH",
        message,
        {"database_revision": current, "supported_revision": head, "state": state, "database": db.describe()},
    )
