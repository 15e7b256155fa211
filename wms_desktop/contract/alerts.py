"""Alerts: a product's stock below its low or above its high threshold, a lot about to expire
(services/alerts.py)."""
from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta

from ..domain import fields as f
from .base import Command, Mutation, Result, Row
from .fields import Day, Flag, Ident, PageSize

AlertType = Literal["low_stock", "high_stock", "expiring"]
Days = Annotated[int, Meta(ge=0, le=3650, description="days ahead"), f.integer(0, 3650)]


class ListAlerts(Command, frozen=True, kw_only=True):
    """Newest first; ``active``: only those not cleared yet (the stock recovered, the lot is gone)."""

    active: Flag = True
    limit: PageSize = 500


class Alert(Row, frozen=True, kw_only=True):
    alert_id: int
    alert_type: str
    product_code: str
    product_name: str
    sku_code: str | None
    batch_number: str | None
    expiry_date: str | None
    quantity: int  # the product's total (or the lot's stock) when raised
    threshold: int | None
    raised_at: str
    cleared_at: str | None
    acknowledged_at: str | None
    acknowledged_by: str | None


class AlertList(Result, frozen=True, kw_only=True):
    items: list[Alert]


class AlertSummary(Result, frozen=True, kw_only=True):
    """The status bar's badge: active alerts, and those nobody has acknowledged yet."""

    active: int
    unacknowledged: int


class AcknowledgeAlert(Mutation, frozen=True, kw_only=True):
    alert_id: Ident


class CheckExpiry(Command, frozen=True, kw_only=True):
    """Raise an alert for every lot with stock in the warehouse expiring within its
    ``expiry_alert_days``, clear those whose stock is gone. ``today``: the day to count from."""

    today: Day | None = None


class ExpiryChecked(Result, frozen=True, kw_only=True):
    raised: int
    cleared: int
    days: int
    until: str  # the last expiry day alerted (YYYY-MM-DD)


class SetExpiryAlertDays(Command, frozen=True, kw_only=True):
    expiry_alert_days: Days
