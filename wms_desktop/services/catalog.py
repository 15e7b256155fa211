"""The catalogue: products, their SKUs and the external barcodes that point at SKUs.

A product with ``has_sku`` true has SKUs ``{product_code}-{sku_color}-{sku_size}``; a product
without SKUs has one implicit SKU whose code is the product code, so stock always hangs off
a SKU. ``external_code`` is unique across the catalogue; one SKU may have many.
Product lookups return the product with its stock nested colour → size → location (see
``stock.product_views``), plus ``matched_sku`` when a SKU or external code was looked up.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from ..db.engine import Database, now
from ..db.schema import external_codes, products, skus, stock_balances
from ..domain import fields as f
from ..domain.codes import (
    SKU_CODE_MAX, SKU_PART_MAX, SKU_SEPARATOR, UNASSIGNED_LOCATION, check_product_code, check_sku_parts,
    iso_z, sku_code_for, split_sku_code,
)
from ..domain.errors import WmsError, invalid
from . import lookup, pg_posting, requests
from .inventory import MUTATION
from .posting import Header, Line, post
from .stock import PAGE, PRODUCT_COLUMNS, product_record, product_views

EXTERNAL = {"external_codes": f.F(f.listof(f.code(), max_items=50))}
SKU_EDITABLE = {
    "image_path": f.F(f.image_path()),
    "weight_grams": f.F(f.integer(1, f.MAX_QUANTITY)),  # unit weight; absent or null = unknown
}
SKU_FIELDS = {
    "sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
    "sku_color": f.F(f.code(SKU_PART_MAX), required=True),
    "sku_size": f.F(f.code(SKU_PART_MAX), required=True),
    **SKU_EDITABLE,
    **EXTERNAL,
}
SKU_LINE = f.Schema(SKU_FIELDS)
THRESHOLDS = {
    "low_stock_threshold": f.F(f.integer(-f.MAX_QUANTITY, f.MAX_QUANTITY)),
    "high_stock_threshold": f.F(f.integer(-f.MAX_QUANTITY, f.MAX_QUANTITY)),
}
PRODUCT_FIELDS = {
    "product_name": f.F(f.text()),
    "unit": f.F(f.code(16)),
    "category_id": f.F(f.code()),
    "image_path": f.F(f.image_path()),
    "has_sku": f.F(f.flag()),
    **THRESHOLDS,
    "skus": f.F(f.listof(f.nested(SKU_LINE), max_items=2000)),
}
PRODUCT_CREATE = f.Schema({"product_code": f.F(f.code(), required=True), **PRODUCT_FIELDS, **MUTATION})
PRODUCT_UPDATE = f.Schema({"product_id": f.F(f.ident(), required=True), "product_code": f.F(f.code()),
                           **PRODUCT_FIELDS, **MUTATION})
PRODUCT_DELETE = f.Schema({"product_id": f.F(f.ident(), required=True), **MUTATION})
PRODUCT_LIST = f.Schema({"search": f.F(f.text(f.CODE_MAX)), **PAGE})
SKU_CREATE = f.Schema({
    "product_code": f.F(f.code(), required=True),
    **SKU_FIELDS,
    "stock_quantity": f.F(f.integer(0)),
    **MUTATION,
    "operator_id": f.F(f.code()),  # needed only when stock_quantity opens a balance
})
SKU_UPDATE = f.Schema({"sku_code": f.F(f.code(SKU_CODE_MAX), required=True), **SKU_EDITABLE, **MUTATION})
SKU_DELETE = f.Schema({"sku_code": f.F(f.code(SKU_CODE_MAX), required=True), **MUTATION})
EXTERNAL_REMOVE = f.Schema({"sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
                            "external_code": f.F(f.code(), required=True), **MUTATION})
EXTERNAL_ADD = f.Schema({"sku_code": f.F(f.code(SKU_CODE_MAX), required=True), "external_code": f.F(f.code()),
                         **EXTERNAL}, exactly_one=[("external_code", "external_codes")])


class Catalog:
    def __init__(self, db: Database, warehouse: lookup.Warehouse) -> None:
        self.db = db
        self.warehouse = warehouse

    # ---- products ---------------------------------------------------------------------------

    def create_product(self, payload: dict[str, Any]) -> dict[str, Any]:
        p = PRODUCT_CREATE.parse(payload)
        code = check_product_code(p["product_code"])
        if p["product_name"] is None or not p["product_name"].strip():
            raise invalid("product_name", "is required")
        has_sku = p["has_sku"] if p["has_sku"] is not None else bool(p["skus"])
        if not has_sku and p["skus"]:
            raise invalid("skus", "a product with has_sku false has no SKU list")
        _check_thresholds(p["low_stock_threshold"], p["high_stock_threshold"])

        def work(conn: Connection) -> dict:
            if _live_product_id(conn, code) is not None:
                raise WmsError("PRODUCT_CODE_EXISTS", details={"product_code": code})
            values = {k: p[k] for k in ("product_name", "unit", "category_id", "image_path",
                                        "low_stock_threshold", "high_stock_threshold") if p[k] is not None}
            product_id = conn.execute(insert(products).values(product_code=code, has_sku=has_sku, **values)
                                      .returning(products.c.product_id)).scalar_one()
            if has_sku:
                _add_skus(conn, product_id, code, p["skus"] or [])
            else:  # the implicit SKU that carries this product's stock
                conn.execute(insert(skus).values(product_id=product_id, sku_code=code, image_path=p["image_path"]))
            return self._echo(conn, product_id, p)

        return requests.once(self.db, self.warehouse, "create_product", p, work)

    def update_product(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Change names, unit, category, image and thresholds; add SKUs. The product code and
        ``has_sku`` are identities (printed on labels, part of every SKU code): not editable.
        ``category_id`` or ``image_path`` given as null clears it; any other field left out or
        null stays as it is."""
        p = PRODUCT_UPDATE.parse(payload)
        if p["product_name"] is not None and not p["product_name"].strip():
            raise invalid("product_name", "must not be empty")
        cleared = _cleared(payload, ("category_id", "image_path"))

        def work(conn: Connection) -> dict:
            current = lookup.product(conn, product_id=p["product_id"])
            for name, value in (("product_code", current.product_code), ("has_sku", current.has_sku)):
                if p[name] is not None and p[name] != value:
                    raise WmsError("OPERATION_NOT_ALLOWED", f"{name} cannot be changed",
                                   {"field": name, "product_code": current.product_code, "reason": "immutable_field"})
            row = conn.execute(select(products.c.low_stock_threshold, products.c.high_stock_threshold)
                               .where(products.c.product_id == current.product_id)).one()
            _check_thresholds(_given(p["low_stock_threshold"], row.low_stock_threshold),
                              _given(p["high_stock_threshold"], row.high_stock_threshold))
            if p["skus"] and not current.has_sku:
                raise invalid("skus", "a product with has_sku false has no SKU list")
            changes = {k: p[k] for k in ("product_name", "unit", "category_id", "image_path",
                                         "low_stock_threshold", "high_stock_threshold") if p[k] is not None}
            changes.update(dict.fromkeys(cleared))
            conn.execute(update(products).where(products.c.product_id == current.product_id)
                         .values(**changes, updated_at=now(conn)))
            if p["skus"]:
                _add_skus(conn, current.product_id, current.product_code, p["skus"])
            return self._echo(conn, current.product_id, p)

        return requests.once(self.db, self.warehouse, "update_product", {**p, "cleared_fields": cleared}, work)

    def delete_product(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Refused while any of its SKUs holds stock. The row stays (flagged deleted) so the
        ledger keeps its history; its code and external codes are free for reuse."""
        p = PRODUCT_DELETE.parse(payload)

        def work(conn: Connection) -> dict:
            current = lookup.product(conn, product_id=p["product_id"])
            # FOR UPDATE on the SKUs waits for postings in flight (they hold FOR KEY SHARE)
            sku_ids = list(conn.scalars(select(skus.c.sku_id).where(skus.c.product_id == current.product_id)
                                        .with_for_update()))
            held = conn.scalar(select(stock_balances.c.stock_quantity).where(
                stock_balances.c.sku_id.in_(sku_ids), stock_balances.c.stock_quantity > 0).limit(1))
            if held:
                raise WmsError("OPERATION_NOT_ALLOWED", "A product with stock cannot be deleted",
                               {"product_code": current.product_code, "reason": "product_has_stock"})
            conn.execute(delete(external_codes).where(external_codes.c.sku_id.in_(sku_ids)))
            conn.execute(update(skus).where(skus.c.product_id == current.product_id).values(is_deleted=True))
            conn.execute(update(products).where(products.c.product_id == current.product_id)
                         .values(is_deleted=True, updated_at=now(conn)))
            stamp = conn.scalar(select(now(conn)))
            return {"product_id": current.product_id, "operated_at": iso_z(stamp), **_mutation_echo(p)}

        return requests.once(self.db, self.warehouse, "delete_product", p, work)

    def product_by_id(self, product_id: int) -> dict[str, Any]:
        pid = f.ident()("product_id", product_id)
        return self.db.run(lambda conn: self._view(conn, lookup.product(conn, product_id=pid).product_id), write=False)

    def product_detail(self, product_id: int) -> dict[str, Any]:
        """``product_by_id`` with each of ``skus`` also carrying its ``external_codes`` and
        ``stock_quantity`` (this warehouse): everything a product editor shows, in one read."""
        pid = f.ident()("product_id", product_id)

        def work(conn: Connection) -> dict:
            view = self._view(conn, lookup.product(conn, product_id=pid).product_id)
            stock = {size["sku_code"]: size["total_quantity"] for color in view["colors"] for size in color["sizes"]}
            codes: dict[str, list[str]] = {s["sku_code"]: [] for s in view["skus"]}
            for sku_code, external_code in conn.execute(
                    select(skus.c.sku_code, external_codes.c.external_code).join(external_codes)
                    .where(skus.c.product_id == pid, ~skus.c.is_deleted).order_by(external_codes.c.external_code_id)):
                codes[sku_code].append(external_code)
            for sku in view["skus"]:
                sku.update(external_codes=codes[sku["sku_code"]], stock_quantity=stock[sku["sku_code"]])
            return view

        return self.db.run(work, write=False)

    def product_by_code(self, code: str) -> dict[str, Any]:
        """A product code, or a SKU code (it contains "-"), which also fills ``matched_sku``."""
        code = f.code(SKU_CODE_MAX)("code", code)

        def work(conn: Connection) -> dict:
            if SKU_SEPARATOR in code:
                split_sku_code(code)
                sku = lookup.sku(conn, code)
                return self._view(conn, sku.product_id, sku.sku_code)
            return self._view(conn, lookup.product(conn, product_code=code).product_id)

        return self.db.run(work, write=False)

    def product_by_external_code(self, external_code: str) -> dict[str, Any]:
        external_code = f.code()("external_code", external_code)

        def work(conn: Connection) -> dict:
            sku = lookup.sku_by_external_code(conn, external_code)
            return self._view(conn, sku.product_id, sku.sku_code)

        return self.db.run(work, write=False)

    def list_products(self, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        """Products ordered by code. ``search`` matches the start of a product or SKU code, an
        exact external code, or any part of the name."""
        p = PRODUCT_LIST.parse(payload or {})

        def work(conn: Connection) -> dict:
            query = select(*PRODUCT_COLUMNS).where(~products.c.is_deleted)
            if p["search"]:
                prefix = lookup.escape_like(p["search"]) + "%"
                query = query.where(or_(
                    products.c.product_code.like(prefix, escape="\\"),
                    products.c.product_name.like("%" + prefix, escape="\\"),
                    products.c.product_id.in_(select(skus.c.product_id).where(skus.c.sku_code.like(prefix, escape="\\"))),
                    products.c.product_id.in_(select(skus.c.product_id).join(external_codes).where(
                        external_codes.c.external_code == p["search"])),
                ))
            total = conn.scalar(select(func.count()).select_from(query.subquery()))
            rows = conn.execute(query.order_by(products.c.product_code)
                                .limit(p["page_size"]).offset((p["page"] - 1) * p["page_size"]))
            return {"data": [product_record(r) for r in rows],
                    "pagination": {"page": p["page"], "page_size": p["page_size"], "total": total}}

        return self.db.run(work, write=False)

    # ---- SKUs and external codes ------------------------------------------------------------

    def create_sku(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Add a SKU to a product with SKUs. A ``stock_quantity`` above zero is received into
        the 无货位 location in the same transaction (and then needs ``operator_id``)."""
        p = SKU_CREATE.parse(payload)
        if p["stock_quantity"] and p["operator_id"] is None:
            raise invalid("operator_id", "is required when stock_quantity is given")

        def work(conn: Connection) -> dict:
            owner = lookup.product(conn, product_code=p["product_code"])
            if not owner.has_sku:
                raise WmsError("OPERATION_NOT_ALLOWED", "This product has no SKUs (has_sku is false)",
                               {"product_code": owner.product_code, "reason": "product_without_skus"})
            line = {k: p[k] for k in SKU_FIELDS}
            (sku_id,) = _add_skus(conn, owner.product_id, owner.product_code, [line])
            result = self._sku_out(conn, sku_id)
            if p["stock_quantity"] and not self.db.is_sqlite:  # posted server-side, as every stock change
                pg_posting.receive_unassigned(conn, self.warehouse.code, owner.product_code, line["sku_code"],
                                              p["stock_quantity"], Header.of(p))
            elif p["stock_quantity"]:
                warehouse = self.warehouse.id(conn)
                place = lookup.location(conn, warehouse, location_code=UNASSIGNED_LOCATION)
                opening = Line(lookup.sku(conn, line["sku_code"]), place, "", "inbound", change=p["stock_quantity"])
                post(conn, [opening], Header.of(p))
            result["stock_quantity"] = p["stock_quantity"] or 0
            return result

        return requests.once(self.db, self.warehouse, "create_sku", p, work)

    def update_sku(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Change a SKU's image and unit weight. A field left out stays as it is; a field given
        as null clears it. Code, colour and size are identities (the code is built from them)."""
        p = SKU_UPDATE.parse(payload)
        cleared = _cleared(payload, SKU_EDITABLE)
        changes = {**{k: p[k] for k in SKU_EDITABLE if p[k] is not None}, **dict.fromkeys(cleared)}

        def work(conn: Connection) -> dict:
            sku = lookup.sku(conn, p["sku_code"], lock=True)
            if changes:
                conn.execute(update(skus).where(skus.c.sku_id == sku.sku_id).values(**changes))
            return {**self._sku_out(conn, sku.sku_id), **_stamp(conn), **_mutation_echo(p)}

        return requests.once(self.db, self.warehouse, "update_sku", {**p, "cleared_fields": cleared}, work)

    def delete_sku(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Refused while any balance of the SKU holds stock, and for a product's last SKU (a
        product without SKUs has exactly one, its implicit SKU). Like a product, the row stays
        flagged deleted for the ledger; its code and external codes are free for reuse."""
        p = SKU_DELETE.parse(payload)

        def work(conn: Connection) -> dict:
            sku = lookup.sku(conn, p["sku_code"])
            # lock the product's SKUs: waits for postings in flight, and two workstations deleting
            # the last two SKUs at once cannot both see a sibling left
            live = list(conn.scalars(select(skus.c.sku_id).where(skus.c.product_id == sku.product_id,
                                                                 ~skus.c.is_deleted).with_for_update()))
            if sku.sku_id not in live:  # deleted by another workstation meanwhile
                raise WmsError("SKU_NOT_FOUND", details={"sku_code": sku.sku_code})
            if live == [sku.sku_id]:
                raise WmsError("OPERATION_NOT_ALLOWED", "A product keeps at least one SKU; delete the product instead",
                               {"sku_code": sku.sku_code, "product_code": sku.product_code, "reason": "last_sku"})
            held = conn.scalar(select(func.sum(stock_balances.c.stock_quantity)).where(
                stock_balances.c.sku_id == sku.sku_id, stock_balances.c.stock_quantity > 0))
            if held:
                raise WmsError("OPERATION_NOT_ALLOWED", "A SKU with stock cannot be deleted",
                               {"sku_code": sku.sku_code, "stock_quantity": int(held), "reason": "sku_has_stock"})
            conn.execute(delete(external_codes).where(external_codes.c.sku_id == sku.sku_id))
            conn.execute(update(skus).where(skus.c.sku_id == sku.sku_id).values(is_deleted=True))
            conn.execute(update(products).where(products.c.product_id == sku.product_id).values(updated_at=now(conn)))
            return {"sku_code": sku.sku_code, "product_code": sku.product_code, **_stamp(conn), **_mutation_echo(p)}

        return requests.once(self.db, self.warehouse, "delete_sku", p, work)

    def add_external_codes(self, payload: dict[str, Any]) -> dict[str, Any]:
        p = EXTERNAL_ADD.parse(payload)
        codes = p["external_codes"] if p["external_codes"] is not None else [p["external_code"]]

        def work(conn: Connection) -> dict:
            sku = lookup.sku(conn, p["sku_code"], lock=True)
            _insert_external_codes(conn, sku.sku_id, codes, "external_codes" if p["external_codes"] else "external_code")
            return self._external_out(conn, sku)

        return self.db.run(work)

    def remove_external_code(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Detach one barcode from the SKU it names (refused if it points at another SKU)."""
        p = EXTERNAL_REMOVE.parse(payload)

        def work(conn: Connection) -> dict:
            sku = lookup.sku(conn, p["sku_code"], lock=True)
            removed = conn.execute(delete(external_codes).where(external_codes.c.sku_id == sku.sku_id,
                                                                external_codes.c.external_code == p["external_code"]))
            if removed.rowcount != 1:
                raise WmsError("EXTERNAL_CODE_NOT_FOUND", details={"external_code": p["external_code"],
                                                                   "sku_code": sku.sku_code})
            return {**self._external_out(conn, sku), "removed_external_code": p["external_code"],
                    **_stamp(conn), **_mutation_echo(p)}

        return requests.once(self.db, self.warehouse, "remove_external_code", p, work)

    def external_codes_of(self, sku_code: str) -> dict[str, Any]:
        sku_code = f.code(SKU_CODE_MAX)("sku_code", sku_code)
        return self.db.run(lambda conn: self._external_out(conn, lookup.sku(conn, sku_code)), write=False)

    def sku_by_external_code(self, external_code: str) -> dict[str, Any]:
        external_code = f.code()("external_code", external_code)
        return self.db.run(lambda conn: self._sku_out(conn, lookup.sku_by_external_code(conn, external_code).sku_id),
                           write=False)

    # ---- shapes -----------------------------------------------------------------------------

    def _view(self, conn: Connection, product_id: int, matched_sku_code: str | None = None) -> dict:
        row = conn.execute(select(*PRODUCT_COLUMNS).where(products.c.product_id == product_id)).one()
        (view,) = product_views(conn, self.warehouse.id(conn), [row])
        view["stock_quantity"] = view["total_quantity"]
        weights = dict(conn.execute(select(skus.c.sku_code, skus.c.weight_grams).where(
            skus.c.product_id == product_id, ~skus.c.is_deleted)).all())
        for sku in view["skus"]:
            sku["weight_grams"] = weights[sku["sku_code"]]
        view["matched_sku"] = None
        if matched_sku_code is not None:
            sku = next(s for s in view["skus"] if s["sku_code"] == matched_sku_code)
            sizes = (size for c in view["colors"] for size in c["sizes"] if size["sku_code"] == matched_sku_code)
            view["matched_sku"] = {**sku, "stock_quantity": next(sizes)["total_quantity"]}
        return view

    def _echo(self, conn: Connection, product_id: int, p: dict) -> dict:
        view = self._view(conn, product_id)
        stamp = conn.scalar(select(now(conn)))
        return {**view, "operated_at": iso_z(stamp), **_mutation_echo(p)}

    def _sku_out(self, conn: Connection, sku_id: int) -> dict:
        row = conn.execute(select(skus.c.sku_code, skus.c.sku_color, skus.c.sku_size, skus.c.image_path,
                                  skus.c.weight_grams, products.c.product_id, products.c.product_code, products.c.product_name)
                           .join(products, products.c.product_id == skus.c.product_id)
                           .where(skus.c.sku_id == sku_id)).one()
        codes = conn.scalars(select(external_codes.c.external_code).where(external_codes.c.sku_id == sku_id)
                             .order_by(external_codes.c.external_code_id))
        return {**row._mapping, "external_codes": list(codes)}

    def _external_out(self, conn: Connection, sku: lookup.Sku) -> dict:
        codes = conn.scalars(select(external_codes.c.external_code).where(external_codes.c.sku_id == sku.sku_id)
                             .order_by(external_codes.c.external_code_id))
        return {"sku_code": sku.sku_code, "external_codes": list(codes)}


def _live_product_id(conn: Connection, product_code: str) -> int | None:
    return conn.scalar(select(products.c.product_id).where(products.c.product_code == product_code,
                                                            ~products.c.is_deleted))


def _add_skus(conn: Connection, product_id: int, product_code: str, lines: list[dict]) -> list[int]:
    """Insert SKUs whose code, colour and size agree; refuse a code that is taken."""
    ids = []
    for i, line in enumerate(lines):
        check_sku_parts(line["sku_color"], line["sku_size"], f"skus[{i}].")
        expected = sku_code_for(product_code, line["sku_color"], line["sku_size"])
        if line["sku_code"] != expected:
            raise WmsError("INVALID_SKU_CODE", f"sku_code must be {expected}",
                           {"sku_code": line["sku_code"], "expected_sku_code": expected})
        if conn.scalar(select(skus.c.sku_id).where(skus.c.sku_code == expected, ~skus.c.is_deleted)):
            raise WmsError("SKU_CODE_EXISTS", details={"sku_code": expected})
        sku_id = conn.execute(insert(skus).values(
            product_id=product_id, sku_code=expected, sku_color=line["sku_color"], sku_size=line["sku_size"],
            image_path=line["image_path"], weight_grams=line["weight_grams"]).returning(skus.c.sku_id)).scalar_one()
        _insert_external_codes(conn, sku_id, line["external_codes"] or [], f"skus[{i}].external_codes")
        ids.append(sku_id)
    return ids


def _insert_external_codes(conn: Connection, sku_id: int, codes: list[str], field: str) -> None:
    if len(set(codes)) != len(codes):
        raise invalid(field, "lists the same external code twice")
    if not codes:
        return
    taken = conn.execute(select(external_codes.c.external_code, skus.c.sku_code).join(skus)
                         .where(external_codes.c.external_code.in_(codes))).first()
    if taken:
        raise WmsError("EXTERNAL_CODE_EXISTS", details={"external_code": taken.external_code, "sku_code": taken.sku_code})
    conn.execute(insert(external_codes), [{"sku_id": sku_id, "external_code": c} for c in codes])


def _check_thresholds(low: int | None, high: int | None) -> None:
    """Stock alert thresholds: -1 disables one; otherwise high must exceed low (15013–15015)."""
    if low is not None and low < -1:
        raise invalid("low_stock_threshold", "must be non-negative, or -1 to disable", code=15013)
    if high is not None and high < -1:
        raise invalid("high_stock_threshold", "must be non-negative, or -1 to disable", code=15014)
    if low is not None and high is not None and low != -1 and high != -1 and high <= low:
        raise invalid("high_stock_threshold", "must be greater than low_stock_threshold", code=15015,
                      low_stock_threshold=low, high_stock_threshold=high)


def _given(value, fallback):
    return fallback if value is None else value


def _cleared(payload: dict, names) -> list[str]:
    """Optional fields given as null: cleared (parsing maps absent and null alike, so the list
    also goes into the request fingerprint)."""
    return [k for k in names if k in payload and payload[k] is None]


def _stamp(conn: Connection) -> dict:
    return {"operated_at": iso_z(conn.scalar(select(now(conn))))}


def _mutation_echo(p: dict) -> dict:
    return {k: p[k] for k in ("operator_id", "is_urgent", "notes")}

