"""Labels as PDF: every barcode scans back to exactly its data at the printer's resolution, text
is real text in the embedded CJK font, and the preview is what the printer will print."""
from __future__ import annotations

import io
import re
import threading
from datetime import date

import biip
import pytest
import zxingcpp
from PIL import Image
from printing_helpers import decode, pdf_barcodes, pdf_pages, pdf_text

from wms_desktop.devices.printing import (
    PROFILES,
    BatchLabel,
    CartonLabel,
    LocationLabel,
    PrintingError,
    SkuLabel,
    label_preview_png,
    render_labels,
)
from wms_desktop.domain.errors import WmsError

# (label, profile, expected barcode format, expected data)
CASES = {
    "sku": (SkuLabel("P0001-RED-XL", "纯棉圆领T恤 Cotton Tee", "RED", "XL"), "50x30@203", "Code128", "P0001-RED-XL"),
    "sku-300dpi": (SkuLabel("P0001-RED-XL", "Tee", "RED", "XL"), "50x30@300", "Code128", "P0001-RED-XL"),
    "sku-chinese-colour": (SkuLabel("P0001-红色-XL", "T恤", "红色", "XL"), "50x30@203", "QRCode", "P0001-红色-XL"),
    "sku-too-long-for-bars": (
        SkuLabel("TS2024001-BLACK-XXXL", "Tee", "BLACK", "XXXL"), "50x30@203", "QRCode", "TS2024001-BLACK-XXXL"),
    "location": (LocationLabel("A01-02-03"), "50x30@203", "Code128", "A01-02-03"),
    "location-chinese": (LocationLabel("西8排1架6层4位"), "50x30@203", "QRCode", "西8排1架6层4位"),
    "location-chinese-300dpi": (LocationLabel("西8排1架6层4位"), "50x30@300", "QRCode", "西8排1架6层4位"),
    # a Chinese code with its ASCII scan code: Code 128 a keyboard-wedge scanner can type
    "location-scan-code": (LocationLabel("西8排1架6层4位", "L000042"), "50x30@203", "Code128", "L000042"),
    "location-scan-code-300dpi": (LocationLabel("收货区", "DOCK-1"), "50x30@300", "Code128", "DOCK-1"),
    "sku-scan-code": (SkuLabel("129092-黄色-M", "纯棉T恤", "黄色", "M", "S000001"), "50x30@203", "Code128", "S000001"),
    "sku-ean": (SkuLabel("129092-黄色-M", "纯棉T恤", "黄色", "M", "6901234567892"), "50x30@203", "Code128",
                "6901234567892"),
    "batch": (BatchLabel("ABC123", date(2025, 1, 31), "9501101020917", "维生素C片"), "50x30@300", "Code128",
              "01095011010209171725013110ABC123"),
    "batch-wide": (BatchLabel("ABC123", date(2025, 1, 31), "9501101020917"), "100x50@203", "Code128",
                   "01095011010209171725013110ABC123"),
    "batch-lot-only": (BatchLabel("L-7"), "50x30@203", "Code128", "10L-7"),
    "carton": (CartonLabel("SO-20240615-0042", "张三", "广东省深圳市南山区科技园 8 号", 2, 3, 12350), "100x150@203",
               "Code128", "SO-20240615-0042"),
    "carton-300dpi": (CartonLabel("SO-1", "Li Si", "1 Main St", 1, 1), "100x150@300", "Code128", "SO-1"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_label_scans_back_to_exactly_its_data(case):
    label, profile_name, symbology, data = CASES[case]
    profile = PROFILES[profile_name]
    pdf = render_labels([label], profile, "pdf").payload
    [page] = pdf_pages(pdf, profile.dpi)
    assert page.size == (profile.width, profile.height)
    [barcode] = decode(page)
    assert (barcode.format, barcode.text) == (symbology, data)


@pytest.mark.parametrize("case", ["batch", "batch-wide", "batch-lot-only"])
def test_batch_labels_are_gs1_128_that_parse_back(case):
    label, profile_name, _, _ = CASES[case]
    profile = PROFILES[profile_name]
    [[barcode]] = pdf_barcodes(render_labels([label], profile, "pdf").payload, profile.dpi)
    assert barcode.symbology_identifier == "]C1"
    elements = {e.ai.ai: e for e in biip.parse(barcode.symbology_identifier + barcode.text).gs1_message.element_strings}
    assert elements["10"].value == label.batch_number
    if label.gtin:
        assert elements["01"].gtin.value.lstrip("0") == label.gtin.lstrip("0")
    if label.expiry_date:
        assert elements["17"].date == label.expiry_date


def test_chinese_qr_codes_declare_utf8():
    label, profile_name, _, _ = CASES["location-chinese"]
    profile = PROFILES[profile_name]
    [page] = pdf_pages(render_labels([label], profile, "pdf").payload, profile.dpi)
    [barcode] = zxingcpp.read_barcodes(page, text_mode=zxingcpp.TextMode.HexECI)
    # ]Q2 = "ECI present", \000026 = ECI 26 (UTF-8), then the UTF-8 bytes of 西
    assert barcode.text.startswith("5D 51 32 5C 30 30 30 30 32 36 E8 A5 BF")


def test_a_batch_of_labels_is_one_page_per_label():
    labels = [LocationLabel(code) for code in ("A01-01-01", "西8排1架6层4位", "A01-01-02")]
    profile = PROFILES["50x30@203"]
    pages = pdf_barcodes(render_labels(labels, profile, "pdf").payload, profile.dpi)
    assert [[b.text for b in page] for page in pages] == [["A01-01-01"], ["西8排1架6层4位"], ["A01-01-02"]]


def test_chinese_is_in_the_text_layer_with_the_font_embedded():
    label = CartonLabel("SO-1", "张三", "广东省深圳市南山区科技园 8 号", 1, 2, 800)
    pdf = render_labels([label], PROFILES["100x150@203"], "pdf").payload
    [text] = pdf_text(pdf)
    for expected in ("张三", "广东省深圳市南山区科技园 8 号", "收件人 TO", "1 / 2", "0.80 kg"):
        assert expected in text
    assert b"/FontFile2" in pdf  # TrueType outlines embedded, not a font the viewer may lack
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+WenQuanYiMicroHei", pdf)


def test_chinese_characters_are_drawn_with_their_own_glyphs():
    """A font without the glyphs draws the same empty box for every character."""
    profile = PROFILES["50x30@203"]
    bands = []
    for code in ("西8排", "东8排"):
        [page] = pdf_pages(render_labels([LocationLabel(code)], profile, "pdf").payload, profile.dpi)
        band = page.crop((0, 0, profile.width, profile.dots(8)))
        assert sum(band.histogram()[:128]) > 500  # there is ink
        bands.append(band.tobytes())
    assert bands[0] != bands[1]


def test_gs1_that_cannot_fit_the_label_says_so():
    label = BatchLabel("ABC123", date(2025, 1, 31), "9501101020917")
    with pytest.raises(PrintingError) as refused:
        render_labels([label], PROFILES["50x30@203"], "pdf")
    assert refused.value.error_code == "LABEL_TOO_SMALL"
    assert "(01)09501101020917" in refused.value.message


def test_labels_of_different_kinds_are_not_mixed_in_one_document():
    with pytest.raises(WmsError) as refused:
        render_labels([LocationLabel("A1"), SkuLabel("P-R-S", "n", "R", "S")], PROFILES["50x30@203"], "pdf")
    assert refused.value.details["field"] == "labels"


def test_an_unknown_format_is_refused():
    with pytest.raises(PrintingError) as refused:
        render_labels([LocationLabel("A1")], PROFILES["50x30@203"], "png")
    assert refused.value.error_code == "PRINT_FORMAT_UNSUPPORTED"


@pytest.mark.parametrize("case", ["sku", "location-chinese", "carton"])
def test_the_preview_is_the_label_in_printer_dots(case):
    label, profile_name, symbology, data = CASES[case]
    profile = PROFILES[profile_name]
    preview = Image.open(io.BytesIO(label_preview_png(label, profile)))
    assert preview.size == (profile.width, profile.height)
    assert preview.mode == "1"  # a thermal head prints dots, no grey
    [barcode] = decode(preview.convert("L"))
    assert (barcode.format, barcode.text) == (symbology, data)


def test_previews_can_be_rendered_from_several_threads_at_once():
    label, profile_name, _, _ = CASES["location-chinese"]
    profile = PROFILES[profile_name]
    expected = label_preview_png(label, profile)
    results = []
    threads = [threading.Thread(target=lambda: results.append(label_preview_png(label, profile))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [expected] * 6


def test_label_data_is_checked_when_built():
    with pytest.raises(WmsError) as refused:
        CartonLabel("SO-1", "Li", "Street", 3, 2)
    assert refused.value.details["field"] == "carton_number"
    with pytest.raises(WmsError) as refused:
        SkuLabel(" P-R-S", "n", "R", "S")
    assert refused.value.details["field"] == "sku_code"


def test_rendering_on_worker_threads_gives_the_same_bytes():
    profile = PROFILES["50x30@203"]
    work = [(CASES[case][0], fmt) for case in ("location", "location-chinese") for fmt in ("pdf", "zpl")]
    expected = [render_labels([label], profile, fmt).payload for label, fmt in work]
    results = []
    threads = [
        threading.Thread(target=lambda: results.append([render_labels([label], profile, fmt).payload for label, fmt in work]))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [expected] * 4
