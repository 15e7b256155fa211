"""The catalogue: products, their SKUs and the external barcodes that point at SKUs."""
from __future__ import annotations

from typing import Annotated

from msgspec import UNSET, Meta, UnsetType, field

from .base import Changes, Command, Logged, Mutation, Pagination, Result
from .fields import (
    Code,
    Counted,
    Flag,
    Grams,
    Ident,
    ImagePath,
    Name,
    Page,
    PageSize,
    ScanCode,
    Search,
    SkuCode,
    SkuPart,
    Threshold,
    UnitCode,
)
from .stock import ProductRecord, ProductStock

EXTERNAL_CODES_MAX = 50
SKUS_MAX = 2000
ExternalCodes = Annotated[list[Code], Meta(max_length=EXTERNAL_CODES_MAX)]


class NewSku(Command, frozen=True, kw_only=True):
    """A SKU to add: ``sku_code`` must be ``{product_code}-{sku_color}-{sku_size}``."""

    sku_code: SkuCode
    sku_color: SkuPart
    sku_size: SkuPart
    image_path: ImagePath | None = None
    weight_grams: Grams | None = None  # unit weight; null = not known
    external_codes: ExternalCodes | None = None


NewSkus = Annotated[list[NewSku], Meta(max_length=SKUS_MAX)]


class ProductFields(Mutation, frozen=True, kw_only=True):
    product_name: Name | None = None
    unit: UnitCode | None = None
    has_sku: Flag | None = None
    low_stock_threshold: Threshold | None = None
    high_stock_threshold: Threshold | None = None
    skus: NewSkus | None = None


class CreateProduct(ProductFields, frozen=True, kw_only=True):
    product_code: Code  # no "-"
    category_id: Code | None = None
    image_path: ImagePath | None = None


class UpdateProduct(ProductFields, frozen=True, kw_only=True):
    """Fields left out are kept; ``category_id`` / ``image_path`` given as null are cleared.
    ``product_code`` and ``has_sku`` may be repeated but not changed; ``skus`` adds SKUs."""

    product_id: Ident
    product_code: Code | None = None
    category_id: Code | None | UnsetType = UNSET
    image_path: ImagePath | None | UnsetType = UNSET


class DeleteProduct(Mutation, frozen=True, kw_only=True):
    product_id: Ident


class ListProducts(Command, frozen=True, kw_only=True):
    search: Search | None = None
    page: Page = 1
    page_size: PageSize = 50


class CreateSku(Mutation, frozen=True, kw_only=True):
    """A SKU of a product with SKUs; ``stock_quantity`` above 0 is received into 无货位 in the
    same transaction (and then needs ``operator_id``)."""

    product_code: Code
    sku_code: SkuCode
    sku_color: SkuPart
    sku_size: SkuPart
    image_path: ImagePath | None = None
    weight_grams: Grams | None = None
    external_codes: ExternalCodes | None = None
    stock_quantity: Counted | None = None
    scan_code: ScanCode | None = None  # default assigned: S + the id, zero-padded (S000042)


class UpdateSku(Mutation, frozen=True, kw_only=True):
    """A field left out is kept, a field given as null is cleared (``scan_code``: kept)."""

    sku_code: SkuCode
    image_path: ImagePath | None | UnsetType = UNSET
    weight_grams: Grams | None | UnsetType = UNSET
    scan_code: ScanCode | UnsetType = UNSET


class DeleteSku(Mutation, frozen=True, kw_only=True):
    sku_code: SkuCode


class AddExternalCodes(Command, frozen=True, kw_only=True):
    exactly_one = (("external_code", "external_codes"),)

    sku_code: SkuCode
    external_code: Code | None = None
    external_codes: ExternalCodes | None = None


class RemoveExternalCode(Mutation, frozen=True, kw_only=True):
    sku_code: SkuCode
    external_code: Code


class SkuWeight(Command, frozen=True, kw_only=True):
    sku_code: SkuCode
    weight_grams: Grams | None  # null: not known


class SkuBarcode(Command, frozen=True, kw_only=True):
    sku_code: SkuCode
    external_code: Code


class SkuBarcodes(Command, frozen=True, kw_only=True):
    sku_code: SkuCode
    external_codes: Annotated[list[Code], Meta(min_length=1, max_length=EXTERNAL_CODES_MAX)]


