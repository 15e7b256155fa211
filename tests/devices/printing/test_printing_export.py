"""Exporting to files from JSON-like data, as a command line will."""
from __future__ import annotations

import pytest
from printing_helpers import pdf_barcodes, zpl_labels

from wms_desktop.devices.printing import PrintingError, export_document, export_labels
from wms_desktop.domain.errors import WmsError

SKUS = [
    {"sku_code": "P0001-RED-XL", "product_name": "T恤", "sku_color": "RED", "sku_size": "XL"},
    {"sku_code": "P0002-BLU-M", "product_name": "Shirt", "sku_color": "BLU", "sku_size": "M"},
]


def test_labels_as_zpl(tmp_path):
    path = export_labels("sku_label", SKUS, "zpl", tmp_path / "skus.zpl", "50x30@203")
    assert len(zpl_labels(path.read_bytes())) == 2


def test_labels_as_pdf(tmp_path):
    path = export_labels("batch_label", [{"batch_number": "L1", "expiry_date": "2026-03-31", "gtin": "9501101020917"}],
                         "pdf", tmp_path / "batch.pdf", "100x50@203")
    [[barcode]] = pdf_barcodes(path.read_bytes(), 203)
    assert (barcode.symbology_identifier, barcode.text) == ("]C1", "01095011010209171726033110L1")


@pytest.mark.parametrize(
    ("item", "field"),
    [({**SKUS[0], "skuColor": "RED"}, "items[0].skuColor"),
     ({**SKUS[0], "weight": 3}, "items[0].weight"),
     ({k: v for k, v in SKUS[0].items() if k != "sku_code"}, "items[0].sku_code")],
)
def test_field_names_are_strict(tmp_path, item, field):
    with pytest.raises(WmsError) as refused:
        export_labels("sku_label", [item], "pdf", tmp_path / "x.pdf", "50x30@203")
    assert refused.value.details["field"] == field
    assert not (tmp_path / "x.pdf").exists()


def test_a_product_without_skus_has_no_colour_or_size(tmp_path):
    path = export_labels("sku_label", [{"sku_code": "TAPE", "product_name": "封箱胶带"}], "zpl", tmp_path / "t.zpl",
                         "50x30@203")
    assert len(zpl_labels(path.read_bytes())) == 1


def test_dates_must_be_real_dates(tmp_path):
    with pytest.raises(WmsError) as refused:
        export_labels("batch_label", [{"batch_number": "L1", "expiry_date": "2026-02-30"}], "zpl", tmp_path / "x", "50x30@203")
    assert refused.value.details["field"] == "items[0].expiry_date"


def test_unknown_kind_and_profile_are_refused(tmp_path):
    with pytest.raises(WmsError):
        export_labels("pallet_label", SKUS, "pdf", tmp_path / "x.pdf", "50x30@203")
    with pytest.raises(PrintingError) as refused:
        export_labels("sku_label", SKUS, "pdf", tmp_path / "x.pdf", "62x29@203")
    assert refused.value.error_code == "LABEL_PROFILE_UNKNOWN"
    assert "50x30@203" in refused.value.message


def test_lists(tmp_path):
    pick = {"pick_list_number": "PL-9", "lines": [
        {"location_code": "西8排1架6层4位", "sku_code": "P0001-RED-XL", "product_name": "T恤", "quantity": 2}]}
    path = export_document("pick_list", pick, "roll80", tmp_path / "pick.pdf")
    [codes] = [[barcode.text for barcode in page] for page in pdf_barcodes(path.read_bytes(), 203)]
    assert sorted(codes) == ["P0001-RED-XL", "PL-9", "西8排1架6层4位"]
    packing = {"order_number": "SO-1", "recipient_name": "张三", "recipient_address": "深圳",
               "lines": [{"sku_code": "P0001-RED-XL", "product_name": "T恤", "quantity": 1}]}
    assert export_document("packing_list", packing, "a4", tmp_path / "packing.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(WmsError) as refused:
        export_document("packing_list", packing, "letter", tmp_path / "x.pdf")
    assert refused.value.details["field"] == "paper"
