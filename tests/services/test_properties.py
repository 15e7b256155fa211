"""Random sequences of stock operations, checked against a model after every step.

A hypothesis state machine drives inbound, outbound, transfer, adjust, count and batch_adjust
over a few SKUs (one product with SKUs, one without) and locations (two shelves and 无货位),
with and without batch numbers, with and without request_ids, on both backends. Quantities
are small so that many outbounds, transfers and negative adjustments must be refused with
INSUFFICIENT_STOCK. After every step:

- the ledger sums equal the balances, and nothing is negative or over-locked;
- stock.query agrees with a plain-Python model of the balances;
- every result reports the quantities the model predicts, and the ledger holds one row per
  non-zero change under the operation's request_id;
- a refused operation changed nothing (a snapshot of every table is equal before and after);
- a repeated request_id returns the first result and posts nothing; reusing it for different
  input is refused; a request_id whose first attempt was refused may be tried again.

The database fixture is shared by all examples of a test, so every example makes its own
products and locations (codes numbered by ``_serial``) and the model only ever looks at those.
"""
from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from tests.helpers import assert_ledger_matches_balances, snapshot
from wms_desktop.db.schema import skus, stock_movements
from wms_desktop.domain.codes import UNASSIGNED_LOCATION
from wms_desktop.domain.errors import WmsError
from wms_desktop.services import Services

