"""The main screens: Products, Locations, Stock, Movements, Sensors, Alerts, Receiving, Orders, Counts (see
:mod:`.base` for the contract)."""
from .alerts import AlertsScreen
from .base import LazyTableScreen, Screen
from .counts import CountsScreen
from .locations import LocationsScreen
from .movements import MovementsScreen
from .orders import OrdersScreen
from .products import ProductsScreen, product_columns
from .receiving import ReceivingScreen
from .sensors import SensorsScreen
from .stock import StockScreen, balance_columns

SCREENS: tuple[type[Screen], ...] = (ProductsScreen, LocationsScreen, StockScreen, MovementsScreen, SensorsScreen,
                                    AlertsScreen, ReceivingScreen, OrdersScreen, CountsScreen)

__all__ = ["SCREENS", "AlertsScreen", "CountsScreen", "LazyTableScreen", "LocationsScreen", "MovementsScreen",
           "OrdersScreen", "ProductsScreen", "ReceivingScreen", "Screen", "SensorsScreen", "StockScreen",
           "balance_columns", "product_columns"]
