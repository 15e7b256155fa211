"""Workstation users and login.

Every stock and catalogue operation takes an ``operator_id``: on a workstation it is the
logged-in user's ``user_name`` (the GUI fills it in from ``login``'s result), so the ledger
names who did what.

Passwords are stored as argon2id hashes (argon2-cffi's ``PasswordHasher`` with its default,
RFC 9106 low-memory parameters); a hash made with older parameters is upgraded on the next
successful login. A login computes the hash of the given password with the user's parameters
and salt and asks whether it is the stored one: on PostgreSQL the workstation role cannot read
stored hashes at all (functions wms_login_settings / wms_login). ``login`` refuses an unknown user and a wrong password with the same
``INVALID_CREDENTIALS`` (11001), and spends the same argon2 work on both (an unknown user is
verified against a dummy hash), so neither the answer nor its timing tells which user names
exist. A deactivated user gets ``USER_INACTIVE`` (11006) only after the right password.

Roles (``domain/permissions.py``): ``admin`` (users), ``supervisor`` (adjustments, counts,
catalogue, locations), ``clerk`` (receiving, shipping, transfers); ``services/access.py``
checks them before every write the app makes.
"""
from __future__ import annotations

from typing import Any

import base64

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import HashingError, InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import hash_secret
from sqlalchemy import Connection, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from ..db.engine import Database
from ..db.schema import users
from ..domain.permissions import ROLES
from ..domain import fields as f
from ..domain.codes import iso_z
from ..domain.errors import WmsError, invalid

PASSWORD_MIN = 8
PASSWORD_MAX = 256  # argon2 takes any length; this only stops a pasted novel


def password() -> f.Parser:
    """A password: any printable text of 8 … 256 characters (spaces allowed, nothing trimmed)."""
    base = f.text(PASSWORD_MAX)

    def parse(name: str, value: Any) -> str:
        value = base(name, value)
        if len(value) < PASSWORD_MIN:
            raise invalid(name, f"must be at least {PASSWORD_MIN} characters", min_length=PASSWORD_MIN)
        return value

    return parse


def _any_password() -> f.Parser:
    """What a login form sends: checked against the hash, so only its type and size matter."""
    return f.text(PASSWORD_MAX)


USER_NAME = {"user_name": f.F(f.code(), required=True)}
USER_CREATE = f.Schema({
    **USER_NAME,
    "password": f.F(password(), required=True),
    "display_name": f.F(f.text(), required=True),
    "role": f.F(f.choice(*ROLES), required=True),
})
LOGIN = f.Schema({**USER_NAME, "password": f.F(_any_password(), required=True)})
SET_ACTIVE = f.Schema({**USER_NAME, "is_active": f.F(f.flag(), required=True)})
CHANGE_PASSWORD = f.Schema({
    **USER_NAME,
    "old_password": f.F(_any_password(), required=True),
    "new_password": f.F(password(), required=True),
})

_USER_COLUMNS = (users.c.user_id, users.c.user_name, users.c.display_name, users.c.role, users.c.is_active,
                 users.c.created_at)


