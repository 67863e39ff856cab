"""Alerts for staff: raising one from a page, and resolving the ones that match nobody."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.prevention import actions
from kithkin.prevention.models import Alert
from tests.conftest import client_for, make_person

pytestmark = pytest.mark.django_db


def page_alert(**changes) -> dict:
    today = timezone.localdate()
    data = {"idempotency_key": "page-1", "kind": "fall", "source": "staff", "source_name": "",
            "occurred_on_day": today.day, "occurred_on_month": today.month, "occurred_on_year": today.year,
            "occurred_time": "", "given_name": "Arthur", "family_name": "Jones", "date_of_birth_day": "7",
            "date_of_birth_month": "3", "date_of_birth_year": "1942", "postcode": "FN1 1AD",
            "details": "His neighbour found him on the kitchen floor."}
    data.update(changes)
    return data


def unmatched_alert(_staff=None):
    """An ambulance service's alert about someone it cannot identify for us."""
    from kithkin.core.models import Role
    from tests.conftest import make_user

    sender = make_user("ambulance", Role.PARTNER, name="East of England Ambulance")
    return actions.receive_alert({"kind": "fall", "source": "ambulance", "source_name": "East of England",
                                  "occurred_at": timezone.now() - timedelta(hours=2), "given_name": "Edna",
                                  "family_name": "Jones", "postcode": "FN1 1AD"}, "amb-1", Auditor(sender))[0]


def test_a_worker_raises_an_alert_and_pressing_twice_makes_one(agent):
    arthur = make_person(agent, date_of_birth="1942-03-07", postcode="FN1 1AD")
    client = client_for(agent)
    assert "Raise an alert" in client.get("/alerts/new").content.decode()

    first = client.post("/alerts/new", page_alert())
    again = client.post("/alerts/new", page_alert())

    alert = Alert.objects.get()
    assert first.status_code == again.status_code == 302
    assert (alert.person, alert.kind, alert.source) == (arthur, "fall", "staff")


def test_the_page_shows_what_is_missing_or_wrong(agent):
    client = client_for(agent)
    empty = client.post("/alerts/new", {"idempotency_key": "page-2", "source": "staff"})
    page = empty.content.decode()
    assert empty.status_code == 400
    for message in ("Say what happened", "Give the day it happened"):
        assert message in page

    tomorrow = timezone.localdate() + timedelta(days=1)
    future = client.post("/alerts/new", page_alert(occurred_on_day=tomorrow.day, occurred_on_month=tomorrow.month,
                                                   occurred_on_year=tomorrow.year, idempotency_key="page-3"))
    assert future.status_code == 400
    nobody = client.post("/alerts/new", page_alert(given_name="", idempotency_key="page-4"))
    assert "Say who it is about" in nobody.content.decode()
    assert not Alert.objects.exists()


def test_an_unmatched_alert_is_matched_by_hand_from_the_teams_list(agent, manager):
    edna = make_person(agent, given_name="Edna", date_of_birth="1945-06-01")
    alert = unmatched_alert(manager)
    client = client_for(agent)

    assert "Edna Jones" in client.get("/alerts").content.decode()
    found = client.get(f"/alerts/{alert.pk}?q=Edna").content.decode()
    assert "This is them" in found
    client.post(f"/alerts/{alert.pk}/match", {"person_id": edna.pk})

    alert.refresh_from_db()
    assert (alert.person, alert.matched_by, alert.status, alert.resolved_by) == (edna, "by_hand", "matched", agent)


def test_not_for_us_needs_a_reason_and_other_teams_cannot_touch_it(agent, manager, outsider):
    alert = unmatched_alert(manager)
    client = client_for(agent)

    client.post(f"/alerts/{alert.pk}/not-for-us", {"note": ""})
    alert.refresh_from_db()
    assert alert.status == "unmatched"
    client.post(f"/alerts/{alert.pk}/not-for-us", {"note": "Lives in Norfolk: passed to their front door"})
    alert.refresh_from_db()
    assert alert.status == "not_for_us"

    assert client_for(outsider).get(f"/alerts/{alert.pk}").status_code == 403


def test_a_worker_cannot_raise_an_alert_and_match_it_to_a_stranger(agent, outsider):
    """Raising an alert and matching it by hand must not open a record the worker had no reason to see."""
    from kithkin.people.policies import access_reason

    stranger = make_person(outsider, given_name="Vera", postcode="FN1 1AD")
    client = client_for(agent)
    client.post("/alerts/new", page_alert(given_name="Someone", family_name="Unknown", idempotency_key="page-9"))
    alert = Alert.objects.get()

    assert client.post(f"/alerts/{alert.pk}/match", {"person_id": stranger.pk}).status_code == 403
    alert.refresh_from_db()
    assert alert.person is None and access_reason(agent, stranger) is None


