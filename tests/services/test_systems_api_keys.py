"""API keys: shown once and kept as a hash, a role below the creator's, the warehouse's own only,
revocable."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from tests.conftest import WAREHOUSE
from wms_desktop.db.schema import api_keys
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, create_warehouse
from wms_desktop.services.sessions import Sessions


def test_a_key_is_shown_once_and_stored_as_its_hash(db):
    services = Services(db, WAREHOUSE)
    created = services.api_keys.add({"name": "网店", "role": "clerk"})
    assert created.api_key.startswith(f"wmsk_{created.key.key_id}_")
    assert (created.key.name, created.key.role, created.key.warehouse_code, created.key.created_by) == (
        "网店", "clerk", WAREHOUSE, "system")
    with db.engine.connect() as conn:
        (stored,) = conn.execute(select(api_keys)).all()
    secret = created.api_key.removeprefix(f"wmsk_{created.key.key_id}_")
    assert secret not in str(tuple(stored))
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    holder = Sessions(db, WAREHOUSE).key_holder(created.api_key)
    assert (holder.name, holder.role, holder.warehouse_code, holder.operator) == ("网店", "clerk", WAREHOUSE, "key:网店")


@pytest.mark.parametrize("presented", ["wmsk_", "wmsk_nokey", "nonsense", "wmsk_0000000000000000_secret"])
def test_a_malformed_unknown_or_wrong_key_is_one_refusal(db, presented):
    created = Services(db, WAREHOUSE).api_keys.add({"name": "erp", "role": "clerk"})
    sessions = Sessions(db, WAREHOUSE)
    for wrong in (presented, created.api_key[:-1] + ("A" if created.api_key[-1] != "A" else "B")):
        with pytest.raises(WmsError) as caught:
            sessions.key_holder(wrong)
        assert caught.value.error_code == "TOKEN_INVALID" and caught.value.code == 11002


def test_a_revoked_key_stops(db):
    services = Services(db, WAREHOUSE)
    created = services.api_keys.add({"name": "erp", "role": "supervisor"})
    revoked = services.api_keys.revoke({"key_id": created.key.key_id})
    assert revoked.revoked_at is not None
    assert services.api_keys.revoke({"key_id": created.key.key_id}).revoked_at == revoked.revoked_at
    with pytest.raises(WmsError) as caught:
        Sessions(db, WAREHOUSE).key_holder(created.api_key)
    assert caught.value.error_code == "TOKEN_REVOKED"
    assert [k.revoked_at is not None for k in services.api_keys.list()] == [True]


def test_an_admin_gives_roles_below_their_own_and_nobody_else_gives_any(db):
    admin = Services(db, WAREHOUSE).acting_as("ada", "admin")
    assert admin.api_keys.add({"name": "shop", "role": "supervisor"}).key.created_by == "ada"
    for role in ("admin",):
        with pytest.raises(WmsError) as caught:
            admin.api_keys.add({"name": "shop", "role": role})
        assert caught.value.error_code == "PERMISSION_DENIED" and caught.value.details["field"] == "role"
    for user, role in (("sam", "supervisor"), ("cleo", "clerk")):
        with pytest.raises(WmsError) as caught:
            Services(db, WAREHOUSE).acting_as(user, role).api_keys.add({"name": "shop", "role": "clerk"})
        assert caught.value.error_code == "PERMISSION_DENIED"


def test_another_warehouse_s_key_is_not_found(db):
    create_warehouse(db, {"warehouse_code": "WH02", "warehouse_name": "东仓"})
    theirs = Services(db, "WH02").api_keys.add({"name": "erp", "role": "clerk"})
    ours = Services(db, WAREHOUSE)
    with pytest.raises(WmsError) as caught:
        ours.api_keys.revoke({"key_id": theirs.key.key_id})
    assert (caught.value.error_code, caught.value.code) == ("API_KEY_NOT_FOUND", 13001)
    assert ours.api_keys.list() == []
    assert Sessions(db, WAREHOUSE).key_holder(theirs.api_key).warehouse_code == "WH02"


def test_a_key_of_a_switched_off_warehouse_stops(db):
    create_warehouse(db, {"warehouse_code": "WH02", "warehouse_name": "东仓"})
    theirs = Services(db, "WH02").api_keys.add({"name": "erp", "role": "clerk"})
    Services(db, WAREHOUSE).warehouses.update({"warehouse_code": "WH02", "is_active": False})
    with pytest.raises(WmsError) as caught:
        Sessions(db, WAREHOUSE).key_holder(theirs.api_key)
    assert caught.value.error_code == "WAREHOUSE_INACTIVE"
