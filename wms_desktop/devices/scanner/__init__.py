"""Barcode scanners as keyboard wedges: the :class:`Scan` value, GS1 parsing (biip) and the
wedge decoder that tells a scanner's key burst from typing. Pure Python: no Qt here; the Qt
event filter that feeds the decoder lives in :mod:`wms_desktop.ui.scanning.keys`."""
from .decoder import Step, WedgeDecoder
from .scan import GS1_SYMBOLOGIES, KINDS, Scan, parse_gs1, parse_scan

__all__ = ["GS1_SYMBOLOGIES", "KINDS", "Scan", "Step", "WedgeDecoder", "parse_gs1", "parse_scan"]
