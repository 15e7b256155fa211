"""Label stock and printer resolution: everything a layout needs to know about the printer.

Layouts are computed in printer dots, so bars and QR modules are whole dots on a thermal
printer (a 203 dpi head is 8 dots/mm; 300 dpi is 11.8 dots/mm) and the PDF, drawn on the same
grid, prints at native resolution without resampling.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import PrintingError

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class LabelProfile:
    name: str
    width_mm: float
    height_mm: float
    dpi: int

    def dots(self, mm: float) -> int:
        return round(mm * self.dpi / MM_PER_INCH)

    @property
    def width(self) -> int:
        return self.dots(self.width_mm)

    @property
    def height(self) -> int:
        return self.dots(self.height_mm)


PROFILES: dict[str, LabelProfile] = {
    f"{w}x{h}@{dpi}": LabelProfile(f"{w}x{h}@{dpi}", w, h, dpi)
    for w, h in ((50, 30), (100, 50), (100, 150))
    for dpi in (203, 300)
}


def label_profile(name: str) -> LabelProfile:
    try:
        return PROFILES[name]
    except KeyError:
        raise PrintingError(
            "LABEL_PROFILE_UNKNOWN",
            f"No label profile {name!r}; known: {', '.join(PROFILES)}",
            {"profile": name, "known": list(PROFILES)},
        ) from None
