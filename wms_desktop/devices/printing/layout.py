"""The one description of a printed page that both renderers walk.

A label or a page of a list is a ``Page`` of positioned ``Text``, ``Barcode`` and ``Box`` items
in printer dots (origin top left). All decisions — sizes, wrapping, which symbology, module
widths — are made here; ``pdf.py`` and ``zpl.py`` only translate items, so the two outputs
cannot drift apart.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from . import code128, qr
from .code128 import Code128, encode_code128, is_code128_text
from .errors import PrintingError
from .fonts import text_width
from .gs1 import Gs1ElementString
from .profiles import MM_PER_INCH
from .qr import QrCode, encode_qr

Align = Literal["left", "center", "right"]

# Narrowest bar / smallest QR module we print: ~6.5 mil reads on any current imager; 0.25 mm QR
# modules read from a handheld at arm's length. Caps keep symbols from growing absurdly.
MIN_BAR_MM, MAX_BAR_MM = 0.165, 0.5
MIN_QR_MM, MAX_QR_MM = 0.25, 1.0
ELLIPSIS = "..."  # ASCII, so a shortened ASCII text still prints in the printer's own font


@dataclass(frozen=True)
class Text:
    x: int
    y: int  # top of the line
    width: int  # the box the text is aligned in; the text never exceeds it
    size: int  # font size (em) in dots
    text: str
    align: Align = "left"


@dataclass(frozen=True)
class Barcode:
    x: int  # first bar / module, quiet zone excluded
    y: int
    module: int  # dots per module
    height: int  # bar height; a QR code is square
    symbol: Code128 | QrCode

    @property
    def width(self) -> int:
        return self.symbol.modules * self.module


@dataclass(frozen=True)
class Box:
    """A rectangle outline ``thickness`` dots wide; a line when thickness fills one side."""

    x: int
    y: int
    width: int
    height: int
    thickness: int


Item = Text | Barcode | Box


@dataclass(frozen=True)
class Page:
    width: int
    height: int
    dpi: int
    items: tuple[Item, ...]


def mm_to_dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / MM_PER_INCH)


def _module_range(min_mm: float, max_mm: float, dpi: int) -> tuple[int, int]:
    # a tiny epsilon keeps 2.0000001 dots from becoming 3
    low = max(1, math.ceil(min_mm * dpi / MM_PER_INCH - 1e-6))
    return low, max(low, math.floor(max_mm * dpi / MM_PER_INCH))


def fitted_text(text: str, x: int, y: int, width: int, size: int, align: Align = "left", min_size: int | None = None) -> Text:
    """One line: shrunk down to ``min_size`` (default 75 %) to fit ``width``, then shortened."""
    min_size = min_size or max(1, size * 3 // 4)
    natural = text_width(text, size)
    if natural > width:
        size = max(min_size, int(size * width / natural))
    return Text(x, y, width, size, shortened(text, width, size), align)


def shortened(text: str, width: int, size: int) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + ELLIPSIS, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _longest_fitting_prefix(text: str, width: int, size: int) -> int:
    cut = len(text)
    while cut > 1 and text_width(text[:cut], size) > width:
        cut -= 1
    return cut


# a CJK character may break anywhere; Latin words break at spaces
_TOKENS = re.compile(r"[^\x00-\x7f]|[!-~]+|\s+")


def wrapped_lines(text: str, width: int, size: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _TOKENS.findall(paragraph):
            if text_width((line + token).rstrip(), size) <= width:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = token.lstrip()
            while text_width(line, size) > width:  # one word wider than the box
                cut = _longest_fitting_prefix(line, width, size)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shortened(lines[-1] + ELLIPSIS, width, size)
    return lines


def code_barcode(text: str, x: int, y: int, width: int, height: int, dpi: int) -> Barcode:
    """A symbol for a code a person also reads (SKU, location, order number), centred in the box.

    Code 128 when the text is printable ASCII and its bars fit the width; otherwise a QR code
    (UTF-8), which every 2D imager reads and which carries Chinese text unambiguously.
    """
    if is_code128_text(text):
        bars = encode_code128(text)
        module = _bar_module(bars, width, dpi)
        if module:
            return _centred_bars(bars, module, x, y, width, height)
    symbol = encode_qr(text)
    low, high = _module_range(MIN_QR_MM, MAX_QR_MM, dpi)
    module = min(high, min(width, height) // (symbol.modules + 2 * qr.QUIET_ZONE))
    if module < low:
        raise PrintingError(
            "LABEL_TOO_SMALL",
            f"A QR code for {text!r} needs {(symbol.modules + 2 * qr.QUIET_ZONE) * low} dots square; "
            f"the space is {min(width, height)}",
            {"data": text, "width": width, "height": height},
        )
    size = symbol.modules * module
    return Barcode(x + (width - size) // 2, y + (height - size) // 2, module, size, symbol)


def gs1_barcode(elements: Gs1ElementString, x: int, y: int, width: int, height: int, dpi: int) -> Barcode:
    """GS1-128 bars, centred in the box; GS1 logistics data has no 2D fallback here."""
    symbol = encode_code128(elements.data, gs1=True)
    module = _bar_module(symbol, width, dpi)
    if module is None:
        low, _ = _module_range(MIN_BAR_MM, MAX_BAR_MM, dpi)
        raise PrintingError(
            "LABEL_TOO_SMALL",
            f"GS1-128 {elements.hri} needs {(symbol.modules + 2 * code128.QUIET_ZONE) * low} dots of width; "
            f"the label has {width}. Use a wider label or a higher-resolution printer.",
            {"data": elements.hri, "width": width},
        )
    return _centred_bars(symbol, module, x, y, width, height)


def _bar_module(symbol: Code128, width: int, dpi: int) -> int | None:
    """The widest module, within limits, at which the bars and their quiet zones fit."""
    low, high = _module_range(MIN_BAR_MM, MAX_BAR_MM, dpi)
    module = min(high, width // (symbol.modules + 2 * code128.QUIET_ZONE))
    return module if module >= low else None


def _centred_bars(symbol: Code128, module: int, x: int, y: int, width: int, height: int) -> Barcode:
    return Barcode(x + (width - symbol.modules * module) // 2, y, module, height, symbol)
