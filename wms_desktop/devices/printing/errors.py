"""Why a print did not happen: a ``WmsError`` whose code is one of the printing codes of the
domain catalogue (``PRINTER_UNREACHABLE`` 10101, …), so callers handle it like every other
refusal. Bad label *data* is not a printing error: it raises the domain's INVALID_PARAMETERS.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wms_desktop.domain.errors import WmsError

PRINTING_CODES = frozenset({
    "PRINTER_UNREACHABLE", "PRINTER_TIMEOUT", "PRINTER_CONNECTION_LOST", "PRINT_SPOOLER_UNAVAILABLE",
    "PRINT_SPOOLER_FAILED", "PRINT_FILE_FAILED", "PRINT_JOB_NOT_FOUND", "PRINT_FORMAT_UNSUPPORTED",
    "LABEL_PROFILE_UNKNOWN", "LABEL_TOO_SMALL", "PRINT_RENDERER_FAILED",
})


class PrintingError(WmsError):
    """A ``WmsError`` raised only with a printing code (what ``except PrintingError`` in the
    job history relies on: a failed send is recorded, any other refusal is not a print job)."""

    def __init__(self, error_code: str, message: str | None = None, details: Mapping[str, Any] | None = None) -> None:
        if error_code not in PRINTING_CODES:
            raise ValueError(f"not a printing error code: {error_code!r}")
        super().__init__(error_code, message, details)
