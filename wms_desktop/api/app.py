"""The ASGI app: ``create_app(backend)`` serves every endpoint of ``endpoints.py``.

A request is handled in one worker thread (the services are synchronous): authenticate (the
Bearer token's signature and expiry, then the database — is the user still active with that
role and warehouse, is the key unrevoked? — or what it answered a moment ago, forgotten as
soon as the database notifies a change: credentials.py), decode the payload strictly into the
endpoint's command, call the service as the signed-in user in the token's warehouse, answer
the envelope. Nothing here outlives a request but that memory of credentials (with the
services bound to each, as its role's permissions were when it was checked).
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..contract import sessions as ses
from ..contract.api import ServiceApi, SessionsApi
from ..contract.decode import decode
from ..domain.errors import WmsError, invalid
from . import requests as rq
from .credentials import CredentialCache
from .endpoints import ENDPOINTS, Context, Endpoint, Server
from .explorer import PAGE
from .openapi import document
from .responses import JSON, ok, refused
from .settings import ApiSettings
from .tokens import Claims, Tokens

log = logging.getLogger("wms_desktop.api")
access_log = logging.getLogger("wms_desktop.api.access")
THREADS = 16  # requests served at once per process: the database pool holds 14 connections, more would wait for one


@dataclass(frozen=True)
class Backend:
    """What the composition root (``wms_desktop/serve.py``) hands the API."""

    settings: ApiSettings
    sessions: SessionsApi
    services: Callable[[str, str, str], ServiceApi]  # (warehouse_code, user_name, role) -> acting as them
    ready: Callable[[], str]  # the schema revision, or a WmsError (DATABASE_UNAVAILABLE, SCHEMA_MISMATCH)


class Api(Server):
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.tokens = Tokens(backend.settings)
        self.credentials = CredentialCache(backend.settings.credential_cache.total_seconds())
        self.threads = ThreadPoolExecutor(THREADS, thread_name_prefix="api")

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: object) -> AsyncIterator[None]:
        """While the process serves, it listens for changes to credentials (credentials.py)."""
        notices = self.backend.sessions.notices(self.credentials.changed)
        if notices is not None:
            self.credentials.sync = notices.sync
        try:
            yield
        finally:
            self.credentials.sync = lambda: False
            if notices is not None:
                await asyncio.to_thread(notices.close)
            self.threads.shutdown(wait=False)

    # ---- the server's own calls ----

    def ready(self) -> ses.Readiness:
        return ses.Readiness(status="ready", schema_revision=self.backend.ready())

    def login(self, command: ses.SignIn, address: str | None) -> ses.TokenPair:
        account = self.backend.sessions.sign_in(command, address)
        return self._pair(account, self.backend.sessions.open_family(account, self.backend.settings.refresh_lifetime))

    def refresh(self, command: ses.RefreshTokens) -> ses.TokenPair:
        claims = self.tokens.read(command.refresh_token, "refresh")
        account, grant = self.backend.sessions.rotate(claims.token_id, self.backend.settings.refresh_lifetime)
        return self._pair(account, grant)

    def logout(self, command: ses.RefreshTokens) -> ses.SignedOut:
        claims = self.tokens.read(command.refresh_token, "refresh")
        return ses.SignedOut(revoked_tokens=self.backend.sessions.sign_out(claims.token_id))

    def _pair(self, account: ses.Account, grant: ses.Grant) -> ses.TokenPair:
        settings = self.backend.settings
        return ses.TokenPair(access_token=self.tokens.access(account), refresh_token=self.tokens.refresh(account, grant),
                             token_type="Bearer", expires_in=int(settings.access_lifetime.total_seconds()),
                             refresh_expires_in=int(settings.refresh_lifetime.total_seconds()),
                             user_name=account.user_name, role=account.role, warehouse_code=account.warehouse_code)

    # ---- requests ----

    def handler(self, endpoint: Endpoint) -> Callable[[Request], Any]:
        reads_body = endpoint.source in ("body", "optional_body")

        async def handle(request: Request) -> Response:
            try:
                raw = await request.body() if reads_body else b""
                # the executor's own hop: anyio's run_in_threadpool costs ~0.1 ms more a request
                result = await asyncio.get_running_loop().run_in_executor(
                    self.threads, partial(self.serve, endpoint, request, raw))
            except WmsError as error:
                return refused(error, _challenge(error))
            except Exception:
                log.exception("%s %s failed", request.method, request.url.path)
                return refused(WmsError("INTERNAL_ERROR"))
            return ok(result, endpoint.status)

        return handle

    def serve(self, endpoint: Endpoint, request: Request, raw: bytes) -> Any:
        caller, services = (None, None) if endpoint.public else self.authenticate(request)
        params = endpoint.checked_params(request.path_params)
        command: Any = None
        if endpoint.source != "query":
            for name in request.query_params:
                raise invalid(name, "is not a parameter of this endpoint")
        if endpoint.command is not None:
            if endpoint.source == "query":
                payload = rq.query_payload(endpoint.command, request.query_params.multi_items())
            elif endpoint.source == "none":
                payload = {}
            else:
                payload = rq.body_payload(raw, optional=endpoint.source == "optional_body")
            if endpoint.into_command:
                rq.merge(payload, params)
            rq.merge(payload, rq.idempotency(endpoint.command, request.headers.get("idempotency-key")))
            command = decode(endpoint.command, payload)
        address = request.client.host if request.client else None
        return endpoint.call(Context(services, self, caller, address), command, params)

    def authenticate(self, request: Request) -> tuple[ses.Caller, ServiceApi]:
        """A Bearer token of a signed-in user, or a system's ``X-API-Key`` — one of them — and
        the services as that caller, with its role's permissions as they are now (or as they
        were when remembered: a change to a role is notified like one to a user)."""
        header, key = request.headers.get("authorization"), request.headers.get("x-api-key")
        if header and key:
            raise WmsError("UNAUTHORIZED", details={"reason": "give a Bearer token or an X-API-Key, not both"})
        if key:
            presented = key.strip()  # remembered by its hash: no secret kept in memory
            return self.credentials.get(("key", hashlib.sha256(presented.encode()).digest()),
                                        lambda: self._bound(self._key_caller(presented)))
        claims = self._token_claims(header)  # signature and expiry: every time
        return self.credentials.get(("user", claims.user_name, claims.role, claims.warehouse_code),
                                    lambda: self._bound(self._token_caller(claims)))

    def _bound(self, caller: ses.Caller) -> tuple[ses.Caller, ServiceApi]:
        return caller, self.backend.services(caller.warehouse_code, caller.user_name, caller.role)

    def _key_caller(self, key: str) -> ses.Caller:
        holder = self.backend.sessions.key_holder(key)
        return ses.Caller(user_name=holder.operator, role=holder.role, warehouse_code=holder.warehouse_code,
                          credential="api_key")

    def _token_claims(self, header: str | None) -> Claims:
        if not header:
            raise WmsError("UNAUTHORIZED")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise WmsError("UNAUTHORIZED", details={"reason": "expected the header Authorization: Bearer TOKEN"})
        return self.tokens.read(token.strip(), "access")

    def _token_caller(self, claims: Claims) -> ses.Caller:
        self.backend.sessions.check(claims.user_name, claims.role, claims.warehouse_code)
        return ses.Caller(user_name=claims.user_name, role=claims.role, warehouse_code=claims.warehouse_code,
                          credential="token")


def _challenge(error: WmsError) -> dict[str, str] | None:
    if error.code is not None and error.code // 1000 == 11 and error.error_code != "TOO_MANY_SIGN_IN_ATTEMPTS":
        return {"WWW-Authenticate": "Bearer"}
    return None


async def _http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        return refused(WmsError("METHOD_NOT_ALLOWED"), dict(exc.headers or {}))  # Allow: the methods it takes
    if exc.status_code == 404:
        return refused(WmsError("NOT_FOUND"))
    return refused(invalid("request", exc.detail or "is not acceptable"))


class AccessLog:
    """One JSON line per request on ``wms_desktop.api.access``: method, path, status, time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not access_log.isEnabledFor(logging.INFO):  # no line: no wrapper either
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [500]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client")
            access_log.info(json.dumps({
                "method": scope["method"], "path": scope["path"], "status": status[0],
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "client": client[0] if client else None}, ensure_ascii=False))


def _routes(api: Api) -> list[Route]:
    """One route per path, whatever its methods: a wrong method is 405 with every method of
    the path in ``Allow``."""
    by_path: dict[str, dict[str, Callable[[Request], Any]]] = {}
    for endpoint in ENDPOINTS:
        by_path.setdefault(endpoint.path, {})[endpoint.method] = api.handler(endpoint)
    return [Route(path, _dispatch(handlers), methods=list(handlers)) for path, handlers in by_path.items()]


def _dispatch(handlers: dict[str, Callable[[Request], Any]]) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        response: Response = await handlers["GET" if request.method == "HEAD" else request.method](request)
        return response

    return handle


def create_app(backend: Backend) -> Starlette:
    api = Api(backend)
    openapi = json.dumps(document(), ensure_ascii=False).encode()
    routes = _routes(api) + [
        Route("/openapi.json", lambda _r: Response(openapi, media_type=JSON), methods=["GET"]),
        Route("/docs", lambda _r: HTMLResponse(PAGE), methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error}, lifespan=api.lifespan)
    app.add_middleware(AccessLog)
    return app
