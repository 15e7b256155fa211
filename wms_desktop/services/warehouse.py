"""Warehouses and their locations.

Every warehouse is created with its unassigned location 无货位 (stock that has no shelf yet);
that location cannot be renamed, retyped, deactivated or deleted. A location that holds stock
or has history cannot be deleted either: deactivate it instead (it can then be emptied but
not filled).
"""
from __future__ import annotations

from msgspec import UNSET
from sqlalchemy import Connection, exists, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..contract.base import Changes
from ..contract.decode import Payload, decode
from ..contract.locations import (
    CreateLocation,
    CreateWarehouse,
    ListLocations,
    Location,
    LocationDeleted,
    LocationRef,
    LocationSaved,
    UpdateLocation,
    UpdateWarehouse,
    Warehouse,
)
from ..db.engine import Database, now
from ..db.schema import locations, stock_balances, stock_movements, warehouses
from ..domain.codes import (
    LOCATION_SCAN_PREFIX,
    UNASSIGNED_LOCATION,
    UNASSIGNED_TYPE,
    assigned_scan_code,
    check_scan_code,
    iso_z,
)
from ..domain.errors import WmsError
from ..domain.permissions import EDIT_LOCATIONS, MANAGE_USERS
from . import audit, lookup
from .access import READ, requires
from .unit import Area, UnitOfWork

_LOCATION_COLUMNS = (locations.c.location_id, locations.c.location_code, locations.c.location_name,
                     locations.c.location_type, locations.c.is_active, locations.c.created_at, locations.c.updated_at,
                     locations.c.scan_code)


def create_warehouse(db: Database, command: CreateWarehouse | Payload) -> Warehouse:
    """The command line's (and the tests'): as the system, outside any warehouse."""
    p = decode(CreateWarehouse, command)
    return db.run(lambda conn: _create_warehouse(conn, p, "system"))


def _create_warehouse(conn: Connection, p: CreateWarehouse, actor: str) -> Warehouse:
    if conn.scalar(select(warehouses.c.warehouse_id).where(warehouses.c.warehouse_code == p.warehouse_code)):
        raise WmsError("WAREHOUSE_CODE_EXISTS", details={"warehouse_code": p.warehouse_code})
    warehouse_id = conn.execute(insert(warehouses).values(
        warehouse_code=p.warehouse_code, warehouse_name=p.warehouse_name)
        .returning(warehouses.c.warehouse_id)).scalar_one()
    conn.execute(insert(locations).values(
        warehouse_id=warehouse_id, location_code=UNASSIGNED_LOCATION, location_name="未分配货位 / Unassigned",
        location_type=UNASSIGNED_TYPE))
    audit.append_changes(conn, warehouse_id, actor, [audit.Change(
        f"warehouse:{warehouse_id}", "warehouse", p.warehouse_code, "create", None,
        {"warehouse_code": p.warehouse_code, "warehouse_name": p.warehouse_name, "is_active": True})])
    return Warehouse(warehouse_id=warehouse_id, warehouse_code=p.warehouse_code, warehouse_name=p.warehouse_name)


class Warehouses(Area):
    """The warehouses of the database, administered in the app (each created with its 无货位)."""

    @requires(READ)
    def list(self) -> list[Warehouse]:
        return self._scope.read(lambda uow: _warehouses(uow.conn))

    @requires(MANAGE_USERS)
    def create(self, command: CreateWarehouse | Payload) -> Warehouse:
        p = decode(CreateWarehouse, command)
        return self._scope.write(lambda uow: _create_warehouse(uow.conn, p, self.actor.user_name or "system"))

    @requires(MANAGE_USERS)
    def update(self, command: UpdateWarehouse | Payload) -> Warehouse:
        """``OPERATION_NOT_ALLOWED`` to deactivate the warehouse this workstation works in."""
        p = decode(UpdateWarehouse, command)

        def work(uow: UnitOfWork) -> Warehouse:
            row = uow.conn.execute(select(*_WAREHOUSE_COLUMNS).where(warehouses.c.warehouse_code == p.warehouse_code)
                                   .with_for_update()).first()
            if row is None:
                raise WmsError("WAREHOUSE_NOT_FOUND", details={"warehouse_code": p.warehouse_code})
            if p.is_active is False and p.warehouse_code == uow.warehouse.code:
                raise WmsError("OPERATION_NOT_ALLOWED", "This workstation works in this warehouse",
                               {"warehouse_code": p.warehouse_code, "reason": "current_warehouse"})
            changes = {k: v for k, v in (("warehouse_name", p.warehouse_name), ("is_active", p.is_active))
                       if v is not None}
            if changes:
                uow.conn.execute(update(warehouses).where(warehouses.c.warehouse_id == row.warehouse_id)
                                 .values(**changes))
            after = Warehouse(**{**row._mapping, **changes})
            audit.append_changes(uow.conn, row.warehouse_id, self.actor.user_name or "system", [audit.Change(
                f"warehouse:{row.warehouse_id}", "warehouse", p.warehouse_code, "update",
                {k: row._mapping[k] for k in changes}, changes)])
            return after

        return self._scope.write(work)


