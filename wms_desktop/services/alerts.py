"""Alerts: the Alerts screen's list, the status bar's badge, acknowledging, and expiring lots.

Stock alerts are raised and cleared by the database itself, inside the posting's transaction
(migration issue17: a trigger on the ledger decides each changed product's level — low when its
total in the warehouse is at or below ``low_stock_threshold``, high above
``high_stock_threshold``, -1 switching either off — and writes an alert and an ``alert.*``
outbox event only when the level changes). Lots are checked here (:meth:`Alerts.check_expiry`,
run by the app on a timer): a lot with stock in the warehouse expiring within the warehouse's
``expiry_alert_days`` raises one alert, cleared when its stock is gone. Either kind stays active
until cleared; acknowledging records who has seen it.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..contract.alerts import (
    AcknowledgeAlert,
    Alert,
    AlertList,
    AlertSummary,
    CheckExpiry,
    ExpiryChecked,
    ListAlerts,
    SetExpiryAlertDays,
)
from ..contract.decode import Payload, decode
from ..db.engine import now
from ..db.schema import alerts, locations, lots, products, skus, warehouses
from ..db.schema import stock_balances as bal
from ..domain.codes import iso_z
from ..domain.errors import WmsError
from ..domain.permissions import CORRECT_STOCK, EDIT_LOCATIONS
from . import audit, events
from .access import READ, requires
from .lots import lot_join
from .unit import Area, UnitOfWork

_ACTIVE_LOT = and_(alerts.c.cleared_at.is_(None), alerts.c.alert_type == "expiring")
_ROWS = (
    select(alerts.c.alert_id, alerts.c.alert_type, products.c.product_code, products.c.product_name, skus.c.sku_code,
           alerts.c.batch_number, alerts.c.expiry_date, alerts.c.quantity, alerts.c.threshold, alerts.c.raised_at,
           alerts.c.cleared_at, alerts.c.acknowledged_at, alerts.c.acknowledged_by)
    .join(products, products.c.product_id == alerts.c.product_id)
    .outerjoin(skus, skus.c.sku_id == alerts.c.sku_id)
)


class Alerts(Area):
    @requires(READ)
    def list_alerts(self, command: ListAlerts | Payload | None = None) -> AlertList:
        """Newest first: ``{items: [{alert_id, alert_type, product_code, product_name, sku_code,
        batch_number, expiry_date, quantity, threshold, raised_at, cleared_at, acknowledged_at,
        acknowledged_by}]}``."""
        p = decode(ListAlerts, command or {})

        def work(uow: UnitOfWork) -> AlertList:
            query = _ROWS.where(alerts.c.warehouse_id == uow.warehouse_id)
            if p.active:
                query = query.where(alerts.c.cleared_at.is_(None))
            rows = uow.conn.execute(query.order_by(alerts.c.raised_at.desc(), alerts.c.alert_id.desc())
                                    .limit(p.limit))
            return AlertList(items=[_alert(row) for row in rows])

        return self._scope.read(work)

    @requires(READ)
    def summary(self) -> AlertSummary:
        def work(uow: UnitOfWork) -> AlertSummary:
            active, unacknowledged = uow.conn.execute(
                select(func.count(), func.count().filter(alerts.c.acknowledged_at.is_(None)))
                .where(alerts.c.warehouse_id == uow.warehouse_id, alerts.c.cleared_at.is_(None))).one()
            return AlertSummary(active=active, unacknowledged=unacknowledged)

        return self._scope.read(work)

    @requires(CORRECT_STOCK)
    def acknowledge(self, command: AcknowledgeAlert | Payload) -> Alert:
        """Record who has seen the alert (the first acknowledgement stays)."""
        cmd = self._scope.signed(decode(AcknowledgeAlert, command))

        def work(uow: UnitOfWork) -> Alert:
            mine = and_(alerts.c.alert_id == cmd.alert_id, alerts.c.warehouse_id == uow.warehouse_id)
            uow.conn.execute(update(alerts).where(mine, alerts.c.acknowledged_at.is_(None))
                             .values(acknowledged_at=now(uow.conn), acknowledged_by=cmd.operator_id))
            row = uow.conn.execute(_ROWS.where(mine)).first()
            if row is None:
                raise WmsError("ALERT_NOT_FOUND", details={"alert_id": cmd.alert_id})
            return _alert(row)

        return self._scope.write(work)

    @requires(READ)  # derived from stock and lots alone: any workstation's timer may run it
    def check_expiry(self, command: CheckExpiry | Payload | None = None) -> ExpiryChecked:
        p = decode(CheckExpiry, command or {})
        return self._scope.write(lambda uow: check_expiry(uow, p.today or date.today()))

    @requires(EDIT_LOCATIONS)
    def set_expiry_days(self, command: SetExpiryAlertDays | Payload) -> ExpiryChecked:
        """How many days ahead this warehouse's lots alert; the lots are checked again at once."""
        p = decode(SetExpiryAlertDays, command)

        def work(uow: UnitOfWork) -> ExpiryChecked:
            was = uow.conn.execute(select(warehouses.c.expiry_alert_days)
                                   .where(warehouses.c.warehouse_id == uow.warehouse_id)).scalar_one()
            uow.conn.execute(update(warehouses).where(warehouses.c.warehouse_id == uow.warehouse_id)
                             .values(expiry_alert_days=p.expiry_alert_days))
            audit.record(uow, audit.Change(f"warehouse:{uow.warehouse_id}", "warehouse", uow.warehouse.code, "update",
                                           {"expiry_alert_days": was}, {"expiry_alert_days": p.expiry_alert_days}))
            return check_expiry(uow, date.today())

        return self._scope.write(work)


