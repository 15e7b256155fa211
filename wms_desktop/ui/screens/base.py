"""The main screens: Products, Locations, Stock, Movements.

A screen is a ``Screen`` subclass registered in ``SCREENS``; the main window gives it the
``AppContext`` (services, session, op runner) and calls:

- ``activate()`` when it becomes the current screen (loads on first activation),
- ``refresh()`` on F5,
- ``apply_changes(changes)`` after an operation committed (the ``Changes`` every mutating
  result carries: balances, product and location ids): the screen updates exactly those rows
  in ``show_changes``, without reloading (:class:`LazyTableScreen` re-fetches the cached rows
  matching ``touched_by``); a screen's own edits go out through its ``changed`` signal,
- ``focus_search()`` on Ctrl+F,
- ``search(text)`` when the search box is submitted (Enter),
- ``handle_scan(scan) -> bool`` from the scan router: ``scan.text``, ``scan.kind`` (location,
  sku, external, gs1, unknown), ``scan.gs1``; False when the scan means nothing here,
- ``open_with(target)`` when another screen sent ``navigate(key, target)`` (a Stock row asking
  the Movements screen to explain its quantity).

Every database call runs on the op runner's pool (``QueryOp``); big tables are the lazy models
of :mod:`wms_desktop.ui.models`. Down in the search box moves to the table.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...contract.api import ServiceApi
from ...contract.audit import AuditSubject
from ...contract.base import BalanceChange, Changes
from ...devices.scanner import Scan
from ..models import LazyTableModel
from ..models.lazy_table import Q, R
from ..session import AppContext
from ..widgets.tables import setup_table

if TYPE_CHECKING:
    from ..dialogs.audit import AuditDialog
    from ..printing.labels_dialog import PrintLabelsDialog

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def scan_code(scan: Scan) -> tuple[str, str]:
    """(kind, code) of a scan; a GS1 scan with a GTIN becomes an external code (EAN-13 if it fits).
    A location or SKU is named by its own code, whichever was scanned (the ASCII scan code of
    西8排1架6层4位 is that location)."""
    text = scan.text.strip()
    if scan.kind == "location" and scan.location_code:
        return "location", scan.location_code
    if scan.kind == "sku" and (scan.sku_code or scan.product_code):
        return "sku", scan.sku_code or scan.product_code or text
    if scan.kind == "gs1":
        gtin = (scan.gs1 or {}).get("gtin")
        if not gtin:
            return "unknown", text
        gtin = str(gtin)
        return "external", gtin[1:] if len(gtin) == 14 and gtin.startswith("0") else gtin
    return scan.kind, text


class Screen(QWidget):
    key = ""
    searched = Signal(str)
    changed = Signal(object)  # Changes of an edit made on this screen (shown here already), for the others
    navigate = Signal(str, object)  # (screen key, target): show that screen, opened with the target

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"screen_{self.key}")
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(320)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text().strip()))
        self.search_box.installEventFilter(self)
        self.info = QLabel()
        self.info.setObjectName("info")
        self.info.setStyleSheet("color: palette(mid);")
        self.top = QHBoxLayout()
        self.top.addWidget(self.heading)
        self.top.addStretch(1)
        self.top.addWidget(self.search_box, 1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.top)
        self._activated = False
        self.build()
        self.layout_.addWidget(self.info)
        self.retranslate_ui()

    @property
    def services(self) -> ServiceApi:
        return self.context.services

    def build(self) -> None:
        """Add the screen's widgets to ``self.layout_``."""

    def main_view(self) -> QWidget | None:
        return None

    # -- texts -----------------------------------------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def search_hint(self) -> str:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        self.search_box.setPlaceholderText(self.search_hint())
        if hasattr(self, "print_button"):
            self.print_button.setText(QCoreApplication.translate("Screen", "&Print labels…"))
            self.print_button.setToolTip(QCoreApplication.translate("Screen", "Print labels for the selection (Ctrl+P)"))
        if hasattr(self, "history_button"):
            self.history_button.setText(QCoreApplication.translate("Screen", "Histor&y…"))
            self.history_button.setToolTip(QCoreApplication.translate("Screen", "Who changed the current row, and how"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:
            view = self.main_view()
            if view is not None:
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(view, QAbstractItemView) and view.model() is not None and view.model().rowCount() \
                        and not view.currentIndex().isValid():
                    view.setCurrentIndex(view.model().index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def show_wms_error(self, error) -> None:
        from ..errors.messages import error_markup

        self.info.setText(error_markup(error))

    # -- hooks -----------------------------------------------------------------------------------
    needs: tuple[str, ...] = ()  # services this screen reads (a stand-in without them shows nothing)

    def can_load(self) -> bool:
        return all(hasattr(self.services, name) for name in self.needs)

    def activate(self) -> None:
        """Became the current screen: load on the first time."""
        if not self._activated and self.can_load():
            self._activated = True
            self.load()

    def load(self) -> None:
        """First load (subclasses)."""

    def refresh(self) -> None:
        """F5: reload what is shown."""

    def apply_changes(self, changes: Changes) -> None:
        """An operation committed: the screen updates what it shows of what it changed."""
        if changes and self._activated and self.can_load():
            self.show_changes(changes)

    def edited(self, changes: Changes) -> None:
        """An edit made on this screen committed: show it here, and tell the other screens."""
        self.apply_changes(changes)
        self.changed.emit(changes)

    def show_changes(self, changes: Changes) -> None:
        """Update the rows these changes touch, without reloading the rest (subclasses)."""

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        self._activated = True
        if self.search_box.text().strip() != text:
            self.search_box.setText(text)
        self.run_search(text)
        self.searched.emit(text)

    def run_search(self, text: str) -> None:
        """Subclasses: query with ``text``."""

    def handle_scan(self, scan: Scan) -> bool:
        return False

    def open_with(self, target: object) -> None:
        """Another screen sent us here with ``target`` (subclasses)."""

    # -- labels (Ctrl+P) -------------------------------------------------------------------------------
    label_kind = ""  # "sku" | "location": the screen has a "Print labels" button

    def add_print_button(self) -> None:
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_labels")
        self.print_button.clicked.connect(self.print_labels)
        self.top.insertWidget(2, self.print_button)
        shortcut = QShortcut(QKeySequence("Ctrl+P"), self, self.print_labels)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_dialog: PrintLabelsDialog | None = None

    def label_codes(self) -> list[str]:
        """Codes of what is selected, for the labels (subclasses)."""
        return []

    def print_labels(self) -> PrintLabelsDialog | None:
        from ..printing.labels_dialog import open_print_dialog

        self.print_dialog = open_print_dialog(self, self.context, self.info, self.label_kind, self.label_codes())
        return self.print_dialog


    # -- the audit trail of the current row ------------------------------------------------------
    def add_history_button(self) -> None:
        self.history_button = QPushButton()
        self.history_button.setObjectName("history")
        self.history_button.clicked.connect(self.show_history)
        self.top.insertWidget(self.top.indexOf(self.search_box), self.history_button)
        self.history_dialog: AuditDialog | None = None

    def history_subject(self) -> tuple[AuditSubject, int, str] | None:
        """(subject type, id, title) of the current row's trail (subclasses)."""
        return None

    def show_history(self) -> AuditDialog | None:
        from ..dialogs.audit import open_audit

        subject = self.history_subject()
        if subject is None:
            return None
        subject_type, subject_id, title = subject
        self.history_dialog = open_audit(self.context, subject_type, subject_id, title, self)
        return self.history_dialog


class LazyTableScreen(Screen, Generic[Q, R]):
    """A screen around one :class:`LazyTableModel` in a sortable table."""

    model: LazyTableModel[Q, R]

    def make_model(self) -> LazyTableModel[Q, R]:
        raise NotImplementedError

    def build_table(self) -> QTableView:
        self.model = self.make_model()
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(max(self.model.sort_column(), 0), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # header clicks → model.sort() → server-side re-query
        for column, spec in enumerate(self.model.columns):
            self.table.horizontalHeader().resizeSection(column, spec.width)
        self.model.loaded.connect(self._loaded)
        self.model.complete.connect(self._loaded)
        self.model.failed.connect(self.show_wms_error)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self.current_changed(current.row()))
        return self.table

    def main_view(self) -> QWidget | None:
        return self.table

    def add_detail_pane(self, load: Callable[[], None]) -> QVBoxLayout:
        """The table on the left, on the right a pane headed by a bold ``detail_title``; returns
        the pane's layout. ``detail_timer`` (started on a row change) calls ``load`` once the
        current row has stayed put for 120 ms: arrow keys held down load only where they stop."""
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.build_table())
        pane = QWidget()
        self.detail_title = QLabel()
        self.detail_title.setObjectName("detail_title")
        self.detail_title.setWordWrap(True)
        font = QFont(self.detail_title.font())
        font.setBold(True)
        self.detail_title.setFont(font)
        box = QVBoxLayout(pane)
        box.setContentsMargins(6, 0, 0, 0)
        box.addWidget(self.detail_title)
        self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.layout_.addWidget(self.splitter, 1)
        self.detail_timer = QTimer(self)
        self.detail_timer.setSingleShot(True)
        self.detail_timer.setInterval(120)
        self.detail_timer.timeout.connect(load)
        return box

    def query(self) -> Q:
        """The ids command of what the search box and filters show."""
        raise NotImplementedError

    def search_text(self) -> str | None:
        return self.search_box.text().strip() or None

    def load(self) -> None:
        self.model.set_query(self.query())

    def run_search(self, text: str) -> None:
        self._select_first = True
        if self.can_load():
            self.model.set_query(self.query())

    def refresh(self) -> None:
        if not self._activated:
            return self.activate()
        if self.can_load():
            self.model.refresh()

    touched_by: tuple[str, ...] = ("product_code",)  # the row fields a balance change shows in (its total)

    def show_changes(self, changes: Changes) -> None:
        """Fetch again the loaded rows whose :attr:`touched_by` fields match a changed balance."""
        self.refresh_balances(changes.balances)

    def refresh_balances(self, balances: list[BalanceChange]) -> None:
        self.model.refresh_rows(self.touched_by, {tuple(getattr(b, f) for f in self.touched_by) for b in balances})

    _select_first = True

    def _loaded(self, rows: int) -> None:
        self.update_info()
        if self._select_first and rows:
            self._select_first = False
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.first_selected()
        elif not self.table.currentIndex().isValid():
            self.current_changed(-1)

    def update_info(self) -> None:
        rows = self.model.rowCount()
        more = "" if self.model.is_complete else "+"
        self.info.setText(self.tr("%1 rows").replace("%1", f"{rows:,}{more}"))

    def current_changed(self, row: int) -> None:
        """The current row changed (-1: none)."""

    def first_selected(self) -> None:
        """The first row of a new search became current (load its details at once)."""

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "model"):
            self.model.retranslate()
            self.update_info()