SETTINGS = settings(
    max_examples=50,
    stateful_step_count=12,
    deadline=None,
    derandomize=True,  # the same sequences on every run: a failure here is reproducible as is
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OPERATOR = "prop-op"
BATCHES = (None, "B1")
_serial = itertools.count(1)

sku_index = st.integers(0, 2)  # two SKUs of a product with SKUs, one implicit SKU
place_index = st.integers(0, 2)  # two shelves and 无货位
any_key = st.tuples(sku_index, place_index, st.sampled_from(BATCHES))
small = st.integers(1, 12)
delta = st.integers(-10, 12).filter(bool)
# how much to take from a balance: part of what is available, all of it, one more, or any amount
take = st.tuples(st.sampled_from(["part", "part", "all", "over", "any"]), small)

Key = tuple[int, int, "str | None"]  # (sku index, place index, batch_number or None)


class StockMachine(RuleBasedStateMachine):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.db = services.db
        n = next(_serial)
        coloured, plain = f"P{n}", f"Q{n}"
        catalog = services.catalog
        catalog.create_product({
            "product_code": coloured, "product_name": f"属性测试 {n}", "has_sku": True, "operator_id": OPERATOR,
            "skus": [{"sku_code": f"{coloured}-红-M", "sku_color": "红", "sku_size": "M"},
                     {"sku_code": f"{coloured}-蓝-L", "sku_color": "蓝", "sku_size": "L"}],
        })
        catalog.create_product({"product_code": plain, "product_name": f"无规格 {n}", "has_sku": False,
                                "operator_id": OPERATOR})
        # (product_code, sku_code, has_sku)
        self.skus = [(coloured, f"{coloured}-红-M", True), (coloured, f"{coloured}-蓝-L", True), (plain, plain, False)]
        self.places = [f"E{n}A", f"E{n}B", UNASSIGNED_LOCATION]
        for code in self.places[:2]:
            services.locations.create({"location_code": code})
        self.products = (coloured, plain)
        with self.db.engine.connect() as conn:
            self.sku_ids = list(conn.scalars(select(skus.c.sku_id).where(skus.c.sku_code.in_([s for _, s, _ in self.skus]))))
        self.stock: dict[Key, int] = {}
        self.rids = (f"r{n}-{i}" for i in itertools.count())
        self.succeeded: list[tuple[str, dict, dict]] = []  # (operation, payload, first result), with request_id
        self.refused: list[tuple[str, dict, list]] = []  # (operation, payload, model lines), with request_id

    # ---- payloads ---------------------------------------------------------------------------

    def _pick(self, data) -> Key:
        """Mostly a balance that holds stock (so outbounds and transfers can succeed), else any."""
        stocked = sorted((k for k, qty in self.stock.items() if qty), key=repr)
        if stocked and data.draw(st.integers(0, 3), label="from stock") > 0:
            return data.draw(st.sampled_from(stocked), label="key")
        return data.draw(any_key, label="key")

    def _rid(self, with_rid: bool) -> dict[str, str]:
        return {"request_id": next(self.rids)} if with_rid else {}

    def _item(self, key: Key, name_sku: bool = True) -> dict[str, Any]:
        """The product, SKU, location and batch fields of inbound, outbound, adjust and count."""
        i, place, batch_number = key
        product, sku, has_sku = self.skus[i]
        return {"product_code": product, **({"sku_code": sku} if has_sku or name_sku else {}),
                "location_code": self.places[place], **({"batch_number": batch_number} if batch_number else {})}

    def _quantity(self, key: Key, wanted: tuple[str, int]) -> int:
        how, n = wanted
        available = self.stock.get(key, 0)
        if how == "part" and available:
            return 1 + (n - 1) % available
        if how == "all" and available:
            return available
        if how == "over":
            return available + 1
        return n

    # ---- the model ----------------------------------------------------------------------------

    def _simulate(self, lines):
        """Apply ``(key, change, target)`` lines, those of one balance in the given order; None
        if any would take a balance below zero (below what is locked, and nothing is locked)."""
        trial = dict(self.stock)
        outcomes = []
        for key, change, target in lines:
            previous = trial.get(key, 0)
            change = change if target is None else target - previous
            if previous + change < 0:
                return None
            trial[key] = previous + change
            outcomes.append((previous, change, previous + change))
        return trial, outcomes

    def _attempt(self, operation: str, payload: dict, lines) -> None:
        predicted = self._simulate(lines)
        before = snapshot(self.db) if predicted is None else None
        try:
            result = getattr(self.services.inventory, operation)(payload)
        except WmsError as error:
            assert predicted is None, f"{operation} refused ({error.to_dict()}) but the model had stock: {payload}"
            assert error.error_code == "INSUFFICIENT_STOCK", error.to_dict()
            assert snapshot(self.db) == before, f"refused {operation} changed the database"
            if operation != "batch_adjust":  # one decreasing line: the error names it exactly
                ((key, change, _),) = [line for line in lines if (line[1] or 0) < 0]
                i, place, batch_number = key
                assert error.details == {
                    "sku_code": self.skus[i][1], "location_code": self.places[place], "batch_number": batch_number,
                    "available_quantity": self.stock.get(key, 0), "requested_quantity": -change,
                }, error.details
            if "request_id" in payload:
                self.refused.append((operation, payload, lines))
            return
        assert predicted is not None, f"{operation} succeeded, the model says INSUFFICIENT_STOCK: {payload} -> {result}"
        self.stock, outcomes = predicted
        self._check_result(operation, payload, result, outcomes)
        assert self._ledger_rows(result.request_id) == sum(1 for _, change, _ in outcomes if change)
        if "request_id" in payload:
            assert result.request_id == payload["request_id"]
            self.succeeded.append((operation, payload, result))

    def _check_result(self, operation: str, payload: dict, result: dict, outcomes) -> None:
        if operation in ("inbound", "outbound"):
            ((previous, change, current),) = outcomes
            assert (result.previous_quantity, result.current_quantity) == (previous, current)
            assert result.stock_quantity == abs(change) and result.batch_number == payload.get("batch_number")
            assert result.operated_at is not None
        elif operation == "transfer":
            (_, _, source), (_, _, target) = outcomes
            assert (result.from_current_quantity, result.to_current_quantity) == (source, target)
            assert result.operated_at is not None
        elif operation in ("adjust", "count"):
            (outcome,) = outcomes
            assert (result.previous_quantity, result.adjusted_quantity, result.current_quantity) == outcome
            assert (result.adjusted_at is None) == (outcome[1] == 0)
        else:
            lines = result.adjustments
            assert [(r.previous_quantity, r.adjusted_quantity, r.current_quantity) for r in lines] == outcomes
            assert result.operated_at is not None

    def _ledger_rows(self, request_id: str) -> int:
        with self.db.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(stock_movements)
                               .where(stock_movements.c.request_id == request_id))

    def _refused(self, operation: str, payload: dict, error_code: str) -> None:
        before = snapshot(self.db)
        try:
            result = getattr(self.services.inventory, operation)(payload)
        except WmsError as error:
            assert error.error_code == error_code, error.to_dict()
        else:
            raise AssertionError(f"{operation} should be refused with {error_code}: {payload} -> {result}")
        assert snapshot(self.db) == before, f"refused {operation} changed the database"

    # ---- operations -----------------------------------------------------------------------------

    @initialize(entries=st.lists(st.tuples(any_key, small), max_size=6))
    def opening_stock(self, entries):
        if entries:
            self._batch_adjust([(key, qty) for key, qty in entries], with_rid=False)

    @rule(key=any_key, qty=small, name_sku=st.booleans(), with_rid=st.booleans())
    def inbound(self, key, qty, name_sku, with_rid):
        payload = {**self._item(key, name_sku), "stock_quantity": qty, "operator_id": OPERATOR, **self._rid(with_rid)}
        self._attempt("inbound", payload, [(key, qty, None)])

    @rule(data=st.data(), wanted=take, name_sku=st.booleans(), with_rid=st.booleans())
    def outbound(self, data, wanted, name_sku, with_rid):
        key = self._pick(data)
        qty = self._quantity(key, wanted)
        payload = {**self._item(key, name_sku), "stock_quantity": qty, "operator_id": OPERATOR, **self._rid(with_rid)}
        self._attempt("outbound", payload, [(key, -qty, None)])

    @rule(data=st.data(), step=st.integers(1, 2), wanted=take, name_product=st.booleans(), with_rid=st.booleans())
    def transfer(self, data, step, wanted, name_product, with_rid):
        source = self._pick(data)
        i, place, batch_number = source
        target = (i, (place + step) % len(self.places), batch_number)
        qty = self._quantity(source, wanted)
        payload = {"sku_code": self.skus[i][1], "from_location_code": self.places[place],
                   "to_location_code": self.places[target[1]], "stock_quantity": qty, "operator_id": OPERATOR,
                   **({"product_code": self.skus[i][0]} if name_product else {}),
                   **({"batch_number": batch_number} if batch_number else {}), **self._rid(with_rid)}
        self._attempt("transfer", payload, [(source, -qty, None), (target, qty, None)])

    @rule(data=st.data(), change=delta, name_sku=st.booleans(), with_rid=st.booleans())
    def adjust(self, data, change, name_sku, with_rid):
        key = self._pick(data)
        payload = {**self._item(key, name_sku), "stock_quantity": change, "operator_id": OPERATOR,
                   **self._rid(with_rid)}
        self._attempt("adjust", payload, [(key, change, None)])

    @rule(data=st.data(), counted=st.integers(0, 12), name_sku=st.booleans(), with_rid=st.booleans())
    def count(self, data, counted, name_sku, with_rid):
        key = self._pick(data)
        payload = {**self._item(key, name_sku), "stock_quantity": counted, "operator_id": OPERATOR,
                   **self._rid(with_rid)}
        self._attempt("count", payload, [(key, None, counted)])

    @rule(data=st.data(), size=st.integers(1, 4), with_rid=st.booleans())
    def batch_adjust(self, data, size, with_rid):
        """Several lines, possibly on the same balance (applied in order): all of them or none."""
        self._batch_adjust([(self._pick(data), data.draw(delta, label="change")) for _ in range(size)], with_rid)

    def _batch_adjust(self, entries: list[tuple[Key, int]], with_rid: bool) -> None:
        adjustments = [{"location_code": self.places[place], "sku_code": self.skus[i][1], "stock_quantity": change,
                        **({"batch_number": b} if b else {})} for (i, place, b), change in entries]
        payload = {"adjustments": adjustments, "operator_id": OPERATOR, **self._rid(with_rid)}
        self._attempt("batch_adjust", payload, [(key, change, None) for key, change in entries])

    # ---- request_ids ----------------------------------------------------------------------------

    @precondition(lambda self: self.succeeded)
    @rule(data=st.data())
    def repeat_succeeded(self, data):
        """A double click or a re-sent request: the first result again, and nothing posted."""
        operation, payload, first = data.draw(st.sampled_from(self.succeeded))
        before = snapshot(self.db)
        again = getattr(self.services.inventory, operation)(dict(payload))
        assert again == first
        assert snapshot(self.db) == before, f"repeated request_id {payload['request_id']} posted again"

    @precondition(lambda self: self.succeeded)
    @rule(data=st.data())
    def reuse_request_id_for_other_input(self, data):
        operation, payload, _ = data.draw(st.sampled_from(self.succeeded))
        self._refused(operation, {**payload, "notes": "a different operation"}, "INVALID_PARAMETERS")

    @precondition(lambda self: self.refused)
    @rule(data=st.data())
    def retry_refused(self, data):
        """A refused operation left no claim behind: the same request_id is a fresh attempt."""
        attempt = data.draw(st.sampled_from(self.refused))
        self.refused.remove(attempt)
        self._attempt(*attempt)

    # ---- refusals that are not about quantities --------------------------------------------------

    @rule(kind=st.sampled_from(["same place", "foreign sku", "unknown sku"]), key=any_key, qty=small,
          others=st.lists(st.tuples(any_key, small), max_size=3))
    def refused_for_other_reasons(self, kind, key, qty, others):
        i, place, b = key
        if kind == "same place":
            self._refused("transfer", {"sku_code": self.skus[i][1], "from_location_code": self.places[place],
                                       "to_location_code": self.places[place], "stock_quantity": qty,
                                       "operator_id": OPERATOR}, "INVALID_PARAMETERS")
        elif kind == "foreign sku":  # a SKU of the product with SKUs, named under the product without
            self._refused("adjust", {**self._item((0, place, b)), "product_code": self.products[1],
                                     "stock_quantity": qty, "operator_id": OPERATOR}, "INVALID_SKU_CODE")
        else:  # lines that would succeed, then one naming a SKU that does not exist: none is posted
            adjustments = [{"location_code": self.places[p], "sku_code": self.skus[j][1], "stock_quantity": n,
                            **({"batch_number": c} if c else {})} for (j, p, c), n in others]
            adjustments.append({"location_code": self.places[place], "sku_code": f"{self.products[0]}-绿-XL",
                                "stock_quantity": qty})
            self._refused("batch_adjust", {"adjustments": adjustments, "operator_id": OPERATOR}, "SKU_NOT_FOUND")

    # ---- after every step -----------------------------------------------------------------------

    @invariant()
    def ledger_matches_balances(self):
        """This example's SKUs after every step (the shared database grows with every example:
        checking all of it each step made the test quadratic); all of it once at the end."""
        assert_ledger_matches_balances(self.db, self.sku_ids)

    def teardown(self):
        assert_ledger_matches_balances(self.db)

    @invariant()
    def stock_query_agrees_with_model(self):
        seen: dict[tuple[str, str, str], int] = {}
        for product in self.products:
            page = self.services.stock.query({"product_code": product, "page_size": 1000})
            assert page.pagination.total == len(page.items)
            for item in page.items:
                key = (item.sku_code, item.location_code, item.batch_number or "")
                assert item.batch_number != "", item
                assert item.locked_quantity == 0 and item.available_quantity == item.stock_quantity > 0, item
                assert key not in seen, f"two balances for {key}"
                seen[key] = item.stock_quantity
        expected = {(self.skus[i][1], self.places[place], b or ""): qty
                    for (i, place, b), qty in self.stock.items() if qty}
        assert seen == expected


@pytest.mark.slow
def test_random_operation_sequences_keep_stock_consistent(services):
    run_state_machine_as_test(lambda: StockMachine(services), settings=SETTINGS)
