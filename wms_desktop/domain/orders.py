"""Outbound orders: their lifecycle and the short-stock policies of a release.

An order is released (its lines reserved against balances), picked (each pick consumes its
reservation and moves the stock to the packing location), packed into cartons and shipped; it
may be cancelled until its picking is done, which releases every reservation not yet picked.
Refusals carry the seed's codes: 16001 edit and 16006 new lines of a non-pending order,
16028 cancel, 16000 any other transition.
"""
from __future__ import annotations

from .documents import Action, Lifecycle

ORDER = Lifecycle("order", states=("pending", "released", "picking", "picked", "packed", "shipped", "cancelled"),
                  initial="pending", actions=(
    Action("edit", {"pending"}, code=16001),
    Action("edit_lines", {"pending"}, code=16006),
    Action("release", {"pending"}, "released"),
    Action("pick", {"released", "picking"}, "picking"),
    Action("finish_picking", {"picking"}, "picked"),
    Action("pack", {"picked"}),  # a carton; the order stays picked until every picked unit is packed
    Action("finish_packing", {"picked"}, "packed"),
    Action("ship", {"packed"}, "shipped"),
    Action("cancel", {"pending", "released", "picking"}, "cancelled", code=16028)))

# What a release does with a line the warehouse cannot fill: refuse the whole release (15003),
# or reserve what there is and keep the rest as the line's backorder quantity.
REFUSE, BACKORDER = "refuse", "backorder"
SHORT_STOCK_POLICIES = (REFUSE, BACKORDER)

# An order holds its wave's tote while it is picked and until it is packed: a packer scans the
# tote to find it; after that the tote goes back into use.
TOTE_HELD = ("released", "picking", "picked")

RESERVE_SHORT = 15003  # "Insufficient stock to lock" (15004, releasing more than is reserved: errors.py)


def weight_tolerance(expected_grams: int) -> int:
    """How far a carton's weight may be from the expected one: 3 %, at least 20 g (scale
    resolution, packing material)."""
    return max(20, expected_grams * 3 // 100)
