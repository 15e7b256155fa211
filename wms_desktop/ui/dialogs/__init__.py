"""Operation dialogs: inbound, outbound, transfer, adjust (a delta) and count (a set quantity);
outbound pick work (an order planned, printed and confirmed pick by pick)."""
from .operations import (
                         DIALOGS,
                         AdjustDialog,
                         CountDialog,
                         InboundDialog,
                         OperationDialog,
                         OutboundDialog,
                         TransferDialog,
)
from .picking import PickDialog, open_pick_dialog
from .receiving import ReceivingDialog, open_receiving_dialog

__all__ = ["AdjustDialog", "CountDialog", "DIALOGS", "InboundDialog", "OperationDialog", "OutboundDialog",
           "PickDialog", "ReceivingDialog", "TransferDialog", "open_pick_dialog", "open_receiving_dialog"]
