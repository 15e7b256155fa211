"""The service layer: every operation of the spec, typed (``wms_desktop.contract``), grouped by
area, each public entry point one transaction on its unit of work (``services/unit.py``). No
Qt, no MQTT, no printing.

    services = Services(Database(url), warehouse_code="WH01")
    services.inventory.inbound(Inbound(product_code="129092", sku_code="129092-黄色-M",
                                       location_code="西8排1架6层4位", stock_quantity=8,
                                       operator_id="u-17"))

A command's JSON payload (a mapping) is taken as well and decoded as strictly. Refusals raise
``wms_desktop.domain.errors.WmsError``; ``contract.envelope()`` renders either outcome as the
spec's ``{success, data, error_code, error_message, details}``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..db.engine import Database
from .access import SYSTEM, Actor
from .alerts import Alerts
from .api_keys import ApiKeys
from .audit import Audit
from .auth import Auth
from .browse import Browse
from .catalog import Catalog
from .codes import Lookup
from .counts import Counts
from .data_export import Exports
from .data_import import Imports
from .history import History
from .inventory import Inventory
from .lookup import Warehouse
from .orders import Orders
from .picking import Picking
from .receiving import Receiving
from .returns import Returns
from .roles import Roles, permissions_of
from .stock import StockQueries
from .unit import Scope
from .warehouse import Locations, Warehouses, create_warehouse, ensure_warehouse, list_warehouses
from .webhooks import Webhooks

if TYPE_CHECKING:
    from ..contract.api import ServiceApi

__all__ = ["Services", "create_warehouse", "ensure_warehouse", "list_warehouses"]


class Services:
    """All areas, bound to the workstation's warehouse and to who is calling (the system for
    the command line; a signed-in user after ``acting_as``)."""

    def __init__(self, db: Database, warehouse_code: str, actor: Actor = SYSTEM,
                 warehouse: Warehouse | None = None) -> None:
        self.db = db
        self.warehouse_code = warehouse_code
        self.actor = actor
        scope = Scope(db, warehouse or Warehouse(warehouse_code), actor)
        self.inventory = Inventory(scope)
        self.stock = StockQueries(scope)
        self.catalog = Catalog(scope)
        self.lookup = Lookup(scope)
        self.locations = Locations(scope)
        self.auth = Auth(scope)
        self.roles = Roles(scope)
        self.history = History(scope)
        self.browse = Browse(scope)
        self.picking = Picking(scope)
        self.receiving = Receiving(scope)
        self.orders = Orders(scope)
        self.returns = Returns(scope)
        self.imports = Imports(scope)
        self.exports = Exports(scope)
        self.counts = Counts(scope)
        self.alerts = Alerts(scope)
        self.audit = Audit(scope)
        self.warehouses = Warehouses(scope)
        self.api_keys = ApiKeys(scope)
        self.alerts = Alerts(scope)
        self.webhooks = Webhooks(scope)
        self._scope = scope

    def acting_as(self, user_name: str, role: str, permissions: frozenset[str] | None = None) -> Services:
        """These services as the signed-in user may use them (``services/access.py``), with
        ``permissions``, the role's as sign-in read them, or else (every HTTP request) the
        role's as they are now."""
        if permissions is None:
            permissions = self._scope.read(lambda uow: permissions_of(uow.conn, role))
        return Services(self.db, self.warehouse_code, Actor(user_name, role, permissions),
                        self._scope.warehouse)


if TYPE_CHECKING:
    def _implements(services: Services) -> ServiceApi:
        return services  # the type checker holds Services to the contract's protocols
