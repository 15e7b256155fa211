"""The spec's envelope and the HTTP status of each refusal.

Success: ``{success: true, data, error_code: null, error_message: null}``; a page (a result
with ``pagination``) puts its list in ``data`` and ``pagination`` beside it, as the spec's
``/api/inventory/by-product`` shows. Refusal: ``{success: false, data: null, error_code, code,
error_message, details}``.

Status by the numeric code's family (the seed's table): 10xxx, 14xxx, 15xxx, 16xxx → 400;
11xxx → 401; 12xxx → 403; 13xxx → 404. Codes without a number: ``…_EXISTS`` and the
conflicts → 409, ``DATABASE_UNAVAILABLE`` / ``SCHEMA_MISMATCH`` → 503, the rest 400; and
``TOO_MANY_SIGN_IN_ATTEMPTS`` (11008) → 429, so a client backs off instead of asking again.
"""
from __future__ import annotations

from typing import Any

import msgspec
from starlette.responses import Response

from ..contract.decode import envelope, to_json
from ..domain.errors import WmsError

FAMILY_STATUS = {10: 400, 11: 401, 12: 403, 13: 404, 14: 400, 15: 400, 16: 400}
STATUS = {
    "TOO_MANY_SIGN_IN_ATTEMPTS": 429,
    "LOCK_TIMEOUT": 409,
    "DOCUMENT_VERSION_CONFLICT": 409,
    "LOT_EXPIRY_CONFLICT": 409,
    "DATABASE_UNAVAILABLE": 503,
    "SCHEMA_MISMATCH": 503,
    "METHOD_NOT_ALLOWED": 405,
    "INTERNAL_ERROR": 500,
}
JSON = "application/json"
_encoder = msgspec.json.Encoder()


def status_of(error: WmsError) -> int:
    if error.error_code in STATUS:
        return STATUS[error.error_code]
    if error.code is not None and error.code // 1000 in FAMILY_STATUS:
        return FAMILY_STATUS[error.code // 1000]
    return 409 if error.error_code.endswith("_EXISTS") else 400


def paged_field(result_type: type) -> str | None:
    """The list a page result carries beside its ``pagination`` (``data`` or ``items``)."""
    fields = getattr(result_type, "__struct_fields__", ())
    if "pagination" not in fields:
        return None
    (name,) = [f for f in fields if f != "pagination"]
    return name


def body(result: Any) -> dict[str, Any]:
    page = paged_field(type(result))
    if page is None:
        return envelope(result)
    return {"success": True, "data": to_json(getattr(result, page)), "pagination": to_json(result.pagination),
            "error_code": None, "error_message": None}


def ok(result: Any, status: int = 200) -> Response:
    return Response(_encoder.encode(body(result)), status_code=status, media_type=JSON)


def refused(error: WmsError, headers: dict[str, str] | None = None) -> Response:
    out = dict(headers or {})
    retry = error.details.get("retry_after_seconds")
    if retry is not None:
        out["Retry-After"] = str(retry)
    return Response(_encoder.encode(envelope(error=error)), status_code=status_of(error), media_type=JSON,
                    headers=out)
