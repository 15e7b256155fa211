"""Webhook signatures: HMAC-SHA256 over ``{timestamp}.{body}`` with the webhook's secret, sent
as ``X-WMS-Signature: v1={hex}`` beside ``X-WMS-Timestamp`` (Unix seconds). The timestamp is
signed too, so a receiver that refuses old timestamps refuses replayed deliveries as well.
A receiver checks with :func:`verify` (docs/api.md shows the few lines it takes elsewhere)."""
from __future__ import annotations

import hashlib
import hmac

VERSION = "v1"
TOLERANCE_S = 300  # how old a delivery a receiver accepts by default


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"{VERSION}={digest}"


def verify(secret: str, timestamp: str, body: bytes, signature: str, now: float,
           tolerance_s: int = TOLERANCE_S) -> bool:
    """The signature is the secret's over this body and timestamp, and the timestamp recent."""
    if not timestamp.isdigit() or abs(now - int(timestamp)) > tolerance_s:
        return False
    return hmac.compare_digest(sign(secret, int(timestamp), body), signature)
