"""The catalogue: products, their SKUs and the external barcodes that point at SKUs.

A product with ``has_sku`` true has SKUs ``{product_code}-{sku_color}-{sku_size}``; a product
without SKUs has one implicit SKU whose code is the product code, so stock always hangs off
a SKU. ``external_code`` is unique across the catalogue; one SKU may have many.
Product lookups return the product with its stock nested colour → size → location (see
``stock.product_views``), plus ``matched_sku`` when a SKU or external code was looked up.

Every write is a function on a unit of work, so ``save_product`` runs a whole edit of the
product editor — the product, SKU weights, barcodes off, SKUs deleted, barcodes on — in one
transaction: all of it, or nothing.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import msgspec
from sqlalchemy import Connection, Select, String, bindparam, delete, func, insert, null, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..contract.base import Changes, Pagination
from ..contract.catalog import (
    AddExternalCodes,
    CatalogProduct,
    CreateProduct,
    CreateSku,
    DeleteProduct,
    DeleteSku,
    ExternalCodeList,
    ExternalCodeRemoved,
    ExternalCodesAdded,
    ListProducts,
    NewSku,
    ProductDeleted,
    ProductDetail,
    ProductEdited,
    ProductPage,
    ProductSaved,
    RemoveExternalCode,
    SaveProduct,
    SkuCreated,
    SkuDeleted,
    SkuRecord,
    SkuUpdated,
    UpdateProduct,
    UpdateSku,
)
from ..contract.decode import Payload, check, decode
from ..contract.fields import Code, Ident, SkuCode
from ..contract.stock import Inbound
from ..db.schema import external_codes, locations, products, skus, stock_balances
from ..domain.codes import (
    SKU_SCAN_PREFIX,
    SKU_SEPARATOR,
    UNASSIGNED_LOCATION,
    assigned_scan_code,
    check_product_code,
    check_scan_code,
    check_sku_parts,
    iso_z,
    sku_code_for,
    split_sku_code,
)
from ..domain.errors import WmsError, invalid
from ..domain.permissions import EDIT_CATALOG
from . import audit, lookup
from .access import READ, requires
from .inventory import inbound
from .stock import PRODUCT_COLUMNS, nest_views, product_records, product_views
from .unit import Area, UnitOfWork

PRODUCT_EDITABLE = ("product_name", "unit", "category_id", "image_path", "low_stock_threshold", "high_stock_threshold")
AUDITED = ("product_code", "product_name", "unit", "category_id", "image_path", "has_sku", "low_stock_threshold",
           "high_stock_threshold", "is_deleted")
SKU_AUDITED = ("sku_color", "sku_size", "image_path", "weight_grams", "scan_code")


class Catalog(Area):
    # ---- products ---------------------------------------------------------------------------

    @requires(EDIT_CATALOG)
    def save_product(self, command: SaveProduct | Payload) -> ProductEdited:
        """A whole product edit in one transaction; the product as saved."""
        cmd = self._scope.signed(decode(SaveProduct, command))

        def work(uow: UnitOfWork) -> ProductEdited:
            product_id = save_product(uow, cmd)
            detail = product_detail(uow, product_id)
            return ProductEdited(**msgspec.structs.asdict(detail), changes=Changes(product_ids=[product_id]))

        return self._scope.once("save_product", cmd, ProductEdited, work)

    @requires(EDIT_CATALOG)
    def create_product(self, command: CreateProduct | Payload) -> ProductSaved:
        cmd = self._scope.signed(decode(CreateProduct, command))
        return self._scope.once("create_product", cmd, ProductSaved, lambda uow: create_product(uow, cmd))

    @requires(EDIT_CATALOG)
    def update_product(self, command: UpdateProduct | Payload) -> ProductSaved:
        """Change names, unit, category, image and thresholds; add SKUs. The product code and
        ``has_sku`` are identities (printed on labels, part of every SKU code): not editable.
        ``category_id`` or ``image_path`` given as null clears it; any other field left out or
        null stays as it is."""
        cmd = self._scope.signed(decode(UpdateProduct, command))
        return self._scope.once("update_product", cmd, ProductSaved, lambda uow: update_product(uow, cmd))

    @requires(EDIT_CATALOG)
    def delete_product(self, command: DeleteProduct | Payload) -> ProductDeleted:
        """Refused while any of its SKUs holds stock. The row stays (flagged deleted) so the
        ledger keeps its history; its code and external codes are free for reuse."""
        cmd = self._scope.signed(decode(DeleteProduct, command))
        return self._scope.once("delete_product", cmd, ProductDeleted, lambda uow: delete_product(uow, cmd))

    @requires(READ)
    def product_by_id(self, product_id: int) -> CatalogProduct:
        pid = check(Ident, "product_id", product_id)
        return self._scope.read(lambda uow: looked_up(uow, "product_id", pid))

    @requires(READ)
    def product_detail(self, product_id: int) -> ProductDetail:
        """``product_by_id`` with each of ``skus`` also carrying its ``external_codes`` and
        ``stock_quantity`` (this warehouse): everything a product editor shows, in one read."""
        pid = check(Ident, "product_id", product_id)
        return self._scope.read(lambda uow: product_detail(uow, lookup.product(uow.conn, product_id=pid).product_id))

    @requires(READ)
    def product_by_code(self, code: str) -> CatalogProduct:
        """A product code, or a SKU code (it contains "-"), which also fills ``matched_sku``."""
        code = check(SkuCode, "code", code)

        if SKU_SEPARATOR in code:
            split_sku_code(code)
            return self._scope.read(lambda uow: looked_up(uow, "sku_code", code))
        check_product_code(code)
        return self._scope.read(lambda uow: looked_up(uow, "product_code", code))

    @requires(READ)
    def product_by_external_code(self, external_code: str) -> CatalogProduct:
        external_code = check(Code, "external_code", external_code)

        return self._scope.read(lambda uow: looked_up(uow, "external_code", external_code))

    @requires(READ)
    def list_products(self, command: ListProducts | Payload | None = None) -> ProductPage:
        """Products ordered by code. ``search`` matches the start of a product or SKU code, an
        exact external code, or any part of the name."""
        cmd = decode(ListProducts, command or {})
        return self._scope.read(lambda uow: list_products(uow, cmd))

    # ---- SKUs and external codes ------------------------------------------------------------

    @requires(EDIT_CATALOG)
    def create_sku(self, command: CreateSku | Payload) -> SkuCreated:
        """Add a SKU to a product with SKUs. A ``stock_quantity`` above zero is received into
        the 无货位 location in the same transaction (and then needs ``operator_id``)."""
        cmd = decode(CreateSku, command)
        if cmd.stock_quantity and cmd.operator_id is None and self._scope.actor.user_name is None:
            raise invalid("operator_id", "is required when stock_quantity is given")
        cmd = self._scope.signed(cmd, required=False)
        return self._scope.once("create_sku", cmd, SkuCreated, lambda uow: create_sku(uow, cmd))

    @requires(EDIT_CATALOG)
    def update_sku(self, command: UpdateSku | Payload) -> SkuUpdated:
        """Change a SKU's image, unit weight or scan code. A field left out stays as it is; a
        field given as null clears it (a scan code stays). Code, colour and size are identities
        (the code is built from them)."""
        cmd = self._scope.signed(decode(UpdateSku, command))
        return self._scope.once("update_sku", cmd, SkuUpdated, lambda uow: update_sku(uow, cmd))

    @requires(EDIT_CATALOG)
    def delete_sku(self, command: DeleteSku | Payload) -> SkuDeleted:
        """Refused while any balance of the SKU holds stock, and for a product's last SKU (a
        product without SKUs has exactly one, its implicit SKU). Like a product, the row stays
        flagged deleted for the ledger; its code and external codes are free for reuse."""
        cmd = self._scope.signed(decode(DeleteSku, command))
        return self._scope.once("delete_sku", cmd, SkuDeleted, lambda uow: delete_sku(uow, cmd))

    @requires(EDIT_CATALOG)
    def add_external_codes(self, command: AddExternalCodes | Payload) -> ExternalCodesAdded:
        cmd = decode(AddExternalCodes, command)
        return self._scope.write(lambda uow: add_external_codes(uow, cmd))

    @requires(EDIT_CATALOG)
    def remove_external_code(self, command: RemoveExternalCode | Payload) -> ExternalCodeRemoved:
        """Detach one barcode from the SKU it names (refused if it points at another SKU)."""
        cmd = self._scope.signed(decode(RemoveExternalCode, command))
        return self._scope.once("remove_external_code", cmd, ExternalCodeRemoved,
                                lambda uow: remove_external_code(uow, cmd))

    @requires(READ)
    def external_codes_of(self, sku_code: str) -> ExternalCodeList:
        sku_code = check(SkuCode, "sku_code", sku_code)
        return self._scope.read(lambda uow: _external_out(uow.conn, lookup.sku(uow.conn, sku_code)))

    @requires(READ)
    def sku_by_external_code(self, external_code: str) -> SkuRecord:
        external_code = check(Code, "external_code", external_code)
        return self._scope.read(lambda uow: SkuRecord(**_sku_out(
            uow.conn, lookup.sku_by_external_code(uow.conn, external_code).sku_id)))


# ---- operations on a unit of work -------------------------------------------------------------------


def save_product(uow: UnitOfWork, cmd: SaveProduct) -> int:
    """Apply a whole edit; the product's id. A refusal names its step in ``details.step``."""
    operator, urgent, notes, ref = cmd.operator_id, cmd.is_urgent, cmd.notes, cmd.document_ref
    stamp = {"operator_id": operator, "is_urgent": urgent, "notes": notes, "document_ref": ref}
    if cmd.create is not None:
        with _step("create"):
            product_id = create_product(uow, msgspec.structs.replace(cmd.create, **stamp)).product_id
    else:
        assert cmd.update is not None  # exactly one of create / update
        with _step("update"):
            product_id = update_product(uow, msgspec.structs.replace(cmd.update, **stamp)).product_id
    for i, weight in enumerate(cmd.weights):
        with _step(f"weights[{i}]"):
            update_sku(uow, UpdateSku(sku_code=_own_sku(uow, product_id, weight.sku_code),
                                      weight_grams=weight.weight_grams, operator_id=operator, is_urgent=urgent,
                                      notes=notes, document_ref=ref))
    for i, barcode in enumerate(cmd.removed_external_codes):
        with _step(f"removed_external_codes[{i}]"):
            remove_external_code(uow, RemoveExternalCode(
                sku_code=_own_sku(uow, product_id, barcode.sku_code), external_code=barcode.external_code,
                operator_id=operator, is_urgent=urgent, notes=notes, document_ref=ref))
    for i, sku_code in enumerate(cmd.deleted_skus):
        with _step(f"deleted_skus[{i}]"):
            delete_sku(uow, DeleteSku(sku_code=_own_sku(uow, product_id, sku_code), operator_id=operator,
                                      is_urgent=urgent, notes=notes, document_ref=ref))
    for i, barcodes in enumerate(cmd.added_external_codes):
        with _step(f"added_external_codes[{i}]"):
            add_external_codes(uow, AddExternalCodes(sku_code=_own_sku(uow, product_id, barcodes.sku_code),
                                                     external_codes=barcodes.external_codes))
    return product_id


