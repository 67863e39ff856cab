"""The JSON API: tokens, the same need-to-know as the pages, and problem bodies for bad input."""

import json

import pytest
from django.test import Client

from kithkin.core.models import ApiToken, AuditEvent
from kithkin.people.models import CircleMember


class Api:
    def __init__(self, key=None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def call(self, method, path, body=None, raw=None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs = {"content_type": "application/json", "headers": self.headers}
        if data is not None:
            kwargs["data"] = data
        return getattr(self.client, method)(f"/api{path}", **kwargs)


@pytest.fixture
def api(agent, token_for):
    return Api(token_for(agent))


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"]
    return body


def test_the_openapi_document_describes_the_endpoints(client, db):
    spec = client.get("/api/openapi.json").json()
    expected = {"/api/people", "/api/people/{person_id}", "/api/contacts", "/api/contacts/{contact_id}/conversations"}
    assert expected <= set(spec["paths"])


def test_no_token_or_a_bad_token_is_401(db):
    assert_problem(Api().call("get", "/people"), 401)
    assert_problem(Api("kk_nope_nope").call("get", "/people"), 401)
    assert_problem(Api("garbage").call("get", "/people"), 401)


def test_a_revoked_token_stops_working(agent, token_for):
    key = token_for(agent)
    assert Api(key).call("get", "/people").status_code == 200
    from kithkin.core.actions import revoke_api_token
    from kithkin.core.audit import Auditor

    revoke_api_token(ApiToken.objects.get(), Auditor(agent))
    assert_problem(Api(key).call("get", "/people"), 401)


def test_reading_a_person_is_audited_and_refused_without_a_relationship(api, person, outsider, token_for):
    response = api.call("get", f"/people/{person.pk}")
    assert response.status_code == 200 and response.json()["given_name"] == "Arthur"
    assert AuditEvent.objects.filter(kind="view", person=person, channel="api").exists()
    assert_problem(Api(token_for(outsider)).call("get", f"/people/{person.pk}"), 403)
    assert_problem(api.call("get", "/people/999999"), 404)


def test_the_people_list_is_only_people_you_may_see_and_is_paged(api, person, outsider, token_for):
    body = api.call("get", "/people").json()
    assert body["count"] == 1 and body["items"][0]["id"] == person.pk
    assert Api(token_for(outsider)).call("get", "/people").json()["count"] == 0


def test_a_contact_a_person_and_a_conversation_through_the_api(api, agent):
    contact = api.call("post", "/contacts", {"channel": "phone", "raised_by": "family", "caller_name": "Sarah Jones",
                                             "postcode": "fn1 1ad", "in_their_words": "Dad keeps falling"})
    assert contact.status_code == 201, contact.content
    contact_id = contact.json()["id"]
    assert contact.json()["postcode"] == "FN1 1AD"
    person = api.call("post", "/people", {"contact_id": contact_id, "given_name": "Arthur", "family_name": "Jones",
                                          "date_of_birth": "1942-05-02", "nhs_number": "943 476 5919"})
    assert person.status_code == 201, person.content
    person_id = person.json()["id"]
    member = api.call("post", f"/people/{person_id}/circle", {"name": "Sarah Jones", "connection": "family",
                                                              "relationship": "daughter", "closeness": 1})
    assert member.status_code == 201, member.content
    patched = api.call("patch", f"/people/{person_id}/circle/{member.json()['id']}", {"closeness": 2})
    assert patched.json()["closeness"] == 2 and patched.json()["relationship"] == "daughter"
    conversation = api.call("post", f"/contacts/{contact_id}/conversations", {
        "what_matters": "Staying at home", "outcome": "connection", "connected_to": "Good Neighbours"})
    assert conversation.status_code == 201, conversation.content
    closed = api.call("get", f"/contacts/{contact_id}").json()
    assert closed["resolved_at"] is not None and closed["person_id"] == person_id
    assert api.call("get", "/contacts").json()["count"] == 0
    assert api.call("get", "/contacts?status=closed").json()["count"] == 1
    assert api.call("delete", f"/people/{person_id}/circle/{member.json()['id']}").status_code == 204
    assert not CircleMember.objects.exists()


def test_patching_a_person_changes_only_what_was_sent(api, person):
    response = api.call("patch", f"/people/{person.pk}", {"preferred_name": "Art"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.preferred_name == "Art" and person.what_matters == "Staying at home with Edna"
    change = AuditEvent.objects.filter(kind="update", person=person, channel="api").get()
    assert change.new_values == {"preferred_name": "Art", "updated_at": change.new_values["updated_at"]}


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"nhs_number": "9434765918"}, "nhs_number", "check the digits"),
    ({"postcode": "nowhere"}, "postcode", "Enter a real postcode"),
    ({"given_name": ""}, "given_name", "Enter their first name"),
    ({"date_of_birth": "not a date"}, "date_of_birth", ""),
    ({"email": "nope"}, "email", ""),
    ({"living_situation": "castle"}, "living_situation", ""),
])
def test_bad_person_fields_get_a_400_problem_with_field_errors(api, person, body, field, message):
    problem = assert_problem(api.call("patch", f"/people/{person.pk}", body), 400)
    errors = {e["field"]: e["message"] for e in problem["errors"]}
    assert field in errors and message in errors[field]
    person.refresh_from_db()
    assert person.given_name == "Arthur" and person.postcode == "FN1 1AD"


