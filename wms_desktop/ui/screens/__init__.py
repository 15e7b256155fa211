"""The main screens: Products, Locations, Stock, Movements, Sensors, Orders (see :mod:`.base` for the contract)."""
from .base import LazyTableScreen, Screen
from .locations import LocationsScreen
from .movements import MovementsScreen
from .orders import OrdersScreen
from .products import ProductsScreen, product_columns
from .sensors import SensorsScreen
from .stock import StockScreen, balance_columns

SCREENS: tuple[type[Screen], ...] = (ProductsScreen, LocationsScreen, StockScreen, MovementsScreen, SensorsScreen,
                                     OrdersScreen)

__all__ = ["SCREENS", "LazyTableScreen", "LocationsScreen", "MovementsScreen", "OrdersScreen", "ProductsScreen", "Screen",
           "SensorsScreen", "StockScreen", "balance_columns", "product_columns"]
