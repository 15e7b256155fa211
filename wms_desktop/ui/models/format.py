"""Cell formatting shared by the models and screens."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication


def local_time(value: Any) -> str:
    """``2024-06-15T12:00:00.000Z`` → ``2024-06-15 20:00:00`` in the workstation's time zone."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def quantity(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else str(value)


def signed(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:+,}" if isinstance(value, int) else str(value)


def expiry(value: Any) -> str:
    """A lot's expiry date (``date`` or YYYY-MM-DD), or nothing."""
    return value.isoformat() if isinstance(value, date) else str(value or "")


def expired_flag(value: Any) -> str:
    return "⚠ " + QCoreApplication.translate("Stock", "expired") if value else ""