@contextmanager
def _step(step: str) -> Iterator[None]:
    """A refusal inside names the part of the edit it came from."""
    try:
        yield
    except WmsError as error:
        error.details.setdefault("step", step)
        raise


def _own_sku(uow: UnitOfWork, product_id: int, sku_code: str) -> str:
    """A SKU of the product being saved (an edit never reaches into another product)."""
    sku = lookup.sku(uow.conn, sku_code)
    if sku.product_id != product_id:
        raise WmsError("INVALID_SKU_CODE", f"SKU {sku_code} belongs to another product",
                       {"sku_code": sku_code, "product_code": sku.product_code})
    return sku_code


def create_product(uow: UnitOfWork, p: CreateProduct) -> ProductSaved:
    conn = uow.conn
    code = check_product_code(p.product_code)
    if p.product_name is None or not p.product_name.strip():
        raise invalid("product_name", "is required")
    has_sku = p.has_sku if p.has_sku is not None else bool(p.skus)
    if not has_sku and p.skus:
        raise invalid("skus", "a product with has_sku false has no SKU list")
    check_thresholds(p.low_stock_threshold, p.high_stock_threshold)
    if _live_product_id(conn, code) is not None:
        raise WmsError("PRODUCT_CODE_EXISTS", details={"product_code": code})
    values = {k: getattr(p, k) for k in PRODUCT_EDITABLE if getattr(p, k) is not None}
    product_id = conn.execute(insert(products).values(product_code=code, has_sku=has_sku, **values)
                              .returning(products.c.product_id)).scalar_one()
    if has_sku:
        _add_skus(conn, product_id, code, p.skus or [])
    else:  # the implicit SKU that carries this product's stock
        conn.execute(insert(skus).values(product_id=product_id, sku_code=code, image_path=p.image_path))
    audit.record(uow, audit.Change(f"product:{product_id}", "product", code, "create", None,
                                   audit_state(conn, product_id)), p.operator_id)
    return _saved(uow, product_id, p)


