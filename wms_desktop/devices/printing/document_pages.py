"""Paper formats and pagination for lists (pick lists, packing lists).

A list is a run of ``Block``s — a row, a group heading, the totals — poured onto pages between
a header repeated on every page and a footer that says "page n of m". A4 pages have a fixed
height; 80 mm roll pages end where their content ends (the printer cuts there), up to a maximum
length so a long list still comes out as several pieces one can handle.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wms_desktop.domain.errors import invalid

from .fonts import text_width
from .layout import Box, Item, Page, code_barcode, fitted_text, mm_to_dots

ROLL_PAGE_MAX_MM = 400


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: float
    height_mm: float | None  # None: continuous roll
    dpi: int  # the grid bars are drawn on: a laser's 300 dpi, a receipt printer's 203 dpi
    margin_mm: float

    def dots(self, mm: float) -> int:
        return mm_to_dots(mm, self.dpi)

    @property
    def width(self) -> int:
        return self.dots(self.width_mm)

    @property
    def inner_width(self) -> int:
        return self.width - 2 * self.dots(self.margin_mm)

    @property
    def wide(self) -> bool:
        """Room for a table with columns side by side (A4), not a stacked roll."""
        return self.width_mm >= 150


# 80 mm receipt printers print 72 mm (576 dots) of the roll's width
PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", 210, 297, 300, 10),
    "roll80": Paper("roll80", 80, None, 203, 4),
}


def paper(name: str) -> Paper:
    if name not in PAPERS:
        raise invalid("paper", f"must be one of {', '.join(PAPERS)}", allowed=list(PAPERS))
    return PAPERS[name]


@dataclass(frozen=True)
class Block:
    height: int
    draw: Callable[[int], list[Item]]  # the block's items, its top edge at y
    keep_with_next: bool = False  # a group heading is never left alone at the foot of a page
    continues: Block | None = None  # drawn first when this block opens a page: its group's heading


def paginate(
    blocks: Sequence[Block],
    sheet: Paper,
    header_height: int,
    header: Callable[[int], list[Item]],  # the header's items, its top edge at y
    footer_size: int,
) -> list[Page]:
    margin = sheet.dots(sheet.margin_mm)
    footer_height = footer_size * 2
    page_height = sheet.dots(sheet.height_mm or ROLL_PAGE_MAX_MM)
    room = page_height - 2 * margin - header_height - footer_height

    pages: list[list[Block]] = [[]]
    used = 0
    i = 0
    while i < len(blocks):
        group = [blocks[i]]
        while group[-1].keep_with_next and i + len(group) < len(blocks):
            group.append(blocks[i + len(group)])
        height = sum(block.height for block in group)
        if used + height > room and pages[-1]:
            pages.append([])
            used = 0
            if group[0].continues:
                pages[-1].append(group[0].continues)
                used += group[0].continues.height
        pages[-1].extend(group)
        used += height
        i += len(group)

    out = []
    for number, page_blocks in enumerate(pages, start=1):
        items = header(margin)
        y = margin + header_height
        for block in page_blocks:
            items.extend(block.draw(y))
            y += block.height
        footer_top = page_height - margin - footer_height if sheet.height_mm else y
        footer = f"第 {number} / {len(pages)} 页  Page {number} of {len(pages)}"
        items.append(fitted_text(footer, margin, footer_top + footer_size // 2, sheet.inner_width, footer_size, "center"))
        out.append(Page(sheet.width, footer_top + footer_height + margin, sheet.dpi, tuple(items)))
    return out


def rule(sheet: Paper, y: int, mm: float) -> Box:
    """A horizontal line across the text width."""
    thickness = max(1, sheet.dots(mm))
    return Box(sheet.dots(sheet.margin_mm), y, sheet.inner_width, thickness, thickness)


def title_header(sheet: Paper, title: str, subtitle: str, barcode_text: str) -> tuple[int, Callable[[int], list[Item]]]:
    """(height, draw) of the header on every page: title, subtitle, and the document's number
    as a barcode (beside the title on A4, below it on a roll). The first block below draws the
    rule that closes it."""
    d, left, inner = sheet.dots, sheet.dots(sheet.margin_mm), sheet.inner_width
    if sheet.wide:
        code_width = d(80)

        def draw(y: int) -> list[Item]:
            return [
                fitted_text(title, left, y, inner - code_width, d(7)),
                fitted_text(subtitle, left, y + d(9.5), inner - code_width, d(3.5)),
                code_barcode(barcode_text, left + inner - code_width, y, code_width, d(14), sheet.dpi),
            ]

        return d(18), draw

    def draw_stacked(y: int) -> list[Item]:
        return [
            fitted_text(title, left, y, inner, d(5)),
            fitted_text(subtitle, left, y + d(6.5), inner, d(3.5)),
            code_barcode(barcode_text, left, y + d(11.5), inner, d(12), sheet.dpi),
        ]

    return d(26), draw_stacked


def totals_block(sheet: Paper, parts: list[str]) -> Block:
    """The closing totals, as many parts per line as fit (one line on A4, stacked on a roll)."""
    d, left, size, gap = sheet.dots, sheet.dots(sheet.margin_mm), sheet.dots(4), "   "
    lines = [parts[0]]
    for part in parts[1:]:
        if text_width(lines[-1] + gap + part, size) <= sheet.inner_width:
            lines[-1] += gap + part
        else:
            lines.append(part)

    def draw(y: int) -> list[Item]:
        items: list[Item] = [rule(sheet, y + d(2), 0.5)]
        items.extend(fitted_text(line, left, y + d(4) + i * d(5.5), sheet.inner_width, size) for i, line in enumerate(lines))
        return items

    return Block(d(6) + len(lines) * d(5.5), draw)


def variant_text(product_name: str, sku_color: str, sku_size: str) -> str:
    """What a SKU is, for a person: ``T恤  RED  XL``."""
    return "  ".join(part for part in (product_name, sku_color, sku_size) if part)
