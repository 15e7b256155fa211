"""Warehouses and their locations.

Every warehouse is created with its unassigned location 无货位 (stock that has no shelf yet);
that location cannot be renamed, retyped, deactivated or deleted. A location that holds stock
or has history cannot be deleted either: deactivate it instead (it can then be emptied but
not filled).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, exists, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..db.engine import Database, now
from ..db.schema import locations, stock_balances, stock_movements, warehouses
from ..domain import fields as f
from ..domain.codes import LOCATION_TYPES, UNASSIGNED_LOCATION, UNASSIGNED_TYPE, iso_z
from ..domain.errors import WmsError
from . import lookup

WAREHOUSE_CREATE = f.Schema({
    "warehouse_code": f.F(f.code(), required=True),
    "warehouse_name": f.F(f.text(), required=True),
})
LOCATION_FIELDS = {
    "location_name": f.F(f.text()),
    "location_type": f.F(f.choice(*LOCATION_TYPES)),
    "is_active": f.F(f.flag()),
}
LOCATION_CREATE = f.Schema({"location_code": f.F(f.code(), required=True), **LOCATION_FIELDS})
LOCATION_UPDATE = f.Schema({"location_id": f.F(f.ident()), "location_code": f.F(f.code()), **LOCATION_FIELDS},
                           exactly_one=[("location_id", "location_code")])
LOCATION_REF = f.Schema({"location_id": f.F(f.ident()), "location_code": f.F(f.code())},
                        exactly_one=[("location_id", "location_code")])
LOCATION_LIST = f.Schema({
    "search": f.F(f.text(f.CODE_MAX)),
    "location_type": f.F(f.choice(*LOCATION_TYPES, UNASSIGNED_TYPE)),
    "is_active": f.F(f.flag()),
})

_LOCATION_COLUMNS = (locations.c.location_id, locations.c.location_code, locations.c.location_name,
                     locations.c.location_type, locations.c.is_active, locations.c.created_at, locations.c.updated_at)


def create_warehouse(db: Database, payload: dict[str, Any]) -> dict[str, Any]:
    p = WAREHOUSE_CREATE.parse(payload)

    def work(conn: Connection) -> dict:
        if conn.scalar(select(warehouses.c.warehouse_id).where(warehouses.c.warehouse_code == p["warehouse_code"])):
            raise WmsError("WAREHOUSE_CODE_EXISTS", details={"warehouse_code": p["warehouse_code"]})
        warehouse_id = conn.execute(insert(warehouses).values(**p).returning(warehouses.c.warehouse_id)).scalar_one()
        conn.execute(insert(locations).values(
            warehouse_id=warehouse_id, location_code=UNASSIGNED_LOCATION, location_name="未分配货位 / Unassigned",
            location_type=UNASSIGNED_TYPE))
        return {"warehouse_id": warehouse_id, **p}

    return db.run(work)


def ensure_warehouse(db: Database, warehouse_code: str, warehouse_name: str) -> bool:
    """Create the warehouse unless it exists; True when it was created."""
    try:
        create_warehouse(db, {"warehouse_code": warehouse_code, "warehouse_name": warehouse_name})
    except WmsError as error:
        if error.error_code != "WAREHOUSE_CODE_EXISTS":
            raise
        return False
    return True


def list_warehouses(db: Database) -> list[dict[str, Any]]:
    def work(conn: Connection) -> list[dict]:
        rows = conn.execute(select(warehouses.c.warehouse_id, warehouses.c.warehouse_code, warehouses.c.warehouse_name,
                                   warehouses.c.is_active).order_by(warehouses.c.warehouse_code))
        return [dict(r._mapping) for r in rows]

    return db.run(work, write=False)


class Locations:
    """Locations of one warehouse (the workstation's)."""

    def __init__(self, db: Database, warehouse: lookup.Warehouse) -> None:
        self.db = db
        self.warehouse = warehouse

    def create(self, payload: dict[str, Any]) -> dict[str, Any]:
        p = LOCATION_CREATE.parse(payload)
        if p["location_code"] == UNASSIGNED_LOCATION:
            raise WmsError("LOCATION_CODE_EXISTS", "Every warehouse already has its 无货位 location",
                           {"location_code": UNASSIGNED_LOCATION})

        def work(conn: Connection) -> dict:
            values = {k: v for k, v in p.items() if v is not None}
            try:
                with conn.begin_nested():
                    location_id = conn.execute(insert(locations).values(
                        warehouse_id=self.warehouse.id(conn), **values).returning(locations.c.location_id)).scalar_one()
            except IntegrityError:
                raise WmsError("LOCATION_CODE_EXISTS", details={"location_code": p["location_code"]}) from None
            return self._get(conn, location_id)

        return self.db.run(work)

    def update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Change name, type or active flag (``location_name`` null clears the name). Codes are
        identities printed on labels: not editable."""
        p = LOCATION_UPDATE.parse(payload)

        def work(conn: Connection) -> dict:
            place = lookup.location(conn, self.warehouse.id(conn), p["location_id"], p["location_code"])
            changes = {k: p[k] for k in LOCATION_FIELDS if p[k] is not None or (k == "location_name" and k in payload)}
            if place.location_type == UNASSIGNED_TYPE and ({"location_type", "is_active"} & changes.keys()):
                raise _permanent(place.location_code)
            if changes:
                conn.execute(update(locations).where(locations.c.location_id == place.location_id)
                             .values(**changes, updated_at=now(conn)))
            return self._get(conn, place.location_id)

        return self.db.run(work)

    def delete(self, payload: dict[str, Any]) -> dict[str, Any]:
        p = LOCATION_REF.parse(payload)

        def work(conn: Connection) -> dict:
            place = lookup.location(conn, self.warehouse.id(conn), p["location_id"], p["location_code"])
            if place.location_type == UNASSIGNED_TYPE:
                raise _permanent(place.location_code)
            used = conn.scalar(select(or_(
                exists().where(stock_movements.c.location_id == place.location_id),
                exists().where(stock_balances.c.location_id == place.location_id, stock_balances.c.stock_quantity > 0),
            )))
            if used:
                raise WmsError("OPERATION_NOT_ALLOWED", "A location with stock or history cannot be deleted; deactivate it",
                               {"location_code": place.location_code, "reason": "location_in_use"})
            conn.execute(stock_balances.delete().where(stock_balances.c.location_id == place.location_id))
            conn.execute(locations.delete().where(locations.c.location_id == place.location_id))
            return {"location_id": place.location_id, "location_code": place.location_code}

        return self.db.run(work)

    def get(self, payload: dict[str, Any]) -> dict[str, Any]:
        p = LOCATION_REF.parse(payload)

        def work(conn: Connection) -> dict:
            place = lookup.location(conn, self.warehouse.id(conn), p["location_id"], p["location_code"])
            return self._get(conn, place.location_id)

        return self.db.run(work, write=False)

    def list(self, payload: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Locations ordered by code; ``search`` matches part of a code or name."""
        p = LOCATION_LIST.parse(payload or {})

        def work(conn: Connection) -> list[dict]:
            query = select(*_LOCATION_COLUMNS).where(locations.c.warehouse_id == self.warehouse.id(conn))
            if p["search"]:
                pattern = f"%{lookup.escape_like(p['search'])}%"
                query = query.where(or_(locations.c.location_code.like(pattern, escape="\\"),
                                        locations.c.location_name.like(pattern, escape="\\")))
            for name in ("location_type", "is_active"):
                if p[name] is not None:
                    query = query.where(locations.c[name] == p[name])
            return [_location_out(r) for r in conn.execute(query.order_by(locations.c.location_code))]

        return self.db.run(work, write=False)

    def _get(self, conn: Connection, location_id: int) -> dict:
        return _location_out(conn.execute(select(*_LOCATION_COLUMNS).where(locations.c.location_id == location_id)).one())


def _location_out(row) -> dict:
    out = dict(row._mapping)
    out["created_at"], out["updated_at"] = iso_z(out["created_at"]), iso_z(out["updated_at"])
    return out


def _permanent(location_code: str) -> WmsError:
    return WmsError("OPERATION_NOT_ALLOWED", "The unassigned location 无货位 cannot be changed or deleted",
                    {"location_code": location_code, "reason": "unassigned_location_is_permanent"})


