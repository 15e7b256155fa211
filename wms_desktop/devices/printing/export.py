"""Labels and lists straight to a file, from JSON-like data: what a command line needs."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from wms_desktop.domain.errors import invalid

from .files import write_atomically
from .labels import LABEL_KINDS
from .packing_list import PackingList
from .pick_list import PickList
from .profiles import LabelProfile, label_profile
from .rendering import render_labels, render_packing_list, render_pick_list

DOCUMENT_KINDS = {"pick_list": (PickList, render_pick_list), "packing_list": (PackingList, render_packing_list)}


def export_labels(
    kind: str, items: Iterable[Mapping[str, Any]], fmt: str, out_path: Path | str, profile: LabelProfile | str
) -> Path:
    """``kind``: sku_label, location_label, batch_label or carton_label; ``items``: one mapping
    of that label's fields per label; ``fmt``: pdf or zpl; ``profile``: e.g. ``"50x30@203"``."""
    if kind not in LABEL_KINDS:
        raise invalid("kind", f"must be one of {', '.join(LABEL_KINDS)}", allowed=list(LABEL_KINDS))
    if isinstance(profile, str):
        profile = label_profile(profile)
    labels = [LABEL_KINDS[kind].from_mapping(item, prefix=f"items[{i}].") for i, item in enumerate(items)]
    if not labels:
        raise invalid("items", "must hold at least one label")
    return _write(out_path, render_labels(labels, profile, fmt).payload)


def export_document(kind: str, data: Mapping[str, Any], paper: str, out_path: Path | str) -> Path:
    """``kind``: pick_list or packing_list, as PDF on ``paper`` (a4 or roll80)."""
    if kind not in DOCUMENT_KINDS:
        raise invalid("kind", f"must be one of {', '.join(DOCUMENT_KINDS)}", allowed=list(DOCUMENT_KINDS))
    record, render = DOCUMENT_KINDS[kind]
    return _write(out_path, render(record.from_mapping(data), paper).payload)


def _write(out_path: Path | str, payload: bytes) -> Path:
    path = Path(out_path)
    write_atomically(path, payload)
    return path
