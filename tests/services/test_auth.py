"""Users and login on both backends: argon2 hashes, one answer for unknown user and wrong
password, inactive users, password changes, and every refusal leaving the database as it was."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from wms_desktop.contract import to_json
from wms_desktop.db.schema import users
from wms_desktop.domain.errors import WmsError
from wms_desktop.domain.permissions import BUILT_IN
from wms_desktop.services.access import SYSTEM
from wms_desktop.services.auth import Auth
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope

FAST = dict(time_cost=1, memory_cost=1024, parallelism=1)  # tests only: real logins use the defaults
ADMIN = {"user_name": "li.wei", "password": "correct horse", "display_name": "李伟", "role": "admin"}


class CountingHasher(PasswordHasher):
    def __init__(self, **params) -> None:
        super().__init__(**params)
        self.verified = 0

    def verify(self, hash, password):
        self.verified += 1
        return super().verify(hash, password)


@pytest.fixture
def auth(db) -> Auth:
    return Auth(Scope(db, Warehouse(WAREHOUSE), SYSTEM), CountingHasher(**FAST))


def refused(db, call, payload, error_code, code=None) -> WmsError:
    before = snapshot(db)
    with pytest.raises(WmsError) as caught:
        call(payload)
    assert caught.value.error_code == error_code, caught.value.to_dict()
    if code is not None:
        assert caught.value.code == code
    assert snapshot(db) == before
    return caught.value


def stored_hash(db, user_name: str) -> str:
    with db.engine.connect() as conn:
        return conn.scalar(select(users.c.password_hash).where(users.c.user_name == user_name))


def test_first_admin_then_login(services):
    auth = services.auth  # the real hasher, once
    assert auth.has_users() is False
    created = auth.create_user(ADMIN)
    assert set(to_json(created)) == {"user_id", "user_name", "display_name", "role", "is_active", "created_at",
                                      "warehouse_codes"}
    assert (created.user_name, created.role, created.is_active) == ("li.wei", "admin", True)
    assert created.created_at.endswith("Z")
    assert auth.has_users() is True
    hashed = stored_hash(services.db, "li.wei")
    assert hashed.startswith("$argon2id$") and "correct horse" not in hashed
    assert to_json(auth.login({"user_name": "li.wei", "password": "correct horse"})) == {
        "user_id": created.user_id, "user_name": "li.wei", "display_name": "李伟", "role": "admin",
        "permissions": sorted(BUILT_IN["admin"])}


def test_unknown_user_and_wrong_password_get_the_same_answer_and_the_same_work(auth, db):
    auth.create_user(ADMIN)
    wrong = refused(db, auth.login, {"user_name": "li.wei", "password": "wrong horse"}, "INVALID_CREDENTIALS", 11001)
    calls = auth.hasher.verified
    unknown = refused(db, auth.login, {"user_name": "nobody", "password": "correct horse"}, "INVALID_CREDENTIALS",
                      11001)
    assert auth.hasher.verified == calls + 1  # verified against the dummy hash, like a real user
    assert wrong.to_dict() == unknown.to_dict()
    assert wrong.details == {}


def test_inactive_user(auth, db):
    auth.create_user(ADMIN)
    auth.create_user({**ADMIN, "user_name": "wang.fang", "display_name": "王芳", "role": "clerk"})
    assert auth.set_active({"user_name": "wang.fang", "is_active": False}).is_active is False
    refused(db, auth.login, {"user_name": "wang.fang", "password": "correct horse"}, "USER_INACTIVE", 11006)
    # the wrong password says nothing about the account's state
    refused(db, auth.login, {"user_name": "wang.fang", "password": "wrong horse"}, "INVALID_CREDENTIALS")
    auth.set_active({"user_name": "wang.fang", "is_active": True})
    assert auth.login({"user_name": "wang.fang", "password": "correct horse"}).role == "clerk"
    refused(db, auth.set_active, {"user_name": "nobody", "is_active": True}, "USER_NOT_FOUND", 13002)
    refused(db, auth.set_active, {"user_name": "wang.fang", "is_active": "no"}, "INVALID_PARAMETERS")
    assert [u.user_name for u in auth.list_users()] == ["li.wei", "wang.fang"]


@pytest.mark.parametrize("change, field", [
    ({"password": "short7!"}, "password"),
    ({"password": 12345678}, "password"),
    ({"role": "r" * 17}, "role"),  # longer than a role code (an unknown one: ROLE_NOT_FOUND)
    ({"user_name": " li.wei"}, "user_name"),
    ({"user_name": ""}, "user_name"),
    ({"user_name": "a\tb"}, "user_name"),
    ({"display_name": None}, "display_name"),
    ({"userName": "x"}, "userName"),
])
def test_create_user_refusals(auth, db, change, field):
    payload = {**ADMIN, **change}
    payload = {k: v for k, v in payload.items() if v is not None}
    if "userName" in change:
        del payload["user_name"]
    error = refused(db, auth.create_user, payload, "INVALID_PARAMETERS", 14001)
    assert error.details["field"] == field


def test_user_names_are_unique(auth, db):
    auth.create_user(ADMIN)
    refused(db, auth.create_user, {**ADMIN, "display_name": "another"}, "USER_NAME_EXISTS")


def test_change_password(auth, db):
    auth.create_user(ADMIN)
    change = {"user_name": "li.wei", "old_password": "correct horse", "new_password": "battery staple"}
    refused(db, auth.change_password, {**change, "old_password": "wrong horse"}, "OLD_PASSWORD_INCORRECT", 10003)
    refused(db, auth.change_password, {**change, "new_password": "short"}, "INVALID_PARAMETERS")
    refused(db, auth.change_password, {**change, "user_name": "nobody"}, "USER_NOT_FOUND")
    assert auth.change_password(change).user_name == "li.wei"
    assert auth.login({"user_name": "li.wei", "password": "battery staple"}).user_name == "li.wei"
    refused(db, auth.login, {"user_name": "li.wei", "password": "correct horse"}, "INVALID_CREDENTIALS")


def test_login_upgrades_a_hash_made_with_older_parameters(db):
    old = Auth(Scope(db, Warehouse(WAREHOUSE), SYSTEM), PasswordHasher(time_cost=1, memory_cost=512, parallelism=1))
    old.create_user(ADMIN)
    weak = stored_hash(db, "li.wei")
    current = Auth(Scope(db, Warehouse(WAREHOUSE), SYSTEM), PasswordHasher(**FAST))
    current.login({"user_name": "li.wei", "password": "correct horse"})
    upgraded = stored_hash(db, "li.wei")
    assert upgraded != weak and "m=1024,t=1,p=1" in upgraded
    current.login({"user_name": "li.wei", "password": "correct horse"})
    assert stored_hash(db, "li.wei") == upgraded  # current parameters: left alone


def test_a_corrupt_hash_lets_nobody_in(auth, db):
    auth.create_user(ADMIN)
    with db.engine.begin() as conn:
        conn.execute(users.update().values(password_hash="not-a-hash"))
    refused(db, auth.login, {"user_name": "li.wei", "password": "correct horse"}, "INVALID_CREDENTIALS")


def test_failed_logins_are_throttled_per_user_name_and_address(db, auth):
    """The app's sign-in too: past five failures of one name, even the right password is refused
    until the window has passed; a success forgets the name's failures; others are not held up."""
    auth.create_user(ADMIN)
    auth.create_user({**ADMIN, "user_name": "wang.fang", "role": "clerk"})
    for _ in range(4):
        refused(db, auth.login, {"user_name": "li.wei", "password": "wrong horse"}, "INVALID_CREDENTIALS")
    auth.login({"user_name": "li.wei", "password": "correct horse"})  # forgets the four
    for _ in range(5):
        refused(db, auth.login, {"user_name": "li.wei", "password": "wrong horse"}, "INVALID_CREDENTIALS")
    verified = auth.hasher.verified
    throttled = refused(db, auth.login, {"user_name": "li.wei", "password": "correct horse"},
                        "TOO_MANY_SIGN_IN_ATTEMPTS", 11008)
    assert throttled.details["subject"] == "user" and throttled.details["retry_after_seconds"] > 0
    assert auth.hasher.verified == verified  # refused before any password work
    assert auth.login({"user_name": "wang.fang", "password": "correct horse"}).user_name == "wang.fang"
    for i in range(20):
        refused(db, auth.login, {"user_name": f"guess{i}", "password": "x"}, "INVALID_CREDENTIALS")
    # twenty from one address: refused whatever the name; without an address (the app) not
    addressed = lambda p: auth.login(p, address="192.0.2.7")  # noqa: E731
    for i in range(20):
        refused(db, addressed, {"user_name": f"other{i}", "password": "x"}, "INVALID_CREDENTIALS")
    blocked = refused(db, addressed, {"user_name": "wang.fang", "password": "correct horse"},
                      "TOO_MANY_SIGN_IN_ATTEMPTS")
    assert blocked.details["subject"] == "address"
    assert auth.login({"user_name": "wang.fang", "password": "correct horse"}).user_name == "wang.fang"
