"""Role permissions in the service layer: what each role may write, and whose name goes on it."""
from __future__ import annotations

import inspect

import pytest

from tests.services.test_inventory import A1, WEST, M, _in, refused, shop  # noqa: F401 (shop: fixture)
from wms_desktop.domain.permissions import ALL, BUILT_IN
from wms_desktop.services.access import permission_of
from wms_desktop.services.unit import Area


def test_every_permission_is_held_by_a_built_in_role():
    assert set(ALL) == set().union(*BUILT_IN.values())


def test_every_public_service_method_has_a_rule(services):
    """A new service method must say who may call it (``@requires``) before anyone can."""
    areas = {name: area for name, area in vars(services).items() if isinstance(area, Area)}
    assert {"inventory", "catalog", "locations", "auth", "stock", "history", "browse", "picking",
            "lookup"} <= set(areas)
    unguarded = []
    for name, area in areas.items():
        for method, function in inspect.getmembers(type(area), inspect.isfunction):
            if method.startswith("_"):
                continue
            try:
                permission = permission_of(function)
            except AttributeError:
                unguarded.append(f"{name}.{method}")
                continue
            assert permission is None or permission in ALL
    assert unguarded == []


def test_a_clerk_moves_stock_under_their_own_name(shop):
    clerk = shop.acting_as("li.clerk", "clerk")
    result = clerk.inventory.transfer({"sku_code": M, "from_location_code": WEST, "to_location_code": A1,
                                       "stock_quantity": 2, "product_code": "129092"})
    assert result.operator_id == "li.clerk"
    assert clerk.stock.query({"sku_code": M, "location_code": A1}).items[0].stock_quantity == 2


@pytest.mark.parametrize("call, payload", [
    ("adjust", {"sku_code": M, "location_code": WEST, "adjust_quantity": -1, "product_code": "129092"}),
    ("count", {"sku_code": M, "location_code": WEST, "stock_quantity": 3, "product_code": "129092"}),
])
def test_a_clerk_may_not_correct_stock(shop, call, payload):
    clerk = shop.acting_as("li.clerk", "clerk")
    error = refused(shop, getattr(clerk.inventory, call), payload, "PERMISSION_DENIED")
    assert error.code == 12001 and error.details["permission"] == "correct_stock"


def test_a_clerk_may_not_edit_the_catalogue_or_locations(shop):
    clerk = shop.acting_as("li.clerk", "clerk")
    refused(shop, clerk.catalog.create_product, {"product_code": "NEW", "product_name": "x"}, "PERMISSION_DENIED")
    refused(shop, clerk.locations.create, {"location_code": "B-01"}, "PERMISSION_DENIED")
    assert clerk.catalog.product_by_code("129092").product_code == "129092"  # reading is open


def test_a_supervisor_corrects_stock_and_edits_the_catalogue_but_not_users(shop):
    boss = shop.acting_as("wang.sup", "supervisor")
    assert boss.inventory.count({"sku_code": M, "location_code": WEST, "stock_quantity": 7,
                                 "product_code": "129092"}).operator_id == "wang.sup"
    boss.locations.create({"location_code": "B-01"})
    refused(shop, boss.auth.create_user, {"user_name": "x", "password": "long enough pw", "role": "clerk"},
            "PERMISSION_DENIED")


def test_stock_cannot_be_recorded_under_someone_else(shop):
    clerk = shop.acting_as("li.clerk", "clerk")
    error = refused(shop, clerk.inventory.inbound, _in(M, WEST, 1, operator_id="boss"), "PERMISSION_DENIED")
    assert error.details["field"] == "operator_id"


def test_an_admin_manages_users(shop):
    admin = shop.acting_as("admin", "admin")
    admin.auth.create_user({"user_name": "li.clerk", "password": "long enough pw", "role": "clerk",
                            "display_name": "Li"})
    assert [u.user_name for u in admin.auth.list_users()] == ["li.clerk"]
    clerk = shop.acting_as("li.clerk", "clerk")
    refused(shop, clerk.auth.change_password, {"user_name": "admin", "old_password": "x" * 12,
                                               "new_password": "y" * 12}, "PERMISSION_DENIED")
    clerk.auth.change_password({"user_name": "li.clerk", "old_password": "long enough pw",
                                "new_password": "another long pw"})
