"""Stock operations of the spec: inbound, outbound, transfer, adjust, count, batch adjust.

Each method takes the spec's JSON payload (a dict with snake_case names) and returns the
spec's result shape as a plain dict. Every call is one transaction: either all of its ledger
rows and balance changes are committed, or none are and a ``WmsError`` says why.

Common optional fields of every operation: ``is_urgent`` (default false), ``notes``,
``document_ref`` (e.g. a purchase or sales order number) and ``request_id`` (a repeat with the
same request_id returns the first result and posts nothing). ``operator_id`` is required.
"""
from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import Connection

from ..db.engine import Database
from ..domain import fields as f
from ..domain.codes import CODE_MAX, SKU_CODE_MAX, SKU_SEPARATOR, check_product_code, iso_z, split_sku_code
from ..domain.errors import WmsError, invalid
from . import lookup, pg_posting, requests
from .lookup import Location
from .posting import Header, Line, Posted, post

MUTATION = {
    "operator_id": f.F(f.code(), required=True),
    "is_urgent": f.F(f.flag(), default=False),
    "notes": f.F(f.text(f.NOTES_MAX, multiline=True)),
    "document_ref": f.F(f.code()),
    "request_id": f.F(f.code()),
}
PRODUCT = {"product_id": f.F(f.ident()), "product_code": f.F(f.code())}
SKU = {"sku_code": f.F(f.code(SKU_CODE_MAX))}
BATCH = {"batch_number": f.F(f.code(CODE_MAX))}


def _place(prefix: str = "") -> dict[str, f.F]:
    return {f"{prefix}location_id": f.F(f.ident()), f"{prefix}location_code": f.F(f.code())}


def _one_of(prefix: str = "") -> tuple[str, str]:
    return (f"{prefix}location_id", f"{prefix}location_code")


INBOUND = f.Schema(
    {**PRODUCT, **_place(), **SKU, "stock_quantity": f.F(f.quantity(), required=True), **BATCH, **MUTATION},
    exactly_one=[("product_id", "product_code"), _one_of()],
)
OUTBOUND = INBOUND  # the same fields; batch_number picks the batch to ship from
TRANSFER = f.Schema(
    {
        "sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
        **PRODUCT,
        **_place("from_"),
        **_place("to_"),
        "stock_quantity": f.F(f.quantity(), required=True),
        **BATCH,
        **MUTATION,
    },
    exactly_one=[_one_of("from_"), _one_of("to_")],
    at_most_one=[("product_id", "product_code")],
)
ADJUST = f.Schema(
    {
        "product_code": f.F(f.code(), required=True),
        "location_code": f.F(f.code(), required=True),
        **SKU,
        "stock_quantity": f.F(f.delta(), required=True),
        **BATCH,
        **MUTATION,
    }
)
COUNT = f.Schema({**ADJUST.fields, "stock_quantity": f.F(f.integer(0), required=True)})
ADJUSTMENT_LINE = f.Schema(
    {
        "location_code": f.F(f.code(), required=True),
        "sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
        "stock_quantity": f.F(f.delta(), required=True),
        **BATCH,
    }
)
BATCH_ADJUST = f.Schema(
    {"adjustments": f.F(f.listof(f.nested(ADJUSTMENT_LINE), min_items=1), required=True), **MUTATION}
)


