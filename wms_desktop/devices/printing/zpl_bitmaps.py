"""Bitmaps for Zebra printers: ``^GF`` graphic fields for QR codes and for text the printer's
own fonts cannot show.

Why bitmaps for Chinese rather than ``^CI28`` with a printer-resident font: a Zebra prints
Chinese natively only with a CJK TrueType font stored in its flash, which takes a one-time
multi-megabyte download per printer (and more flash than older models have). A 1-bit bitmap of
the text, rasterised here with the same font the PDF embeds, prints on every ZPL II printer
with no setup, and looks like the preview. The cost is bytes: a few hundred per line of text,
compressed (Z64).
"""
from __future__ import annotations

import base64
import binascii
import math
import zlib
from functools import lru_cache

from PIL import Image, ImageDraw

from .fonts import baseline_offset, bitmap_font, line_height, text_width
from .layout import Align
from .qr import QrCode

_INVERT = bytes(255 - b for b in range(256))


def graphic_field(image: Image.Image) -> str:
    """``^GF`` for a 1-bit image (black = printed dot), Z64-encoded: zlib, base64, and the
    CRC-16/XMODEM of the base64 text that the printer checks."""
    row_bytes = math.ceil(image.width / 8)
    # Pillow's "1" mode packs rows MSB first like ZPL, but 1 = white and pads rows with 0 bits,
    # which would print as a black stripe: widen to whole bytes of white first, then invert.
    padded = Image.new("1", (row_bytes * 8, image.height), 1)
    padded.paste(image.convert("1", dither=Image.Dither.NONE))
    raw = padded.tobytes().translate(_INVERT)
    encoded = base64.b64encode(zlib.compress(raw, 9))
    crc = binascii.crc_hqx(encoded, 0)
    return f"^GFA,{len(raw)},{len(raw)},{row_bytes},:Z64:{encoded.decode('ascii')}:{crc:04x}"


@lru_cache(maxsize=512)  # captions repeat on every label of a batch
def text_graphic(text: str, size: int, width: int, align: Align) -> tuple[int, str]:
    """(x offset inside the text box, ``^GF`` field) for one line of text."""
    # the advance width from the font file, as the PDF aligns it: same place in both outputs
    ink = min(width, math.ceil(text_width(text, size)))
    image = Image.new("1", (max(1, ink), line_height(size)), 1)
    ImageDraw.Draw(image).text((0, baseline_offset(size)), text, font=bitmap_font(size), fill=0, anchor="ls")
    offset = {"left": 0, "center": (width - ink) // 2, "right": width - ink}[align]
    return offset, graphic_field(image)


def qr_graphic(symbol: QrCode, module: int) -> str:
    size = symbol.modules
    pixels = b"".join(bytes(0 if dark else 255 for dark in row) for row in symbol.matrix)
    image = Image.frombytes("L", (size, size), pixels).resize((size * module, size * module), Image.Resampling.NEAREST)
    return graphic_field(image)
