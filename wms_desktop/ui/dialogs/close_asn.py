"""Closing a received ASN (a supervisor's step): its short lines, each with the reason it closes
short (keyboard: Tab from one reason to the next, arrows to choose, Enter closes the ASN)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ...contract.receiving import AsnDetail, ShortReason
from .receiving import reason_texts

SHORT_DEFAULT = "supplier_short"


class CloseAsnDialog(QDialog):
    def __init__(self, detail: AsnDetail, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("CloseAsnDialog")
        self.setWindowTitle(self.tr("Close %1").replace("%1", detail.document_number))
        self.short = [line for line in detail.lines if line.line_number is not None and line.short_quantity]
        question = QLabel(self.tr("%1 lines arrived short. Why does each close short?").replace(
            "%1", str(len(self.short))) if self.short else self.tr("Every line arrived in full. Close the ASN?"))
        question.setWordWrap(True)
        self.lines = QTreeWidget()
        self.lines.setObjectName("short_lines")
        self.lines.setRootIsDecorated(False)
        self.lines.setColumnCount(4)
        self.lines.setHeaderLabels([self.tr("#"), self.tr("SKU"), self.tr("Short"), self.tr("Reason")])
        self.reasons: list[QComboBox] = []
        texts = reason_texts()
        for line in self.short:
            item = QTreeWidgetItem(self.lines, [str(line.line_number), line.sku_code, str(line.short_quantity), ""])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            combo = QComboBox()
            for code, text in texts.items():
                combo.addItem(text, code)
            combo.setCurrentIndex(combo.findData(SHORT_DEFAULT))
            self.lines.setItemWidget(item, 3, combo)
            self.reasons.append(combo)
        self.lines.setVisible(bool(self.short))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Close the ASN"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)
        if self.reasons:
            self.reasons[0].setFocus()
        self.resize(560, 320)

    def short_reasons(self) -> list[ShortReason]:
        return [ShortReason(line_number=line.line_number, reason_code=combo.currentData())
                for line, combo in zip(self.short, self.reasons) if line.line_number is not None]
