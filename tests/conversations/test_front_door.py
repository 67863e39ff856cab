"""Taking a contact, the conversation, and closing it: the clock is kept and nothing half-written."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kithkin.conversations import actions
from kithkin.conversations.models import Contact, ContactEvent, Conversation
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent
from tests.conftest import client_for


def test_an_agent_takes_a_contact_and_it_lands_on_the_team_worklist(agent_client, agent):
    response = agent_client.post("/contacts/new", {
        "channel": "phone", "raised_by": "family", "caller_name": "Sarah Jones", "caller_phone": "01632 960 111",
        "about_name": "Arthur Jones", "postcode": "fn1 1ad", "in_their_words": "Dad fell again last night."})
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.team == agent.team and contact.handled_by == agent and contact.postcode == "FN1 1AD"
    worklist = agent_client.get("/worklist").content.decode()
    assert contact.reference in worklist and "Arthur Jones" in worklist
    assert ContactEvent.objects.filter(contact=contact, kind="received").exists()
    assert AuditEvent.objects.filter(kind="create", object_type="conversations.Contact").exists()


def test_a_contact_with_missing_answers_shows_the_error_summary(agent_client):
    response = agent_client.post("/contacts/new", {"caller_phone": "not a phone"})
    page = response.content.decode()
    assert response.status_code == 400
    for message in ("Select how they got in touch", "Select who got in touch", "Write down what they said",
                    "Enter a phone number"):
        assert message in page
    assert 'href="#id_channel"' in page
    assert not Contact.objects.exists()


def test_the_worklist_shows_oldest_first_with_a_clock(agent_client, agent):
    from tests.conftest import take_contact

    newer = take_contact(agent, about_name="Newer")
    older = take_contact(agent, about_name="Older")
    Contact.objects.filter(pk=older.pk).update(received_at=timezone.now() - timedelta(hours=26))
    page = agent_client.get("/worklist").content.decode()
    assert page.index(older.reference) < page.index(newer.reference)
    assert "Over 24 hours" in page and "1 day 2 h" in page


def test_a_long_worklist_comes_in_pages_of_fifty_oldest_first(agent_client, agent):
    from tests.conftest import take_contact

    contacts = [take_contact(agent, about_name=f"Person {n}") for n in range(53)]
    first = agent_client.get("/worklist").content.decode()
    assert "Open contacts, oldest first (53)" in first
    assert "Showing 1 to 50 of 53 open contacts" in first
    assert contacts[0].reference in first and contacts[49].reference in first
    assert contacts[50].reference not in first
    assert 'href="?page=2"' in first
    second = agent_client.get("/worklist?page=2").content.decode()
    assert "Showing 51 to 53 of 53" in second
    assert contacts[50].reference in second and contacts[0].reference not in second
    assert agent_client.get("/worklist?page=99").status_code == 200  # the last page, not an error
    assert agent_client.get("/worklist?page=nonsense").status_code == 200


def test_the_worklist_never_hides_a_contact_behind_a_stale_cached_total(agent_client, agent):
    from tests.conftest import take_contact

    first = take_contact(agent)
    assert "Open contacts, oldest first (1)" in agent_client.get("/worklist").content.decode()  # total cached
    # Taken through another worker, whose commit cleared only its own cache: this one still says 1.
    second = take_contact(agent)
    page = agent_client.get("/worklist").content.decode()
    assert first.reference in page and second.reference in page
    assert "Open contacts, oldest first (2)" in page


def test_other_teams_cannot_open_the_contact(outsider, contact):
    response = client_for(outsider).get(f"/contacts/{contact.pk}")
    assert response.status_code == 403


def test_recording_a_connection_resolves_the_contact_and_stamps_the_times(agent_client, contact, person):
    response = agent_client.post(f"/contacts/{contact.pk}/conversation", {
        "what_matters": "Staying at home together", "strengths_and_network": "Daughter Sarah, neighbour Pat",
        "outcome": "connection", "connected_to": "Wickfield Good Neighbours"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.resolved_at is not None and contact.first_spoken_at is not None
    assert contact.outcome == "connection"
    conversation = Conversation.objects.get()
    assert conversation.person == person and conversation.connected_to == "Wickfield Good Neighbours"
    kinds = list(contact.events.values_list("kind", flat=True))
    assert kinds[-3:] == ["spoken", "conversation", "closed"]


@pytest.mark.parametrize(("outcome", "missing", "message"), [
    ("connection", "connected_to", "Say who or what they were connected to"),
    ("follow_up", "follow_up_on", "Give the date of the follow-up conversation"),
    ("no_further_action", "no_further_action_reason", "Give the reason for no further action"),
])
def test_an_outcome_needs_its_details(agent_client, contact, outcome, missing, message):
    response = agent_client.post(f"/contacts/{contact.pk}/conversation", {"what_matters": "Home", "outcome": outcome})
    assert response.status_code == 400
    assert message in response.content.decode() and f'href="#id_{missing}' in response.content.decode()
    contact.refresh_from_db()
    assert contact.is_open and not Conversation.objects.exists()


def test_a_follow_up_keeps_the_contact_open(agent, contact):
    tomorrow = timezone.localdate() + timedelta(days=1)
    actions.record_conversation(contact, {"what_matters": "Home", "outcome": "follow_up", "follow_up_on": tomorrow},
                                Auditor(agent))
    contact.refresh_from_db()
    assert contact.is_open and contact.follow_up_on == tomorrow and contact.first_spoken_at


def test_a_follow_up_in_the_past_is_refused(agent, contact):
    with pytest.raises(ValidationError):
        actions.record_conversation(contact, {"what_matters": "Home", "outcome": "follow_up",
                                              "follow_up_on": timezone.localdate() - timedelta(days=3)}, Auditor(agent))


def test_a_closed_contact_takes_no_more_conversations(agent, contact):
    actions.record_conversation(contact, {"what_matters": "Home", "outcome": "advice"}, Auditor(agent))
    with pytest.raises(ActionError):
        actions.record_conversation(contact, {"what_matters": "Home", "outcome": "advice"}, Auditor(agent))
    assert Conversation.objects.count() == 1


def test_a_failed_conversation_write_leaves_nothing_behind(agent, contact, monkeypatch):
    """A crash mid-write rolls back the conversation, the contact's clock and its history together."""
    from kithkin.conversations import events

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(events, "contact_event", explode)
    with pytest.raises(RuntimeError):
        actions.record_conversation(contact, {"what_matters": "Home", "outcome": "advice"}, Auditor(agent))
    contact.refresh_from_db()
    assert contact.is_open and contact.first_spoken_at is None and not Conversation.objects.exists()


