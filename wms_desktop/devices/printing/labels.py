"""What each kind of label shows: plain frozen data, checked when built (see ``checked.py``)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from wms_desktop.domain import fields as f
from wms_desktop.domain.codes import CODE_MAX, SKU_CODE_MAX, SKU_PART_MAX
from wms_desktop.domain.errors import invalid

from .checked import Checked
from .gs1 import BATCH_MAX, batch_element_string, gtin14

ADDRESS_MAX = 500
MAX_WEIGHT_GRAMS = 10_000_000


def _gtin() -> f.Parser:
    def parse(name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise invalid(name, "must be a string")
        gtin14(value, name)
        return value

    return parse


def _scan_code() -> f.Parser:
    parse = f.scan_code()
    return lambda name, value: value if value == "" else parse(name, value)


# ``scan_code``: the ASCII code the label's Code 128 carries (a wedge scanner types ASCII only),
# beside the code itself as text; empty: the code itself is the symbol (Code 128 where it is
# ASCII, else a UTF-8 QR code). ``utf8_qr``: the workstation's scanners can type UTF-8, so a
# QR code of a Chinese code is printed beside the bars too.
_SCAN_FIELDS = {"scan_code": f.F(_scan_code(), default=""), "utf8_qr": f.F(f.flag(), default=False)}


@dataclass(frozen=True)
class SkuLabel(Checked):
    sku_code: str
    product_name: str
    sku_color: str = ""  # empty for the implicit SKU of a product without SKUs
    sku_size: str = ""
    scan_code: str = ""
    utf8_qr: bool = False

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "sku_code": f.F(f.code(SKU_CODE_MAX), required=True),
            "product_name": f.F(f.text(), required=True),
            "sku_color": f.F(f.text(SKU_PART_MAX), default=""),
            "sku_size": f.F(f.text(SKU_PART_MAX), default=""),
            **_SCAN_FIELDS,
        }
    )


@dataclass(frozen=True)
class LocationLabel(Checked):
    location_code: str
    scan_code: str = ""
    utf8_qr: bool = False

    schema: ClassVar[f.Schema] = f.Schema({"location_code": f.F(f.code(CODE_MAX), required=True), **_SCAN_FIELDS})


@dataclass(frozen=True)
class BatchLabel(Checked):
    batch_number: str
    expiry_date: date | None = None
    gtin: str | None = None
    product_name: str = ""

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "batch_number": f.F(f.code(BATCH_MAX), required=True),
            "expiry_date": f.F(f.iso_date()),
            "gtin": f.F(_gtin()),
            "product_name": f.F(f.text(), default=""),
        }
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        batch_element_string(self.batch_number, self.expiry_date, self.gtin)  # GS1 character set


@dataclass(frozen=True)
class CartonLabel(Checked):
    order_number: str
    recipient_name: str
    recipient_address: str
    carton_number: int
    carton_count: int
    weight_grams: int | None = None

    schema: ClassVar[f.Schema] = f.Schema(
        {
            "order_number": f.F(f.code(CODE_MAX), required=True),
            "recipient_name": f.F(f.text(), required=True),
            "recipient_address": f.F(f.text(ADDRESS_MAX, multiline=True), required=True),
            "carton_number": f.F(f.integer(1, 9999), required=True),
            "carton_count": f.F(f.integer(1, 9999), required=True),
            "weight_grams": f.F(f.integer(1, MAX_WEIGHT_GRAMS)),
        }
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.carton_number > self.carton_count:
            raise invalid("carton_number", "must not exceed carton_count", carton_count=self.carton_count)


Label = SkuLabel | LocationLabel | BatchLabel | CartonLabel

LABEL_KINDS: dict[str, type] = {
    "sku_label": SkuLabel,
    "location_label": LocationLabel,
    "batch_label": BatchLabel,
    "carton_label": CartonLabel,
}


def label_kind(label: Label) -> str:
    return next(kind for kind, cls in LABEL_KINDS.items() if isinstance(label, cls))
