"""Settings → Scanner test: scan a test label and see exactly what arrived — the characters,
prefix, suffix, AIM identifier, the gaps between keys, whether it typed Chinese — then apply the
framing that fits to the Workstation tab (prefix/suffix mode when the scanner ends its scans
with a suffix, timing mode otherwise) and tick "types UTF-8" when it did.

The capture box takes the keys raw: the app-wide scanner filter lets them through
(:data:`~wms_desktop.ui.scanning.keys.RAW_KEYS`), so what is shown is what the scanner sent.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...devices.scanner.probe import Probe, TypedKey, probe
from ..app_settings import AppSettings, escape_control
from ..scanning.keys import RAW_KEYS, key_text
from .page import SettingsPage

NEW_SCAN_AFTER_MS = 1_000  # a pause this long starts another test scan


class KeyCapture(QFrame):
    """Records every key press with its own time; Tab and Enter too (they end scans)."""

    typed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanCapture")
        self.setProperty(RAW_KEYS, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(48)
        self.keys: list[TypedKey] = []
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        QVBoxLayout(self).addWidget(self.text)

    def clear(self) -> None:
        self.keys = []
        self.text.clear()
        self.typed.emit()

    def focusNextPrevChild(self, _next: bool) -> bool:
        return False  # Tab is a key of the scan here, not a move to the next field

    def keyPressEvent(self, event: QKeyEvent) -> None:
        at = float(event.timestamp())
        if self.keys and at - self.keys[-1].at_ms > NEW_SCAN_AFTER_MS:
            self.keys = []
        self.keys.append(TypedKey(key_text(event), at))
        self.text.setText(escape_control("".join(key.text for key in self.keys)))
        event.accept()
        self.typed.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet("QFrame#scanCapture { border: 2px solid palette(highlight); }")
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet("")
        super().focusOutEvent(event)


class ScannerTestPage(SettingsPage):
    """Saves nothing itself: "Apply" hands the framing and the UTF-8 finding to the Workstation
    tab (``apply``, wired by the dialog), which saves them with the rest."""

    def __init__(self, _settings: AppSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scannerTestPage")
        self.apply: Callable[[str, str, bool], None] | None = None  # (prefix, suffix, types UTF-8)
        self.result: Probe | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.capture = KeyCapture()
        self.capture.typed.connect(self._show)
        self.values = {name: QLabel() for name in ("characters", "prefix", "suffix", "symbology", "timing",
                                                   "utf8", "suggestion")}
        self.names = {name: QLabel() for name in self.values}
        form = QFormLayout()
        for name, value in self.values.items():
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.names[name], value)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("applyScannerFraming")
        self.apply_button.clicked.connect(self._apply)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.capture.clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.capture)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Scanner test")

    def load(self, _settings: AppSettings) -> None:
        self.retranslate_ui()

    def save(self, _settings: AppSettings) -> bool:
        return False

    def retranslate_ui(self) -> None:
        self.intro.setText(self.tr("Click the box below and scan a test label: you see exactly what the scanner "
                                   "sent. Then apply the framing it suggests to the Workstation tab and save."))
        for name, text in {"characters": self.tr("Characters:"), "prefix": self.tr("Prefix:"),
                           "suffix": self.tr("Suffix:"), "symbology": self.tr("AIM identifier:"),
                           "timing": self.tr("Timing:"), "utf8": self.tr("Chinese / UTF-8:"),
                           "suggestion": self.tr("Suggested mode:")}.items():
            self.names[name].setText(text)
        self.apply_button.setText(self.tr("Appl&y to the Workstation tab"))
        self.clear_button.setText(self.tr("Clear"))
        self._show()

    def _show(self) -> None:
        self.result = probe(self.capture.keys) if self.capture.keys else None
        self.apply_button.setEnabled(self.result is not None and self.apply is not None)
        if self.result is None:
            for value in self.values.values():
                value.setText("—")
            return
        found, none = self.result, self.tr("none")
        gaps = found.gaps_ms
        self.values["characters"].setText(escape_control(found.text))
        self.values["prefix"].setText(escape_control(found.prefix) or none)
        self.values["suffix"].setText(escape_control(found.suffix) or none)
        self.values["symbology"].setText(found.symbology or none)
        self.values["timing"].setText(
            self.tr("%1 keys, %2–%3 ms apart (median %4 ms)").replace("%1", str(found.keys))
            .replace("%2", f"{gaps[0]:g}").replace("%3", f"{gaps[2]:g}").replace("%4", f"{gaps[1]:g}")
            if gaps else self.tr("%1 keys").replace("%1", str(found.keys)))
        self.values["utf8"].setText(self.tr("Chinese arrived: this scanner types UTF-8") if found.non_ascii
                                    else self.tr("ASCII only"))
        prefix, suffix = found.framing
        self.values["suggestion"].setText(
            self.tr("prefix/suffix: prefix %1, suffix %2").replace("%1", escape_control(prefix) or none)
            .replace("%2", escape_control(suffix)) if suffix else
            self.tr("timing: the scanner sends no suffix; scans are told from typing by their speed"))

    def _apply(self) -> None:
        if self.result is None or self.apply is None:
            return
        prefix, suffix = self.result.framing
        self.apply(prefix, suffix, self.result.non_ascii)
