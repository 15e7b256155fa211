"""The app's side of a CSV import, without widgets: a preview of the file's first rows, and the
refused rows written to a temporary CSV as the import finds them (from the worker thread), to be
saved where the user wants. The import itself — encodings, required columns, every check — is
the service's (services/data_import.py): the preview only shows what the file looks like."""
from __future__ import annotations

import csv
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ...contract.data import RowError

PREVIEW_ROWS = 20
PREVIEW_ENCODINGS = ("utf-8-sig", "gb18030")  # the service's (utf-8 with or without BOM, GB18030)
ERROR_COLUMNS = ("row", "error_code", "code", "error_message", "details")


@dataclass(frozen=True)
class Preview:
    encoding: str
    header: list[str]
    rows: list[list[str]]


def preview(path: Path, rows: int = PREVIEW_ROWS) -> Preview | None:
    """The header and first ``rows`` rows, or None when the file reads as neither encoding."""
    for encoding in PREVIEW_ENCODINGS:
        try:
            with path.open(encoding=encoding, newline="") as source:
                reader = csv.reader(source)
                header = next(reader, [])
                return Preview(encoding, header, [row for _, row in zip(range(rows), reader)])
        except (UnicodeDecodeError, csv.Error):
            continue
    return None


class ErrorsFile:
    """Every refused row of one run, as CSV (UTF-8 with BOM, so spreadsheet programs read the
    Chinese), in a temporary file: memory stays bounded however many rows are refused."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8-sig", newline="")  # gone when closed
        self._writer = csv.writer(self._file)
        self._writer.writerow(ERROR_COLUMNS)
        self.count = 0

    def write(self, error: RowError) -> None:  # the worker thread, while the import runs
        self._writer.writerow([error.row, error.error_code, "" if error.code is None else error.code,
                               error.error_message, json.dumps(error.details, ensure_ascii=False)])
        self.count += 1

    def save(self, path: Path) -> None:
        self._file.seek(0)
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            shutil.copyfileobj(self._file, out)
        self._file.seek(0, 2)  # a run still writing goes on at the end

    def close(self) -> None:
        self._file.close()
