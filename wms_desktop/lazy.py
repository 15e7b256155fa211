"""A package whose names load on first use (PEP 562), so that importing it, or any one of its
modules, does not load what its other modules need (reportlab, PIL, pypdfium2, paho: a tenth of
a second each). The window starts without them; a dialog that prints loads them when it opens.

    __getattr__, __dir__ = lazy_exports(__name__, {".jobs": ("PrintJob", "PrintJobs"), ...})
    if TYPE_CHECKING:  # the same names, for the type checker
        from .jobs import PrintJob, PrintJobs

Code that needs a heavy module only for one action imports it inside that action.
"""
from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(package: str, modules: Mapping[str, tuple[str, ...]]) -> tuple[
        Callable[[str], object], Callable[[], list[str]]]:
    """The package's ``__getattr__`` and ``__dir__``: ``modules`` maps each relative module
    name to the names it provides."""
    where = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)  # from now on a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return __getattr__, __dir__
