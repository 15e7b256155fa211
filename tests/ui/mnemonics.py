"""Duplicate mnemonics: two things in one window that the same Alt+letter would trigger."""
from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QMenu, QTabBar, QWidget

_MNEMONIC = re.compile(r"&([^&])")


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` ("&File", "文件(&F)"), lower case; None without one."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _menu_clashes(menu: QMenu, where: str) -> list[str]:
    owners: dict[str, list[str]] = defaultdict(list)
    clashes = []
    for action in menu.actions():
        if action.isVisible() and not action.isSeparator():
            if (key := mnemonic(action.text())) is not None:
                owners[key].append(action.text())
            if action.menu() is not None:
                clashes += _menu_clashes(action.menu(), f"{where} › {action.text()}")
    return clashes + [f"{where}: Alt+{key.upper()} is {' and '.join(texts)}"
                      for key, texts in owners.items() if len(texts) > 1]


def duplicate_mnemonics(window: QWidget, where: str = "") -> list[str]:
    """What clashes in ``window`` as it is shown now: its menu bar's titles, and the visible
    buttons, labels with a buddy, group boxes and tabs — all answer at once; and each menu's
    items among themselves (they answer while it is open)."""
    where = where or window.objectName() or type(window).__name__
    owners: dict[str, list[str]] = defaultdict(list)
    clashes = []
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible() and (key := mnemonic(action.text())) is not None:
                owners[key].append(f"menu {action.text()}")
                clashes += _menu_clashes(action.menu(), f"{where} › {action.text()}")
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton):
            texts = [widget.text()]
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        else:
            continue
        for text in texts:
            if (key := mnemonic(text)) is not None:
                owners[key].append(text)
    return clashes + [f"{where}: Alt+{key.upper()} is {' and '.join(texts)}"
                      for key, texts in owners.items() if len(texts) > 1]
