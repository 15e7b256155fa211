"""CSV in and out: the import command and its report, the rows a CSV file is made of, and the
columns of every file (docs/data.md).

A CSV row is decoded like a command: its cells, named by the header's snake_case columns,
become one of the ``*CsvRow`` types below through ``contract.decode`` — the same field rules
as the services' own commands. An empty cell is a value left out. Integers are written as
digits (``12``, ``-1``), flags as ``true``/``false``, days as ``YYYY-MM-DD``; a SKU's external
codes share one cell, separated by ``|``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from msgspec import Meta, field

from ..domain import fields as f
from ..domain.codes import CODE_MAX
from .base import Command, Mutation, Result
from .fields import (
    Code,
    Counted,
    Day,
    Flag,
    Grams,
    LocationType,
    Name,
    Quantity,
    ScanCode,
    SkuCode,
    SkuPart,
    Threshold,
    UnitCode,
)

ImportKind = Literal["products", "locations", "stock", "asns"]
ExportKind = Literal["products", "locations", "stock", "movements"]
ImportMode = Literal["skip", "update", "fail"]
EXTERNAL_CODE_SEPARATOR = "|"
CELL_MAX = 50 * (CODE_MAX + 1)  # the external codes cell: up to 50 codes
ExternalCodesCell = Annotated[str, Meta(max_length=CELL_MAX), f.text(CELL_MAX)]
ERRORS_LISTED = 1000  # row errors a report carries; every one goes to the caller's on_error

ImportProgress = Callable[[int, int, int], None]  # (rows read, bytes read, bytes in the file), from the worker
ExportProgress = Callable[[int, int], None]  # (rows written, rows in all; 0 when not known)
Cancelled = Callable[[], bool]  # asked between blocks: True stops the run and rolls it back


class ImportCsv(Mutation, frozen=True, kw_only=True):
    """Import one CSV file (the service method names its kind). ``mode`` says what a row naming an existing record does:
    ``skip`` leaves the record as it is, ``update`` changes it to the row, ``fail`` makes the
    row an error. ``dry_run``: check every row and report every error, write nothing. A real
    run writes every row or, at the first error it finds, none (it still checks the rest)."""

    mode: ImportMode = "fail"
    dry_run: Flag = False
    file_name: Name | None = None  # for the "only CSV files" check and the ledger's notes


class RowError(Result, frozen=True, kw_only=True):
    """One refused row: its number in the file (the header is row 1) and the refusal."""

    row: int
    error_code: str
    code: int | None
    error_message: str
    details: dict[str, object]


class ImportReport(Result, frozen=True, kw_only=True):
    kind: str
    mode: str
    dry_run: bool
    encoding: str  # utf-8, utf-8-sig (with BOM) or gb18030
    rows: int  # data rows read
    created: int
    updated: int
    skipped: int  # existing records left as they were, and opening stock of 0
    error_count: int
    errors: list[RowError] = field(default_factory=list)  # the first ERRORS_LISTED
    committed: bool = False


OnRowError = Callable[[RowError], None]  # every refused row, as it is found


class ExportReport(Result, frozen=True, kw_only=True):
    kind: str
    rows: int
    columns: list[str]


# ---- the rows of an import, one type per kind ------------------------------------------------------


class ProductCsvRow(Command, frozen=True, kw_only=True):
    """One SKU of a product (a product without SKUs: one row, no colour or size). Rows of one
    product repeat its product columns; the first row of a product gives them."""

    product_code: Code
    product_name: Name
    unit: UnitCode | None = None
    category_id: Code | None = None
    low_stock_threshold: Threshold | None = None
    high_stock_threshold: Threshold | None = None
    sku_code: SkuCode | None = None  # informational: must be {product_code}-{sku_color}-{sku_size} when given
    sku_color: SkuPart | None = None
    sku_size: SkuPart | None = None
    weight_grams: Grams | None = None
    external_codes: ExternalCodesCell | None = None  # codes separated by |
    scan_code: ScanCode | None = None  # a chosen one is set; an assigned one (S + digits) stays its SKU's


class LocationCsvRow(Command, frozen=True, kw_only=True):
    location_code: Code
    location_name: Name | None = None
    location_type: LocationType | None = None
    is_active: Flag | None = None
    scan_code: ScanCode | None = None  # a chosen one is set; an assigned one (L + digits) stays its location's


class StockCsvRow(Command, frozen=True, kw_only=True):
    """Opening stock of one balance, posted through the ledger."""

    location_code: Code
    sku_code: SkuCode
    stock_quantity: Counted
    batch_number: Code | None = None
    expiry_date: Day | None = None


class AsnCsvRow(Command, frozen=True, kw_only=True):
    """One line of an ASN; the rows of one ASN are together, and its first row gives the
    ASN's own columns (services.receiving.create takes them)."""

    asn_number: Code
    supplier_code: Code | None = None
    supplier_name: Name | None = None
    expected_arrival: Day | None = None
    document_ref: Code | None = None  # the purchase order
    is_blind: Flag | None = None
    sku_code: SkuCode
    expected_quantity: Quantity
    batch_number: Code | None = None
    expiry_date: Day | None = None


# ---- the columns of each file: an export writes them all, an import requires some, reads the
# optional ones and ignores the informational ones an export adds

PRODUCT_COLUMNS = ("product_code", "product_name", "unit", "category_id", "low_stock_threshold",
                   "high_stock_threshold", "sku_code", "sku_color", "sku_size", "weight_grams", "external_codes", "scan_code")
LOCATION_COLUMNS = ("location_code", "location_name", "location_type", "is_active", "scan_code")
STOCK_COLUMNS = ("location_code", "sku_code", "batch_number", "stock_quantity", "expiry_date", "product_code",
                 "product_name", "locked_quantity", "available_quantity", "updated_at")
MOVEMENT_COLUMNS = ("movement_id", "operated_at", "operation", "product_code", "product_name", "sku_code",
                    "location_code", "batch_number", "quantity_change", "quantity_after", "operator_id", "is_urgent",
                    "notes", "document_ref", "request_id")

ASN_COLUMNS = ("asn_number", "supplier_code", "supplier_name", "expected_arrival", "document_ref", "is_blind",
               "sku_code", "expected_quantity", "batch_number", "expiry_date")

COLUMNS: dict[str, tuple[str, ...]] = {"products": PRODUCT_COLUMNS, "locations": LOCATION_COLUMNS,
                                       "stock": STOCK_COLUMNS, "movements": MOVEMENT_COLUMNS, "asns": ASN_COLUMNS}
REQUIRED: dict[str, tuple[str, ...]] = {"products": ("product_code", "product_name"),
                                        "locations": ("location_code",),
                                        "stock": ("location_code", "sku_code", "stock_quantity"),
                                        "asns": ("asn_number", "sku_code", "expected_quantity")}
INFORMATIONAL: dict[str, tuple[str, ...]] = {"products": (), "locations": (), "asns": (),
                                             "stock": ("product_code", "product_name", "locked_quantity",
                                                       "available_quantity", "updated_at")}
ROW_TYPES: dict[str, type[Command]] = {"products": ProductCsvRow, "locations": LocationCsvRow,
                                       "stock": StockCsvRow, "asns": AsnCsvRow}
INTEGER_COLUMNS = frozenset({"low_stock_threshold", "high_stock_threshold", "weight_grams", "stock_quantity",
                             "expected_quantity"})
FLAG_COLUMNS = frozenset({"is_active", "is_blind"})
