"""Reading printed output back the way a scanner would — PDF pages rendered with PDFium, ZPL
rasterised by a small interpreter written from the Zebra manual, barcodes decoded by zxing-cpp —
and a printer to send to on the loopback interface.

The ZPL interpreter covers exactly the commands the app emits (^FO ^BY ^BC ^GF ^GB; text fields
are skipped — a printer font cannot be reproduced here). It draws Code 128 bars from reportlab's
pattern table, not the app's, and maps ^BC invocation codes per the ZPL II manual's table, so a
mistake in either on the app's side shows up as an undecodable or wrong barcode.
"""
from __future__ import annotations

import base64
import binascii
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass

import pypdfium2
import zxingcpp
from PIL import Image, ImageDraw
from reportlab.graphics.barcode.code128 import _patterns as REPORTLAB_CODE128_PATTERNS


@dataclass(frozen=True)
class Decoded:
    text: str
    symbology_identifier: str
    format: str


def decode(image: Image.Image) -> list[Decoded]:
    return [
        Decoded(b.text, b.symbology_identifier, b.format.name)
        for b in zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
    ]


def pdf_pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Pages rendered at the printer's resolution, one pixel per printer dot (the scale is a
    hair under dpi/72 because PDFium rounds the bitmap size up and stretches the page to it)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72 * (1 - 1e-6), grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def pdf_page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [(page.get_width() * 25.4 / 72, page.get_height() * 25.4 / 72) for page in document]
    finally:
        document.close()


def pdf_text(pdf: bytes) -> list[str]:
    """The text layer of every page, as a PDF viewer's copy / search sees it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        texts = []
        for page in document:
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
        return texts
    finally:
        document.close()


def pdf_barcodes(pdf: bytes, dpi: int) -> list[list[Decoded]]:
    return [decode(page) for page in pdf_pages(pdf, dpi)]


# --- a ZPL rasteriser for what the app sends ---------------------------------------------

_COMMAND = re.compile(r"\^([A-Z@][A-Z0-9@]?)")
_CODE128 = {value: [int("ABCD".index(c.upper())) + 1 for c in pattern] for value, pattern in REPORTLAB_CODE128_PATTERNS.items()}
# ZPL II manual, table "Code 128 Invocation Characters": (code set, invocation) → (value, new code set),
# for the invocations the app may send
_INVOCATIONS = {
    ("B", "<"): (62, "B"),  # ^
    ("B", "0"): (30, "B"),  # >
    ("B", "="): (94, "B"),  # ~
    ("B", "5"): (99, "C"),  # CODE C
    ("C", "6"): (100, "B"),  # CODE B
    ("B", "8"): (102, "B"),  # FNC1
    ("C", "8"): (102, "C"),
}
_STARTS = {">:": (104, "B"), ">;": (105, "C")}


def zpl_labels(zpl: bytes) -> list[str]:
    text = zpl.decode("ascii")
    return re.findall(r"\^XA(.*?)\^XZ", text, flags=re.S)


def rasterise_zpl_label(label: str) -> Image.Image:
    width = int(re.search(r"\^PW(\d+)", label).group(1))
    height = int(re.search(r"\^LL(\d+)", label).group(1))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    origin = (0, 0)
    module = 2
    for field in label.split("^FS"):
        parts = _COMMAND.split(field)
        commands = list(zip(parts[1::2], parts[2::2], strict=True))
        for name, args in commands:
            args = args.strip()
            if name == "FO":
                x, y = args.split(",")
                origin = (int(x), int(y))
            elif name == "BY":
                module = int(args.split(",")[0])
            elif name == "BC":
                bar_height = int(args.split(",")[1])
                data = dict(commands)["FD"]
                _draw_code128(draw, origin, module, bar_height, _codewords(data))
            elif name == "GF":
                image.paste(graphic_field_image(args), origin)
            elif name == "GB":
                w, h, t = (int(v) for v in args.split(","))
                _draw_box(draw, origin, w, h, t)
    return image


def graphic_field_image(args: str) -> Image.Image:
    """^GFA,total,total,bytes per row,:Z64:data:crc → 1-bit image (black = printed)."""
    kind, total, _, row_bytes, data = args.split(",", 4)
    assert kind == "A"
    match = re.fullmatch(r":Z64:([A-Za-z0-9+/=]+):([0-9a-f]{4})", data)
    assert match, data[:40]
    encoded, crc = match.groups()
    assert int(crc, 16) == binascii.crc_hqx(encoded.encode(), 0), "Z64 CRC mismatch: a Zebra would refuse the graphic"
    raw = zlib.decompress(base64.b64decode(encoded))
    assert len(raw) == int(total)
    rows = len(raw) // int(row_bytes)
    inverted = bytes(255 - b for b in raw)  # ZPL: 1 = black; Pillow "1": 1 = white
    return Image.frombytes("1", (int(row_bytes) * 8, rows), inverted).convert("L")


def _codewords(data: str) -> list[int]:
    """^BC mode N field data → codewords; no start code means code set B (manual)."""
    start, code_set = _STARTS.get(data[:2], (104, "B"))
    values = [start]
    i = 2 if data[:2] in _STARTS else 0
    while i < len(data):
        if data[i] == ">":
            value, code_set = _INVOCATIONS[(code_set, data[i + 1])]
            values.append(value)
            i += 2
        elif code_set == "C":
            values.append(int(data[i : i + 2]))
            i += 2
        else:
            values.append(ord(data[i]) - 32)
            i += 1
    check = (values[0] + sum(k * v for k, v in enumerate(values[1:], start=1))) % 103
    return values + [check, 106]


def _draw_code128(draw: ImageDraw.ImageDraw, origin: tuple[int, int], module: int, height: int, values: list[int]) -> None:
    x, y = origin
    for value in values:
        for i, width in enumerate(_CODE128[value]):
            if i % 2 == 0:
                draw.rectangle([x, y, x + width * module - 1, y + height - 1], fill=0)
            x += width * module


def _draw_box(draw: ImageDraw.ImageDraw, origin: tuple[int, int], width: int, height: int, thickness: int) -> None:
    x, y = origin
    if 2 * thickness >= min(width, height):
        draw.rectangle([x, y, x + width - 1, y + height - 1], fill=0)
    else:
        draw.rectangle([x, y, x + width - 1, y + height - 1], outline=0, width=thickness)


# --- a raw-TCP "printer" on the loopback interface ----------------------------------------

LOOPBACK = "127.0.0.1"


class LoopbackPrinter:
    """Listens on 127.0.0.1 like a printer's port 9100 and keeps what each connection sent."""

    def __init__(self, connections: int | None = None) -> None:
        self.server = socket.create_server((LOOPBACK, 0))
        self.port = self.server.getsockname()[1]
        self.received: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, args=(connections,), daemon=True)
        self._thread.start()

    def _serve(self, connections: int | None) -> None:
        served = 0
        while connections is None or served < connections:
            try:
                connection, _ = self.server.accept()
            except OSError:  # closed
                break
            with connection:
                chunks = []
                while chunk := connection.recv(65536):
                    chunks.append(chunk)
                self.received.append(b"".join(chunks))
            served += 1
        self.server.close()

    def wait_for(self, count: int, timeout: float = 5) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.received

    def close(self) -> None:
        """Switch the printer off: no more connections are accepted from now on."""
        try:
            self.server.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in accept(); close() alone does not
        except OSError:  # already closed after its last connection
            pass
        self.server.close()
        self._thread.join(timeout=5)


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]
