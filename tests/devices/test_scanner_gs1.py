"""GS1 element strings (biip): with ]C1 / ]d2 identifiers or without, GS separators, HRI."""
from __future__ import annotations

from datetime import date

from biip import parse

from wms_desktop.devices.scanner import Scan, parse_gs1, parse_scan
from wms_desktop.domain.codes import gtin_candidates

GTIN = "06970123000017"  # EAN-13 6970123000017 as a GTIN-14
GS = "\x1d"


def test_gs1_128_with_identifier_gs_batch_expiry_and_quantity():
    scan = parse_scan(f"]C101{GTIN}17261231" f"10B240315{GS}30" "12")
    assert scan.symbology == "]C1" and scan.kind == "gs1"
    assert scan.gs1 == {"gtin": GTIN, "batch_number": "B240315", "expiry_date": date(2026, 12, 31), "quantity": 12}
    # what we extracted is what biip reads back from the raw scan, identifier included
    biip_result = parse(scan.raw)
    assert biip_result.symbology_identifier.value == "]C1"
    assert {e.ai.ai: e.value for e in biip_result.gs1_message.element_strings} == \
        {"01": GTIN, "17": "261231", "10": "B240315", "30": "12"}


def test_datamatrix_identifier_and_ai_02_with_37():
    scan = parse_scan(f"]d202{GTIN}37" f"24{GS}10LOT-7")
    assert scan.symbology == "]d2"
    assert scan.gs1 == {"gtin": GTIN, "batch_number": "LOT-7", "expiry_date": None, "quantity": 24}


def test_without_identifier_and_in_human_readable_form():
    assert parse_scan(f"01{GTIN}10ABC").gs1["batch_number"] == "ABC"
    assert parse_gs1(f"(01){GTIN}(10)B1(30)5") == {"gtin": GTIN, "batch_number": "B1", "expiry_date": None,
                                                     "quantity": 5}


def test_plain_codes_are_not_gs1():
    for raw in ("A01-01-01", "129092-黄色-M", "6970123000017", "]E06970123000017", "西8排1架5层3位", "0005"):
        scan = parse_scan(raw)
        assert scan.gs1 is None and scan.kind == "unknown"
    assert parse_scan("]C1garbage").gs1 is None


def test_scan_is_frozen_and_checks_its_kind():
    scan = Scan("X")
    try:
        scan.text = "Y"
    except AttributeError:
        pass
    else:
        raise AssertionError("Scan must be frozen")
    try:
        Scan("X", kind="pallet")
    except ValueError:
        pass
    else:
        raise AssertionError("unknown kind accepted")


def test_gtin_candidates_cover_ean13_and_upc():
    assert gtin_candidates(GTIN) == [GTIN, "6970123000017"]
    assert gtin_candidates("00012345678905")[:3] == ["00012345678905", "0012345678905", "012345678905"]
