"""From data to printable bytes: labels as PDF or ZPL, lists as PDF, label previews as PNG."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wms_desktop.domain.errors import invalid

from .document_pages import paper
from .errors import PrintingError
from .label_layouts import layout_label
from .labels import Label, label_kind
from .layout import Page
from .packing_list import PackingList, layout_packing_list
from .pdf import render_pdf
from .pick_list import PickList, layout_pick_list
from .preview import pdf_preview_png
from .profiles import LabelProfile
from .variance_report import VarianceReport, layout_variance_report
from .zpl import render_zpl

FORMATS = ("pdf", "zpl")


@dataclass(frozen=True)
class PrintDocument:
    """Bytes ready for a printer, and what they are (for the job history and reprints)."""

    kind: str  # sku_label, location_label, batch_label, carton_label, pick_list, packing_list, variance_report
    fmt: str  # pdf | zpl
    payload: bytes
    name: str = ""  # what it is, for its file and spooler job: "pick-SO-1001" ("" : its kind)


def render_labels(labels: Sequence[Label], profile: LabelProfile, fmt: str) -> PrintDocument:
    """One page (PDF) or one ``^XA…^XZ`` format (ZPL) per label, all of one kind."""
    kinds = {label_kind(label) for label in labels}
    if len(kinds) != 1:
        raise invalid("labels", "must be one or more labels of a single kind", kinds=sorted(kinds))
    kind = kinds.pop()
    pages = [layout_label(label, profile) for label in labels]
    return PrintDocument(kind, fmt, _encode(pages, fmt, f"{kind} {profile.name}"))


def render_label_batches(labels: Sequence[Label], profile: LabelProfile, fmt: str, per_document: int = 50) -> list[PrintDocument]:
    """Many labels as several documents: one print job each, so a batch shows progress and can
    be cancelled between them."""
    return [render_labels(labels[i : i + per_document], profile, fmt) for i in range(0, len(labels), per_document)]


def render_pick_list(pick_list: PickList, paper_name: str) -> PrintDocument:
    pages = layout_pick_list(pick_list, paper(paper_name))
    return PrintDocument("pick_list", "pdf", render_pdf(pages, f"Pick list {pick_list.pick_list_number}"),
                         name=f"pick-{pick_list.pick_list_number}")


def render_packing_list(packing_list: PackingList, paper_name: str) -> PrintDocument:
    pages = layout_packing_list(packing_list, paper(paper_name))
    return PrintDocument("packing_list", "pdf", render_pdf(pages, f"Packing list {packing_list.order_number}"),
                         name=f"packing-{packing_list.order_number}")


def render_variance_report(report: VarianceReport) -> PrintDocument:
    pages = layout_variance_report(report, paper("a4"))
    return PrintDocument("variance_report", "pdf", render_pdf(pages, f"Count variance report {report.count_number}"))


def label_preview_png(label: Label, profile: LabelProfile) -> bytes:
    """The label as the printer will put it on paper: its PDF at the printer's resolution, one
    bit per dot."""
    pdf = render_pdf([layout_label(label, profile)], label_kind(label))
    return pdf_preview_png(pdf, profile.dpi, thermal=True)


def document_preview_png(document: PrintDocument, dpi: int = 60, page_index: int = 0) -> bytes:
    """One page of a rendered PDF list, greyscale, for an on-screen preview."""
    if document.fmt != "pdf":
        raise PrintingError("PRINT_FORMAT_UNSUPPORTED", f"Only PDF documents have a preview, not {document.fmt!r}",
                            {"fmt": document.fmt})
    return pdf_preview_png(document.payload, dpi, page_index)


def _encode(pages: list[Page], fmt: str, title: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(pages, title)
    if fmt == "zpl":
        return render_zpl(pages)
    raise PrintingError("PRINT_FORMAT_UNSUPPORTED", f"Labels are printed as {' or '.join(FORMATS)}, not {fmt!r}", {"fmt": fmt})
