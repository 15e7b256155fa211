"""Printing refusals as the user reads them: the printing code's text plus where the print was
going (printer address, queue, folder)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...domain.errors import WmsError
from .messages import code_tag, error_text


def printing_error_text(error: WmsError) -> str:
    """``error_text`` with the printer, queue or folder named and how many jobs went first."""
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