_WAREHOUSE_COLUMNS = (warehouses.c.warehouse_id, warehouses.c.warehouse_code, warehouses.c.warehouse_name,
                      warehouses.c.is_active)


def _warehouses(conn: Connection) -> list[Warehouse]:
    return [Warehouse(**r._mapping) for r in conn.execute(select(*_WAREHOUSE_COLUMNS)
                                                          .order_by(warehouses.c.warehouse_code))]


def ensure_warehouse(db: Database, warehouse_code: str, warehouse_name: str) -> bool:
    """Create the warehouse unless it exists; True when it was created."""
    try:
        create_warehouse(db, CreateWarehouse(warehouse_code=warehouse_code, warehouse_name=warehouse_name))
    except WmsError as error:
        if error.error_code != "WAREHOUSE_CODE_EXISTS":
            raise
        return False
    return True


def list_warehouses(db: Database) -> list[Warehouse]:
    return db.run(_warehouses, write=False)


class Locations(Area):
    """Locations of one warehouse (the workstation's)."""

    @requires(EDIT_LOCATIONS)
    def create(self, command: CreateLocation | Payload) -> LocationSaved:
        cmd = decode(CreateLocation, command)
        return self._scope.write(lambda uow: create_location(uow, cmd))

    @requires(EDIT_LOCATIONS)
    def update(self, command: UpdateLocation | Payload) -> LocationSaved:
        """Change name, type, active flag or scan code (``location_name`` null clears the name).
        The location code is the identity printed on labels: not editable."""
        cmd = decode(UpdateLocation, command)
        return self._scope.write(lambda uow: update_location(uow, cmd))

    @requires(EDIT_LOCATIONS)
    def delete(self, command: LocationRef | Payload) -> LocationDeleted:
        cmd = decode(LocationRef, command)
        return self._scope.write(lambda uow: delete_location(uow, cmd))

    @requires(READ)
    def get(self, command: LocationRef | Payload) -> Location:
        cmd = decode(LocationRef, command)
        return self._scope.read(lambda uow: _get(uow.conn, _find(uow, cmd).location_id))

    @requires(READ)
    def list(self, command: ListLocations | Payload | None = None) -> list[Location]:
        """Locations ordered by code; ``search`` matches part of a code or name."""
        cmd = decode(ListLocations, command or {})
        return self._scope.read(lambda uow: list_locations(uow, cmd))


def create_location(uow: UnitOfWork, p: CreateLocation) -> LocationSaved:
    if p.location_code == UNASSIGNED_LOCATION:
        raise WmsError("LOCATION_CODE_EXISTS", "Every warehouse already has its 无货位 location",
                       {"location_code": UNASSIGNED_LOCATION})
    values = {k: getattr(p, k) for k in ("location_code", "location_name", "location_type", "is_active", "scan_code")
              if getattr(p, k) is not None}
    if p.scan_code is not None:
        check_scan_code(p.scan_code)
        _scan_code_free(uow, p.scan_code)
    try:
        with uow.conn.begin_nested():
            location_id = uow.conn.execute(insert(locations).values(
                warehouse_id=uow.warehouse_id, **values).returning(locations.c.location_id)).scalar_one()
    except IntegrityError:  # a concurrent create took the code, or the scan code, after the checks
        if p.scan_code is not None and _location_code_free(uow, p.location_code):
            raise WmsError("SCAN_CODE_EXISTS", details={"scan_code": p.scan_code}) from None
        raise WmsError("LOCATION_CODE_EXISTS", details={"location_code": p.location_code}) from None
    _audit(uow, location_id, "create", None)
    return _saved(uow.conn, location_id)


def _location_code_free(uow: UnitOfWork, location_code: str) -> bool:
    return uow.conn.scalar(select(locations.c.location_id).where(
        locations.c.warehouse_id == uow.warehouse_id, locations.c.location_code == location_code)) is None


def _scan_code_free(uow: UnitOfWork, scan_code: str, location_id: int | None = None) -> None:
    taken = uow.conn.scalar(select(locations.c.location_code).where(
        locations.c.warehouse_id == uow.warehouse_id, locations.c.scan_code == scan_code,
        locations.c.location_id != (location_id or 0)))
    if taken is not None:
        raise WmsError("SCAN_CODE_EXISTS", details={"scan_code": scan_code, "location_code": taken})


