"""What a scan is: one ``services.lookup.identify`` (one round trip), on the database pool."""
from __future__ import annotations

from dataclasses import replace

from ...contract.api import ServiceApi
from ...contract.lookup import Identified, Identify
from ...devices.scanner import Scan


def identify_scan(services: ServiceApi, scan: Scan) -> Scan:
    """What ``scan`` is (database pool; no Qt): one ``lookup.identify``."""
    gtin = (scan.gs1 or {}).get("gtin") if scan.gs1 is not None else None
    if scan.gs1 is not None and not gtin:
        return scan  # a GS1 label without a GTIN: nothing to look up
    return scan_of(scan, services.lookup.identify(Identify(code=scan.text, gtin=gtin)))


def scan_of(scan: Scan, found: Identified) -> Scan:
    """The scan with what the lookup found. A product code of a product with SKUs stays a
    ``sku`` scan without ``sku_code`` (scan the SKU label); a GS1 label's GTIN keeps ``gs1``; a
    document number (or an order's tote) is a ``document`` scan with its type, id and state,
    its number the ``label``."""
    if found.kind == "location":
        return replace(scan, kind="location", location_code=found.location_code, label=found.location_name or None)
    if found.kind == "unknown":
        return scan
    if found.kind == "document":
        return replace(scan, kind="document", document_type=found.document_type, document_id=found.document_id,
                       document_state=found.state, label=found.document_number or scan.text)
    kind = "gs1" if found.by_gtin else "external" if found.kind == "external" else "sku"
    name = found.product_name or found.product_code
    label = f"{name} · {found.sku_color or ''} {found.sku_size or ''}".strip() if found.sku_color or found.sku_size \
        else name
    return replace(scan, kind=kind, product_code=found.product_code, sku_code=found.sku_code, label=label,
                   weight_grams=found.weight_grams, batched=found.batched)
