"""Printing refusals as the user reads them: the printing codes' texts (``ErrorCodes`` gets
them from here) plus where the print was going (printer address, queue, folder)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..domain.errors import WmsError


def printing_error_messages() -> dict[str, str]:
    return {
        "PRINTER_UNREACHABLE": QCoreApplication.translate("PrintingErrors", "The printer cannot be reached"),
        "PRINTER_TIMEOUT": QCoreApplication.translate("PrintingErrors", "The printer stopped accepting data"),
        "PRINTER_CONNECTION_LOST": QCoreApplication.translate("PrintingErrors", "The printer closed the connection before the job was sent"),
        "PRINT_SPOOLER_UNAVAILABLE": QCoreApplication.translate("PrintingErrors", "The system print spooler is not available"),
        "PRINT_SPOOLER_FAILED": QCoreApplication.translate("PrintingErrors", "The system print spooler refused the job"),
        "PRINT_FILE_FAILED": QCoreApplication.translate("PrintingErrors", "The print file could not be written"),
        "PRINT_JOB_NOT_FOUND": QCoreApplication.translate("PrintingErrors", "No such print job in the history"),
        "PRINT_FORMAT_UNSUPPORTED": QCoreApplication.translate("PrintingErrors", "This document cannot be produced in that format"),
        "LABEL_PROFILE_UNKNOWN": QCoreApplication.translate("PrintingErrors", "No such label profile"),
        "LABEL_TOO_SMALL": QCoreApplication.translate("PrintingErrors", "The content does not fit on this label size"),
    }


def printing_error_text(error: WmsError) -> str:
    """``error_text`` with the printer, queue or folder named and how many jobs went first."""
    from .errors import code_tag, error_text  # here: ui.errors takes its printing texts from this module

    text = error_text(error, with_code=False)  # the printing texts are among error_messages()
    details = error.details or {}
    extra = []
    if "host" in details:
        extra.append(f"{details['host']}:{details.get('port', '')}")
    for key in ("queue", "printer_name", "directory"):
        if details.get(key):
            extra.append(str(details[key]))
    if "sent" in details:
        extra.append(QCoreApplication.translate("PrintingErrors", "jobs sent before the error: %1").replace("%1", str(details["sent"])))
    if extra:
        text = f"{text} ({'; '.join(extra)})"
    return f"{text} {code_tag(error)}"
