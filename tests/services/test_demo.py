"""Demo data on both backends: the small seed goes through the services and is idempotent; the
bulk load keeps the ledger equal to the balances and never touches a catalogue in use."""
from __future__ import annotations

import itertools
import re
import shutil

import pytest
from sqlalchemy import func, select

from tests.helpers import assert_ledger_matches_balances, snapshot
from tools.scale_loader import load_scale
from wms_desktop.contract import to_json
from wms_desktop.db.engine import Database
from wms_desktop.db.schema import external_codes, locations, products, skus, stock_balances, stock_movements
from wms_desktop.demo import COLOURS, SIZES, seed_demo
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services, list_warehouses

SHELF = re.compile(r"^[西东]\d+排\d+架\d+层\d+位$")
BIN = re.compile(r"^A\d\d-\d\d-\d\d$")


def valid_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and sum(
        int(d) * w for d, w in zip(code, itertools.cycle((1, 3)))) % 10 == 0


def count(db: Database, table, *where) -> int:
    with db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table).where(*where))


def all_external_codes(db: Database) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        return conn.execute(select(external_codes.c.external_code, skus.c.sku_code).join(skus)
                            .order_by(external_codes.c.external_code)).all()


def test_seed_demo_fills_an_empty_catalogue(db):
    assert seed_demo(db) is True
    services = Services(db, "WH01")

    catalogue = services.catalog.list_products({"page_size": 100}).data
    assert 25 <= len(catalogue) <= 40
    assert sum(not p.has_sku for p in catalogue) >= 3
    assert all(re.search(r"[\u4e00-\u9fff]", p.product_name) and re.search(r"[A-Za-z]{3}", p.product_name)
               for p in catalogue)

    places = services.locations.list()
    assert 35 <= len(places) <= 45
    assert {p.location_type for p in places} == {
        "storage", "receiving", "shipping", "damaged", "returns", "unassigned"}
    assert any(SHELF.match(p.location_code) for p in places) and any(BIN.match(p.location_code) for p in places)

    with db.engine.connect() as conn:
        rows = conn.execute(select(products.c.product_code, skus.c.sku_code, skus.c.sku_color, skus.c.sku_size)
                            .join(products).where(products.c.has_sku)).all()
    assert len(rows) >= 150
    assert all(r.sku_code == f"{r.product_code}-{r.sku_color}-{r.sku_size}" and "-" not in r.product_code
               and r.sku_color in COLOURS and r.sku_size in SIZES for r in rows)

    barcodes = all_external_codes(db)
    assert len(barcodes) >= len(rows) // 2 and all(valid_ean13(code) for code, _ in barcodes)
    code, sku_code = barcodes[0]
    assert services.catalog.product_by_external_code(code).matched_sku.sku_code == sku_code

    stock = services.stock.query({"page_size": 1000}).items
    assert len(stock) >= 200 and any(item.batch_number for item in stock)
    (unshelved,) = services.stock.by_location({"location_code": "无货位"}).data
    assert unshelved.items
    assert count(db, stock_movements) == count(db, stock_movements, stock_movements.c.operation == "inbound",
                                               stock_movements.c.operator_id == "demo")
    assert_ledger_matches_balances(db)


def test_seeding_twice_changes_nothing(db):
    seed_demo(db)
    before = snapshot(db)
    assert seed_demo(db) is False
    assert snapshot(db) == before


def test_seed_demo_leaves_a_catalogue_in_use_alone(db):
    Services(db, "WH01").catalog.create_product({"product_code": "REAL1", "product_name": "真货", "operator_id": "u"})
    assert seed_demo(db, "WH02") is False
    assert [w.warehouse_code for w in list_warehouses(db)] == ["WH01"]
    assert count(db, products) == 1


def test_seed_demo_creates_its_warehouse_and_is_deterministic(tmp_path, sqlite_template):
    def seeded(name: str) -> tuple[list, list]:
        path = tmp_path / name
        shutil.copy(sqlite_template, path)
        db = Database(f"sqlite:///{path}")
        try:
            seed_demo(db, "WH07")
            stock = Services(db, "WH07").stock.query({"page_size": 1000}).items
            return [{k: v for k, v in to_json(item).items() if k != "updated_at"} for item in stock], all_external_codes(db)
        finally:
            db.dispose()

    first = seeded("a.sqlite3")
    assert first[0] and first == seeded("b.sqlite3")


def test_load_scale_keeps_the_ledger_equal_to_the_balances(db):
    finished = {}
    load_scale(db, skus=2000, progress=lambda step, done, total: finished.__setitem__(step, (done, total)))

    assert (count(db, products), count(db, skus), count(db, locations, locations.c.location_type == "storage")) \
        == (250, 2000, 500)
    assert count(db, stock_balances) == count(db, stock_movements) == 10_000
    assert count(db, stock_movements, stock_movements.c.operation == "inbound", stock_movements.c.operator_id == "demo",
                 stock_movements.c.quantity_change == stock_movements.c.quantity_after) == 10_000
    barcodes = all_external_codes(db)
    assert len(barcodes) == 1500 and all(valid_ean13(code) for code, _ in barcodes)
    assert_ledger_matches_balances(db)
    assert all(done == total for done, total in finished.values())
    assert set(finished) >= {"products", "skus", "external_codes", "locations", "stock_balances", "stock_movements"}

    # the loaded data is what the services expect
    services = Services(db, "WH01")
    code, sku_code = barcodes[0]
    found = services.catalog.product_by_code(sku_code)
    assert found.matched_sku.sku_code == sku_code and found.sku_count == 8
    assert services.catalog.product_by_external_code(code).matched_sku.sku_code == sku_code
    (size,) = [s for c in found.colors for s in c.sizes if s.sku_code == sku_code]
    assert len(size.locations) == 5
    (place,) = services.stock.by_location({"location_code": size.locations[0].location_code}).data
    assert len(place.items) == 20


@pytest.mark.parametrize("first", ["seed_demo", "load_scale"])
def test_load_scale_refuses_a_catalogue_in_use(db, first):
    seed_demo(db) if first == "seed_demo" else load_scale(db, skus=100)
    before = (count(db, products), count(db, stock_balances), count(db, stock_movements))
    with pytest.raises(WmsError) as refused:
        load_scale(db, skus=100, warehouse_code="WH09")
    assert refused.value.error_code == "OPERATION_NOT_ALLOWED"
    assert refused.value.details == {"reason": "catalogue_not_empty"}
    assert (count(db, products), count(db, stock_balances), count(db, stock_movements)) == before
    assert "WH09" not in [w.warehouse_code for w in list_warehouses(db)]


@pytest.mark.parametrize("skus_wanted", [0, True, 2.5])
def test_load_scale_wants_a_positive_whole_number_of_skus(db, skus_wanted):
    with pytest.raises(WmsError) as refused:
        load_scale(db, skus=skus_wanted)
    assert refused.value.error_code == "INVALID_PARAMETERS"
    assert count(db, products) == 0
