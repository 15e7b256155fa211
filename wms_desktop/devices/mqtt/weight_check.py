"""Expected-versus-actual weight: does the parcel hold what the order says?"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from wms_desktop.domain.errors import invalid


class WeightVerdict(StrEnum):
    OK = "ok"
    OVER = "over"
    UNDER = "under"


@dataclass(frozen=True)
class WeightCheck:
    verdict: WeightVerdict
    difference_grams: int  # actual - expected: positive is over, negative is under
    allowed_grams: int  # the tolerance that applied, either way


def _whole_grams(name: str, value: object, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(name, "must be an integer number of grams")
    if minimum is not None and value < minimum:
        raise invalid(name, f"must be at least {minimum}")
    return value


def _percent(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise invalid("tolerance_percent", "must be an integer or a Decimal")
    percent = Decimal(value)
    if not percent.is_finite() or percent < 0:
        raise invalid("tolerance_percent", "must be a finite number, at least 0")
    return percent


def check_weight(
    expected_grams: int,
    actual_grams: int,
    *,
    tolerance_percent: int | Decimal | None = None,
    tolerance_grams: int | None = None,
) -> WeightCheck:
    """Compare within a tolerance given as a percentage of the expected weight, in grams, or both.

    With both, the larger allowance applies: a percentage alone is too strict for light parcels,
    grams alone too strict for heavy ones.
    """
    expected = _whole_grams("expected_grams", expected_grams, minimum=0)
    difference = _whole_grams("actual_grams", actual_grams) - expected
    allowances = []
    if tolerance_percent is not None:
        # Weights are whole grams, so flooring the allowance changes no verdict.
        share = Decimal(expected) * _percent(tolerance_percent) / 100
        allowances.append(int(share.to_integral_value(rounding=ROUND_FLOOR)))
    if tolerance_grams is not None:
        allowances.append(_whole_grams("tolerance_grams", tolerance_grams, minimum=0))
    if not allowances:
        raise invalid("tolerance_percent", "give tolerance_percent, tolerance_grams or both")
    allowed = max(allowances)
    if difference > allowed:
        verdict = WeightVerdict.OVER
    elif difference < -allowed:
        verdict = WeightVerdict.UNDER
    else:
        verdict = WeightVerdict.OK
    return WeightCheck(verdict=verdict, difference_grams=difference, allowed_grams=allowed)