def update_product(uow: UnitOfWork, p: UpdateProduct) -> ProductSaved:
    conn = uow.conn
    if p.product_name is not None and not p.product_name.strip():
        raise invalid("product_name", "must not be empty")
    current = lookup.product(conn, product_id=p.product_id)
    for name, value in (("product_code", current.product_code), ("has_sku", current.has_sku)):
        given = getattr(p, name)
        if given is not None and given != value:
            raise WmsError("OPERATION_NOT_ALLOWED", f"{name} cannot be changed",
                           {"field": name, "product_code": current.product_code, "reason": "immutable_field"})
    row = conn.execute(select(products.c.low_stock_threshold, products.c.high_stock_threshold)
                       .where(products.c.product_id == current.product_id)).one()
    check_thresholds(_given(p.low_stock_threshold, row.low_stock_threshold),
                      _given(p.high_stock_threshold, row.high_stock_threshold))
    if p.skus and not current.has_sku:
        raise invalid("skus", "a product with has_sku false has no SKU list")
    changes = {k: getattr(p, k) for k in PRODUCT_EDITABLE if getattr(p, k) not in (None, msgspec.UNSET)}
    changes.update({k: None for k in ("category_id", "image_path") if getattr(p, k) is None})  # given as null
    with _audited(uow, current.product_id, "update", p.operator_id):
        conn.execute(update(products).where(products.c.product_id == current.product_id)
                     .values(**changes, updated_at=uow.now()))
        if p.skus:
            _add_skus(conn, current.product_id, current.product_code, p.skus)
    return _saved(uow, current.product_id, p)