def test_malformed_json_is_a_400_problem(api):
    response = api.call("post", "/contacts", raw="{not json")
    assert_problem(response, 400)


def test_wrong_types_are_a_400_problem(api, contact):
    problem = assert_problem(api.call("post", f"/contacts/{contact.pk}/conversations",
                                      {"what_matters": ["a list"], "outcome": 5}), 400)
    assert {e["field"] for e in problem["errors"]} >= {"what_matters"}


def test_an_outcome_without_its_details_is_a_400(api, contact):
    problem = assert_problem(api.call("post", f"/contacts/{contact.pk}/conversations",
                                      {"what_matters": "Home", "outcome": "no_further_action"}), 400)
    assert problem["errors"][0]["field"] == "no_further_action_reason"


def test_a_second_conversation_on_a_closed_contact_is_a_409(api, contact):
    api.call("post", f"/contacts/{contact.pk}/conversations", {"what_matters": "Home", "outcome": "advice"})
    assert_problem(api.call("post", f"/contacts/{contact.pk}/conversations",
                            {"what_matters": "Home", "outcome": "advice"}), 409)


def test_creating_a_person_needs_a_contact_on_your_team(api, outsider, token_for):
    from tests.conftest import take_contact

    theirs = take_contact(outsider)
    assert_problem(api.call("post", "/people", {"contact_id": theirs.pk, "given_name": "A", "family_name": "B"}), 403)
    assert_problem(api.call("post", "/people", {"given_name": "A", "family_name": "B"}), 400)


def test_an_unknown_status_filter_is_a_400(api):
    assert_problem(api.call("get", "/contacts?status=sideways"), 400)


def test_bad_paging_is_a_400(api):
    assert_problem(api.call("get", "/people?page=-1"), 400)
    assert_problem(api.call("get", "/people?page=abc"), 400)


def test_commissioners_get_figures_but_no_people(commissioner, token_for, agent, contact):
    api = Api(token_for(commissioner))
    assert api.call("get", "/people").json()["count"] == 0
    assert_problem(api.call("get", "/contacts"), 403)
    figures = api.call("get", "/figures").json()
    assert [f["label"] for f in figures] == ["Last 24 hours", "This week", "This quarter"]


def test_unknown_api_paths_are_json_404s(api):
    assert_problem(api.call("get", "/nothing-here"), 404)
