"""Scanners in the GUI: the key filter (``keys``), what a scan is (``identify``), who gets it
(``router``), the last scans with where they went (``log``) and the work dialogs' base
(``work_dialog``)."""
from .identify import identify_scan, scan_of
from .keys import ScannerFilter, disable_input_method, scan_field
from .log import SCAN_LOG_SIZE, LoggedScan, ScanLog
from .router import ScanFeedback, ScanningDialog, ScanRouter, describe
from .work_dialog import WorkDialog

__all__ = ["SCAN_LOG_SIZE", "LoggedScan", "ScanFeedback", "ScanLog", "ScannerFilter", "ScanningDialog", "ScanRouter",
           "WorkDialog", "describe", "disable_input_method", "identify_scan", "scan_field", "scan_of"]