def delete_product(uow: UnitOfWork, p: DeleteProduct) -> ProductDeleted:
    conn = uow.conn
    current = lookup.product(conn, product_id=p.product_id)
    # FOR UPDATE on the SKUs waits for postings in flight (they hold FOR KEY SHARE)
    sku_ids = list(conn.scalars(select(skus.c.sku_id).where(skus.c.product_id == current.product_id)
                                .with_for_update()))
    held = conn.scalar(select(stock_balances.c.stock_quantity).where(
        stock_balances.c.sku_id.in_(sku_ids), stock_balances.c.stock_quantity > 0).limit(1))
    if held:
        raise WmsError("OPERATION_NOT_ALLOWED", "A product with stock cannot be deleted",
                       {"product_code": current.product_code, "reason": "product_has_stock"})
    stamp = uow.now()
    with _audited(uow, current.product_id, "delete", p.operator_id):
        conn.execute(delete(external_codes).where(external_codes.c.sku_id.in_(sku_ids)))
        conn.execute(update(skus).where(skus.c.product_id == current.product_id).values(is_deleted=True))
        conn.execute(update(products).where(products.c.product_id == current.product_id)
                     .values(is_deleted=True, updated_at=stamp))
    return ProductDeleted(product_id=current.product_id, operated_at=iso_z(stamp), **_echo(p),
                          changes=Changes(product_ids=[current.product_id]))


def list_products(uow: UnitOfWork, p: ListProducts) -> ProductPage:
    conn = uow.conn
    found = select(*PRODUCT_COLUMNS).where(~products.c.is_deleted)
    if p.search:
        prefix = lookup.escape_like(p.search) + "%"
        found = found.where(or_(
            products.c.product_code.like(prefix, escape="\\"),
            products.c.product_name.like("%" + prefix, escape="\\"),
            products.c.product_id.in_(select(skus.c.product_id).where(skus.c.sku_code.like(prefix, escape="\\"))),
            products.c.product_id.in_(select(skus.c.product_id).join(external_codes).where(
                external_codes.c.external_code == p.search)),
        ))
    total = conn.scalar(select(func.count()).select_from(found.subquery())) or 0
    rows = conn.execute(found.order_by(products.c.product_code).limit(p.page_size).offset((p.page - 1) * p.page_size))
    return ProductPage(data=product_records(rows),
                       pagination=Pagination(page=p.page, page_size=p.page_size, total=total))


