"""What the product editor must ask the catalogue to do: the difference between the product as
loaded and the form, as an ordered list of service calls (pure Python, no Qt).

Order: the product itself (create, or update with its new SKUs), then SKU weights, barcodes
taken off, SKU deletions, and barcodes added last — so a barcode can move to another SKU in
one save (also from a SKU being deleted, which frees its barcodes), and new SKUs exist before
old ones go (a product keeps at least one SKU).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True)
class Call:
    method: str  # a services.catalog method
    payload: dict[str, Any]
    sku_code: str | None = None  # the SKU a refusal is about (shown beside the grid)


def sku_code(product_code: str, key: Key) -> str:
    return product_code if key == IMPLICIT else sku_code_for(product_code, key[0], key[1])


def baseline_skus(detail: dict | None) -> dict[Key, dict]:
    """The saved SKUs of a ``catalog.product_detail`` by grid key."""
    if detail is None:
        return {}
    if not detail["has_sku"]:
        return {IMPLICIT: detail["skus"][0]}
    return {(s["sku_color"], s["sku_size"]): s for s in detail["skus"]}


def plan(detail: dict | None, form: dict[str, Any], drafts: dict[Key, SkuDraft]) -> list[Call]:
    """The calls that turn ``detail`` (None: a new product) into ``form`` + ``drafts``.

    ``form`` has ``product_code``, ``has_sku`` and every name of ``PRODUCT_FIELDS`` (None for
    an empty optional field)."""
    code = form["product_code"]
    saved = baseline_skus(detail)
    new_lines = [_line(code, key, draft) for key, draft in drafts.items()
                 if draft.checked and key not in saved and key != IMPLICIT]
    calls: list[Call] = []
    if detail is None:
        payload = {"product_code": code, "has_sku": form["has_sku"],
                   **{k: form[k] for k in PRODUCT_FIELDS if form[k] is not None}}
        if form["has_sku"]:
            payload["skus"] = new_lines
        calls.append(Call("create_product", payload))
        implicit = drafts.get(IMPLICIT)
        if not form["has_sku"] and implicit is not None:  # its weight and barcodes, once it exists
            saved = {IMPLICIT: {"sku_code": code, "weight_grams": None, "external_codes": []}}
    else:
        changed = {k: form[k] for k in PRODUCT_FIELDS
                   if form[k] != detail[k] and (form[k] is not None or k in NULLABLE)}
        if changed or new_lines:
            payload = {"product_id": detail["product_id"], **changed}
            if new_lines:
                payload["skus"] = new_lines
            calls.append(Call("update_product", payload))
    weights, removals, additions, deletions = [], [], [], []
    for key, before in saved.items():
        draft = drafts.get(key)
        code_of = before["sku_code"]
        if draft is None or not draft.checked:
            deletions.append(Call("delete_sku", {"sku_code": code_of}, code_of))
            continue
        if draft.weight_grams != before["weight_grams"]:
            weights.append(Call("update_sku", {"sku_code": code_of, "weight_grams": draft.weight_grams}, code_of))
        removals += [Call("remove_external_code", {"sku_code": code_of, "external_code": c}, code_of)
                     for c in before["external_codes"] if c not in draft.external_codes]
        added = [c for c in draft.external_codes if c not in before["external_codes"]]
        if added:
            additions.append(Call("add_external_codes", {"sku_code": code_of, "external_codes": added}, code_of))
    return calls + weights + removals + deletions + additions


def _line(product_code: str, key: Key, draft: SkuDraft) -> dict[str, Any]:
    line: dict[str, Any] = {"sku_code": sku_code(product_code, key), "sku_color": key[0], "sku_size": key[1]}
    if draft.weight_grams is not None:
        line["weight_grams"] = draft.weight_grams
    if draft.external_codes:
        line["external_codes"] = list(draft.external_codes)
    return line
