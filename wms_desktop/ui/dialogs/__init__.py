"""Operation dialogs: inbound, outbound, transfer, adjust (a delta) and count (a set quantity)."""
from .operations import (AdjustDialog, CountDialog, InboundDialog, OperationDialog, OutboundDialog,
                         TransferDialog, DIALOGS)

__all__ = ["AdjustDialog", "CountDialog", "DIALOGS", "InboundDialog", "OperationDialog", "OutboundDialog",
           "TransferDialog"]
