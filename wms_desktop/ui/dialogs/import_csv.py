"""File → Import…: products, locations or opening stock from a CSV file (docs/data.md).

Choose what and which file: the first rows are previewed. *Check* is a dry run (every row
checked, nothing written); *Import* writes every row or none. Both run on the database pool
with a progress bar (the share of the file read) and *Stop* (the run is rolled back: nothing of
the file stays). Refused rows are listed, and *Save errors…* writes all of them as CSV.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...contract.api import ServiceApi
from ...contract.data import ImportCsv, ImportReport
from ...domain.errors import WmsError
from ...domain.permissions import CORRECT_STOCK, EDIT_CATALOG, EDIT_LOCATIONS
from ..errors.messages import error_text
from ..ops import QueryOp
from ..session import AppContext
from ..workflows.csv_import import ErrorsFile, preview

KINDS = {"products": EDIT_CATALOG, "locations": EDIT_LOCATIONS, "stock": CORRECT_STOCK}  # what each needs
MODES = ("fail", "skip", "update")
SCALE = 1000  # progress in thousandths of the file (a signal carries 32-bit ints)


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport of a committed run

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.context = context
        session = context.session
        self.kinds = [k for k, permission in KINDS.items() if session is not None and session.can(permission)]
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("file")
        self.file_edit.editingFinished.connect(lambda: self.set_file(self.file_edit.text().strip()))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.choose_file)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        self.preview_table = QTableWidget()
        self.preview_table.setObjectName("preview")
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.progress = QProgressBar()
        self.progress.setRange(0, SCALE)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.errors_table = QTableWidget(0, 3)
        self.errors_table.setObjectName("errors")
        self.errors_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.errors_table.horizontalHeader().setStretchLastSection(True)
        self.check_button, self.import_button = QPushButton(), QPushButton()
        self.stop_button, self.save_errors_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        for name, button in (("check", self.check_button), ("import", self.import_button), ("stop", self.stop_button),
                             ("save_errors", self.save_errors_button), ("close", self.close_button)):
            button.setObjectName(name)
            button.setAutoDefault(False)
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.stop_button.clicked.connect(self.stop)
        self.save_errors_button.clicked.connect(self.save_errors)
        self.close_button.clicked.connect(self.reject)

        self.form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.labels = [QLabel(), QLabel(), QLabel()]
        for label, buddy in zip(self.labels, (self.kind, self.file_edit, self.mode)):
            label.setBuddy(buddy)
        self.form.addRow(self.labels[0], self.kind)
        self.form.addRow(self.labels[1], file_row)
        self.form.addRow(self.labels[2], self.mode)
        buttons = QHBoxLayout()
        for button in (self.check_button, self.import_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_errors_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview_table, 2)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.errors_table, 1)
        layout.addLayout(buttons)
        self.resize(900, 620)

        self.path: Path | None = None
        self.errors: ErrorsFile | None = None
        self.running = False
        self._channel = None
        self.retranslate_ui()
        self._update_state()

    # -- texts -----------------------------------------------------------------------------------
    def kind_names(self) -> dict[str, str]:
        return {"products": self.tr("Products with SKUs and barcodes"), "locations": self.tr("Locations"),
                "stock": self.tr("Opening stock")}

    def mode_names(self) -> dict[str, str]:
        return {"fail": self.tr("Refuse the row"), "skip": self.tr("Leave the record as it is"),
                "update": self.tr("Update the record")}

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import from CSV"))
        for combo, names, keys in ((self.kind, self.kind_names(), self.kinds), (self.mode, self.mode_names(), MODES)):
            current = combo.currentIndex()
            combo.clear()
            for key in keys:
                combo.addItem(names[key], key)
            combo.setCurrentIndex(max(current, 0))
        for label, text in zip(self.labels, (self.tr("&Kind:"), self.tr("&File:"), self.tr("Existing &records:"))):
            label.setText(text)
        self.file_edit.setPlaceholderText(self.tr("a .csv file: UTF-8 (with or without BOM) or GB18030"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.check_button.setText(self.tr("&Check"))
        self.check_button.setToolTip(self.tr("Check every row and list every error; nothing is written"))
        self.import_button.setText(self.tr("&Import"))
        self.import_button.setToolTip(self.tr("Write every row, or none when any row is refused"))
        self.stop_button.setText(self.tr("Sto&p"))
        self.save_errors_button.setText(self.tr("Save &errors…"))
        self.close_button.setText(self.tr("Close"))
        self.errors_table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Error"), self.tr("Details")])

    # -- the file --------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import from CSV"), self.file_edit.text(),
                                                    self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        self.path = Path(path) if path else None
        self.file_edit.setText(path)
        self.preview_table.clear()
        self.preview_table.setRowCount(0)
        self.preview_table.setColumnCount(0)
        shown = preview(self.path) if self.path is not None and self.path.is_file() else None
        if self.path is not None and shown is None:
            self.status.setText(self.tr("This file cannot be read as CSV text."))
        elif shown is not None:
            self.preview_table.setColumnCount(len(shown.header))
            self.preview_table.setHorizontalHeaderLabels(shown.header)
            self.preview_table.setRowCount(len(shown.rows))
            for r, row in enumerate(shown.rows):
                for c, cell in enumerate(row[:len(shown.header)]):
                    self.preview_table.setItem(r, c, QTableWidgetItem(cell))
            self.status.setText(self.tr("First %1 rows shown (%2). Check it, then import.")
                                .replace("%1", str(len(shown.rows))).replace("%2", shown.encoding))
        self._update_state()

    # -- running ---------------------------------------------------------------------------------
    def run(self, dry_run: bool) -> None:
        if self.running or self.path is None or not self.kinds:
            return
        path, kind = self.path, self.kind.currentData()
        command = ImportCsv(mode=self.mode.currentData(), dry_run=dry_run, file_name=path.name)
        if self.errors is not None:
            self.errors.close()
        errors = self.errors = ErrorsFile()
        channel = self._channel = self.context.runner.progress(self._progressed, self)
        self.running = True
        self.errors_table.setRowCount(0)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Checking…") if dry_run else self.tr("Importing…"))
        self._update_state()

        def work(services: ServiceApi) -> ImportReport:
            with path.open("rb") as source:
                run = getattr(services.imports, kind)
                return run(command, source, progress=lambda _rows, read, size: channel.report(
                    read * SCALE // max(size, 1), SCALE), cancelled=lambda: channel.cancelled, on_error=errors.write)

        QueryOp(self.context, parent=self, op=work, success=self._done, key="import") \
            .failure(self._failed).with_progress(channel).run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        if self.running:
            self.progress.setValue(done)

    def stop(self) -> None:
        if self.running and self._channel is not None:
            self._channel.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _done(self, report: ImportReport) -> None:
        self._finished()
        counts = (self.tr("%1 rows read (%2): %3 created, %4 updated, %5 skipped, %6 refused")
                  .replace("%1", str(report.rows)).replace("%2", report.encoding).replace("%3", str(report.created))
                  .replace("%4", str(report.updated)).replace("%5", str(report.skipped))
                  .replace("%6", str(report.error_count)))
        if report.dry_run:
            verdict = self.tr("Checked, nothing written.") if report.error_count else \
                self.tr("Checked, nothing written: every row can be imported.")
        else:
            verdict = self.tr("Imported.")
            self.imported.emit(report)
        self.status.setText(f"{verdict} {counts}")
        self._show_errors(report)

    def _failed(self, error: WmsError) -> None:
        self._finished()
        count = (error.details or {}).get("error_count")
        if error.error_code == "OPERATION_CANCELLED":
            self.status.setText(self.tr("Stopped: nothing of the file was written."))
        elif isinstance(count, int):
            self.status.setText(self.tr("%1 rows refused: nothing of the file was written. The first: %2")
                                .replace("%1", str(count)).replace("%2", error_text(error)))
            errors = [e for e in (error.details or {}).get("errors", []) if isinstance(e, dict)]
            self._fill_errors([(e.get("row"), e.get("error_code"), e.get("details")) for e in errors])
        else:
            self.status.setText(error_text(error))
        self._update_state()

    def _finished(self) -> None:
        self.running = False
        self.progress.setVisible(False)
        self._channel = None
        self._update_state()

    def _show_errors(self, report: ImportReport) -> None:
        self._fill_errors([(e.row, e.error_code, e.details) for e in report.errors])

    def _fill_errors(self, rows: list[tuple]) -> None:
        self.errors_table.setRowCount(len(rows))
        for r, (number, code, details) in enumerate(rows):
            for c, text in enumerate((str(number), str(code), ", ".join(f"{k}={v}" for k, v in (details or {}).items()))):
                self.errors_table.setItem(r, c, QTableWidgetItem(text))
        self._update_state()

    def save_errors(self) -> Path | None:
        if self.errors is None or not self.errors.count:
            return None
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save errors"), "import-errors.csv",
                                                    self.tr("CSV files (*.csv)"))
        return self.save_errors_to(Path(path)) if path else None

    def save_errors_to(self, path: Path) -> Path:
        assert self.errors is not None  # a run made it
        self.errors.save(path)
        self.status.setText(self.tr("%1 refused rows saved to %2").replace("%1", str(self.errors.count))
                            .replace("%2", str(path)))
        return path

    def _update_state(self) -> None:
        ready = not self.running and self.path is not None and bool(self.kinds)
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.stop_button.setEnabled(self.running)
        self.save_errors_button.setEnabled(not self.running and self.errors is not None and self.errors.count > 0)
        for widget in (self.kind, self.file_edit, self.browse_button, self.mode):
            widget.setEnabled(not self.running)
        if not self.kinds:
            self.status.setText(self.tr("Your role does not allow importing."))

    def done(self, result: int) -> None:
        if self.running:  # closing stops the run (rolled back); its errors file goes with the worker
            self.stop()
        elif self.errors is not None:
            self.errors.close()
            self.errors = None
        super().done(result)


def open_import(context: AppContext, parent: QWidget | None) -> ImportDialog:
    dialog = ImportDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

