"""The front door in a real browser: a community agent takes a contact from the Jones's daughter, talks it
through, records Arthur's circle, resolves it by connecting them, and sees the 24-hour figure move."""

import re

import pytest
from playwright.sync_api import expect

from kithkin.conversations.models import Contact
from kithkin.people.models import CircleMember
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def last_24_hours(page) -> str:
    return page.locator('[data-figure="last-24-hours"]').inner_text().strip()


def test_an_agent_resolves_a_contact_from_the_jones_daughter_by_connecting_them(
    page, check_page, agent, jones_family
):
    """
    Given a team, a community agent who signs in with a password, and the Jones family's records
        (Arthur, 84, with COPD; Edna, with dementia; their daughter Sarah), none of them on the worklist
    When the agent signs in through the sign-in page
        and takes a phone contact from Sarah, about her parents, in her own words
        and finds Arthur's existing record from the contact page, and links it
        and adds Sarah and a neighbour to Arthur's circle of support
        and records the conversation, resolving it by connecting them to people and places
        and goes back to the worklist
    Then the "Last 24 hours" figure has moved from "No contacts yet" to 100%
        and Arthur's circle lists his daughter and his neighbour, in the table and in the ecomap
        and axe-core finds no serious or critical accessibility problems on any page on the way
    """
    arthur = jones_family["arthur"]

    # Given: signed in, on the team worklist, with nothing resolved yet today.
    sign_in(page, check_page, agent)
    expect(page).to_have_url(re.compile(r"/worklist$"))
    expect(page.get_by_role("heading", name="Worklist", level=1)).to_be_visible()
    check_page(page, "worklist")
    before = last_24_hours(page)
    assert before == "No contacts yet"

    # When: Sarah phones about her mum and dad.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Take a contact").click()
    expect(page.get_by_role("heading", name="Take a contact", level=1)).to_be_visible()
    check_page(page, "take a contact")
    page.get_by_role("radio", name="Phone", exact=True).check()
    page.get_by_role("radio", name="Family, friend or neighbour").check()
    page.get_by_label("Their name").fill("Sarah Jones")
    page.get_by_label("Their phone number").fill("01632 960111")
    page.get_by_label("Who is it about, if not them?").fill("Arthur Jones")
    page.get_by_label("Postcode of the person it is about").fill("fn1 1ad")
    page.get_by_label("What they said, in their words").fill(
        "Dad had another fall on Sunday and Mum is getting more confused. He won't say he's struggling and he "
        "doesn't want anyone calling him her carer. I'm ten miles away with two little ones and can't be there "
        "every day.")
    page.get_by_role("button", name="Save contact").click()
    expect(page).to_have_url(re.compile(r"/contacts/\d+$"))  # saved: only now read the database

    contact = Contact.objects.get(caller_name="Sarah Jones")
    expect(page).to_have_url(re.compile(rf"/contacts/{contact.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Contact {contact.reference}")
    expect(page.get_by_role("alert", name="Success")).to_contain_text(f"Contact {contact.reference} taken")
    assert (contact.channel, contact.raised_by, contact.postcode) == ("phone", "family", "FN1 1AD")
    check_page(page, "contact")

    # ...and finds Arthur's existing record from the contact page, rather than starting another.
    page.get_by_label("Search by name").fill("Arthur Jones")
    page.get_by_role("button", name="Search").click()
    matches = page.get_by_role("table", name="Possible matches")
    expect(matches).to_contain_text("Arthur Jones")
    check_page(page, "contact search results")
    matches.get_by_role("button", name="Link Arthur Jones").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Linked to Arthur Jones's record")
    check_page(page, "contact linked")
    contact.refresh_from_db()
    assert contact.person == arthur

    # ...opens his record, and adds Sarah and a neighbour to his circle.
    page.get_by_role("link", name="Arthur Jones").click()
    expect(page.get_by_role("heading", name="Arthur Jones", level=1)).to_be_visible()
    check_page(page, "person")
    add_to_circle(page, check_page, name="Sarah Jones", connection="Family", relationship="daughter",
                  closeness="Very close", phone="01632 960111",
                  reach="Evenings after 7, once the children are in bed",
                  helps="Rings every evening; can come over at weekends; happy to sort out his prescriptions online")
    add_to_circle(page, check_page, name="Doreen Pike", connection="Neighbour", relationship="neighbour at number 6",
                  closeness="In touch often", phone="", reach="Knock at number 6; usually in during the day",
                  helps="Popping in each morning, and a lift to the bowls club on Thursdays")
    check_page(page, "person with circle")

    # ...then goes back to the contact and records the conversation, resolving it with a connection.
    page.goto(f"/contacts/{contact.pk}")
    page.get_by_role("button", name="Record the conversation").click()
    expect(page.get_by_role("heading", name="Record the conversation", level=1)).to_be_visible()
    check_page(page, "conversation form")
    page.get_by_label("What matters to them?").fill(
        "Arthur wants to stay at home with Edna and keep going to bowls. Sarah wants to know they are safe.")
    page.get_by_label("What is working well?").fill("Arthur and Edna look after each other; Doreen pops in.")
    page.get_by_label("What is not working?").fill("Arthur is falling and gets breathless; no one checks at night.")
    page.get_by_label("Their strengths, and the people and places around them").fill(
        "A close family, a good neighbour, the bowls club and the Mill Lane chapel.")
    page.get_by_label("Ideas talked about or already tried").fill("A pendant alarm; the Breathe Easy group.")
    page.get_by_role("radio", name="Resolved by connecting them to people or places").check()
    page.get_by_label("Who or what did you connect them to?").fill(
        "Wickfield Good Neighbours (evening check-in calls) and the Breathe Easy Fenmere group")
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Conversation recorded")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Closed")
    check_page(page, "contact closed")
    contact.refresh_from_db()
    assert contact.outcome == "connection" and contact.resolved_at is not None

    # ...and goes back to the worklist.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Worklist").click()
    expect(page.get_by_role("heading", name="Worklist", level=1)).to_be_visible()
    check_page(page, "worklist after")

    # Then: the 24-hour figure has moved.
    after = last_24_hours(page)
    assert (before, after) == ("No contacts yet", "100%")
    expect(page.get_by_test_id("figures")).to_contain_text("1 of 1 contact")
    expect(page.get_by_test_id("worklist")).to_contain_text("No open contacts")

    # ...Arthur's circle lists his daughter and his neighbour, as a table and as a picture.
    page.goto(f"/people/{arthur.pk}")
    circle = page.get_by_test_id("circle")
    expect(circle.get_by_role("row", name=re.compile("Sarah Jones"))).to_contain_text("daughter")
    expect(circle.get_by_role("row", name=re.compile("Doreen Pike"))).to_contain_text("neighbour at number 6")
    ecomap = page.locator("svg.kk-ecomap__svg")
    expect(ecomap).to_have_attribute("role", "img")
    expect(ecomap.locator("title")).to_have_text("Circle of support for Arthur")
    expect(page.get_by_role("img", name=re.compile("^Circle of support for Arthur"))).to_be_visible()
    expect(ecomap.locator("desc")).to_contain_text("Sarah Jones, daughter, very close")
    expect(ecomap.locator("desc")).to_contain_text("Doreen Pike, neighbour at number 6")
    check_page(page, "person after")
    assert set(CircleMember.objects.filter(person=arthur).values_list("name", flat=True)) == {
        "Edna Jones", "Sarah Jones", "Doreen Pike"}

    # ...and every page on the way was checked with axe (a failure would have stopped the test there).
    assert {"sign-in", "worklist", "take a contact", "contact", "conversation form", "person",
            "circle form"} <= set(check_page.checked)


def add_to_circle(page, check_page, *, name, connection, relationship, closeness, phone, reach, helps):
    page.get_by_role("button", name="Add someone to the circle").click()
    expect(page.get_by_role("heading", name="Add someone to the circle", level=1)).to_be_visible()
    check_page(page, "circle form")
    page.get_by_label("Their name").fill(name)
    page.get_by_role("group", name="How are they connected?").get_by_role("radio", name=connection, exact=True).check()
    page.get_by_label("Relationship, in the person's words").fill(relationship)
    page.get_by_role("group", name="How close are they?").get_by_role("radio", name=closeness).check()
    if phone:
        page.get_by_label("Phone").fill(phone)
    page.get_by_label("Best way and time to reach them").fill(reach)
    page.get_by_label("What they are happy to help with").fill(helps)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text(f"{name} is in Arthur's circle")
