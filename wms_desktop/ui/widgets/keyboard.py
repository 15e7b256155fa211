"""Keyboard rules for the whole app.

An Alt+key reaches a widget only when no mnemonic or shortcut took it: its button is disabled or
hidden (a clerk's Alt+N on the greyed-out "New…"). A text field would type the letter, so
:class:`AltKeysTypeNothing` drops it there. (macOS types ø and the like with Option: not there.)
"""
from __future__ import annotations

import sys

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

_ALT, _NOT_ALT_ONLY = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


def is_text_input(widget: QObject | None) -> bool:
    """An editable text field: a key with text types into it."""
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


class AltKeysTypeNothing(QObject):
    """App-wide event filter: Alt+key with text (not Ctrl+Alt, Windows' AltGr) into a text field
    is dropped. Install on the application; ``uninstall`` when the window that owns it closes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._installed_on: QCoreApplication | None = None

    def install(self, app: QCoreApplication | None = None) -> None:
        if sys.platform == "darwin":
            return
        self._installed_on = app or QCoreApplication.instance()
        self._installed_on.installEventFilter(self)

    def uninstall(self) -> None:
        if self._installed_on is not None and shiboken6.isValid(self._installed_on):
            self._installed_on.removeEventFilter(self)
        self._installed_on = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        return (event.type() == QEvent.Type.KeyPress and bool(event.modifiers() & _ALT)
                and not event.modifiers() & _NOT_ALT_ONLY and bool(event.text()) and is_text_input(obj))
