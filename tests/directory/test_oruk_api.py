"""The Open Referral UK API: every endpoint checked against the ORUK 3.0 schemas, filters, paging, bad input."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "oruk-3.0"
PAGE_FIELDS = {"total_items": int, "total_pages": int, "page_number": int, "size": int, "first_page": bool,
               "last_page": bool, "empty": bool, "contents": list}


def _format_checker() -> FormatChecker:
    """The schemas' formats (dates, emails, URIs...), less "uuid": HSDS asks for UUIDs as ids, but
    publishers' ids are their own strings, and we keep them."""
    checker = FormatChecker()
    checker.checkers.pop("uuid", None)
    return checker


def schema(name: str) -> Draft202012Validator:
    document = json.loads((SCHEMAS / name).read_text())
    if name == "taxonomy.json":  # its one relative $ref, resolved here
        document["properties"]["taxonomy_terms"]["items"] = json.loads((SCHEMAS / "taxonomy_term.json").read_text())
    return Draft202012Validator(document, format_checker=_format_checker())


def valid(body, name: str):
    errors = sorted(schema(name).iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5])


def valid_page(body, item_schema: str):
    for field, kind in PAGE_FIELDS.items():
        assert isinstance(body[field], kind), field
    for item in body["contents"]:
        valid(item, item_schema)


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.json()


def ids(body) -> list[str]:
    return [item["id"] for item in body["contents"]]


def test_every_endpoint_answers_in_the_oruk_shape(client, fenmere):
    about = get(client, "/oruk/")
    assert about["version"] == "3.0" and about["openapi_url"].endswith("/oruk/openapi.json")

    services = get(client, "/oruk/services?per_page=500")
    valid_page(services, "compiled/service_list.json")
    for service_id in ids(services)[:40] + ["fa-001", "fb-011"]:
        valid(get(client, f"/oruk/services/{service_id}"), "compiled/service.json")

    links = get(client, "/oruk/service_at_locations?per_page=500")
    valid_page(links, "compiled/service_at_location_list.json")
    for link_id in ids(links)[:20]:
        one = get(client, f"/oruk/service_at_locations/{link_id}")
        valid(one, "compiled/service.json")  # what the ORUK OpenAPI file says this endpoint returns
        assert [s["id"] for s in one["service_at_locations"]] == [link_id]

    valid_page(get(client, "/oruk/taxonomies"), "taxonomy.json")
    valid(get(client, "/oruk/taxonomies/kithkin-community"), "taxonomy.json")
    terms = get(client, "/oruk/taxonomy_terms?per_page=100")
    valid_page(terms, "taxonomy_term.json")
    assert terms["total_items"] == 64
    valid(get(client, "/oruk/taxonomy_terms/memory.cafes"), "taxonomy_term.json")

    organizations = get(client, "/oruk/organizations?per_page=300")
    valid_page(organizations, "compiled/organization_list.json")
    valid(get(client, f"/oruk/organizations/{ids(organizations)[0]}"), "compiled/organization.json")


