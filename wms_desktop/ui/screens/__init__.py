"""The main screens: Products, Locations, Stock, Movements, Sensors, Counts (see :mod:`.base` for the contract)."""
from .base import LazyTableScreen, Screen
from .counts import CountsScreen
from .locations import LocationsScreen
from .movements import MovementsScreen
from .products import ProductsScreen, product_columns
from .sensors import SensorsScreen
from .stock import StockScreen, balance_columns

SCREENS: tuple[type[Screen], ...] = (ProductsScreen, LocationsScreen, StockScreen, MovementsScreen, SensorsScreen,
                                     CountsScreen)

__all__ = ["SCREENS", "CountsScreen", "LazyTableScreen", "LocationsScreen", "MovementsScreen", "ProductsScreen", "Screen",
           "SensorsScreen", "StockScreen", "balance_columns", "product_columns"]