def update_location(uow: UnitOfWork, p: UpdateLocation) -> LocationSaved:
    place = _find(uow, p)
    changes = {k: getattr(p, k) for k in ("location_type", "is_active", "scan_code") if getattr(p, k) is not None}
    if p.location_name is not UNSET:
        changes["location_name"] = p.location_name
    if place.location_type == UNASSIGNED_TYPE and ({"location_type", "is_active"} & changes.keys()):
        raise _permanent(place.location_code)
    if p.scan_code is not None:
        check_scan_code(p.scan_code, own=assigned_scan_code(LOCATION_SCAN_PREFIX, place.location_id))
        _scan_code_free(uow, p.scan_code, place.location_id)
    if changes:
        before = audit_state(uow.conn, place.location_id)
        try:
            with uow.conn.begin_nested():
                uow.conn.execute(update(locations).where(locations.c.location_id == place.location_id)
                                 .values(**changes, updated_at=now(uow.conn)))
        except IntegrityError:  # a concurrent edit took the scan code after the check
            raise WmsError("SCAN_CODE_EXISTS", details={"scan_code": p.scan_code}) from None
        _audit(uow, place.location_id, "update", before)
    return _saved(uow.conn, place.location_id)


def delete_location(uow: UnitOfWork, p: LocationRef) -> LocationDeleted:
    conn = uow.conn
    place = _find(uow, p)
    if place.location_type == UNASSIGNED_TYPE:
        raise _permanent(place.location_code)
    used = conn.scalar(select(or_(
        exists().where(stock_movements.c.location_id == place.location_id),
        exists().where(stock_balances.c.location_id == place.location_id, stock_balances.c.stock_quantity > 0),
    )))
    if used:
        raise WmsError("OPERATION_NOT_ALLOWED", "A location with stock or history cannot be deleted; deactivate it",
                       {"location_code": place.location_code, "reason": "location_in_use"})
    # an empty balance without history is left by no posting; the workstation role may not
    # delete balances, so ask only when one is there
    if conn.scalar(select(exists().where(stock_balances.c.location_id == place.location_id))):
        conn.execute(stock_balances.delete().where(stock_balances.c.location_id == place.location_id))
    before = audit_state(conn, place.location_id)
    conn.execute(locations.delete().where(locations.c.location_id == place.location_id))
    audit.record(uow, audit.Change(f"location:{place.location_id}", "location", place.location_code, "delete",
                                   before, None))
    return LocationDeleted(location_id=place.location_id, location_code=place.location_code,
                           changes=Changes(location_ids=[place.location_id]))


def list_locations(uow: UnitOfWork, p: ListLocations) -> list[Location]:
    found = select(*_LOCATION_COLUMNS).where(locations.c.warehouse_id == uow.warehouse_id)
    if p.search:
        pattern = f"%{lookup.escape_like(p.search)}%"
        found = found.where(or_(locations.c.location_code.like(pattern, escape="\\"),
                                locations.c.location_name.like(pattern, escape="\\")))
    if p.location_type is not None:
        found = found.where(locations.c.location_type == p.location_type)
    if p.is_active is not None:
        found = found.where(locations.c.is_active == p.is_active)
    return [Location(**_location_out(r)) for r in uow.conn.execute(found.order_by(locations.c.location_code))]


def _find(uow: UnitOfWork, p: LocationRef | UpdateLocation) -> lookup.Location:
    return lookup.location(uow.conn, uow.warehouse_id, p.location_id, p.location_code)


def _get(conn: Connection, location_id: int) -> Location:
    return Location(**_location_out(conn.execute(select(*_LOCATION_COLUMNS)
                                                 .where(locations.c.location_id == location_id)).one()))


def _saved(conn: Connection, location_id: int) -> LocationSaved:
    row = conn.execute(select(*_LOCATION_COLUMNS).where(locations.c.location_id == location_id)).one()
    return LocationSaved(**_location_out(row), changes=Changes(location_ids=[location_id]))


def _location_out(row) -> dict:
    out = dict(row._mapping)
    out["created_at"], out["updated_at"] = iso_z(out["created_at"]), iso_z(out["updated_at"])
    return out


def audit_state(conn: Connection, location_id: int) -> dict:
    return dict(conn.execute(select(locations.c.location_code, locations.c.location_name, locations.c.location_type,
                                    locations.c.is_active, locations.c.scan_code)
                             .where(locations.c.location_id == location_id)).one()._mapping)


def _audit(uow: UnitOfWork, location_id: int, action: str, before: dict | None) -> None:
    after = audit_state(uow.conn, location_id)
    audit.record(uow, audit.Change(f"location:{location_id}", "location", after["location_code"], action, before,
                                   after))


def _permanent(location_code: str) -> WmsError:
    return WmsError("OPERATION_NOT_ALLOWED", "The unassigned location 无货位 cannot be changed or deleted",
                    {"location_code": location_code, "reason": "unassigned_location_is_permanent"})
