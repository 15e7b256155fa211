"""The base of the scanner-driven work dialogs (receiving, picking, packing, returns, counting),
so they look and behave alike.

A work dialog lays out its own parts (``lay_out``) above the three every one ends with: the boxed
message (a refusal), the status line (what just happened) and the buttons, Close (Esc) last. Its
fields sit in one form (``add_field``), each under a label with its mnemonic; Enter belongs to
the fields (``enter_in``), never to a default button. Dialogs that take items (``add_item_fields``)
show the item a scan or typed code stands for under its field. Those that print
(``send_to_printer``) draw and send off the GUI thread, one print at a time.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...devices.scanner import Scan, parse_scan
from ...domain.errors import WmsError
from ..errors.messages import error_markup
from ..errors.printing import printing_error_text
from ..ops import IoOp, QueryOp
from ..session import AppContext
from ..widgets.feedback import error_box, show_text
from ..widgets.work_dialog import action_button
from .identify import identify_scan
from .keys import scan_field
from .router import ScanningDialog

if TYPE_CHECKING:  # printing loads with the first dialog that prints: the window starts without it
    from ...devices.printing import PrintJobs
    from ..printing.printers import PrinterSettings

W = TypeVar("W", bound=QWidget)


class WorkDialog(ScanningDialog):
    """The base of the work dialogs; ``posted`` carries the Changes of each committed call, for
    the screens to update. Subclasses build their widgets, call ``lay_out``, set their texts in
    ``retranslate_ui`` (calling this one) and answer ``enter_in`` and ``handle_scan``."""

    posted = Signal(object)
    working = False  # a call of ``run`` is on its way: the next waits for it
    printing = False  # a print is on its way: Esc and the print buttons wait for it
    last_print: Any = None  # the jobs the last print sent, or its WmsError

    def __init__(self, context: AppContext, router: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)
        self.context = context
        self.router = router
        self.big = QFont(self.font())  # what a clerk reads from a step away: the scan fields
        self.big.setPointSizeF(self.big.pointSizeF() * 1.15)
        self.form = QFormLayout()
        self.form_labels: dict[str, QLabel] = {}
        self.message = error_box()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = action_button("close", self.reject)

    @classmethod
    def open_on(cls, context: AppContext, router: Any = None, parent: QWidget | None = None) -> Self:
        """Opened the main window's way: window-modal, deleted on close."""
        dialog = cls(context, router, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @property
    def operator_id(self) -> str | None:
        session = self.context.session
        return session.operator_id if session is not None else None

    # -- building -----------------------------------------------------------------------------------
    def scan_field(self, name: str, big: bool = True) -> QLineEdit:
        """A field a scan or the keyboard fills; Enter in it calls ``enter_in(name)``."""
        return scan_field(name, self.big if big else self.font(), self.enter_in)

    def add_field(self, name: str, widget: W) -> W:
        """``widget`` as the form's next row, under the label ``form_labels[name]``."""
        label = QLabel()
        label.setBuddy(widget)
        self.form_labels[name] = label
        self.form.addRow(label, widget)
        return widget

    @staticmethod
    def title_of(view: QWidget) -> QLabel:
        """The title above a list: its mnemonic moves to the list."""
        title = QLabel()
        title.setBuddy(view)
        return title

    def lay_out(self, parts: Sequence[tuple[QWidget | QLayout, int]], buttons: Sequence[QPushButton],
                right: Sequence[QPushButton] = ()) -> None:
        """``parts`` (each with its stretch) top-down, then the message, the status line and
        a row of ``buttons``, a gap, ``right`` and Close."""
        layout = QVBoxLayout(self)
        for part, stretch in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part, stretch)
            else:
                layout.addWidget(part, stretch)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        for button in (*right, self.close_button):
            row.addWidget(button)
        layout.addLayout(row)

    # -- calls --------------------------------------------------------------------------------------
    def run(self, op: Callable[[Any], Any], success: Callable[[Any], None], refused: Callable[[WmsError], None],
            key: str) -> None:
        """One call at a time: ``op`` on the database pool, then ``success`` with its answer or
        ``refused`` with its refusal; ``working`` meanwhile, the state updated after."""
        self.working = True
        self.clear_message()
        self.update_state()

        def answered(then: Callable[[Any], None]) -> Callable[[Any], None]:
            def handle(outcome: Any) -> None:
                self.working = False
                then(outcome)
                self.update_state()
            return handle

        QueryOp(self.context, parent=self, op=op, success=answered(success), key=key) \
            .failure(answered(refused)).run_in_background()

    # -- the item being entered -------------------------------------------------------------------------
    def add_item_fields(self) -> None:
        """The item field, the item it stands for (under it, while there is one) and the
        quantity field. A typed code is looked up on Enter (``resolve_item``)."""
        self.item_edit = self.add_field("item", self.scan_field("item"))
        self.item_edit.textEdited.connect(lambda _text: self.set_item(None))
        self.item_info = QLabel()
        self.item_info.setObjectName("itemInfo")
        self.item_info.setStyleSheet("color: palette(mid);")
        self.form.addRow("", self.item_info)
        self.quantity_edit = self.add_field("quantity", self.scan_field("quantity"))
        self._show_item_info(None)

    def set_item(self, scan: Scan | None) -> None:
        """The item the next quantity is for (None: typed over, not looked up yet); subclasses
        keep it."""
        if scan is not None:
            self.item_edit.setText(scan.sku_code if scan.kind == "sku" else scan.text)
            self.clear_message()
        self._show_item_info(scan)

    def _show_item_info(self, scan: Scan | None) -> None:
        text = "  ".join(p for p in (scan.sku_code, scan.label) if p) if scan is not None else ""
        self.item_info.setText(text)
        self.form.setRowVisible(self.item_info, bool(text))  # no room taken while there is none

    def resolve_item(self) -> None:
        """Look up the typed code; ``item_resolved`` gets it unless the clerk typed on meanwhile."""
        text = self.item_edit.text().strip()

        def resolved(scan: Scan) -> None:
            if scan.text == self.item_edit.text().strip():
                self.item_resolved(scan)

        QueryOp(self.context, parent=self, op=lambda s: identify_scan(s, parse_scan(text)), success=resolved,
                key="resolve").run_in_background()

    def item_resolved(self, scan: Scan) -> None:
        """A typed code looked up (subclasses)."""

    # -- the texts every work dialog says ---------------------------------------------------------------
    def say_product_with_skus(self, product_code: str | None) -> None:
        self.show_message(QCoreApplication.translate("WorkDialog", "%1 has colours and sizes: scan the SKU label.")
                          .replace("%1", product_code or ""))

    def say_unknown(self, code: str) -> None:
        self.show_message(QCoreApplication.translate("WorkDialog", "Unknown code: %1").replace("%1", code))

    def say_item_first(self) -> None:
        self.show_message(QCoreApplication.translate("WorkDialog", "Scan or type the item first."))
        self.item_edit.setFocus()

    def say_quantity_rule(self, typed: str = "") -> None:
        """What a quantity is (after what was typed, when it was not one)."""
        rule = QCoreApplication.translate("WorkDialog", "Enter a quantity from 1 to 1,000,000,000.")
        self.show_message(QCoreApplication.translate("WorkDialog", "“%1” is not a quantity here (whole units only).")
                          .replace("%1", typed) + " " + rule if typed else rule)
        self.quantity_edit.setFocus()
        self.quantity_edit.selectAll()

    # -- printing -----------------------------------------------------------------------------------
    @cached_property
    def printers(self) -> PrinterSettings:
        from ..printing.printers import PrinterSettings

        return PrinterSettings(self.context.settings)

    @cached_property
    def jobs(self) -> PrintJobs:
        from ...devices.printing import PrintJobs
        from ..printing.labels_dialog import default_history_dir

        return PrintJobs(default_history_dir(self.context))

    def printer_for(self, kind: str) -> Any:
        """This workstation's printer for ``kind`` (LABEL, DOCUMENT), else its folder."""
        return self.printers.printer(kind) or self.printers.file_target(kind)

    def send_to_printer(self, what: str, target_of: Callable[[], Any], *documents: Callable[[], Any]) -> None:
        """Draw each of ``documents`` and send it to where ``target_of`` says, on the io pool;
        the status line says where it went, the message box why it did not."""
        if self.printing:
            return
        try:
            target = target_of()
        except WmsError as error:
            self.show_message(printing_error_text(error))
            return
        jobs = self.jobs
        self.printing = True
        self.clear_message()
        self.status.setText(QCoreApplication.translate("WorkDialog", "Printing %1…").replace("%1", what))
        self.update_state()
        IoOp(self.context.runner, parent=self, op=lambda: [jobs.submit(draw(), target) for draw in documents],
             success=lambda sent: self._printed(sent, what), key="print").failure(self._print_failed) \
            .run_in_background()

    def _printed(self, sent: list, what: str) -> None:
        from ..printing.labels_dialog import target_text

        self.printing = False
        self.last_print = sent
        self.status.setText(QCoreApplication.translate("WorkDialog", "%1 sent (%2)").replace("%1", what)
                            .replace("%2", target_text(sent[-1].target)))
        self.update_state()

    def _print_failed(self, error: WmsError) -> None:
        self.printing = False
        self.last_print = error
        self.status.clear()
        self.show_message(printing_error_text(error))
        self.update_state()

    # -- texts, keys, messages ----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.close_button.setText(QCoreApplication.translate("WorkDialog", "Close (Esc)"))

    def set_field_texts(self, texts: dict[str, str]) -> None:
        for name, text in texts.items():
            self.form_labels[name].setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def enter_in(self, name: str) -> None:
        """Enter in the scan field ``name`` (subclasses)."""

    def update_state(self) -> None:
        """Enable what can be done now (subclasses)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            event.accept()  # Enter is handled per field, never a default button
            return
        super().keyPressEvent(event)

    def show_wms_error(self, error: WmsError, *more: str) -> None:
        self.show_message(error_markup(error, *more))

    def show_message(self, text: str) -> None:
        show_text(self.message, text)

    def clear_message(self) -> None:
        show_text(self.message, "")
