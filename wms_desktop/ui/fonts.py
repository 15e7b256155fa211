"""The shipped CJK font (resources/fonts/wqy-microhei.ttc: Latin + all CJK ideographs in one
face), registered with Qt so Chinese renders on machines without CJK system fonts."""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..paths import RESOURCES

log = logging.getLogger(__name__)

CJK_FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
_families: list[str] | None = None


def register_fonts(app: QApplication) -> list[str]:
    """Add the font once and make it the fallback of the application font."""
    global _families
    if _families is None:
        font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
        _families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not _families:
            log.warning("could not load %s: Chinese may not render", CJK_FONT)
    if _families:
        font = QFont(app.font())
        first = font.family()
        families = [first] if first and first not in _families else []
        font.setFamilies(families + [f for f in _families if f not in families])
        app.setFont(font)
    return list(_families)
