"""The receiving report of an ASN: expected against received per line, with what was short,
over or damaged and the reasons given — the discrepancy report printed or saved at close."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from wms_desktop.domain import fields as f
from wms_desktop.domain.codes import CODE_MAX, SKU_CODE_MAX

from .checked import Checked, records
from .document_pages import Block, Paper, paginate, title_header, totals_block
from .layout import Box, Item, Page, fitted_text

MAX_LINES = 10_000
QUANTITIES = ("expected", "received", "damaged", "short", "over")


@dataclass(frozen=True)
class ReportLine(Checked):
    line: str  # its number, or "+" for an item the ASN did not name
    sku_code: str
    product_name: str
    expected: int
    received: int
    damaged: int = 0
    short: int = 0
    over: int = 0
    reasons: str = ""

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "line": f.F(f.code(8), required=True),
            "sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
            "product_name": f.F(f.text(), required=True),
            **{name: f.F(f.integer(0, f.MAX_QUANTITY), required=name in ("expected", "received"), default=0)
               for name in QUANTITIES},
            "reasons": f.F(f.text(), default=""),
        }
    )


@dataclass(frozen=True)
class ReceivingReport(Checked):
    asn_number: str
    supplier: str
    state: str
    lines: tuple[ReportLine, ...]

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "asn_number": f.F(f.code(CODE_MAX), required=True),
            "supplier": f.F(f.text(), default=""),
            "state": f.F(f.text(), default=""),
            "lines": f.F(records(ReportLine, MAX_LINES), required=True),
        }
    )


def layout_receiving_report(report: ReceivingReport, sheet: Paper) -> list[Page]:
    d = sheet.dots
    subtitle = "   ".join(p for p in (f"No. {report.asn_number}", report.supplier, report.state) if p)
    header_height, header = title_header(sheet, "收货报告 RECEIVING REPORT", subtitle, report.asn_number)
    blocks = [_row(sheet, ("#", "SKU", "预期 EXP", "实收 RCV", "破损 DMG", "短缺 SHORT", "超收 OVER"), "原因 REASONS")]
    blocks.extend(_row(sheet, (line.line, line.sku_code, *(str(getattr(line, q)) for q in QUANTITIES)),
                       "  ".join(p for p in (line.product_name, line.reasons) if p)) for line in report.lines)
    totals = ["合计 TOTAL", *(f"{sum(getattr(line, q) for line in report.lines)} {q}" for q in QUANTITIES)]
    blocks.append(totals_block(sheet, totals))
    return paginate(blocks, sheet, header_height, header, footer_size=d(3))


def _row(sheet: Paper, cells: tuple[str, ...], detail: str) -> Block:
    """A line's numbers in columns, its product and reasons below them."""
    d, left, inner = sheet.dots, sheet.dots(sheet.margin_mm), sheet.inner_width
    number_width = d(7)
    sku_width = inner * 2 // 7
    quantity_width = (inner - number_width - sku_width) // len(QUANTITIES)
    size = d(3.2) if sheet.wide else d(2.6)

    def draw(y: int) -> list[Item]:
        items: list[Item] = [fitted_text(cells[0], left, y + d(1.5), number_width, size),
                             fitted_text(cells[1], left + number_width, y + d(1.5), sku_width, size)]
        x = left + number_width + sku_width
        for text in cells[2:]:
            items.append(fitted_text(text, x, y + d(1.5), quantity_width - d(1), size, "right"))
            x += quantity_width
        items.append(fitted_text(detail, left + number_width, y + d(1.5) + size + d(1), inner - number_width, size))
        items.append(Box(left, y, inner, 1, 1))
        return items

    return Block(d(3) + 2 * size + d(1), draw)
