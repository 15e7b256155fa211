"""Roles as named permission sets, on both backends: an administrator creates, edits, renames and
deactivates them, nobody grants a permission they lack (12003, nothing changed), a change applies
to the next call of every holder (tokens and keys bind per request), and each lands in the audit trail."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.conftest import SEEDED_ROLES
from tests.helpers import snapshot
from wms_desktop.db.schema import audit_log, roles
from wms_desktop.domain.errors import WmsError
from wms_desktop.domain.permissions import APPROVE_COUNTS, CORRECT_STOCK, MANAGE_USERS, MOVE_STOCK

PASSWORD = "long enough"
COUNTER = {"role_code": "counter", "role_name": "盘点员", "permissions": [CORRECT_STOCK, MOVE_STOCK]}


@pytest.fixture
def admin(services):
    services.auth.create_user({"user_name": "root", "password": PASSWORD, "display_name": "管理员", "role": "admin"})
    return services.acting_as("root", "admin")


def refused(db, call, payload, error_code) -> WmsError:
    before = snapshot(db)
    with pytest.raises(WmsError) as caught:
        call(payload)
    assert caught.value.error_code == error_code, caught.value.to_dict()
    assert snapshot(db) == before
    return caught.value


def test_the_built_in_roles_are_seeded_and_editable(admin):
    with admin.db.engine.connect() as conn:
        assert [dict(r._mapping) for r in conn.execute(select(roles.c.role_code, roles.c.role_name, roles.c.permissions)
                                                        .order_by(roles.c.role_code))] == sorted(
            SEEDED_ROLES, key=lambda r: r["role_code"])  # the migration's seed, restored between PostgreSQL tests
    seeded = {r.role_code: (r.permissions, r.built_in) for r in admin.roles.list()}
    assert seeded["clerk"] == ([MOVE_STOCK], True)
    assert APPROVE_COUNTS in seeded["supervisor"][0] and MANAGE_USERS not in seeded["supervisor"][0]
    renamed = admin.roles.update({"role_code": "clerk", "role_name": "仓管员"})
    assert (renamed.role_name, renamed.permissions) == ("仓管员", [MOVE_STOCK])


def test_a_counter_counts_but_cannot_approve(admin):
    admin.roles.create(COUNTER)
    counter = admin.acting_as("zhao", "counter")
    assert counter.actor.holds(CORRECT_STOCK) and not counter.actor.holds(APPROVE_COUNTS)
    refused(admin.db, counter.counts.approve, {"count_number": "C1"}, "PERMISSION_DENIED")
    refused(admin.db, counter.counts.detail, {"count_number": "C1"}, "PERMISSION_DENIED")


def test_nobody_grants_what_they_lack(admin):
    admin.roles.create({"role_code": "keeper", "role_name": "人事", "permissions": [MANAGE_USERS, MOVE_STOCK]})
    keeper = admin.acting_as("hr", "keeper")
    error = refused(admin.db, keeper.roles.create, {**COUNTER, "role_code": "more"}, "ROLE_NOT_GRANTABLE")
    assert (error.code, error.details["permissions"]) == (12003, [CORRECT_STOCK])
    refused(admin.db, keeper.roles.update, {"role_code": "keeper", "permissions": [MANAGE_USERS, CORRECT_STOCK]},
            "ROLE_NOT_GRANTABLE")
    refused(admin.db, keeper.roles.update, {"role_code": "supervisor", "role_name": "x"}, "ROLE_NOT_GRANTABLE")
    refused(admin.db, keeper.roles.set_active, {"role_code": "admin", "is_active": False}, "ROLE_NOT_GRANTABLE")
    refused(admin.db, keeper.auth.create_user, {"user_name": "sup", "password": PASSWORD, "display_name": "S",
                                                "role": "supervisor"}, "ROLE_NOT_GRANTABLE")
    refused(admin.db, keeper.api_keys.add, {"name": "erp", "role": "supervisor"}, "ROLE_NOT_GRANTABLE")
    assert keeper.roles.create({"role_code": "mover", "role_name": "搬运", "permissions": [MOVE_STOCK]}).permissions == [
        MOVE_STOCK]
    assert keeper.auth.create_user({"user_name": "li", "password": PASSWORD, "display_name": "李",
                                    "role": "mover"}).role == "mover"
    refused(admin.db, admin.roles.create, {**COUNTER, "role_code": "mover"}, "ROLE_CODE_EXISTS")
    refused(admin.db, admin.roles.update, {"role_code": "nope", "role_name": "x"}, "ROLE_NOT_FOUND")
    refused(admin.db, admin.auth.set_role, {"user_name": "li", "role": "nope"}, "ROLE_NOT_FOUND")
    refused(admin.db, admin.acting_as("li", "mover").roles.create, COUNTER, "PERMISSION_DENIED")


def test_a_change_applies_to_every_holder_at_once_and_is_audited(admin, services):
    admin.roles.create(COUNTER)
    key = admin.api_keys.add({"name": "scanner", "role": "counter"}).key
    assert key.role == "counter"
    assert services.acting_as("key:scanner", "counter").actor.holds(CORRECT_STOCK)  # as the API binds each request
    admin.roles.update({"role_code": "counter", "role_name": "点数", "permissions": [MOVE_STOCK]})
    assert not services.acting_as("key:scanner", "counter").actor.holds(CORRECT_STOCK)
    admin.roles.set_active({"role_code": "counter", "is_active": False})
    assert not services.acting_as("key:scanner", "counter").actor.holds(MOVE_STOCK)  # a switched-off role grants nothing
    refused(admin.db, admin.auth.create_user, {"user_name": "x", "password": PASSWORD, "display_name": "X",
                                               "role": "counter"}, "ROLE_INACTIVE")
    with admin.db.engine.connect() as conn:  # a role's trail (the History tabs show products', locations', users')
        trail = conn.execute(select(audit_log).where(audit_log.c.subject == "role:counter")
                             .order_by(audit_log.c.audit_id)).all()
    assert [(e.action, e.actor, e.entity_type) for e in trail] == [("create", "root", "role"), ("update", "root", "role"),
                                                                   ("set_active", "root", "role")]
    assert json.loads(trail[1].before) == {"role_name": "盘点员", "permissions": [CORRECT_STOCK, MOVE_STOCK]}
    assert json.loads(trail[1].after) == {"role_name": "点数", "permissions": [MOVE_STOCK]}


def test_one_s_own_role_keeps_managing_users(admin):
    error = refused(admin.db, admin.roles.update, {"role_code": "admin", "permissions": [MOVE_STOCK]},
                    "OPERATION_NOT_ALLOWED")
    assert error.details["reason"] == "own_role"
    refused(admin.db, admin.roles.set_active, {"role_code": "admin", "is_active": False}, "OPERATION_NOT_ALLOWED")