def create_sku(uow: UnitOfWork, p: CreateSku) -> SkuCreated:
    conn = uow.conn
    owner = lookup.product(conn, product_code=p.product_code)
    if not owner.has_sku:
        raise WmsError("OPERATION_NOT_ALLOWED", "This product has no SKUs (has_sku is false)",
                       {"product_code": owner.product_code, "reason": "product_without_skus"})
    line = NewSku(sku_code=p.sku_code, sku_color=p.sku_color, sku_size=p.sku_size, image_path=p.image_path,
                  weight_grams=p.weight_grams, external_codes=p.external_codes)
    if p.scan_code is not None:
        _scan_code_free(conn, check_scan_code(p.scan_code))
    with _audited(uow, owner.product_id, "create_sku", p.operator_id):
        (sku_id,) = _add_skus(conn, owner.product_id, owner.product_code, [line])
        if p.scan_code is not None:
            _update_sku_row(conn, sku_id, {"scan_code": p.scan_code})
    balances = []
    if p.stock_quantity:  # received in this unit of work: a refusal later leaves no stock behind
        opening = inbound(uow, Inbound(
            product_id=owner.product_id, sku_code=line.sku_code, location_code=UNASSIGNED_LOCATION,
            stock_quantity=p.stock_quantity, operator_id=p.operator_id, is_urgent=p.is_urgent, notes=p.notes,
            document_ref=p.document_ref, request_id=p.request_id))
        balances = opening.changes.balances
    changes = Changes(balances=balances, product_ids=[owner.product_id])
    return SkuCreated(**_sku_out(conn, sku_id), stock_quantity=p.stock_quantity or 0, changes=changes)


def update_sku(uow: UnitOfWork, p: UpdateSku) -> SkuUpdated:
    conn = uow.conn
    changes = {k: getattr(p, k) for k in ("image_path", "weight_grams", "scan_code")
               if getattr(p, k) is not msgspec.UNSET}
    sku = lookup.sku(conn, p.sku_code, lock=True)
    if p.scan_code is not msgspec.UNSET:
        _scan_code_free(conn, check_scan_code(p.scan_code, own=assigned_scan_code(SKU_SCAN_PREFIX, sku.sku_id)),
                        sku.sku_id)
    if changes:
        with _audited(uow, sku.product_id, "update_sku", p.operator_id):
            _update_sku_row(conn, sku.sku_id, changes)
    return SkuUpdated(**_sku_out(conn, sku.sku_id), operated_at=iso_z(uow.now()), **_echo(p),
                      changes=Changes(product_ids=[sku.product_id]))


def delete_sku(uow: UnitOfWork, p: DeleteSku) -> SkuDeleted:
    conn = uow.conn
    sku = lookup.sku(conn, p.sku_code)
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
    with _audited(uow, sku.product_id, "delete_sku", p.operator_id):
        conn.execute(delete(external_codes).where(external_codes.c.sku_id == sku.sku_id))
        conn.execute(update(skus).where(skus.c.sku_id == sku.sku_id).values(is_deleted=True))
    stamp = uow.now()
    conn.execute(update(products).where(products.c.product_id == sku.product_id).values(updated_at=stamp))
    return SkuDeleted(sku_code=sku.sku_code, product_code=sku.product_code, operated_at=iso_z(stamp), **_echo(p),
                      changes=Changes(product_ids=[sku.product_id]))


def add_external_codes(uow: UnitOfWork, p: AddExternalCodes) -> ExternalCodesAdded:
    codes = p.external_codes if p.external_codes is not None else [p.external_code or ""]
    sku = lookup.sku(uow.conn, p.sku_code, lock=True)
    with _audited(uow, sku.product_id, "add_external_codes", None):
        _insert_external_codes(uow.conn, sku.sku_id, codes, "external_codes" if p.external_codes else "external_code")
    listed = _external_out(uow.conn, sku)
    return ExternalCodesAdded(sku_code=listed.sku_code, external_codes=listed.external_codes,
                              changes=Changes(product_ids=[sku.product_id]))


