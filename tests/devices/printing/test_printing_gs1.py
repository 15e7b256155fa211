"""GS1 element strings for batch labels."""
from __future__ import annotations

from datetime import date

import biip
import pytest

from wms_desktop.devices.printing.gs1 import batch_element_string, gtin14
from wms_desktop.domain.errors import WmsError


@pytest.mark.parametrize(
    ("given", "padded"),
    [("96385074", "00000096385074"), ("614141000036", "00614141000036"), ("9501101020917", "09501101020917"),
     ("09501101020917", "09501101020917")],
)
def test_gtins_of_every_length_pad_to_14_digits(given, padded):
    assert gtin14(given) == padded


@pytest.mark.parametrize(
    "bad", ["9501101020918", "950110102091", "95011010209170000", "95O1101020917", "９５０１１０１０２０９１７"]
)
def test_a_wrong_gtin_is_refused_naming_the_field(bad):
    with pytest.raises(WmsError) as refused:
        gtin14(bad)
    assert refused.value.error_code == "INVALID_PARAMETERS"
    assert refused.value.details["field"] == "gtin"


def test_fixed_length_elements_come_first_so_no_separator_is_needed():
    elements = batch_element_string("L-42/a", date(2026, 2, 28), "9501101020917")
    assert elements.data == "0109501101020917" + "17260228" + "10L-42/a"
    assert elements.hri == "(01)09501101020917(17)260228(10)L-42/a"
    parsed = biip.parse("]C1" + elements.data).gs1_message
    assert [(e.ai.ai, e.value) for e in parsed.element_strings] == [
        ("01", "09501101020917"), ("17", "260228"), ("10", "L-42/a")]
    assert parsed.element_strings[1].date == date(2026, 2, 28)


def test_only_the_batch_is_required():
    assert batch_element_string("B1", None, None).hri == "(10)B1"


@pytest.mark.parametrize("batch", ["", "A" * 21, "批次1", "A B", "A#1"])
def test_batch_numbers_outside_the_gs1_character_set_are_refused(batch):
    with pytest.raises(WmsError) as refused:
        batch_element_string(batch, None, None)
    assert refused.value.details["field"] == "batch_number"
