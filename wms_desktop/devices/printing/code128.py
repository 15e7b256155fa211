"""Code 128 encoding (ISO/IEC 15417), shared by the PDF bars and the ZPL ``^BC`` field.

We pick the code sets ourselves and hand the printer exactly those codewords (``^BC`` mode N
with Zebra's invocation codes) instead of letting its firmware choose. The PDF, the preview and
the Zebra print therefore carry the same symbol with the same width, which the layout needs to
centre it and to know whether it fits.

Only code sets B (printable ASCII) and C (digit pairs) are used: our data never holds control
characters. A GS1-128 symbol is one whose first data codeword is FNC1; see ``gs1.py`` for why
its element strings never need a separator FNC1.
"""
from __future__ import annotations

from dataclasses import dataclass

FNC1 = 102
CODE_C = 99  # from code set B
CODE_B = 100  # from code set C
START_B = 104
START_C = 105
STOP = 106
QUIET_ZONE = 10  # modules of white each side (ISO/IEC 15417 §4.4.4)

# Bar, space, bar, space, bar, space widths of each symbol value; STOP ends with a 2-module bar.
_PATTERNS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
)

# Code set B characters that are ZPL syntax and must be written as ^BC invocation codes.
_ZPL_B_ESCAPES = {ord("^") - 32: "><", ord(">") - 32: ">0", ord("~") - 32: ">="}


def is_code128_text(text: str) -> bool:
    """Printable ASCII only: what Code 128 carries the same way on every scanner."""
    return text != "" and all(" " <= ch <= "~" for ch in text)


@dataclass(frozen=True)
class Code128:
    text: str
    gs1: bool
    codewords: tuple[int, ...]  # start, [FNC1,] data, check, stop

    @property
    def modules(self) -> int:
        return 11 * (len(self.codewords) - 1) + 13

    def bars(self) -> list[tuple[int, int]]:
        """(offset, width) of every dark bar, in modules from the first bar."""
        bars = []
        x = 0
        for value in self.codewords:
            for i, width in enumerate(_PATTERNS[value]):
                if i % 2 == 0:
                    bars.append((x, int(width)))
                x += int(width)
        return bars

    def zpl_field_data(self) -> str:
        """The ``^FD`` data for ``^BC`` mode N: start code, data, no check digit (the printer adds it)."""
        out = []
        code_set = ""
        for value in self.codewords[:-2]:
            if value == START_B or (code_set == "C" and value == CODE_B):
                out.append(">:" if value == START_B else ">6")
                code_set = "B"
            elif value == START_C or (code_set == "B" and value == CODE_C):
                out.append(">;" if value == START_C else ">5")
                code_set = "C"
            elif value == FNC1:
                out.append(">8")
            elif code_set == "C":
                out.append(f"{value:02d}")
            else:
                out.append(_ZPL_B_ESCAPES.get(value, chr(value + 32)))
        return "".join(out)


def _digits_at(text: str, i: int) -> int:
    n = i
    while n < len(text) and "0" <= text[n] <= "9":
        n += 1
    return n - i


def encode_code128(text: str, gs1: bool = False) -> Code128:
    """Shortest-in-practice encoding: code set C for runs of digits where it saves symbols
    (ISO/IEC 15417 Annex E), code set B otherwise."""
    if not is_code128_text(text):
        raise ValueError(f"Code 128 carries printable ASCII only, got {text!r}")
    lead = _digits_at(text, 0)
    code_set = "C" if lead >= 4 or lead == len(text) == 2 else "B"
    values = [START_C if code_set == "C" else START_B] + ([FNC1] if gs1 else [])
    i = 0
    while i < len(text):
        if code_set == "C":
            if _digits_at(text, i) >= 2:
                values.append(int(text[i : i + 2]))
                i += 2
            else:
                values.append(CODE_B)
                code_set = "B"
        else:
            run = _digits_at(text, i)
            pairs = run - run % 2
            if pairs >= 6 or (pairs >= 4 and i + run == len(text)):
                if run % 2:
                    values.append(ord(text[i]) - 32)
                    i += 1
                values.append(CODE_C)
                code_set = "C"
            else:
                values.append(ord(text[i]) - 32)
                i += 1
    check = (values[0] + sum(k * v for k, v in enumerate(values[1:], start=1))) % 103
    return Code128(text, gs1, tuple(values) + (check, STOP))
