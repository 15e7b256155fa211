"""Operation dialogs: inbound, outbound, transfer, adjust (a delta) and count (a set quantity);
picking an outbound order (printed and confirmed pick by pick) and the pack station."""
from .operations import (
                         DIALOGS,
                         AdjustDialog,
                         CountDialog,
                         InboundDialog,
                         OperationDialog,
                         OutboundDialog,
                         TransferDialog,
)
from .packing import PackDialog, open_pack_dialog
from .picking import PickDialog, open_pick_dialog
from .receiving import ReceivingDialog, open_receiving_dialog

__all__ = ["AdjustDialog", "CountDialog", "DIALOGS", "InboundDialog", "OperationDialog", "OutboundDialog",
           "PackDialog", "PickDialog", "ReceivingDialog", "TransferDialog", "open_pack_dialog", "open_pick_dialog",
           "open_receiving_dialog"]
