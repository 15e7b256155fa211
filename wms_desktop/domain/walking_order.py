"""The order a picker walks the locations in: natural order of the location code.

Numbers inside a code compare as numbers and the text between them as text, so
``西8排1架6层4位`` < ``西8排1架10层1位`` < ``西10排1架1层1位`` and ``A2-01`` < ``A10-01`` —
aisle, then rack, then level, then position, as the codes are written. Stock without a shelf
(``无货位``) comes last. Pick planning (services) and the printed pick list (devices) share it.
"""
from __future__ import annotations

import re

from .codes import UNASSIGNED_LOCATION

# ASCII digits and letters only, as the server's wms_walking_key: independent of any locale,
# so a code with a full-width ８ or Ａ sorts the same on PostgreSQL and SQLite
_NUMBER = re.compile(r"([0-9]+)")
_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def walking_order_key(location_code: str) -> tuple:
    # split() alternates text, number, text, …, so the parts of two keys always compare
    # text with text and int with int
    parts = _NUMBER.split(location_code)
    natural = tuple(int(part) if i % 2 else part.translate(_FOLD) for i, part in enumerate(parts))
    return (location_code == UNASSIGNED_LOCATION, natural, location_code)
