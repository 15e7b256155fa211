"""Stock rebuilt from the ledger, on both backends: as-of stock equals the ledger replayed up to
random moments (property-based), the newest moment is today's balances, and ``stock verify``
finds a balance changed behind the ledger's back."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from wms_desktop.db.schema import locations, skus
from wms_desktop.db.schema import stock_movements as mov
from wms_desktop.domain.codes import iso_z
from wms_desktop.domain.errors import WmsError

PLACES = ("A1", "A2")
SKUS = ("P1", "P2-红-M")
BATCHES = (None, "B1")
STEPS = st.lists(st.tuples(st.sampled_from(["inbound", "outbound", "transfer", "count"]), st.sampled_from(SKUS),
                           st.sampled_from(PLACES), st.sampled_from(BATCHES), st.integers(1, 9)),
                 min_size=1, max_size=12)


@pytest.fixture
def shop(services):
    for place in PLACES:
        services.locations.create({"location_code": place})
    services.catalog.create_product({"product_code": "P1", "product_name": "无规格", "operator_id": "u"})
    services.catalog.create_product({"product_code": "P2", "product_name": "有规格", "operator_id": "u", "skus": [
        {"sku_code": "P2-红-M", "sku_color": "红", "sku_size": "M"}]})
    return services


def post(services, step) -> None:
    operation, sku, place, batch, quantity = step
    common = {"sku_code": sku, "operator_id": "u", **({"batch_number": batch} if batch else {})}
    product = {"product_code": sku.split("-")[0]}
    try:
        if operation == "transfer":
            services.inventory.transfer({**common, "from_location_code": place, "stock_quantity": quantity,
                                         "to_location_code": PLACES[1 - PLACES.index(place)]})
        else:
            getattr(services.inventory, operation)({**common, **product, "location_code": place,
                                                    "stock_quantity": quantity})
    except WmsError as error:  # taking more than is there: refused, nothing posted
        assert error.error_code == "INSUFFICIENT_STOCK"


def ledger(services) -> list[tuple]:
    with services.db.engine.connect() as conn:
        return conn.execute(select(mov.c.operated_at, skus.c.sku_code, locations.c.location_code, mov.c.batch_number,
                                   mov.c.quantity_change)
                            .join(skus, skus.c.sku_id == mov.c.sku_id)
                            .join(locations, locations.c.location_id == mov.c.location_id)
                            .order_by(mov.c.movement_id)).all()


def as_of(services, moment) -> dict[tuple, int]:
    page = services.stock.as_of({"at": iso_z(moment)})
    assert page.total_quantity == sum(i.stock_quantity for i in page.items)
    assert (page.lines, page.next_after) == (len(page.items), None)
    walked, after = [], None  # the same lines, page by page as the app fetches them
    while True:
        part = services.stock.as_of({"at": iso_z(moment), "limit": 2, **({"after": after} if after else {})})
        assert (part.total_quantity, part.lines) == ((page.total_quantity, page.lines) if after is None else (None, None))
        walked += part.items
        after = part.next_after
        if after is None:
            break
    assert walked == page.items
    return {(i.sku_code, i.location_code, i.batch_number or ""): i.stock_quantity for i in page.items}


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=STEPS, picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=4))
def test_as_of_stock_is_the_ledger_replayed_to_that_moment(shop, steps, picks):
    for step in steps:  # on top of earlier examples' postings: the whole ledger is replayed
        post(shop, step)
    rows = ledger(shop)
    if not rows:
        return
    for pick in picks:
        moment = rows[pick % len(rows)][0]
        end = moment.replace(microsecond=moment.microsecond // 1000 * 1000) + timedelta(milliseconds=1)
        replayed: dict[tuple, int] = defaultdict(int)
        for at, sku, place, batch, change in rows:
            if at < end:  # the moment's whole millisecond
                replayed[(sku, place, batch)] += change
        assert as_of(shop, moment) == {key: q for key, q in replayed.items() if q}
    now = {(r.sku_code, r.location_code, r.batch_number or ""): r.stock_quantity
           for r in shop.browse.balance_rows(shop.browse.balance_ids({})) if r.stock_quantity}
    assert as_of(shop, rows[-1][0]) == now
    assert shop.stock.verify().drifts == []


def test_as_of_narrows_to_a_sku_or_location_and_before_anything_is_empty(shop):
    post(shop, ("inbound", "P1", "A1", None, 5))
    post(shop, ("inbound", "P2-红-M", "A2", "B1", 3))
    (first, *_), last = ledger(shop)[0], ledger(shop)[-1]
    assert as_of(shop, first) == {("P1", "A1", ""): 5}
    only = shop.stock.as_of({"at": iso_z(last[0]), "sku_code": "P2-红-M"})
    assert [(i.sku_code, i.stock_quantity) for i in only.items] == [("P2-红-M", 3)]
    assert shop.stock.as_of({"at": iso_z(last[0]), "location_code": "A1"}).total_quantity == 5
    assert shop.stock.as_of({"at": "2000-01-01T00:00:00Z"}).items == []
    with pytest.raises(WmsError):
        shop.stock.as_of({"at": "yesterday"})
    with pytest.raises(WmsError) as caught:
        shop.stock.as_of({"at": iso_z(last[0]), "after": "bm90IGEgY3Vyc29y"})
    assert caught.value.details["field"] == "after"


def test_verify_finds_a_balance_changed_behind_the_ledgers_back(shop):
    post(shop, ("inbound", "P1", "A1", None, 5))
    post(shop, ("inbound", "P1", "A2", "B1", 2))
    report = shop.stock.verify()
    assert (report.balances, report.drifts) == (2, [])
    with shop.db.engine.begin() as conn:  # the owner's direct write: no ledger row
        if not shop.db.is_sqlite:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE stock_balances SET stock_quantity = 7 WHERE batch_number = 'B1'"))
    (drift,) = shop.stock.verify().drifts
    assert (drift.sku_code, drift.location_code, drift.batch_number, drift.balance_quantity, drift.ledger_quantity,
            drift.last_quantity_after) == ("P1", "A2", "B1", 7, 2, 2)


def test_the_command_line_verifies_and_replays(tmp_path, capsys):
    from wms_desktop.cli import main

    url = f"sqlite:///{tmp_path / 'replay.sqlite3'}"
    assert main(["--database-url", url, "demo"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "stock", "verify"]) == 0
    assert capsys.readouterr().out.endswith(": 0 drifts\n")
    assert main(["--database-url", url, "stock", "as-of", "2000-01-01T00:00:00Z"]) == 0
    assert capsys.readouterr().out.startswith("0 units in 0 balances")
    with __import__("sqlite3").connect(tmp_path / "replay.sqlite3") as conn:
        conn.execute("UPDATE stock_balances SET stock_quantity = stock_quantity + 1 WHERE balance_id = 1")
    assert main(["--database-url", url, "stock", "verify"]) == 1
    assert capsys.readouterr().out.endswith(": 1 drifts\n")
    assert main(["--database-url", url, "stock", "--location", "无货位"]) == 0  # the plain listing still works
