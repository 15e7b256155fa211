"""The typed service contract every caller uses — the UI, the command line, tests and the coming
HTTP API: commands and results as msgspec ``Struct``s (``stock``, ``catalog``, ``locations``,
``auth``, ``lookup``), their strict decoding and JSON (``decode``), and the protocols of the
service areas (``api``). Free of SQLAlchemy and Qt; see docs/services.md."""
from .base import BalanceChange, Changes
from .decode import Payload, decode, envelope, schema, to_json

__all__ = ["BalanceChange", "Changes", "Payload", "decode", "envelope", "schema", "to_json"]
