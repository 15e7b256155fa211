"""This workstation's printers, under ``printing/`` in the app's ``QSettings``: a label printer
(with its label size, dpi and format) and a document printer (A4 or 80 mm roll) for pick and
packing lists. Either may be "none": jobs are then saved as files in the kind's folder, which
is also always offered as "Save to file".

    printers = PrinterSettings(context.settings)
    printers.printer(LABEL)           # RawTcpPrinter('10.1.2.3', 9100), or None: files only
    printers.folder(LABEL)            # where "Save to file" puts labels
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ...devices.printing import PAPERS, PROFILES, FileTarget, target_from_address
from ..app_settings import AppSettings, ConfigVar

LABEL, DOCUMENT = "label", "document"
NO_PRINTER = ""  # save to files only
# the system spooler of this platform: lp (CUPS) or the Windows spooler
SPOOLER = "windows" if sys.platform == "win32" else "cups"
PRINTER_KINDS = (NO_PRINTER, "raw_tcp", SPOOLER)
LABEL_FORMATS = ("pdf", "zpl")
DEFAULT_PROFILE = "50x30@203"
DEFAULT_PAPER = "a4"


def profile_text(name: str) -> str:
    """A label profile (a key of ``PROFILES``) as people name it: "50 × 30 mm, 203 dpi"."""
    profile = PROFILES[name]
    return (QCoreApplication.translate("PrinterSettings", "%1 × %2 mm, %3 dpi")
            .replace("%1", f"{profile.width_mm:g}").replace("%2", f"{profile.height_mm:g}")
            .replace("%3", str(profile.dpi)))


def default_folder(kind: str) -> Path:
    from ...config import data_dir

    return data_dir() / ("labels" if kind == LABEL else "documents")


class PrinterSettings:
    label_target = ConfigVar("printing/label_target", NO_PRINTER, str)  # "" | raw_tcp | cups | windows
    label_address = ConfigVar("printing/label_address", "", str)  # host[:port] | queue | printer name
    label_folder = ConfigVar("printing/label_folder", "", str)  # "" = default_folder("label")
    label_profile = ConfigVar("printing/label_profile", DEFAULT_PROFILE, str)  # a key of PROFILES
    label_format = ConfigVar("printing/label_format", "pdf", str)  # pdf | zpl
    document_target = ConfigVar("printing/document_target", NO_PRINTER, str)
    document_address = ConfigVar("printing/document_address", "", str)
    document_folder = ConfigVar("printing/document_folder", "", str)
    document_paper = ConfigVar("printing/document_paper", DEFAULT_PAPER, str)  # a4 | roll80

    def __init__(self, settings: AppSettings) -> None:
        self.qsettings = settings.qsettings  # what ConfigVar reads and writes

    def profile(self) -> str:
        """The stored label profile, or the default when it names none of ``PROFILES``."""
        return self.label_profile if self.label_profile in PROFILES else DEFAULT_PROFILE

    def format(self) -> str:
        return self.label_format if self.label_format in LABEL_FORMATS else "pdf"

    def paper(self) -> str:
        return self.document_paper if self.document_paper in PAPERS else DEFAULT_PAPER

    def printer(self, kind: str):
        """The configured printer for ``label`` or ``document`` jobs, or None (files only).
        A stored address that no longer parses raises INVALID_PARAMETERS."""
        target, address = (self.label_target, self.label_address) if kind == LABEL else \
            (self.document_target, self.document_address)
        return target_from_address(target, address) if target != NO_PRINTER else None

    def folder(self, kind: str) -> str:
        stored = self.label_folder if kind == LABEL else self.document_folder
        return stored or str(default_folder(kind))

    def file_target(self, kind: str) -> FileTarget:
        return FileTarget(self.folder(kind))
