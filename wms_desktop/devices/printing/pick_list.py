"""Pick lists: the lines to pick, grouped by location in walking order, each location and SKU
with its barcode and a box to tick, totals at the end."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from wms_desktop.domain import fields as f
from wms_desktop.domain.codes import CODE_MAX, SKU_CODE_MAX, SKU_PART_MAX
from wms_desktop.domain.walking_order import walking_order_key

from .checked import Checked, records
from .document_pages import Block, Paper, paginate, rule, title_header, totals_block, variant_text
from .layout import Box, Item, Page, code_barcode, fitted_text

MAX_LINES = 10_000


@dataclass(frozen=True)
class PickLine(Checked):
    location_code: str
    sku_code: str
    product_name: str
    quantity: int
    sku_color: str = ""
    sku_size: str = ""
    batch_number: str = ""

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "location_code": f.F(f.code(CODE_MAX), required=True),
            "sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
            "product_name": f.F(f.text(), required=True),
            "quantity": f.F(f.quantity(), required=True),
            "sku_color": f.F(f.text(SKU_PART_MAX), default=""),
            "sku_size": f.F(f.text(SKU_PART_MAX), default=""),
            "batch_number": f.F(f.text(CODE_MAX), default=""),
        }
    )


PICK_LIST_TITLE = "拣货单 PICK LIST"
PUTAWAY_LIST_TITLE = "上架单 PUTAWAY LIST"  # the same walk, to the shelves: each line's location is where it goes


@dataclass(frozen=True)
class PickList(Checked):
    pick_list_number: str
    lines: tuple[PickLine, ...]
    warehouse_name: str = ""
    title: str = PICK_LIST_TITLE

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "pick_list_number": f.F(f.code(CODE_MAX), required=True),
            "lines": f.F(records(PickLine, MAX_LINES), required=True),
            "warehouse_name": f.F(f.text(), default=""),
            "title": f.F(f.text(), default=PICK_LIST_TITLE),
        }
    )


def lines_in_walking_order(lines: tuple[PickLine, ...]) -> list[tuple[str, list[PickLine]]]:
    """(location code, its lines) in walking order; lines within a location by SKU code."""
    ordered = sorted(lines, key=lambda line: (walking_order_key(line.location_code), walking_order_key(line.sku_code)))
    return [(location, list(group)) for location, group in groupby(ordered, key=lambda line: line.location_code)]


def layout_pick_list(pick_list: PickList, sheet: Paper) -> list[Page]:
    d = sheet.dots
    subtitle = f"No. {pick_list.pick_list_number}"
    if pick_list.warehouse_name:
        subtitle += f"   仓库 WAREHOUSE {pick_list.warehouse_name}"
    header_height, header = title_header(sheet, pick_list.title, subtitle, pick_list.pick_list_number)

    groups = lines_in_walking_order(pick_list.lines)
    blocks: list[Block] = []
    for location, lines in groups:
        blocks.append(_location_heading(sheet, location, location))
        continued = _location_heading(sheet, location, f"{location}  (续 cont.)")
        blocks.extend(_line(sheet, line, continued) for line in lines)
    units = sum(line.quantity for line in pick_list.lines)
    totals = ["合计 TOTAL", f"{len(pick_list.lines)} 行 lines", f"{units} 件 units", f"{len(groups)} 库位 locations"]
    blocks.append(totals_block(sheet, totals))
    return paginate(blocks, sheet, header_height, header, footer_size=d(3))


def _location_heading(sheet: Paper, location: str, title: str) -> Block:
    d, left, inner = sheet.dots, sheet.dots(sheet.margin_mm), sheet.inner_width
    if sheet.wide:
        title_width = d(95)

        def draw(y: int) -> list[Item]:
            return [
                rule(sheet, y + d(1), 0.4),
                fitted_text(title, left, y + d(4.5), title_width, d(6)),
                code_barcode(location, left + title_width, y + d(2.5), inner - title_width, d(12), sheet.dpi),
            ]

        return Block(d(16), draw, keep_with_next=True)

    def draw_stacked(y: int) -> list[Item]:
        return [
            rule(sheet, y + d(1), 0.4),
            fitted_text(title, left, y + d(2.5), inner, d(5)),
            code_barcode(location, left, y + d(8.5), inner, d(11), sheet.dpi),
        ]

    return Block(d(21), draw_stacked, keep_with_next=True)


def _line(sheet: Paper, line: PickLine, continued: Block) -> Block:
    """One line to pick; ``continued`` heads the next page when the location's lines run over."""
    d, left, inner = sheet.dots, sheet.dots(sheet.margin_mm), sheet.inner_width
    batch = f"批次 LOT {line.batch_number}" if line.batch_number else ""
    if sheet.wide:
        code_x, code_width = left + d(10), d(70)
        text_x = code_x + code_width + d(2)
        qty_width = d(25)
        text_column = left + inner - qty_width - text_x

        def draw(y: int) -> list[Item]:
            items: list[Item] = [
                Box(left + d(1), y + d(4.5), d(6), d(6), max(1, d(0.35))),  # ticked when picked
                code_barcode(line.sku_code, code_x, y + d(2), code_width, d(11), sheet.dpi),
                fitted_text(line.sku_code, text_x, y + d(1.5), text_column, d(3.5)),
                fitted_text(variant_text(line.product_name, line.sku_color, line.sku_size), text_x, y + d(6), text_column, d(3)),
                fitted_text(str(line.quantity), left + inner - qty_width, y + d(4), qty_width, d(6), "right"),
                Box(code_x, y, left + inner - code_x, 1, 1),
            ]
            if batch:
                items.append(fitted_text(batch, text_x, y + d(10), text_column, d(3)))
            return items

        return Block(d(15), draw, continues=continued)

    qty_width = d(14)
    text_x = left + d(6.5)

    def draw_stacked(y: int) -> list[Item]:
        items: list[Item] = [
            Box(left, y + d(1.5), d(4.5), d(4.5), max(1, d(0.35))),  # ticked when picked
            fitted_text(line.sku_code, text_x, y + d(1.5), inner - qty_width - d(6.5), d(3.5)),
            fitted_text(str(line.quantity), left + inner - qty_width, y + d(1), qty_width, d(5), "right"),
            code_barcode(line.sku_code, left, y + d(7), inner, d(9), sheet.dpi),
            fitted_text(variant_text(line.product_name, line.sku_color, line.sku_size), left, y + d(17.5), inner, d(3)),
        ]
        if batch:
            items.append(fitted_text(batch, left, y + d(21.5), inner, d(3)))
        return items

    return Block(d(26 if batch else 22), draw_stacked, continues=continued)
