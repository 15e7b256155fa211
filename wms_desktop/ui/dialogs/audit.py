"""A record's history from the audit trail: who changed what, when, on which workstation, with
the fields before and after (services/audit.py). Opened from the Products and Locations screens
and the Users dialog for the current row (Histor&y…)."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from ...contract.audit import AuditEntry, AuditPage, AuditSubject, AuditTrail
from ..errors.messages import error_text
from ..models.format import local_time
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.tables import setup_table

WHEN, WHO, WORKSTATION, ACTION, RECORD, BEFORE, AFTER = range(7)
WIDTHS = {WHEN: 150, WHO: 100, WORKSTATION: 110, ACTION: 150, RECORD: 110, BEFORE: 260, AFTER: 260}


def fields_text(value: str | None) -> str:
    """A change's JSON as ``name: value`` lines (nested records as their JSON)."""
    if value is None:
        return "—"
    fields = json.loads(value)
    return "\n".join(f"{name}: {json.dumps(field, ensure_ascii=False)}" for name, field in fields.items())


class AuditDialog(QDialog):
    def __init__(self, context: AppContext, subject_type: AuditSubject, subject_id: int, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.context = context
        self.setWindowTitle(self.tr("History of %1").replace("%1", title))
        self.model = QStandardItemModel(0, len(WIDTHS), self)
        self.model.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Workstation"),
                                              self.tr("Change"), self.tr("Record"), self.tr("Before"),
                                              self.tr("After")])
        self.table = QTableView()
        self.table.setObjectName("table")
        setup_table(self.table)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        for column, width in WIDTHS.items():
            self.table.horizontalHeader().resizeSection(column, width)
        self.info = QLabel()
        self.info.setObjectName("info")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        self.resize(1100, 520)
        self.entries: list[AuditEntry] = []
        command = AuditTrail(subject_type=subject_type, subject_id=subject_id)
        QueryOp(context, parent=self, op=lambda s: s.audit.trail(command), success=self.show_entries,
                key="trail").failure(lambda error: self.info.setText(error_text(error))).run_in_background()

    def show_entries(self, page: AuditPage) -> None:
        self.entries = page.items
        self.model.removeRows(0, self.model.rowCount())
        for entry in self.entries:
            texts = [local_time(entry.recorded_at), entry.actor, entry.workstation, entry.action,
                     entry.entity_code or "", fields_text(entry.before), fields_text(entry.after)]
            items = [QStandardItem(text) for text in texts]
            for item in items:
                item.setEditable(False)
                item.setToolTip(item.text())
            self.model.appendRow(items)
        self.table.resizeRowsToContents()  # a short list: rows as tall as their changes
        self.info.setText(self.tr("%1 changes, newest first").replace("%1", str(len(self.entries))))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


def open_audit(context: AppContext, subject_type: AuditSubject, subject_id: int, title: str,
               parent: QWidget | None) -> AuditDialog:
    dialog = AuditDialog(context, subject_type, subject_id, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
