"""Print labels from a screen: what will print, a live preview, profile / format / target, a
batch with progress and Cancel, coded errors inline, and the job history with Reprint.

Label data comes from the services in one call on the database pool (``services.lookup``);
rendering, previews, sending and the history file run on the *io* pool (GUIDE §2). A refusal from any of
them (``PrintingError`` is a ``WmsError``) comes back through the op runner's failure path and is
shown inline where it happened. Printer, label size and format default to this workstation's
printer settings (:mod:`wms_desktop.ui.printing.printers`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...contract.api import ServiceApi
from ...contract.decode import to_json
from ...contract.lookup import LocationLabel, LocationLabels, SkuLabel, SkuLabels
from ...devices.printing import (
    PROFILES,
    RENDERER,
    FileTarget,
    PrintJobs,
    label_preview_png,
    label_profile,
    render_label_batches,
)
from ...devices.printing import LocationLabel as PrintedLocationLabel
from ...devices.printing import SkuLabel as PrintedSkuLabel
from ...domain.errors import WmsError
from ..errors.messages import printing_error_messages
from ..errors.printing import printing_error_text
from ..models.format import local_time
from ..ops import IoOp, ProgressChannel, QueryOp
from ..session import AppContext
from ..widgets.feedback import RED
from .printers import LABEL, PrinterSettings, profile_text

HISTORY_LIMIT = 200
SKU, LOCATION = "sku", "location"


def default_history_dir(context: Any) -> Path:
    extra = getattr(context, "extras", {}).get("print_history_dir")
    if extra:
        return Path(extra)
    from ...config import data_dir

    return data_dir() / "print-jobs"


def label_items(services: ServiceApi, kind: str, codes: list[str]) -> list[SkuLabel | LocationLabel]:
    """What to print, in one call: a label per SKU (a product code: every SKU), or per location."""
    if kind == SKU:
        return list(services.lookup.sku_labels(SkuLabels(codes=codes)))
    return list(services.lookup.location_labels(LocationLabels(codes=codes)))


class PrintLabelsDialog(QDialog):
    labels_per_job = 10  # labels per document: a batch shows progress and stops between documents

    def __init__(self, context: Any, kind: str, codes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("print_labels_dialog")
        self.context = context
        self.kind = kind
        self.codes = list(codes)
        self.labels: list = []
        self.printing = False
        self.load_error: WmsError | None = None
        self.last_result: Any = None  # BatchResult or WmsError of the last print
        self.preview_png: bytes | None = None
        self.history: list = []
        self._channel: ProgressChannel | None = None
        self.jobs = PrintJobs(default_history_dir(context))
        self.printers = printers = PrinterSettings(context.settings)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        # -- print tab
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(380, 240)
        self.preview.setStyleSheet("background: palette(base); border: 1px solid palette(mid); color: palette(dark);")
        self.preview.setWordWrap(True)
        self.profile = QComboBox()
        self.profile.setObjectName("profile")
        for name in PROFILES:
            self.profile.addItem("", name)
        self.profile.setCurrentIndex(max(self.profile.findData(printers.profile()), 0))
        self.format = QComboBox()
        self.format.setObjectName("format")
        self.format.addItem("", "pdf")
        self.format.addItem("", "zpl")
        self.format.setCurrentIndex(max(self.format.findData(printers.format()), 0))
        self.target = QComboBox()
        self.target.setObjectName("target")
        if printers.label_target and printers.label_address:
            self.target.addItem("", (printers.label_target, printers.label_address))
        self.target.addItem("", ("file", ""))
        self.folder = QLineEdit()
        self.folder.setObjectName("folder")
        self.folder.textChanged.connect(self.folder.setToolTip)  # the whole path, however narrow the field
        self._set_folder(printers.folder(LABEL))
        self.browse = QPushButton()
        self.browse.setObjectName("browse")
        self.browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.form = QFormLayout()
        self.profile_label, self.format_label, self.target_label, self.folder_label = (QLabel() for _ in range(4))
        for label, field in ((self.profile_label, self.profile), (self.format_label, self.format),
                             (self.target_label, self.target), (self.folder_label, self.folder)):
            label.setBuddy(field)
        self.form.addRow(self.profile_label, self.profile)
        self.form.addRow(self.format_label, self.format)
        self.form.addRow(self.target_label, self.target)
        self.form.addRow(self.folder_label, folder_row)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {RED};")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.preview, 1)
        side = QVBoxLayout()
        side.addWidget(self.summary)
        side.addLayout(self.form)
        side.addStretch(1)
        top.addLayout(side, 1)
        box = QVBoxLayout(page)
        box.addLayout(top, 1)
        box.addWidget(self.progress)
        box.addWidget(self.error)
        box.addWidget(self.status)
        self.tabs.addTab(page, "")
        # -- history tab
        hpage = QWidget()
        self.history_view = QTreeWidget()
        self.history_view.setObjectName("history")
        self.history_view.setRootIsDecorated(False)
        self.history_view.setUniformRowHeights(True)
        self.history_view.setColumnCount(6)
        self.history_view.itemActivated.connect(lambda *_: self.reprint())
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.clicked.connect(self.reprint)
        self.history_error = QLabel()
        self.history_error.setObjectName("history_error")
        self.history_error.setWordWrap(True)
        self.history_error.setStyleSheet(f"color: {RED};")
        self.history_status = QLabel()
        self.history_status.setObjectName("history_status")
        hbuttons = QHBoxLayout()
        hbuttons.addWidget(self.history_status, 1)
        hbuttons.addWidget(self.reprint_button)
        hbox = QVBoxLayout(hpage)
        hbox.addWidget(self.history_view, 1)
        hbox.addWidget(self.history_error)
        hbox.addLayout(hbuttons)
        self.tabs.addTab(hpage, "")
        # -- buttons
        self.print_button = QPushButton()
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.print_button.setEnabled(False)  # until the labels are loaded
        self.print_button.clicked.connect(self.start_print)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_print)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self, self.start_print)

        self.profile.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.target.currentIndexChanged.connect(lambda _i: self._update_target())
        self.tabs.currentChanged.connect(lambda i: self.load_history() if i == 1 else None)
        self.retranslate_ui()
        self._update_target()
        self.resize(760, 420)
        self.load_labels()

    # -- texts --------------------------------------------------------------------------------------
    def kind_names(self) -> dict[str, str]:
        return {"sku_label": self.tr("SKU labels"), "location_label": self.tr("Location labels")}

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Print labels"))
        self.tabs.setTabText(0, self.tr("&Print"))
        self.tabs.setTabText(1, self.tr("&History"))
        self.profile_label.setText(self.tr("Label si&ze:"))
        self.format_label.setText(self.tr("&Format:"))
        self.target_label.setText(self.tr("Prin&ter:"))
        self.folder_label.setText(self.tr("F&older:"))
        self.browse.setText(self.tr("&Browse…"))
        self.format.setItemText(0, self.tr("PDF (any printer)"))
        self.format.setItemText(1, self.tr("ZPL (Zebra label printer)"))
        for i in range(self.profile.count()):
            self.profile.setItemText(i, profile_text(self.profile.itemData(i)))
        for i in range(self.target.count()):
            kind, address = self.target.itemData(i)
            self.target.setItemText(i, self.tr("Save to file") if kind == "file" else
                                    self.tr("Printer %1").replace("%1", address))
        self.print_button.setText(self.tr("P&rint"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.close_button.setText(self.tr("C&lose"))
        self.reprint_button.setText(self.tr("R&eprint"))
        self.history_view.setHeaderLabels([self.tr("Time"), self.tr("Labels"), self.tr("Format"), self.tr("Printer"),
                                           self.tr("Status"), self.tr("Error")])
        self._update_summary()
        if self.history:
            self.show_history(self.history)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_summary(self) -> None:
        """The line above the form; a load error is shown here only (in red), never twice."""
        self.summary.setStyleSheet(f"color: {RED};" if self.load_error is not None else "")
        if self.load_error is not None:
            self.summary.setText(self._nothing_to_print(self.load_error))
        elif not self.labels:
            self.summary.setText(self.tr("Loading what to print…"))
        else:
            what = self.tr("SKU labels") if self.kind == SKU else self.tr("Location labels")
            self.summary.setText(self.tr("%1: %2 to print").replace("%1", what).replace("%2", str(len(self.labels))))
        if self.preview_png is None:  # a placeholder until there is a label to show
            self.preview.setText(self.tr("No preview: nothing to print.") if self.load_error is not None
                                 else self.tr("The first label is previewed here."))

    def _nothing_to_print(self, error: WmsError) -> str:
        """The load error, naming the code that was not found (a SKU, product or location code)."""
        code = next((str(value) for key, value in (error.details or {}).items() if key.endswith("_code")), "")
        if code:
            return self.tr("Nothing to print: %1 — %2").replace("%1", code).replace("%2", printing_error_text(error))
        return self.tr("Nothing to print: %1").replace("%1", printing_error_text(error))

    def _set_folder(self, folder: str) -> None:
        self.folder.setText(folder)
        self.folder.setCursorPosition(0)  # the start of a long path says more than its end

    def _update_target(self) -> None:
        is_file = self.target.currentData()[0] == "file"
        for widget in (self.folder, self.browse, self.folder_label):
            widget.setEnabled(is_file)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save labels in"), self.folder.text())
        if folder:
            self._set_folder(folder)

    # -- errors -------------------------------------------------------------------------------------
    def show_wms_error(self, error: WmsError) -> None:
        """A refusal on the print tab (the op runner's default for anything not handled closer)."""
        self.error.setText(printing_error_text(error))

    # -- label data and preview ---------------------------------------------------------------------
    def load_labels(self) -> None:
        kind, codes = self.kind, self.codes
        QueryOp(self.context, parent=self, op=lambda s: label_items(s, kind, codes), success=self.show_labels,
                key="labels").failure(self._load_failed).run_in_background()

    def _load_failed(self, error: WmsError) -> None:
        self.load_error = error
        self._update_summary()

    def show_labels(self, items: list[SkuLabel | LocationLabel]) -> None:
        make = PrintedSkuLabel if self.kind == SKU else PrintedLocationLabel
        utf8 = self.context.settings.scanner_types_utf8  # what this workstation's scanners can type
        self.labels = [make.from_mapping({**to_json(item), "utf8_qr": utf8}) for item in items]
        self.load_error = None
        self._update_summary()
        self.print_button.setEnabled(bool(self.labels))
        self.refresh_preview()

    def current_profile(self):
        return label_profile(self.profile.currentData())

    def refresh_preview(self) -> None:
        if not self.labels:
            return
        first, profile = self.labels[0], self.current_profile()
        self.preview.setText(self.tr("Drawing the preview…"))
        IoOp(self.context.runner, parent=self, op=lambda: RENDERER.run(label_preview_png, first, profile),
             success=self.show_preview, key="preview").failure(self._preview_failed).run_in_background()

    def _preview_failed(self, error: WmsError) -> None:
        self.preview_png = None
        self.preview.setText(self.tr("No preview: see the error below."))
        self.error.setText(printing_error_text(error))

    def show_preview(self, png: bytes) -> None:
        self.preview_png = png
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        area = self.preview.contentsRect().size()
        self.preview.setPixmap(pixmap.scaled(max(area.width() - 8, 100), max(area.height() - 8, 60),
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    # -- printing -----------------------------------------------------------------------------------
    def make_target(self):
        """The chosen printer, or the folder; a stored printer address that no longer parses
        raises INVALID_PARAMETERS."""
        kind, _address = self.target.currentData()
        if kind == "file":
            return FileTarget(self.folder.text().strip() or self.printers.folder(LABEL))
        return self.printers.printer(LABEL)

    def _set_printing(self, on: bool) -> None:
        self.printing = on
        self.print_button.setEnabled(not on and bool(self.labels))
        self.cancel_button.setEnabled(on)
        for widget in (self.profile, self.format, self.target, self.folder, self.browse, self.reprint_button):
            widget.setEnabled(not on)
        if not on:
            self._update_target()
        if on:
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.cancel_button.hasFocus() or self.focusWidget() is None:
            self.print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_print(self) -> None:
        if self.printing or not self.labels:
            return
        self.error.clear()
        self.status.clear()
        try:
            target = self.make_target()
        except WmsError as error:
            self.error.setText(printing_error_text(error))
            return
        fmt, profile, labels, per = self.format.currentData(), self.current_profile(), list(self.labels), \
            self.labels_per_job
        self.printers.label_format = fmt  # the next print starts from this one's choices
        self.printers.label_profile = profile.name
        if isinstance(target, FileTarget):
            self.printers.label_folder = target.directory
        self._channel = channel = self.context.runner.progress(self._progressed, self)
        jobs = self.jobs

        def op():
            documents = RENDERER.run(render_label_batches, labels, profile, fmt, per)
            channel.report(0, len(documents))
            return jobs.submit_batch(documents, target, progress=channel.report, cancel=channel.cancel_event)

        self.progress.setRange(0, len(labels))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._set_printing(True)
        IoOp(self.context.runner, parent=self, op=op, success=self._printed, key="print") \
            .failure(self._print_failed).with_progress(channel).run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(min(done * self.labels_per_job, len(self.labels)))
        self.status.setText(self.tr("Sending… %1 of %2 jobs").replace("%1", str(done)).replace("%2", str(total)))

    def cancel_print(self) -> None:
        if self._channel is not None:
            self._channel.cancel()
            self.status.setText(self.tr("Cancelling after the current job…"))

    def _print_failed(self, error: WmsError) -> None:
        self.last_result = error
        self._set_printing(False)
        self.error.setText(printing_error_text(error))
        self.status.clear()
        self.load_history()

    def _printed(self, result) -> None:
        self.last_result = result
        self._set_printing(False)
        if result.cancelled:
            self.status.setText(self.tr("Cancelled: %1 of %2 labels sent")
                                .replace("%1", str(min(len(result.jobs) * self.labels_per_job, len(self.labels))))
                                .replace("%2", str(len(self.labels))))
        else:
            self.progress.setValue(len(self.labels))
            self.status.setText(self.tr("Done: %1 labels sent").replace("%1", str(len(self.labels))))
        self.load_history()

    def reject(self) -> None:
        if self.printing:  # Esc while printing cancels the batch; a second Esc after it stops closes
            self.cancel_print()
            return
        super().reject()

    # -- history ------------------------------------------------------------------------------------
    def load_history(self) -> None:
        jobs = self.jobs
        IoOp(self.context.runner, parent=self, op=lambda: jobs.history()[-HISTORY_LIMIT:][::-1],
             success=self.show_history, key="history") \
            .failure(lambda error: self.history_error.setText(printing_error_text(error))).run_in_background()

    def show_history(self, jobs) -> None:
        current = self.history_view.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        self.history = list(jobs)
        self.history_view.clear()
        kinds = self.kind_names()
        for job in self.history:
            item = QTreeWidgetItem(self.history_view, [
                local_time(job.created_at), kinds.get(job.kind, job.kind), job.fmt.upper(), target_text(job.target),
                self.tr("Sent") if job.status == "sent" else self.tr("Failed"),
                printing_error_messages().get(job.error_code or "", job.error_code or "")
                + (f" [{job.error_code}]" if job.error_code else "")])
            item.setData(0, Qt.ItemDataRole.UserRole, job.job_id)
            if job.job_id == keep:
                self.history_view.setCurrentItem(item)
        first = self.history_view.topLevelItem(0)
        if self.history_view.currentItem() is None and first is not None:
            self.history_view.setCurrentItem(first)
        for column, width in enumerate((150, 110, 50, 180, 60)):
            self.history_view.header().resizeSection(column, width)
        self.reprint_button.setEnabled(bool(self.history) and not self.printing)

    def reprint(self) -> None:
        item = self.history_view.currentItem()
        if item is None or self.printing:
            return
        job_id = item.data(0, Qt.ItemDataRole.UserRole)
        jobs = self.jobs
        self.history_error.clear()
        self.history_status.setText(self.tr("Reprinting…"))
        self.reprint_button.setEnabled(False)
        IoOp(self.context.runner, parent=self, op=lambda: jobs.reprint(job_id), success=self._reprinted,
             key="reprint").failure(self._reprint_failed).run_in_background()

    def _reprinted(self, _job) -> None:
        self.reprint_button.setEnabled(True)
        self.history_status.setText(self.tr("Reprinted"))
        self.load_history()

    def _reprint_failed(self, error: WmsError) -> None:
        self.reprint_button.setEnabled(True)
        self.history_status.clear()
        self.history_error.setText(printing_error_text(error))
        self.load_history()


def target_text(target: dict) -> str:
    """Where a recorded job went, as a person names it."""
    kind = target.get("type")
    if kind == "raw_tcp":
        return f"{target.get('host')}:{target.get('port')}"
    if kind == "cups":
        return str(target.get("queue"))
    if kind == "windows":
        return str(target.get("printer_name"))
    return str(target.get("directory", ""))


def open_print_dialog(screen: QWidget, context: AppContext, info: QLabel, kind: str,
                      codes: list[str]) -> PrintLabelsDialog | None:
    """From a screen: None (and a hint in its ``info`` line) when nothing is selected."""
    codes = [c for c in dict.fromkeys(codes) if c]
    if not codes:
        info.setText(QCoreApplication.translate("PrintLabelsDialog", "Select what to print first."))
        return None
    dialog = PrintLabelsDialog(context, kind, codes, screen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
