"""The state of receiving one customer return, without Qt. :class:`~..dialogs.returns.ReturnDialog`
shows it and feeds it scans; tests drive it without widgets.

The return is opened for a shipped order (``services.returns.open``); each scanned item is one
unit back (``returns.receive``) with the disposition and reason chosen, under a ``request_id``
kept until the answer arrives, so a repeated scan sent while one is on its way, or a retry
after a lost answer, takes the unit back once.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from ...contract.returns import CloseReturn, OpenReturn, ReceiveReturn, ReturnDetail

DISPOSITIONS = ("restock", "damaged", "scrap")


@dataclass
class ReturnSession:
    operator_id: str | None
    detail: ReturnDetail | None = None
    disposition: str = "restock"
    reason_code: str = "customer_return"
    location_code: str = ""  # "" = the warehouse's returns (or damaged) area
    pending: tuple[str, str] | None = None  # (sku_code, request_id) of the receipt on its way

    def open_command(self, order_number: str) -> OpenReturn:
        return OpenReturn(order_number=order_number, operator_id=self.operator_id)

    def opened(self, detail: ReturnDetail) -> None:
        self.detail, self.pending = detail, None

    @property
    def receiving(self) -> bool:
        return self.detail is not None and self.detail.state == "open"

    def returnable(self, sku_code: str) -> int:
        """Units of the SKU the order shipped and did not get back yet."""
        if self.detail is None:
            return 0
        return sum(r.shipped_quantity - r.returned_quantity for r in self.detail.returnable if r.sku_code == sku_code)

    def receive_command(self, sku_code: str) -> ReceiveReturn | None:
        """One unit of the SKU back; None unless the return is open and the order shipped one
        that has not come back, or while another receipt is on its way."""
        if not self.receiving or self.returnable(sku_code) <= 0:
            return None
        if self.pending is not None and self.pending[0] != sku_code:
            return None
        assert self.detail is not None
        request_id = self.pending[1] if self.pending else f"ui-return-{uuid.uuid4().hex}"
        self.pending = (sku_code, request_id)
        batch = next((r.batch_number for r in self.detail.returnable
                      if r.sku_code == sku_code and r.shipped_quantity > r.returned_quantity), None)
        return ReceiveReturn(return_number=self.detail.document_number, sku_code=sku_code, batch_number=batch,
                             stock_quantity=1, disposition=self.disposition,  # type: ignore[arg-type]
                             location_code=self.location_code or None, reason_code=self.reason_code,
                             operator_id=self.operator_id, request_id=request_id)

    def received(self, detail: ReturnDetail) -> None:
        self.detail, self.pending = detail, None

    def refused(self) -> None:
        """A refusal by the service (not a lost answer): the next scan is a new receipt."""
        self.pending = None

    def close_command(self) -> CloseReturn | None:
        if not self.receiving:
            return None
        assert self.detail is not None
        return CloseReturn(return_number=self.detail.document_number, operator_id=self.operator_id)
