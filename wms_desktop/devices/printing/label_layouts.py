"""Where things go on each kind of label, for any label profile.

Each layout is drawn in millimetres for a reference stock (50×30 mm; 100×150 mm for cartons)
and scaled to the profile, keeping proportions; barcodes always get the full label width so
their modules are as wide as the stock allows.
"""
from __future__ import annotations

from decimal import Decimal

from .code128 import is_code128_text
from .gs1 import batch_element_string
from .labels import BatchLabel, CartonLabel, Label, LocationLabel, SkuLabel
from .layout import Box, Item, Page, Text, code_barcode, fitted_text, gs1_barcode, wrapped_lines
from .profiles import LabelProfile

MARGIN_MM = 1.5


class _Canvas:
    """Millimetres on the reference stock → dots on the profile's stock."""

    def __init__(self, profile: LabelProfile, reference_mm: tuple[float, float]) -> None:
        self.profile = profile
        self.scale = min(profile.width_mm / reference_mm[0], profile.height_mm / reference_mm[1])
        self.margin = profile.dots(MARGIN_MM)
        self.inner = profile.width - 2 * self.margin
        self.items: list[Item] = []

    def d(self, mm: float) -> int:
        """A reference-stock length in dots."""
        return self.profile.dots(mm * self.scale)

    def page(self) -> Page:
        p = self.profile
        return Page(p.width, p.height, p.dpi, tuple(self.items))


def layout_label(label: Label, profile: LabelProfile) -> Page:
    if isinstance(label, SkuLabel):
        return _sku(label, profile)
    if isinstance(label, LocationLabel):
        return _location(label, profile)
    if isinstance(label, BatchLabel):
        return _batch(label, profile)
    return _carton(label, profile)


def _sku(label: SkuLabel, profile: LabelProfile) -> Page:
    c = _Canvas(profile, (50, 30))
    name, variant, hri = c.d(3.4), c.d(3.0), c.d(2.6)
    y = c.margin
    c.items.append(fitted_text(label.product_name, c.margin, y, c.inner, name, "center"))
    y += name + c.d(0.3)
    variant_line = "  ".join(part for part in (label.sku_color, label.sku_size) if part)
    if variant_line:
        c.items.append(fitted_text(variant_line, c.margin, y, c.inner, variant, "center"))
    y += variant + c.d(0.8)
    bottom = profile.height - c.margin - hri
    _symbols(c, label.sku_code, label.scan_code, label.utf8_qr, y, bottom - c.d(0.5) - y)
    if label.scan_code:  # the code for people, the scan code under its bars
        half = c.inner // 2
        c.items.append(fitted_text(label.sku_code, c.margin, bottom, half, hri))
        c.items.append(fitted_text(label.scan_code, c.margin + half, bottom, c.inner - half, hri, "right"))
    else:
        c.items.append(fitted_text(label.sku_code, c.margin, bottom, c.inner, hri, "center"))
    return c.page()


