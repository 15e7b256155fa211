"""Where print jobs go: a printer's raw TCP port, the system spooler (CUPS ``lp`` on Linux and
macOS, the Windows spooler in RAW mode), or a file.

Every target sends bytes exactly as rendered — PDF or ZPL — and turns each way of failing into a
``PrintingError`` with a code and an English message that says what to check. Targets are plain
data, so the job history can record one and a reprint can rebuild it.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

from wms_desktop.domain.errors import invalid

from .errors import PrintingError
from .files import write_atomically


@dataclass(frozen=True)
class RawTcpPrinter:
    """Port 9100 ("JetDirect"/raw): what Zebra and most network printers listen on. An
    unreachable printer fails within ``connect_timeout``; one that stops reading (paused, out of
    media, buffer full) within ``send_timeout``."""

    host: str
    port: int = 9100
    connect_timeout: float = 3.0
    send_timeout: float = 10.0

    type: ClassVar[str] = "raw_tcp"

    def send(self, payload: bytes, fmt: str, name: str) -> None:
        where = f"{self.host}:{self.port}"
        details = {"host": self.host, "port": self.port}
        try:
            connection = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except TimeoutError:
            raise PrintingError(
                "PRINTER_UNREACHABLE",
                f"Printer {where} did not answer within {self.connect_timeout:g} s; check that it is on and on the network",
                details,
            ) from None
        except OSError as error:
            raise PrintingError(
                "PRINTER_UNREACHABLE",
                f"Printer {where} cannot be reached ({error.strerror or error}); check its address and that it is on",
                details,
            ) from None
        with connection:
            connection.settimeout(self.send_timeout)  # since Python 3.5: for the whole sendall
            try:
                connection.sendall(payload)
                connection.shutdown(socket.SHUT_WR)
            except TimeoutError:
                raise PrintingError(
                    "PRINTER_TIMEOUT",
                    f"Printer {where} stopped accepting data for {self.send_timeout:g} s; "
                    "it may be paused, out of labels or busy",
                    details,
                ) from None
            except OSError as error:
                raise PrintingError(
                    "PRINTER_CONNECTION_LOST",
                    f"Printer {where} closed the connection while the job was being sent ({error.strerror or error})",
                    details,
                ) from None


@dataclass(frozen=True)
class CupsPrinter:
    """A CUPS queue through ``lp``. ZPL goes with ``-o raw`` so CUPS passes it untouched; PDF is
    left to the queue's driver."""

    queue: str
    timeout: float = 30.0

    type: ClassVar[str] = "cups"

    def send(self, payload: bytes, fmt: str, name: str) -> None:
        lp = shutil.which("lp")
        if lp is None:
            raise PrintingError("PRINT_SPOOLER_UNAVAILABLE", "The CUPS 'lp' command is not installed", {"queue": self.queue})
        command = [lp, "-d", self.queue, "-t", name] + (["-o", "raw"] if fmt == "zpl" else [])
        try:
            done = subprocess.run(command, input=payload, capture_output=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise PrintingError(
                "PRINT_SPOOLER_FAILED", f"CUPS did not take the job within {self.timeout:g} s", {"queue": self.queue}
            ) from None
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip() or f"lp exited with {done.returncode}"
            raise PrintingError(
                "PRINT_SPOOLER_FAILED",
                f"CUPS refused the job for {self.queue!r}: {reason}",
                {"queue": self.queue, "reason": reason},
            )


@dataclass(frozen=True)
class WindowsPrinter:
    """A printer installed in Windows, fed through the spooler as RAW data (pywin32). ZPL
    printers take this as is; PDF only reaches printers that interpret PDF themselves."""

    printer_name: str

    type: ClassVar[str] = "windows"

    def send(self, payload: bytes, fmt: str, name: str) -> None:
        details = {"printer_name": self.printer_name}
        if sys.platform != "win32":
            raise PrintingError("PRINT_SPOOLER_UNAVAILABLE", "The Windows print spooler exists only on Windows", details)
        import pywintypes  # pywin32: installed on Windows only
        import win32print

        try:
            handle = win32print.OpenPrinter(self.printer_name)
            try:
                win32print.StartDocPrinter(handle, 1, (name, None, "RAW"))
                try:
                    win32print.StartPagePrinter(handle)
                    win32print.WritePrinter(handle, payload)
                    win32print.EndPagePrinter(handle)
                finally:
                    win32print.EndDocPrinter(handle)
            finally:
                win32print.ClosePrinter(handle)
        except pywintypes.error as error:
            raise PrintingError(
                "PRINT_SPOOLER_FAILED",
                f"The Windows spooler refused the job for {self.printer_name!r}: {error.strerror}",
                {**details, "reason": error.strerror},
            ) from None


@dataclass(frozen=True)
class FileTarget:
    """Saves each job as ``<name>.<pdf|zpl>`` in a folder (created when missing), to print
    elsewhere or to mail; a second job of the same name in the same minute is ``<name>-2``."""

    directory: str

    type: ClassVar[str] = "file"

    def send(self, payload: bytes, fmt: str, name: str) -> None:
        try:
            write_atomically(_free_path(Path(self.directory), name, fmt), payload)
        except OSError as error:
            raise PrintingError(
                "PRINT_FILE_FAILED",
                f"Cannot write to {self.directory!r}: {error.strerror or error}",
                {"directory": self.directory},
            ) from None


def _free_path(directory: Path, name: str, fmt: str) -> Path:
    """``name.fmt`` in ``directory``, or the first ``name-N.fmt`` not taken: never over a file.
    The name is claimed by creating it (exclusively: two jobs at once never get the same one)."""
    directory.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        path = directory / (f"{name}.{fmt}" if n == 1 else f"{name}-{n}.{fmt}")
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return path
        except FileExistsError:
            n += 1


Target = RawTcpPrinter | CupsPrinter | WindowsPrinter | FileTarget
_TARGET_TYPES = {cls.type: cls for cls in (RawTcpPrinter, CupsPrinter, WindowsPrinter, FileTarget)}


def target_to_dict(target: Target) -> dict[str, Any]:
    return {"type": target.type, **asdict(target)}


def target_from_address(kind: str, address: str) -> Target:
    """A target from what a person types into a setting: ``host[:port]`` for ``raw_tcp`` (port
    9100 when left out), a queue for ``cups``, a printer name for ``windows``, a folder for
    ``file``. Anything unusable is INVALID_PARAMETERS on ``address``."""
    if kind not in _TARGET_TYPES:
        raise invalid("target.type", f"must be one of {', '.join(_TARGET_TYPES)}", allowed=list(_TARGET_TYPES))
    address = address.strip()
    if not address or not address.isprintable():
        raise invalid("address", "must name the printer, queue or folder", target=kind)
    if kind == "file":
        return FileTarget(address)
    if kind == "cups":
        return CupsPrinter(address)
    if kind == "windows":
        return WindowsPrinter(address)
    host, port = address, "9100"
    if address.startswith("["):  # [IPv6]:port
        host, _, rest = address[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ("" if rest else "9100")
    elif address.count(":") == 1:
        host, _, port = address.partition(":")
    if not host or " " in host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise invalid("address", "must be host or host:port with a port from 1 to 65535", address=address)
    return RawTcpPrinter(host, int(port))


def target_from_dict(data: Mapping[str, Any]) -> Target:
    fields = dict(data)
    cls = _TARGET_TYPES.get(fields.pop("type", None))
    if cls is None:
        raise invalid("target.type", f"must be one of {', '.join(_TARGET_TYPES)}")
    return cls(**fields)
