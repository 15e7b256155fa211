"""Business codes: products, SKUs, locations, and the timestamp format of every output."""
from __future__ import annotations

from datetime import UTC, datetime

from .errors import WmsError

# Stock that has no shelf yet lives here; every warehouse has exactly one (spec §"无货位").
UNASSIGNED_LOCATION = "无货位"
UNASSIGNED_TYPE = "unassigned"
LOCATION_TYPES = ("storage", "receiving", "shipping", "damaged", "returns")

SKU_SEPARATOR = "-"
CODE_MAX = 64  # product, location, batch, external and request codes
SKU_PART_MAX = 32  # colour and size
SKU_CODE_MAX = CODE_MAX + 2 * SKU_PART_MAX + 2


def check_product_code(product_code: str) -> str:
    """A product code may not contain the SKU separator, so a SKU code parses one way only."""
    if SKU_SEPARATOR in product_code:
        raise WmsError(
            "INVALID_PRODUCT_CODE",
            f"A product code may not contain {SKU_SEPARATOR!r}; {product_code!r} looks like a SKU code",
            {"product_code": product_code},
        )
    return product_code


def sku_code_for(product_code: str, sku_color: str, sku_size: str) -> str:
    return SKU_SEPARATOR.join((product_code, sku_color, sku_size))


def split_sku_code(sku_code: str) -> tuple[str, str, str]:
    """``{product_code}-{sku_color}-{sku_size}`` → its three parts, or INVALID_SKU_CODE."""
    parts = sku_code.split(SKU_SEPARATOR)
    if len(parts) != 3 or not all(parts):
        raise WmsError(
            "INVALID_SKU_CODE",
            "A SKU code is {product_code}-{sku_color}-{sku_size}",
            {"sku_code": sku_code},
        )
    return parts[0], parts[1], parts[2]


def check_sku_parts(sku_color: str, sku_size: str, field_prefix: str = "") -> None:
    for name, value in (("sku_color", sku_color), ("sku_size", sku_size)):
        if SKU_SEPARATOR in value:
            raise WmsError(
                "INVALID_SKU_CODE",
                f"{name} may not contain {SKU_SEPARATOR!r}",
                {"field": field_prefix + name, name: value},
            )


def iso_z(moment: datetime | None) -> str | None:
    """UTC, ISO 8601 with milliseconds and ``Z``: ``2024-06-15T12:00:00.000Z``.

    SQLite hands back naive datetimes; everything we store is UTC, so naive means UTC.
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def gtin_candidates(gtin: str) -> list[str]:
    """The codes a GTIN-14 may be stored as: itself, then EAN-13, UPC-A and EAN-8 forms."""
    out = [gtin]
    for length in (13, 12, 8):
        if len(gtin) > length and set(gtin[: len(gtin) - length]) <= {"0"}:
            out.append(gtin[-length:])
    return out
