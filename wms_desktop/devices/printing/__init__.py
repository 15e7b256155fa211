"""Labels and lists, printed locally.

Data in (frozen records: ``SkuLabel``, ``LocationLabel``, ``BatchLabel``, ``CartonLabel``,
``PickList``, ``PackingList``, ``ReceivingReport``, ``VarianceReport``), bytes out (``render_*`` → ``PrintDocument``: PDF for any printer,
ZPL for Zebra label printers), bytes to a printer (``PrintJobs`` with a ``Target``), with a job
history to reprint from. No Qt, no database: the GUI sends from a worker thread and draws
through ``RENDERER``, a worker process (the drawing holds the GIL).

How it fits together: ``layout.py`` describes every page once, in printer dots; ``pdf.py`` and
``zpl.py`` translate that description and nothing else.

Names load on first use (:mod:`wms_desktop.lazy`): the data records (labels, lists, reports) and
the targets come without reportlab, PIL and pypdfium2, which load with the first rendering.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from wms_desktop.domain.walking_order import walking_order_key
from wms_desktop.lazy import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {
    ".document_pages": ("PAPERS",),
    ".errors": ("PrintingError",),
    ".export": ("export_document", "export_labels"),
    ".jobs": ("BatchResult", "PrintJob", "PrintJobs"),
    ".labels": ("LABEL_KINDS", "BatchLabel", "CartonLabel", "LocationLabel", "SkuLabel"),
    ".packing_list": ("PackingLine", "PackingList"),
    ".pick_list": ("PUTAWAY_LIST_TITLE", "PickLine", "PickList"),
    ".profiles": ("PROFILES", "LabelProfile", "label_profile"),
    ".receiving_report": ("ReceivingReport", "ReportLine"),
    ".renderer": ("RENDERER", "RenderProcess"),
    ".rendering": ("PrintDocument", "document_preview_png", "label_preview_png", "render_label_batches",
                   "render_labels", "render_packing_list", "render_pick_list", "render_receiving_report",
                   "render_variance_report"),
    ".targets": ("CupsPrinter", "FileTarget", "RawTcpPrinter", "WindowsPrinter", "target_from_address",
                 "target_from_dict"),
    ".variance_report": ("CounterFigure", "VarianceLine", "VarianceReport"),
})

if TYPE_CHECKING:  # the same names, for the type checker
    from .document_pages import PAPERS
    from .errors import PrintingError
    from .export import export_document, export_labels
    from .jobs import BatchResult, PrintJob, PrintJobs
    from .labels import LABEL_KINDS, BatchLabel, CartonLabel, LocationLabel, SkuLabel
    from .packing_list import PackingLine, PackingList
    from .pick_list import PUTAWAY_LIST_TITLE, PickLine, PickList
    from .profiles import PROFILES, LabelProfile, label_profile
    from .receiving_report import ReceivingReport, ReportLine
    from .renderer import RENDERER, RenderProcess
    from .rendering import (
            PrintDocument,
            document_preview_png,
            label_preview_png,
            render_label_batches,
            render_labels,
            render_packing_list,
            render_pick_list,
            render_receiving_report,
            render_variance_report,
    )
    from .targets import CupsPrinter, FileTarget, RawTcpPrinter, WindowsPrinter, target_from_address, target_from_dict
    from .variance_report import CounterFigure, VarianceLine, VarianceReport

__all__ = [
    "LABEL_KINDS",
    "PAPERS",
    "PROFILES",
    "PUTAWAY_LIST_TITLE",
    "RENDERER",
    "BatchLabel",
    "BatchResult",
    "CartonLabel",
    "CounterFigure",
    "CupsPrinter",
    "FileTarget",
    "LabelProfile",
    "LocationLabel",
    "PackingLine",
    "PackingList",
    "PickLine",
    "PickList",
    "PrintDocument",
    "PrintJob",
    "PrintJobs",
    "PrintingError",
    "RawTcpPrinter",
    "ReceivingReport",
    "RenderProcess",
    "ReportLine",
    "SkuLabel",
    "VarianceLine",
    "VarianceReport",
    "WindowsPrinter",
    "document_preview_png",
    "export_document",
    "export_labels",
    "label_preview_png",
    "label_profile",
    "render_label_batches",
    "render_labels",
    "render_packing_list",
    "render_pick_list",
    "render_receiving_report",
    "render_variance_report",
    "target_from_address",
    "target_from_dict",
    "walking_order_key",
]
