"""Broker settings for one workstation.

The caller builds these from its own settings store and the OS keyring; nothing here reads a
file, so a password never passes through a config file on its way to the broker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A broker drops an older session when a second one arrives with the same client id, so the id
# is derived from the workstation and restricted to characters every broker accepts.
WORKSTATION_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")


@dataclass(frozen=True)
class MqttSettings:
    host: str
    workstation_id: str
    port: int = 1883
    tls: bool = False
    ca_file: str | None = None  # None with TLS on: the system's trusted CAs
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    keepalive_s: int = 30
    reconnect_min_delay_s: float = 1.0
    reconnect_max_delay_s: float = 30.0

    def __post_init__(self) -> None:
        if not self.host:
            raise ValueError("host must not be empty")
        if not WORKSTATION_ID.fullmatch(self.workstation_id):
            raise ValueError("workstation_id must be 1-40 characters of A-Z a-z 0-9 _ -")
        if not 0 < self.port < 65536:
            raise ValueError("port must be 1-65535")
        if self.ca_file is not None and not self.tls:
            raise ValueError("ca_file is only used with tls on")
        if self.password is not None and self.username is None:
            raise ValueError("a password needs a username")
        if self.keepalive_s <= 0:
            raise ValueError("keepalive_s must be positive")
        if not 0 < self.reconnect_min_delay_s <= self.reconnect_max_delay_s:
            raise ValueError("reconnect delays must satisfy 0 < min <= max")

    @property
    def client_id(self) -> str:
        return f"wms-desktop-{self.workstation_id}"
