"""The labels that tell a user how it went, styled the same everywhere: a red line under a field
or form, a boxed red refusal, a boxed green result. Each is hidden while it has no text."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

RED, GREEN = "#b71c1c", "#1b5e20"
_BOX = "QLabel#{name} {{ color: {fg}; background: {bg}; border: 1px solid {border}; border-radius: 4px; padding: 6px; }}"


def _label(name: str, style: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.hide()
    return label


def error_line(name: str = "inlineError") -> QLabel:
    """A red line for a refusal that concerns a field or the form."""
    return _label(name, f"color: {RED};")


def error_box(name: str = "error") -> QLabel:
    """A boxed refusal that stands out above a dialog's buttons."""
    return _label(name, _BOX.format(name=name, fg=RED, bg="#ffebee", border="#e57373"))


def result_box(name: str = "result") -> QLabel:
    """The boxed outcome of a committed operation (plain text: codes are data, never markup)."""
    label = _label(name, _BOX.format(name=name, fg=GREEN, bg="#e8f5e9", border="#81c784"))
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def show_text(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
