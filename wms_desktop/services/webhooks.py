"""Webhooks: a warehouse's outbox events POSTed to the URLs systems registered (docs/api.md).

Two steps, each one transaction, run by the webhook relay (``wms_desktop/webhook_relay.py``):

- ``route``: the committed events not routed yet, in outbox order, become one delivery row per
  matching webhook (its body frozen: a redelivery sends the same bytes), and are stamped
  routed in the same transaction — each event is routed once, and an operation that rolled
  back wrote no event to route. One router at a time (a transaction advisory lock), so
  deliveries of one key are made in the order of their events.
- ``due`` / ``settle``: the deliveries to send now — of each (webhook, ordering_key) only the
  oldest pending one, so one key's events reach a receiver in order and a failing event
  holds back its own key only — and their outcomes: delivered on a 2xx; else retried with
  exponential backoff, and dead after ``max_attempts`` (then it no longer holds its key back,
  and goes again only by ``redeliver``).

Nothing here waits on a receiver: a posting writes its outbox row and is done; slow or dead
receivers only delay their own deliveries.
"""
from __future__ import annotations

import builtins
import json
import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from fnmatch import fnmatchcase
from typing import Any

from sqlalchemy import Connection, and_, exists, insert, select, text, update

from ..contract.decode import Payload, decode
from ..contract.integration import AddWebhook, Delivery, ListDeliveries, Redeliver, Webhook, WebhookAdded, WebhookRef
from ..db.engine import Database, now
from ..db.schema import warehouses, webhook_deliveries, webhooks
from ..domain.codes import iso_z
from ..domain.errors import WmsError
from ..domain.permissions import MANAGE_USERS
from . import events
from .access import requires
from .unit import Area, UnitOfWork

ROUTER_LOCK = 0x574D53_5748  # "WMS" "WH": one router at a time per database
ERROR_MAX = 500
_HOOK_COLUMNS = (webhooks.c.webhook_id, webhooks.c.url, webhooks.c.event_types, warehouses.c.warehouse_code,
                 webhooks.c.is_active, webhooks.c.created_at)
_d = webhook_deliveries


class Webhooks(Area):
    """Registering URLs and reading their deliveries: an administrator's, in their warehouse
    (another warehouse's ids are not found)."""

    @requires(MANAGE_USERS)
    def add(self, command: AddWebhook | Payload) -> WebhookAdded:
        """The secret that signs its deliveries is in this answer only."""
        p = decode(AddWebhook, command)
        secret = secrets.token_urlsafe(32)

        def work(uow: UnitOfWork) -> Webhook:
            webhook_id = uow.conn.execute(insert(webhooks).values(
                warehouse_id=uow.warehouse_id, url=p.url, event_types=json.dumps(p.event_types), secret=secret,
                created_by=self.actor.user_name or "system", created_at=now(uow.conn))
                .returning(webhooks.c.webhook_id)).scalar_one()
            return _webhook(uow, webhook_id)

        return WebhookAdded(secret=secret, webhook=self._scope.write(work))

    @requires(MANAGE_USERS)
    def list(self) -> builtins.list[Webhook]:
        return self._scope.read(lambda uow: [_webhook_out(row) for row in uow.conn.execute(
            _hooks().where(webhooks.c.warehouse_id == uow.warehouse_id).order_by(webhooks.c.webhook_id))])

    @requires(MANAGE_USERS)
    def remove(self, command: WebhookRef | Payload) -> Webhook:
        """Switch it off: nothing more is routed or sent to it (its log stays)."""
        p = decode(WebhookRef, command)

        def work(uow: UnitOfWork) -> Webhook:
            _webhook(uow, p.webhook_id)
            uow.conn.execute(update(webhooks).where(webhooks.c.webhook_id == p.webhook_id).values(is_active=False))
            return _webhook(uow, p.webhook_id)

        return self._scope.write(work)

    @requires(MANAGE_USERS)
    def deliveries(self, command: ListDeliveries | Payload) -> builtins.list[Delivery]:
        """The delivery log, newest first: every attempt's count, last status and error."""
        p = decode(ListDeliveries, command)

        def work(uow: UnitOfWork) -> builtins.list[Delivery]:
            query = _deliveries().where(webhooks.c.warehouse_id == uow.warehouse_id)
            if p.webhook_id is not None:
                query = query.where(_d.c.webhook_id == p.webhook_id)
            if p.state is not None:
                query = query.where(_d.c.state == p.state)
            return [_delivery_out(row) for row in uow.conn.execute(query.order_by(_d.c.delivery_id.desc()).limit(p.limit))]

        return self._scope.read(work)

    @requires(MANAGE_USERS)
    def redeliver(self, command: Redeliver | Payload) -> Delivery:
        """Send it again, now: a dead delivery, or one the receiver lost. It goes out behind
        any pending delivery of its key that is older."""
        p = decode(Redeliver, command)

        def work(uow: UnitOfWork) -> Delivery:
            _delivery(uow, p.delivery_id)
            uow.conn.execute(update(_d).where(_d.c.delivery_id == p.delivery_id).values(
                state="pending", attempts=0, next_attempt_at=now(uow.conn), delivered_at=None))
            return _delivery(uow, p.delivery_id)

        return self._scope.write(work)


