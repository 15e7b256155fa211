"""QR codes for data Code 128 cannot carry well: Chinese location codes, and codes too long for
linear bars on a small label.

Text is encoded as UTF-8 bytes. When it is not plain ASCII the symbol also carries an ECI
designator (26 = UTF-8), so a scanner whose default code page is GBK — common in China —
decodes the bytes as UTF-8 instead of guessing. The module matrix comes from segno and is drawn
by both renderers (PDF rectangles, ZPL bitmap): Zebra firmware's own ``^BQ`` handles non-ASCII
data differently across versions, a bitmap prints the same everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass

QUIET_ZONE = 4  # modules of white each side (ISO/IEC 18004 §6.3.8)


@dataclass(frozen=True)
class QrCode:
    text: str
    matrix: tuple[bytes, ...]  # rows of 0/1 modules, without the quiet zone

    @property
    def modules(self) -> int:
        return len(self.matrix)

    def dark_runs(self) -> list[tuple[int, int, int]]:
        """(row, first column, length) of every horizontal run of dark modules."""
        runs = []
        for y, row in enumerate(self.matrix):
            x = 0
            while x < len(row):
                if row[x]:
                    start = x
                    while x < len(row) and row[x]:
                        x += 1
                    runs.append((y, start, x - start))
                else:
                    x += 1
        return runs


def encode_qr(text: str) -> QrCode:
    ascii_only = text.isascii()
    import segno  # loads with the first QR code drawn (~25 ms): the window starts without it

    symbol = segno.make_qr(text, error="m", encoding=None if ascii_only else "utf-8", eci=not ascii_only)
    return QrCode(text, tuple(bytes(row) for row in symbol.matrix))
