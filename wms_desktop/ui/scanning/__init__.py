"""Scanners in the GUI: the key filter (``keys``), what a scan is (``identify``), who gets it
(``router``) and the last scans with where they went (``log``)."""
from .identify import identify_scan, scan_of
from .keys import ScannerFilter, disable_input_method, scan_field
from .log import SCAN_LOG_SIZE, LoggedScan, ScanLog
from .router import ScanFeedback, ScanningDialog, ScanRouter, describe

__all__ = ["SCAN_LOG_SIZE", "LoggedScan", "ScanFeedback", "ScanLog", "ScannerFilter", "ScanningDialog", "ScanRouter",
           "describe", "disable_input_method", "identify_scan", "scan_field", "scan_of"]