def _location(label: LocationLabel, profile: LabelProfile) -> Page:
    """The code large for people, its symbol below; the big text is the human-readable line
    (and the scan code small under its bars)."""
    c = _Canvas(profile, (50, 30))
    big, hri = c.d(6), c.d(2.4)
    y = c.margin
    c.items.append(fitted_text(label.location_code, c.margin, y, c.inner, big, "center", min_size=big // 2))
    y += big + c.d(1)
    bottom = profile.height - c.margin - (hri if label.scan_code else 0)
    _symbols(c, label.location_code, label.scan_code, label.utf8_qr, y, bottom - y)
    if label.scan_code:
        c.items.append(fitted_text(label.scan_code, c.margin, bottom, c.inner, hri, "center"))
    return c.page()


def _symbols(c: _Canvas, code: str, scan_code: str, utf8_qr: bool, y: int, height: int) -> None:
    """The scan code's Code 128 across the label; with ``utf8_qr`` and a code Code 128 cannot
    carry, that code's UTF-8 QR at the right and the bars in the rest. No scan code: the code's
    own symbol."""
    width, dpi = c.profile.width, c.profile.dpi
    if not scan_code:
        c.items.append(code_barcode(code, 0, y, width, height, dpi))
        return
    if utf8_qr and not is_code128_text(code):
        square = min(height, width // 2)
        c.items.append(code_barcode(code, width - square, y, square, height, dpi))
        width -= square
    c.items.append(code_barcode(scan_code, 0, y, width, height, dpi))


def _batch(label: BatchLabel, profile: LabelProfile) -> Page:
    c = _Canvas(profile, (50, 30))
    line, hri = c.d(3.0), c.d(2.4)
    elements = batch_element_string(label.batch_number, label.expiry_date, label.gtin)
    y = c.margin
    if label.product_name:
        c.items.append(fitted_text(label.product_name, c.margin, y, c.inner, line, "center"))
        y += line + c.d(0.3)
    half = c.inner // 2
    c.items.append(fitted_text(f"批号 LOT {label.batch_number}", c.margin, y, half, line))
    if label.expiry_date is not None:
        expiry = f"有效期 EXP {label.expiry_date.isoformat()}"
        c.items.append(fitted_text(expiry, c.margin + half, y, c.inner - half, line, "right"))
    y += line + c.d(0.8)
    bottom = profile.height - c.margin - hri
    c.items.append(gs1_barcode(elements, 0, y, profile.width, bottom - c.d(0.5) - y, profile.dpi))
    c.items.append(fitted_text(elements.hri, c.margin, bottom, c.inner, hri, "center"))
    return c.page()


def _carton(label: CartonLabel, profile: LabelProfile) -> Page:
    c = _Canvas(profile, (100, 150))
    caption, order, name, address, big, weight = c.d(4), c.d(8), c.d(8), c.d(5.5), c.d(16), c.d(8)
    rule = max(2, c.d(0.5))
    y = c.margin
    c.items.append(fitted_text("订单 ORDER", c.margin, y, c.inner, caption))
    y += caption + c.d(1)
    c.items.append(fitted_text(label.order_number, c.margin, y, c.inner, order))
    y += order + c.d(2)
    c.items.append(code_barcode(label.order_number, 0, y, profile.width, c.d(22), profile.dpi))
    y += c.d(22) + c.d(3)
    c.items.append(Box(c.margin, y, c.inner, rule, rule))
    y += rule + c.d(3)
    c.items.append(fitted_text("收件人 TO", c.margin, y, c.inner, caption))
    y += caption + c.d(1.5)
    c.items.append(fitted_text(label.recipient_name, c.margin, y, c.inner, name))
    y += name + c.d(2)
    footer = profile.height - c.margin - caption - c.d(1) - big
    footer_rule = footer - c.d(3) - rule
    line_pitch = address + c.d(1.2)
    for text in wrapped_lines(label.recipient_address, c.inner, address, max_lines=max(1, (footer_rule - y) // line_pitch)):
        c.items.append(Text(c.margin, y, c.inner, address, text))
        y += line_pitch
    c.items.append(Box(c.margin, footer_rule, c.inner, rule, rule))
    half = c.inner // 2
    c.items.append(fitted_text("箱 CARTON", c.margin, footer, half, caption))
    c.items.append(fitted_text(f"{label.carton_number} / {label.carton_count}", c.margin, footer + caption + c.d(1), half, big))
    if label.weight_grams is not None:
        c.items.append(fitted_text("重量 WEIGHT", c.margin + half, footer, c.inner - half, caption, "right"))
        kilograms = f"{Decimal(label.weight_grams) / 1000:.2f} kg"
        bottom_with_the_count = footer + caption + c.d(1) + big - weight
        c.items.append(fitted_text(kilograms, c.margin + half, bottom_with_the_count, c.inner - half, weight, "right"))
    return c.page()