def test_speaking_now_marks_the_first_spoken_time_once(agent_client, colleague, contact):
    client = client_for(colleague)
    client.post(f"/contacts/{contact.pk}/pick-up", {"spoken": "1"})
    contact.refresh_from_db()
    first = contact.first_spoken_at
    assert contact.handled_by == colleague and first is not None
    client.post(f"/contacts/{contact.pk}/pick-up", {"spoken": "1"})
    contact.refresh_from_db()
    assert contact.first_spoken_at == first


def test_searching_for_a_record_from_a_contact_is_audited_and_links(agent_client, agent, contact):
    from tests.conftest import make_person

    arthur = make_person(agent, date_of_birth=timezone.localdate().replace(year=1941))
    page = agent_client.get(f"/contacts/{contact.pk}?q=arthur jon").content.decode()
    assert "Arthur Jones" in page and "1941" in page
    assert AuditEvent.objects.filter(kind="search", actor=agent).exists()
    agent_client.post(f"/contacts/{contact.pk}/link", {"person_id": arthur.pk})
    contact.refresh_from_db()
    assert contact.person == arthur


def test_starting_a_record_from_the_contact_links_it(agent_client, contact):
    response = agent_client.post(f"/contacts/{contact.pk}/new-person", {
        "given_name": "Arthur", "family_name": "Jones", "postcode": "FN1 1AD", "nhs_number": "943 476 5919"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.person.nhs_number == "9434765919"


def test_a_duplicate_nhs_number_is_refused(agent_client, agent, contact):
    from tests.conftest import make_person

    make_person(agent, nhs_number="9434765919")
    response = agent_client.post(f"/contacts/{contact.pk}/new-person", {
        "given_name": "Other", "family_name": "Person", "nhs_number": "9434765919"})
    assert response.status_code == 400 and "already has this NHS number" in response.content.decode()


def test_a_bad_nhs_check_digit_is_refused(agent_client, contact):
    response = agent_client.post(f"/contacts/{contact.pk}/new-person", {
        "given_name": "Other", "family_name": "Person", "nhs_number": "9434765918"})
    assert response.status_code == 400 and "check the digits" in response.content.decode()


def test_a_carer_gets_their_own_conversation_and_record(agent_client, agent, person):
    """Edna supports Arthur too: from his circle she gets a contact of her own, then her own record."""
    from kithkin.people.models import CircleMember

    wife = CircleMember.objects.create(person=person, name="Edna Jones", connection="family",
                                          relationship="wife", closeness=1, is_unpaid_carer=True)
    response = agent_client.post(f"/people/{person.pk}/circle/{wife.pk}/carer-conversation")
    carer_contact = Contact.objects.get(carer_in_circle=wife)
    assert response["Location"] == f"/contacts/{carer_contact.pk}"
    assert carer_contact.team == agent.team and "supports Arthur Jones" in carer_contact.in_their_words
    agent_client.post(f"/contacts/{carer_contact.pk}/new-person", {"given_name": "Edna", "family_name": "Jones"})
    wife.refresh_from_db()
    assert wife.linked_person is not None and wife.linked_person.given_name == "Edna"
    assert "Has their own record" in agent_client.get(f"/people/{person.pk}").content.decode()
