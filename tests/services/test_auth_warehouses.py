"""Users per warehouse and roles that cannot grant what they lack, on both backends: a user
signs in only where assigned (administrators everywhere), assignments are audited, and a role
creating a user above itself is refused with nothing changed."""
from __future__ import annotations

import json

import pytest

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from wms_desktop.domain.errors import WmsError
from wms_desktop.domain.permissions import CORRECT_STOCK, MANAGE_USERS, MOVE_STOCK
from wms_desktop.services import Services

PASSWORD = "long enough"


@pytest.fixture
def admin(services):
    services.auth.create_user({"user_name": "root", "password": PASSWORD, "display_name": "管理员", "role": "admin"})
    admin = services.acting_as("root", "admin")
    admin.warehouses.create({"warehouse_code": "WH2", "warehouse_name": "二号仓"})
    return admin


def refused(db, call, payload, error_code) -> WmsError:
    before = snapshot(db)
    with pytest.raises(WmsError) as caught:
        call(payload)
    assert caught.value.error_code == error_code, caught.value.to_dict()
    assert snapshot(db) == before
    return caught.value


def sign_in(db, warehouse: str, user_name: str):
    return Services(db, warehouse).auth.login({"user_name": user_name, "password": PASSWORD})


def test_a_user_is_refused_outside_their_warehouses(admin):
    db = admin.db
    created = admin.auth.create_user({"user_name": "li", "password": PASSWORD, "display_name": "李", "role": "clerk"})
    assert created.warehouse_codes == [WAREHOUSE]  # the workstation's by default
    assert sign_in(db, WAREHOUSE, "li").user_name == "li"
    error = refused(db, lambda p: sign_in(db, "WH2", p), "li", "WAREHOUSE_NOT_ALLOWED")
    assert (error.code, error.details["warehouse_code"]) == (12002, "WH2")
    assert sign_in(db, "WH2", "root").role == "admin"  # administrators work everywhere, unassigned

    moved = admin.auth.set_warehouses({"user_name": "li", "warehouse_codes": ["WH2"]})
    assert moved.warehouse_codes == ["WH2"]
    assert sign_in(db, "WH2", "li").user_name == "li"
    refused(db, lambda p: sign_in(db, WAREHOUSE, p), "li", "WAREHOUSE_NOT_ALLOWED")
    assert {u.user_name: u.warehouse_codes for u in admin.auth.list_users()} == {"li": ["WH2"], "root": []}
    trail = admin.audit.trail({"subject_type": "user", "subject_id": created.user_id}).items
    assert [(e.action, e.actor, json.loads(e.after)["warehouse_codes"]) for e in reversed(trail)] == [
        ("create", "root", [WAREHOUSE]), ("set_warehouses", "root", ["WH2"])]

    refused(db, admin.auth.set_warehouses, {"user_name": "li", "warehouse_codes": ["WH2", "NOPE"]},
            "WAREHOUSE_NOT_FOUND")
    refused(db, admin.auth.set_warehouses, {"user_name": "nobody", "warehouse_codes": []}, "USER_NOT_FOUND")
    refused(db, admin.acting_as("li", "clerk").auth.set_warehouses, {"user_name": "li", "warehouse_codes": [WAREHOUSE]},
            "PERMISSION_DENIED")
    both = admin.auth.create_user({"user_name": "wang", "password": PASSWORD, "display_name": "王", "role": "supervisor",
                                   "warehouse_codes": ["WH2", WAREHOUSE]})
    assert both.warehouse_codes == [WAREHOUSE, "WH2"]


def test_a_role_cannot_grant_what_it_lacks(admin):
    # a role that manages users but lacks most of the rest grants no role holding more
    admin.roles.create({"role_code": "chief", "role_name": "主管", "permissions": [MANAGE_USERS, MOVE_STOCK, CORRECT_STOCK]})
    boss = admin.acting_as("wang", "chief")
    error = refused(admin.db, boss.auth.create_user, {"user_name": "usurper", "password": PASSWORD,
                                                      "display_name": "篡位", "role": "admin"}, "ROLE_NOT_GRANTABLE")
    assert (error.code, error.details["own_role"]) == (12003, "chief")
    assert boss.auth.create_user({"user_name": "peer", "password": PASSWORD, "display_name": "同级",
                                  "role": "chief"}).role == "chief"
    assert boss.auth.create_user({"user_name": "helper", "password": PASSWORD, "display_name": "助手",
                                  "role": "clerk"}).role == "clerk"
    assert admin.auth.create_user({"user_name": "second", "password": PASSWORD, "display_name": "二把手",
                                   "role": "admin"}).role == "admin"
    refused(admin.db, boss.auth.set_role, {"user_name": "helper", "role": "admin"}, "ROLE_NOT_GRANTABLE")
    refused(admin.db, boss.auth.set_role, {"user_name": "second", "role": "clerk"}, "ROLE_NOT_GRANTABLE")
    refused(admin.db, boss.auth.set_role, {"user_name": "helper", "role": "supervisor"}, "ROLE_NOT_GRANTABLE")
    assert boss.auth.set_role({"user_name": "helper", "role": "chief"}).role == "chief"
    assert admin.auth.set_role({"user_name": "peer", "role": "admin"}).role == "admin"
    refused(admin.db, admin.auth.set_role, {"user_name": "nobody", "role": "clerk"}, "USER_NOT_FOUND")
    helper = next(u for u in admin.auth.list_users() if u.user_name == "helper")
    trail = admin.audit.trail({"subject_type": "user", "subject_id": helper.user_id}).items
    assert [(e.action, e.actor, json.loads(e.after)) for e in trail][0] == ("set_role", "wang", {"role": "chief"})
