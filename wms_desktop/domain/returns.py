"""Customer returns: a return document is received against its shipped order, item by item,
each with a disposition, until it is closed.

- ``restock``: back to stock at a location (the warehouse's returns area unless one is named);
- ``damaged``: into a damaged location, out of what can be sold;
- ``scrap``: recorded on the return, never back in stock.

The units returned for a SKU and batch, over all returns of the order, never exceed what was
shipped (RETURN_QUANTITY_EXCEEDED 15011).
"""
from __future__ import annotations

from .documents import Action, Lifecycle

RETURN = Lifecycle("return", states=("open", "closed"), initial="open", actions=(
    Action("receive", {"open"}, code=16021),
    Action("close", {"open"}, "closed", code=16022)))

RESTOCK, DAMAGED, SCRAP = "restock", "damaged", "scrap"
DISPOSITIONS = (RESTOCK, DAMAGED, SCRAP)
