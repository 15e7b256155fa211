"""Packing lists: what is in the shipment, for the recipient and for the packer's check."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from wms_desktop.domain import fields as f
from wms_desktop.domain.codes import CODE_MAX, SKU_CODE_MAX, SKU_PART_MAX

from .checked import Checked, records
from .document_pages import Block, Paper, paginate, rule, title_header, totals_block, variant_text
from .labels import ADDRESS_MAX
from .layout import Box, Item, Page, Text, fitted_text, wrapped_lines

MAX_LINES = 10_000


@dataclass(frozen=True)
class PackingLine(Checked):
    sku_code: str
    product_name: str
    quantity: int
    sku_color: str = ""
    sku_size: str = ""

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
            "product_name": f.F(f.text(), required=True),
            "quantity": f.F(f.quantity(), required=True),
            "sku_color": f.F(f.text(SKU_PART_MAX), default=""),
            "sku_size": f.F(f.text(SKU_PART_MAX), default=""),
        }
    )


@dataclass(frozen=True)
class PackingList(Checked):
    order_number: str
    recipient_name: str
    recipient_address: str
    lines: tuple[PackingLine, ...]

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "order_number": f.F(f.code(CODE_MAX), required=True),
            "recipient_name": f.F(f.text(), required=True),
            "recipient_address": f.F(f.text(ADDRESS_MAX, multiline=True), required=True),
            "lines": f.F(records(PackingLine, MAX_LINES), required=True),
        }
    )


def layout_packing_list(packing_list: PackingList, sheet: Paper) -> list[Page]:
    d, left, inner = sheet.dots, sheet.dots(sheet.margin_mm), sheet.inner_width
    header_height, header = title_header(
        sheet, "装箱单 PACKING LIST", f"订单 ORDER {packing_list.order_number}", packing_list.order_number
    )
    address = wrapped_lines(packing_list.recipient_address, inner, d(3.5), max_lines=4)

    def recipient(y: int) -> list[Item]:
        items: list[Item] = [
            rule(sheet, y + d(1), 0.5),
            fitted_text("收件人 TO", left, y + d(3), inner, d(3)),
            fitted_text(packing_list.recipient_name, left, y + d(7), inner, d(4.5)),
        ]
        items.extend(Text(left, y + d(12.5) + i * d(4.5), inner, d(3.5), text) for i, text in enumerate(address))
        return items

    blocks = [Block(d(14) + len(address) * d(4.5), recipient)]
    blocks.extend(_line(sheet, line) for line in packing_list.lines)
    units = sum(line.quantity for line in packing_list.lines)
    blocks.append(totals_block(sheet, ["合计 TOTAL", f"{len(packing_list.lines)} 行 lines", f"{units} 件 units"]))
    return paginate(blocks, sheet, header_height, header, footer_size=d(3))


def _line(sheet: Paper, line: PackingLine) -> Block:
    d, left, inner = sheet.dots, sheet.dots(sheet.margin_mm), sheet.inner_width
    variant = variant_text(line.product_name, line.sku_color, line.sku_size)
    box = max(1, d(0.35))
    if sheet.wide:
        code_x, code_width, qty_width = left + d(9), d(60), d(25)
        name_x = code_x + code_width

        def draw(y: int) -> list[Item]:
            return [
                Box(left + d(1), y + d(2), d(5), d(5), box),  # ticked when packed
                fitted_text(line.sku_code, code_x, y + d(2.5), code_width - d(2), d(3.5)),
                fitted_text(variant, name_x, y + d(2.5), inner - qty_width - (name_x - left), d(3.5)),
                fitted_text(str(line.quantity), left + inner - qty_width, y + d(2), qty_width, d(4.5), "right"),
                Box(left, y, inner, 1, 1),
            ]

        return Block(d(9), draw)

    qty_width = d(14)

    def draw_stacked(y: int) -> list[Item]:
        return [
            Box(left, y + d(1.5), d(4.5), d(4.5), box),  # ticked when packed
            fitted_text(line.sku_code, left + d(6.5), y + d(1.5), inner - qty_width - d(6.5), d(3.5)),
            fitted_text(str(line.quantity), left + inner - qty_width, y + d(1), qty_width, d(5), "right"),
            fitted_text(variant, left, y + d(7), inner, d(3)),
        ]

    return Block(d(12), draw_stacked)
