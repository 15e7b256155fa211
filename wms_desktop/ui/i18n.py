"""Languages: our own ``wms_<lang>.qm`` plus Qt's ``qtbase_<lang>.qm`` so Qt's dialogs match
(novelWriter ``config.py:initLocalisation``). English is the source language.

Switching installs new translators; Qt then sends every widget a ``LanguageChange`` event and
each one re-runs its ``retranslate_ui()``. Data (location codes like 西8排1架6层4位, product
names) is never passed through ``tr()``.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from ..paths import RESOURCES

log = logging.getLogger(__name__)

TRANSLATIONS = RESOURCES / "translations"
ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = {CHINESE: "中文（简体）", ENGLISH: "English"}  # each in its own language, not translated


def system_language(locale: QLocale | None = None) -> str:
    locale = locale or QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def normalise(language: str | None) -> str:
    if not language:
        return system_language()
    if language in LANGUAGES:
        return language
    return CHINESE if language.lower().startswith("zh") else ENGLISH


class Translator(QObject):
    """Owns the installed translators; ``set_language`` switches live."""

    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, directory: Path = TRANSLATIONS) -> None:
        super().__init__(app)
        self.app = app
        self.directory = directory
        self.language = ENGLISH
        self._installed: list[QTranslator] = []

    def uninstall(self) -> None:
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []

    def set_language(self, language: str | None) -> str:
        language = normalise(language)
        self.uninstall()
        if language != ENGLISH:
            ours = QTranslator(self)
            if ours.load(str(self.directory / f"wms_{language}.qm")):
                self._installed.append(ours)
            else:
                log.warning("no translation wms_%s.qm in %s", language, self.directory)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(self)
        if qtbase.load(f"qtbase_{language}", qt_dir):
            self._installed.append(qtbase)
        for translator in self._installed:
            self.app.installTranslator(translator)
        # Qt posts LanguageChange to every widget: deliver now, so the switch is complete on return
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        QLocale.setDefault(QLocale(language))
        self.language = language
        self.language_changed.emit(language)
        return language