def test_paging_follows_hsds(client, fenmere):
    first = get(client, "/oruk/services?per_page=100")
    last = get(client, "/oruk/services?per_page=100&page=3")
    beyond = get(client, "/oruk/services?per_page=100&page=9")

    assert first["total_items"] == 293  # the active ones
    assert (first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (3, 100, True, False)
    assert (last["size"], last["last_page"], last["page_number"]) == (93, True, 3)
    assert beyond["contents"] == [] and beyond["empty"] is False
    assert set(ids(first)).isdisjoint(ids(last))


def test_only_active_services_unless_a_status_is_asked_for(client, fenmere):
    assert get(client, "/oruk/services?per_page=1")["total_items"] == 293
    assert get(client, "/oruk/services?per_page=1&status=all")["total_items"] == 319
    defunct = get(client, "/oruk/services?status=defunct")
    assert defunct["total_items"] == 7
    assert {s["status"] for s in defunct["contents"]} == {"defunct"}


def test_filters_narrow_the_services(client, fenmere):
    cafes = get(client, "/oruk/services?taxonomy_term_id=memory.cafes&per_page=100")
    memory = get(client, "/oruk/services?taxonomy_term_id=memory&per_page=100")
    assert cafes["total_items"] > 0 and set(ids(cafes)) <= set(ids(memory))  # a broad term includes narrower
    assert get(client, "/oruk/services?taxonomy_id=kithkin-community&per_page=1")["total_items"] == 293
    assert get(client, "/oruk/services?taxonomy_id=nobodys&per_page=1")["total_items"] == 0

    org = get(client, "/oruk/services?organization_id=fa-org-003")
    assert org["total_items"] >= 1 and {s["organization_id"] for s in org["contents"]} == {"fa-org-003"}

    adults = get(client, "/oruk/services?minimum_age=18&per_page=500")
    assert adults["total_items"] > 0 and all(s["minimum_age"] >= 18 for s in adults["contents"])

    tuesdays = set(ids(get(client, "/oruk/services?day=TU&per_page=500")))
    assert "fa-001" in tuesdays and "fa-003" not in tuesdays  # fa-003 meets on Wednesdays
    assert tuesdays == set(ids(get(client, "/oruk/services?day=tuesday&per_page=500")))
    mornings = get(client, "/oruk/services?start_time=09:00&end_time=12:30&per_page=500")
    assert "fa-003" in ids(mornings) and "fa-001" not in ids(mornings)  # 10:30-12:00 in, 10:00-14:00 out

    assert get(client, "/oruk/services?modified_after=2099-01-01T00:00:00Z")["total_items"] == 0


def test_search_ranks_what_people_mean(client, fenmere):
    found = get(client, "/oruk/services?search=demensia+group&per_page=5")
    assert found["total_items"] > 0
    assert all(s["id"] in set(ids(get(client, "/oruk/services?taxonomy_term_id=memory&per_page=100")))
               for s in found["contents"])


def test_service_at_locations_near_a_postcode_are_nearest_first_and_within_the_distance(client, fenmere):
    near = get(client, "/oruk/service_at_locations?postcode=FN3+4SB&proximity=2000&per_page=500")

    assert near["total_items"] > 0
    assert near["contents"][0]["location"]["id"] == "fa-loc-038"  # the allotments at FN3 4SB itself
    everywhere = get(client, "/oruk/service_at_locations?per_page=1")["total_items"]
    assert near["total_items"] < everywhere


@pytest.mark.parametrize("query, field", [
    ("per_page=0", "per_page"), ("per_page=100000", "per_page"), ("page=0", "page"), ("page=two", "page"),
    ("postcode=FN3+4SB&proximity=-5", "proximity"), ("postcode=FN3+4SB&proximity=9999999", "proximity"),
    ("proximity=500", "proximity"), ("postcode=not+a+postcode", "postcode"), ("postcode=ZZ9+9ZZ", "postcode"),
    ("day=Funday", "day"), ("start_time=25:00", "start_time"), ("status=open", "status"),
    ("modified_after=yesterday", "modified_after"), ("page=99999999999999999999", "page"),
])
def test_bad_query_values_are_a_400_problem(client, fenmere, query, field):
    for path in ("/oruk/services", "/oruk/service_at_locations"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        assert response["Content-Type"] == "application/problem+json"
        assert field in [e["field"] for e in response.json()["errors"]]


def test_unknown_ids_are_a_404_problem(client, fenmere):
    for path in ("services", "service_at_locations", "taxonomies", "taxonomy_terms", "organizations"):
        response = client.get(f"/oruk/{path}/no-such-id")
        assert response.status_code == 404
        assert response.json()["status"] == 404


def test_any_web_page_may_read_the_directory(client, fenmere):
    response = client.get("/oruk/services?per_page=1", HTTP_ORIGIN="https://example.org")
    preflight = client.options("/oruk/services", HTTP_ORIGIN="https://example.org",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/healthz")


def test_full_pages_and_ndjson_give_whole_services_for_harvesting(client, fenmere):
    full = get(client, "/oruk/services?full=true&per_page=20")
    valid_page(full, "compiled/service.json")
    assert "service_at_locations" in full["contents"][0]

    response = client.get("/oruk/services?format=ndjson&taxonomy_term_id=memory")
    assert response.status_code == 200 and response["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert len(lines) == get(client, "/oruk/services?taxonomy_term_id=memory&per_page=1")["total_items"]
    for record in lines:
        valid(record, "compiled/service.json")
    assert client.get("/oruk/services?format=xml").status_code == 400
