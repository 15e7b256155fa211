"""Warehouses and locations, and the permanent 无货位 location."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.services.test_inventory import refused
from wms_desktop.services import Services, create_warehouse, list_warehouses


def test_every_warehouse_has_its_unassigned_location(services):
    create_warehouse(services.db, {"warehouse_code": "WH02", "warehouse_name": "East 东仓"})
    for code in ("WH01", "WH02"):
        places = Services(services.db, code).locations.list()
        assert [(p.location_code, p.location_type) for p in places] == [("无货位", "unassigned")]
    assert [w.warehouse_code for w in list_warehouses(services.db)] == ["WH01", "WH02"]
    refused(services, lambda p: create_warehouse(services.db, p), {"warehouse_code": "WH01", "warehouse_name": "x"},
            "WAREHOUSE_CODE_EXISTS")


def test_location_codes_are_unique_per_warehouse(services):
    created = services.locations.create({"location_code": "西8排1架6层4位", "location_type": "storage",
                                         "location_name": "西区"})
    assert created.is_active is True and created.location_type == "storage"
    refused(services, services.locations.create, {"location_code": "西8排1架6层4位"}, "LOCATION_CODE_EXISTS")
    refused(services, services.locations.create, {"location_code": "无货位"}, "LOCATION_CODE_EXISTS")
    refused(services, services.locations.create, {"location_code": "R1", "location_type": "attic"},
            "INVALID_PARAMETERS")
    create_warehouse(services.db, {"warehouse_code": "WH02", "warehouse_name": "East"})
    Services(services.db, "WH02").locations.create({"location_code": "西8排1架6层4位"})


def test_unassigned_location_cannot_be_changed_or_deleted(services):
    for change in ({"is_active": False}, {"location_type": "storage"}):
        refused(services, services.locations.update, {"location_code": "无货位", **change}, "OPERATION_NOT_ALLOWED")
    refused(services, services.locations.delete, {"location_code": "无货位"}, "OPERATION_NOT_ALLOWED")
    # renaming is the one edit the name allows; the code is its identity
    assert services.locations.update({"location_code": "无货位", "location_name": "待上架"}).location_name == "待上架"


def test_update_sets_and_clears_the_name(services):
    created = services.locations.create({"location_code": "R1", "location_name": "东区"})
    renamed = services.locations.update({"location_id": created.location_id, "location_type": "returns"})
    assert (renamed.location_name, renamed.location_type) == ("东区", "returns")  # left out: kept
    assert services.locations.update({"location_code": "R1", "location_name": None}).location_name is None
    refused(services, services.locations.update, {"location_code": "R1", "location_code2": "x"}, "INVALID_PARAMETERS")


def test_the_database_itself_keeps_the_unassigned_location(services):
    for statement in ("UPDATE locations SET location_code = 'X' WHERE location_type = 'unassigned'",
                      "DELETE FROM locations WHERE location_type = 'unassigned'"):
        with pytest.raises(DBAPIError), services.db.engine.begin() as conn:
            conn.execute(text(statement))


def test_deactivate_and_delete(services):
    services.locations.create({"location_code": "R1"})
    services.locations.create({"location_code": "R2", "location_type": "returns"})
    services.catalog.create_product({"product_code": "P1", "product_name": "p", "operator_id": "u"})
    services.inventory.inbound({"product_code": "P1", "location_code": "R1", "stock_quantity": 1, "operator_id": "u"})
    assert services.locations.update({"location_code": "R1", "is_active": False}).is_active is False
    error = refused(services, services.locations.delete, {"location_code": "R1"}, "OPERATION_NOT_ALLOWED")
    assert error.details["reason"] == "location_in_use"
    assert services.locations.delete({"location_code": "R2"}).location_code == "R2"
    refused(services, services.locations.get, {"location_code": "R2"}, "LOCATION_NOT_FOUND")
    assert [p.location_code for p in services.locations.list({"is_active": False})] == ["R1"]
    assert [p.location_code for p in services.locations.list({"search": "R"})] == ["R1"]


def test_unknown_warehouse(db):
    services = Services(db, "NOPE")
    refused(services, services.locations.list, {}, "WAREHOUSE_NOT_FOUND")
