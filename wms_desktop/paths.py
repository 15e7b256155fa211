"""Where the app's own files are: the source tree when run from a checkout, the bundle when frozen
by PyInstaller (which unpacks ``migrations/`` and ``resources/`` beside the code)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from .config import data_dir

ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
MIGRATIONS = ROOT / "migrations"
RESOURCES = ROOT / "resources"


def uploads_dir() -> Path:
    """The images folder: ``image_path`` ``/uploads/<name>`` in the database is ``<name>`` here
    (default ``<user data dir>/uploads``)."""
    path = data_dir() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def developer_tool(name: str) -> ModuleType:
    """``tools.<name>`` (the screenshot run): a developer tool beside the package in a checkout,
    frozen into the bundle by packaging/wms-desktop.spec; never installed by pip."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return importlib.import_module(f"tools.{name}")
