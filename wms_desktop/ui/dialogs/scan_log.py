"""Help → Scan log: this workstation's last scans, newest first — what was read, what it is and
where it went — so a supervisor sees at once why "nothing happened" (unknown code, a window
that takes no scans, a screen that has no use for it). Updated live while open."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Slot
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from ..scanning import SCAN_LOG_SIZE, LoggedScan, ScanLog
from ..widgets.tables import setup_table

WENT_OK = ("dialog", "screen", "session")


def where_text(entry: LoggedScan) -> str:
    texts = {
        "dialog": QCoreApplication.translate("ScanLog", "Taken by the dialog %1"),
        "screen": QCoreApplication.translate("ScanLog", "Taken by the screen %1"),
        "session": QCoreApplication.translate("ScanLog", "Opened its document"),
        "unknown": QCoreApplication.translate("ScanLog", "Not taken: unknown here"),
        "error": QCoreApplication.translate("ScanLog", "Not taken: the lookup failed"),
        "refused": QCoreApplication.translate("ScanLog", "Refused: read in a window that takes no scans"),
    }
    return texts.get(entry.where, entry.where).replace("%1", entry.taker)


class ScanLogDialog(QDialog):
    def __init__(self, log: ScanLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScanLogDialog")
        self.log = log
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.model)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 460)
        for entry in log.entries:
            self.add(entry)
        log.added.connect(self.add)
        self.retranslate_ui()

    @Slot(object)
    def add(self, entry: LoggedScan) -> None:
        """Newest first; the oldest row goes when the log drops it."""
        kinds = {"location": self.tr("Location"), "sku": self.tr("SKU"), "external": self.tr("Barcode"),
                 "gs1": self.tr("GS1 label"), "document": self.tr("Document"), "unknown": self.tr("Unknown")}
        refused = entry.where == "refused"
        items = [QStandardItem(entry.at.strftime("%H:%M:%S")),
                 QStandardItem(self.tr("(not shown)") if refused else entry.raw.replace("\x1d", "<GS>")),
                 QStandardItem("" if refused else " ".join(p for p in (kinds.get(entry.kind, entry.kind), entry.found)
                                                           if p)),
                 QStandardItem(where_text(entry))]
        for item in items:
            item.setEditable(False)
        if entry.where not in WENT_OK:
            items[3].setForeground(QColor(198, 40, 40))
        self.model.insertRow(0, items)
        if self.model.rowCount() > SCAN_LOG_SIZE:
            self.model.removeRow(self.model.rowCount() - 1)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Scan log"))
        self.note.setText(self.tr("The last %1 scans at this workstation, newest first (kept until the app closes).")
                          .replace("%1", str(SCAN_LOG_SIZE)))
        self.model.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Scanned"), self.tr("Is"), self.tr("Went to")])
        self.table.horizontalHeader().setStretchLastSection(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
