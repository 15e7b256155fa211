"""Table models over the service layer (GUIDE §3): lazy id-based tables and the keyset ledger."""
from .lazy_table import Column, LazyTableModel, translatable
from .ledger import LedgerModel

__all__ = ["Column", "LazyTableModel", "LedgerModel", "translatable"]
