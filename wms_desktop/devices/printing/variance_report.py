"""A count task's variance report: every line with a variance (location in walking order, the
item, expected and counted quantities, the variance and its decision), totals, and each
counter's accuracy. A4 only: it is filed, not taken to the shelf."""
from __future__ import annotations

from dataclasses import dataclass

from wms_desktop.domain.walking_order import walking_order_key

from .document_pages import Block, Paper, paginate, rule, title_header, totals_block
from .layout import Item, Page, fitted_text

DECISIONS = {"approved": "批准 approved", "rejected": "驳回 rejected", None: "待定 open"}


@dataclass(frozen=True)
class VarianceLine:
    location_code: str
    sku_code: str
    product_name: str
    batch_number: str
    expected_quantity: int
    counted_quantity: int
    counted_by: str
    decision: str | None  # approved, rejected, None: not decided
    reason_code: str = ""


@dataclass(frozen=True)
class CounterFigure:
    counter: str
    lines_counted: int
    lines_right: int
    accuracy_percent: float


@dataclass(frozen=True)
class VarianceReport:
    count_number: str
    state: str
    lines: tuple[VarianceLine, ...]
    lines_counted: int
    counters: tuple[CounterFigure, ...] = ()
    warehouse_name: str = ""


# the table's columns: (title, share of the text width, alignment)
COLUMNS = (("库位 Location", 0.15, "left"), ("SKU", 0.19, "left"), ("品名 Product", 0.14, "left"),
           ("应有 Expected", 0.08, "right"), ("实盘 Counted", 0.08, "right"), ("差异 Variance", 0.08, "right"),
           ("盘点 By", 0.08, "left"), ("审核 Decision", 0.2, "left"))


def layout_variance_report(report: VarianceReport, sheet: Paper) -> list[Page]:
    d = sheet.dots
    subtitle = f"No. {report.count_number}   {report.state}"
    if report.warehouse_name:
        subtitle += f"   仓库 WAREHOUSE {report.warehouse_name}"
    header_height, header = title_header(sheet, "盘点差异报告 COUNT VARIANCE REPORT", subtitle, report.count_number)
    lines = sorted(report.lines, key=lambda line: (walking_order_key(line.location_code), line.sku_code,
                                                   line.batch_number))
    blocks = [_row(sheet, [title for title, _w, _a in COLUMNS], bold_rule=True)]
    for line in lines:
        variance = line.counted_quantity - line.expected_quantity
        item = line.sku_code + (f"  批次 {line.batch_number}" if line.batch_number else "")
        decision = DECISIONS.get(line.decision, line.decision or "") + (f" ({line.reason_code})" if line.reason_code
                                                                        else "")
        blocks.append(_row(sheet, [line.location_code, item, line.product_name, str(line.expected_quantity),
                                   str(line.counted_quantity), f"{variance:+d}", line.counted_by, decision]))
    net = sum(line.counted_quantity - line.expected_quantity for line in report.lines)
    blocks.append(totals_block(sheet, ["合计 TOTAL", f"{report.lines_counted} 行已盘 lines counted",
                                       f"{len(report.lines)} 行差异 with variance", f"净差异 net {net:+d}"]))
    if report.counters:
        blocks.append(totals_block(sheet, ["盘点准确率 ACCURACY", *(
            f"{c.counter}: {c.lines_right}/{c.lines_counted} = {c.accuracy_percent:.1f}%" for c in report.counters)]))
    return paginate(blocks, sheet, header_height, header, footer_size=d(3))


def _row(sheet: Paper, texts: list[str], bold_rule: bool = False) -> Block:
    d, left, inner = sheet.dots, sheet.dots(sheet.margin_mm), sheet.inner_width

    def draw(y: int) -> list[Item]:
        items: list[Item] = [rule(sheet, y, 0.5 if bold_rule else 0.15)]
        x = left
        for text, (_title, share, align) in zip(texts, COLUMNS):
            width = int(inner * share)
            items.append(fitted_text(text, x + d(0.5), y + d(1.5), width - d(1), d(3.2), align))  # type: ignore[arg-type]
            x += width
        return items

    return Block(d(6.5), draw)
