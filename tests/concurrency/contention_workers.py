"""Worker processes for the contention tests (imported by spawned children: no pytest here).

A worker builds its own Database and Services, as a second workstation would, waits for the
others at a start barrier, then runs its plan of stock operations. Every outcome is recorded:
the result of a success, the ``WmsError`` of a refusal, or the traceback of anything else
(which is always a failure). The engine's retry log lines are counted too: a deadlock or
serialization failure that the unit of work absorbed would otherwise be invisible.
"""
from __future__ import annotations

import json
import logging
import threading
import traceback
from typing import Any

from wms_desktop.contract import to_json
from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

WAREHOUSE = "WH01"
BARRIER_TIMEOUT = 120


class RetryCounter(logging.Handler):
    """Counts the engine's "retrying unit of work after SQLSTATE …" records."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.retries: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("retrying unit of work"):
            self.retries.append(record.getMessage())


def count_retries() -> RetryCounter:
    counter = RetryCounter()
    engine_log = logging.getLogger("wms_desktop.db.engine")
    engine_log.addHandler(counter)
    engine_log.setLevel(logging.INFO)
    return counter


def run_plan(url: str, plan: list[dict[str, Any]], out_path: str, start: threading.Barrier,
             pair: threading.Barrier | None = None, stop_on_retry: bool = False) -> None:
    """Run ``plan`` (a list of {"operation", "payload", "sync"}, and "user" when a signed-in
    supervisor sends it) and write what happened to ``out_path`` as JSON. A step with ``sync`` first waits at ``pair`` so that it is sent at
    the same moment as the same step of the partner process. With ``stop_on_retry`` the
    worker stops at the first retried deadlock (each costs PostgreSQL's deadlock_timeout)."""
    counter = count_retries()
    db = Database(url)
    services = Services(db, WAREHOUSE)
    records: list[dict[str, Any]] = []
    try:
        start.wait(BARRIER_TIMEOUT)
        for index, step in enumerate(plan):
            if step.get("sync") and pair is not None:
                pair.wait(BARRIER_TIMEOUT)
            caller = services.acting_as(step["user"], "supervisor") if step.get("user") else services
            records.append({"index": index, **attempt(caller, step["operation"], step["payload"])})
            if stop_on_retry and counter.retries:
                break
    except Exception:
        records.append({"index": None, "unexpected": traceback.format_exc()})
    finally:
        db.dispose()
        with open(out_path, "w", encoding="utf-8") as out:
            json.dump({"records": records, "retries": counter.retries}, out, ensure_ascii=False, default=str)


def attempt(services: Services, operation: str, payload: dict[str, Any]) -> dict[str, Any]:
    try:
        area, _, method = operation.rpartition(".")  # "release" of orders: "orders.release"
        call = getattr(getattr(services, area or "inventory"), method)
        return {"result": to_json(call(dict(payload)))}  # the spec's JSON
    except WmsError as error:
        return {"error": error.to_dict()}
    except Exception:
        return {"unexpected": traceback.format_exc()}
