"""Scanners in the GUI: the key filter (``keys``), what a scan is (``identify``) and who gets it
(``router``)."""
from .identify import identify_scan, scan_of
from .keys import ScannerFilter, disable_input_method, scan_field
from .router import ScanFeedback, ScanningDialog, ScanRouter, describe

__all__ = ["ScanFeedback", "ScannerFilter", "ScanningDialog", "ScanRouter", "describe", "disable_input_method",
           "identify_scan", "scan_field", "scan_of"]
