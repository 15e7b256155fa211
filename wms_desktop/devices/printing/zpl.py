"""Pages → ZPL II for Zebra (and ZPL-compatible) label printers.

Printable ASCII text uses the printer's scalable font 0 aligned in a field block, and Code 128
uses ``^BC`` with the exact codewords of the PDF (see ``code128.py``); both print sharp and
are tiny to send. Everything else — non-ASCII text, QR codes — is sent as a bitmap
(``zpl_bitmaps.py``).
"""
from __future__ import annotations

from collections.abc import Sequence

from .code128 import Code128
from .layout import Barcode, Box, Page, Text
from .zpl_bitmaps import qr_graphic, text_graphic

_JUSTIFY = {"left": "L", "center": "C", "right": "R"}
# ^ and ~ start ZPL commands; \ is an escape inside ^FB. Text with them goes as a bitmap.
_NOT_NATIVE = frozenset("^~\\")


def render_zpl(pages: Sequence[Page]) -> bytes:
    return "".join(_label(page) for page in pages).encode("ascii")


def _label(page: Page) -> str:
    lines = ["^XA", f"^PW{page.width}", f"^LL{page.height}", "^LH0,0"]
    for item in page.items:
        if isinstance(item, Text):
            lines.append(_text(item))
        elif isinstance(item, Barcode):
            lines.append(_barcode(item))
        else:
            lines.append(_box(item))
    lines.append("^XZ")
    return "\n".join(lines) + "\n"


def _native(text: str) -> bool:
    return all(" " <= ch <= "~" and ch not in _NOT_NATIVE for ch in text)


def _text(item: Text) -> str:
    if _native(item.text):
        return (
            f"^FO{item.x},{item.y}^A0N,{item.size},{item.size}"
            f"^FB{item.width},1,0,{_JUSTIFY[item.align]}^FD{item.text}^FS"
        )
    offset, graphic = text_graphic(item.text, item.size, item.width, item.align)
    return f"^FO{item.x + offset},{item.y}{graphic}^FS"


def _barcode(item: Barcode) -> str:
    if isinstance(item.symbol, Code128):
        return f"^FO{item.x},{item.y}^BY{item.module}^BCN,{item.height},N,N,N,N^FD{item.symbol.zpl_field_data()}^FS"
    return f"^FO{item.x},{item.y}{qr_graphic(item.symbol, item.module)}^FS"


def _box(item: Box) -> str:
    return f"^FO{item.x},{item.y}^GB{item.width},{item.height},{item.thickness}^FS"
