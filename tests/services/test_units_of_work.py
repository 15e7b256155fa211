"""Units of work that compose: a whole product edit in one transaction (all or nothing), a stock
operation inside a larger unit (its posting in that unit's transaction, on both backends), and a
scanned code identified in one round trip."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from tests.conftest import WAREHOUSE
from tests.helpers import snapshot
from tests.services.test_catalog import TEE
from wms_desktop.contract import to_json
from wms_desktop.contract.catalog import SaveProduct, UpdateProduct
from wms_desktop.contract.lookup import Identify
from wms_desktop.contract.stock import Inbound, Outbound
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import inventory, pg_posting
from wms_desktop.services.access import SYSTEM
from wms_desktop.services.lookup import Warehouse
from wms_desktop.services.unit import Scope

M, L, BLACK = "129092-黄色-M", "129092-黄色-L", "129092-黑色-M"


@pytest.fixture
def tee(services):
    services.locations.create({"location_code": "A-1"})
    product = services.catalog.create_product(TEE)
    services.inventory.inbound({"product_code": "129092", "sku_code": BLACK, "location_code": "A-1",
                                "stock_quantity": 2, "operator_id": "u1"})
    return product


def test_a_product_edit_refused_half_way_changes_nothing(services, tee):
    """The rename, the new SKU and the weight come first; deleting a SKU that holds stock is
    refused — and none of the edit is kept."""
    before = snapshot(services.db)
    edit = SaveProduct(
        update=UpdateProduct(product_id=tee.product_id, product_name="renamed",
                             skus=[{"sku_code": "129092-白色-S", "sku_color": "白色", "sku_size": "S"}]),
        weights=[{"sku_code": M, "weight_grams": 180}],
        removed_external_codes=[{"sku_code": M, "external_code": "6901234567892"}],
        deleted_skus=[L, BLACK],
        added_external_codes=[{"sku_code": L, "external_codes": ["6901234567892"]}],
        operator_id="u1", request_id="edit-1")
    with pytest.raises(WmsError) as refused:
        services.catalog.save_product(edit)
    assert refused.value.details["reason"] == "sku_has_stock" and refused.value.details["step"] == "deleted_skus[1]"
    assert snapshot(services.db) == before
    retry = {**to_json(edit), "deleted_skus": [L],  # the refused step left out, the barcode onto BLACK
             "added_external_codes": [{"sku_code": BLACK, "external_codes": ["6901234567892"]}], "request_id": "edit-2"}
    again = services.catalog.save_product(retry)
    assert again.product_name == "renamed" and again.changes.product_ids == [tee.product_id]
    skus = {s.sku_code: s for s in again.skus}
    assert L not in skus and "129092-白色-S" in skus and skus[M].weight_grams == 180
    assert skus[M].external_codes == ["EXT001"] and skus[BLACK].external_codes == ["6901234567892"]
    assert services.catalog.save_product(retry) == again  # a repeat of the request returns the first answer


def test_a_barcode_moves_from_a_deleted_sku_to_another_in_one_save(services, tee):
    edit = {"update": {"product_id": tee.product_id}, "deleted_skus": [M],
            "added_external_codes": [{"sku_code": L, "external_codes": ["6901234567892"]}], "operator_id": "u1"}
    saved = services.catalog.save_product(edit)
    assert [s.external_codes for s in saved.skus if s.sku_code == L] == [["6901234567892"]]
    assert services.catalog.sku_by_external_code("6901234567892").sku_code == L


def test_an_edit_never_reaches_into_another_product(services, tee):
    services.catalog.create_product({"product_code": "BOX1", "product_name": "Box", "operator_id": "u1"})
    before = snapshot(services.db)
    with pytest.raises(WmsError) as refused:
        services.catalog.save_product({"update": {"product_id": tee.product_id}, "deleted_skus": ["BOX1"],
                                       "operator_id": "u1"})
    assert refused.value.error_code == "INVALID_SKU_CODE" and refused.value.details["step"] == "deleted_skus[0]"
    assert snapshot(services.db) == before


def test_exactly_one_of_create_or_update(services):
    for edit in ({"operator_id": "u1"}, {"create": {"product_code": "X1", "product_name": "x"},
                                         "update": {"product_id": 1}, "operator_id": "u1"}):
        with pytest.raises(WmsError) as refused:
            services.catalog.save_product(edit)
        assert refused.value.details["field"] == "create"


# ---- identify -----------------------------------------------------------------------------------


class Counter:
    """Transactions begun and statements sent on an engine while it is attached."""

    def __init__(self, engine) -> None:
        self.engine, self.begins, self.statements = engine, 0, []

    def __enter__(self):
        event.listen(self.engine, "begin", self._begin)
        event.listen(self.engine, "before_cursor_execute", self._statement)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "begin", self._begin)
        event.remove(self.engine, "before_cursor_execute", self._statement)

    def _begin(self, _conn) -> None:
        self.begins += 1

    def _statement(self, _conn, _cursor, statement, *_rest) -> None:
        self.statements.append(statement)


@pytest.mark.postgres_only
def test_a_scanned_external_code_is_identified_in_one_transaction_and_one_statement(pg):
    from wms_desktop.services import Services

    services = Services(pg, "WH01")  # a fresh workstation: not even its warehouse id is known yet
    setup = Services(pg, "WH01")
    setup.catalog.create_product(TEE)
    with Counter(pg.engine) as counted:
        found = services.lookup.identify(Identify(code="6901234567892"))
    assert (found.kind, found.sku_code, found.product_code) == ("external", M, "129092")
    assert counted.begins == 1 and len(counted.statements) == 1, counted.statements


def test_identify_answers_every_kind_of_code(services, tee):
    services.catalog.create_product({"product_code": "BOX1", "product_name": "Box", "operator_id": "u1"})
    services.catalog.update_sku({"sku_code": M, "weight_grams": 180, "operator_id": "u1"})
    kind = lambda code, gtin=None: services.lookup.identify({"code": code, "gtin": gtin})  # noqa: E731
    assert (kind("A-1").kind, kind("A-1").location_code) == ("location", "A-1")
    sku = kind(M)
    assert (sku.kind, sku.product_name, sku.sku_color, sku.sku_size, sku.weight_grams) == \
        ("sku", "纯棉T恤 Cotton tee", "黄色", "M", 180)
    assert (kind("BOX1").kind, kind("BOX1").sku_code) == ("sku", "BOX1")  # a product without SKUs: its only SKU
    assert (kind("129092").kind, kind("129092").sku_code) == ("product", None)  # scan a SKU label instead
    assert kind("6901234567892").kind == "external"
    by_gtin = kind("]C1 anything", "06901234567892")  # a GS1 label: its GTIN as EAN-13
    assert (by_gtin.kind, by_gtin.by_gtin, by_gtin.sku_code) == ("external", True, M)
    for unknown in ("NOPE", "", " A-1", "a\x1db", "x" * 200, "129092-黄色"):
        assert kind(unknown).kind == "unknown"
    with pytest.raises(WmsError) as refused:
        kind("x", "12ab")
    assert refused.value.details["field"] == "gtin"


# ---- stock operations inside a larger unit of work --------------------------------------------------


def _unit_scope(services) -> Scope:
    return Scope(services.db, Warehouse(WAREHOUSE), SYSTEM)


def test_a_unit_that_fails_after_its_posting_leaves_nothing(services, tee):
    """A stock operation composed into a larger unit of work posts in that unit's transaction —
    on PostgreSQL its server function is called inside the unit's BEGIN … COMMIT, never in an
    autocommit call of its own — so a refusal later in the unit takes the posting back with the
    rest: no balance, ledger row, outbox event, product total or request claim is left."""
    before = snapshot(services.db)

    def unit(uow):
        moved = inventory.inbound(uow, Inbound(product_code="129092", sku_code=BLACK, location_code="A-1",
                                               stock_quantity=5, operator_id="u1", request_id="in-unit"))
        assert (moved.current_quantity, moved.changes.balances[0].previous_quantity) == (7, 2)  # posted, seen here
        raise WmsError("OPERATION_NOT_ALLOWED", details={"reason": "a later step"})

    with Counter(services.db.engine) as counted, pytest.raises(WmsError) as refused:
        _unit_scope(services).write(unit)
    assert refused.value.details["reason"] == "a later step"
    assert snapshot(services.db) == before
    if not services.db.is_sqlite:  # the one call, on the unit's connection, in its one transaction
        assert counted.begins == 1 and [s for s in counted.statements if "wms_post_" in s] == [pg_posting.BALANCE]


def test_a_posting_refused_inside_a_unit_is_the_same_error_on_both_backends(services, tee):
    """The server function's refusal reaches the unit as the WmsError the Python path raises (a
    step of the unit may name itself in it), not as a driver error."""
    ship = Outbound(product_code="129092", sku_code=BLACK, location_code="A-1", stock_quantity=3, operator_id="u1")
    with pytest.raises(WmsError) as refused:
        _unit_scope(services).write(lambda uow: inventory.outbound(uow, ship))
    assert refused.value.error_code == "INSUFFICIENT_STOCK"
    assert (refused.value.details["available_quantity"], refused.value.details["requested_quantity"]) == (2, 3)


def test_a_new_skus_opening_stock_is_in_its_unit_and_its_changes(services, tee):
    created = services.catalog.create_sku({"product_code": "129092", "sku_code": "129092-白色-S", "sku_color": "白色",
                                           "sku_size": "S", "stock_quantity": 4, "operator_id": "u1",
                                           "request_id": "sku-1"})
    (balance,) = created.changes.balances
    assert (balance.sku_code, balance.location_code, balance.previous_quantity, balance.current_quantity) == \
        ("129092-白色-S", "无货位", 0, 4)
    assert created.changes.product_ids == [tee.product_id]
    assert services.catalog.create_sku({"product_code": "129092", "sku_code": "129092-白色-S", "sku_color": "白色",
                                        "sku_size": "S", "stock_quantity": 4, "operator_id": "u1",
                                        "request_id": "sku-1"}) == created  # a repeat: the first answer, no stock
    assert services.stock.query({"sku_code": "129092-白色-S"}).items[0].stock_quantity == 4