def check_expiry(uow: UnitOfWork, today: date) -> ExpiryChecked:
    """Raise an alert for each lot with stock here expiring by ``today`` + the warehouse's
    days and without an active one; clear the active ones whose lot no longer qualifies. Two
    workstations checking at once raise one alert per lot (a unique index on active lots)."""
    conn, warehouse_id = uow.conn, uow.warehouse_id
    days = conn.execute(select(warehouses.c.expiry_alert_days).where(warehouses.c.warehouse_id == warehouse_id)).scalar_one()
    until = today + timedelta(days=days)
    due = {(row.sku_id, row.batch_number): row for row in conn.execute(
        select(bal.c.sku_id, bal.c.batch_number, skus.c.product_id, lots.c.expiry_date,
               func.sum(bal.c.stock_quantity).label("quantity"))
        .join(locations, locations.c.location_id == bal.c.location_id)
        .join(lots, lot_join())
        .join(skus, skus.c.sku_id == bal.c.sku_id)
        .where(locations.c.warehouse_id == warehouse_id, bal.c.stock_quantity > 0, lots.c.expiry_date <= until)
        .group_by(bal.c.sku_id, bal.c.batch_number, skus.c.product_id, lots.c.expiry_date))}
    active = {(row.sku_id, row.batch_number): row.alert_id for row in conn.execute(
        select(alerts.c.alert_id, alerts.c.sku_id, alerts.c.batch_number)
        .where(alerts.c.warehouse_id == warehouse_id, _ACTIVE_LOT))}
    moment = uow.now()
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    raised = 0
    for key in sorted(due.keys() - active.keys()):
        lot = due[key]
        alert_id = conn.scalar(
            dialect_insert(alerts).values(
                warehouse_id=warehouse_id, alert_type="expiring", product_id=lot.product_id, sku_id=lot.sku_id,
                batch_number=lot.batch_number, expiry_date=lot.expiry_date, quantity=lot.quantity, raised_at=moment)
            .on_conflict_do_nothing(index_elements=[alerts.c.warehouse_id, alerts.c.sku_id, alerts.c.batch_number],
                                    index_where=_ACTIVE_LOT)
            .returning(alerts.c.alert_id))
        if alert_id is not None:  # else another workstation raised it just now
            raised += 1
            _emit(conn, "alert.expiring", warehouse_id, alert_id, moment)
    cleared = 0
    for key in sorted(active.keys() - due.keys()):
        gone = conn.scalar(update(alerts).where(alerts.c.alert_id == active[key], alerts.c.cleared_at.is_(None))
                           .values(cleared_at=moment).returning(alerts.c.alert_id))
        if gone is not None:
            cleared += 1
            _emit(conn, "alert.cleared", warehouse_id, gone, moment)
    return ExpiryChecked(raised=raised, cleared=cleared, days=days, until=until.isoformat())


def _emit(conn: Connection, event_type: str, warehouse_id: int, alert_id: int, moment: Any) -> None:
    """A lot's alert event, with the JSON the ledger's trigger writes for stock alerts."""
    row = conn.execute(_ROWS.add_columns(alerts.c.sku_id).where(alerts.c.alert_id == alert_id)).one()
    events.record(conn, event_type, warehouse_id, f"lot:{row.sku_id}:{row.batch_number}", {
        "alert_id": alert_id, "alert_type": row.alert_type, "product_code": row.product_code,
        "sku_code": row.sku_code, "batch_number": row.batch_number,
        "expiry_date": row.expiry_date.isoformat(), "quantity": row.quantity, "threshold": None,
        "occurred_at": iso_z(moment)})


def _alert(row: Any) -> Alert:
    out = dict(row._mapping)
    for name in ("raised_at", "cleared_at", "acknowledged_at"):
        out[name] = iso_z(out[name])
    out["expiry_date"] = out["expiry_date"].isoformat() if out["expiry_date"] else None
    return Alert(**out)