# ---- the relay's side ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    """One delivery to send now."""

    delivery_id: int
    webhook_id: int
    event_id: str
    event_type: str
    url: str
    secret: str
    body: bytes
    attempts: int


@dataclass(frozen=True)
class Outcome:
    delivery_id: int
    delivered: bool
    status: int | None  # the receiver's HTTP status; None when there was no answer
    error: str | None


@dataclass(frozen=True)
class Retry:
    """Backoff: ``base_s`` · 2^(attempt − 1), at most ``cap_s``, ±20 % so that a receiver that
    comes back is not hit by every retry at once; dead after ``max_attempts``."""

    base_s: float = 2.0
    cap_s: float = 3600.0
    max_attempts: int = 12

    def delay(self, attempts: int) -> timedelta:
        seconds = min(self.cap_s, self.base_s * 2 ** (attempts - 1))
        return timedelta(seconds=seconds * random.uniform(0.8, 1.2))


def route(db: Database, limit: int = 500) -> int:
    """Make the deliveries of up to ``limit`` unrouted events; how many events were routed."""

    def work(conn: Connection) -> int:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ROUTER_LOCK})
        taken = events.unrouted(conn, limit)
        if not taken:
            return 0
        hooks = conn.execute(select(webhooks.c.webhook_id, webhooks.c.warehouse_id, webhooks.c.event_types,
                                    webhooks.c.created_at).where(webhooks.c.is_active)).all()
        patterns = {hook.webhook_id: json.loads(hook.event_types) for hook in hooks}
        stamp = conn.scalar(select(now(conn)))
        made = [
            {"webhook_id": hook.webhook_id, "outbox_id": row.outbox_id, "event_id": event["event_id"],
             "event_type": event["event_type"], "ordering_key": row.ordering_key, "body": _body(event),
             "next_attempt_at": stamp, "created_at": stamp}
            for row, event in taken for hook in hooks
            if hook.warehouse_id == row.warehouse_id and hook.created_at <= row.written_at
            and any(fnmatchcase(event["event_type"], pattern) for pattern in patterns[hook.webhook_id])]
        if made:
            conn.execute(insert(webhook_deliveries), made)
        events.mark_routed(conn, [row.outbox_id for row, _event in taken])
        return len(taken)

    return db.run(work)


