"""What the scanner-driven work dialogs (receiving, picking, packing, returns, counting) build
their lists and buttons from, so they look and behave alike."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QTreeWidget


def line_list(name: str, columns: int) -> QTreeWidget:
    """A flat list of a document's lines: no tree decoration, rows of one height."""
    view = QTreeWidget()
    view.setObjectName(name)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setColumnCount(columns)
    view.setAlternatingRowColors(True)
    return view


def action_button(name: str, slot: Callable[[], object]) -> QPushButton:
    """A button that never takes Enter: Enter belongs to the scan fields."""
    button = QPushButton()
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(lambda: slot())
    return button
