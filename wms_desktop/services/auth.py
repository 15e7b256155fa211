"""Workstation users and login.

Every stock and catalogue operation takes an ``operator_id``: on a workstation it is the
logged-in user's ``user_name`` (the GUI fills it in from ``login``'s result), so the ledger
names who did what.

Passwords are stored as argon2id hashes (argon2-cffi's ``PasswordHasher`` with its default,
RFC 9106 low-memory parameters); a hash made with older parameters is upgraded on the next
successful login. A login computes the hash of the given password with the user's parameters
and salt and asks whether it is the stored one: on PostgreSQL the workstation role cannot read
stored hashes at all (functions wms_login_settings / wms_login); SQLite takes the same steps.
``login`` refuses an unknown user and a wrong password with the same ``INVALID_CREDENTIALS``
(11001), and spends the same argon2 work on both (an unknown user is verified against a dummy
hash), so neither the answer nor its timing tells which user names exist. A deactivated user gets ``USER_INACTIVE`` (11006) only after the right password.
Failed sign-ins are throttled per user name and, for the HTTP API, per address
(``services/throttle.py``): past the limit ``TOO_MANY_SIGN_IN_ATTEMPTS`` (11008) comes before
any password is checked.

Roles (``services/roles.py``): named permission sets, the built-in ``admin`` (users),
``supervisor`` (adjustments, counts, catalogue, locations) and ``clerk`` (receiving, shipping,
transfers) among them; ``services/access.py`` checks them before every write the app makes.
Nobody gives a user a role holding a permission they lack, nor changes the role of a user whose
role does (``ROLE_NOT_GRANTABLE``, 12003; the command line, the system, may grant any).

Warehouses: an administrator (``manage_users``) may sign in to every warehouse; anyone else only to the ones they
are assigned to (``user_warehouses``; ``set_warehouses``), else ``WAREHOUSE_NOT_ALLOWED``
(12002) after the right password, like ``USER_INACTIVE``. A new user is assigned to the
warehouses given, or else to the workstation's (an administrator to none: the first one is
made before any warehouse exists).
"""
from __future__ import annotations

import base64
from typing import Any

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import HashingError, InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import hash_secret
from sqlalchemy import Connection, delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from ..contract.auth import ChangePassword, CreateUser, Login, SetActive, SetRole, SetWarehouses, SignedIn, User
from ..contract.decode import Payload, decode
from ..db.schema import user_warehouses, users, warehouses
from ..domain.codes import iso_z
from ..domain.errors import WmsError
from ..domain.permissions import MANAGE_USERS
from . import audit, throttle
from .access import READ, requires
from .lookup import Warehouse, warehouse_id
from .roles import permissions_of, require_assignable, require_within
from .unit import Area, Scope, UnitOfWork

_USER_COLUMNS = (users.c.user_id, users.c.user_name, users.c.display_name, users.c.role, users.c.is_active,
                 users.c.created_at)


