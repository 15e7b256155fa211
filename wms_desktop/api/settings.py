"""The server's configuration, from the environment (or the keyring for the key): no default
secret — without a signing key the server does not start."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

KEY_MIN = 32  # characters of the HS256 key: RFC 7518 wants at least 256 bits
KEYRING_SERVICE, KEYRING_NAME = "wms-desktop", "api-jwt-key"


class MissingKey(Exception):
    """The server refuses to start: no (or too short a) signing key."""


@dataclass(frozen=True)
class ApiSettings:
    jwt_key: str
    default_warehouse: str
    access_lifetime: timedelta = timedelta(minutes=15)
    refresh_lifetime: timedelta = timedelta(days=14)
    credential_cache: timedelta = timedelta(seconds=10)  # api/credentials.py; 0: every request asks the database

    @classmethod
    def from_environment(cls, default_warehouse: str, env: Mapping[str, str] = os.environ) -> ApiSettings:
        """``WMS_API_JWT_KEY`` (else the keyring's ``wms-desktop`` / ``api-jwt-key``);
        ``WMS_API_ACCESS_SECONDS`` (default 900), ``WMS_API_REFRESH_SECONDS`` (default 14 days),
        ``WMS_API_CREDENTIAL_CACHE_SECONDS`` (default 10, 0 for none)."""
        key = env.get("WMS_API_JWT_KEY") or _keyring_key()
        if not key:
            raise MissingKey("no signing key: set WMS_API_JWT_KEY (or the keyring's wms-desktop/api-jwt-key) "
                             f"to a random secret of at least {KEY_MIN} characters")
        if len(key) < KEY_MIN:
            raise MissingKey(f"the signing key is shorter than {KEY_MIN} characters")
        return cls(key, default_warehouse,
                   timedelta(seconds=_seconds(env, "WMS_API_ACCESS_SECONDS", 900)),
                   timedelta(seconds=_seconds(env, "WMS_API_REFRESH_SECONDS", 14 * 24 * 3600)),
                   timedelta(seconds=_seconds(env, "WMS_API_CREDENTIAL_CACHE_SECONDS", 10, least=0)))


def _seconds(env: Mapping[str, str], name: str, default: int, least: int = 1) -> int:
    value = env.get(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < least:
        raise MissingKey(f"{name} must be a whole number of seconds" + (", at least 1" if least else ""))
    return int(value)


def _keyring_key() -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, KEYRING_NAME)
    except (KeyringError, RuntimeError):  # no backend on a headless server
        return None