def remove_external_code(uow: UnitOfWork, p: RemoveExternalCode) -> ExternalCodeRemoved:
    conn = uow.conn
    sku = lookup.sku(conn, p.sku_code, lock=True)
    with _audited(uow, sku.product_id, "remove_external_code", p.operator_id):
        removed = conn.execute(delete(external_codes).where(external_codes.c.sku_id == sku.sku_id,
                                                            external_codes.c.external_code == p.external_code))
    if removed.rowcount != 1:
        raise WmsError("EXTERNAL_CODE_NOT_FOUND", details={"external_code": p.external_code, "sku_code": sku.sku_code})
    listed = _external_out(conn, sku)
    return ExternalCodeRemoved(sku_code=listed.sku_code, external_codes=listed.external_codes,
                               removed_external_code=p.external_code, operated_at=iso_z(uow.now()), **_echo(p),
                               changes=Changes(product_ids=[sku.product_id]))


# ---- the audit trail -------------------------------------------------------------------------------


def audit_state(conn: Connection, product_id: int) -> dict[str, Any]:
    """What the audit trail compares: the product's fields and its live SKUs with their barcodes."""
    state = dict(conn.execute(select(*(products.c[name] for name in AUDITED))
                              .where(products.c.product_id == product_id)).one()._mapping)
    codes = defaultdict(list)
    for sku_code, code in conn.execute(select(skus.c.sku_code, external_codes.c.external_code)
                                       .join(external_codes, external_codes.c.sku_id == skus.c.sku_id)
                                       .where(skus.c.product_id == product_id, ~skus.c.is_deleted)):
        codes[sku_code].append(code)
    state["skus"] = {row.sku_code: {**{name: row._mapping[name] for name in SKU_AUDITED},
                                    "external_codes": sorted(codes[row.sku_code])}
                     for row in conn.execute(select(skus.c.sku_code, *(skus.c[name] for name in SKU_AUDITED))
                                             .where(skus.c.product_id == product_id, ~skus.c.is_deleted))}
    return state


@contextmanager
def _audited(uow: UnitOfWork, product_id: int, action: str, operator: str | None) -> Iterator[None]:
    """Record what the enclosed writes change of the product (its SKUs and barcodes included)."""
    before = audit_state(uow.conn, product_id)
    yield
    audit.record(uow, audit.Change(f"product:{product_id}", "product", before["product_code"], action, before,
                                   audit_state(uow.conn, product_id)), operator)


# ---- shapes -----------------------------------------------------------------------------------------


def _view(uow: UnitOfWork, product_id: int, matched_sku_code: str | None = None) -> dict[str, Any]:
    """The product view with the catalogue's additions: unit weights, stock, matched SKU."""
    conn = uow.conn
    row = conn.execute(select(*PRODUCT_COLUMNS).where(products.c.product_id == product_id)).one()
    (view,) = product_views(conn, uow.warehouse_id, [row])
    own = conn.execute(select(skus.c.sku_code, skus.c.weight_grams, skus.c.scan_code)
                       .where(skus.c.product_id == product_id, ~skus.c.is_deleted))
    return _with_skus(view, own, matched_sku_code)


def _with_skus(view: dict[str, Any], own: Iterable, matched_sku_code: str | None) -> dict[str, Any]:
    """``view`` with the catalogue's additions: its stock, each SKU's unit weight and scan code
    (``own``: rows of ``sku_code, weight_grams, scan_code``), the matched SKU."""
    view["stock_quantity"] = view["total_quantity"]
    by_code = {row.sku_code: row for row in own}
    for sku in view["skus"]:
        sku["weight_grams"], sku["scan_code"] = by_code[sku["sku_code"]].weight_grams, by_code[sku["sku_code"]].scan_code
    view["matched_sku"] = None
    if matched_sku_code is not None:
        sku = next(s for s in view["skus"] if s["sku_code"] == matched_sku_code)
        sizes = (size for c in view["colors"] for size in c["sizes"] if size["sku_code"] == matched_sku_code)
        view["matched_sku"] = {**sku, "stock_quantity": next(sizes)["total_quantity"]}
    return view


NOT_FOUND = {"product_id": "PRODUCT_NOT_FOUND", "product_code": "PRODUCT_NOT_FOUND", "sku_code": "SKU_NOT_FOUND",
             "external_code": "EXTERNAL_CODE_NOT_FOUND"}


