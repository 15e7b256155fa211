"""identify says whether a SKU is kept in batches (it has a lot, or stock in a batch): the
workstation then makes the batch step part of the scan flow. PostgreSQL and SQLite."""
from __future__ import annotations

from datetime import date

from tests.conftest import WAREHOUSE
from wms_desktop.services import Services, lookup, lots
from wms_desktop.services.access import SYSTEM
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope


def test_identify_says_which_skus_are_kept_in_batches(db):
    services = Services(db, WAREHOUSE)
    services.locations.create({"location_code": "A-01"})
    for code in ("MILK", "SOAP", "EGGS"):
        services.catalog.create_product({"product_code": code, "product_name": code, "operator_id": "u"})
    services.catalog.add_external_codes({"sku_code": "MILK", "external_code": "6970123000031"})
    identify = services.lookup.identify
    assert not identify({"code": "MILK"}).batched and not identify({"code": "6970123000031"}).batched

    services.inventory.inbound({"product_code": "MILK", "location_code": "A-01", "stock_quantity": 2,
                                "batch_number": "B251203", "operator_id": "u"})
    Scope(db, Warehouse(WAREHOUSE), SYSTEM).write(
        lambda uow: lots.record(uow.conn, lookup.sku(uow.conn, "EGGS"), "E1", date(2031, 1, 1)))  # a lot, no stock
    services.inventory.inbound({"product_code": "SOAP", "location_code": "A-01", "stock_quantity": 2,
                                "operator_id": "u"})  # stock without a batch
    assert identify({"code": "MILK"}).batched and identify({"code": "6970123000031"}).batched
    assert identify({"code": "MILK", "gtin": "06970123000031"}).batched  # a GS1 label's GTIN
    assert identify({"code": "EGGS"}).batched
    assert not identify({"code": "SOAP"}).batched and not identify({"code": "A-01"}).batched
