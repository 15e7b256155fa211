"""The field types commands are made of: each a Python type for the checker, ``Meta`` bounds
for msgspec's JSON Schema, and the domain rule (``wms_desktop.domain.fields``) that the decoder
applies with today's reasons ("must not start or end with white space", …)."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from msgspec import Meta

from ..domain import fields as f
from ..domain.codes import CODE_MAX, LOCATION_TYPES, SCAN_CODE_MAX, SKU_CODE_MAX, SKU_PART_MAX
from ..domain.permissions import ALL

_MAX = f.MAX_QUANTITY

Code = Annotated[str, Meta(min_length=1, max_length=CODE_MAX, description="trimmed, printable"), f.code()]
SkuCode = Annotated[str, Meta(min_length=1, max_length=SKU_CODE_MAX, description="{product_code}-{sku_color}-{sku_size}"),
                    f.code(SKU_CODE_MAX)]
SkuPart = Annotated[str, Meta(min_length=1, max_length=SKU_PART_MAX), f.code(SKU_PART_MAX)]
ScanCode = Annotated[str, Meta(min_length=1, max_length=SCAN_CODE_MAX, pattern=r"^[!-\\^-~][!-~]*$",
                                description="printable ASCII, no spaces, not starting with ]"), f.scan_code()]
UnitCode = Annotated[str, Meta(min_length=1, max_length=16), f.code(16)]
Name = Annotated[str, Meta(max_length=f.NAME_MAX), f.text()]
Notes = Annotated[str, Meta(max_length=f.NOTES_MAX), f.text(f.NOTES_MAX, multiline=True)]
Search = Annotated[str, Meta(max_length=CODE_MAX), f.text(CODE_MAX)]
ImagePath = Annotated[str, Meta(max_length=f.NAME_MAX, pattern="^/uploads/."), f.image_path()]

Ident = Annotated[int, Meta(ge=1, le=2**63 - 1), f.ident()]
Quantity = Annotated[int, Meta(ge=1, le=_MAX, description="units moved"), f.quantity()]
Delta = Annotated[int, Meta(ge=-_MAX, le=_MAX, description="a signed change, not 0", extra_json_schema={"not": {"const": 0}}),
                  f.delta()]
Counted = Annotated[int, Meta(ge=0, le=_MAX, description="the counted quantity"), f.integer(0)]
Threshold = Annotated[int, Meta(ge=-_MAX, le=_MAX, description="-1 disables the alert"), f.integer(-_MAX, _MAX)]
Grams = Annotated[int, Meta(ge=1, le=_MAX, description="unit weight in whole grams"), f.integer(1, _MAX)]
Tare = Annotated[int, Meta(ge=0, le=_MAX, description="an empty carton's weight in grams"), f.integer(0, _MAX)]
Page = Annotated[int, Meta(ge=1, le=1_000_000), f.integer(1, 1_000_000)]
PageSize = Annotated[int, Meta(ge=1, le=1000), f.integer(1, 1000)]
Flag = Annotated[bool, f.flag()]
Day = Annotated[date, Meta(description="YYYY-MM-DD"), f.iso_date()]
Version = Annotated[int, Meta(ge=1, le=2**31 - 1, description="the document version read"), f.integer(1, 2**31 - 1)]

LocationType = Literal["storage", "receiving", "shipping", "damaged", "returns"]
AnyLocationType = Literal["storage", "receiving", "shipping", "damaged", "returns", "unassigned"]
ROLE_MAX = 16
Role = Annotated[str, Meta(min_length=1, max_length=ROLE_MAX, description="a role's code (roles: clerk, …)"),
               f.code(ROLE_MAX)]
Permission = Literal["move_stock", "correct_stock", "approve_counts", "edit_catalog", "edit_locations",
                     "plan_documents", "confirm_unscanned", "manage_users"]

assert LocationType.__args__ == LOCATION_TYPES and Permission.__args__ == ALL  # type: ignore[attr-defined]
