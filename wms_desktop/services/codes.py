"""What a scanned or typed code is (``identify``), and what labels print — each in one call.

``identify`` asks every question a scan can mean in one SQL statement: a location of this
warehouse by its code or its ASCII scan code, a SKU by its code or scan code (a product
without SKUs answers to its product code), a product code of a product with SKUs, an
external barcode, a document number of this warehouse, the tote of an order being picked or
packed — or, for a GS1 label, the barcodes its GTIN may be stored as. The first answer in that order wins;
nothing found is ``unknown``, not an error.
"""
from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    bindparam,
    case,
    exists,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union_all,
)

from ..contract.decode import Payload, decode
from ..contract.lookup import Identified, Identify, LocationLabel, LocationLabels, SkuLabel, SkuLabels
from ..db.prepared import Prepared
from ..db.schema import (
    documents,
    external_codes,
    locations,
    lots,
    orders,
    products,
    skus,
    stock_balances,
    warehouses,
)
from ..domain import fields as f
from ..domain.codes import (
    SKU_CODE_MAX,
    SKU_SEPARATOR,
    check_product_code,
    gtin_candidates,
    is_scan_code,
    split_sku_code,
)
from ..domain.errors import WmsError
from ..domain.orders import TOTE_HELD
from . import lookup
from .access import READ, requires
from .unit import Area, UnitOfWork


class Lookup(Area):
    @requires(READ)
    def identify(self, command: Identify | Payload) -> Identified:
        """What a scanned or typed code is, in one round trip."""
        cmd = decode(Identify, command)
        return self._scope.read(lambda uow: identify(uow, cmd))

    @requires(READ)
    def sku_labels(self, command: SkuLabels | Payload) -> list[SkuLabel]:
        """One label per SKU: a SKU code prints that SKU, a product code every SKU of the product."""
        cmd = decode(SkuLabels, command)
        return self._scope.read(lambda uow: sku_labels(uow, cmd))

    @requires(READ)
    def location_labels(self, command: LocationLabels | Payload | None = None) -> list[LocationLabel]:
        """The named locations, or every location of the warehouse when none are named."""
        cmd = decode(LocationLabels, command or {})
        return self._scope.read(lambda uow: location_labels(uow, cmd))


def identify(uow: UnitOfWork, cmd: Identify) -> Identified:
    if cmd.gtin is not None:
        candidates = gtin_candidates(cmd.gtin)
        shape: tuple[Any, ...] = ("gtin", len(candidates))
        params = {f"code_{i}": code for i, code in enumerate(candidates)}
    else:
        text, code = cmd.code, _valid(f.code(), cmd.code)
        shape = (code, _valid(f.code(SKU_CODE_MAX), text) and _sku_code(text), code and SKU_SEPARATOR not in text,
                 is_scan_code(text))
        params = {"code": text, "code_0": text}
    statement = _statement(shape)
    found = None if statement is None else \
        statement.execute(uow.conn, {**params, "warehouse_code": uow.warehouse.code}).first()
    if found is None:
        return Identified(code=cmd.code, kind="unknown", by_gtin=cmd.gtin is not None)
    values = {name: found._mapping[name] for name in _COLUMNS if name not in ("rank", "kind", "position")}
    values["batched"] = bool(values["batched"])  # null for what is no SKU
    return Identified(code=cmd.code, kind=found.kind, by_gtin=cmd.gtin is not None, **values)


@functools.cache
def _statement(shape: tuple[Any, ...]) -> Prepared | None:
    """The union for one shape of code: a GTIN's n candidates, or which questions a text can
    answer (a location or other code, a SKU code, a product code with SKUs, a scan code — of a
    location or a SKU, asked in the same branch as their codes)."""
    if shape[0] == "gtin":
        branches = [_external(shape[1])]
    else:
        code, sku_code, product_code, scan_code = shape
        text = bindparam("code", type_=String)
        branches = []
        if code:
            branches.append(_row(1, "location", location_code=locations.c.location_code,
                                 location_name=locations.c.location_name)
                            .where(locations.c.warehouse_id == _warehouse(),
                                   _either(locations.c.location_code, locations.c.scan_code, text, scan_code)))
        if sku_code or scan_code:
            branches.append(_sku_row(2, "sku").where(_either(skus.c.sku_code if sku_code else None, skus.c.scan_code,
                                                             text, scan_code)))
        if product_code:
            branches.append(_row(3, "product", product_id=products.c.product_id,
                                 product_code=products.c.product_code, product_name=products.c.product_name)
                            .where(products.c.product_code == text, ~products.c.is_deleted, products.c.has_sku))
        if code:
            branches.append(_external(1))
            document = {"document_type": documents.c.document_type, "document_id": documents.c.document_id,
                        "state": documents.c.state, "document_number": documents.c.document_number}
            branches.append(_row(5, "document", **document)
                            .where(documents.c.warehouse_id == _warehouse(), documents.c.document_number == text))
            branches.append(_row(6, "document", **document)  # a wave's tote: the order in it
                            .join(orders, orders.c.document_id == documents.c.document_id)
                            .where(documents.c.warehouse_id == _warehouse(), orders.c.tote_code == text,
                                   # constants inlined: a prepared statement has no expanding IN
                                   documents.c.state.in_([literal_column(f"'{state}'") for state in TOTE_HELD])))
    if not branches:
        return None
    union: Any = branches[0] if len(branches) == 1 else union_all(*branches)
    return Prepared(lambda: union.order_by("rank", "position").limit(1))


