"""The service layer: every operation of the spec as a Python call taking and returning plain
dicts with the spec's snake_case names (see docs/services.md). No Qt, no MQTT, no printing.

    services = Services(Database(url), warehouse_code="WH01")
    services.inventory.inbound({"product_code": "129092", "sku_code": "129092-黄色-M",
                                "location_code": "西8排1架6层4位", "stock_quantity": 8,
                                "operator_id": "u-17"})

Refusals raise ``wms_desktop.domain.errors.WmsError``; ``envelope()`` renders either outcome
as the spec's ``{success, data, error_code, error_message, details}``.
"""
from __future__ import annotations

from ..db.engine import Database
from .auth import Auth
from .browse import Browse
from .catalog import Catalog
from .history import History
from .inventory import Inventory
from .lookup import Warehouse
from .picking import Picking
from .stock import StockQueries
from .warehouse import Locations, create_warehouse, ensure_warehouse, list_warehouses

__all__ = ["Services", "create_warehouse", "ensure_warehouse", "list_warehouses"]


class Services:
    """All operations, bound to the workstation's warehouse."""

    def __init__(self, db: Database, warehouse_code: str) -> None:
        self.db = db
        self.warehouse_code = warehouse_code
        warehouse = Warehouse(warehouse_code)
        self.inventory = Inventory(db, warehouse)
        self.catalog = Catalog(db, warehouse)
        self.stock = StockQueries(db, warehouse)
        self.locations = Locations(db, warehouse)
        self.auth = Auth(db)
        self.history = History(db, warehouse)
        self.browse = Browse(db, warehouse)
        self.picking = Picking(db, warehouse)

    def acting_as(self, user_name: str, role: str):
        """These services as the signed-in user may use them (``services/access.py``)."""
        from .access import ActingServices

        return ActingServices(self, user_name, role)
