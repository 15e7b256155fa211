"""The one font every label and list is drawn with (why this one: resources/fonts/README.md).

reportlab embeds it in PDFs and measures text; Pillow rasterises it for the ZPL bitmaps of
non-ASCII text. Both read the same file, so widths agree between the PDF, the preview and the
Zebra print.
"""
from __future__ import annotations

import math
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from wms_desktop.paths import RESOURCES

if TYPE_CHECKING:  # reportlab and Pillow load with the first text measured or drawn
    from PIL.ImageFont import FreeTypeFont
    from reportlab.pdfbase.ttfonts import TTFont

FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
FONT_INDEX = 0  # "WenQuanYi Micro Hei"; face 1 is the monospaced variant
PDF_FONT = "WenQuanYiMicroHei"

_register_lock = threading.Lock()
_font: TTFont | None = None


def _face() -> TTFont:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    global _font
    with _register_lock:  # labels may be rendered from several worker threads at once
        if _font is None:
            _font = TTFont(PDF_FONT, str(FONT_FILE), subfontIndex=FONT_INDEX)
            pdfmetrics.registerFont(_font)
        return _font


def pdf_font() -> str:
    """The reportlab font name, registered on first use (parsing the file takes ~0.15 s)."""
    _face()
    return PDF_FONT


def text_width(text: str, size: float) -> float:
    """Advance width of ``text`` at font size ``size``, in the same unit as ``size``."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, pdf_font(), size)


def baseline_offset(size: int) -> int:
    """From the top of a line of text to its baseline."""
    return round(size * _face().face.ascent / 1000)


def line_height(size: int) -> int:
    face = _face().face
    return math.ceil(size * (face.ascent - face.descent) / 1000)


@lru_cache(maxsize=64)
def bitmap_font(size: int) -> FreeTypeFont:
    from PIL import ImageFont

    # Chinese and Latin need no shaping; the basic layout is 3× faster than libraqm's
    return ImageFont.truetype(str(FONT_FILE), size, index=FONT_INDEX, layout_engine=ImageFont.Layout.BASIC)
