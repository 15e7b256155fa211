"""One tab of the settings dialog: a section of workstation settings that loads, checks and saves itself.

The dialog checks every page before any page saves, so a mistake on one tab writes nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ..app_settings import AppSettings


class SettingsPage(QWidget):
    def title(self) -> str:
        """The tab's title, in the current language."""
        raise NotImplementedError

    def load(self, settings: AppSettings) -> None:
        """Fill the widgets from ``settings``."""
        raise NotImplementedError

    def validate(self) -> str | None:
        """An error text for the user (and focus on the field at fault), or None when all is well."""
        return None

    def save(self, settings: AppSettings) -> bool:
        """Write the widgets into ``settings``; True when the change needs an app restart."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
