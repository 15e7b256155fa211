"""Labels of Chinese codes (issue 10, item 3): the ASCII scan code as Code 128 beside the
Chinese text, in PDF and ZPL alike; a UTF-8 QR code of the Chinese code only where the
workstation's scanners can type it (``utf8_qr``)."""
from __future__ import annotations

import pytest
from printing_helpers import decode, pdf_pages, pdf_text, rasterise_zpl_label, zpl_labels

from wms_desktop.devices.printing import PROFILES, LocationLabel, SkuLabel, render_labels
from wms_desktop.domain.errors import WmsError

WEST = "西8排1架6层4位"


def printed(label, profile_name: str, fmt: str):
    profile = PROFILES[profile_name]
    payload = render_labels([label], profile, fmt).payload
    if fmt == "pdf":
        [page] = pdf_pages(payload, profile.dpi)
        return page
    [zpl] = zpl_labels(payload)
    return rasterise_zpl_label(zpl)


@pytest.mark.parametrize("fmt", ["pdf", "zpl"])
@pytest.mark.parametrize("label", [LocationLabel(WEST, "L000042"), SkuLabel("129092-黄色-M", "纯棉T恤", "黄色", "M",
                                                                          "S000001")])
def test_without_utf8_the_label_has_only_the_ascii_code128(label, fmt):
    found = decode(printed(label, "50x30@203", fmt))
    assert [(b.format, b.text, b.symbology_identifier) for b in found] == [("Code128", label.scan_code, "]C0")]


@pytest.mark.parametrize("fmt", ["pdf", "zpl"])
@pytest.mark.parametrize("profile", ["50x30@203", "50x30@300"])
def test_with_utf8_the_chinese_qr_is_printed_beside_the_bars(fmt, profile):
    found = decode(printed(LocationLabel(WEST, "L000042", utf8_qr=True), profile, fmt))
    assert sorted((b.format, b.text) for b in found) == [("Code128", "L000042"), ("QRCode", WEST)]
    sku = SkuLabel("129092-黄色-M", "纯棉T恤", "黄色", "M", "S000001", utf8_qr=True)
    assert sorted((b.format, b.text) for b in decode(printed(sku, profile, fmt))) == [
        ("Code128", "S000001"), ("QRCode", "129092-黄色-M")]


def test_an_ascii_code_needs_no_qr_even_with_utf8():
    found = decode(printed(LocationLabel("A01-02-03", "L000007", utf8_qr=True), "50x30@203", "pdf"))
    assert [(b.format, b.text) for b in found] == [("Code128", "L000007")]


def test_the_chinese_code_and_the_scan_code_are_the_human_readable_text():
    for label, expected in ((LocationLabel(WEST, "L000042"), (WEST, "L000042")),
                            (SkuLabel("129092-黄色-M", "纯棉T恤", "黄色", "M", "S000001"),
                             ("纯棉T恤", "129092-黄色-M", "S000001"))):
        [text] = pdf_text(render_labels([label], PROFILES["50x30@203"], "pdf").payload)
        assert all(part in text for part in expected), text


@pytest.mark.parametrize("bad", ["有中文", "A 1", "]C1", "x" * 17])
def test_a_scan_code_a_wedge_cannot_type_is_refused(bad):
    with pytest.raises(WmsError) as refused:
        LocationLabel(WEST, bad)
    assert refused.value.error_code == "INVALID_SCAN_CODE"
    with pytest.raises(WmsError):
        LocationLabel.from_mapping({"location_code": WEST, "scan_code": bad})
