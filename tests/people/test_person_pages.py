"""A person's page, editing, the circle, break-glass and export: allowed, refused, and audited."""

import json

from kithkin.core.models import AuditEvent, BreakGlass
from kithkin.people.models import CircleMember
from tests.conftest import client_for


def test_opening_a_record_is_audited_with_the_reason(agent_client, agent, person):
    response = agent_client.get(f"/people/{person.pk}")
    assert response.status_code == 200
    assert "What matters to Arthur" in response.content.decode()
    event = AuditEvent.objects.filter(kind="view", person=person).latest("at")
    assert event.actor == agent and event.reason == "handling their contact"


def test_a_worker_without_a_relationship_is_refused_and_offered_break_glass(outsider, person):
    response = client_for(outsider).get(f"/people/{person.pk}")
    assert response.status_code == 403
    assert "break-glass" in response.content.decode()
    assert "Arthur" not in response.content.decode()
    assert AuditEvent.objects.filter(kind="access_denied", person=person, actor=outsider).exists()


def test_a_missing_record_is_404(agent_client, db):
    assert agent_client.get("/people/999999").status_code == 404


def test_break_glass_through_the_page_is_recorded_and_emailed_to_the_manager(
    outsider, person, mailoutbox, other_team, django_capture_on_commit_callbacks
):
    from tests.conftest import make_user

    make_user("mo", "team_manager", other_team, email="mo@example.org")
    client = client_for(outsider)
    empty = client.post(f"/people/{person.pk}/break-glass", {"reason": ""})
    assert empty.status_code == 400 and "govuk-error-summary" in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/people/{person.pk}/break-glass", {"reason": "Ambulance crew asking about his carer"})
    assert response.status_code == 302
    assert client.get(f"/people/{person.pk}").status_code == 200
    grant = BreakGlass.objects.get(person=person)
    assert grant.reason.startswith("Ambulance")
    assert [m.to for m in mailoutbox] == [["mo@example.org"]]
    assert "Arthur" not in mailoutbox[0].body  # the email names no one


def test_a_manager_reviews_break_glass_but_not_their_own(outsider, person, other_team):
    from tests.conftest import make_user

    boss = make_user("mo", "team_manager", other_team)
    client_for(outsider).post(f"/people/{person.pk}/break-glass", {"reason": "Welfare check requested by police"})
    grant = BreakGlass.objects.get()
    page = client_for(boss).get("/manage/break-glass")
    assert "Welfare check" in page.content.decode()
    client_for(boss).post(f"/manage/break-glass/{grant.pk}/review", {"note": "Appropriate"})
    grant.refresh_from_db()
    assert grant.reviewed_by == boss


def test_editing_a_person_records_old_and_new_values(agent_client, person):
    data = {"given_name": "Arthur", "family_name": "Jones", "postcode": "fn1 1ad",
            "what_matters": "Edna, and the allotment",
            "date_of_birth_day": "2", "date_of_birth_month": "5", "date_of_birth_year": "1942",
            "living_situation": "partner", "consent_to_record": "on"}
    response = agent_client.post(f"/people/{person.pk}/change", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.postcode == "FN1 1AD" and person.date_of_birth.year == 1942
    change = AuditEvent.objects.filter(kind="update", person=person).latest("at")
    assert change.old_values["what_matters"] == "Staying at home with Edna"
    assert change.new_values["what_matters"] == "Edna, and the allotment"
    assert person.consent_recorded_at is not None


def test_bad_person_details_show_an_error_summary_and_change_nothing(agent_client, person):
    data = {"given_name": "", "family_name": "Jones", "postcode": "not a postcode", "nhs_number": "123",
            "date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "1940"}
    response = agent_client.post(f"/people/{person.pk}/change", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    expected = ("Enter a real postcode", "NHS number with 10 digits", "Enter a real date", "Enter their first name")
    for message in expected:
        assert message in page
    assert 'href="#id_date_of_birth_day"' in page
    person.refresh_from_db()
    assert person.postcode == "FN1 1AD" and person.given_name == "Arthur"


def test_adding_changing_and_removing_a_circle_member(agent_client, person):
    added = agent_client.post(f"/people/{person.pk}/circle/add", {
        "name": "Sarah Jones", "connection": "family", "relationship": "daughter", "closeness": "1",
        "happy_to_help_with": "Shopping at weekends", "phone": "01632 960 111"})
    assert added.status_code == 302
    member = CircleMember.objects.get(person=person)
    changed = agent_client.post(f"/people/{person.pk}/circle/{member.pk}", {
        "name": "Sarah Jones", "connection": "family", "relationship": "daughter", "closeness": "2"})
    assert changed.status_code == 302
    event = AuditEvent.objects.filter(kind="update", object_type="people.CircleMember").get()
    assert event.old_values == {"closeness": 1, "phone": "01632 960 111", "happy_to_help_with": "Shopping at weekends"}
    agent_client.post(f"/people/{person.pk}/circle/{member.pk}/remove")
    assert not CircleMember.objects.exists()
    assert AuditEvent.objects.filter(kind="delete", person=person).exists()


def test_the_circle_form_rejects_a_missing_connection(agent_client, person):
    response = agent_client.post(f"/people/{person.pk}/circle/add", {"name": "Pat", "closeness": "1"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not CircleMember.objects.exists()


def test_the_person_page_shows_the_ecomap_with_a_text_equivalent(agent_client, person):
    CircleMember.objects.create(person=person, name="Edna Jones", connection="family", relationship="wife",
                                closeness=1)
    page = agent_client.get(f"/people/{person.pk}").content.decode()
    assert 'role="img"' in page and "<title id=\"ecomap-title\">Circle of support for Arthur</title>" in page
    assert "Edna Jones, wife, very close" in page  # the description read by screen readers
    assert 'data-testid="circle"' in page


def test_a_provider_on_the_care_team_reads_but_cannot_change(provider, person):
    from kithkin.support.models import CareTeamMember

    CareTeamMember.objects.create(person=person, user=provider)
    client = client_for(provider)
    assert client.get(f"/people/{person.pk}").status_code == 200
    assert client.get(f"/people/{person.pk}/change").status_code == 403


def test_subject_access_export_as_page_and_json(manager, person):
    client = client_for(manager)
    page = client.get(f"/people/{person.pk}/export")
    assert page.status_code == 200 and "Everything we hold about Arthur Jones" in page.content.decode()
    download = client.get(f"/people/{person.pk}/export?format=json")
    data = json.loads(download.content)
    assert data["person"]["given_name"] == "Arthur"
    assert data["contacts"][0]["in_their_words"].startswith("Dad keeps falling")
    assert any(a["what"] == "Created" for a in data["who_has_seen_or_changed_this_record"])
    assert AuditEvent.objects.filter(kind="export", person=person).count() == 2


def test_an_agent_may_not_export(agent_client, person):
    assert agent_client.get(f"/people/{person.pk}/export").status_code == 403


def test_other_teams_contacts_are_listed_without_links(outsider, person, contact):
    from kithkin.core.actions import break_glass
    from kithkin.core.audit import Auditor

    break_glass(outsider, person, "Ambulance crew asking about his carer", Auditor(outsider))
    page = client_for(outsider).get(f"/people/{person.pk}").content.decode()
    assert f"{contact.reference} <span" in page and f'href="/contacts/{contact.pk}"' not in page
