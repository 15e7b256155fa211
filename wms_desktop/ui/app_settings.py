"""Per-workstation settings: ``QSettings`` behind typed accessors (Electrum's ``ConfigVar``),
secrets in the OS keyring (GUIDE §7). Nothing secret is ever written to ``QSettings``.

    settings = AppSettings()              # QSettings("wms-desktop", "wms-desktop")
    settings.mqtt_port = 1884             # typed: an int comes back
    settings.database_url()               # postgresql+psycopg://wms:…@host:5432/wms or None (embedded)
"""
from __future__ import annotations

import logging
import re
from typing import Any, Generic, Protocol, TypeVar
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QSettings

from ..limits import DatabaseLimits

log = logging.getLogger(__name__)
T = TypeVar("T")

ORGANIZATION = "wms-desktop"
APPLICATION = "wms-desktop"
KEYRING_SERVICE = "wms-desktop"
EMBEDDED = "embedded"
POSTGRESQL = "postgresql"


class Stored(Protocol):
    """What a :class:`ConfigVar` reads and writes through."""

    qsettings: QSettings


class ConfigVar(Generic[T]):
    """One typed setting: ``key`` in QSettings, a default, and the type it always comes back as."""

    def __init__(self, key: str, default: T, kind: type) -> None:
        self.key = key
        self.default = default
        self.kind = kind

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Stored | None, owner: type) -> Any:
        if obj is None:
            return self
        raw = obj.qsettings.value(self.key, None)
        if raw is None:
            return self.default
        try:
            if self.kind is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            return self.kind(raw)
        except (TypeError, ValueError):
            log.warning("setting %s has an unusable value %r; using the default", self.key, raw)
            return self.default

    def __set__(self, obj: Stored, value: T) -> None:
        if not isinstance(value, self.kind) or (self.kind is int and isinstance(value, bool)):
            raise TypeError(f"{self.key} takes {self.kind.__name__}, not {type(value).__name__}")
        obj.qsettings.setValue(self.key, value)


class SecretStoreError(Exception):
    """The keyring could not store or read a secret; ``str()`` is for the log, not the user."""