def looked_up(uow: UnitOfWork, by: str, value: int | str) -> CatalogProduct:
    """The catalogue view (``_view``) of the product that a product id or code, a SKU code or an external code
    names (``by``; a SKU or external code fills ``matched_sku``) in one statement: a lookup is a
    scan's answer, and five statements cost it more than the work (issue 12)."""
    # a cached statement object: SQLAlchemy compiles it once (db/prepared.py measured no faster here)
    rows = uow.conn.execute(_lookup_statement(by), {"value": value, "warehouse_id": uow.warehouse_id}).all()
    if not rows:
        raise WmsError(NOT_FOUND[by], details={by: value})
    record = {str(column.name): rows[0]._mapping[column.name] for column in PRODUCT_COLUMNS}  # msgspec: plain str
    record["created_at"], record["updated_at"] = iso_z(record["created_at"]), iso_z(record["updated_at"])
    sku_rows = [SimpleNamespace(sku_id=row.sku_id, product_id=row.product_id, sku_code=row.sku_code,
                                sku_color=row.sku_color, sku_size=row.sku_size, image_path=row.sku_image_path,
                                weight_grams=row.weight_grams, scan_code=row.scan_code)
                for row in {row.sku_id: row for row in rows if row.sku_id is not None}.values()]  # once each, in order
    stock: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if row.location_code is not None:
            stock[row.sku_id].append({"location_code": row.location_code, "stock_quantity": int(row.quantity)})
    (view,) = nest_views([record], sku_rows, stock)
    return msgspec.convert(_with_skus(view, sku_rows, rows[0].matched), CatalogProduct)


@functools.cache
def _lookup_statement(by: str) -> Select:
    """The product ``by`` names, each of its SKUs, each SKU's stock per location of the
    warehouse: one row per SKU and location (a SKU without stock: one row, no location)."""
    value = bindparam("value", type_=products.c.product_id.type if by == "product_id" else String)  # ids are int8
    if by in ("product_id", "product_code"):
        target = select(products.c.product_id, null().cast(String).label("matched")) \
            .where(products.c[by] == value, ~products.c.is_deleted)
    else:
        target = select(skus.c.product_id, skus.c.sku_code.label("matched")).where(~skus.c.is_deleted)
        target = target.where(skus.c.sku_code == value) if by == "sku_code" else \
            target.join(external_codes, external_codes.c.sku_id == skus.c.sku_id) \
            .where(external_codes.c.external_code == value)
    found = target.limit(1).cte("found")
    stock = (select(stock_balances.c.sku_id, locations.c.location_code,
                    func.sum(stock_balances.c.stock_quantity).label("quantity"))
             .join(locations, locations.c.location_id == stock_balances.c.location_id)
             .where(stock_balances.c.sku_id.in_(select(skus.c.sku_id)
                                                .join(found, found.c.product_id == skus.c.product_id)),
                    locations.c.warehouse_id == bindparam("warehouse_id", type_=locations.c.warehouse_id.type),
                    stock_balances.c.stock_quantity > 0)
             .group_by(stock_balances.c.sku_id, locations.c.location_code)
             .subquery("stock"))
    return select(
        *PRODUCT_COLUMNS, found.c.matched, skus.c.sku_id, skus.c.sku_code, skus.c.sku_color, skus.c.sku_size,
        skus.c.image_path.label("sku_image_path"), skus.c.weight_grams, skus.c.scan_code,
        stock.c.location_code, stock.c.quantity,
    ).select_from(
        found.join(products, products.c.product_id == found.c.product_id)
        .outerjoin(skus, (skus.c.product_id == products.c.product_id) & ~skus.c.is_deleted)
        .outerjoin(stock, stock.c.sku_id == skus.c.sku_id)
    ).order_by(skus.c.sku_id, stock.c.location_code)


def product_detail(uow: UnitOfWork, product_id: int) -> ProductDetail:
    view = _view(uow, product_id)
    stock = {size["sku_code"]: size["total_quantity"] for color in view["colors"] for size in color["sizes"]}
    codes: dict[str, list[str]] = {s["sku_code"]: [] for s in view["skus"]}
    for sku_code, external_code in uow.conn.execute(
            select(skus.c.sku_code, external_codes.c.external_code).join(external_codes)
            .where(skus.c.product_id == product_id, ~skus.c.is_deleted).order_by(external_codes.c.external_code_id)):
        codes[sku_code].append(external_code)
    for sku in view["skus"]:
        sku.update(external_codes=codes[sku["sku_code"]], stock_quantity=stock[sku["sku_code"]])
    return msgspec.convert(view, ProductDetail)


def _saved(uow: UnitOfWork, product_id: int, p: CreateProduct | UpdateProduct) -> ProductSaved:
    view = _view(uow, product_id)
    return msgspec.convert({**view, "operated_at": iso_z(uow.now()), **_echo(p),
                            "changes": {"product_ids": [product_id]}}, ProductSaved)