def test_raising_an_alert_about_another_teams_person_does_not_say_whether_we_know_them(agent, outsider,
                                                                                       other_team):
    make_person(outsider, given_name="Vera", family_name="Lynn", date_of_birth="1940-02-02", postcode="FN2 3AD")
    response = client_for(agent).post("/alerts/new", page_alert(
        given_name="Vera", family_name="Lynn", date_of_birth_day="2", date_of_birth_month="2",
        date_of_birth_year="1940", postcode="FN2 3AD", idempotency_key="page-10"), follow=True)
    page = response.content.decode()
    assert "Alert raised. It is with Holme St Agnes." in page and "matched a person" not in page


def test_raising_an_alert_by_nhs_number_does_not_turn_the_number_into_a_name(agent, outsider, practitioner):
    """Louise is known to another team: whoever raises an alert with her number learns nothing new."""
    make_person(outsider, given_name="Louise", family_name="Cooper", nhs_number="9434765919", postcode="FN1 1AD")
    client = client_for(agent)
    known = client.post("/alerts/new", page_alert(given_name="", family_name="", date_of_birth_day="",
                                                  date_of_birth_month="", date_of_birth_year="", postcode="",
                                                  nhs_number="9434765919", idempotency_key="page-20"), follow=True)
    unknown = client.post("/alerts/new", page_alert(given_name="", family_name="", date_of_birth_day="",
                                                    date_of_birth_month="", date_of_birth_year="", postcode="",
                                                    nhs_number="9100000000", idempotency_key="page-21"),
                          follow=True)
    for response in (known, unknown):
        page = response.content.decode()
        assert "Louise" not in page and "Alert raised. It is with" in page
    assert "Louise" not in client.get("/alerts").content.decode() + client.get("/tasks").content.decode()


def test_closing_without_a_reason_shows_the_error_on_the_page(agent, manager):
    alert = unmatched_alert(manager)
    response = client_for(agent).post(f"/alerts/{alert.pk}/not-for-us", {"note": ""})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page and 'href="#note"' in page


def test_a_contact_is_taken_from_an_alert_about_someone_we_have_no_record_of(agent, manager):
    from kithkin.conversations.models import Contact

    alert = unmatched_alert(manager)
    response = client_for(agent).post(f"/alerts/{alert.pk}/take-contact")

    contact = Contact.objects.get()
    assert response.status_code == 302 and response.url == f"/contacts/{contact.pk}"
    assert (contact.about_name, contact.postcode, contact.handled_by) == ("Edna Jones", "FN1 1AD", agent)
    assert f"From alert {alert.pk}: Had a fall" in contact.in_their_words
    assert alert.events.filter(kind="contact", detail=contact.reference).exists()


def test_a_tampered_person_id_is_not_a_server_error(agent, manager):
    alert = unmatched_alert(manager)
    response = client_for(agent).post(f"/alerts/{alert.pk}/match", {"person_id": "abc"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == "unmatched"


def test_the_search_on_an_alert_takes_a_whole_postcode_and_a_written_date(agent, manager, person):
    alert = unmatched_alert(manager)
    person.date_of_birth = "1942-03-07"
    person.save()
    client = client_for(agent)
    for query in ("FN1 1AD", "FN11AD", "Jones 7 Mar 1942", "7th March 1942", "07/03/1942", "1942-03-07"):
        page = client.get(f"/alerts/{alert.pk}", {"q": query}).content.decode()
        assert "This is them" in page, query


def test_the_alert_says_what_it_set_off(agent, manager, person):
    from kithkin.core.models import Role
    from tests.conftest import make_user

    person.nhs_number = "9434765919"
    person.save()
    sender = make_user("ambulance", Role.PARTNER, name="East of England Ambulance")
    alert, _ = actions.receive_alert({"kind": "fall", "source": "ambulance", "source_name": "East of England",
                                      "occurred_at": timezone.now(), "nhs_number": "9434765919"}, "amb-9",
                                     Auditor(sender))
    page = client_for(agent).get(f"/alerts/{alert.pk}").content.decode()
    assert "What it set off" in page and "Rapid response: had a fall" in page
    assert "matched by NHS number" in page


def test_urgent_alerts_that_match_nobody_stand_out_on_the_list(agent, manager):
    unmatched_alert(manager)  # a fall
    page = client_for(agent).get("/alerts").content.decode()
    assert "Urgent" in page
