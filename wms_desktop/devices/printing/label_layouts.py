"""Where things go on each kind of label, for any label profile.

Each layout is drawn in millimetres for a reference stock (50×30 mm; 100×150 mm for cartons)
and scaled to the profile, keeping proportions; barcodes always get the full label width so
their modules are as wide as the stock allows.
"""
from __future__ import annotations

from decimal import Decimal

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
    c.items.append(code_barcode(label.sku_code, 0, y, profile.width, bottom - c.d(0.5) - y, profile.dpi))
    c.items.append(fitted_text(label.sku_code, c.margin, bottom, c.inner, hri, "center"))
    return c.page()


def _location(label: LocationLabel, profile: LabelProfile) -> Page:
    """The code large for people, its symbol below; the big text is the human-readable line."""
    c = _Canvas(profile, (50, 30))
    big = c.d(6)
    y = c.margin
    c.items.append(fitted_text(label.location_code, c.margin, y, c.inner, big, "center", min_size=big // 2))
    y += big + c.d(1)
    c.items.append(code_barcode(label.location_code, 0, y, profile.width, profile.height - c.margin - y, profile.dpi))
    return c.page()


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
