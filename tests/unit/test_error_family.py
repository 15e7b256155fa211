"""One error family: printing refusals are WmsErrors with catalogue codes and the spec's envelope."""
from __future__ import annotations

import pytest

from wms_desktop.contract import envelope
from wms_desktop.devices.printing import PrintingError, label_profile
from wms_desktop.devices.printing.errors import PRINTING_CODES
from wms_desktop.domain.errors import CATALOGUE, WmsError


def test_every_printing_code_is_in_the_catalogue_with_a_numeric_code_in_the_tables_ranges():
    assert PRINTING_CODES <= set(CATALOGUE)
    numbers = [CATALOGUE[code][0] for code in PRINTING_CODES]
    assert all(isinstance(n, int) and 10000 <= n <= 16999 for n in numbers)
    assert len(set(numbers)) == len(numbers)  # one number per printing code, for support calls
    taken = {n for code, (n, _) in CATALOGUE.items() if code not in PRINTING_CODES}
    assert taken.isdisjoint(numbers)


def test_a_printing_error_is_a_wms_error_and_renders_the_spec_envelope():
    with pytest.raises(WmsError) as refused:
        label_profile("49x29@203")
    error = refused.value
    assert isinstance(error, PrintingError)
    assert envelope(error=error) == {
        "success": False, "data": None, "error_code": "LABEL_PROFILE_UNKNOWN", "code": 14101,
        "error_message": error.message, "details": {"profile": "49x29@203", "known": error.details["known"]},
    }
    assert PrintingError("PRINTER_TIMEOUT").to_dict() == {
        "error_code": "PRINTER_TIMEOUT", "code": 10102, "error_message": "The printer stopped accepting data",
        "details": {}}


def test_printing_error_takes_only_printing_codes():
    with pytest.raises(ValueError):
        PrintingError("SKU_NOT_FOUND")
    with pytest.raises(ValueError):
        PrintingError("PRINTER_ON_FIRE")
