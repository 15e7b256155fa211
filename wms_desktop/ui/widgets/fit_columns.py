"""Column widths that leave nothing off-screen.

- :func:`fit_columns`, small lists (users, order lines, picks): every column as wide as its
  contents plus some air, one column taking the rest, so nothing is cut off and no horizontal
  scrollbar appears. It measures every row: never for the big lazy tables (GUIDE §3).
- :class:`FitToViewport`, big tables (the ledger): every column inside the viewport, sized from
  sample texts, giving way in order when the window is narrow.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
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


@dataclass(frozen=True)
class Fit:
    """How a big table's column is sized without reading its rows: as wide as the widest of its
    ``samples`` (typical values), never narrower than its header; ``flex`` columns take the spare
    width by weight and give way first, down to half their sample; a ``keep`` column (a time, a
    code) gives way only when nothing else can."""

    samples: tuple[str, ...] = ()
    flex: int = 0
    keep: bool = False


def spread(available: int, minimum: list[int], preferred: list[int], flex: list[int]) -> list[int]:
    """Column widths within ``available`` pixels. Room to spare: every column as preferred, the
    rest to the flex columns by weight (the last column without any). Short of room: the flex
    columns give way down to their minimum first, then the others, each in proportion to what
    it has above its minimum; short of every minimum, all shrink alike (their texts elide)."""
    widths = list(preferred)
    spare = available - sum(widths)
    if spare >= 0:
        weights = flex if any(flex) else [0] * (len(widths) - 1) + [1]
        for i, weight in enumerate(weights):
            widths[i] += spare * weight // sum(weights)
        return widths
    short = -spare
    for group in ([i for i, f in enumerate(flex) if f], [i for i, f in enumerate(flex) if not f]):
        room = sum(widths[i] - minimum[i] for i in group)
        take = min(short, room)
        if take <= 0:
            continue
        cuts = {i: (widths[i] - minimum[i]) * take // room for i in group}
        leftover = take - sum(cuts.values())  # of the rounding down: a pixel each from those with most room
        for i in sorted(group, key=lambda i: widths[i] - minimum[i] - cuts[i], reverse=True)[:leftover]:
            cuts[i] += 1
        for i, cut in cuts.items():
            widths[i] -= cut
        short -= take
    if short > 0:
        total = sum(widths)
        widths = [max(1, w * available // total) for w in widths]
    return widths


class FitToViewport(QObject):
    """Keeps every column of a big table inside its viewport (GUIDE §3: sized from sample texts
    in the view's fonts, never from its rows), again whenever the viewport changes size — until
    the user drags a column: from then on the widths are theirs."""

    def __init__(self, view: QTableView, fits: Callable[[], list[Fit]]) -> None:
        super().__init__(view)
        self.view = view
        self.fits = fits
        self.user_sized = False
        self._fitting = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)

    def refit(self) -> None:
        if self.user_sized:
            return
        header, cells = self.view.horizontalHeader(), self.view.fontMetrics()
        heads = header.fontMetrics()
        model = self.view.model()
        minimum, preferred = [], []
        for column, fit in enumerate(self.fits()):
            title = heads.horizontalAdvance(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            sample = max((cells.horizontalAdvance(text) for text in fit.samples), default=0)
            minimum.append(max(title, sample if fit.keep else sample // 2 if fit.flex else 0) + PADDING)
            preferred.append(max(title, sample) + PADDING)
        widths = spread(self.view.viewport().width(), minimum, preferred, [fit.flex for fit in self.fits()])
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _resized(self, *_args) -> None:
        if not self._fitting:
            self.user_sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.refit()
        return False
