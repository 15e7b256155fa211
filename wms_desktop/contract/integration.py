"""What other systems are given: API keys (a system's credential for the HTTP API) and webhooks
(the outbox's events POSTed to a system's URL, signed). docs/api.md."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from msgspec import Meta

from ..domain import fields as f
from ..domain.errors import invalid
from .base import Command, Result
from .fields import Ident, Role

KEY_NAME_MAX = 48  # "key:" + the name is the operator_id of the key's operations (64 at most)
URL_MAX = 2000
PATTERN_MAX = 60
_PATTERN = re.compile(r"^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$")
_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s]*)?$")


def _url(name: str, value: Any) -> str:
    value = f.code(URL_MAX)(name, value)
    if not _URL.match(value):
        raise invalid(name, "must be an http:// or https:// URL")
    return value


def _pattern(name: str, value: Any) -> str:
    value = f.code(PATTERN_MAX)(name, value)
    if not _PATTERN.match(value):
        raise invalid(name, "must be an event type, a family ending in .* (stock.*), or *")
    return value


KeyName = Annotated[str, Meta(min_length=1, max_length=KEY_NAME_MAX, description="the system's name"),
                    f.code(KEY_NAME_MAX)]
KeyId = Annotated[str, Meta(min_length=1, max_length=32), f.code(32)]
Url = Annotated[str, Meta(min_length=1, max_length=URL_MAX, pattern=_URL.pattern), _url]
EventPattern = Annotated[str, Meta(min_length=1, max_length=PATTERN_MAX, pattern=_PATTERN.pattern,
                                   description="stock.inbound, stock.*, document.*, or *"), _pattern]
EventPatterns = Annotated[list[EventPattern], Meta(min_length=1, max_length=20)]
DeliveryState = Literal["pending", "delivered", "dead"]


# ---- API keys ----

class AddApiKey(Command, frozen=True, kw_only=True):
    """A key for a system, in the warehouse of the services, acting with ``role`` — a role
    below the creator's own (the system, the command line, may give any)."""

    name: KeyName
    role: Role


class ApiKeyRef(Command, frozen=True, kw_only=True):
    key_id: KeyId


class ApiKey(Result, frozen=True, kw_only=True):
    key_id: str
    name: str
    role: str
    warehouse_code: str
    created_by: str
    created_at: str | None
    revoked_at: str | None


class ApiKeyCreated(Result, frozen=True, kw_only=True):
    """The key itself is in this answer only: the database keeps its hash."""

    api_key: str
    key: ApiKey


class KeyHolder(Result, frozen=True, kw_only=True):
    """Who a presented key acts as (services/sessions.py)."""

    key_id: str
    name: str
    role: str
    warehouse_code: str

    @property
    def operator(self) -> str:
        return f"key:{self.name}"


# ---- webhooks ----

class AddWebhook(Command, frozen=True, kw_only=True):
    """POST the warehouse's events of these types to ``url`` (events written from now on)."""

    url: Url
    event_types: EventPatterns


class WebhookRef(Command, frozen=True, kw_only=True):
    webhook_id: Ident


class Webhook(Result, frozen=True, kw_only=True):
    webhook_id: int
    url: str
    event_types: list[str]
    warehouse_code: str
    is_active: bool
    created_at: str | None


class WebhookAdded(Result, frozen=True, kw_only=True):
    """The signing secret is in this answer only (the server keeps it to sign with)."""

    secret: str
    webhook: Webhook


class ListDeliveries(Command, frozen=True, kw_only=True):
    webhook_id: Ident | None = None
    state: DeliveryState | None = None
    limit: Annotated[int, Meta(ge=1, le=1000), f.integer(1, 1000)] = 100


class Redeliver(Command, frozen=True, kw_only=True):
    """Send a delivery again (a dead one, or one delivered that the receiver lost)."""

    delivery_id: Ident


class Delivery(Result, frozen=True, kw_only=True):
    delivery_id: int
    webhook_id: int
    event_id: str
    event_type: str
    ordering_key: str
    state: str
    attempts: int
    last_status: int | None
    last_error: str | None
    next_attempt_at: str | None
    delivered_at: str | None
    created_at: str | None

