"""API keys: a system's credential for the HTTP API (docs/api.md), scoped to one warehouse
and one role, shown once, kept as a hash, revocable.

A key is ``wmsk_{key_id}_{secret}``: ``key_id`` finds the row, the SHA-256 of ``secret`` must
be the stored one (compared in constant time). The secret is 256 random bits, so a fast hash
is enough — no dictionary reaches it — and a request pays microseconds, not argon2's 50 ms.

Who may create one: an administrator (``manage_users``), for a role below their own (holding
only permissions they hold, and not all of them) — so no key is ever above its creator — in
their warehouse; the command line (the system) for any
role. Listing and revoking see the warehouse's own keys only: another warehouse's key id is
API_KEY_NOT_FOUND, as if it did not exist.
"""
from __future__ import annotations

import builtins
import hashlib
import hmac
import secrets

from sqlalchemy import Connection, insert, select, update

from ..contract.decode import Payload, decode
from ..contract.integration import AddApiKey, ApiKey, ApiKeyCreated, ApiKeyRef, KeyHolder
from ..db.schema import api_keys, warehouses
from ..domain.codes import iso_z
from ..domain.errors import WmsError
from ..domain.permissions import MANAGE_USERS
from .access import requires
from .roles import permissions_of, require_assignable
from .unit import Area, UnitOfWork

PREFIX = "wmsk_"
_COLUMNS = (api_keys.c.key_id, api_keys.c.name, api_keys.c.role, warehouses.c.warehouse_code, api_keys.c.created_by,
            api_keys.c.created_at, api_keys.c.revoked_at)


class ApiKeys(Area):
    @requires(MANAGE_USERS)
    def add(self, command: AddApiKey | Payload) -> ApiKeyCreated:
        """PERMISSION_DENIED for a role not below the creator's own."""
        p = decode(AddApiKey, command)
        actor = self.actor
        key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)

        def work(uow: UnitOfWork) -> ApiKey:
            require_assignable(uow.conn, actor, p.role)
            if actor.grants is not None and permissions_of(uow.conn, p.role) == actor.grants:
                raise WmsError("PERMISSION_DENIED", "A key's role must be below its creator's",
                               details={"field": "role", "role": p.role, "own_role": actor.role})
            uow.conn.execute(insert(api_keys).values(
                key_id=key_id, name=p.name, warehouse_id=uow.warehouse_id, role=p.role, secret_hash=_hash(secret),
                created_by=actor.user_name or "system"))
            return _one(uow.conn, key_id, uow.warehouse_id)

        return ApiKeyCreated(api_key=f"{PREFIX}{key_id}_{secret}", key=self._scope.write(work))

    @requires(MANAGE_USERS)
    def list(self) -> builtins.list[ApiKey]:
        """The warehouse's keys, revoked ones too, newest first."""
        return self._scope.read(lambda uow: [_out(row) for row in uow.conn.execute(
            _select().where(api_keys.c.warehouse_id == uow.warehouse_id).order_by(api_keys.c.created_at.desc()))])

    @requires(MANAGE_USERS)
    def revoke(self, command: ApiKeyRef | Payload) -> ApiKey:
        """Stops the key at its next request. Revoking a revoked key changes nothing."""
        p = decode(ApiKeyRef, command)

        def work(uow: UnitOfWork) -> ApiKey:
            _one(uow.conn, p.key_id, uow.warehouse_id)
            uow.conn.execute(update(api_keys).where(api_keys.c.key_id == p.key_id, api_keys.c.revoked_at.is_(None))
                             .values(revoked_at=uow.now()))
            return _one(uow.conn, p.key_id, uow.warehouse_id)

        return self._scope.write(work)


def holder(conn: Connection, presented: str) -> KeyHolder:
    """Who a presented key acts as: TOKEN_INVALID (malformed, unknown, wrong secret — one
    answer for all), TOKEN_REVOKED, WAREHOUSE_INACTIVE (as a user's token: nobody works there)."""
    key_id, _, secret = presented.removeprefix(PREFIX).partition("_")
    row = None
    if presented.startswith(PREFIX) and key_id and secret:
        row = conn.execute(select(api_keys.c.secret_hash, api_keys.c.revoked_at, warehouses.c.is_active, *_COLUMNS[1:4])
                           .join(warehouses, warehouses.c.warehouse_id == api_keys.c.warehouse_id)
                           .where(api_keys.c.key_id == key_id)).first()
    if row is None or not hmac.compare_digest(row.secret_hash, _hash(secret)):
        raise WmsError("TOKEN_INVALID", "API key is invalid", details={"reason": "unknown API key"})
    if row.revoked_at is not None:
        raise WmsError("TOKEN_REVOKED", "API key has been revoked", details={"reason": "revoked API key"})
    if not row.is_active:
        raise WmsError("WAREHOUSE_INACTIVE", details={"warehouse_code": row.warehouse_code})
    return KeyHolder(key_id=key_id, name=row.name, role=row.role, warehouse_code=row.warehouse_code)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _select():
    return select(*_COLUMNS).join(warehouses, warehouses.c.warehouse_id == api_keys.c.warehouse_id)


def _one(conn: Connection, key_id: str, warehouse_id: int) -> ApiKey:
    row = conn.execute(_select().where(api_keys.c.key_id == key_id, api_keys.c.warehouse_id == warehouse_id)).first()
    if row is None:
        raise WmsError("API_KEY_NOT_FOUND", details={"key_id": key_id})
    return _out(row)


def _out(row) -> ApiKey:
    return ApiKey(key_id=row.key_id, name=row.name, role=row.role, warehouse_code=row.warehouse_code,
                  created_by=row.created_by, created_at=iso_z(row.created_at), revoked_at=iso_z(row.revoked_at))
