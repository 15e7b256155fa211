"""Refusals as the user reads them: :func:`error_text` gives a :class:`WmsError` in the user's
language, by ``error_code``, with the code appended (``库位不存在 [LOCATION_NOT_FOUND 13001]``)
so support can find it; :func:`error_markup` is the same for a label a clerk reads, the code
in small grey print after the sentence; the schema-mismatch box at start."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from ...domain.errors import WmsError


def error_messages() -> dict[str, str]:
    """error_code -> user text in the current language, for every code of the catalogue in
    ``wms_desktop/domain/errors.py`` (a test keeps the two in step)."""
    return {
        "INVALID_PARAMETERS": QCoreApplication.translate("ErrorCodes", "Invalid input"),
        "INVALID_PRODUCT_CODE": QCoreApplication.translate("ErrorCodes", "Invalid product code"),
        "INVALID_SKU_CODE": QCoreApplication.translate("ErrorCodes", "Invalid SKU code"),
        "PRODUCT_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Product not found"),
        "SKU_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "SKU not found"),
        "LOCATION_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Location not found"),
        "WAREHOUSE_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Warehouse not found"),
        "EXTERNAL_CODE_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Barcode not found"),
        "PRODUCT_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This product code already exists"),
        "SKU_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This SKU code already exists"),
        "EXTERNAL_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This barcode is already in use"),
        "LOCATION_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This location code already exists in this warehouse"),
        "INVALID_SCAN_CODE": QCoreApplication.translate(
            "ErrorCodes", "A scan code is 1 to 16 ASCII letters, digits or signs, without spaces"),
        "SCAN_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This scan code is already in use"),
        "WAREHOUSE_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This warehouse code already exists"),
        "WAREHOUSE_INACTIVE": QCoreApplication.translate("ErrorCodes", "This warehouse is deactivated"),
        "INSUFFICIENT_STOCK": QCoreApplication.translate("ErrorCodes", "Not enough stock at this location"),
        "OPERATION_NOT_ALLOWED": QCoreApplication.translate("ErrorCodes", "This operation is not allowed"),
        "LOCK_TIMEOUT": QCoreApplication.translate("ErrorCodes", "Another workstation is working on this stock; please try again"),
        "DATABASE_UNAVAILABLE": QCoreApplication.translate("ErrorCodes", "The database cannot be reached"),
        "SCHEMA_MISMATCH": QCoreApplication.translate("ErrorCodes", "The database does not match this version of the app"),
        "INVALID_CREDENTIALS": QCoreApplication.translate("ErrorCodes", "Wrong user name or password"),
        "USER_INACTIVE": QCoreApplication.translate("ErrorCodes", "This user has been deactivated"),
        "USER_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "User not found"),
        "USER_NAME_EXISTS": QCoreApplication.translate("ErrorCodes", "This user name is already taken"),
        "OLD_PASSWORD_INCORRECT": QCoreApplication.translate("ErrorCodes", "The old password is not correct"),
        "PERMISSION_DENIED": QCoreApplication.translate("ErrorCodes", "Your role does not allow this"),
        "WAREHOUSE_NOT_ALLOWED": QCoreApplication.translate("ErrorCodes", "This user may not work in this warehouse"),
        "ROLE_NOT_GRANTABLE": QCoreApplication.translate("ErrorCodes", "You cannot grant a permission you do not hold"),
        "ROLE_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Role not found"),
        "ROLE_CODE_EXISTS": QCoreApplication.translate("ErrorCodes", "This role code already exists"),
        "ROLE_INACTIVE": QCoreApplication.translate("ErrorCodes", "This role is deactivated"),
        "TOO_MANY_SIGN_IN_ATTEMPTS": QCoreApplication.translate("ErrorCodes", "Too many failed sign-ins; please wait a few minutes"),
        "UNAUTHORIZED": QCoreApplication.translate("ErrorCodes", "Please sign in first"),
        "TOKEN_INVALID": QCoreApplication.translate("ErrorCodes", "The sign-in token is not valid"),
        "TOKEN_EXPIRED": QCoreApplication.translate("ErrorCodes", "The sign-in token has expired"),
        "TOKEN_REVOKED": QCoreApplication.translate("ErrorCodes", "The sign-in token was revoked; please sign in again"),
        "NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Not found"),
        "API_KEY_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "API key not found"),
        "WEBHOOK_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Webhook not found"),
        "DELIVERY_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Webhook delivery not found"),
        "METHOD_NOT_ALLOWED": QCoreApplication.translate("ErrorCodes", "This request method is not allowed here"),
        "INTERNAL_ERROR": QCoreApplication.translate("ErrorCodes", "Internal server error"),
        "INVALID_STATE_TRANSITION": QCoreApplication.translate("ErrorCodes", "Not possible in the document's present state"),
        "DOCUMENT_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Document not found"),
        "DOCUMENT_NUMBER_EXISTS": QCoreApplication.translate("ErrorCodes", "A document with this number already exists in this warehouse"),
        "DOCUMENT_HAS_NO_LINES": QCoreApplication.translate("ErrorCodes", "The document has no lines"),
        "DUPLICATE_DOCUMENT_LINE": QCoreApplication.translate("ErrorCodes", "The same line is entered twice"),
        "DOCUMENT_VERSION_CONFLICT": QCoreApplication.translate("ErrorCodes", "Someone else changed this document meanwhile: reload it and try again"),
        "LOT_EXPIRY_CONFLICT": QCoreApplication.translate("ErrorCodes", "This batch is recorded with another expiry date"),
        "COUNT_LOCATION_NOT_IN_TASK": QCoreApplication.translate("ErrorCodes", "This location is not part of the count task"),
        "COUNT_LOCATION_NOT_STARTED": QCoreApplication.translate("ErrorCodes", "Scan the location first to start counting it"),
        "COUNT_LOCATION_TAKEN": QCoreApplication.translate("ErrorCodes", "Another counter is counting this location"),
        "COUNT_LOCATION_DONE": QCoreApplication.translate("ErrorCodes", "This location is already counted"),
        "COUNT_ITEM_NOT_IN_TASK": QCoreApplication.translate("ErrorCodes", "This item is not counted in this task or recount"),
        "COUNT_RECOUNT_SAME_COUNTER": QCoreApplication.translate("ErrorCodes", "A recount must be done by another counter"),
        "COUNT_LINE_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Count line not found"),
        "COUNT_LINE_DECIDED": QCoreApplication.translate("ErrorCodes", "This variance is already decided"),
        "COUNT_NO_DIFFERENCE": QCoreApplication.translate("ErrorCodes", "This line has no variance to decide"),
        "COUNT_APPROVER_COUNTED": QCoreApplication.translate("ErrorCodes", "A variance must be decided by someone who did not count it"),
        "COUNT_LINES_UNDECIDED": QCoreApplication.translate("ErrorCodes", "Approve or reject every variance first"),
        "ALERT_NOT_FOUND": QCoreApplication.translate("ErrorCodes", "Alert not found"),
        "OVER_RECEIPT": QCoreApplication.translate("ErrorCodes", "More than expected beyond the tolerance: accept the over-receipt with a reason"),
        "ITEM_NOT_ON_ASN": QCoreApplication.translate("ErrorCodes", "This item is not on the ASN: accept it with a reason"),
        "DAMAGED_EXCEEDS_RECEIVED": QCoreApplication.translate("ErrorCodes", "More units are damaged than were received"),
        "REASON_REQUIRED": QCoreApplication.translate("ErrorCodes", "Choose a reason"),
        "INSUFFICIENT_STOCK_TO_RESERVE": QCoreApplication.translate("ErrorCodes", "Not enough available stock to reserve for the order"),
        "INSUFFICIENT_RESERVED_STOCK": QCoreApplication.translate("ErrorCodes", "Not that much stock is reserved here"),
        "PICK_QUANTITY_EXCEEDED": QCoreApplication.translate("ErrorCodes", "More than is reserved for this pick"),
        "PACK_QUANTITY_EXCEEDED": QCoreApplication.translate("ErrorCodes", "More than was picked for the order and not packed yet"),
        "CARTON_WEIGHT_MISMATCH": QCoreApplication.translate("ErrorCodes", "The carton does not weigh what its contents should"),
        "WRONG_TOTE": QCoreApplication.translate("ErrorCodes", "Wrong tote: this item goes into another one"),
        "TOTE_IN_USE": QCoreApplication.translate("ErrorCodes", "Another order being picked or packed is in this tote"),
        "RETURN_QUANTITY_EXCEEDED": QCoreApplication.translate("ErrorCodes", "More than was shipped on the order comes back"),
        "PUTAWAY_EXCEEDS_RECEIVED": QCoreApplication.translate("ErrorCodes", "More than is waiting at the receiving location to be put away"),
        "CSV_NOT_SUPPORTED": QCoreApplication.translate("ErrorCodes", "Only CSV files are supported"),
        "CSV_MISSING_COLUMNS": QCoreApplication.translate("ErrorCodes", "The file lacks required columns"),
        "CSV_MISSING_VALUES": QCoreApplication.translate("ErrorCodes", "A row lacks required values"),
        "OPERATION_CANCELLED": QCoreApplication.translate("ErrorCodes", "Cancelled: nothing was changed"),
        **printing_error_messages(),
    }


def _reason_texts() -> dict[str, str]:
    return {
        "product_has_stock": QCoreApplication.translate("ErrorCodes", "the product still has stock"),
        "location_in_use": QCoreApplication.translate("ErrorCodes", "the location has stock or history"),
        "location_inactive": QCoreApplication.translate("ErrorCodes", "the location is inactive"),
        "unassigned_location_is_permanent": QCoreApplication.translate("ErrorCodes", "the unassigned location cannot be removed"),
        "immutable_field": QCoreApplication.translate("ErrorCodes", "this field cannot be changed"),
        "product_without_skus": QCoreApplication.translate("ErrorCodes", "the product has no SKUs"),
        "sku_has_stock": QCoreApplication.translate("ErrorCodes", "the SKU still has stock"),
        "last_sku": QCoreApplication.translate("ErrorCodes", "a product keeps at least one SKU"),
        "balance_has_stock": QCoreApplication.translate("ErrorCodes", "the balance already holds stock"),
        "over_receipt_needs_supervisor": QCoreApplication.translate("ErrorCodes", "here only a supervisor accepts an over-receipt"),
        "own_role": QCoreApplication.translate("ErrorCodes", "your own role keeps managing users"),
    }


def _permission_names() -> dict[str, str]:
    """Who may do what a role was refused (wms_desktop.domain.permissions)."""
    return {
        "move_stock": QCoreApplication.translate("ErrorCodes", "receiving, shipping and transfers need a clerk account"),
        "correct_stock": QCoreApplication.translate("ErrorCodes", "stock counts and adjustments need a supervisor"),
        "edit_catalog": QCoreApplication.translate("ErrorCodes", "editing products needs a supervisor"),
        "edit_locations": QCoreApplication.translate("ErrorCodes", "editing locations needs a supervisor"),
        "manage_users": QCoreApplication.translate("ErrorCodes", "managing users needs an administrator"),
        "plan_documents": QCoreApplication.translate("ErrorCodes", "creating, closing and cancelling documents needs a supervisor"),
        "confirm_unscanned": QCoreApplication.translate("ErrorCodes", "confirming picks that were not scanned needs a supervisor"),
        "approve_counts": QCoreApplication.translate("ErrorCodes", "approving counts needs a supervisor"),
    }


def document_states() -> dict[str, str]:
    """The states of every document type (wms_desktop.domain.documents and its lifecycles), as
    screens and messages show them."""
    return {
        "pending": QCoreApplication.translate("DocumentStates", "pending"),
        "open": QCoreApplication.translate("DocumentStates", "open"),
        "receiving": QCoreApplication.translate("DocumentStates", "receiving"),
        "received": QCoreApplication.translate("DocumentStates", "received"),
        "released": QCoreApplication.translate("DocumentStates", "released"),
        "picking": QCoreApplication.translate("DocumentStates", "picking"),
        "picked": QCoreApplication.translate("DocumentStates", "picked"),
        "packed": QCoreApplication.translate("DocumentStates", "packed"),
        "shipped": QCoreApplication.translate("DocumentStates", "shipped"),
        "counting": QCoreApplication.translate("DocumentStates", "counting"),
        "counted": QCoreApplication.translate("DocumentStates", "counted"),
        "approved": QCoreApplication.translate("DocumentStates", "approved"),
        "posted": QCoreApplication.translate("DocumentStates", "posted"),
        "closed": QCoreApplication.translate("DocumentStates", "closed"),
        "cancelled": QCoreApplication.translate("DocumentStates", "cancelled"),
    }


def state_text(state: str) -> str:
    return document_states().get(state, state)


def document_type_text(document_type: str) -> str:
    """What a document of each type is called."""
    return {
        "asn": QCoreApplication.translate("DocumentTypes", "ASN"),
        "order": QCoreApplication.translate("DocumentTypes", "Order"),
        "return": QCoreApplication.translate("DocumentTypes", "Return"),
        "count": QCoreApplication.translate("DocumentTypes", "Count task"),
    }.get(document_type, document_type)


def _field_names() -> dict[str, str]:
    return {
        "user_name": QCoreApplication.translate("ErrorCodes", "user name"),
        "password": QCoreApplication.translate("ErrorCodes", "password"),
        "display_name": QCoreApplication.translate("ErrorCodes", "display name"),
        "weight_grams": QCoreApplication.translate("ErrorCodes", "unit weight"),
    }


def printing_error_messages() -> dict[str, str]:
    return {
        "PRINTER_UNREACHABLE": QCoreApplication.translate("PrintingErrors", "The printer cannot be reached"),
        "PRINTER_TIMEOUT": QCoreApplication.translate("PrintingErrors", "The printer stopped accepting data"),
        "PRINTER_CONNECTION_LOST": QCoreApplication.translate("PrintingErrors", "The printer closed the connection before the job was sent"),
        "PRINT_SPOOLER_UNAVAILABLE": QCoreApplication.translate("PrintingErrors", "The system print spooler is not available"),
        "PRINT_SPOOLER_FAILED": QCoreApplication.translate("PrintingErrors", "The system print spooler refused the job"),
        "PRINT_FILE_FAILED": QCoreApplication.translate("PrintingErrors", "The print file could not be written"),
        "PRINT_RENDERER_FAILED": QCoreApplication.translate(
            "PrintingErrors", "The labels or list could not be drawn: the drawing process stopped or timed out"),
        "PRINT_JOB_NOT_FOUND": QCoreApplication.translate("PrintingErrors", "No such print job in the history"),
        "PRINT_FORMAT_UNSUPPORTED": QCoreApplication.translate("PrintingErrors", "This document cannot be produced in that format"),
        "LABEL_PROFILE_UNKNOWN": QCoreApplication.translate("PrintingErrors", "No such label profile"),
        "LABEL_TOO_SMALL": QCoreApplication.translate("PrintingErrors", "The content does not fit on this label size"),
    }


def error_text(error: WmsError, with_code: bool = True) -> str:
    """One line for a status bar or an inline label."""
    text = error_messages().get(error.error_code, error.message)
    details = error.details or {}
    extra = []
    if error.error_code == "INSUFFICIENT_STOCK" and "available_quantity" in details:
        # the batch it was asked of: 5 without a batch is not the 24 in batch B251203
        extra.append(QCoreApplication.translate("ErrorCodes", "batch %1").replace("%1", str(details["batch_number"]))
                     if details.get("batch_number") else QCoreApplication.translate("ErrorCodes", "without a batch"))
        extra.append(QCoreApplication.translate("ErrorCodes", "available: %1, requested: %2")
                     .replace("%1", str(details.get("available_quantity")))
                     .replace("%2", str(details.get("requested_quantity", "?"))))
    if error.error_code == "INVALID_STATE_TRANSITION" and details.get("state"):
        extra.append(QCoreApplication.translate("ErrorCodes", "%1 is %2")
                     .replace("%1", str(details.get("document_number", "")))
                     .replace("%2", state_text(str(details["state"]))))
    if error.error_code == "PERMISSION_DENIED" and details.get("permission") in _permission_names():
        extra.append(_permission_names()[details["permission"]])
    if details.get("reason") in _reason_texts():
        extra.append(_reason_texts()[details["reason"]])
    if details.get("field"):
        field = str(details["field"])
        extra.append(QCoreApplication.translate("ErrorCodes", "field: %1").replace("%1", _field_names().get(field, field)))
    if details.get("min_length"):
        extra.append(QCoreApplication.translate("ErrorCodes", "at least %1 characters")
                     .replace("%1", str(details["min_length"])))
    if extra:
        text = f"{text} ({'; '.join(extra)})"
    return f"{text} {code_tag(error)}" if with_code else text


def error_markup(error: WmsError, *more: str) -> str:
    """Rich text for a label a clerk reads: the sentence, then the code small and grey (support
    still finds it), then ``more`` lines. Everything but the markup is escaped: codes are data."""
    lines = [html.escape(error_text(error, with_code=False))
             + f' <span style="font-size: small; color: #757575;">{html.escape(code_tag(error))}</span>']
    lines += [html.escape(line) for line in more]
    return "<br>".join(lines)


def code_tag(error: WmsError) -> str:
    """How every message names its code: "[OPERATION_NOT_ALLOWED]", "[SKU_NOT_FOUND 13001]"."""
    return f"[{error.error_code} {error.code}]" if error.code else f"[{error.error_code}]"


def schema_mismatch_texts(error: WmsError) -> tuple[str, str, str]:
    """(title, what to do, details) for the refusal of ``check_schema``."""
    details = error.details or {}
    state = details.get("state")
    if state == "empty":
        text = QCoreApplication.translate("SchemaMismatch", "The database has no wms-desktop tables yet. An administrator must run "
                  "“wms-desktop db upgrade” once before this workstation can use it.")
    elif state == "older":
        text = QCoreApplication.translate("SchemaMismatch", "The database is older than this version of the app. An administrator must run "
                  "“wms-desktop db upgrade” (after a backup).")
    elif state == "newer":
        text = QCoreApplication.translate("SchemaMismatch", "The database is newer than this version of the app. Install the newer "
                  "wms-desktop on this computer.")
    else:
        text = error_text(error, with_code=False)
    info = (QCoreApplication.translate("SchemaMismatch", "Database: %1\nDatabase version: %2\nVersion this app needs: %3")
            .replace("%1", str(details.get("database", "?")))
            .replace("%2", str(details.get("database_revision") or QCoreApplication.translate("SchemaMismatch", "none")))
            .replace("%3", str(details.get("supported_revision", "?"))))
    return QCoreApplication.translate("SchemaMismatch", "Database version mismatch"), text, f"{info}\n[{error.error_code}]"


def schema_mismatch_box(error: WmsError, parent: QWidget | None = None):
    from PySide6.QtWidgets import QMessageBox

    title, text, info = schema_mismatch_texts(error)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("SchemaMismatchBox")
    box.setInformativeText(info)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box
