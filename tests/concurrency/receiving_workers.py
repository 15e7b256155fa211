"""Worker processes for the receiving contention test (imported by spawned children: no
pytest here). Each is a workstation of its own scanning one unit at a time against one ASN
line; every outcome is written to a JSON file."""
from __future__ import annotations

import json
import threading
import traceback
from typing import Any

from wms_desktop.db.engine import Database
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

WAREHOUSE = "WH01"
BARRIER_TIMEOUT = 120


def scan_repeatedly(url: str, worker: int, asn_number: str, sku_code: str, scans: int, out_path: str,
                    start: threading.Barrier) -> None:
    db = Database(url)
    clerk = Services(db, WAREHOUSE).acting_as(f"clerk{worker}", "clerk")
    records: list[dict[str, Any]] = []
    try:
        start.wait(BARRIER_TIMEOUT)
        for scan in range(scans):
            try:
                done = clerk.receiving.receive({"asn_number": asn_number, "sku_code": sku_code, "quantity": 1,
                                                "request_id": f"w{worker}-s{scan}"})
                records.append({"received": done.line.received_quantity})
            except WmsError as error:
                records.append({"error": error.error_code})
    except Exception:
        records.append({"unexpected": traceback.format_exc()})
    finally:
        db.dispose()
        with open(out_path, "w", encoding="utf-8") as out:
            json.dump(records, out)
