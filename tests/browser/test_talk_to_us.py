"""The public 'Talk to us' form in a real browser: no login, GOV.UK error summary, then a reference."""

import re

import pytest
from playwright.sync_api import expect

from kithkin.conversations.models import Contact

pytestmark = pytest.mark.browser


def test_a_resident_gets_clear_errors_then_a_reference(page, check_page, team):
    """
    Given the public site, and no one signed in
    When a resident sends the "Talk to us" form empty
    Then a GOV.UK error summary lists each problem, takes focus, and each link moves focus to its field
    When they fill it in and send it
    Then they see a panel with their reference, and the contact is on the local team's worklist
    """
    # Given: the public form, reached from the home page.
    page.goto("/")
    check_page(page, "home")
    page.get_by_role("button", name="Talk to us").click()
    expect(page.get_by_role("heading", name="Talk to us", level=1)).to_be_visible()
    check_page(page, "talk to us")

    # When: sent empty.
    page.get_by_role("button", name="Send").click()

    # Then: the error summary, focused, and the page title says there is an error.
    expect(page).to_have_title(re.compile("^Error: Talk to us"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    for text in ["Select who this is about", "Enter your name", "Tell us a little about what is happening",
                 "Select how we should get back to you"]:
        expect(summary.get_by_role("link", name=text)).to_be_visible()
    check_page(page, "talk to us with errors")

    # ...and each link takes the keyboard to its field.
    summary.get_by_role("link", name="Enter your name").click()
    expect(page.get_by_label("Your name")).to_be_focused()
    summary.get_by_role("link", name="Tell us a little about what is happening").click()
    expect(page.get_by_label("What is happening, and what matters to you?")).to_be_focused()
    summary.get_by_role("link", name="Select who this is about").click()
    expect(page.get_by_role("radio", name="Me", exact=True)).to_be_focused()
    expect(page.get_by_label("Your name")).to_have_attribute("aria-describedby", re.compile("your_name-error"))

    # When: filled in properly, about someone else, with a phone number to call back on.
    page.get_by_role("radio", name="Someone I know or care for").check()
    page.get_by_label("Your name").fill("Sarah Jones")
    page.get_by_label("Their name").fill("Arthur Jones")
    page.get_by_label("Postcode").fill("FN1 1AD")
    page.get_by_label("What is happening, and what matters to you?").fill(
        "My dad is 84 and has COPD. He looks after my mum, who has dementia, and he is getting worn out.")
    page.get_by_role("radio", name="Phone", exact=True).check()
    page.get_by_label("Phone number").fill("01632 960111")
    page.get_by_role("button", name="Send").click()

    # Then: a reference, and nothing personal shown back.
    expect(page).to_have_url(re.compile(r"/talk-to-us/sent$"))
    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("Message sent")
    contact = Contact.objects.get(caller_name="Sarah Jones")
    expect(panel).to_contain_text(contact.reference)
    expect(page.locator("main")).not_to_contain_text("Arthur")
    check_page(page, "talk to us sent")
    assert (contact.team, contact.channel, contact.raised_by, contact.about_name, contact.postcode) == (
        team, "online", "family", "Arthur Jones", "FN1 1AD")
    assert contact.caller_phone.replace(" ", "") == "01632960111"
