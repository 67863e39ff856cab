"""Partners' alerts over the API: stored whatever happens, matched when we can, never twice."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kithkin.core.models import AuditEvent, Role
from kithkin.prevention.models import Alert, AlertEvent
from tests.conftest import make_person, make_user

pytestmark = pytest.mark.django_db

ARTHUR_NHS = "9434765919"


@pytest.fixture
def surgery(team):
    return make_user("wickfield.surgery", Role.PARTNER, name="Wickfield Surgery")


@pytest.fixture
def send(surgery, token_for):
    key = token_for(surgery)
    client = Client()

    def post(body: dict, **headers):
        return client.post("/api/alerts", json.dumps(body), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}", **headers)

    return post


def an_alert(**changes) -> dict:
    body = {"idempotency_key": "wks-2026-0001", "kind": "hospital_admission", "source": "gp_practice",
            "source_name": "Wickfield Surgery", "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "nhs_number": ARTHUR_NHS, "details": "Admitted to Fenmere General with a chest infection."}
    body.update(changes)
    return body


def test_an_alert_about_someone_we_know_is_matched_by_nhs_number(send, agent):
    arthur = make_person(agent, nhs_number=ARTHUR_NHS)

    response = send(an_alert())

    assert response.status_code == 201
    body = response.json()
    assert body["resent"] is False and set(body) == {"id", "idempotency_key", "received_at", "resent"}
    alert = Alert.objects.get()
    assert (alert.person, alert.matched_by, alert.status) == (arthur, "nhs_number", "matched")
    assert alert.team == agent.team
    assert AuditEvent.objects.filter(kind="create", object_type="prevention.Alert", person=arthur).exists()


def test_name_date_of_birth_and_postcode_match_when_there_is_no_nhs_number(send, agent):
    arthur = make_person(agent, date_of_birth="1942-03-07", postcode="FN1 1AD")

    send(an_alert(nhs_number=None, given_name="arthur", family_name="JONES", date_of_birth="1942-03-07",
                  postcode="fn1 1ad"))

    alert = Alert.objects.get()
    assert (alert.person, alert.matched_by) == (arthur, "name_dob_postcode")


def test_an_alert_that_matches_nobody_is_kept_for_the_team_to_resolve(send, team):
    response = send(an_alert(nhs_number=None, given_name="Nobody", family_name="Known",
                             date_of_birth="1950-01-01", postcode="FN1 2XY"))

    assert response.status_code == 201
    alert = Alert.objects.get()
    assert (alert.person, alert.status, alert.team) == (None, "unmatched", team)


def test_a_resent_alert_is_the_same_alert_and_a_reused_key_is_refused(send):
    body = an_alert()
    first = send(body)
    again = send(body)
    clash = send({**body, "kind": "fall"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"] and again.json()["resent"] is True
    assert clash.status_code == 409 and "used for a different alert" in clash.json()["detail"]
    assert Alert.objects.count() == 1
    assert AlertEvent.objects.filter(kind="resent").count() == 1


def test_the_key_may_come_as_a_header(send):
    body = an_alert()
    del body["idempotency_key"]
    assert send(body, HTTP_IDEMPOTENCY_KEY="hdr-1").status_code == 201
    assert send(body, HTTP_IDEMPOTENCY_KEY="hdr-1").status_code == 200
    assert Alert.objects.get().idempotency_key == "hdr-1"


@pytest.mark.parametrize("changes, field, message", [
    ({"kind": "alien_abduction"}, "kind", "alien_abduction is not a kind of alert we know"),
    ({"source": "psychic"}, "source", "psychic is not a source we know"),
    ({"occurred_at": "yesterday"}, "occurred_at", "ISO 8601"),
    ({"occurred_at": "2099-01-01T00:00:00Z"}, "occurred_at", "cannot be in the future"),
    ({"nhs_number": "1234567890"}, "nhs_number", "That NHS number is not right"),
    ({"nhs_number": None}, "nhs_number", "Say who it is about"),
    ({"occurred_at": "0001-01-01T00:00:00+05:00"}, "occurred_at", "must be after 1900"),
    ({"occurred_at": "1899-12-31T23:00:00Z"}, "occurred_at", "must be after 1900"),
    ({"nhs_number": None, "given_name": "A", "family_name": "B", "date_of_birth": "0001-01-01",
      "postcode": "FN1 1AD"}, "date_of_birth", "must be from 1900 on"),
    ({"source": "staff"}, "body", "staff is for alerts our own staff raise"),
    ({"occurred_at": "2026-01-05T14:30:00"}, "occurred_at", "Give the time with its time zone"),
    ({"nhs_number": None, "given_name": "A", "family_name": "B", "date_of_birth": "2099-01-01",
      "postcode": "FN1 1AD"}, "date_of_birth", "cannot be in the future"),
    ({"idempotency_key": None}, "body", "Give each alert a key of your own"),
])
def test_bad_alerts_are_a_400_problem_and_nothing_is_stored(send, changes, field, message):
    response = send(an_alert(**changes))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    text = json.dumps(problem)
    assert message in text
    if problem.get("errors"):
        assert field in [e["field"] for e in problem["errors"]]
    assert not Alert.objects.exists()


def test_alerts_cannot_be_read_or_changed_here(surgery, token_for):
    response = Client().get("/api/alerts", HTTP_AUTHORIZATION=f"Bearer {token_for(surgery)}")
    assert response.status_code == 405 and response["Content-Type"] == "application/problem+json"


def test_missing_fields_are_named(send):
    response = send({"idempotency_key": "x"})
    assert response.status_code == 400
    assert {"kind", "source", "occurred_at"} <= {e["field"] for e in response.json()["errors"]}


def test_only_accounts_that_may_send_alerts_can(token_for, commissioner):
    response = Client().post("/api/alerts", json.dumps(an_alert()), content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {token_for(commissioner)}")
    assert response.status_code == 403
    assert Client().post("/api/alerts", json.dumps(an_alert()), content_type="application/json").status_code == 401


def test_an_alert_to_the_team_is_a_reason_to_see_the_person_for_that_team_only(send, agent, colleague, outsider):
    from kithkin.people.policies import ALERT, access_reason, visible_people

    arthur = make_person(outsider, nhs_number=ARTHUR_NHS)  # made by another team: no reason for ours yet
    assert access_reason(colleague, arthur) is None

    send(an_alert())

    assert access_reason(colleague, arthur) == ALERT
    assert arthur in visible_people(colleague)
    assert access_reason(outsider, arthur) != ALERT


def test_the_same_moment_in_another_offset_is_a_resend_not_a_clash(send):
    body = an_alert(occurred_at="2026-11-23T13:30:00Z")
    assert send(body).status_code == 201
    assert send({**body, "occurred_at": "2026-11-23T14:30:00+01:00"}).status_code == 200


def test_a_key_with_control_characters_is_refused(send):
    assert send(an_alert(idempotency_key="bad\x00key")).status_code == 400
    assert send(an_alert(idempotency_key="tab\tkey")).status_code == 400
    assert not Alert.objects.exists()


def test_a_staff_raised_alert_is_not_a_reason_to_see_the_person(agent, colleague, outsider):
    from kithkin.core.audit import Auditor
    from kithkin.people.policies import access_reason
    from kithkin.prevention import actions

    arthur = make_person(outsider, nhs_number=ARTHUR_NHS)
    actions.receive_alert({"kind": "fall", "source": "staff", "occurred_at": timezone.now(),
                           "nhs_number": ARTHUR_NHS}, "staff-1", Auditor(agent))
    assert access_reason(colleague, arthur) is None
