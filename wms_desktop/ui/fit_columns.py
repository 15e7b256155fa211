"""Column widths for small lists (users, order lines, picks): every column as wide as its
contents plus some air, one column taking the rest, so nothing is cut off and no horizontal
scrollbar appears. It measures every row: never for the big lazy tables (GUIDE §3)."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView

PADDING = 16  # px beside the widest text of a column


def fit_columns(view: QTableView | QTreeView, stretch: int) -> None:
    """Call after each fill; ``stretch`` is the column that takes the spare width (a name)."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    header.setStretchLastSection(False)
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.resizeColumnToContents(column)
        header.resizeSection(column, header.sectionSize(column) + PADDING)
