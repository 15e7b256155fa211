"""The HTTP API (docs/api.md): the spec's REST contract over the same typed services the app
uses — an ASGI app (Starlette) that ``wms-desktop serve`` runs on uvicorn.

- ``endpoints.py``: every route as data — path, method, command type, result type, the service
  call; the router (``app.py``) and the OpenAPI document (``openapi.py``) are both made from it;
- ``responses.py``: the envelope and the HTTP status of each error code;
- ``tokens.py`` / ``settings.py``: JWT access and refresh tokens (pyjwt), their key and lifetimes;
- ``requests.py``: a request's payload (JSON body, query string, path, ``Idempotency-Key``).

No business rule lives here, and no process state another process needs: sign-in state is in
the database (``services/sessions.py``). It sees the services through the contract's protocols
only (like the UI); ``wms_desktop/serve.py`` builds them.
"""
