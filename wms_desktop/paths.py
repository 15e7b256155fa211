"""Where the app's own files are: the source tree when run from a checkout, the bundle when frozen
by PyInstaller (which unpacks ``migrations/`` and ``resources/`` beside the code)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
MIGRATIONS = ROOT / "migrations"
RESOURCES = ROOT / "resources"
