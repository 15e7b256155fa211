"""Sign-in over the HTTP API: JWT access tokens and rotating refresh tokens (docs/api.md)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from msgspec import Meta

from ..domain import fields as f
from .auth import GivenPassword
from .base import Command, Result
from .fields import Code

TOKEN_MAX = 4096
Token = Annotated[str, Meta(min_length=1, max_length=TOKEN_MAX), f.code(TOKEN_MAX)]


class SignIn(Command, frozen=True, kw_only=True):
    """``POST /api/auth/login``: an account of the app; ``warehouse_code`` (default: the
    server's) is the warehouse every call of the tokens works in."""

    user_name: Code
    password: GivenPassword
    warehouse_code: Code | None = None


class RefreshTokens(Command, frozen=True, kw_only=True):
    """``POST /api/auth/refresh`` (and ``/api/auth/logout``): the refresh token last issued."""

    refresh_token: Token


class TokenPair(Result, frozen=True, kw_only=True):
    access_token: str
    refresh_token: str
    token_type: str  # Bearer
    expires_in: int  # seconds the access token is valid
    refresh_expires_in: int
    user_name: str
    role: str
    warehouse_code: str


class SignedOut(Result, frozen=True, kw_only=True):
    revoked_tokens: int


class Caller(Result, frozen=True, kw_only=True):
    """``GET /api/auth/me``: who the token or key acts as."""

    user_name: str
    role: str
    warehouse_code: str
    credential: str  # token | api_key


class Health(Result, frozen=True, kw_only=True):
    status: str  # ok


class Readiness(Result, frozen=True, kw_only=True):
    status: str  # ready
    schema_revision: str


class Account(Result, frozen=True, kw_only=True):
    """Who a token acts as (services/sessions.py)."""

    user_id: int
    user_name: str
    role: str
    warehouse_code: str


class Grant(Result, frozen=True, kw_only=True):
    """A refresh token's row: its JWT id, its family and its expiry."""

    token_id: str
    family_id: str
    expires_at: datetime
