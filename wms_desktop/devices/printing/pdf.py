"""Pages → PDF with reportlab: vector bars and QR modules on the printer's dot grid, text in the
embedded TrueType font (a real text layer: searchable, copyable, Chinese included)."""
from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from .code128 import Code128
from .fonts import baseline_offset, pdf_font, text_width
from .layout import Barcode, Box, Page, Text

POINTS_PER_INCH = 72


def render_pdf(pages: Sequence[Page], title: str) -> bytes:
    if not pages:
        raise ValueError("a PDF needs at least one page")
    out = io.BytesIO()
    # invariant: no timestamps or random ids, so the same pages always give the same bytes
    canvas = Canvas(out, invariant=True)
    canvas.setTitle(title)
    canvas.setCreator("wms-desktop")
    font = pdf_font()
    for page in pages:
        _Page(canvas, page, font).draw()
        canvas.showPage()
    canvas.save()
    return out.getvalue()


class _Page:
    def __init__(self, canvas: Canvas, page: Page, font: str) -> None:
        self.canvas = canvas
        self.page = page
        self.font = font
        self.scale = POINTS_PER_INCH / page.dpi
        canvas.setPageSize((page.width * self.scale, page.height * self.scale))

    def draw(self) -> None:
        for item in self.page.items:
            if isinstance(item, Text):
                self._text(item)
            elif isinstance(item, Barcode):
                self._barcode(item)
            else:
                self._box(item)

    def _rect(self, path, x: float, y: float, width: float, height: float) -> None:
        """A rectangle given in dots from the top left, added to ``path`` in PDF points."""
        s = self.scale
        path.rect(x * s, (self.page.height - y - height) * s, width * s, height * s)

    def _text(self, item: Text) -> None:
        x: float = item.x
        if item.align != "left":
            slack = item.width - text_width(item.text, item.size)
            x += slack if item.align == "right" else slack / 2
        baseline = item.y + baseline_offset(item.size)
        self.canvas.setFont(self.font, item.size * self.scale)
        self.canvas.drawString(x * self.scale, (self.page.height - baseline) * self.scale, item.text)

    def _barcode(self, item: Barcode) -> None:
        # one path per symbol: no hairline seams between adjacent modules when rasterised
        path = self.canvas.beginPath()
        m = item.module
        if isinstance(item.symbol, Code128):
            for offset, width in item.symbol.bars():
                self._rect(path, item.x + offset * m, item.y, width * m, item.height)
        else:
            for row, column, length in item.symbol.dark_runs():
                self._rect(path, item.x + column * m, item.y + row * m, length * m, m)
        self.canvas.drawPath(path, stroke=0, fill=1)

    def _box(self, item: Box) -> None:
        path = self.canvas.beginPath()
        t = item.thickness
        if 2 * t >= min(item.width, item.height):
            self._rect(path, item.x, item.y, item.width, item.height)
        else:  # four filled sides, so the outline lies inside the box as in ZPL ^GB
            self._rect(path, item.x, item.y, item.width, t)
            self._rect(path, item.x, item.y + item.height - t, item.width, t)
            self._rect(path, item.x, item.y + t, t, item.height - 2 * t)
            self._rect(path, item.x + item.width - t, item.y + t, t, item.height - 2 * t)
        self.canvas.drawPath(path, stroke=0, fill=1)
