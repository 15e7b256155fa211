"""JWT access and refresh tokens (pyjwt, HS256). Claims: ``sub`` (user name), ``uid``,
``role``, ``wh`` (warehouse code), ``jti`` (token id), ``typ`` (access | refresh), ``iat``,
``exp``. A token is only as good as the database says at use (``SessionsApi.check``)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import jwt

from ..contract.sessions import Account, Grant
from ..domain.errors import WmsError
from .settings import ApiSettings

ALGORITHM = "HS256"
ISSUER = "wms-desktop"
REQUIRED = ["exp", "iat", "jti", "sub", "typ", "role", "wh", "iss"]


@dataclass(frozen=True)
class Claims:
    user_name: str
    role: str
    warehouse_code: str
    token_id: str
    kind: str


class Tokens:
    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings

    def access(self, account: Account) -> str:
        return self._sign(account, str(uuid.uuid4()), "access", datetime.now(UTC) + self.settings.access_lifetime)

    def refresh(self, account: Account, grant: Grant) -> str:
        return self._sign(account, grant.token_id, "refresh", grant.expires_at)

    def read(self, token: str, kind: str) -> Claims:
        """The claims of a token of ``kind``: TOKEN_EXPIRED, or TOKEN_INVALID for anything
        else wrong (signature, algorithm, issuer, a claim missing, the other kind)."""
        try:
            claims = jwt.decode(token, self.settings.jwt_key, algorithms=[ALGORITHM], issuer=ISSUER,
                                options={"require": REQUIRED})
        except jwt.ExpiredSignatureError:
            raise WmsError("TOKEN_EXPIRED") from None
        except jwt.InvalidTokenError as error:
            raise WmsError("TOKEN_INVALID", details={"reason": str(error)}) from None
        if claims["typ"] != kind:
            raise WmsError("TOKEN_INVALID", details={"reason": f"not an {kind} token" if kind == "access"
                                                     else f"not a {kind} token"})
        return Claims(claims["sub"], claims["role"], claims["wh"], claims["jti"], kind)

    def _sign(self, account: Account, token_id: str, kind: str, expires: datetime) -> str:
        now = datetime.now(UTC)
        return jwt.encode({"iss": ISSUER, "sub": account.user_name, "uid": account.user_id, "role": account.role,
                           "wh": account.warehouse_code, "jti": token_id, "typ": kind, "iat": now, "exp": expires},
                          self.settings.jwt_key, algorithm=ALGORITHM)
