"""Refusals raised by the server-side posting functions, as the same ``WmsError`` the Python
path raises. The functions (migration issue12) raise SQLSTATE WM001 with a JSON DETAIL:
``{error_code, message, code, details}``."""
from __future__ import annotations

import json

from ..domain.errors import WmsError

REFUSAL_SQLSTATE = "WM001"


def refusal(orig: BaseException) -> WmsError:
    """The WmsError a WM001 error from the driver carries."""
    payload = json.loads(orig.diag.message_detail)
    return WmsError(payload["error_code"], payload["message"], payload["details"], code=payload["code"])
