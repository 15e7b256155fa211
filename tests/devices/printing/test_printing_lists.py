"""Pick lists and packing lists as PDF, on A4 and on 80 mm rolls."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from printing_helpers import pdf_barcodes, pdf_page_sizes_mm, pdf_text

from wms_desktop.devices.printing import (
    PackingLine,
    PackingList,
    PickLine,
    PickList,
    PrintDocument,
    PrintingError,
    document_preview_png,
    render_packing_list,
    render_pick_list,
)
from wms_desktop.devices.printing.document_pages import PAPERS
from wms_desktop.devices.printing.layout import Barcode
from wms_desktop.devices.printing.pick_list import layout_pick_list
from wms_desktop.domain.errors import WmsError

LOCATIONS = ["西10排1架1层1位", "A10-01-01", "西8排1架10层1位", "无货位", "A2-01-01", "西8排1架6层4位"]
WALKING_ORDER = ["A2-01-01", "A10-01-01", "西8排1架6层4位", "西8排1架10层1位", "西10排1架1层1位", "无货位"]
RENDER_DPI = {"a4": 200, "roll80": 203}  # A4 scans fine below its 300 dpi grid, and renders faster


def pick_list(lines: int) -> PickList:
    return PickList(
        "PL-2024-0001",
        tuple(
            PickLine(LOCATIONS[i % len(LOCATIONS)], f"P{i:04d}-RED-{'SML'[i % 3]}", f"商品 Product {i}", i + 1, "RED",
                     "SML"[i % 3], "B2024" if i % 4 == 0 else "")
            for i in range(lines)
        ),
        "主仓库 Main",
    )


def test_walking_order_groups_lines_under_their_location():
    pages = pdf_text(render_pick_list(pick_list(12), "a4").payload)
    text = "\n".join(pages)
    positions = [text.index(code) for code in WALKING_ORDER]
    assert positions == sorted(positions)
    # each location heads its group once, followed by the SKUs stored there
    for i, location in enumerate(WALKING_ORDER):
        end = text.index(WALKING_ORDER[i + 1]) if i + 1 < len(WALKING_ORDER) else len(text)
        group = text[text.index(location) : end]
        expected = sorted(f"P{n:04d}" for n in range(12) if LOCATIONS[n % len(LOCATIONS)] == location)
        assert re.findall(r"P\d{4}", group) == expected


@pytest.mark.parametrize("paper", PAPERS)
def test_every_barcode_on_every_page_scans(paper):
    """Each page: the list's number, each location with lines on the page (again when its
    lines run over from the page before), and each SKU line once."""
    pick = pick_list(40)
    location_of = {line.sku_code: line.location_code for line in pick.lines}
    document = render_pick_list(pick, paper).payload
    pages = pdf_barcodes(document, RENDER_DPI[paper])
    assert len(pages) > 1
    for scanned, text in zip(pages, pdf_text(document), strict=True):
        skus = re.findall(r"P\d{4}-RED-[SML]", text)
        expected = Counter(["PL-2024-0001", *skus, *{location_of[sku] for sku in skus}])
        assert Counter(barcode.text for barcode in scanned) == expected
    assert sorted(sku for text in pdf_text(document) for sku in re.findall(r"P\d{4}-RED-[SML]", text)) == sorted(location_of)


def test_a_location_running_over_a_page_is_named_again_on_the_next():
    pages = pdf_text(render_pick_list(pick_list(60), "a4").payload)
    for text in pages[1:]:
        first_sku = re.search(r"P(\d{4})-RED", text).group(1)
        location = LOCATIONS[int(first_sku) % len(LOCATIONS)]
        assert text.index(location) < text.index(f"P{first_sku}")


@pytest.mark.parametrize("paper", PAPERS)
def test_totals_and_page_numbers(paper):
    pages = pdf_text(render_pick_list(pick_list(60), paper).payload)
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    assert "60 行 lines" in pages[-1] and f"{sum(range(1, 61))} 件 units" in pages[-1] and "6 库位 locations" in pages[-1]


def test_a4_pages_are_a4_and_roll_pages_are_80_mm_wide():
    a4 = pdf_page_sizes_mm(render_pick_list(pick_list(3), "a4").payload)
    roll = pdf_page_sizes_mm(render_pick_list(pick_list(3), "roll80").payload)
    assert [(round(w), round(h)) for w, h in a4] == [(210, 297)]
    [(width, height)] = roll
    assert round(width) == 80 and height < 200  # a short list is a short slip


def test_a_location_heading_never_ends_a_page():
    for paper in PAPERS.values():
        for page in layout_pick_list(pick_list(80), paper):
            last_code = [item.symbol.text for item in page.items if isinstance(item, Barcode)][-1]
            assert last_code.startswith("P"), f"page ends with the heading of {last_code}"


def test_pick_lists_from_mappings_name_the_bad_line():
    data = {"pick_list_number": "PL-1", "lines": [{"location_code": "A1", "sku_code": "P-R-S", "product_name": "x",
                                                   "quantity": 0}]}
    with pytest.raises(WmsError) as refused:
        PickList.from_mapping(data)
    assert refused.value.details["field"] == "lines[0].quantity"


@pytest.mark.parametrize("paper", PAPERS)
def test_packing_list(paper):
    packing = PackingList(
        "SO-20240615-0042", "张三", "广东省深圳市南山区科技园南区高新南一道 8 号",
        tuple(PackingLine(f"P{i:04d}-RED-M", f"商品 {i}", i + 1, "RED", "M") for i in range(30)),
    )
    document = render_packing_list(packing, paper).payload
    pages = pdf_text(document)
    assert "张三" in pages[0] and "高新南一道" in pages[0]
    assert "30 行 lines" in pages[-1] and f"{sum(range(1, 31))} 件 units" in pages[-1]
    assert all(f"of {len(pages)}" in text for text in pages)
    scanned = [[barcode.text for barcode in page] for page in pdf_barcodes(document, RENDER_DPI[paper])]
    assert scanned == [["SO-20240615-0042"]] * len(pages)


def test_document_preview_is_a_png_of_the_first_page_and_pdf_only():
    png = document_preview_png(render_pick_list(pick_list(3), "a4"), dpi=50)
    assert png.startswith(b"\x89PNG")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert abs(width - 210 / 25.4 * 50) < 1 and abs(height - 297 / 25.4 * 50) < 1  # A4 at 50 dpi
    with pytest.raises(PrintingError) as refused:
        document_preview_png(PrintDocument("sku_label", "zpl", b"^XA^XZ"))
    assert refused.value.error_code == "PRINT_FORMAT_UNSUPPORTED"
