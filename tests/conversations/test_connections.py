"""Connecting a person to support from the directory, inside their contact, and following it up."""

import pytest

from kithkin.conversations.models import Connection, ContactEvent
from kithkin.core.models import AuditEvent
from kithkin.directory.imports import import_services
from kithkin.directory.models import Service
from tests.conftest import client_for, take_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def lunch_club(db):
    import_services([{"id": "lunch-1", "name": "Wickfield Tuesday lunch club", "status": "active",
                      "description": "A hot lunch and good company for older people who live alone.",
                      "organization": {"id": "org-1", "name": "Wickfield Village Hall"}},
                     {"id": "closed-1", "name": "Old lunch club", "status": "defunct",
                      "description": "A hot lunch, once."}])
    return Service.objects.get(pk="lunch-1")


def test_a_worker_finds_support_in_the_persons_words_and_connects_them(agent, lunch_club):
    contact = take_contact(agent, postcode="FN1 1AD")
    client = client_for(agent)

    page = client.get(f"/contacts/{contact.pk}?find=lonely+and+wants+lunch").content.decode()
    assert "Wickfield Tuesday lunch club" in page and "Old lunch club" not in page

    response = client.post(f"/contacts/{contact.pk}/connect", {"service": "lunch-1"})
    assert response.status_code == 302
    connection = Connection.objects.get()
    assert (connection.service, connection.service_name, connection.made_by) == (
        lunch_club, "Wickfield Tuesday lunch club", agent)
    assert connection.follow_up_on is not None
    assert ContactEvent.objects.filter(contact=contact, kind="connected").exists()
    assert AuditEvent.objects.filter(object_type="conversations.Connection", kind="create").exists()

    # The conversation records the connection; an empty "connected to" takes the services' names.
    page = client.get(f"/contacts/{contact.pk}/conversation").content.decode()
    assert "Connected from the directory: Wickfield Tuesday lunch club" in page
    client.post(f"/contacts/{contact.pk}/conversation", {"what_matters": "Company at lunchtime",
                                                         "outcome": "connection"})
    connection.refresh_from_db()
    assert connection.conversation.connected_to == "Wickfield Tuesday lunch club"
    contact.refresh_from_db()
    assert contact.resolved_at is not None

    # Two weeks on: did they go?
    client.post(f"/contacts/{contact.pk}/connections/{connection.pk}/how-it-went", {"how_it_went": "helped"})
    connection.refresh_from_db()
    assert connection.how_it_went == "helped" and connection.followed_up_at is not None


def test_a_connection_can_be_taken_back_before_the_conversation_only(agent, lunch_club):
    contact = take_contact(agent)
    client = client_for(agent)
    client.post(f"/contacts/{contact.pk}/connect", {"service": "lunch-1"})
    connection = Connection.objects.get()

    client.post(f"/contacts/{contact.pk}/connections/{connection.pk}/remove")

    assert not Connection.objects.exists()
    assert AuditEvent.objects.filter(object_type="conversations.Connection", kind="delete").exists()


def test_what_cannot_be_connected_is_refused_with_a_reason(agent, outsider, lunch_club):
    contact = take_contact(agent)
    client = client_for(agent)

    client.post(f"/contacts/{contact.pk}/connect", {"service": "closed-1"})
    client.post(f"/contacts/{contact.pk}/connect", {"service": "lunch-1"})
    response = client.post(f"/contacts/{contact.pk}/connect", {"service": "lunch-1"}, follow=True)
    assert "They are already connected to Wickfield Tuesday lunch club" in response.content.decode()
    assert Connection.objects.count() == 1
    assert client.post(f"/contacts/{contact.pk}/connect", {"service": "no-such"}).status_code == 404

    # Another team's worker cannot connect this contact, or see the search on it.
    assert client_for(outsider).post(f"/contacts/{contact.pk}/connect", {"service": "lunch-1"}).status_code == 403
    assert Connection.objects.count() == 1
