"""What to print for catalogue and location data: service results turned into the printing
package's label items. Shared by the command line and the app's print dialog."""
from __future__ import annotations

from typing import Any

from .services import Services


def sku_label_items(services: Services, codes: list[str]) -> list[dict[str, Any]]:
    """One label per SKU: a SKU code prints that SKU, a product code every SKU of the product."""
    items = []
    for code in codes:
        view = services.catalog.product_by_code(code)
        for sku in [view["matched_sku"]] if view["matched_sku"] else view["skus"]:
            items.append({"sku_code": sku["sku_code"], "product_name": view["product_name"],
                          "sku_color": sku["sku_color"] or "", "sku_size": sku["sku_size"] or ""})
    return items


def location_label_items(services: Services, codes: list[str]) -> list[dict[str, Any]]:
    """The named locations, or every location of the warehouse when none are named."""
    places = [services.locations.get({"location_code": c}) for c in codes] if codes else services.locations.list()
    return [{"location_code": place["location_code"]} for place in places]
