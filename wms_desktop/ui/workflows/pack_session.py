"""The state of packing and shipping one picked order, without Qt. :class:`~..dialogs.packing.PackDialog`
shows it and feeds it scans and keys; tests drive it without widgets.

The order (``services.orders.get``) says what is picked and not yet in a carton. Each scanned
item goes into the open carton (one unit per scan, never more than is left to pack); closing
the carton packs it (``orders.pack``, with the weight captured or typed and the carton's tare:
the service checks it against the unit weights) under a ``request_id`` kept until answered, so
a repeated key or a retry after a lost answer packs once. Once everything is packed, each
scanned code is the tracking number of the next carton without one, and shipping
(``orders.ship``) sends them with it, again once per ``request_id``.
"""
from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field

from ...contract.orders import CartonItem, CartonTracking, Order, PackCarton, ShipOrder

Key = tuple[str, str | None]  # (sku_code, batch_number)


@dataclass
class PackSession:
    operator_id: str | None
    order: Order | None = None
    carton: Counter[Key] = field(default_factory=Counter)  # the open carton's contents
    weight_grams: int | None = None
    tare_grams: int = 0
    tracking: dict[int, str] = field(default_factory=dict)  # carton number -> tracking number scanned
    pack_request: str | None = None  # kept while the carton's contents are unchanged
    ship_request: str | None = None
    accept_weight_difference: bool = False

    def loaded(self, order: Order) -> None:
        """The order as the database has it now (after opening it, or after each step)."""
        self.order = order
        self.tracking = {c.carton_number: c.tracking_number for c in order.cartons if c.tracking_number}

    def new_order(self) -> None:
        self.order, self.tracking, self.ship_request = None, {}, None
        self.clear_carton()

    @property
    def packing(self) -> bool:
        return self.order is not None and self.order.state == "picked"

    @property
    def shipping(self) -> bool:
        return self.order is not None and self.order.state == "packed"

    def unpacked(self) -> Counter[Key]:
        """Picked and not in a packed carton: per SKU and batch."""
        left: Counter[Key] = Counter()
        if self.order is not None:
            for pick in self.order.picks:
                left[(pick.sku_code, pick.batch_number)] += pick.stock_quantity
            for carton in self.order.cartons:
                for item in carton.items:
                    left[(item.sku_code, item.batch_number)] -= item.stock_quantity
        return +left

    def to_pack(self) -> list[tuple[Key, int, int]]:
        """(sku and batch, left to pack, in the open carton), in SKU order."""
        left = self.unpacked()
        return [(key, left[key], self.carton[key]) for key in sorted(left, key=lambda k: (k[0], k[1] or ""))]

    # -- the open carton ---------------------------------------------------------------------------
    def add(self, sku_code: str) -> bool:
        """One unit of the SKU into the open carton; False when none of it is left to pack."""
        if not self.packing:
            return False
        left = self.unpacked()
        key = next((k for k in sorted(left, key=lambda k: k[1] or "") if k[0] == sku_code
                    and self.carton[k] < left[k]), None)
        if key is None:
            return False
        self.carton[key] += 1
        self.pack_request = None
        return True

    def clear_carton(self) -> None:
        self.carton, self.weight_grams, self.pack_request = Counter(), None, None
        self.accept_weight_difference = False

    def pack_command(self) -> PackCarton | None:
        if not self.packing or not +self.carton:
            return None
        assert self.order is not None
        self.pack_request = self.pack_request or f"ui-pack-{uuid.uuid4().hex}"
        return PackCarton(order_number=self.order.document_number, operator_id=self.operator_id,
                          items=[CartonItem(sku_code=sku, batch_number=batch, stock_quantity=quantity)
                                 for (sku, batch), quantity in sorted((+self.carton).items(),
                                                                       key=lambda i: (i[0][0], i[0][1] or ""))],
                          weight_grams=self.weight_grams, tare_grams=self.tare_grams,
                          accept_weight_difference=self.accept_weight_difference, request_id=self.pack_request)

    # -- shipping ----------------------------------------------------------------------------------
    def add_tracking(self, code: str) -> int | None:
        """The tracking number of the next carton without one; None when every carton has one."""
        if not self.shipping:
            return None
        assert self.order is not None
        number = next((c.carton_number for c in self.order.cartons if c.carton_number not in self.tracking), None)
        if number is not None:
            self.tracking[number] = code
            self.ship_request = None
        return number

    def ship_command(self) -> ShipOrder | None:
        if not self.shipping:
            return None
        assert self.order is not None
        self.ship_request = self.ship_request or f"ui-ship-{uuid.uuid4().hex}"
        return ShipOrder(order_number=self.order.document_number, operator_id=self.operator_id,
                         request_id=self.ship_request,
                         cartons=[CartonTracking(carton_number=n, tracking_number=t)
                                  for n, t in sorted(self.tracking.items())] or None)
