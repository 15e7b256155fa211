"""The HTTP API's sign-in state, on the database: who may hold tokens, and the refresh-token
families (docs/api.md). No token is signed here (the API does that, ``api/tokens.py``); this
decides, in the shared database, so any number of server processes and hosts agree:

- ``sign_in``: an account of the app (the same argon2 check and throttling as the app's
  sign-in, per user name and per address) in an existing warehouse it may work in;
- ``open_family`` / ``rotate``: refresh tokens are used once. Rotating marks the presented
  token used and issues the next of its family in one transaction; presenting a used token
  again revokes the family (someone replayed it) and is ``TOKEN_REVOKED``;
- ``check``: every authenticated request asks whether its user is still active, still has
  the role the token was issued under and may still work in its warehouse — deactivating a
  user, changing a role or taking a warehouse away stops their tokens at once, not when they
  expire;
- ``notices``: the database notifies ``CHANNEL`` when any of what ``check`` and ``key_holder``
  read changes (triggers, migration issue16b), so a server process may remember their answers
  for a moment (api/credentials.py) and forget them as soon as that happens.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, func, insert, select, update

from ..contract.api import CredentialNotices
from ..contract.decode import Payload, decode
from ..contract.integration import KeyHolder
from ..contract.sessions import Account, Grant, SignIn
from ..db.engine import Database
from ..db.notices import Notices
from ..db.schema import api_refresh_tokens, users, warehouses
from ..domain.errors import WmsError
from . import api_keys
from .access import SYSTEM
from .auth import Auth, at_warehouse, may_work_in
from .lookup import Warehouse, warehouse_id
from .unit import Scope

CHANNEL = "wms_credentials"  # notified by the triggers of migration issue16b


class Sessions:
    def __init__(self, db: Database, default_warehouse: str) -> None:
        self.db = db
        self.default_warehouse = default_warehouse
        self._auth = Auth(Scope(db, Warehouse(default_warehouse), SYSTEM))

    def sign_in(self, command: SignIn | Payload, address: str | None = None) -> Account:
        p = decode(SignIn, command)
        warehouse_code = p.warehouse_code or self.default_warehouse
        self.db.run(lambda conn: warehouse_id(conn, warehouse_code), write=False)
        signed = at_warehouse(self._auth, warehouse_code).login({"user_name": p.user_name, "password": p.password}, address=address)
        return Account(user_id=signed.user_id, user_name=signed.user_name, role=signed.role,
                       warehouse_code=warehouse_code)

    def open_family(self, account: Account, lifetime: timedelta) -> Grant:
        """The first refresh token of a sign-in."""
        grant = _grant(str(uuid.uuid4()), lifetime)
        self.db.run(lambda conn: _insert(conn, account, grant))
        return grant

    def rotate(self, token_id: str, lifetime: timedelta) -> tuple[Account, Grant]:
        """The account and the next refresh token, using ``token_id`` up. TOKEN_INVALID (an
        unknown id), TOKEN_EXPIRED, TOKEN_REVOKED (used before — the family is revoked now —,
        revoked, or the user's role changed), USER_INACTIVE."""
        outcome: list[WmsError] = []

        def unit(conn: Connection) -> tuple[Account, Grant] | None:
            stamp = datetime.now(UTC)
            row = conn.execute(
                select(api_refresh_tokens, users.c.user_name, users.c.role.label("current_role"),
                       users.c.is_active, warehouses.c.warehouse_code)
                .join(users, users.c.user_id == api_refresh_tokens.c.user_id)
                .join(warehouses, warehouses.c.warehouse_id == api_refresh_tokens.c.warehouse_id)
                .where(api_refresh_tokens.c.token_id == token_id).with_for_update(of=api_refresh_tokens)).first()
            if row is None:
                raise WmsError("TOKEN_INVALID", details={"reason": "unknown refresh token"})
            if row.revoked_at is not None:
                raise WmsError("TOKEN_REVOKED", details={"reason": "revoked"})
            if row.used_at is not None or not row.is_active or row.current_role != row.role:
                _revoke_family(conn, row.family_id, stamp)  # committed: the refusal is raised after
                reason = "reused" if row.used_at is not None else "inactive" if not row.is_active else "role changed"
                outcome.append(WmsError("USER_INACTIVE" if reason == "inactive" else "TOKEN_REVOKED",
                                        details={"reason": reason}))
                return None
            if _aware(row.expires_at) <= stamp:
                raise WmsError("TOKEN_EXPIRED", details={"reason": "refresh token expired"})
            if not may_work_in(conn, row.user_id, row.role, row.warehouse_id):
                raise WmsError("WAREHOUSE_NOT_ALLOWED", details={"user_name": row.user_name,
                                                                 "warehouse_code": row.warehouse_code})
            conn.execute(update(api_refresh_tokens).where(api_refresh_tokens.c.token_id == token_id)
                         .values(used_at=stamp))
            account = Account(user_id=row.user_id, user_name=row.user_name, role=row.role,
                              warehouse_code=row.warehouse_code)
            grant = Grant(token_id=str(uuid.uuid4()), family_id=row.family_id, expires_at=stamp + lifetime)
            _insert(conn, account, grant, row.warehouse_id)
            return account, grant

        result = self.db.run(unit)
        if result is None:
            raise outcome[0]
        return result

    def sign_out(self, token_id: str) -> int:
        """Revoke the family of ``token_id``: how many tokens were still usable."""
        def unit(conn: Connection) -> int:
            family = conn.scalar(select(api_refresh_tokens.c.family_id).where(api_refresh_tokens.c.token_id == token_id))
            if family is None:
                raise WmsError("TOKEN_INVALID", details={"reason": "unknown refresh token"})
            return _revoke_family(conn, family, datetime.now(UTC))

        return self.db.run(unit)

    def check(self, user_name: str, role: str, warehouse_code: str) -> None:
        """USER_INACTIVE / TOKEN_REVOKED / WAREHOUSE_NOT_ALLOWED unless ``user_name`` is active
        with ``role`` and may work in ``warehouse_code``."""
        def unit(conn: Connection):
            row = conn.execute(select(users.c.user_id, users.c.role, users.c.is_active)
                               .where(users.c.user_name == user_name)).first()
            allowed = row is not None and may_work_in(conn, row.user_id, row.role, warehouse_id(conn, warehouse_code))
            return row, allowed

        row, allowed = self.db.run(unit, write=False)
        if row is None or row.role != role:
            raise WmsError("TOKEN_REVOKED", details={"reason": "role changed" if row else "unknown user"})
        if not row.is_active:
            raise WmsError("USER_INACTIVE", details={"user_name": user_name})
        if not allowed:
            raise WmsError("WAREHOUSE_NOT_ALLOWED", details={"user_name": user_name, "warehouse_code": warehouse_code})

    def key_holder(self, api_key: str) -> KeyHolder:
        """Who an API key acts as: TOKEN_INVALID, TOKEN_REVOKED (services/api_keys.py)."""
        return self.db.run(lambda conn: api_keys.holder(conn, api_key), write=False)

    def notices(self, changed: Callable[[], None]) -> CredentialNotices | None:
        """``changed()`` for every change to credentials, read on a connection of its own
        (db/notices.py); None on SQLite, which notifies nothing."""
        return None if self.db.is_sqlite else Notices(self.db, CHANNEL, changed)


def _grant(family_id: str, lifetime: timedelta) -> Grant:
    return Grant(token_id=family_id, family_id=family_id, expires_at=datetime.now(UTC) + lifetime)  # a family is named by its first token


def _insert(conn: Connection, account: Account, grant: Grant, warehouse: int | None = None) -> None:
    conn.execute(insert(api_refresh_tokens).values(
        token_id=grant.token_id, family_id=grant.family_id, user_id=account.user_id,
        warehouse_id=warehouse if warehouse is not None else warehouse_id(conn, account.warehouse_code),
        role=account.role, expires_at=grant.expires_at))


def _revoke_family(conn: Connection, family_id: str, stamp: datetime) -> int:
    """Revoke every token of the family; how many were still usable."""
    family = api_refresh_tokens.c.family_id == family_id
    usable = conn.scalar(select(func.count()).select_from(api_refresh_tokens).where(
        family, api_refresh_tokens.c.revoked_at.is_(None), api_refresh_tokens.c.used_at.is_(None)))
    conn.execute(update(api_refresh_tokens).where(family, api_refresh_tokens.c.revoked_at.is_(None))
                 .values(revoked_at=stamp))
    return usable or 0


def _aware(stamp: datetime) -> datetime:
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
