"""What the product editor must ask the catalogue to do: the difference between the product as
loaded and the form, as one ``SaveProduct`` command (pure Python, no Qt) that the catalogue
applies in one transaction, all or nothing.

Its order: the product itself (create, or update with its new SKUs), then SKU weights, barcodes
taken off, SKU deletions, and barcodes added last — so a barcode can move to another SKU in
one save (also from a SKU being deleted, which frees its barcodes), and new SKUs exist before
old ones go (a product keeps at least one SKU).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from msgspec import UNSET

from ...contract.catalog import (
    CreateProduct,
    NewSku,
    ProductDetail,
    SaveProduct,
    SkuBarcode,
    SkuBarcodes,
    SkuWeight,
    UpdateProduct,
)
from ...domain.codes import sku_code_for

PRODUCT_FIELDS = ("product_name", "unit", "category_id", "image_path", "low_stock_threshold", "high_stock_threshold")
NULLABLE = ("category_id", "image_path")
IMPLICIT = (None, None)  # the grid key of the one SKU of a product without colours and sizes

Key = tuple[str | None, str | None]


@dataclass
class SkuDraft:
    """One cell of the grid as the form has it."""

    checked: bool = True
    weight_grams: int | None = None
    external_codes: list[str] = field(default_factory=list)
    scan_code: str | None = None  # a saved SKU's (shown, not edited here); None until saved


def sku_code(product_code: str, key: Key) -> str:
    colour, size = key
    if colour is None or size is None:  # IMPLICIT
        return product_code
    return sku_code_for(product_code, colour, size)


def baseline_skus(detail: ProductDetail | None) -> dict[Key, dict[str, Any]]:
    """The saved SKUs of a ``catalog.product_detail`` by grid key: code, weight, barcodes, stock,
    scan code."""
    if detail is None:
        return {}
    saved = {(s.sku_color, s.sku_size): {"sku_code": s.sku_code, "weight_grams": s.weight_grams,
                                         "external_codes": list(s.external_codes), "stock_quantity": s.stock_quantity,
                                         "scan_code": s.scan_code}
             for s in detail.skus}
    return {IMPLICIT: next(iter(saved.values()))} if not detail.has_sku else saved


def plan(detail: ProductDetail | None, form: dict[str, Any], drafts: dict[Key, SkuDraft],
         request_id: str | None = None, operator_id: str | None = None) -> SaveProduct | None:
    """The one command that turns ``detail`` (None: a new product) into ``form`` + ``drafts``;
    None when nothing changed.

    ``form`` has ``product_code``, ``has_sku`` and every name of ``PRODUCT_FIELDS`` (None for
    an empty optional field)."""
    code = form["product_code"]
    saved = baseline_skus(detail)
    new_skus = [_new_sku(code, key, draft) for key, draft in drafts.items()
                if draft.checked and key not in saved and key != IMPLICIT]
    create = update = None
    changed: dict[str, Any] = {}
    if detail is None:
        create = CreateProduct(product_code=code, has_sku=form["has_sku"], skus=new_skus if form["has_sku"] else None,
                               **{k: form[k] for k in PRODUCT_FIELDS if form[k] is not None})
        implicit = drafts.get(IMPLICIT)
        if not form["has_sku"] and implicit is not None:  # its weight and barcodes, once it exists
            saved = {IMPLICIT: {"sku_code": code, "weight_grams": None, "external_codes": []}}
    else:
        changed = {k: form[k] for k in PRODUCT_FIELDS
                   if form[k] != getattr(detail, k) and (form[k] is not None or k in NULLABLE)}
        update = UpdateProduct(
            product_id=detail.product_id, skus=new_skus or None, product_name=changed.get("product_name"),
            unit=changed.get("unit"), category_id=changed.get("category_id", UNSET),
            image_path=changed.get("image_path", UNSET), low_stock_threshold=changed.get("low_stock_threshold"),
            high_stock_threshold=changed.get("high_stock_threshold"))
    weights, removals, additions, deletions = [], [], [], []
    for key, before in saved.items():
        draft = drafts.get(key)
        code_of = before["sku_code"]
        if draft is None or not draft.checked:
            deletions.append(code_of)
            continue
        if draft.weight_grams != before["weight_grams"]:
            weights.append(SkuWeight(sku_code=code_of, weight_grams=draft.weight_grams))
        removals += [SkuBarcode(sku_code=code_of, external_code=c)
                     for c in before["external_codes"] if c not in draft.external_codes]
        added = [c for c in draft.external_codes if c not in before["external_codes"]]
        if added:
            additions.append(SkuBarcodes(sku_code=code_of, external_codes=added))
    if create is None and update is not None and not (changed or new_skus or weights or removals or deletions
                                                      or additions):
        return None
    return SaveProduct(create=create, update=update, weights=weights, removed_external_codes=removals,
                       deleted_skus=deletions, added_external_codes=additions, request_id=request_id,
                       operator_id=operator_id)


def _new_sku(product_code: str, key: Key, draft: SkuDraft) -> NewSku:
    assert key[0] is not None and key[1] is not None
    return NewSku(sku_code=sku_code(product_code, key), sku_color=key[0], sku_size=key[1],
                  weight_grams=draft.weight_grams, external_codes=list(draft.external_codes) or None)
