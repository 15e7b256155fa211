"""Turning the ids and codes of a payload into rows, or into the right NOT_FOUND error."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

from ..db.schema import external_codes, locations, products, skus, warehouses
from ..domain.codes import SKU_SEPARATOR, check_product_code, split_sku_code
from ..domain.errors import WmsError, invalid


@dataclass(frozen=True)
class Location:
    location_id: int
    location_code: str
    location_type: str
    is_active: bool
    warehouse_id: int


@dataclass(frozen=True)
class Product:
    product_id: int
    product_code: str
    product_name: str
    has_sku: bool


@dataclass(frozen=True)
class Sku:
    sku_id: int
    sku_code: str
    product_id: int
    product_code: str


class Warehouse:
    """The workstation's warehouse. Its id is looked up once: warehouses are never deleted."""

    def __init__(self, code: str) -> None:
        self.code = code
        self._id: int | None = None

    def id(self, conn: Connection) -> int:
        if self._id is None:
            self._id = warehouse_id(conn, self.code)
        return self._id


def warehouse_id(conn: Connection, warehouse_code: str) -> int:
    """A deactivated warehouse is refused: nobody works in it until it is active again."""
    found = conn.execute(select(warehouses.c.warehouse_id, warehouses.c.is_active)
                         .where(warehouses.c.warehouse_code == warehouse_code)).first()
    if found is None:
        raise WmsError("WAREHOUSE_NOT_FOUND", details={"warehouse_code": warehouse_code})
    if not found.is_active:
        raise WmsError("WAREHOUSE_INACTIVE", details={"warehouse_code": warehouse_code})
    return found.warehouse_id


def location(conn: Connection, warehouse: int, location_id: int | None = None,
             location_code: str | None = None, field: str = "location") -> Location:
    """One of ``location_id`` / ``location_code``; the location must be in ``warehouse``."""
    (found,) = locations_of(conn, warehouse, [(location_id, location_code, field)])
    return found


def locations_of(conn: Connection, warehouse: int,
                 refs: list[tuple[int | None, str | None, str]]) -> list[Location]:
    """Several (location_id, location_code, field) references in one query, in order; the first
    missing one is LOCATION_NOT_FOUND naming its field (``from_location_code``, …)."""
    wanted = [locations.c.location_id == i if i is not None else locations.c.location_code == c for i, c, _ in refs]
    rows = conn.execute(select(locations.c.location_id, locations.c.location_code, locations.c.location_type,
                               locations.c.is_active, locations.c.warehouse_id)
                        .where(locations.c.warehouse_id == warehouse, or_(*wanted))).all()
    by_id = {row.location_id: Location(*row) for row in rows}
    by_code = {row.location_code: Location(*row) for row in rows}
    found = []
    for location_id, location_code, field in refs:
        place = by_id.get(location_id) if location_id is not None else by_code.get(location_code)
        if place is None:
            detail = {f"{field}_id": location_id} if location_id is not None else {f"{field}_code": location_code}
            raise WmsError("LOCATION_NOT_FOUND", details=detail)
        found.append(place)
    return found


_PRODUCT_COLUMNS = (products.c.product_id, products.c.product_code, products.c.product_name, products.c.has_sku)


def product(conn: Connection, product_id: int | None = None, product_code: str | None = None) -> Product:
    query = select(*_PRODUCT_COLUMNS).where(~products.c.is_deleted)
    detail: dict[str, int | str | None]
    if product_id is not None:
        row = conn.execute(query.where(products.c.product_id == product_id)).first()
        detail = {"product_id": product_id}
    else:
        check_product_code(product_code or "")
        row = conn.execute(query.where(products.c.product_code == product_code)).first()
        detail = {"product_code": product_code}
    if row is None:
        raise WmsError("PRODUCT_NOT_FOUND", details=detail)
    return Product(*row)


_SKU_QUERY = (
    select(skus.c.sku_id, skus.c.sku_code, skus.c.product_id, products.c.product_code)
    .join(products, products.c.product_id == skus.c.product_id)
    .where(~skus.c.is_deleted)
)


def _found_sku(conn: Connection, query, lock: bool):
    # FOR KEY SHARE when about to write: a concurrent product delete (FOR UPDATE on its SKUs)
    # then waits for this transaction and sees its stock, instead of deleting under it.
    return conn.execute(query.with_for_update(read=True, key_share=True, of=skus) if lock else query).first()


def sku(conn: Connection, sku_code: str, lock: bool = False) -> Sku:
    """A SKU by its code alone. A product without SKUs has one implicit SKU whose code is the
    product code; every other SKU code is ``{product_code}-{sku_color}-{sku_size}``."""
    if SKU_SEPARATOR in sku_code:
        split_sku_code(sku_code)
    row = _found_sku(conn, _SKU_QUERY.where(skus.c.sku_code == sku_code), lock)
    if row is None:
        raise WmsError("SKU_NOT_FOUND", details={"sku_code": sku_code})
    return Sku(*row)


def sku_of_product(conn: Connection, owner: Product, sku_code: str | None, lock: bool = False) -> Sku:
    """The SKU a stock operation means: the named one, which must belong to ``owner``; for a
    product without SKUs, its implicit one (naming it is allowed, naming another is not)."""
    if owner.has_sku and sku_code is None:
        raise invalid("sku_code", "is required for a product with SKUs", product_code=owner.product_code)
    if sku_code is None:
        sku_code = owner.product_code
    found = sku(conn, sku_code, lock)
    if found.product_id != owner.product_id:
        raise WmsError(
            "INVALID_SKU_CODE",
            f"SKU {sku_code} does not belong to product {owner.product_code}",
            {"sku_code": sku_code, "product_code": owner.product_code},
        )
    return found


def sku_by_external_code(conn: Connection, external_code: str) -> Sku:
    row = _found_sku(conn, _SKU_QUERY.join(external_codes, external_codes.c.sku_id == skus.c.sku_id)
                     .where(external_codes.c.external_code == external_code), lock=False)
    if row is None:
        raise WmsError("EXTERNAL_CODE_NOT_FOUND", details={"external_code": external_code})
    return Sku(*row)


def escape_like(text: str) -> str:
    """Make user text literal inside a LIKE pattern (used with ``escape="\\"``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