def due(db: Database, limit: int = 100) -> list[Due]:
    """The oldest pending delivery of each (webhook, ordering_key) whose time has come."""
    earlier = webhook_deliveries.alias("earlier")
    blocked = exists().where(earlier.c.webhook_id == _d.c.webhook_id, earlier.c.ordering_key == _d.c.ordering_key,
                             earlier.c.state == "pending", earlier.c.outbox_id < _d.c.outbox_id)

    def work(conn: Connection) -> list[Due]:
        rows = conn.execute(
            select(_d.c.delivery_id, _d.c.webhook_id, _d.c.event_id, _d.c.event_type, _d.c.body, _d.c.attempts,
                   webhooks.c.url, webhooks.c.secret)
            .join(webhooks, and_(webhooks.c.webhook_id == _d.c.webhook_id, webhooks.c.is_active))
            .where(_d.c.state == "pending", _d.c.next_attempt_at <= now(conn), ~blocked)
            .order_by(_d.c.outbox_id).limit(limit))
        return [Due(row.delivery_id, row.webhook_id, row.event_id, row.event_type, row.url, row.secret,
                    row.body.encode(), row.attempts) for row in rows]

    return db.run(work, write=False)


def settle(db: Database, outcomes: list[Outcome], retry: Retry) -> None:
    """Record what each attempt came to: delivered, to be retried later, or dead."""

    def work(conn: Connection) -> None:
        stamp = conn.execute(select(now(conn))).scalar_one()
        for outcome in outcomes:
            attempts = conn.execute(select(_d.c.attempts).where(_d.c.delivery_id == outcome.delivery_id)).scalar_one() + 1
            values: dict[str, Any] = {"attempts": attempts, "last_status": outcome.status,
                                      "last_error": outcome.error[:ERROR_MAX] if outcome.error else None}
            if outcome.delivered:
                values |= {"state": "delivered", "delivered_at": stamp}
            elif attempts >= retry.max_attempts:
                values |= {"state": "dead"}
            else:
                values |= {"next_attempt_at": stamp + retry.delay(attempts)}
            conn.execute(update(_d).where(_d.c.delivery_id == outcome.delivery_id, _d.c.state == "pending")
                         .values(**values))

    db.run(work)


def _body(event: dict[str, Any]) -> str:
    """The event as the MQTT relay publishes it, less the relay's own ``sequence``."""
    return json.dumps({k: v for k, v in event.items() if k != "sequence"}, ensure_ascii=False)


def _hooks():
    return select(*_HOOK_COLUMNS).join(warehouses, warehouses.c.warehouse_id == webhooks.c.warehouse_id)


def _webhook(uow: UnitOfWork, webhook_id: int) -> Webhook:
    row = uow.conn.execute(_hooks().where(webhooks.c.webhook_id == webhook_id,
                                          webhooks.c.warehouse_id == uow.warehouse_id)).first()
    if row is None:
        raise WmsError("WEBHOOK_NOT_FOUND", details={"webhook_id": webhook_id})
    return _webhook_out(row)


def _webhook_out(row) -> Webhook:
    return Webhook(webhook_id=row.webhook_id, url=row.url, event_types=json.loads(row.event_types),
                   warehouse_code=row.warehouse_code, is_active=row.is_active, created_at=iso_z(row.created_at))


def _deliveries():
    return select(_d).join(webhooks, webhooks.c.webhook_id == _d.c.webhook_id)


def _delivery(uow: UnitOfWork, delivery_id: int) -> Delivery:
    row = uow.conn.execute(_deliveries().where(_d.c.delivery_id == delivery_id,
                                               webhooks.c.warehouse_id == uow.warehouse_id)).first()
    if row is None:
        raise WmsError("DELIVERY_NOT_FOUND", details={"delivery_id": delivery_id})
    return _delivery_out(row)


def _delivery_out(row) -> Delivery:
    return Delivery(delivery_id=row.delivery_id, webhook_id=row.webhook_id, event_id=row.event_id,
                    event_type=row.event_type, ordering_key=row.ordering_key, state=row.state, attempts=row.attempts,
                    last_status=row.last_status, last_error=row.last_error, next_attempt_at=iso_z(row.next_attempt_at),
                    delivered_at=iso_z(row.delivered_at), created_at=iso_z(row.created_at))