def _sku_out(conn: Connection, sku_id: int) -> dict[str, Any]:
    row = conn.execute(select(skus.c.sku_code, skus.c.sku_color, skus.c.sku_size, skus.c.image_path,
                              skus.c.weight_grams, skus.c.scan_code, products.c.product_id, products.c.product_code,
                              products.c.product_name)
                       .join(products, products.c.product_id == skus.c.product_id)
                       .where(skus.c.sku_id == sku_id)).one()
    codes = conn.scalars(select(external_codes.c.external_code).where(external_codes.c.sku_id == sku_id)
                         .order_by(external_codes.c.external_code_id))
    return {**row._mapping, "external_codes": list(codes)}


def _update_sku_row(conn: Connection, sku_id: int, values: dict[str, Any]) -> None:
    try:
        with conn.begin_nested():
            conn.execute(update(skus).where(skus.c.sku_id == sku_id).values(**values))
    except IntegrityError:  # a concurrent edit took the scan code after the check
        raise WmsError("SCAN_CODE_EXISTS", details={"scan_code": values.get("scan_code")}) from None


def _scan_code_free(conn: Connection, scan_code: str, sku_id: int = 0) -> None:
    taken = conn.scalar(select(skus.c.sku_code).where(skus.c.scan_code == scan_code, ~skus.c.is_deleted,
                                                      skus.c.sku_id != sku_id))
    if taken is not None:
        raise WmsError("SCAN_CODE_EXISTS", details={"scan_code": scan_code, "sku_code": taken})


def _external_out(conn: Connection, sku: lookup.Sku) -> ExternalCodeList:
    codes = conn.scalars(select(external_codes.c.external_code).where(external_codes.c.sku_id == sku.sku_id)
                         .order_by(external_codes.c.external_code_id))
    return ExternalCodeList(sku_code=sku.sku_code, external_codes=list(codes))


def _live_product_id(conn: Connection, product_code: str) -> int | None:
    return conn.scalar(select(products.c.product_id).where(products.c.product_code == product_code,
                                                            ~products.c.is_deleted))


def _add_skus(conn: Connection, product_id: int, product_code: str, lines: list[NewSku]) -> list[int]:
    """Insert SKUs whose code, colour and size agree; refuse a code that is taken."""
    ids = []
    for i, line in enumerate(lines):
        check_sku_parts(line.sku_color, line.sku_size, f"skus[{i}].")
        expected = sku_code_for(product_code, line.sku_color, line.sku_size)
        if line.sku_code != expected:
            raise WmsError("INVALID_SKU_CODE", f"sku_code must be {expected}",
                           {"sku_code": line.sku_code, "expected_sku_code": expected})
        if conn.scalar(select(skus.c.sku_id).where(skus.c.sku_code == expected, ~skus.c.is_deleted)):
            raise WmsError("SKU_CODE_EXISTS", details={"sku_code": expected})
        sku_id = conn.execute(insert(skus).values(
            product_id=product_id, sku_code=expected, sku_color=line.sku_color, sku_size=line.sku_size,
            image_path=line.image_path, weight_grams=line.weight_grams).returning(skus.c.sku_id)).scalar_one()
        _insert_external_codes(conn, sku_id, line.external_codes or [], f"skus[{i}].external_codes")
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


def check_thresholds(low: int | None, high: int | None) -> None:
    """Stock alert thresholds: -1 disables one; otherwise high must exceed low (15013–15015)."""
    if low is not None and low < -1:
        raise invalid("low_stock_threshold", "must be non-negative, or -1 to disable", code=15013)
    if high is not None and high < -1:
        raise invalid("high_stock_threshold", "must be non-negative, or -1 to disable", code=15014)
    if low is not None and high is not None and low != -1 and high != -1 and high <= low:
        raise invalid("high_stock_threshold", "must be greater than low_stock_threshold", code=15015,
                      low_stock_threshold=low, high_stock_threshold=high)


def _given(value: int | None, fallback: int) -> int:
    return fallback if value is None else value


def _echo(p: CreateProduct | UpdateProduct | DeleteProduct | UpdateSku | DeleteSku | RemoveExternalCode) -> dict:
    assert p.operator_id is not None  # Scope.signed
    return {"operator_id": p.operator_id, "is_urgent": p.is_urgent, "notes": p.notes}