class SecretStore:
    """The OS keyring (``keyring`` package). A missing backend is a normal state, not a crash."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    def _backend(self):
        import keyring

        return keyring.get_keyring()

    def available(self) -> bool:
        try:
            from keyring.backends import fail, null

            backend = self._backend()
        except Exception as error:
            log.warning("no keyring: %s", error)
            return False
        if isinstance(backend, (fail.Keyring, null.Keyring)):
            return False
        try:
            return backend.priority > 0
        except Exception:
            return False

    def get(self, account: str) -> str | None:
        try:
            return self._backend().get_password(self.service, account)
        except Exception as error:
            log.warning("keyring read failed: %s", error)
            return None

    def set(self, account: str, secret: str) -> None:
        if not self.available():
            raise SecretStoreError("no keyring backend")
        try:
            self._backend().set_password(self.service, account, secret)
        except Exception as error:
            raise SecretStoreError(str(error)) from error

    def delete(self, account: str) -> None:
        try:
            self._backend().delete_password(self.service, account)
        except Exception as error:
            log.debug("keyring delete: %s", error)


def default_qsettings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class AppSettings:
    language = ConfigVar("ui/language", "", str)  # "" = follow the system locale
    database_kind = ConfigVar("database/kind", EMBEDDED, str)  # embedded | postgresql
    database_host = ConfigVar("database/host", "", str)
    database_port = ConfigVar("database/port", 5432, int)
    database_name = ConfigVar("database/name", "wms", str)
    database_user = ConfigVar("database/user", "wms", str)
    # how long this workstation waits on the server, in seconds (wms_desktop/limits.py)
    database_connect_timeout_s = ConfigVar("database/connect_timeout_s", DatabaseLimits.connect_timeout_ms // 1000, int)
    database_lock_timeout_s = ConfigVar("database/lock_timeout_s", DatabaseLimits.lock_timeout_ms // 1000, int)
    database_statement_timeout_s = ConfigVar("database/statement_timeout_s",
                                             DatabaseLimits.statement_timeout_ms // 1000, int)
    database_idle_timeout_s = ConfigVar("database/idle_in_transaction_s",
                                        DatabaseLimits.idle_in_transaction_ms // 1000, int)
    database_dead_peer_s = ConfigVar("database/dead_peer_s", DatabaseLimits.dead_peer_ms // 1000, int)
    warehouse_code = ConfigVar("workstation/warehouse_code", "", str)  # "" = WMS_WAREHOUSE or WH01
    packing_location = ConfigVar("workstation/packing_location", "", str)  # where this station's picks go
    # a stock operation above this many units asks before it posts (a barcode typed as a quantity)
    quantity_confirm_above = ConfigVar("workstation/quantity_confirm_above", 10_000, int)
    # the printers: ui/printing/printers.py
    scanner_prefix = ConfigVar("devices/scanner_prefix", "", str)
    scanner_suffix = ConfigVar("devices/scanner_suffix", "\r", str)
    # this workstation's scanners type UTF-8 (most wedges type ASCII only): labels printed here
    # add a QR code of a Chinese code beside its ASCII scan code's Code 128
    scanner_types_utf8 = ConfigVar("devices/scanner_types_utf8", False, bool)
    station_id = ConfigVar("devices/station_id", "", str)  # this workstation on the broker, and its scale
    mqtt_host = ConfigVar("devices/mqtt_host", "", str)  # "" = no broker: no scale, sensors or events
    mqtt_port = ConfigVar("devices/mqtt_port", 1883, int)
    mqtt_tls = ConfigVar("devices/mqtt_tls", False, bool)
    mqtt_ca_file = ConfigVar("devices/mqtt_ca_file", "", str)  # "" with TLS = the system's CAs
    mqtt_user = ConfigVar("devices/mqtt_user", "", str)  # "" = anonymous
    mqtt_topic_root = ConfigVar("devices/mqtt_topic_root", "wms", str)  # {root}/scales/{station_id}/weight
    weight_tolerance_percent = ConfigVar("devices/weight_tolerance_percent", 2, int)
    weight_tolerance_grams = ConfigVar("devices/weight_tolerance_grams", 5, int)  # the larger allowance applies
    # sensor alert limits per kind, as decimal text ("" = no limit)
    temperature_low = ConfigVar("devices/temperature_low", "", str)
    temperature_high = ConfigVar("devices/temperature_high", "", str)
    humidity_low = ConfigVar("devices/humidity_low", "", str)
    humidity_high = ConfigVar("devices/humidity_high", "", str)

    def __init__(self, qsettings: QSettings | None = None, secrets: SecretStore | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else default_qsettings()
        self.secrets = secrets if secrets is not None else SecretStore()

    def sync(self) -> None:
        self.qsettings.sync()

    # -- the database ----------------------------------------------------------------------------
    def database_account(self) -> str:
        """The keyring account of the configured server's password."""
        return f"{self.database_user}@{self.database_host}:{self.database_port}/{self.database_name}"

    def database_password(self) -> str | None:
        if self.database_kind != POSTGRESQL:
            return None
        return self.secrets.get(self.database_account())

    def set_database_password(self, password: str) -> None:
        """Raises :class:`SecretStoreError` when no keyring can hold it."""
        self.secrets.set(self.database_account(), password)

    def database_limits(self) -> DatabaseLimits:
        """The waits set here; the defaults, with a warning in the log, if the file holds a
        combination the settings dialog would not have saved."""
        try:
            return DatabaseLimits(
                connect_timeout_ms=self.database_connect_timeout_s * 1000,
                lock_timeout_ms=self.database_lock_timeout_s * 1000,
                statement_timeout_ms=self.database_statement_timeout_s * 1000,
                idle_in_transaction_ms=self.database_idle_timeout_s * 1000,
                dead_peer_ms=self.database_dead_peer_s * 1000)
        except ValueError as error:
            log.warning("database time limits in the settings are unusable (%s); using the defaults", error)
            return DatabaseLimits()

    def database_url(self, with_password: bool = True) -> str | None:
        """The configured PostgreSQL URL, or None for the embedded SQLite default."""
        if self.database_kind != POSTGRESQL or not self.database_host:
            return None
        user = quote(self.database_user, safe="")
        password = self.database_password() if with_password else None
        credentials = f"{user}:{quote(password, safe='')}" if password else user
        return (f"postgresql+psycopg://{credentials}@{self.database_host}:{self.database_port}/"
                f"{quote(self.database_name, safe='')}")

    # -- the MQTT broker -------------------------------------------------------------------------
    def mqtt_account(self) -> str:
        """The keyring account of the broker password."""
        return f"mqtt:{self.mqtt_user}@{self.mqtt_host}:{self.mqtt_port}"

    def mqtt_password(self) -> str | None:
        if not self.mqtt_host or not self.mqtt_user:
            return None
        return self.secrets.get(self.mqtt_account())

    def set_mqtt_password(self, password: str) -> None:
        """Raises :class:`SecretStoreError` when no keyring can hold it."""
        self.secrets.set(self.mqtt_account(), password)


def keyring_missing_text() -> str:
    return QCoreApplication.translate("SettingsDialog", "No system keyring is available, so the password cannot be "
                                      "saved. Install a keyring service (for example GNOME Keyring or KWallet).")


def escape_control(text: str) -> str:
    r"""Show control characters of a scanner prefix/suffix as ``\r``, ``\t``, ``\x02``."""
    named = {"\r": "\\r", "\n": "\\n", "\t": "\\t", "\\": "\\\\"}
    return "".join(named.get(ch, f"\\x{ord(ch):02x}" if ord(ch) < 32 or ord(ch) == 127 else ch) for ch in text)


def unescape_control(text: str) -> str:
    r"""The inverse of :func:`escape_control`; raises ValueError on a bad escape."""
    out, i = [], 0
    named = {"r": "\r", "n": "\n", "t": "\t", "\\": "\\"}
    while i < len(text):
        ch = text[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1: i + 2]
        if nxt in named and nxt:
            out.append(named[nxt])
            i += 2
        elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[i + 2: i + 4]):
            out.append(chr(int(text[i + 2: i + 4], 16)))
            i += 4
        else:
            raise ValueError(f"bad escape at {i}")
    return "".join(out)