class Inventory:
    """Stock operations of one warehouse (the workstation's)."""

    def __init__(self, db: Database, warehouse: lookup.Warehouse) -> None:
        self.db = db
        self.warehouse = warehouse

    # ---- operations -----------------------------------------------------------------------

    def inbound(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Receive ``stock_quantity`` units of a product (or one of its SKUs) into a location."""
        return self._mutate("inbound", INBOUND.parse(payload), self._inbound_or_outbound)

    def outbound(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Ship ``stock_quantity`` units out of a location; refused beyond its available stock."""
        return self._mutate("outbound", OUTBOUND.parse(payload), self._inbound_or_outbound)

    def transfer(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Move units of one SKU between two locations of the warehouse."""
        return self._mutate("transfer", TRANSFER.parse(payload), self._transfer)

    def adjust(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Change a balance by a signed ``stock_quantity`` (positive adds, negative removes)."""
        return self._mutate("adjust", ADJUST.parse(payload), self._adjust_or_count)

    def count(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Set a balance to the counted ``stock_quantity``; the ledger records the difference."""
        return self._mutate("count", COUNT.parse(payload), self._adjust_or_count)

    def batch_adjust(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Several signed adjustments posted together: all of them, or none."""
        return self._mutate("batch_adjust", BATCH_ADJUST.parse(payload), self._batch_adjust)

    # ---- plans: payload → ledger lines → result -------------------------------------------

    def _inbound_or_outbound(self, conn: Connection, p: dict, operation: str, header: Header) -> dict:
        product = lookup.product(conn, p["product_id"], p["product_code"])
        sku = lookup.sku_of_product(conn, product, p["sku_code"], lock=True)
        place = self._location(conn, p["location_id"], p["location_code"])
        sign = 1 if operation == "inbound" else -1
        (done,) = self._post(conn, [Line(sku, place, p["batch_number"] or "", operation, change=sign * p["stock_quantity"])], header)
        return {
            "product_id": product.product_id,
            "product_code": product.product_code,
            "sku_code": sku.sku_code,
            "location_code": place.location_code,
            "batch_number": p["batch_number"],
            "stock_quantity": p["stock_quantity"],
            "previous_quantity": done.previous_quantity,
            "current_quantity": done.current_quantity,
            **_stamp(header, done.operated_at),
        }

    def _transfer(self, conn: Connection, p: dict, _operation: str, header: Header) -> dict:
        sku = lookup.sku(conn, p["sku_code"], lock=True)
        if p["product_id"] is not None or p["product_code"] is not None:
            product = lookup.product(conn, p["product_id"], p["product_code"])
            if product.product_id != sku.product_id:
                raise WmsError("INVALID_SKU_CODE", f"SKU {sku.sku_code} does not belong to product {product.product_code}",
                               {"sku_code": sku.sku_code, "product_code": product.product_code})
        source, target = lookup.locations_of(conn, self.warehouse.id(conn), [
            (p["from_location_id"], p["from_location_code"], "from_location"),
            (p["to_location_id"], p["to_location_code"], "to_location")])
        if source.location_id == target.location_id:
            raise invalid("to_location_code", "must differ from from_location_code", code=14006,
                          from_location_code=source.location_code, to_location_code=target.location_code)
        batch, qty = p["batch_number"] or "", p["stock_quantity"]
        out, into = self._post(conn, [
            Line(sku, source, batch, "transfer_out", change=-qty),
            Line(sku, target, batch, "transfer_in", change=qty),
        ], header)
        return {
            "product_code": sku.product_code,
            "sku_code": sku.sku_code,
            "from_location_code": source.location_code,
            "to_location_code": target.location_code,
            "stock_quantity": qty,
            "batch_number": p["batch_number"],
            "from_current_quantity": out.current_quantity,
            "to_current_quantity": into.current_quantity,
            **_stamp(header, out.operated_at),
        }

    def _adjust_or_count(self, conn: Connection, p: dict, operation: str, header: Header) -> dict:
        product = lookup.product(conn, product_code=p["product_code"])
        sku = lookup.sku_of_product(conn, product, p["sku_code"], lock=True)
        place = self._location(conn, location_code=p["location_code"])
        qty = p["stock_quantity"]
        line = Line(sku, place, p["batch_number"] or "", operation,
                    change=qty if operation == "adjust" else None, target=qty if operation == "count" else None)
        (done,) = self._post(conn, [line], header)
        return _adjusted(done, header)

    def _batch_adjust(self, conn: Connection, p: dict, operation: str, header: Header) -> dict:
        lines = []
        for i, entry in enumerate(p["adjustments"]):
            try:
                sku = lookup.sku(conn, entry["sku_code"], lock=True)
                place = self._location(conn, location_code=entry["location_code"])
            except WmsError as error:
                error.details["line_index"] = i
                raise
            lines.append(Line(sku, place, entry["batch_number"] or "", "adjust", change=entry["stock_quantity"]))
        done = self._post(conn, lines, header)
        return {
            "adjustments": [_adjusted(d, header) for d in done],
            **_stamp(header, next((d.operated_at for d in done if d.operated_at), None)),
        }

    # ---- shared steps ----------------------------------------------------------------------

    def _mutate(self, operation: str, p: dict, plan: Callable[[Connection, dict, str, Header], dict]) -> dict:
        _check_code_formats(p)
        header = Header.of(p)
        if not self.db.is_sqlite:  # PostgreSQL posts server-side, in one round trip (docs/services.md)
            return pg_posting.post(self.db, self.warehouse.code, operation, p, header)
        return requests.once(self.db, self.warehouse, operation, p, lambda conn: plan(conn, p, operation, header))

    def _post(self, conn: Connection, lines: list[Line], header: Header) -> list[Posted]:
        for line in lines:
            if line.may_grow and not line.location.is_active:
                raise WmsError("OPERATION_NOT_ALLOWED", "An inactive location can be emptied but not filled",
                               {"location_code": line.location.location_code, "reason": "location_inactive"})
        return post(conn, lines, header)

    def _location(self, conn: Connection, location_id: int | None = None, location_code: str | None = None,
                  field: str = "location") -> Location:
        return lookup.location(conn, self.warehouse.id(conn), location_id, location_code, field)


def _check_code_formats(p: dict) -> None:
    """Malformed product and SKU codes are refused before the database is asked anything (on
    either backend, so both refuse the same input the same way)."""
    if p.get("product_code") is not None:
        check_product_code(p["product_code"])
    lines = [(None, p)] if "adjustments" not in p else list(enumerate(p["adjustments"]))
    for index, line in lines:
        if line.get("sku_code") is not None and SKU_SEPARATOR in line["sku_code"]:
            try:
                split_sku_code(line["sku_code"])
            except WmsError as error:
                if index is not None:
                    error.details["line_index"] = index
                raise


def _stamp(header: Header, operated_at) -> dict:
    return {
        "operator_id": header.operator_id,
        "is_urgent": header.is_urgent,
        "notes": header.notes,
        "document_ref": header.document_ref,
        "request_id": header.request_id,
        "operated_at": iso_z(operated_at),
    }


def _adjusted(done: Posted, header: Header) -> dict:
    """The spec's adjust response."""
    stamp = _stamp(header, done.operated_at)
    return {
        "location_code": done.line.location.location_code,
        "product_code": done.line.sku.product_code,
        "sku_code": done.line.sku.sku_code,
        "previous_quantity": done.previous_quantity,
        "adjusted_quantity": done.quantity_change,
        "current_quantity": done.current_quantity,
        "batch_number": done.line.batch_number or None,
        "adjusted_at": stamp.pop("operated_at"),
        **stamp,
    }
