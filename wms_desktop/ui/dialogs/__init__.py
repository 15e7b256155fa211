"""Operation dialogs: inbound, outbound, transfer, adjust (a delta; counts are counted blind on
count tasks: ui/dialogs/counting.py, the Counts screen); picking an outbound order (printed and
confirmed pick by pick), the pack station, customer returns, wave picking (several orders in one
walk).

Names load on first use (:mod:`wms_desktop.lazy`): the window starts without the dialogs and
what they need (printing, PDF rendering, MQTT).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from wms_desktop.lazy import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    ".operations": ("DIALOGS", "AdjustDialog", "InboundDialog", "OperationDialog", "OutboundDialog", "TransferDialog"),
    ".packing": ("PackDialog", "open_pack_dialog"),
    ".picking": ("PickDialog", "open_pick_dialog"),
    ".receiving": ("ReceivingDialog", "open_receiving_dialog"),
    ".returns": ("ReturnDialog", "open_return_dialog"),
    ".wave": ("WaveDialog", "open_wave_dialog"),
})

if TYPE_CHECKING:  # the same names, for the type checker
    from .operations import DIALOGS, AdjustDialog, InboundDialog, OperationDialog, OutboundDialog, TransferDialog
    from .packing import PackDialog, open_pack_dialog
    from .picking import PickDialog, open_pick_dialog
    from .receiving import ReceivingDialog, open_receiving_dialog
    from .returns import ReturnDialog, open_return_dialog
    from .wave import WaveDialog, open_wave_dialog

__all__ = ["AdjustDialog", "DIALOGS", "InboundDialog", "OperationDialog", "OutboundDialog",
           "PackDialog", "PickDialog", "ReceivingDialog", "ReturnDialog", "TransferDialog", "WaveDialog",
           "open_pack_dialog", "open_pick_dialog", "open_receiving_dialog", "open_return_dialog", "open_wave_dialog"]
