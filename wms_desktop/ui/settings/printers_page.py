"""The "Printers" tab of the settings dialog: this workstation's label printer (address, label
size and dpi, PDF or ZPL) and document printer (A4 or 80 mm roll) for pick and packing lists,
each with the folder "Save to file" uses, and a Test print that sends one sample label from
the fields as they are (saved or not) on the io pool and reports success or the coded error.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...devices.printing import (
    PAPERS,
    PROFILES,
    RENDERER,
    FileTarget,
    SkuLabel,
    label_profile,
    render_labels,
    target_from_address,
)
from ...domain.errors import WmsError
from ..app_settings import AppSettings
from ..errors.printing import printing_error_text
from ..ops import IoOp, OpRunner
from ..printing.printers import (
    DOCUMENT,
    LABEL,
    LABEL_FORMATS,
    NO_PRINTER,
    PRINTER_KINDS,
    PrinterSettings,
    default_folder,
    profile_text,
)
from ..widgets.feedback import RED
from .page import SettingsPage

SAMPLE_LABEL = SkuLabel("TEST-0001", "测试标签 Test label", "黄色", "M")


class _PrinterFields:
    """Printer kind, address and folder: the part both groups share."""

    def __init__(self, page: PrinterSettingsPage, name: str) -> None:
        self.kind = QComboBox()
        self.kind.setObjectName(f"{name}_target")
        for kind in PRINTER_KINDS:
            self.kind.addItem("", kind)
        self.address = QLineEdit()
        self.address.setObjectName(f"{name}_address")
        self.folder = QLineEdit()
        self.folder.setObjectName(f"{name}_folder")
        self.folder.setPlaceholderText(str(default_folder(name)))
        self.kind.currentIndexChanged.connect(lambda _i: page.update_enabled())

    def printer_kind(self) -> str:
        return self.kind.currentData()


class PrinterSettingsPage(SettingsPage):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None, runner: OpRunner | None = None) -> None:
        """``settings`` only to match the dialog's page factories; ``load`` fills the fields."""
        super().__init__(parent)
        self.setObjectName("printer_settings_page")
        self.runner = runner
        self.testing = False
        self.last_test: object = None  # the sent target, or the WmsError of the last test print

        self.label_box = QGroupBox()
        self.label = _PrinterFields(self, LABEL)
        self.profile = QComboBox()
        self.profile.setObjectName("label_profile")
        for name in PROFILES:
            self.profile.addItem("", name)
        self.format = QComboBox()
        self.format.setObjectName("label_format")
        for fmt in LABEL_FORMATS:
            self.format.addItem("", fmt)
        self.test_button = QPushButton()
        self.test_button.setObjectName("test_print")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_print)
        self.test_result = QLabel()
        self.test_result.setObjectName("test_result")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        self.label_form = QFormLayout(self.label_box)
        self.label_labels = [QLabel() for _ in range(5)]
        for text, field in zip(self.label_labels, (self.label.kind, self.label.address, self.profile, self.format,
                                                   self.label.folder)):
            text.setBuddy(field)
            self.label_form.addRow(text, field)
        self.label_form.addRow("", test_row)

        self.document_box = QGroupBox()
        self.document = _PrinterFields(self, DOCUMENT)
        self.paper = QComboBox()
        self.paper.setObjectName("document_paper")
        for name in PAPERS:
            self.paper.addItem("", name)
        self.document_form = QFormLayout(self.document_box)
        self.document_labels = [QLabel() for _ in range(4)]
        for text, field in zip(self.document_labels, (self.document.kind, self.document.address, self.paper,
                                                      self.document.folder)):
            text.setBuddy(field)
            self.document_form.addRow(text, field)

        layout = QVBoxLayout(self)
        layout.addWidget(self.label_box)
        layout.addWidget(self.document_box)
        layout.addStretch(1)
        self.retranslate_ui()
        self.update_enabled()

    # -- texts -----------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Printers")

    def retranslate_ui(self) -> None:
        self.label_box.setTitle(self.tr("Label printer"))
        self.document_box.setTitle(self.tr("Pick and packing lists"))
        for fields in (self.label, self.document):
            for i in range(fields.kind.count()):
                fields.kind.setItemText(i, self._kind_text(fields.kind.itemData(i)))
        for labels, texts in ((self.label_labels, (self.tr("Label &printer:"), self.tr("Label printer &address:"),
                                                    self.tr("Label si&ze:"), self.tr("Label &format:"),
                                                    self.tr("Label f&older:"))),
                              (self.document_labels, (self.tr("&Document printer:"),
                                                      self.tr("Document printer add&ress:"), self.tr("Pap&er:"),
                                                      self.tr("Document fo&lder:")))):
            for label, text in zip(labels, texts):
                label.setText(text)
        self._align_fields()
        for i in range(self.profile.count()):
            self.profile.setItemText(i, profile_text(self.profile.itemData(i)))
        self.format.setItemText(0, self.tr("PDF (any printer)"))
        self.format.setItemText(1, self.tr("ZPL (Zebra label printer)"))
        self.paper.setItemText(self.paper.findData("a4"), self.tr("A4 sheet"))
        self.paper.setItemText(self.paper.findData("roll80"), self.tr("80 mm receipt roll"))
        self.test_button.setText(self.tr("&Test print"))
        self.update_enabled()

    def _align_fields(self) -> None:
        """One label column for both groups, so their fields start at the same x."""
        labels = self.label_labels + self.document_labels
        for label in labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _kind_text(self, kind: str) -> str:
        return {NO_PRINTER: self.tr("None: save to files"), "raw_tcp": self.tr("Network printer (raw TCP)"),
                "cups": self.tr("System print queue (CUPS)"), "windows": self.tr("Windows printer")}[kind]

    def _address_hint(self, kind: str) -> str:
        return {NO_PRINTER: "", "raw_tcp": self.tr("host or host:port, e.g. 10.1.2.3:9100"),
                "cups": self.tr("queue name, e.g. zebra_zd421"),
                "windows": self.tr("printer name as shown in Windows")}[kind]

    def update_enabled(self) -> None:
        for fields in (self.label, self.document):
            kind = fields.printer_kind()
            fields.address.setEnabled(kind != NO_PRINTER)
            fields.address.setPlaceholderText(self._address_hint(kind))
        self.test_button.setEnabled(not self.testing)

    # -- settings ----------------------------------------------------------------------------------
    def load(self, settings: AppSettings) -> None:
        printers = PrinterSettings(settings)
        for fields, kind, address, folder in ((self.label, printers.label_target, printers.label_address,
                                               printers.label_folder),
                                              (self.document, printers.document_target, printers.document_address,
                                               printers.document_folder)):
            fields.kind.setCurrentIndex(max(fields.kind.findData(kind), 0))
            fields.address.setText(address)
            fields.folder.setText(folder)
        self.profile.setCurrentIndex(max(self.profile.findData(printers.profile()), 0))
        self.format.setCurrentIndex(max(self.format.findData(printers.format()), 0))
        self.paper.setCurrentIndex(max(self.paper.findData(printers.paper()), 0))
        self.update_enabled()

    def validate(self) -> str | None:
        for fields, problem in ((self.label, self.tr("The label printer's address is not usable: %1")),
                                (self.document, self.tr("The document printer's address is not usable: %1"))):
            kind = fields.printer_kind()
            if kind == NO_PRINTER:
                continue
            try:
                target_from_address(kind, fields.address.text())
            except WmsError:
                fields.address.setFocus()
                fields.address.selectAll()
                return problem.replace("%1", self._address_hint(kind))
        return None

    def save(self, settings: AppSettings) -> bool:
        printers = PrinterSettings(settings)
        printers.label_target = self.label.printer_kind()
        printers.label_address = self.label.address.text().strip()
        printers.label_folder = self.label.folder.text().strip()
        printers.label_profile = self.profile.currentData()
        printers.label_format = self.format.currentData()
        printers.document_target = self.document.printer_kind()
        printers.document_address = self.document.address.text().strip()
        printers.document_folder = self.document.folder.text().strip()
        printers.document_paper = self.paper.currentData()
        return False  # printers are read at each print: no restart

    # -- test print --------------------------------------------------------------------------------
    def test_print(self) -> None:
        """One sample label to the label printer as the fields stand (to the folder when none)."""
        if self.testing:
            return
        kind = self.label.printer_kind()
        try:
            target = (target_from_address(kind, self.label.address.text()) if kind != NO_PRINTER
                      else FileTarget(self.label.folder.text().strip() or str(default_folder(LABEL))))
        except WmsError as error:
            self._tested(error)
            return
        profile, fmt = label_profile(self.profile.currentData()), self.format.currentData()

        def op():
            document = RENDERER.run(render_labels, [SAMPLE_LABEL], profile, fmt)
            target.send(document.payload, fmt, f"test-print-{uuid.uuid4().hex[:8]}")
            return target

        self.testing = True
        self.update_enabled()
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Sending a test label…"))
        IoOp(self.runner, parent=self, op=op, success=self._tested, key="test_print") \
            .failure(self._tested).run_in_background()

    def _tested(self, outcome) -> None:
        self.testing = False
        self.last_test = outcome
        self.update_enabled()
        if isinstance(outcome, WmsError):
            self.test_result.setStyleSheet(f"color: {RED};")
            self.test_result.setText(printing_error_text(outcome))
            return
        self.test_result.setStyleSheet("color: #1b5e20;")
        where = outcome.directory if isinstance(outcome, FileTarget) else self.label.address.text().strip()
        self.test_result.setText(self.tr("Test label sent to %1").replace("%1", where))
