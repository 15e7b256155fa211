"""Workstation users and login.

Every stock and catalogue operation takes an ``operator_id``: on a workstation it is the
logged-in user's ``user_name`` (the GUI fills it in from ``login``'s result), so the ledger
names who did what.

Passwords are stored as argon2id hashes (argon2-cffi's ``PasswordHasher`` with its default,
RFC 9106 low-memory parameters); a hash made with older parameters is upgraded on the next
successful login. ``login`` refuses an unknown user and a wrong password with the same
``INVALID_CREDENTIALS`` (11001), and spends the same argon2 work on both (an unknown user is
verified against a dummy hash), so neither the answer nor its timing tells which user names
exist. A deactivated user gets ``USER_INACTIVE`` (11006) only after the right password.

Roles (``domain/permissions.py``): ``admin`` (users), ``supervisor`` (adjustments, counts,
catalogue, locations), ``clerk`` (receiving, shipping, transfers); ``services/access.py``
checks them before every write the app makes.
"""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..contract.auth import ChangePassword, CreateUser, Login, SetActive, SignedIn, User
from ..contract.decode import Payload, decode
from ..db.schema import users
from ..domain.codes import iso_z
from ..domain.errors import WmsError
from ..domain.permissions import MANAGE_USERS
from .access import READ, requires
from .unit import Area, Scope

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
        hashed = self.hasher.hash(p.password)

        def work(conn: Connection) -> User:
            if conn.scalar(select(users.c.user_id).where(users.c.user_name == p.user_name)) is not None:
                raise WmsError("USER_NAME_EXISTS", details={"user_name": p.user_name})
            user_id = conn.execute(insert(users).values(
                user_name=p.user_name, display_name=p.display_name, role=p.role, password_hash=hashed,
            ).returning(users.c.user_id)).scalar_one()
            return _user_out(conn.execute(select(*_USER_COLUMNS).where(users.c.user_id == user_id)).one())

        try:
            return self._scope.write(lambda uow: work(uow.conn))
        except IntegrityError as error:  # a concurrent create of the same name won the race
            raise WmsError("USER_NAME_EXISTS", details={"user_name": p.user_name}) from error

    @requires(READ)
    def login(self, command: Login | Payload) -> SignedIn:
        """``INVALID_CREDENTIALS`` (11001) for an unknown user or a wrong password alike;
        ``USER_INACTIVE`` (11006) for a deactivated user whose password was right."""
        p = decode(Login, command)
        row = self._scope.read(lambda uow: uow.conn.execute(
            select(users.c.user_id, users.c.user_name, users.c.display_name, users.c.role, users.c.is_active,
                   users.c.password_hash).where(users.c.user_name == p.user_name)).first())
        if row is None:
            self._verify(self._dummy(), p.password)  # the same work as for a real user
            raise _bad_credentials()
        if not self._verify(row.password_hash, p.password):
            raise _bad_credentials()
        if not row.is_active:
            raise WmsError("USER_INACTIVE", details={"user_name": row.user_name})
        if self.hasher.check_needs_rehash(row.password_hash):
            self._store_hash(row.user_id, row.password_hash, self.hasher.hash(p.password))
        return SignedIn(user_id=row.user_id, user_name=row.user_name, display_name=row.display_name, role=row.role)

    @requires(READ)
    def change_password(self, command: ChangePassword | Payload) -> User:
        """One's own password; anyone's with ``manage_users``. ``OLD_PASSWORD_INCORRECT``
        (10003) when old_password is wrong; ``USER_NOT_FOUND`` (13002) for an unknown user."""
        p = decode(ChangePassword, command)
        self._scope.actor.require_self_or(p.user_name, MANAGE_USERS)
        current = self._scope.read(lambda uow: uow.conn.execute(
            select(users.c.user_id, users.c.password_hash).where(users.c.user_name == p.user_name)).first())
        if current is None:
            raise WmsError("USER_NOT_FOUND", details={"user_name": p.user_name})
        if not self._verify(current.password_hash, p.old_password):
            raise WmsError("OLD_PASSWORD_INCORRECT", details={"user_name": p.user_name})
        hashed = self.hasher.hash(p.new_password)

        def work(conn: Connection) -> User:
            # only if nobody changed it since we checked the old one
            changed = conn.execute(update(users).where(users.c.user_id == current.user_id,
                                                       users.c.password_hash == current.password_hash)
                                   .values(password_hash=hashed).returning(users.c.user_id)).first()
            if changed is None:
                raise WmsError("OLD_PASSWORD_INCORRECT", details={"user_name": p.user_name})
            return _user_out(conn.execute(select(*_USER_COLUMNS).where(users.c.user_id == current.user_id)).one())

        return self._scope.write(lambda uow: work(uow.conn))

    @requires(MANAGE_USERS)
    def set_active(self, command: SetActive | Payload) -> User:
        """A deactivated user can no longer log in; their name stays in the ledger and cannot be
        given to anyone else."""
        p = decode(SetActive, command)

        def work(conn: Connection) -> User:
            row = conn.execute(update(users).where(users.c.user_name == p.user_name)
                               .values(is_active=p.is_active).returning(*_USER_COLUMNS)).first()
            if row is None:
                raise WmsError("USER_NOT_FOUND", details={"user_name": p.user_name})
            return _user_out(row)

        return self._scope.write(lambda uow: work(uow.conn))

    @requires(MANAGE_USERS)
    def list_users(self) -> list[User]:
        """Every user by name (for the admin's user screen); no hashes."""
        return self._scope.read(lambda uow: [_user_out(r) for r in uow.conn.execute(
            select(*_USER_COLUMNS).order_by(users.c.user_name))])

    # ---- internals -------------------------------------------------------------------------

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
        self._scope.write(lambda uow: uow.conn.execute(
            update(users).where(users.c.user_id == user_id, users.c.password_hash == old).values(password_hash=new)))


def _bad_credentials() -> WmsError:
    return WmsError("INVALID_CREDENTIALS")


def _user_out(row) -> User:
    out = dict(row._mapping)
    out["created_at"] = iso_z(out["created_at"])
    return User(**out)
