"""The main screens: Products, Locations, Stock, Movements, Sensors, Alerts, Receiving (see :mod:`.base` for the contract)."""
from .alerts import AlertsScreen
from .base import LazyTableScreen, Screen
from .locations import LocationsScreen
from .movements import MovementsScreen
from .products import ProductsScreen, product_columns
from .receiving import ReceivingScreen
from .sensors import SensorsScreen
from .stock import StockScreen, balance_columns

SCREENS: tuple[type[Screen], ...] = (ProductsScreen, LocationsScreen, StockScreen, MovementsScreen, SensorsScreen,
                                    AlertsScreen, ReceivingScreen)

__all__ = ["SCREENS", "AlertsScreen", "LazyTableScreen", "LocationsScreen", "MovementsScreen", "ProductsScreen",
           "ReceivingScreen", "Screen", "SensorsScreen", "StockScreen", "balance_columns", "product_columns"]
