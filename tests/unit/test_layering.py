"""The arrows point one way (GUIDE §1): ui → services → db/domain, devices → domain."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "wms_desktop"
FORBIDDEN = {
    "domain": ("sqlalchemy", "psycopg", "alembic", "PySide6", "paho", "reportlab", "wms_desktop.db",
               "wms_desktop.services", "wms_desktop.ui", "wms_desktop.devices"),
    "db": ("PySide6", "paho", "reportlab", "wms_desktop.services", "wms_desktop.ui", "wms_desktop.devices"),
    "services": ("PySide6", "paho", "reportlab", "wms_desktop.ui", "wms_desktop.devices"),
    "devices": ("PySide6", "sqlalchemy", "psycopg", "wms_desktop.db", "wms_desktop.services", "wms_desktop.ui"),
    "ui": ("sqlalchemy", "psycopg", "alembic", "wms_desktop.db"),
}


def imports(path: Path) -> set[str]:
    names = set()
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    offenders = []
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []
