"""Strict payload decoding by the field rules, without a database: a command of the test's own
made of the contract's field types."""
from __future__ import annotations

import pytest

from wms_desktop.contract import decode, envelope
from wms_desktop.contract.base import Command
from wms_desktop.contract.fields import Code, Flag, Ident, Notes, Quantity
from wms_desktop.domain.codes import iso_z, sku_code_for, split_sku_code
from wms_desktop.domain.errors import WmsError, invalid
from wms_desktop.domain.fields import MAX_QUANTITY


class Receive(Command, frozen=True, kw_only=True):
    exactly_one = (("product_id", "product_code"),)

    product_id: Ident | None = None
    product_code: Code | None = None
    stock_quantity: Quantity
    is_urgent: Flag = False
    notes: Notes | None = None


class Lines(Command, frozen=True, kw_only=True):
    lines: list[Receive]


def reason(payload, cls=Receive) -> tuple[str, str]:
    with pytest.raises(WmsError) as caught:
        decode(cls, payload)
    assert caught.value.error_code == "INVALID_PARAMETERS"
    return caught.value.details["field"], caught.value.details["reason"]


def test_a_clean_payload_gets_defaults():
    assert decode(Receive, {"product_code": "P1", "stock_quantity": 3}) == Receive(
        product_id=None, product_code="P1", stock_quantity=3, is_urgent=False, notes=None)


def test_camel_case_is_refused_with_the_right_name():
    assert reason({"productCode": "P1", "stock_quantity": 1}) == (
        "productCode", "camelCase is not accepted; use 'product_code'")
    assert reason({"product_code": "P1", "quantity": 1})[1] == "unknown field"


@pytest.mark.parametrize("value", [True, 1.0, "1", 0, -1, MAX_QUANTITY + 1, None])
def test_quantities_are_positive_integers(value):
    assert reason({"product_code": "P1", "stock_quantity": value})[0] == "stock_quantity"


@pytest.mark.parametrize("value", ["", " P1", "P1\n", "P\x1d1", "P\u200b1", "P\ud8001", "\udfff", "x" * 65, 7])
def test_codes_are_trimmed_printable_and_bounded(value):
    assert reason({"product_code": value, "stock_quantity": 1})[0] == "product_code"


def test_exactly_one_of_id_or_code():
    assert reason({"stock_quantity": 1})[0] == "product_id"
    assert "exactly one" in reason({"product_id": 1, "product_code": "P", "stock_quantity": 1})[1]


def test_notes_allow_new_lines_but_not_other_controls():
    assert decode(Receive, {"product_code": "P", "stock_quantity": 1, "notes": "a\nb\tc"}).notes == "a\nb\tc"
    assert reason({"product_code": "P", "stock_quantity": 1, "notes": "a\x07"})[0] == "notes"


def test_a_lone_surrogate_is_refused_anywhere_in_text():
    """What json.loads makes of "\\ud800": not text any database or encoder accepts."""
    import json

    notes = json.loads('"ok \\ud83d then"')
    assert reason({"product_code": "P", "stock_quantity": 1, "notes": notes}) == (
        "notes", "contains the lone surrogate U+D83D")
    assert decode(Receive, {"product_code": "P", "stock_quantity": 1, "notes": "ok 😀"}).notes == "ok 😀"


def test_nested_lists_name_the_entry():
    lines = {"lines": [{"product_code": "P", "stock_quantity": 1}, {"product_code": "P", "stock_quantity": 0}]}
    assert reason(lines, Lines)[0] == "lines[1].stock_quantity"


def test_sku_codes():
    assert sku_code_for("129092", "黄色", "M") == "129092-黄色-M"
    assert split_sku_code("129092-黄色-M") == ("129092", "黄色", "M")
    for bad in ("129092-黄色", "129092--M", "a-b-c-d"):
        with pytest.raises(WmsError) as caught:
            split_sku_code(bad)
        assert caught.value.error_code == "INVALID_SKU_CODE"


def test_timestamps_are_utc_milliseconds_with_z():
    from datetime import datetime, timedelta, timezone

    moment = datetime(2024, 6, 15, 20, 0, 0, 123456, tzinfo=timezone(timedelta(hours=8)))
    assert iso_z(moment) == "2024-06-15T12:00:00.123Z"
    assert iso_z(datetime(2024, 6, 15, 12, 0)) == "2024-06-15T12:00:00.000Z"


def test_envelope():
    assert envelope({"a": 1}) == {"success": True, "data": {"a": 1}, "error_code": None, "error_message": None}
    error = invalid("stock_quantity", "must be an integer")
    assert envelope(error=error) == {
        "success": False, "data": None, "error_code": "INVALID_PARAMETERS", "code": 14001,
        "error_message": "stock_quantity: must be an integer",
        "details": {"field": "stock_quantity", "reason": "must be an integer"}}
    with pytest.raises(ValueError):
        WmsError("NOT_A_CODE")
