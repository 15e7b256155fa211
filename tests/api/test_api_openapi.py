"""The OpenAPI document: served as generated from the endpoints' own types, and true of the
real server — schemathesis calls every operation with data drawn from the document (valid and
not) and checks each answer: no 5xx, the status documented, the body matching its schema."""
from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import positive_data_acceptance

from tests.api.conftest import bearer, sign_in
from wms_desktop.api.endpoints import ENDPOINTS
from wms_desktop.api.openapi import document

schema = schemathesis.openapi.from_dict(document())


@pytest.fixture(scope="module")
def supervisor(http) -> dict[str, str]:
    return bearer(sign_in(http, "sam"))


def test_the_served_document_is_the_generated_one(http):
    answer = http.get("/openapi.json")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert answer.json() == json.loads(json.dumps(document()))
    page = http.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text


def test_every_endpoint_is_documented_with_its_command_fields():
    paths = document()["paths"]
    for endpoint in ENDPOINTS:
        operation = paths[endpoint.openapi_path][endpoint.method.lower()]
        assert str(endpoint.status) in operation["responses"]
        if endpoint.command is None or endpoint.source == "none":  # the path alone names it
            continue
        named = {p["name"] for p in operation.get("parameters", ())}
        if "requestBody" in operation:
            named |= set(operation["requestBody"]["content"]["application/json"]["schema"]["properties"])
        assert set(endpoint.command.__struct_fields__) <= named, endpoint.path


def test_query_names_are_the_spec_s_snake_case():
    by_product = document()["paths"]["/api/inventory/by-product"]["get"]["parameters"]
    assert {p["name"] for p in by_product} == {"product_code", "page", "page_size"}


@schema.parametrize()
@settings(max_examples=6, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_every_answer_is_as_documented(case, server, supervisor):
    # positive_data_acceptance is left out: the document cannot say that a code must name
    # something that exists, nor the domain rules (no padding, exactly one of product_id /
    # product_code); such a request is refused as documented (400 or 404)
    case.call_and_validate(base_url=server.base_url, headers=supervisor, timeout=30,
                           excluded_checks=[positive_data_acceptance])
