"""The OpenAPI 3.1 document of the API, generated from ``endpoints.py``: each route's command
and result types give its parameters, body and answer (msgspec's JSON Schema of the same
structs the services decode and return) — nothing here is written by hand but the envelope
around them and the refusals' statuses, which ``responses.py`` decides.

A command's fields are its JSON body, or its query string (``source == "query"``); path
parameters a command takes (``into_command``) may be repeated in the body, so they are not
required there. ``Idempotency-Key`` is offered where the command takes a ``request_id``.
"""
from __future__ import annotations

import copy
import typing
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import msgspec

from ..contract.base import Pagination
from .endpoints import ENDPOINTS, Endpoint
from .responses import paged_field

REF = "#/components/schemas/{name}"
# the refusals every credentialed call can meet, by status (docs/api.md: status by code family)
REFUSALS = {
    "400": "Invalid input or a business rule refused it (10xxx, 14xxx, 15xxx, 16xxx)",
    "401": "No, an expired or a revoked credential (11xxx)",
    "403": "The caller's role may not do this (12xxx)",
    "404": "Nothing with that code or id in the caller's warehouse (13xxx)",
    "409": "Exists already, or another workstation holds it or changed it meanwhile",
    "429": "Too many failed sign-ins: wait Retry-After seconds",
    "500": "An unexpected failure (logged by the server)",
    "503": "The database cannot be reached or its schema is not this server's",
}
_PUBLIC = ("400", "500", "503")
_SIGN_IN = ("400", "401", "404", "429", "500", "503")
_CREDENTIALED = ("400", "401", "403", "404", "409", "500", "503")


@cache
def document() -> dict[str, Any]:
    types = list(dict.fromkeys([Pagination, *(t for e in ENDPOINTS for t in (e.result, e.command) if t is not None)]))
    refs, components = msgspec.json.schema_components(types, ref_template=REF)
    for component in components.values():
        if component.get("additionalProperties") is False:  # a command (forbid_unknown_fields)
            _null_is_left_out(component)
    ref_of = dict(zip(types, refs, strict=True))
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in ENDPOINTS:
        command_ref = ref_of[endpoint.command] if endpoint.command else None
        paths.setdefault(endpoint.openapi_path, {})[endpoint.method.lower()] = _operation(
            endpoint, ref_of[endpoint.result], command_ref, components)
    return {
        "openapi": "3.1.0",
        "info": {"title": "wms-desktop API", "version": _version(),
                 "description": "The spec's REST contract over the same services as the app (docs/api.md)."},
        "paths": paths,
        "components": {
            "schemas": {**components, "Refusal": _refusal()},
            "responses": {status: _refused(text) for status, text in REFUSALS.items()},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                           "description": "an access token of POST /api/auth/login"},
                "api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                            "description": "a system's key (wms-desktop apikey add)"},
            },
        },
    }


def _operation(endpoint: Endpoint, result_ref: dict[str, Any], command_ref: dict[str, Any] | None,
               components: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": _operation_id(endpoint), "summary": endpoint.summary, "tags": [endpoint.tag],
        "parameters": [_path_parameter(name, kind) for name, kind in endpoint.params.items()],
    }
    command = _schema_of(command_ref, components) if command_ref else None
    if command is not None and endpoint.source == "query":
        required = set(command.get("required", ()))
        operation["parameters"] += [
            {"name": name, "in": "query", "required": name in required, "schema": _not_null(prop)}
            for name, prop in command["properties"].items()]
    elif command is not None and endpoint.source in ("body", "optional_body"):
        operation["requestBody"] = {
            "required": endpoint.source == "body",
            "content": {"application/json": {"schema": _body(command, endpoint)}}}
    if command is not None and "request_id" in command["properties"]:
        operation["parameters"].append({
            "name": "Idempotency-Key", "in": "header", "required": False,
            "description": "the call's request_id: a repeat answers the first result and changes nothing",
            "schema": _not_null(command["properties"]["request_id"])})
    if not operation["parameters"]:
        del operation["parameters"]
    operation["responses"] = {
        str(endpoint.status): {"description": "Done", "content": {"application/json": {
            "schema": _answer(endpoint.result, result_ref, components)}}},
        **{status: {"$ref": f"#/components/responses/{status}"} for status in _refusals(endpoint)},
    }
    operation["security"] = [] if endpoint.public else [{"bearer": []}, {"api_key": []}]
    return operation


