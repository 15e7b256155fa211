"""Reading and writing the CSV files of imports and exports, a row at a time (bounded memory).

Reading: the encoding is found by reading the whole file once through an incremental UTF-8
decoder (a few ms per MB): a UTF-8 BOM means UTF-8; bytes that are not UTF-8 anywhere mean
GB18030 (what Excel writes on a Chinese Windows); a NUL byte, or bytes that are neither, mean
the file is not a CSV text file (10004). The header's columns are checked against the kind's
(missing required ones: 10005, all of them named; unknown ones: INVALID_PARAMETERS). Each data
row then becomes a typed row (``contract.data``) or a row error — a required cell left empty
is 10006 naming the row and its columns.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from ..contract.base import Command
from ..contract.data import FLAG_COLUMNS, INFORMATIONAL, INTEGER_COLUMNS, REQUIRED, ROW_TYPES
from ..contract.decode import decode
from ..domain.errors import WmsError, invalid

SNIFF_CHUNK = 1 << 20
CSV_SUFFIXES = (".csv", ".txt")
_INTEGER = re.compile(r"-?[0-9]+")


def not_csv(reason: str, **details: Any) -> WmsError:
    return WmsError("CSV_NOT_SUPPORTED", details={"reason": reason, **details})


def check_file_name(file_name: str | None) -> None:
    if file_name is not None and PurePath(file_name).suffix.lower() not in CSV_SUFFIXES:
        raise not_csv("not a .csv file", file_name=file_name)


def detect_encoding(stream: IO[bytes]) -> str:
    """utf-8-sig, utf-8 or gb18030; reads the stream to its end (the caller seeks back)."""
    head = stream.read(len(codecs.BOM_UTF8))
    if head == codecs.BOM_UTF8:
        return "utf-8-sig"
    utf8 = codecs.getincrementaldecoder("utf-8")()
    gb = codecs.getincrementaldecoder("gb18030")()
    is_utf8, is_gb = True, True
    chunk = head
    while chunk:
        if b"\x00" in chunk:
            raise not_csv("the file holds binary data (NUL bytes)")
        for decoder, name in ((utf8, "utf8"), (gb, "gb")):
            if (is_utf8 if name == "utf8" else is_gb):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    if name == "utf8":
                        is_utf8 = False
                    else:
                        is_gb = False
        if not (is_utf8 or is_gb):
            break
        chunk = stream.read(SNIFF_CHUNK)
    for decoder, ok, encoding in ((utf8, is_utf8, "utf-8"), (gb, is_gb, "gb18030")):
        if ok:
            try:
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError:
                continue
    raise not_csv("the text is neither UTF-8 nor GB18030")


@dataclass(frozen=True)
class CsvRow:
    number: int  # in the file: the header is row 1
    row: Command | None  # the typed row, or None when it was refused
    error: WmsError | None


class CsvReader:
    """The typed rows of one CSV file of ``kind`` (products, locations, stock)."""

    def __init__(self, stream: IO[bytes], kind: str) -> None:
        self.kind = kind
        stream.seek(0)
        self.encoding = detect_encoding(stream)
        stream.seek(0)
        self._binary = stream
        self._text = io.TextIOWrapper(stream, encoding=self.encoding, newline="")
        self._reader = csv.reader(self._text, strict=True)
        try:
            header = next(self._reader, None)
        except (csv.Error, UnicodeDecodeError) as error:
            raise not_csv("the header cannot be read", error=str(error)) from None
        if not header or not any(header):
            raise not_csv("the file is empty")
        self.columns = header
        self._check_header(header)
        self._row_type = ROW_TYPES[kind]
        self._ignored = frozenset(INFORMATIONAL[kind])

    def _check_header(self, header: list[str]) -> None:
        row_type = ROW_TYPES[self.kind]
        known = set(row_type.__struct_fields__) | set(INFORMATIONAL[self.kind])
        missing = [name for name in REQUIRED[self.kind] if name not in header]
        if missing:
            raise WmsError("CSV_MISSING_COLUMNS", f"Missing required columns: {', '.join(missing)}",
                           {"missing_columns": missing})
        unknown = [name for name in header if name not in known]
        if unknown:
            raise invalid("columns", "unknown columns", unknown_columns=unknown)
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            raise invalid("columns", "columns named twice", repeated_columns=repeated)

    def close(self) -> None:
        """Let go of the caller's stream without closing it."""
        self._text.detach()

    def position(self) -> int:
        """Bytes read so far (for progress; the text layer reads ahead a little)."""
        return self._binary.tell()

    def __iter__(self) -> Iterator[CsvRow]:
        number = 1
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise not_csv("a row cannot be read", row=number + 1, error=str(error)) from None
            except UnicodeDecodeError as error:
                raise not_csv(f"a row is not {self.encoding}", row=number + 1, error=str(error)) from None
            number += 1
            if not any(cells):
                continue  # a blank line (Excel leaves them at the end)
            try:
                yield CsvRow(number, self._typed(number, cells), None)
            except WmsError as error:
                yield CsvRow(number, None, error)

    def _typed(self, number: int, cells: list[str]) -> Command:
        if len(cells) > len(self.columns):
            raise invalid("row", "has more values than the header has columns", columns=len(self.columns),
                          values=len(cells))
        given: dict[str, Any] = {}
        for name, value in zip(self.columns, cells):
            if value == "" or name in self._ignored:
                continue
            given[name] = _cell(name, value)
        missing = [name for name in REQUIRED[self.kind] if name not in given]
        if missing:
            raise WmsError("CSV_MISSING_VALUES", f"Row {number}: Missing values for {', '.join(missing)}",
                           {"missing_values": missing})
        return decode(self._row_type, given)


def _cell(name: str, value: str) -> Any:
    """A cell as its column's type: integers as digits, flags as true/false; text as given."""
    if name in INTEGER_COLUMNS:
        if not _INTEGER.fullmatch(value):
            raise invalid(name, "must be a whole number", value=value)
        return int(value)
    if name in FLAG_COLUMNS:
        if value not in ("true", "false"):
            raise invalid(name, "must be true or false", value=value)
        return value == "true"
    return value


class CsvWriter:
    """Rows to a text stream (opened with ``newline=''``), the header first."""

    def __init__(self, sink: IO[str], columns: tuple[str, ...]) -> None:
        self.columns = columns
        self._writer = csv.writer(sink)
        self._writer.writerow(columns)
        self.rows = 0

    def write(self, values: dict[str, Any]) -> None:
        self._writer.writerow([_text(values.get(name)) for name in self.columns])
        self.rows += 1


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


Progress = Callable[[int, int], None]  # (rows done, bytes read or rows in all: 0 when not known)