class Auth(Area):
    """Users are shared by every warehouse of the database (like the catalogue). Hashing
    (~50 ms of CPU) happens outside the transactions."""

    def __init__(self, scope: Scope, hasher: PasswordHasher | None = None) -> None:
        super().__init__(scope)
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    @requires(READ)
    def has_users(self) -> bool:
        """False on a fresh database: the GUI then asks for the first admin (``create_user``)."""
        return self._scope.read(lambda uow: uow.conn.scalar(select(users.c.user_id).limit(1)) is not None)

    @requires(MANAGE_USERS)
    def create_user(self, command: CreateUser | Payload) -> User:
        """``USER_NAME_EXISTS`` when the name is taken (names are case-sensitive)."""
        p = decode(CreateUser, command)
        self._scope.read(lambda uow: require_assignable(uow.conn, uow.actor, p.role))  # before the hashing
        hashed = self.hasher.hash(p.password)

        def work(uow: UnitOfWork) -> User:
            conn = uow.conn
            require_assignable(conn, uow.actor, p.role)
            if conn.scalar(select(users.c.user_id).where(users.c.user_name == p.user_name)) is not None:
                raise WmsError("USER_NAME_EXISTS", details={"user_name": p.user_name})
            places = _warehouse_ids(conn, p.warehouse_codes) if p.warehouse_codes is not None else \
                [] if MANAGE_USERS in permissions_of(conn, p.role) else [uow.warehouse_id]
            user_id = _insert_user(conn, p.user_name, p.display_name, p.role, hashed)
            _assign(conn, user_id, places)
            user = _user_of(conn, user_id)
            _audit(uow, user, "create", None, _audited(user))
            return user

        try:
            return self._scope.write(work)
        except IntegrityError as error:  # a concurrent create of the same name won the race
            raise WmsError("USER_NAME_EXISTS", details={"user_name": p.user_name}) from error

    @requires(READ)
    def login(self, command: Login | Payload, address: str | None = None) -> SignedIn:
        """``INVALID_CREDENTIALS`` (11001) for an unknown user or a wrong password alike;
        ``USER_INACTIVE`` (11006) for a deactivated user whose password was right;
        ``TOO_MANY_SIGN_IN_ATTEMPTS`` (11008) after too many failures of this user name (or
        from this network ``address``), whatever the password."""
        p = decode(Login, command)
        attempt = throttle.subjects(p.user_name, address)
        self._scope.read(lambda uow: throttle.check(uow.conn, attempt))
        checked = self._check(p.user_name, p.password)
        if checked is None:
            self._scope.write(lambda uow: throttle.record(uow.conn, attempt))
            raise _bad_credentials()
        candidate, row = checked
        self._scope.write(lambda uow: throttle.forget_user(uow.conn, row.user_name))
        if not row.is_active:
            raise WmsError("USER_INACTIVE", details={"user_name": row.user_name})
        permissions = self._scope.read(lambda uow: _require_allowed(uow, row.user_id, row.user_name, row.role))
        if self.hasher.check_needs_rehash(candidate):
            self._store_hash(row.user_id, candidate, self.hasher.hash(p.password))
        return SignedIn(user_id=row.user_id, user_name=row.user_name, display_name=row.display_name, role=row.role,
                        permissions=sorted(permissions))

    @requires(READ)
    def change_password(self, command: ChangePassword | Payload) -> User:
        """One's own password; anyone's with ``manage_users``. ``OLD_PASSWORD_INCORRECT``
        (10003) when old_password is wrong; ``USER_NOT_FOUND`` (13002) for an unknown user."""
        p = decode(ChangePassword, command)
        self._scope.actor.require_self_or(p.user_name, MANAGE_USERS)
        checked = self._check(p.user_name, p.old_password, known=True)
        if checked is None:
            raise WmsError("OLD_PASSWORD_INCORRECT", details={"user_name": p.user_name})
        candidate, current = checked
        hashed = self.hasher.hash(p.new_password)

        def work(uow: UnitOfWork) -> User:
            # only if nobody changed it since we checked the old one
            if not _replace_hash(uow.conn, current.user_id, candidate, hashed):
                raise WmsError("OLD_PASSWORD_INCORRECT", details={"user_name": p.user_name})
            user = _user_of(uow.conn, current.user_id)
            _audit(uow, user, "change_password", {}, {"password_changed": True})  # never the hash
            return user

        return self._scope.write(work)

    @requires(MANAGE_USERS)
    def set_active(self, command: SetActive | Payload) -> User:
        """A deactivated user can no longer log in; their name stays in the ledger and cannot be
        given to anyone else."""
        p = decode(SetActive, command)

        def work(uow: UnitOfWork) -> User:
            was = uow.conn.scalar(select(users.c.is_active).where(users.c.user_name == p.user_name))
            user_id = _set_active(uow.conn, p.user_name, p.is_active)
            if user_id is None:
                raise WmsError("USER_NOT_FOUND", details={"user_name": p.user_name})
            user = _user_of(uow.conn, user_id)
            _audit(uow, user, "set_active", {"is_active": was}, {"is_active": user.is_active})
            return user

        return self._scope.write(work)

    @requires(MANAGE_USERS)
    def list_users(self) -> list[User]:
        """Every user by name (for the admin's user screen); no hashes."""
        def work(uow: UnitOfWork) -> list[User]:
            places = _places(uow.conn)
            return [_user_out(r, places.get(r.user_id, [])) for r in uow.conn.execute(
                select(*_USER_COLUMNS).order_by(users.c.user_name))]

        return self._scope.read(work)

    @requires(MANAGE_USERS)
    def set_role(self, command: SetRole | Payload) -> User:
        """``ROLE_NOT_GRANTABLE`` when the new role or the user's present one holds a permission
        the actor lacks (nobody demotes their betters either); the user's API tokens stop at once
        (sessions)."""
        p = decode(SetRole, command)

        def work(uow: UnitOfWork) -> User:
            require_assignable(uow.conn, uow.actor, p.role)
            was = uow.conn.scalar(select(users.c.role).where(users.c.user_name == p.user_name))
            if was is None:
                raise WmsError("USER_NOT_FOUND", details={"user_name": p.user_name})
            require_within(uow.conn, uow.actor, was)
            user = _user_of(uow.conn, _set_role(uow.conn, p.user_name, p.role))
            _audit(uow, user, "set_role", {"role": was}, {"role": user.role})
            return user

        return self._scope.write(work)

    @requires(MANAGE_USERS)
    def set_warehouses(self, command: SetWarehouses | Payload) -> User:
        """``USER_NOT_FOUND``; ``WAREHOUSE_NOT_FOUND`` for an unknown code (nothing changes)."""
        p = decode(SetWarehouses, command)

        def work(uow: UnitOfWork) -> User:
            conn = uow.conn
            user_id = conn.scalar(select(users.c.user_id).where(users.c.user_name == p.user_name))
            if user_id is None:
                raise WmsError("USER_NOT_FOUND", details={"user_name": p.user_name})
            places = _warehouse_ids(conn, p.warehouse_codes)
            before = _user_of(conn, user_id)
            conn.execute(delete(user_warehouses).where(user_warehouses.c.user_id == user_id))
            _assign(conn, user_id, places)
            user = _user_of(conn, user_id)
            _audit(uow, user, "set_warehouses", {"warehouse_codes": before.warehouse_codes},
                   {"warehouse_codes": user.warehouse_codes})
            return user

        return self._scope.write(work)

    # ---- internals -------------------------------------------------------------------------

    def _check(self, user_name: str, password: str, known: bool = False) -> tuple[str, Any] | None:
        """(the hash of ``password`` as stored for this user, the user's row) when it is the
        stored one, else None. The hash is computed here from the user's parameters and salt
        and compared by the database, which never hands the stored hash out. An unknown user
        costs the same argon2 work (or is USER_NOT_FOUND with ``known``)."""
        settings = self._scope.read(lambda uow: _login_settings(uow.conn, user_name))
        if settings is None:
            if known:
                raise WmsError("USER_NOT_FOUND", details={"user_name": user_name})
            self._verify(self._dummy(), password)  # the same work as for a real user
            return None
        candidate = _hash_like(settings, password)
        if candidate is None:  # a corrupt stored hash never lets anyone in
            return None
        row = self._scope.read(lambda uow: _user_with_hash(uow.conn, user_name, candidate))
        return (candidate, row) if row is not None else None

    def _verify(self, hashed: str, given: str) -> bool:
        try:
            return self.hasher.verify(hashed, given)
        except VerifyMismatchError:
            return False
        except (VerificationError, InvalidHashError):
            return False  # a corrupt hash never lets anyone in

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash("not a password of anyone")
        return self._dummy_hash

    def _store_hash(self, user_id: int, old: str, new: str) -> None:
        """Upgrade a hash made with older parameters; a concurrent password change wins."""
        self._scope.write(lambda uow: _replace_hash(uow.conn, user_id, old, new))


