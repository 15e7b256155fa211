"""The system libraries Qt's xcb platform plugin needs, and the Debian packages that bring them.

Qt names only the first library it misses ("could not load the Qt platform plugin xcb"), so a
fresh desktop fails one package at a time. This asks ``ldd`` about the plugin and everything it
pulls in, all at once:

    python packaging/qt_runtime.py             the Debian packages to install, one a line (none: all resolve)
    python packaging/qt_runtime.py --check     exit 1, naming each missing library and its package, if any is missing

Run it with the project's Python (it finds PySide6 there); ``--plugin PATH`` checks another file.
Standard library only: it runs before anything is installed.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

# sonames whose package does not follow the Debian library package naming rule
# (tests/test_packaging.py holds every library the plugin loads to this against dpkg)
PACKAGE_EXCEPTIONS = {
    **dict.fromkeys(("libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1"), "libc6"),
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    **dict.fromkeys(("libglib-2.0.so.0", "libgthread-2.0.so.0", "libgobject-2.0.so.0"), "libglib2.0-0"),
    "libGLdispatch.so.0": "libglvnd0",
    **dict.fromkeys(("libbrotlicommon.so.1", "libbrotlidec.so.1"), "libbrotli1"),
}
_MISSING = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")
_SONAME = re.compile(r"^(lib.+)\.so\.(\d+)$")


def xcb_plugin() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` could not resolve, each once, in the order it named them."""
    found = (_MISSING.match(line) for line in ldd_output.splitlines())
    return list(dict.fromkeys(match.group(1) for match in found if match))


def debian_package(soname: str) -> str | None:
    """``libxcb-icccm.so.4`` → ``libxcb-icccm4``; ``libpng16.so.16`` → ``libpng16-16`` (Debian
    policy 8.1: the name, a hyphen when it ends in a digit, the soname version; lower case).
    None for a name that is not ``lib….so.N``."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    match = _SONAME.match(soname)
    if match is None:
        return None
    name, version = match.groups()
    return f"{name}{'-' if name[-1].isdigit() else ''}{version}".lower()


def run_ldd(plugin: Path) -> str:
    if not plugin.is_file():
        raise SystemExit(f"qt_runtime: no Qt xcb platform plugin at {plugin}")
    done = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise SystemExit(f"qt_runtime: ldd {plugin} failed: {done.stderr.strip()}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail, naming what is missing, instead of listing packages")
    parser.add_argument("--plugin", type=Path, default=None)
    args = parser.parse_args(argv)
    plugin = args.plugin or xcb_plugin()
    missing = {soname: debian_package(soname) for soname in missing_libraries(run_ldd(plugin))}
    if not args.check:  # what can be installed; --check afterwards names anything still missing
        print("\n".join(dict.fromkeys(package for package in missing.values() if package)))
        return 0
    for soname, package in missing.items():
        known = f"Debian package {package}" if package else "no Debian package known"
        print(f"{plugin.name} needs {soname}: not found ({known})", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
