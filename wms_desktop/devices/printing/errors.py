"""Why a print did not happen, as a symbolic code the UI can translate.

Shaped like ``wms_desktop.domain.errors.WmsError`` (``error_code``, ``code``, ``message``,
snake_case ``details``, ``to_dict``) so the two families can merge; numeric codes are not
assigned yet. Bad label *data* is not a printing error: it raises the domain's
INVALID_PARAMETERS.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CATALOGUE: dict[str, str] = {
    "PRINTER_UNREACHABLE": "The printer cannot be reached",
    "PRINTER_TIMEOUT": "The printer stopped accepting data",
    "PRINTER_CONNECTION_LOST": "The printer closed the connection before the job was sent",
    "PRINT_SPOOLER_UNAVAILABLE": "The system print spooler is not available",
    "PRINT_SPOOLER_FAILED": "The system print spooler refused the job",
    "PRINT_FILE_FAILED": "The print file could not be written",
    "PRINT_JOB_NOT_FOUND": "No such print job in the history",
    "PRINT_FORMAT_UNSUPPORTED": "This document cannot be produced in that format",
    "LABEL_PROFILE_UNKNOWN": "No such label profile",
    "LABEL_TOO_SMALL": "The content does not fit on this label size",
}


class PrintingError(Exception):
    def __init__(self, error_code: str, message: str | None = None, details: Mapping[str, Any] | None = None) -> None:
        if error_code not in CATALOGUE:
            raise ValueError(f"unknown printing error code {error_code!r}")
        self.error_code = error_code
        self.code: int | None = None
        self.message = message or CATALOGUE[error_code]
        self.details = dict(details or {})
        super().__init__(f"{error_code}: {self.message}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "error_code": self.error_code,
            "code": self.code,
            "error_message": self.message,
            "details": self.details,
        }