class Auth:
    """Users are shared by every warehouse of the database (like the catalogue)."""

    def __init__(self, db: Database, hasher: PasswordHasher | None = None) -> None:
        self.db = db
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    def has_users(self) -> bool:
        """False on a fresh database: the GUI then asks for the first admin (``create_user``)."""
        return self.db.run(lambda conn: conn.scalar(select(users.c.user_id).limit(1)) is not None, write=False)

    def create_user(self, payload: dict[str, Any]) -> dict[str, Any]:
        """→ ``{user_id, user_name, display_name, role, is_active, created_at}``.
        ``USER_NAME_EXISTS`` when the name is taken (names are case-sensitive)."""
        p = USER_CREATE.parse(payload)
        hashed = self.hasher.hash(p["password"])  # before the transaction: ~50 ms of CPU

        def work(conn: Connection) -> dict:
            if conn.scalar(select(users.c.user_id).where(users.c.user_name == p["user_name"])) is not None:
                raise WmsError("USER_NAME_EXISTS", details={"user_name": p["user_name"]})
            user_id = _insert_user(conn, p["user_name"], p["display_name"], p["role"], hashed)
            return _user_out(conn.execute(select(*_USER_COLUMNS).where(users.c.user_id == user_id)).one())

        try:
            return self.db.run(work)
        except IntegrityError as error:  # a concurrent create of the same name won the race
            raise WmsError("USER_NAME_EXISTS", details={"user_name": p["user_name"]}) from error

    def login(self, payload: dict[str, Any]) -> dict[str, Any]:
        """``{user_name, password}`` → ``{user_id, user_name, display_name, role}``.

        ``INVALID_CREDENTIALS`` (11001) for an unknown user or a wrong password alike;
        ``USER_INACTIVE`` (11006) for a deactivated user whose password was right."""
        p = LOGIN.parse(payload)
        candidate, row = self._check(p["user_name"], p["password"])
        if row is None:
            raise _bad_credentials()
        if not row.is_active:
            raise WmsError("USER_INACTIVE", details={"user_name": row.user_name})
        if self.hasher.check_needs_rehash(candidate):
            self._store_hash(row.user_id, candidate, self.hasher.hash(p["password"]))
        return {"user_id": row.user_id, "user_name": row.user_name, "display_name": row.display_name,
                "role": row.role}

    def change_password(self, payload: dict[str, Any]) -> dict[str, Any]:
        """``{user_name, old_password, new_password}`` → the user. ``OLD_PASSWORD_INCORRECT``
        (10003) when old_password is wrong; ``USER_NOT_FOUND`` (13002) for an unknown user."""
        p = CHANGE_PASSWORD.parse(payload)
        candidate, current = self._check(p["user_name"], p["old_password"], known=True)
        if current is None:
            raise WmsError("OLD_PASSWORD_INCORRECT", details={"user_name": p["user_name"]})
        hashed = self.hasher.hash(p["new_password"])

        def work(conn: Connection) -> dict:
            # only if nobody changed it since we checked the old one
            if not _replace_hash(conn, current.user_id, candidate, hashed):
                raise WmsError("OLD_PASSWORD_INCORRECT", details={"user_name": p["user_name"]})
            return _user_out(conn.execute(select(*_USER_COLUMNS).where(users.c.user_id == current.user_id)).one())

        return self.db.run(work)

    def set_active(self, payload: dict[str, Any]) -> dict[str, Any]:
        """``{user_name, is_active}`` → the user. A deactivated user can no longer log in; their
        name stays in the ledger and cannot be given to anyone else."""
        p = SET_ACTIVE.parse(payload)

        def work(conn: Connection) -> dict:
            user_id = _set_active(conn, p["user_name"], p["is_active"])
            if user_id is None:
                raise WmsError("USER_NOT_FOUND", details={"user_name": p["user_name"]})
            return _user_out(conn.execute(select(*_USER_COLUMNS).where(users.c.user_id == user_id)).one())

        return self.db.run(work)

    def list_users(self) -> list[dict[str, Any]]:
        """Every user by name (for the admin's user screen); no hashes."""
        return self.db.run(lambda conn: [_user_out(r) for r in conn.execute(
            select(*_USER_COLUMNS).order_by(users.c.user_name))], write=False)

    # ---- internals -------------------------------------------------------------------------

    def _check(self, user_name: str, password: str, known: bool = False):
        """(the hash of ``password`` as stored for this user, the user's row) when it is the
        stored one, else (None, None). The hash is computed here from the user's parameters and
        salt and compared by the database, which never hands the stored hash out. An unknown
        user costs the same argon2 work (or is USER_NOT_FOUND with ``known``)."""
        settings = self.db.run(lambda conn: _login_settings(conn, user_name), write=False)
        if settings is None:
            if known:
                raise WmsError("USER_NOT_FOUND", details={"user_name": user_name})
            self._verify(self._dummy(), password)  # the same work as for a real user
            return None, None
        candidate = _hash_like(settings, password)
        if candidate is None:  # a corrupt stored hash never lets anyone in
            return None, None
        row = self.db.run(lambda conn: _user_with_hash(conn, user_name, candidate), write=False)
        return (candidate, row) if row is not None else (None, None)

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
        self.db.run(lambda conn: _replace_hash(conn, user_id, old, new))


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


def _replace_hash(conn: Connection, user_id: int, old: str, new: str) -> bool:
    """Only while the hash is still ``old``: a concurrent password change wins."""
    if conn.dialect.name == "postgresql":
        return conn.execute(text("SELECT wms_user_replace_hash(:u, :o, :n)"),
                            {"u": user_id, "o": old, "n": new}).scalar() is not None
    return conn.execute(update(users).where(users.c.user_id == user_id, users.c.password_hash == old)
                        .values(password_hash=new).returning(users.c.user_id)).first() is not None


def _bad_credentials() -> WmsError:
    return WmsError("INVALID_CREDENTIALS")


def _user_out(row) -> dict[str, Any]:
    out = dict(row._mapping)
    out["created_at"] = iso_z(out["created_at"])
    return out