def at_warehouse(auth: Auth, warehouse_code: str) -> Auth:
    """The same sign-in for another warehouse (the HTTP API's requests name theirs)."""
    other = Auth(Scope(auth._scope.db, Warehouse(warehouse_code), auth._scope.actor), auth.hasher)
    other._dummy_hash = auth._dummy()  # an unknown user costs the same work everywhere
    return other


def _hash_like(settings: str, password: str) -> str | None:
    """``password`` hashed with the parameters and salt of ``settings`` (a stored argon2 hash,
    its hash part possibly masked): equal to the stored hash exactly when the password is right."""
    try:
        params = extract_parameters(settings)
        salt = settings.split("$")[-2]
        return hash_secret(password.encode(), base64.b64decode(salt + "=" * (-len(salt) % 4)),
                           time_cost=params.time_cost, memory_cost=params.memory_cost,
                           parallelism=params.parallelism, hash_len=params.hash_len, type=params.type,
                           version=params.version).decode()
    except (InvalidHashError, VerificationError, HashingError, ValueError, IndexError):
        return None


# Reads and writes of users: on PostgreSQL through the functions the workstation role may call
# (it may neither write the table nor read password hashes, db/privileges.py); on SQLite the
# same steps on the table.

def _login_settings(conn: Connection, user_name: str) -> str | None:
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT wms_login_settings(:n)"), {"n": user_name}).scalar()
    return conn.scalar(select(users.c.password_hash).where(users.c.user_name == user_name))


def _user_with_hash(conn: Connection, user_name: str, hashed: str):
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT * FROM wms_login(:n, :h)"), {"n": user_name, "h": hashed}).first()
    return conn.execute(select(users.c.user_id, users.c.user_name, users.c.display_name, users.c.role,
                               users.c.is_active)
                        .where(users.c.user_name == user_name, users.c.password_hash == hashed)).first()


