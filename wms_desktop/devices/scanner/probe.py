"""What a scanner sends, from one test scan's keys: the characters, its prefix and suffix, the
AIM symbology identifier, the gaps between keys, whether it typed anything beyond ASCII — and the
framing to configure from that (Settings → Scanner test). No Qt: the page records the keys."""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from .scan import GS, split_symbology

SUFFIXES = "\r\n\t"


@dataclass(frozen=True)
class TypedKey:
    text: str  # what the key typed ("" for Shift and the like)
    at_ms: float  # the key event's own time


@dataclass(frozen=True)
class Probe:
    text: str  # every character, in order
    prefix: str  # control characters before the data (STX …)
    suffix: str  # Enter, Tab, CR LF after it
    symbology: str | None  # the AIM identifier (]C1, ]E0 …), when the scanner sends one
    data: str  # what is left: the code itself
    keys: int  # key presses, modifiers included
    gaps_ms: tuple[float, float, float] | None  # fastest, median, slowest between characters
    non_ascii: bool  # characters beyond ASCII arrived: the scanner can type UTF-8 here

    @property
    def framing(self) -> tuple[str, str]:
        """(prefix, suffix) to configure: the scanner's own when it sends a suffix, else none
        (timing mode: a scan is keys that come faster than a person types)."""
        return (self.prefix, self.suffix) if self.suffix else ("", "")


def probe(keys: list[TypedKey]) -> Probe:
    typed = [key for key in keys if key.text]
    text = "".join(key.text for key in typed)
    body = text.rstrip(SUFFIXES)
    suffix = text[len(body):]
    start = 0
    while start < len(body) and body[start] < " " and body[start] != GS:
        start += 1
    symbology, data = split_symbology(body[start:])
    gaps = [b.at_ms - a.at_ms for a, b in zip(typed, typed[1:])]
    return Probe(text=text, prefix=body[:start], suffix=suffix, symbology=symbology, data=data, keys=len(keys),
                 gaps_ms=(min(gaps), statistics.median(gaps), max(gaps)) if gaps else None,
                 non_ascii=any(ord(ch) > 127 for ch in text))
