"""The public 'Talk to us' form: no login, a contact on the right team, nothing personal shown back."""

from kithkin.conversations.models import Contact
from kithkin.core.models import AuditEvent


def test_a_resident_sends_a_message_and_gets_a_reference(client, team, other_team):
    response = client.post("/talk-to-us", {
        "about": "someone_else", "your_name": "Sarah Jones", "their_name": "Arthur Jones", "postcode": "fn2 3bb",
        "what_is_happening": "My dad keeps falling over", "reply_by": "phone", "phone": "01632 960 111"})
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.team == other_team  # FN2 is Holme St Agnes
    assert contact.channel == "online" and contact.raised_by == "family" and contact.about_name == "Arthur Jones"
    done = client.get(response["Location"]).content.decode()
    assert contact.reference in done and "Arthur" not in done
    assert AuditEvent.objects.filter(actor_label="public form", kind="create").exists()


def test_a_postcode_outside_every_team_still_lands_somewhere(client, team):
    client.post("/talk-to-us", {"about": "me", "your_name": "Jan Kowalski", "postcode": "ZZ9 9ZZ",
                                "what_is_happening": "Lonely since my wife died", "reply_by": "email",
                                "email": "jan@example.org"})
    assert Contact.objects.get().team == team


def test_missing_answers_show_an_error_summary_and_create_nothing(client, team):
    response = client.post("/talk-to-us", {"about": "someone_else", "reply_by": "phone", "postcode": "nowhere"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Talk to us" in page
    for message in ("Enter your name", "Enter the name of the person it is about", "Enter a real postcode",
                    "Tell us a little about what is happening", "Enter a phone number so we can call you back"):
        assert message in page
    assert not Contact.objects.exists()


def test_the_reference_page_needs_a_message_first(client, db):
    assert client.get("/talk-to-us/sent")["Location"] == "/talk-to-us"