_COLUMNS = {
    "rank": Integer, "kind": String, "position": Integer, "location_code": String, "location_name": String,
    "product_id": Integer, "product_code": String, "product_name": String, "sku_code": String,
    "sku_color": String, "sku_size": String, "weight_grams": Integer, "document_type": String,
    "document_id": Integer, "state": String, "document_number": String, "batched": Boolean,
}


def _either(code: Any, scan_code: Any, text: Any, scanned: bool) -> Any:
    """``code = text``, or ``scan_code = text`` too when the text is shaped like a scan code
    (each has its unique index: an index OR on PostgreSQL)."""
    if not scanned:
        return code == text
    return scan_code == text if code is None else or_(code == text, scan_code == text)


def _warehouse():
    """The workstation's warehouse id, inside the statement (identify stays one round trip)."""
    return select(warehouses.c.warehouse_id) \
        .where(warehouses.c.warehouse_code == bindparam("warehouse_code", type_=String)).scalar_subquery()


def _row(rank: int, kind: str, position: Any = 0, **columns: Any):
    """One branch of the union: every column of ``_COLUMNS``, null where the branch has none."""
    given = {"rank": literal(rank), "kind": literal(kind), "position": position if not isinstance(position, int)
             else literal(position), **columns}
    return select(*(given[name].label(name) if name in given else null().cast(kind_).label(name)
                    for name, kind_ in _COLUMNS.items()))


def _batched():
    """The SKU is kept in batches: it has a lot, or stock in a batch (the batch step of a scan)."""
    return or_(exists().where(lots.c.sku_id == skus.c.sku_id),
               exists().where(stock_balances.c.sku_id == skus.c.sku_id, stock_balances.c.batch_number != ""))


def _sku_row(rank: int, kind: str, position: Any = 0):
    return (_row(rank, kind, position, product_id=products.c.product_id, product_code=products.c.product_code,
                 product_name=products.c.product_name, sku_code=skus.c.sku_code, sku_color=skus.c.sku_color,
                 sku_size=skus.c.sku_size, weight_grams=skus.c.weight_grams, batched=_batched())
            .select_from(skus).join(products, products.c.product_id == skus.c.product_id)
            .where(~skus.c.is_deleted))


def _external(count: int):
    """The SKU an external code points at: of ``count`` candidates (``code_0`` …), the first."""
    codes = [bindparam(f"code_{i}", type_=String) for i in range(count)]
    position = case(*((external_codes.c.external_code == code, i) for i, code in enumerate(codes)))
    return (_sku_row(4, "external", position).join(external_codes, external_codes.c.sku_id == skus.c.sku_id)
            .where(external_codes.c.external_code.in_(codes)))


def _valid(rule: f.Parser, text: str) -> bool:
    try:
        rule("code", text)
    except WmsError:
        return False
    return True


def _sku_code(text: str) -> bool:
    """A product code, or a well-formed ``{product_code}-{sku_color}-{sku_size}``."""
    try:
        split_sku_code(text) if SKU_SEPARATOR in text else check_product_code(text)
    except WmsError:
        return False
    return True


def sku_labels(uow: UnitOfWork, cmd: SkuLabels) -> list[SkuLabel]:
    conn, items = uow.conn, []
    for code in cmd.codes:
        if SKU_SEPARATOR in code:
            split_sku_code(code)
            wanted = skus.c.sku_id == lookup.sku(conn, code).sku_id
        else:
            wanted = skus.c.product_id == lookup.product(conn, product_code=code).product_id
        first_ean = select(external_codes.c.external_code).where(external_codes.c.sku_id == skus.c.sku_id) \
            .order_by(external_codes.c.external_code_id).limit(1).scalar_subquery()
        for row in conn.execute(select(skus.c.sku_code, products.c.product_name, skus.c.sku_color, skus.c.sku_size,
                                       func.coalesce(first_ean, skus.c.scan_code).label("scan_code"))
                                .join(products, products.c.product_id == skus.c.product_id)
                                .where(wanted, ~skus.c.is_deleted).order_by(skus.c.sku_id)):
            items.append(SkuLabel(sku_code=row.sku_code, product_name=row.product_name,
                                  sku_color=row.sku_color or "", sku_size=row.sku_size or "", scan_code=row.scan_code))
    return items


def location_labels(uow: UnitOfWork, cmd: LocationLabels) -> list[LocationLabel]:
    found = select(locations.c.location_code, locations.c.scan_code) \
        .where(locations.c.warehouse_id == uow.warehouse_id)
    if not cmd.codes:
        return [LocationLabel(**row._mapping) for row in uow.conn.execute(found.order_by(locations.c.location_code))]
    places = lookup.locations_of(uow.conn, uow.warehouse_id, [(None, code, "location") for code in cmd.codes])
    scan_codes = dict(uow.conn.execute(found.where(locations.c.location_id.in_([p.location_id for p in places]))).all())
    return [LocationLabel(location_code=place.location_code, scan_code=scan_codes[place.location_code])
            for place in places]
