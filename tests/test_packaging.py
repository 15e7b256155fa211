"""The Quick start on a fresh Debian desktop: every library Qt's xcb platform plugin loads is
there (``packaging/dev`` installs what is missing), and the check names each missing one with
the package that brings it — Qt's own error names only the first."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "qt_runtime.py"


def qt_runtime():
    spec = importlib.util.spec_from_file_location("qt_runtime", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120,
                          env=env, check=False)


def test_every_library_of_the_xcb_platform_plugin_resolves():
    done = run("--check")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert run().stdout.strip() == ""  # nothing left to install


def test_each_missing_library_is_named_with_its_debian_package(tmp_path):
    """A fake ``ldd`` that misses three libraries (one of them twice) and one odd name."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "ldd").write_text("#!/bin/sh\ncat <<'EOF'\n"
                              "\tlibxcb-icccm.so.4 => not found\n"
                              "\tlibQt6Gui.so.6 => /opt/qt/lib/libQt6Gui.so.6 (0x00007f)\n"
                              "\tlibxkbcommon-x11.so.0 => not found\n"
                              "\tlibpng16.so.16 => not found\n"
                              "\tlibxcb-icccm.so.4 => not found\n"
                              "\tlibstrange => not found\n"
                              "EOF\n")
    (fake / "ldd").chmod(0o755)
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}

    listed = run("--plugin", str(plugin), env=env)
    assert listed.returncode == 0
    assert listed.stdout.split() == ["libxcb-icccm4", "libxkbcommon-x11-0", "libpng16-16"]

    checked = run("--check", "--plugin", str(plugin), env=env)
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        "libqxcb.so needs libxcb-icccm.so.4: not found (Debian package libxcb-icccm4)",
        "libqxcb.so needs libxkbcommon-x11.so.0: not found (Debian package libxkbcommon-x11-0)",
        "libqxcb.so needs libpng16.so.16: not found (Debian package libpng16-16)",
        "libqxcb.so needs libstrange: not found (no Debian package known)",
    ]


def _spellings(path: str) -> list[str]:
    """The names dpkg may know a library by (merged /usr: either prefix, link or file)."""
    names = []
    for name in (path, os.path.realpath(path)):
        names += [name, re.sub(r"^/usr/lib/", "/lib/", name), re.sub(r"^/lib/", "/usr/lib/", name)]
    return list(dict.fromkeys(names))


def test_the_package_rule_names_the_package_of_every_library_the_plugin_loads():
    """Every system library the plugin resolves today: the rule (and its exceptions) must name
    the package dpkg says it came from, so a missing one on another desktop gets the right one."""
    module = qt_runtime()
    plugin = module.xcb_plugin()
    ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=60, check=True)
    system = {soname: path for soname, path in re.findall(r"^\s*(\S+) => (/\S+)", ldd.stdout, re.MULTILINE)
              if not path.startswith(str(plugin.parents[2]))}  # Qt's own libraries are in the wheel
    names = [name for path in system.values() for name in _spellings(path)]
    dpkg = subprocess.run(["dpkg", "-S", *names], capture_output=True, text=True, timeout=60, check=False)
    owner = {path: package.split(":")[0] for package, path in re.findall(r"^(\S+): (/\S+)$", dpkg.stdout, re.MULTILINE)}
    checked = 0
    for soname, path in system.items():
        package = next((owner[name] for name in _spellings(path) if name in owner), None)
        if package is not None:  # else not from a package (a driver's own library, say)
            assert module.debian_package(soname) == package, soname
            checked += 1
    assert checked >= 30
