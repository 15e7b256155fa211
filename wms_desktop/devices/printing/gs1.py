"""GS1 element strings for batch labels: (01) GTIN, (17) expiry date, (10) batch/lot number.

The fixed-length elements come first and the variable-length batch number last, so the
Code 128 symbol needs no FNC1 separator between elements — only the leading FNC1 that makes
it GS1-128 (scanners report ``]C1``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wms_desktop.domain.codes import gtin_valid
from wms_desktop.domain.errors import invalid

BATCH_MAX = 20
# GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1)
_CSET_82 = frozenset("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Gs1ElementString:
    elements: tuple[tuple[str, str], ...]  # (application identifier, value)

    @property
    def data(self) -> str:
        """What the symbol encodes after its leading FNC1."""
        return "".join(ai + value for ai, value in self.elements)

    @property
    def hri(self) -> str:
        """Human-readable interpretation printed under the bars: ``(01)…(17)…(10)…``."""
        return "".join(f"({ai}){value}" for ai, value in self.elements)


def gtin14(gtin: str, field: str = "gtin") -> str:
    """A GTIN-8/12/13/14 with a valid check digit, left-padded to the 14 digits of AI (01)."""
    if not gtin.isascii() or not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        raise invalid(field, "must be a GTIN of 8, 12, 13 or 14 digits")
    if not gtin_valid(gtin):
        raise invalid(field, "check digit is wrong")
    return gtin.zfill(14)


def batch_element_string(batch_number: str, expiry_date: date | None, gtin: str | None) -> Gs1ElementString:
    if not 1 <= len(batch_number) <= BATCH_MAX or not set(batch_number) <= _CSET_82:
        raise invalid(
            "batch_number",
            f"must be 1 to {BATCH_MAX} characters from the GS1 set: letters, digits and !\"%&'()*+,-./:;<=>?_",
        )
    elements = []
    if gtin is not None:
        elements.append(("01", gtin14(gtin)))
    if expiry_date is not None:
        elements.append(("17", expiry_date.strftime("%y%m%d")))
    elements.append(("10", batch_number))
    return Gs1ElementString(tuple(elements))
