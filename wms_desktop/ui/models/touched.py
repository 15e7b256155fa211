"""Which balances a committed operation changed, read from the inventory service's result.

inbound / outbound / adjust / count carry one ``(sku_code, location_code)`` with its
``previous_quantity`` and ``current_quantity``; a transfer carries the source and target
(``from_current_quantity``, ``to_current_quantity``); a batch adjustment a list of adjust
results. The screens use this to re-fetch only the rows an operation touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TouchedBalance:
    product_code: str | None
    sku_code: str
    location_code: str
    batch_number: str | None
    previous_quantity: int
    current_quantity: int

    @property
    def appeared(self) -> bool:
        """An empty balance became stocked: a list of stocked balances gains a row."""
        return self.previous_quantity == 0 < self.current_quantity


def touched_balances(result: dict[str, Any]) -> list[TouchedBalance]:
    """The balances ``result`` changed; [] for a result that changes no stock."""
    if "adjustments" in result:
        return [touched for line in result["adjustments"] for touched in touched_balances(line)]
    batch = result.get("batch_number") or None
    if "from_location_code" in result:
        moved = result["stock_quantity"]
        return [
            TouchedBalance(result.get("product_code"), result["sku_code"], result["from_location_code"], batch,
                           result["from_current_quantity"] + moved, result["from_current_quantity"]),
            TouchedBalance(result.get("product_code"), result["sku_code"], result["to_location_code"], batch,
                           result["to_current_quantity"] - moved, result["to_current_quantity"]),
        ]
    if "sku_code" in result and "location_code" in result and "current_quantity" in result:
        return [TouchedBalance(result.get("product_code"), result["sku_code"], result["location_code"], batch,
                               result["previous_quantity"], result["current_quantity"])]
    return []