class SaveProduct(Mutation, frozen=True, kw_only=True):
    """A whole product edit in one transaction, all or nothing, in this order: the product
    (``create`` or ``update``, with its new SKUs), SKU weights, barcodes taken off, SKUs
    deleted, barcodes added — so a barcode can move to another SKU (also from a SKU being
    deleted) and new SKUs exist before old ones go. A refusal names the step it stopped at
    (``details.step``, e.g. ``deleted_skus[1]``); nothing of the edit is kept."""

    exactly_one = (("create", "update"),)

    create: CreateProduct | None = None
    update: UpdateProduct | None = None
    weights: Annotated[list[SkuWeight], Meta(max_length=SKUS_MAX)] = field(default_factory=list)
    removed_external_codes: Annotated[list[SkuBarcode], Meta(max_length=SKUS_MAX)] = field(default_factory=list)
    deleted_skus: Annotated[list[SkuCode], Meta(max_length=SKUS_MAX)] = field(default_factory=list)
    added_external_codes: Annotated[list[SkuBarcodes], Meta(max_length=SKUS_MAX)] = field(default_factory=list)


# ---- results ----------------------------------------------------------------------------------


class CatalogSku(Result, frozen=True, kw_only=True):
    sku_code: str
    sku_color: str | None
    sku_size: str | None
    image_path: str | None
    weight_grams: int | None
    scan_code: str  # ASCII; scanning it finds this SKU (its label prints it where it has no EAN)


class MatchedSku(CatalogSku, frozen=True, kw_only=True):
    stock_quantity: int


class SkuDetail(CatalogSku, frozen=True, kw_only=True):
    external_codes: list[str]
    stock_quantity: int


class CatalogProduct(ProductStock, frozen=True, kw_only=True):
    """A product view of the catalogue: its SKUs with their unit weights, ``stock_quantity``
    (this warehouse) and the SKU a SKU code or barcode lookup matched."""

    skus: list[CatalogSku]
    stock_quantity: int
    matched_sku: MatchedSku | None


class ProductDetail(ProductStock, frozen=True, kw_only=True):
    """What the product editor shows: every SKU with its barcodes and stock."""

    skus: list[SkuDetail]
    stock_quantity: int
    matched_sku: MatchedSku | None = None


class ProductEdited(ProductDetail, frozen=True, kw_only=True):
    """``save_product``'s answer: the product as saved, and what the edit changed."""

    changes: Changes = field(default_factory=Changes)


class ProductSaved(CatalogProduct, frozen=True, kw_only=True):
    operated_at: str | None
    operator_id: str
    is_urgent: bool
    notes: str | None
    changes: Changes = field(default_factory=Changes)


class ProductDeleted(Logged, frozen=True, kw_only=True):
    product_id: int


class ProductPage(Result, frozen=True, kw_only=True):
    data: list[ProductRecord]
    pagination: Pagination


class SkuRecord(Result, frozen=True, kw_only=True):
    sku_code: str
    sku_color: str | None
    sku_size: str | None
    image_path: str | None
    weight_grams: int | None
    scan_code: str
    product_id: int
    product_code: str
    product_name: str
    external_codes: list[str]


class SkuCreated(SkuRecord, frozen=True, kw_only=True):
    stock_quantity: int
    changes: Changes = field(default_factory=Changes)


class SkuUpdated(SkuRecord, frozen=True, kw_only=True):
    operated_at: str | None
    operator_id: str
    is_urgent: bool
    notes: str | None
    changes: Changes = field(default_factory=Changes)


class SkuDeleted(Logged, frozen=True, kw_only=True):
    sku_code: str
    product_code: str


class ExternalCodeList(Result, frozen=True, kw_only=True):
    sku_code: str
    external_codes: list[str]


class ExternalCodesAdded(ExternalCodeList, frozen=True, kw_only=True):
    changes: Changes = field(default_factory=Changes)


class ExternalCodeRemoved(ExternalCodeList, frozen=True, kw_only=True):
    removed_external_code: str
    operated_at: str | None
    operator_id: str
    is_urgent: bool
    notes: str | None
    changes: Changes = field(default_factory=Changes)


