"""One setting of a user (their role, their warehouses): a labelled chooser, the error line,
Save and Cancel. ``save()`` runs the service call; its answer emits ``saved(user_name)`` and
accepts. Subclasses give the chooser, the texts and the call."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...contract.api import ServiceApi
from ...contract.auth import User
from ...domain.errors import WmsError
from ..errors.messages import error_text
from ..ops import QueryOp
from ..session import AppContext
from ..widgets.feedback import error_line, show_text


class UserSettingDialog(QDialog):
    saved = Signal(str)

    def __init__(self, context: AppContext, user: User, chooser: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.user = user
        self.label = QLabel()
        self.label.setBuddy(chooser)
        self.error_label = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.label, chooser, self.error_label, self.buttons):
            layout.addWidget(widget)

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def store(self, call: Callable[[ServiceApi], Any], key: str) -> None:
        """Run ``call``; its answer (naming the user) closes the dialog."""
        self.show_wms_error(None)
        QueryOp(self.context, parent=self, op=call, success=lambda changed: self._saved(changed.user_name),
                key=key).run_in_background()

    def _saved(self, user_name: str) -> None:
        self.saved.emit(user_name)
        self.accept()

    def show_wms_error(self, error: WmsError | None) -> None:
        show_text(self.error_label, error_text(error) if error is not None else "")
