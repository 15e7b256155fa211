"""Where the database is and which warehouse this workstation works in.

``WMS_DATABASE_URL`` (``postgresql+psycopg://user@host/db``) names the shared database; without
it the workstation uses an embedded SQLite file in the user data directory. ``WMS_WAREHOUSE``
names the workstation's warehouse (default ``WH01``, the one the demo creates).
"""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "wms-desktop"
DEFAULT_WAREHOUSE = "WH01"


def data_dir() -> Path:
    path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return os.environ.get("WMS_DATABASE_URL") or f"sqlite:///{data_dir() / 'wms.sqlite3'}"


def warehouse_code() -> str:
    return os.environ.get("WMS_WAREHOUSE") or DEFAULT_WAREHOUSE
