"""Worker processes for the receiving contention tests (imported by spawned children: no
pytest here). Each is a workstation of its own receiving, or putting away, one unit at a time
against one ASN line; every outcome is written to a JSON file."""
from __future__ import annotations

import json
import threading
import traceback
from collections.abc import Callable
from typing import Any

from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

WAREHOUSE = "WH01"
BARRIER_TIMEOUT = 120


def scan_repeatedly(url: str, worker: int, asn_number: str, sku_code: str, scans: int, out_path: str,
                    start: threading.Barrier) -> None:
    """Receive one unit ``scans`` times."""
    def scan(clerk: Services, step: int) -> dict[str, Any]:
        done = clerk.receiving.receive({"asn_number": asn_number, "sku_code": sku_code, "quantity": 1,
                                        "request_id": f"w{worker}-s{step}"})
        return {"received": done.line.received_quantity}

    _repeat(url, worker, scans, scan, out_path, start)


def put_away_repeatedly(url: str, worker: int, asn_number: str, sku_code: str, moves: int, out_path: str,
                        start: threading.Barrier) -> None:
    """Put one unit away from RCV-01 to A1 ``moves`` times."""
    def move(clerk: Services, step: int) -> dict[str, Any]:
        done = clerk.receiving.put_away({"asn_number": asn_number, "sku_code": sku_code, "quantity": 1,
                                         "from_location_code": "RCV-01", "to_location_code": "A1",
                                         "request_id": f"w{worker}-p{step}"})
        return {"received": done.open_quantity}

    _repeat(url, worker, moves, move, out_path, start)


def _repeat(url: str, worker: int, steps: int, step: Callable[[Services, int], dict[str, Any]], out_path: str,
            start: threading.Barrier) -> None:
    db = Database(url)
    clerk = Services(db, WAREHOUSE).acting_as(f"clerk{worker}", "clerk")
    records: list[dict[str, Any]] = []
    try:
        start.wait(BARRIER_TIMEOUT)
        for index in range(steps):
            try:
                records.append(step(clerk, index))
            except WmsError as error:
                records.append({"error": error.error_code})
    except Exception:
        records.append({"unexpected": traceback.format_exc()})
    finally:
        db.dispose()
        with open(out_path, "w", encoding="utf-8") as out:
            json.dump(records, out)
