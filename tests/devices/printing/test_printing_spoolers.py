"""System spoolers and files: CUPS through a stand-in ``lp`` on PATH, the Windows spooler
through stand-in pywin32 modules, saving to a folder, and targets from typed addresses."""
from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from wms_desktop.devices.printing import (
    CupsPrinter,
    FileTarget,
    PrintingError,
    RawTcpPrinter,
    WindowsPrinter,
    target_from_address,
    target_from_dict,
)
from wms_desktop.devices.printing.targets import target_to_dict
from wms_desktop.domain.errors import WmsError


def fake_lp(bin_dir: Path, exit_code: int = 0, stderr: str = "") -> Path:
    """An ``lp`` that records its arguments and standard input beside itself."""
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{bin_dir}/args"\n'
        f'cat > "{bin_dir}/stdin"\n'
        f'printf "{stderr}" >&2\n'
        f"exit {exit_code}\n"
    )
    script.chmod(0o755)
    return bin_dir


def test_cups_gets_zpl_as_raw_and_pdf_for_its_driver(tmp_path, monkeypatch):
    bin_dir = fake_lp(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    CupsPrinter("zebra").send(b"^XA^XZ", "zpl", "job-1")
    assert (bin_dir / "args").read_text().split() == ["-d", "zebra", "-t", "job-1", "-o", "raw"]
    assert (bin_dir / "stdin").read_bytes() == b"^XA^XZ"
    CupsPrinter("office").send(b"%PDF-1.4", "pdf", "job-2")
    assert (bin_dir / "args").read_text().split() == ["-d", "office", "-t", "job-2"]


def test_cups_refusing_the_job_says_why(tmp_path, monkeypatch):
    bin_dir = fake_lp(tmp_path / "bin", 1, "lp: The printer or class does not exist.")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(PrintingError) as refused:
        CupsPrinter("nope").send(b"^XA^XZ", "zpl", "job-1")
    assert refused.value.error_code == "PRINT_SPOOLER_FAILED"
    assert "The printer or class does not exist" in refused.value.message


def test_without_cups_the_spooler_is_unavailable(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrintingError) as refused:
        CupsPrinter("zebra").send(b"^XA^XZ", "zpl", "job-1")
    assert refused.value.error_code == "PRINT_SPOOLER_UNAVAILABLE"


def test_the_windows_spooler_is_only_used_on_windows():
    with pytest.raises(PrintingError) as refused:
        WindowsPrinter("ZDesigner ZD421").send(b"^XA^XZ", "zpl", "job-1")
    assert refused.value.error_code == "PRINT_SPOOLER_UNAVAILABLE"


def test_the_windows_spooler_gets_a_raw_document(monkeypatch):
    calls = []
    win32print = types.ModuleType("win32print")
    for name in ("OpenPrinter", "StartDocPrinter", "StartPagePrinter", "WritePrinter", "EndPagePrinter", "EndDocPrinter",
                 "ClosePrinter"):
        setattr(win32print, name, lambda *args, _name=name: calls.append((_name, args)) or "handle")
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.error = type("error", (Exception,), {})
    monkeypatch.setitem(sys.modules, "win32print", win32print)
    monkeypatch.setitem(sys.modules, "pywintypes", pywintypes)
    monkeypatch.setattr(sys, "platform", "win32")
    WindowsPrinter("ZDesigner ZD421").send(b"^XA^XZ", "zpl", "job-1")
    assert calls == [
        ("OpenPrinter", ("ZDesigner ZD421",)),
        ("StartDocPrinter", ("handle", 1, ("job-1", None, "RAW"))),
        ("StartPagePrinter", ("handle",)),
        ("WritePrinter", ("handle", b"^XA^XZ")),
        ("EndPagePrinter", ("handle",)),
        ("EndDocPrinter", ("handle",)),
        ("ClosePrinter", ("handle",)),
    ]


def test_saving_to_a_file(tmp_path):
    FileTarget(str(tmp_path / "labels")).send(b"%PDF-1.4", "pdf", "job-1")
    assert (tmp_path / "labels" / "job-1.pdf").read_bytes() == b"%PDF-1.4"


def test_a_folder_that_cannot_be_written_is_reported(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(PrintingError) as refused:
        FileTarget(str(tmp_path / "a-file")).send(b"x", "pdf", "job-1")
    assert refused.value.error_code == "PRINT_FILE_FAILED"


@pytest.mark.parametrize(
    "target",
    [RawTcpPrinter("192.0.2.7", 9101, 2.0, 5.0), CupsPrinter("zebra", 10.0), WindowsPrinter("ZDesigner"), FileTarget("/tmp/x")],
)
def test_targets_round_trip_through_the_history(target):
    assert target_from_dict(target_to_dict(target)) == target


@pytest.mark.parametrize("kind, address, expected", [
    ("raw_tcp", "10.1.2.3", RawTcpPrinter("10.1.2.3", 9100)),
    ("raw_tcp", " zebra-1:6101 ", RawTcpPrinter("zebra-1", 6101)),
    ("raw_tcp", "[::1]:9101", RawTcpPrinter("::1", 9101)),
    ("raw_tcp", "fe80::1", RawTcpPrinter("fe80::1", 9100)),
    ("cups", "zebra_zd421", CupsPrinter("zebra_zd421")),
    ("windows", "ZDesigner ZD421-203dpi", WindowsPrinter("ZDesigner ZD421-203dpi")),
    ("file", "/tmp/labels", FileTarget("/tmp/labels")),
])
def test_targets_from_what_a_person_types(kind, address, expected):
    assert target_from_address(kind, address) == expected


@pytest.mark.parametrize("kind, address", [
    ("raw_tcp", ""), ("raw_tcp", "host:"), ("raw_tcp", "host:99999"), ("raw_tcp", "host:abc"), ("raw_tcp", "a b:9100"),
    ("cups", "  "), ("windows", "na\x07me"), ("lpd", "host"),
])
def test_unusable_addresses_are_refused_with_a_code(kind, address):
    with pytest.raises(WmsError) as refused:
        target_from_address(kind, address)
    assert refused.value.error_code == "INVALID_PARAMETERS"
