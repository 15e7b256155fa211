"""Table models over the service layer (GUIDE §3): lazy id-based tables and the keyset ledger."""
from .ledger import LedgerModel
from .lazy_table import Column, LazyTableModel

__all__ = ["Column", "LazyTableModel", "LedgerModel"]