def _refusals(endpoint: Endpoint) -> tuple[str, ...]:
    if endpoint.path == "/health":
        return ("500",)
    if endpoint.public:
        return _SIGN_IN if endpoint.tag == "auth" else _PUBLIC
    return _CREDENTIALED


def _operation_id(endpoint: Endpoint) -> str:
    words = [w.strip("{}").split(":")[0] for w in endpoint.path.split("/") if w and w != "api"]
    return "_".join([endpoint.method.lower(), *words]).replace("-", "_")


def _path_parameter(name: str, kind: Any) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": msgspec.json.schema(kind)}


def _body(command: dict[str, Any], endpoint: Endpoint) -> dict[str, Any]:
    """The command's schema; a field the path gives may be repeated in the body, so it is
    not required there."""
    if not endpoint.into_command:
        return command
    body = copy.deepcopy(command)
    body["required"] = [name for name in body.get("required", ()) if name not in endpoint.params]
    return body


def _answer(result: Any, ref: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """The success envelope around the result; a page puts its list in ``data`` and its
    ``pagination`` beside it (``responses.body``)."""
    data: dict[str, Any] = ref
    extra: dict[str, Any] = {}
    page = paged_field(result) if isinstance(result, type) else None
    if page is not None:
        data = _schema_of(ref, components)["properties"][page]
        extra = {"pagination": {"$ref": REF.format(name="Pagination")}}
    return {
        "type": "object",
        "properties": {"success": {"const": True}, "data": data, **extra,
                       "error_code": {"type": "null"}, "error_message": {"type": "null"}},
        "required": ["success", "data", *extra, "error_code", "error_message"],
        "additionalProperties": False,
    }


def _refusal() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "success": {"const": False}, "data": {"type": "null"},
            "error_code": {"type": "string", "description": "symbolic: what a client branches on"},
            "code": {"anyOf": [{"type": "integer"}, {"type": "null"}], "description": "numeric: the seed's table"},
            "error_message": {"type": "string"},
            "details": {"type": "object", "description": "snake_case; field names the input refused"},
        },
        "required": ["success", "data", "error_code", "code", "error_message", "details"],
        "additionalProperties": False,
    }


def _refused(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(name="Refusal")}}}}


def _schema_of(ref: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    name = ref["$ref"].rsplit("/", 1)[1]
    return typing.cast(dict[str, Any], components[name])


def _null_is_left_out(command: dict[str, Any]) -> None:
    """The decoder reads null in an optional field as the field left out (``contract/decode.py``)."""
    required = set(command.get("required", ()))
    for name, prop in command["properties"].items():
        if name not in required and {"type": "null"} not in prop.get("anyOf", ()):
            rest = {k: v for k, v in prop.items() if k != "default"}
            command["properties"][name] = {"anyOf": [rest, {"type": "null"}],
                                           **({"default": prop["default"]} if "default" in prop else {})}


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query string or header cannot say null: the schema without its null branch."""
    options = [s for s in schema.get("anyOf", ()) if s != {"type": "null"}]
    if len(options) == 1:
        return {**options[0], **{k: v for k, v in schema.items() if k not in ("anyOf", "default")}}
    return {k: v for k, v in schema.items() if k != "default"}


def _version() -> str:
    try:
        return version("wms-desktop")
    except PackageNotFoundError:  # a source tree that was not installed
        return "0"