def _insert_user(conn: Connection, user_name: str, display_name: str, role: str, hashed: str) -> int:
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT wms_user_create(:n, :d, :r, :h)"),
                            {"n": user_name, "d": display_name, "r": role, "h": hashed}).scalar_one()
    return conn.execute(insert(users).values(user_name=user_name, display_name=display_name, role=role,
                                             password_hash=hashed).returning(users.c.user_id)).scalar_one()


def _set_active(conn: Connection, user_name: str, is_active: bool) -> int | None:
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT wms_user_set_active(:n, :a)"), {"n": user_name, "a": is_active}).scalar()
    return conn.execute(update(users).where(users.c.user_name == user_name).values(is_active=is_active)
                        .returning(users.c.user_id)).scalar()


def _set_role(conn: Connection, user_name: str, role: str) -> int:
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT wms_user_set_role(:n, :r)"), {"n": user_name, "r": role}).scalar_one()
    return conn.execute(update(users).where(users.c.user_name == user_name).values(role=role)
                        .returning(users.c.user_id)).scalar_one()


def _replace_hash(conn: Connection, user_id: int, old: str, new: str) -> bool:
    """Only while the hash is still ``old``: a concurrent password change wins."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT wms_user_replace_hash(:u, :o, :n)"),
                            {"u": user_id, "o": old, "n": new}).scalar() is not None
    return conn.execute(update(users).where(users.c.user_id == user_id, users.c.password_hash == old)
                        .values(password_hash=new).returning(users.c.user_id)).first() is not None


def may_work_in(conn: Connection, user_id: int, role: str, warehouse: int) -> bool:
    if MANAGE_USERS in permissions_of(conn, role):  # administrators assign the warehouses: they may work in all
        return True
    return conn.scalar(select(user_warehouses.c.user_id).where(
        user_warehouses.c.user_id == user_id, user_warehouses.c.warehouse_id == warehouse)) is not None


def _require_allowed(uow: UnitOfWork, user_id: int, user_name: str, role: str) -> frozenset[str]:
    """The role's permissions, when the user may work in this warehouse."""
    if not may_work_in(uow.conn, user_id, role, uow.warehouse_id):
        raise WmsError("WAREHOUSE_NOT_ALLOWED", details={"user_name": user_name,
                                                         "warehouse_code": uow.warehouse.code})
    return permissions_of(uow.conn, role)


def _warehouse_ids(conn: Connection, codes: list[str]) -> list[int]:
    return sorted({warehouse_id(conn, code) for code in codes})


def _assign(conn: Connection, user_id: int, places: list[int]) -> None:
    if places:
        conn.execute(insert(user_warehouses), [{"user_id": user_id, "warehouse_id": w} for w in places])


def _places(conn: Connection, user_id: int | None = None) -> dict[int, list[str]]:
    """Each user's warehouse codes, sorted."""
    query = (select(user_warehouses.c.user_id, warehouses.c.warehouse_code)
             .join(warehouses, warehouses.c.warehouse_id == user_warehouses.c.warehouse_id)
             .order_by(warehouses.c.warehouse_code))
    if user_id is not None:
        query = query.where(user_warehouses.c.user_id == user_id)
    out: dict[int, list[str]] = {}
    for row in conn.execute(query):
        out.setdefault(row.user_id, []).append(row.warehouse_code)
    return out


def _user_of(conn: Connection, user_id: int) -> User:
    row = conn.execute(select(*_USER_COLUMNS).where(users.c.user_id == user_id)).one()
    return _user_out(row, _places(conn, user_id).get(user_id, []))


def _audited(user: User) -> dict:
    return {"user_name": user.user_name, "display_name": user.display_name, "role": user.role,
            "is_active": user.is_active, "warehouse_codes": user.warehouse_codes}


def _audit(uow: UnitOfWork, user: User, action: str, before: dict | None, after: dict) -> None:
    audit.record(uow, audit.Change(f"user:{user.user_id}", "user", user.user_name, action, before, after),
                 in_warehouse=False)  # users are the database's, not a warehouse's


def _bad_credentials() -> WmsError:
    return WmsError("INVALID_CREDENTIALS")


def _user_out(row, warehouse_codes: list[str]) -> User:
    out = dict(row._mapping)
    out["created_at"] = iso_z(out["created_at"])
    return User(**out, warehouse_codes=warehouse_codes)
