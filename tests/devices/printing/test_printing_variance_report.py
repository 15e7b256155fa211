"""A count task's variance report as PDF: lines in walking order with expected, counted,
variance and decision, totals, each counter's accuracy; the task number as a barcode; many
lines run over several A4 pages."""
from __future__ import annotations

from printing_helpers import pdf_barcodes, pdf_page_sizes_mm, pdf_text

from wms_desktop.devices.printing import CounterFigure, VarianceLine, VarianceReport, render_variance_report


def report(lines: int) -> VarianceReport:
    return VarianceReport("CC-0007", "approved", tuple(
        VarianceLine(f"A{10 - i % 10}-01-01", f"TEE-红-{'SML'[i % 3]}", "纯棉T恤 Cotton tee", "B1" if i % 4 == 0 else "",
                     10, 10 + (i % 5) - 2, "li", ("approved", "rejected", None)[i % 3], "damaged" if i % 3 == 0 else "")
        for i in range(lines)), lines_counted=lines * 3,
        counters=(CounterFigure("li", 30, 27, 90.0), CounterFigure("wang", 8, 8, 100.0)), warehouse_name="主仓库")


def test_the_report_lists_variances_in_walking_order_with_totals_and_accuracy():
    document = render_variance_report(report(3))
    assert (document.kind, document.fmt) == ("variance_report", "pdf")
    (text,) = pdf_text(document.payload)
    assert "盘点差异报告" in text and "CC-0007" in text
    assert text.index("A8-01-01") < text.index("A9-01-01") < text.index("A10-01-01")  # walking order
    for expected in ("-2", "-1", "+0", "批准 approved", "驳回 rejected", "待定 open", "(damaged)",
                     "9 行已盘 lines counted", "净差异 net -3", "li: 27/30 = 90.0%", "wang: 8/8 = 100.0%"):
        assert expected in text, expected
    assert [b.text for b in pdf_barcodes(document.payload, 200)[0]] == ["CC-0007"]


def test_a_long_report_runs_over_a4_pages():
    document = render_variance_report(report(120))
    sizes = pdf_page_sizes_mm(document.payload)
    assert len(sizes) > 2 and all(round(w) == 210 and round(h) == 297 for w, h in sizes)
    assert sum(page.count("TEE-红-") for page in pdf_text(document.payload)) == 120
