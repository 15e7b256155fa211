"""Warehouses and their locations."""
from __future__ import annotations

from msgspec import UNSET, UnsetType, field

from .base import Changes, Command, Result
from .fields import AnyLocationType, Code, Flag, Ident, LocationType, Name, ScanCode, Search


class CreateWarehouse(Command, frozen=True, kw_only=True):
    warehouse_code: Code
    warehouse_name: Name


class Warehouse(Result, frozen=True, kw_only=True):
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    is_active: bool = True


class UpdateWarehouse(Command, frozen=True, kw_only=True):
    """Rename or (de)activate a warehouse; its code is its identity: not editable. A deactivated
    warehouse keeps its stock and history; no workstation can work in it until it is active again."""

    warehouse_code: Code
    warehouse_name: Name | None = None
    is_active: Flag | None = None


class CreateLocation(Command, frozen=True, kw_only=True):
    location_code: Code
    location_name: Name | None = None
    location_type: LocationType | None = None  # default storage
    is_active: Flag | None = None  # default true
    scan_code: ScanCode | None = None  # default assigned: L + the id, zero-padded (L000042)


class UpdateLocation(Command, frozen=True, kw_only=True):
    """Name, type, active flag or scan code; ``location_name: null`` clears the name. The
    location code is the identity printed on labels: not editable."""

    exactly_one = (("location_id", "location_code"),)

    location_id: Ident | None = None
    location_code: Code | None = None
    location_name: Name | None | UnsetType = UNSET
    location_type: LocationType | None = None
    is_active: Flag | None = None
    scan_code: ScanCode | None = None


class LocationRef(Command, frozen=True, kw_only=True):
    exactly_one = (("location_id", "location_code"),)

    location_id: Ident | None = None
    location_code: Code | None = None


class ListLocations(Command, frozen=True, kw_only=True):
    search: Search | None = None  # part of a code or name
    location_type: AnyLocationType | None = None
    is_active: Flag | None = None


class Location(Result, frozen=True, kw_only=True):
    location_id: int
    location_code: str
    location_name: str | None
    location_type: str
    is_active: bool
    created_at: str | None
    updated_at: str | None
    scan_code: str  # ASCII, what the label's Code 128 carries; scanning it finds this location


class LocationSaved(Location, frozen=True, kw_only=True):
    changes: Changes = field(default_factory=Changes)


class LocationDeleted(Result, frozen=True, kw_only=True):
    location_id: int
    location_code: str
    changes: Changes = field(default_factory=Changes)
