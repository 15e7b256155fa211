"""Roles: named sets of permissions (``domain/permissions.py``), managed by an administrator.

A user holds one role, and so does an API key; their permissions are read from here whenever a
caller is bound (``Services.acting_as``), so a changed role applies to its sign-in tokens and
keys at their next request. A deactivated role grants nothing and is given to nobody.

Nobody grants what they lack: a role is created or edited only with permissions the actor
holds, a role holding more is not edited at all, and only such roles are given to users and
keys (``ROLE_NOT_GRANTABLE``, 12003). One's own role keeps ``manage_users`` and stays active,
so an administrator cannot lock everyone out. Every change lands in the audit trail.
"""
from __future__ import annotations

import builtins
import json
from collections.abc import Iterable

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..contract.decode import Payload, decode
from ..contract.roles import CreateRole, RoleInfo, SetRoleActive, UpdateRole
from ..db.schema import roles
from ..domain.errors import WmsError
from ..domain.permissions import BUILT_IN, MANAGE_USERS, ungrantable
from . import audit
from .access import READ, Actor, requires
from .unit import Area, UnitOfWork


class Roles(Area):
    @requires(READ)
    def list(self) -> builtins.list[RoleInfo]:
        """Every role by code, deactivated ones too."""
        return self._scope.read(lambda uow: [_out(row) for row in uow.conn.execute(
            select(roles).order_by(roles.c.role_code))])

    @requires(MANAGE_USERS)
    def create(self, command: CreateRole | Payload) -> RoleInfo:
        """``ROLE_CODE_EXISTS``; ``ROLE_NOT_GRANTABLE`` for a permission the actor lacks."""
        p = decode(CreateRole, command)
        _require_grants(self.actor, p.permissions)

        def work(uow: UnitOfWork) -> RoleInfo:
            if _row(uow.conn, p.role_code) is not None:
                raise WmsError("ROLE_CODE_EXISTS", details={"role_code": p.role_code})
            uow.conn.execute(insert(roles).values(role_code=p.role_code, role_name=p.role_name,
                                                  permissions=_stored(p.permissions)))
            role = _out(_row(uow.conn, p.role_code))
            _audit(uow, role, "create", None)
            return role

        try:
            return self._scope.write(work)
        except IntegrityError as error:  # a concurrent create of the same code won the race
            raise WmsError("ROLE_CODE_EXISTS", details={"role_code": p.role_code}) from error

    @requires(MANAGE_USERS)
    def update(self, command: UpdateRole | Payload) -> RoleInfo:
        """Rename a role or replace its permissions: ``ROLE_NOT_GRANTABLE`` when the role holds
        or would hold a permission the actor lacks."""
        p = decode(UpdateRole, command)
        if p.permissions is not None:
            _require_grants(self.actor, p.permissions)

        def work(uow: UnitOfWork) -> RoleInfo:
            before = _editable(uow, p.role_code)
            if p.permissions is not None and MANAGE_USERS not in p.permissions:
                _keep_own(self.actor, p.role_code)
            values = {"role_name": p.role_name, "permissions": None if p.permissions is None else _stored(p.permissions)}
            changes = {k: v for k, v in values.items() if v is not None}
            if changes:
                uow.conn.execute(update(roles).where(roles.c.role_code == p.role_code).values(changes))
            role = _out(_row(uow.conn, p.role_code))
            _audit(uow, role, "update", before)
            return role

        return self._scope.write(work)

    @requires(MANAGE_USERS)
    def set_active(self, command: SetRoleActive | Payload) -> RoleInfo:
        """A deactivated role grants nothing (its users may still sign in and look)."""
        p = decode(SetRoleActive, command)

        def work(uow: UnitOfWork) -> RoleInfo:
            before = _editable(uow, p.role_code)
            if not p.is_active:
                _keep_own(self.actor, p.role_code)
            uow.conn.execute(update(roles).where(roles.c.role_code == p.role_code).values(is_active=p.is_active))
            role = _out(_row(uow.conn, p.role_code))
            _audit(uow, role, "set_active", before)
            return role

        return self._scope.write(work)


def permissions_of(conn: Connection, role_code: str) -> frozenset[str]:
    """What a role allows now: nothing when it is deactivated (or unknown)."""
    stored = conn.scalar(select(roles.c.permissions).where(roles.c.role_code == role_code, roles.c.is_active))
    return frozenset(json.loads(stored)) if stored is not None else frozenset()


def require_assignable(conn: Connection, actor: Actor, role_code: str) -> None:
    """Before giving a user or key ``role_code``: it exists, is active and holds nothing the actor lacks."""
    role = _row(conn, role_code)
    if role is None:
        raise WmsError("ROLE_NOT_FOUND", details={"field": "role", "role": role_code})
    if not role.is_active:
        raise WmsError("ROLE_INACTIVE", details={"field": "role", "role": role_code})
    _require_grants(actor, json.loads(role.permissions), role_code)


def require_within(conn: Connection, actor: Actor, role_code: str) -> None:
    """Before changing the role of a user who holds ``role_code`` (whatever its state): it holds
    nothing the actor lacks — nobody demotes their betters."""
    role = _row(conn, role_code)
    if role is not None:
        _require_grants(actor, json.loads(role.permissions), role_code)


def _require_grants(actor: Actor, permissions: Iterable[str], role_code: str | None = None) -> None:
    missing = ungrantable(actor.grants, permissions)
    if missing:
        raise WmsError("ROLE_NOT_GRANTABLE", details={"field": "role", "role": role_code, "own_role": actor.role,
                                                      "permissions": missing})


def _editable(uow: UnitOfWork, role_code: str) -> RoleInfo:
    """The role as it is, locked; ROLE_NOT_FOUND, or ROLE_NOT_GRANTABLE when it holds more than the actor."""
    row = uow.conn.execute(select(roles).where(roles.c.role_code == role_code).with_for_update()).first()
    if row is None:
        raise WmsError("ROLE_NOT_FOUND", details={"role_code": role_code})
    role = _out(row)
    _require_grants(uow.actor, role.permissions, role_code)
    return role


def _keep_own(actor: Actor, role_code: str) -> None:
    if actor.role == role_code:
        raise WmsError("OPERATION_NOT_ALLOWED", details={"role_code": role_code, "reason": "own_role"})


def _row(conn: Connection, role_code: str):
    return conn.execute(select(roles).where(roles.c.role_code == role_code)).first()


def _stored(permissions: Iterable[str]) -> str:
    return json.dumps(sorted(set(permissions)))


def _out(row) -> RoleInfo:
    return RoleInfo(role_code=row.role_code, role_name=row.role_name, permissions=json.loads(row.permissions),
                    is_active=row.is_active, built_in=row.role_code in BUILT_IN)


def _audit(uow: UnitOfWork, role: RoleInfo, action: str, before: RoleInfo | None) -> None:
    audit.record(uow, audit.Change(f"role:{role.role_code}", "role", role.role_code, action,
                                   None if before is None else _audited(before), _audited(role)),
                 in_warehouse=False)  # roles are the database's, like users


def _audited(role: RoleInfo) -> dict:
    return {"role_name": role.role_name, "permissions": role.permissions, "is_active": role.is_active}
