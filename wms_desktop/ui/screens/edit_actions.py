"""New / Edit / Delete on a screen's table: buttons, and keys — Ctrl+N new, F2 or Enter edits
the current row, Delete deletes it (after a confirmation that defaults to Cancel).

F2 is also the main window's "go to screen 2": while the table has focus the table takes it
(a ShortcutOverride), so F2 edits there and switches screens everywhere else.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView, QWidget

if TYPE_CHECKING:
    from .base import Screen

EDIT_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter)



class EditActions(QObject):
    def __init__(self, screen: Screen, table: QTableView, permission: str, new: Callable[[], object],
                 edit: Callable[[], object], delete: Callable[[], object]) -> None:
        super().__init__(screen)
        session = screen.context.session
        self.allowed = session is not None and session.can(permission)
        self.table = table
        self._actions = {"new": new, "edit": edit, "delete": delete}
        self.buttons: dict[str, QPushButton] = {}
        for name in ("new", "edit", "delete"):
            button = QPushButton()
            button.setObjectName(f"{name}_button")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, n=name: self.trigger(n))
            screen.top.addWidget(button)
            self.buttons[name] = button
        shortcut = QShortcut(QKeySequence("Ctrl+N"), screen, lambda: self.trigger("new"))
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        table.installEventFilter(self)
        table.doubleClicked.connect(lambda _index: self.trigger("edit"))
        self.set_row_editable(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = {
            "new": (QCoreApplication.translate("EditActions", "&New…"),
                    QCoreApplication.translate("EditActions", "New (Ctrl+N)")),
            "edit": (QCoreApplication.translate("EditActions", "&Edit…"),
                     QCoreApplication.translate("EditActions", "Edit the selected row (F2 or Enter)")),
            "delete": (QCoreApplication.translate("EditActions", "&Delete…"),
                       QCoreApplication.translate("EditActions", "Delete the selected row (Delete)")),
        }
        refused = QCoreApplication.translate("EditActions", "Your role cannot change this list.")
        for name, (text, tip) in texts.items():
            self.buttons[name].setText(text)
            self.buttons[name].setToolTip(tip if self.allowed else refused)

    def set_row_editable(self, editable: bool) -> None:
        """Whether the current row may be edited and deleted (the buttons follow)."""
        self.buttons["new"].setEnabled(self.allowed)
        for name in ("edit", "delete"):
            self.buttons[name].setEnabled(self.allowed and editable)

    def trigger(self, name: str) -> None:
        if self.buttons[name].isEnabled():
            self._actions[name]()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and isinstance(event, QKeyEvent) and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                           Qt.KeyboardModifier.KeypadModifier):
            name = "edit" if event.key() in EDIT_KEYS else "delete" if event.key() == Qt.Key.Key_Delete else None
            if name is not None:
                if event.type() == QEvent.Type.KeyPress:
                    self.trigger(name)
                event.accept()
                return True
        return super().eventFilter(watched, event)


def confirm_delete(parent: QWidget, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask before deleting; Cancel is the default (Enter) and Esc. Window-modal, not blocking."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("EditActions", "Delete"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    delete = box.addButton(QCoreApplication.translate("EditActions", "&Delete"),
                           QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: on_yes() if button is delete else None)
    box.open()
    return box
