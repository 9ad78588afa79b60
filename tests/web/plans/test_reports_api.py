"""The reports API: real answers checked against the OpenAPI schema the platform serves; bad
reports rejected with errors naming the field, and nothing already stored lost."""

from __future__ import annotations

import json

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from kurultai.web.committees.models import Enterprise
from kurultai.web.reports.api import SCHEMA
from kurultai.web.reports.models import ExecutionReport
from kurultai.web.reports.tokens import issue


@pytest.fixture
def api(demo, client):
    depot = Enterprise.objects.get(slug="osh-bus-depot")
    token = issue(depot, None)
    openapi = OpenAPI.from_file_path(str(SCHEMA))

    def call(method, path, body=None, auth=token):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {auth}"} if auth else {}
        if method == "post":
            response = client.post(path, data=json.dumps(body) if not isinstance(body, str) else body,
                                   content_type="application/json", **headers)
        else:
            response = client.get(path, **headers)
        openapi.validate_response(DjangoOpenAPIRequest(response.wsgi_request),
                                  DjangoOpenAPIResponse(response))
        return response

    return call


def stored():
    return list(ExecutionReport.objects.order_by("pk").values_list("pk", "technique", "period", "quantity"))


def test_the_schema_is_served_and_valid(client):
    from openapi_spec_validator import validate

    document = json.loads(client.get("/api/v1/openapi.json").content)
    validate(document)
    assert set(document["paths"]) == {"/plan", "/reports"}


def test_an_enterprise_reads_its_plan_and_reports_its_output(api):
    plan = api("get", "/api/v1/plan").json()
    assert plan["version"] == 2 and plan["assignments"][0]["technique"] == "osh-depot-buses"
    planned = plan["assignments"][0]["per_period"]
    answer = api("post", "/api/v1/reports", {"period": "2026-Q2", "lines": [
        {"technique": "osh-depot-buses", "quantity": round(planned * 0.95, 4)}]})
    assert answer.status_code == 201
    body = answer.json()
    assert body["stored"][0]["channel"] == "api"
    assert body["deviations"] == [{"technique": "osh-depot-buses", "period": "2026-Q2",
                                   "planned": planned, "actual": round(planned * 0.95, 4),
                                   "deviation": pytest.approx(-0.05), "threshold_percent": 15.0,
                                   "flagged": False, "severity": None}]
    listed = api("get", "/api/v1/reports").json()["reports"]
    assert [r["period"] for r in listed] == ["2026-Q2", "2026-Q1"]


@pytest.mark.parametrize("share, severity", [(0.84, "warning"), (1.31, "critical"), (0.85, None)])
def test_a_flagged_deviation_says_how_severe(api, share, severity):
    """The committee's threshold is 15 %: beyond it a warning, beyond twice it critical."""
    planned = api("get", "/api/v1/plan").json()["assignments"][0]["per_period"]
    body = api("post", "/api/v1/reports", {"period": "2026-Q2", "lines": [
        {"technique": "osh-depot-buses", "quantity": planned * share}]}).json()
    [row] = body["deviations"]
    assert (row["flagged"], row["severity"]) == (severity is not None, severity)


@pytest.mark.parametrize("body, field, words", [
    ({"period": "2026-Q5", "lines": [{"technique": "osh-depot-buses", "quantity": 1}]}, "period", "not a period"),
    ({"period": "2025-Q1", "lines": [{"technique": "osh-depot-buses", "quantity": 1}]}, "period", "plan year 2026"),
    ({"period": "2026-Q2", "lines": [{"technique": "osh-depot-buses", "quantity": -3}]},
     "lines[0].quantity", "zero or more"),
    ({"period": "2026-Q2", "lines": [{"technique": "osh-depot-buses", "quantity": "many"}]},
     "lines[0].quantity", "not a number"),
    ({"period": "2026-Q2", "lines": [{"technique": "cheremushki-ovens", "quantity": 1}]},
     "lines[0].technique", "not a technique of Osh bus depot"),
    ({"period": "2026-Q2", "lines": []}, "lines", "non-empty list"),
    ({"period": "2026-Q2", "lines": [{"technique": "osh-depot-buses", "quantity": 1, "tons": 2}]},
     "lines[0].tons", "not a field"),
    ({"period": "2026-Q2", "lines": [{"technique": "osh-depot-buses", "quantity": 1}], "extra": 1},
     "extra", "not a field"),
    ("{not json", "body", "not valid JSON"),
])
def test_bad_reports_are_rejected_naming_the_field_and_nothing_is_lost(api, body, field, words):
    before = stored()
    answer = api("post", "/api/v1/reports", body)
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert errors[0]["field"] == field and words in errors[0]["message"]
    assert stored() == before


def test_one_bad_line_rejects_the_whole_report(api):
    before = stored()
    answer = api("post", "/api/v1/reports", {"period": "2026-Q2", "lines": [
        {"technique": "osh-depot-buses", "quantity": 7}, {"technique": "osh-depot-buses", "quantity": 8}]})
    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"field": "lines[1].technique",
                                        "message": "osh-depot-buses is reported twice."}]
    assert stored() == before


def test_a_correction_supersedes_without_deleting(api):
    before = stored()
    api("post", "/api/v1/reports", {"period": "2026-Q1", "lines": [{"technique": "osh-depot-buses", "quantity": 7.4}]})
    after = stored()
    assert after[:len(before)] == before and len(after) == len(before) + 1


@pytest.mark.parametrize("auth", [None, "kt_00000000_wrong", "not-a-token"])
def test_without_a_valid_token_nothing_is_read_or_stored(api, auth):
    before = stored()
    answer = api("post", "/api/v1/reports", {"period": "2026-Q2", "lines": []}, auth=auth)
    assert answer.status_code == 401 and answer.json()["errors"][0]["field"] == "Authorization"
    assert api("get", "/api/v1/plan", auth=auth).status_code == 401
    assert stored() == before
