"""Business codes: products, SKUs, locations, and the timestamp format of every output."""
from __future__ import annotations

import re
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


# An ASCII code a keyboard-wedge scanner can type and Code 128 can carry, printed on the label of
# a location or SKU whose own code is Chinese. Assigned ones are the prefix and the id (L000042,
# S000042): stable, and unique because ids are; a chosen one may not look like an assigned one,
# so an assignment never collides with it and a location's never reads as a SKU's.
SCAN_CODE_MAX = 16  # as Code 128 bars across a 50 mm label at 300 dpi (13 at 203 dpi, else a QR code)
LOCATION_SCAN_PREFIX = "L"
SKU_SCAN_PREFIX = "S"
_ASSIGNED = re.compile(r"[LS][0-9]+")


def assigned_scan_code(prefix: str, row_id: int) -> str:
    """The scan code a new location (``L``) or SKU (``S``) gets; the migration's triggers
    compute the same."""
    return f"{prefix}{row_id:06d}"


def is_scan_code(text: str) -> bool:
    """Printable ASCII without spaces (a wedge scanner types nothing else), not starting with
    ``]`` (scanners prefix their symbology identifier with it)."""
    return 0 < len(text) <= SCAN_CODE_MAX and all("!" <= ch <= "~" for ch in text) and not text.startswith("]")


def is_assigned_scan_code(text: str) -> bool:
    return _ASSIGNED.fullmatch(text) is not None


def check_scan_code(scan_code: str, own: str | None = None, field: str = "scan_code") -> str:
    """A scan code someone chose: well formed, and not shaped like an assigned code unless it
    is the row's ``own`` one."""
    if not is_scan_code(scan_code):
        raise WmsError("INVALID_SCAN_CODE", f"A scan code is 1 to {SCAN_CODE_MAX} printable ASCII characters "
                       "without spaces, not starting with ']'", {"field": field, "scan_code": scan_code})
    if scan_code != own and is_assigned_scan_code(scan_code):
        raise WmsError("INVALID_SCAN_CODE", "Codes of a letter L or S and digits only are assigned by the system",
                       {"field": field, "scan_code": scan_code})
    return scan_code


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


def gtin_valid(code: str) -> bool:
    """A GTIN-8/12/13/14: digits with the right GS1 check digit (weights 3, 1, 3, … from the
    digit next to it)."""
    if not code.isascii() or not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    body, check = code[:-1], int(code[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def gtin_candidates(gtin: str) -> list[str]:
    """The codes a GTIN-14 may be stored as: itself, then EAN-13, UPC-A and EAN-8 forms."""
    out = [gtin]
    for length in (13, 12, 8):
        if len(gtin) > length and set(gtin[: len(gtin) - length]) <= {"0"}:
            out.append(gtin[-length:])
    return out
