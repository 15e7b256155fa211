"""Workstations receiving (or putting away) the same ASN line at once (PostgreSQL, spawned
processes): every receipt and every putaway queues on the ASN's header lock, so together they
never take the line beyond its expected quantity plus the warehouse's tolerance, nor move more
than arrived; every refusal is the coded one, and the receipt rows, the ledger and the balances
agree."""
from __future__ import annotations

import json
import multiprocessing

from sqlalchemy import func, select

from tests.concurrency.receiving_workers import put_away_repeatedly, scan_repeatedly
from tests.conftest import WAREHOUSE
from tests.helpers import assert_ledger_matches_balances
from wms_desktop.db.schema import asn_receipts, stock_movements
from wms_desktop.services import Services

WORKERS, SCANS = 4, 12  # 48 one-unit scans against a line that takes 33
EXPECTED, TOLERANCE = 30, 10
JOIN_TIMEOUT = 300


def open_shop(pg) -> Services:
    services = Services(pg, WAREHOUSE)
    services.locations.create({"location_code": "RCV-01", "location_type": "receiving"})
    services.locations.create({"location_code": "A1"})
    services.catalog.create_product({"product_code": "P1", "product_name": "热销", "operator_id": "u"})
    services.receiving.set_tolerance({"over_receipt_tolerance_percent": TOLERANCE})
    services.receiving.create({"asn_number": "ASN-HOT", "operator_id": "u",
                               "lines": [{"sku_code": "P1", "expected_quantity": EXPECTED}]})
    return services


def run_workers(pg, tmp_path, target) -> list[dict]:
    """``target`` in WORKERS spawned processes at once; every record they wrote."""
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(WORKERS)
    url = pg.url.render_as_string(hide_password=False)
    outputs = [tmp_path / f"worker-{w}.json" for w in range(WORKERS)]
    processes = [ctx.Process(target=target, name=f"worker-{w}",
                             args=(url, w, "ASN-HOT", "P1", SCANS, str(outputs[w]), start))
                 for w in range(WORKERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(JOIN_TIMEOUT)
    hung = [p.name for p in processes if p.is_alive()]
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join()
    assert not hung and all(p.exitcode == 0 for p in processes)
    records = [record for path in outputs for record in json.loads(path.read_text(encoding="utf-8"))]
    assert not [r for r in records if "unexpected" in r], records
    return records


def test_two_workstations_never_over_receive_a_line(pg, tmp_path):
    services = open_shop(pg)
    records = run_workers(pg, tmp_path, scan_repeatedly)
    allowed = EXPECTED + EXPECTED * TOLERANCE // 100
    assert sum(1 for r in records if "received" in r) == allowed
    assert {r["error"] for r in records if "error" in r} == {"OVER_RECEIPT"}
    # each success saw the line one further than the one before it: no two read the same total
    assert sorted(r["received"] for r in records if "received" in r) == list(range(1, allowed + 1))
    with pg.engine.connect() as conn:
        assert conn.execute(select(func.sum(asn_receipts.c.quantity))).scalar() == allowed
        assert conn.execute(select(func.sum(stock_movements.c.quantity_change))
                            .where(stock_movements.c.document_ref == "ASN-HOT")).scalar() == allowed
    assert services.receiving.asn({"asn_number": "ASN-HOT"}).lines[0].received_quantity == allowed
    assert_ledger_matches_balances(pg)


def test_two_clerks_never_put_away_more_than_arrived(pg, tmp_path):
    services = open_shop(pg)
    services.receiving.receive({"asn_number": "ASN-HOT", "sku_code": "P1", "quantity": EXPECTED, "operator_id": "u"})
    records = run_workers(pg, tmp_path, put_away_repeatedly)  # 48 one-unit moves of 30 waiting
    assert sum(1 for r in records if "received" in r) == EXPECTED
    assert {r["error"] for r in records if "error" in r} == {"PUTAWAY_EXCEEDS_RECEIVED"}
    assert sorted(r["received"] for r in records if "received" in r) == list(range(EXPECTED))
    assert services.receiving.putaway_tasks({"asn_number": "ASN-HOT"}).tasks == []
    assert [(i.location_code, i.stock_quantity) for i in services.stock.query({"sku_code": "P1"}).items] == [
        ("A1", EXPECTED)]
    assert_ledger_matches_balances(pg)
