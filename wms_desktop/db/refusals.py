"""Refusals raised by the server-side posting functions, as the same ``WmsError`` the Python
path raises. The functions (migration issue12) raise SQLSTATE WM001 with a JSON DETAIL:
``{error_code, message, code, details}``. They become ``WmsError`` where the driver raises
them — an engine hook for statements run through SQLAlchemy (a posting inside a larger unit of
work), ``db/server_call.py`` for its own calls — so a refusal is a ``WmsError`` to every caller
in between, as on SQLite."""
from __future__ import annotations

import json

from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

from ..domain.errors import WmsError

REFUSAL_SQLSTATE = "WM001"


def refusal(error: BaseException) -> WmsError | None:
    """The WmsError a WM001 error from the driver carries; None for any other error."""
    if getattr(error, "sqlstate", None) != REFUSAL_SQLSTATE:
        return None
    payload = json.loads(error.diag.message_detail)  # type: ignore[attr-defined]
    return WmsError(payload["error_code"], payload["message"], payload["details"], code=payload["code"])


def bind(engine: Engine) -> None:
    @event.listens_for(engine, "handle_error")
    def _refused(context: ExceptionContext) -> WmsError | None:
        return refusal(context.original_exception)
