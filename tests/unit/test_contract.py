"""The typed contract without a database: strict decoding of every command, the spec's JSON of
results, and a JSON Schema for each type (the coming HTTP API's OpenAPI document)."""
from __future__ import annotations

import inspect

import msgspec
import pytest

from wms_desktop.contract import (
    api,
    auth,
    catalog,
    decode,
    envelope,
    integration,
    locations,
    lookup,
    schema,
    stock,
    to_json,
)
from wms_desktop.contract.base import Command, Result
from wms_desktop.domain.errors import WmsError

MODULES = (stock, catalog, locations, auth, lookup, integration)
COMMANDS = [c for m in MODULES for c in vars(m).values()
            if isinstance(c, type) and issubclass(c, Command) and c.__module__ == m.__name__]
RESULTS = [c for m in MODULES for c in vars(m).values()
           if isinstance(c, type) and issubclass(c, Result) and c.__module__ == m.__name__]
INBOUND = {"product_code": "P1", "location_code": "A-1", "stock_quantity": 3, "operator_id": "u1"}


def refusal(cls, payload) -> tuple[str, str]:
    with pytest.raises(WmsError) as caught:
        decode(cls, payload)
    assert caught.value.error_code == "INVALID_PARAMETERS" and caught.value.code == 14001
    return caught.value.details["field"], caught.value.details["reason"]


@pytest.mark.parametrize("cls", COMMANDS, ids=lambda c: c.__name__)
def test_every_command_decodes_strictly_and_has_a_json_schema(cls):
    document = schema(cls)
    definition = document["$defs"][cls.__name__]
    assert definition["additionalProperties"] is False  # unknown fields are refused by msgspec too
    field, reason = refusal(cls, {"notAField": 1})
    assert (field, reason) == ("notAField", "unknown field")
    assert refusal(cls, ["not", "an", "object"]) == ("payload", "must be an object")


@pytest.mark.parametrize("cls", RESULTS, ids=lambda c: c.__name__)
def test_every_result_has_a_json_schema(cls):
    assert cls.__name__ in schema(cls)["$defs"]


def test_a_command_from_json_text_or_built_in_python_is_checked_the_same_way():
    from_text = decode(stock.Inbound, msgspec.json.encode(INBOUND))
    built = stock.Inbound(product_code="P1", location_code="A-1", stock_quantity=3, operator_id="u1")
    assert from_text == built == decode(stock.Inbound, built) == decode(stock.Inbound, INBOUND)
    bad = stock.Inbound(product_code=" P1", location_code="A-1", stock_quantity=True, operator_id="u1")
    assert refusal(stock.Inbound, bad) == ("product_code", "must not start or end with white space")
    assert refusal(stock.Inbound, b"{not json")[0] == "payload"
    assert refusal(stock.Inbound, "\ud800")[0] == "payload"  # text no UTF-8 can hold
    with pytest.raises(WmsError):
        decode(stock.Inbound, stock.Outbound(**to_json(built)))  # another command is not this one


def test_camel_case_is_refused_with_the_right_name_at_any_depth():
    assert refusal(stock.Inbound, {**INBOUND, "skuCode": "P1-a-b"}) == (
        "skuCode", "camelCase is not accepted; use 'sku_code'")
    lines = {"adjustments": [{"location_code": "A", "sku_code": "S", "stock_quantity": 1},
                             {"location_code": "A", "skuCode": "S", "stock_quantity": 1}], "operator_id": "u"}
    assert refusal(stock.BatchAdjust, lines)[0] == "adjustments[1].skuCode"


@pytest.mark.parametrize("value", [True, 1.0, "1", 0, -1, 10**9 + 1, None])
def test_quantities_are_positive_integers(value):
    assert refusal(stock.Inbound, {**INBOUND, "stock_quantity": value})[0] == "stock_quantity"


def test_groups_and_nested_paths():
    assert "exactly one" in refusal(stock.Inbound, {**INBOUND, "product_id": 1})[1]
    assert refusal(stock.Transfer, {"sku_code": "S", "from_location_code": "A", "to_location_code": "B",
                                    "stock_quantity": 1, "product_id": 1, "product_code": "P"})[1] \
        == "give at most one of product_id or product_code"
    edit = {"update": {"product_id": 1, "skus": [{"sku_code": "P-a-b", "sku_color": "a", "sku_size": "b",
                                                  "weight_grams": 0}]}}
    assert refusal(catalog.SaveProduct, edit)[0] == "update.skus[0].weight_grams"


def test_left_out_is_kept_and_null_is_cleared_where_the_spec_says_so():
    kept = decode(catalog.UpdateProduct, {"product_id": 7})
    cleared = decode(catalog.UpdateProduct, {"product_id": 7, "category_id": None, "product_name": None})
    assert kept.category_id is msgspec.UNSET and cleared.category_id is None
    assert kept.product_name is None and cleared.product_name is None  # null for a kept field: left as it is
    assert "category_id" not in to_json(kept) and to_json(cleared)["category_id"] is None


def test_results_render_as_the_spec_envelope():
    moved = stock.StockMoved(product_id=1, product_code="P", sku_code="P", location_code="A", batch_number=None,
                             stock_quantity=2, previous_quantity=0, current_quantity=2, operator_id="u",
                             is_urgent=False, notes=None, document_ref=None, request_id="r", operated_at=None)
    body = envelope(moved)
    assert body["success"] is True and body["data"]["current_quantity"] == 2
    assert body["data"]["changes"] == {"balances": [], "product_ids": [], "location_ids": [], "documents": []}
    error = WmsError("SKU_NOT_FOUND", details={"sku_code": "X"})
    assert envelope(error=error) == {"success": False, "data": None, "error_code": "SKU_NOT_FOUND", "code": 13001,
                                     "error_message": "SKU not found", "details": {"sku_code": "X"}}


def test_every_protocol_method_is_typed_with_contract_types():
    for name, area in inspect.getmembers(api, lambda o: inspect.isclass(o) and o.__name__.endswith("Api")):
        for method_name, method in inspect.getmembers(area, inspect.isfunction):
            if method_name.startswith("_"):
                continue
            hints = method.__annotations__
            assert "return" in hints, f"{name}.{method_name}"
