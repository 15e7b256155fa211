"""Warehouses administered from the app, on both backends: created with 无货位, renamed,
deactivated (nobody works in it then) and activated again; by an administrator only; every
change in the audit trail."""
from __future__ import annotations

import json

import pytest

from wms_desktop.domain.codes import UNASSIGNED_LOCATION
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


@pytest.fixture
def admin(services):
    services.auth.create_user({"user_name": "root", "password": "long enough", "display_name": "管理员",
                               "role": "admin"})
    return services.acting_as("root", "admin")


def test_an_administrator_creates_renames_deactivates_and_activates(admin):
    made = admin.warehouses.create({"warehouse_code": "WH2", "warehouse_name": "二号仓"})
    east = Services(admin.db, "WH2")
    assert [loc.location_code for loc in east.locations.list()] == [UNASSIGNED_LOCATION]
    renamed = admin.warehouses.update({"warehouse_code": "WH2", "warehouse_name": "东仓"})
    assert (renamed.warehouse_name, renamed.is_active) == ("东仓", True)
    assert admin.warehouses.update({"warehouse_code": "WH2", "is_active": False}).is_active is False
    with pytest.raises(WmsError) as refused:
        Services(admin.db, "WH2").locations.list()  # a fresh workstation of that warehouse
    assert refused.value.error_code == "WAREHOUSE_INACTIVE"
    admin.warehouses.update({"warehouse_code": "WH2", "is_active": True})
    assert Services(admin.db, "WH2").locations.list()
    listed = {w.warehouse_code: (w.warehouse_name, w.is_active) for w in admin.warehouses.list()}
    assert listed == {"WH01": ("主仓库 Main", True), "WH2": ("东仓", True)}
    trail = admin.audit.trail({"subject_type": "warehouse", "subject_id": made.warehouse_id}).items
    assert [(e.action, e.actor, json.loads(e.after)) for e in reversed(trail)] == [
        ("create", "root", {"is_active": True, "warehouse_code": "WH2", "warehouse_name": "二号仓"}),
        ("update", "root", {"warehouse_name": "东仓"}), ("update", "root", {"is_active": False}),
        ("update", "root", {"is_active": True})]


def test_refusals(admin):
    for command, code in (({"warehouse_code": "WH01", "warehouse_name": "again"}, "WAREHOUSE_CODE_EXISTS"),):
        with pytest.raises(WmsError) as refused:
            admin.warehouses.create(command)
        assert refused.value.error_code == code
    with pytest.raises(WmsError) as missing:
        admin.warehouses.update({"warehouse_code": "NOPE", "warehouse_name": "x"})
    assert missing.value.error_code == "WAREHOUSE_NOT_FOUND"
    with pytest.raises(WmsError) as own:
        admin.warehouses.update({"warehouse_code": "WH01", "is_active": False})
    assert own.value.details["reason"] == "current_warehouse"
    admin.auth.create_user({"user_name": "boss", "password": "long enough", "display_name": "主管",
                            "role": "supervisor"})
    with pytest.raises(WmsError) as denied:
        admin.acting_as("boss", "supervisor").warehouses.create({"warehouse_code": "WH3", "warehouse_name": "三"})
    assert denied.value.error_code == "PERMISSION_DENIED"
    assert [w.warehouse_code for w in admin.acting_as("boss", "supervisor").warehouses.list()] == ["WH01"]
