"""Expected versus actual weight."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wms_desktop.devices.mqtt import WeightVerdict, check_weight
from wms_desktop.domain.errors import WmsError


@pytest.mark.parametrize(
    ("actual", "verdict", "difference"),
    [(1012, "ok", 12), (1013, "over", 13), (988, "ok", -12), (987, "under", -13), (1000, "ok", 0)],
)
def test_an_absolute_tolerance_is_inclusive(actual: int, verdict: str, difference: int) -> None:
    check = check_weight(1000, actual, tolerance_grams=12)
    assert (check.verdict, check.difference_grams, check.allowed_grams) == (verdict, difference, 12)


def test_a_percentage_allows_a_share_of_the_expected_weight() -> None:
    # 1 % of 1234 g is 12.34 g: 12 g is within it, 13 g is not.
    assert check_weight(1234, 1246, tolerance_percent=1).verdict is WeightVerdict.OK
    assert check_weight(1234, 1247, tolerance_percent=1).verdict is WeightVerdict.OVER
    assert check_weight(1234, 1221, tolerance_percent=1).verdict is WeightVerdict.UNDER
    assert check_weight(2000, 2050, tolerance_percent=Decimal("2.5")).allowed_grams == 50


def test_with_both_tolerances_the_larger_allowance_applies() -> None:
    light = check_weight(100, 104, tolerance_percent=2, tolerance_grams=5)
    assert (light.verdict, light.allowed_grams) == (WeightVerdict.OK, 5)
    heavy = check_weight(10_000, 10_150, tolerance_percent=2, tolerance_grams=5)
    assert (heavy.verdict, heavy.allowed_grams) == (WeightVerdict.OK, 200)


def test_a_zero_tolerance_demands_the_exact_weight() -> None:
    assert check_weight(500, 500, tolerance_grams=0).verdict is WeightVerdict.OK
    assert check_weight(500, 501, tolerance_percent=0).verdict is WeightVerdict.OVER


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"expected_grams": 1000, "actual_grams": 1000}, "tolerance_percent"),
        ({"expected_grams": 1000.0, "actual_grams": 1000, "tolerance_grams": 5}, "expected_grams"),
        ({"expected_grams": True, "actual_grams": 1000, "tolerance_grams": 5}, "expected_grams"),
        ({"expected_grams": -1, "actual_grams": 1000, "tolerance_grams": 5}, "expected_grams"),
        ({"expected_grams": 1000, "actual_grams": "1000", "tolerance_grams": 5}, "actual_grams"),
        ({"expected_grams": 1000, "actual_grams": 1000, "tolerance_grams": -5}, "tolerance_grams"),
        (
            {"expected_grams": 1000, "actual_grams": 1000, "tolerance_percent": 2.5},
            "tolerance_percent",
        ),
        (
            {"expected_grams": 1000, "actual_grams": 1000, "tolerance_percent": Decimal("NaN")},
            "tolerance_percent",
        ),
        (
            {"expected_grams": 1000, "actual_grams": 1000, "tolerance_percent": -1},
            "tolerance_percent",
        ),
    ],
)
def test_bad_arguments_name_the_field(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(WmsError) as refused:
        check_weight(**arguments)  # type: ignore[arg-type]
    assert (refused.value.error_code, refused.value.details["field"]) == (
        "INVALID_PARAMETERS",
        field,
    )
