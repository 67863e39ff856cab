"""Every other staff page, opened in a real browser by a team manager: axe-core finds no serious or critical
problems, and nothing pushes the page sideways on a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_team_manager_can_use_every_staff_page(page, check_page, manager, agent, jones_family):
    """
    Given a team manager, and Arthur Jones with an open contact on the team's worklist (not yet linked,
        and a second one linked to his record)
    When the manager signs in and opens each staff page in turn
    Then each one has its heading, and passes the accessibility and layout checks
    """
    from django.utils import timezone

    from kithkin.conversations import actions as front_door
    from kithkin.core.audit import Auditor
    from kithkin.prevention import actions as alert_actions
    from tests.conftest import take_contact

    arthur = jones_family["arthur"]
    unlinked = take_contact(agent, caller_name="Edna Jones", raised_by="self", about_name="",
                            in_their_words="I can't find my husband's inhaler and he's poorly.")
    linked = take_contact(agent)
    front_door.link_person(linked, arthur, Auditor(agent))

    alert = alert_actions.receive_alert({
        "kind": "fall", "source": "ambulance", "source_name": "East of England Ambulance",
        "occurred_at": timezone.now(), "given_name": "Edna", "family_name": "Jones", "postcode": "FN1 1AD",
        "date_of_birth": None, "nhs_number": "", "details": "Found on the floor; not taken to hospital."},
        "amb-77", Auditor(agent))[0]

    sign_in(page, check_page, manager)
    pages = [
        ("/worklist", "Worklist"),
        ("/figures", "How quickly people's queries are resolved"),
        ("/people", "My people"),
        (f"/people/{arthur.pk}", "Arthur Jones"),
        (f"/people/{arthur.pk}/change", "Change Arthur Jones's record"),
        (f"/people/{arthur.pk}/export", "Everything we hold about Arthur Jones"),
        (f"/contacts/{unlinked.pk}/new-person", "Start a record for this person"),
        ("/contacts/new", "Take a contact"),
        ("/manage/audit", "Audit log"),
        ("/manage/break-glass", "Break-glass access"),
        ("/account/tokens", "API tokens"),
        ("/alerts", "Alerts"),
        ("/alerts/new", "Raise an alert"),
        (f"/alerts/{alert.pk}", "Had a fall"),
        ("/tasks", "Tasks"),
        ("/notifications", "Notifications"),
        ("/proactive", "Proactive worklist"),
        (f"/people/{arthur.pk}/risk", "Risk score"),
        (f"/people/{arthur.pk}/plan", "Contingency plan"),
    ]
    for path, heading in pages:
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check_page(page, path)

    # The forms with errors too: their error summaries and messages.
    page.goto(f"/contacts/{unlinked.pk}/new-person")
    page.get_by_label("First name").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "new person with errors")
    page.goto("/contacts/new")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "take a contact with errors")
    page.goto("/account/tokens")
    page.get_by_role("button", name="Create token").click()
    check_page(page, "tokens with errors")
    page.goto("/alerts/new")
    page.get_by_role("button", name="Raise the alert").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "raise an alert with errors")
