"""Inbound with a GS1 label's expiry (17): the lot's expiry is recorded in the same unit of work
as the posting; a conflicting expiry or an expiry without a batch is refused and changes
nothing; the same request_id posts once. PostgreSQL and SQLite."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services


@pytest.fixture
def shop(db) -> Services:
    services = Services(db, WAREHOUSE)
    services.locations.create({"location_code": "A-01"})
    services.catalog.create_product({"product_code": "MILK", "product_name": "牛奶", "operator_id": "u"})
    return services


def receive(shop, batch, expiry, request_id=None, quantity=3):
    return shop.inventory.inbound({"product_code": "MILK", "location_code": "A-01", "stock_quantity": quantity,
                                   "batch_number": batch, "expiry_date": expiry, "operator_id": "u",
                                   "request_id": request_id})


def expiry_of(shop, batch):
    items = shop.stock.query({"sku_code": "MILK", "page_size": 10}).items
    return {i.batch_number: (i.stock_quantity, i.expiry_date) for i in items}.get(batch)


def test_an_inbound_records_its_batchs_expiry_once(shop):
    receive(shop, "B1", "2031-06-30", request_id="r-1")
    receive(shop, "B1", "2031-06-30", request_id="r-1")  # the same request again: posted once
    receive(shop, "B1", None)  # later receipts need not name it
    assert expiry_of(shop, "B1") == (6, date(2031, 6, 30))


@pytest.mark.parametrize("batch,expiry,code", [("B1", "2032-01-01", "LOT_EXPIRY_CONFLICT"),
                                               (None, "2031-06-30", "INVALID_PARAMETERS"),
                                               ("B1", "30.06.2031", "INVALID_PARAMETERS")])
def test_an_expiry_that_cannot_be_recorded_refuses_the_inbound(shop, batch, expiry, code):
    receive(shop, "B1", "2031-06-30")
    before = snapshot(shop.db)
    with pytest.raises(WmsError) as refused:
        receive(shop, batch, expiry)
    assert refused.value.error_code == code and snapshot(shop.db) == before
