"""One exception family for every refusal the service layer can give.

Each error carries the spec's symbolic ``error_code`` (what callers branch on), the numeric
``code`` from the error table where one fits (10000–16999, for logs and support calls), an
English message, and snake_case ``details``. Only the UI turns codes into translated text.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# symbolic code -> (numeric code used when the raiser gives none, default message)
CATALOGUE: dict[str, tuple[int | None, str]] = {
    "INVALID_PARAMETERS": (14001, "Invalid parameters"),
    "INVALID_PRODUCT_CODE": (14001, "Invalid product code"),
    "INVALID_SKU_CODE": (14001, "Invalid SKU code"),
    "PRODUCT_NOT_FOUND": (13001, "Product not found"),
    "SKU_NOT_FOUND": (13001, "SKU not found"),
    "LOCATION_NOT_FOUND": (13001, "Location not found"),
    "WAREHOUSE_NOT_FOUND": (13005, "Warehouse not found"),
    "EXTERNAL_CODE_NOT_FOUND": (13001, "External code not found"),
    "PRODUCT_CODE_EXISTS": (None, "Product code already exists"),
    "SKU_CODE_EXISTS": (None, "SKU code already exists"),
    "EXTERNAL_CODE_EXISTS": (None, "External code already in use"),
    "LOCATION_CODE_EXISTS": (None, "Location code already exists in this warehouse"),
    "INVALID_SCAN_CODE": (14001, "Invalid scan code"),
    "SCAN_CODE_EXISTS": (None, "Scan code already in use"),
    "WAREHOUSE_CODE_EXISTS": (None, "Warehouse code already exists"),
    "WAREHOUSE_INACTIVE": (None, "This warehouse is deactivated"),
    "INSUFFICIENT_STOCK": (15002, "Insufficient stock at the location"),
    "OPERATION_NOT_ALLOWED": (None, "Operation not allowed"),
    "LOCK_TIMEOUT": (None, "Another workstation is holding this stock; try again"),
    "DATABASE_UNAVAILABLE": (None, "The database cannot be reached"),
    "SCHEMA_MISMATCH": (None, "The database schema does not match this version of the app"),
    "INVALID_CREDENTIALS": (11001, "Invalid username or password"),
    "USER_INACTIVE": (11006, "User is not active"),
    "USER_NOT_FOUND": (13002, "User not found"),
    "USER_NAME_EXISTS": (None, "User name already exists"),
    "OLD_PASSWORD_INCORRECT": (10003, "Old password is incorrect"),
    "PERMISSION_DENIED": (12001, "Access denied: insufficient permissions"),
    "WAREHOUSE_NOT_ALLOWED": (12002, "This user may not work in this warehouse"),
    "ROLE_NOT_GRANTABLE": (12003, "Nobody can grant a permission they do not hold"),
    "ROLE_NOT_FOUND": (13001, "Role not found"),
    "ROLE_CODE_EXISTS": (None, "Role code already exists"),
    "ROLE_INACTIVE": (None, "This role is deactivated"),
    "TOO_MANY_SIGN_IN_ATTEMPTS": (11008, "Too many failed sign-ins; try again later"),
    # the HTTP API (wms_desktop.api, docs/api.md): its tokens and its own refusals
    "UNAUTHORIZED": (11003, "Unauthorized: sign in first"),
    "TOKEN_INVALID": (11002, "Token is invalid"),
    "TOKEN_EXPIRED": (11002, "Token has expired"),
    "TOKEN_REVOKED": (11002, "Token has been revoked; sign in again"),
    "NOT_FOUND": (13001, "Resource not found"),
    "METHOD_NOT_ALLOWED": (None, "This method is not allowed here"),
    "API_KEY_NOT_FOUND": (13001, "API key not found"),
    "WEBHOOK_NOT_FOUND": (13001, "Webhook not found"),
    "DELIVERY_NOT_FOUND": (13001, "Webhook delivery not found"),
    "INTERNAL_ERROR": (None, "Internal server error"),
    # documents (receipts, orders, counts: wms_desktop.domain.documents); a refused transition
    # carries the seed's code of that action (16000 by default, 16001–16006 edits, 16021 …)
    "INVALID_STATE_TRANSITION": (16000, "This action is not allowed in the document's state"),
    "DOCUMENT_NOT_FOUND": (13001, "Document not found"),
    "DOCUMENT_NUMBER_EXISTS": (None, "A document with this number already exists in this warehouse"),
    "DOCUMENT_HAS_NO_LINES": (16016, "The document has no lines"),
    "DUPLICATE_DOCUMENT_LINE": (16025, "The same line is given twice"),
    "DOCUMENT_VERSION_CONFLICT": (None, "The document was changed by someone else meanwhile; reload it"),
    "LOT_EXPIRY_CONFLICT": (None, "This batch is recorded with another expiry date"),
    # count tasks (services/counts.py): the seed's 16017 and 16020 where they fit
    "COUNT_LOCATION_NOT_IN_TASK": (13001, "This location is not part of the count task"),
    "COUNT_LOCATION_NOT_STARTED": (None, "Scan the location first to start counting it"),
    "COUNT_LOCATION_TAKEN": (None, "Another counter is counting this location"),
    "COUNT_LOCATION_DONE": (16017, "This location is already counted"),
    "COUNT_ITEM_NOT_IN_TASK": (None, "This item is not counted in this task or recount"),
    "COUNT_RECOUNT_SAME_COUNTER": (None, "A recount must be done by another counter"),
    "COUNT_LINE_NOT_FOUND": (13001, "Count line not found"),
    "COUNT_LINE_DECIDED": (16017, "This variance is already decided"),
    "COUNT_NO_DIFFERENCE": (16020, "This line has no variance to decide"),
    "COUNT_APPROVER_COUNTED": (None, "A variance is decided by someone who did not count it"),
    "COUNT_LINES_UNDECIDED": (None, "Every variance must be approved or rejected first"),
    "ALERT_NOT_FOUND": (13001, "Alert not found"),
    # receiving against ASNs (wms_desktop.domain.receiving): the seed's 15005/15006
    "OVER_RECEIPT": (15005, "More than the ASN expects beyond the tolerance: accept the over-receipt with a reason"),
    "ITEM_NOT_ON_ASN": (None, "This item is not on the ASN: accept it with a reason"),
    "DAMAGED_EXCEEDS_RECEIVED": (15006, "More units are damaged than were received"),
    "REASON_REQUIRED": (None, "A reason code is required"),
    # outbound orders (wms_desktop.domain.orders): reservations and the quantities of each step
    "INSUFFICIENT_STOCK_TO_RESERVE": (15003, "Not enough available stock to reserve for the order"),
    "INSUFFICIENT_RESERVED_STOCK": (15004, "Not that much stock is reserved here"),
    "PICK_QUANTITY_EXCEEDED": (15009, "More than is reserved for this pick"),
    "PACK_QUANTITY_EXCEEDED": (15010, "More than was picked for the order and not packed yet"),
    "CARTON_WEIGHT_MISMATCH": (None, "The carton does not weigh what its contents should"),
    "WRONG_TOTE": (None, "This tote is not the one for this item here"),
    "TOTE_IN_USE": (None, "Another order being picked or packed is in this tote"),
    "RETURN_QUANTITY_EXCEEDED": (15011, "More than was shipped on the order comes back"),
    "PUTAWAY_EXCEEDS_RECEIVED": (15006, "More than is waiting at the receiving location to be put away"),
    # CSV import and export (services/data_import.py, data_export.py): the seed's 10004–10006
    "CSV_NOT_SUPPORTED": (10004, "Only CSV files are supported."),
    "CSV_MISSING_COLUMNS": (10005, "Missing required columns"),
    "CSV_MISSING_VALUES": (10006, "Missing values in a row"),
    "OPERATION_CANCELLED": (None, "Cancelled: nothing was changed"),
    # printing (wms_desktop.devices.printing): the x1xx block of each range of the table —
    # 101xx the printer or spooler failed, 131xx something to print is gone, 141xx bad input
    "PRINTER_UNREACHABLE": (10101, "The printer cannot be reached"),
    "PRINTER_TIMEOUT": (10102, "The printer stopped accepting data"),
    "PRINTER_CONNECTION_LOST": (10103, "The printer closed the connection before the job was sent"),
    "PRINT_SPOOLER_UNAVAILABLE": (10104, "The system print spooler is not available"),
    "PRINT_SPOOLER_FAILED": (10105, "The system print spooler refused the job"),
    "PRINT_FILE_FAILED": (10106, "The print file could not be written"),
    "PRINT_JOB_NOT_FOUND": (13101, "No such print job in the history"),
    "LABEL_PROFILE_UNKNOWN": (14101, "No such label profile"),
    "PRINT_FORMAT_UNSUPPORTED": (14102, "This document cannot be produced in that format"),
    "LABEL_TOO_SMALL": (14103, "The content does not fit on this label size"),
    "PRINT_RENDERER_FAILED": (10107, "The labels or list could not be drawn: the drawing process stopped or timed out"),
}


class WmsError(Exception):
    """A refusal with a code. Nothing was written when one of these leaves a service."""

    def __init__(
        self,
        error_code: str,
        message: str | None = None,
        details: Mapping[str, Any] | None = None,
        code: int | None = None,
    ) -> None:
        if error_code not in CATALOGUE:
            raise ValueError(f"unknown error code {error_code!r}")
        default_code, default_message = CATALOGUE[error_code]
        self.error_code = error_code
        self.code = code if code is not None else default_code
        self.message = message or default_message
        self.details = dict(details or {})
        super().__init__(f"{error_code}: {self.message}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by its fields (the default would call ``__init__`` with the formatted
        message): a refusal raised in the label-drawing process arrives as itself."""
        return type(self), (self.error_code, self.message, self.details), self.__dict__

    def to_dict(self) -> dict[str, Any]:
        return {
            "error_code": self.error_code,
            "code": self.code,
            "error_message": self.message,
            "details": self.details,
        }


def invalid(field: str, reason: str, code: int | None = None, **details: Any) -> WmsError:
    """INVALID_PARAMETERS naming the offending field."""
    return WmsError(
        "INVALID_PARAMETERS",
        f"{field}: {reason}",
        {"field": field, "reason": reason, **details},
        code=code,
    )
