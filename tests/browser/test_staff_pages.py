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

    from datetime import date, time, timedelta

    from kithkin.core.models import Postcode
    from kithkin.matching import actions as matching
    from kithkin.prevention import plans

    plan = plans.make_plan(arthur, {"made_with": "Arthur and Sarah", "what_matters_most": "Edna",
                                    "named_worker": manager, "review_on": timezone.localdate() + timedelta(days=90)},
                           Auditor(agent))
    plans.add_trigger(plan, "hospital_admission", arthur, "Arthur goes into hospital", Auditor(agent))
    plans.add_action(plan, {"who": "Sarah (daughter)", "what": "Stays with Edna", "within_hours": 4}, Auditor(agent))
    plans.add_contact(plan, {"name": "Sarah Jones", "relationship": "daughter", "phone": "01632 960111"},
                      Auditor(agent))
    Postcode.objects.get_or_create(postcode="FN1 2BB", defaults={"latitude": 52.405, "longitude": 0.265})
    Postcode.objects.get_or_create(postcode="FN1 1AD", defaults={"latitude": 52.400, "longitude": 0.260})
    carer = matching.add_carer({"given_name": "Sam", "family_name": "Patel", "kind": "shared_lives",
                                "postcode": "FN1 2BB", "skills": ["personal_care"], "dbs_checked_on": date.today()},
                               Auditor(manager))
    matching.set_availability(carer, [(0, time(7), time(13))], Auditor(manager))
    matching.set_household(carer, {"rooms": 1, "enjoys": "Bowls"}, Auditor(manager))
    matching.add_visit_pattern(arthur, {"skill": "personal_care", "weekdays": [0, 3], "earliest": time(8),
                                        "latest": time(9), "minutes": 45}, Auditor(manager))

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
        (f"/people/{arthur.pk}/plan?print=1", "what to do if something happens"),
        (f"/people/{arthur.pk}/plan/card", "Carer's emergency card"),
        (f"/people/{arthur.pk}/plan/review", "Look at the plan again"),
        (f"/people/{arthur.pk}/plan/actions/{plan.actions.get().pk}/change", "Change: who does what"),
        ("/carers", "Carers register"),
        ("/carers/new", "Add a carer"),
        (f"/carers/{carer.pk}", "Sam Patel"),
        (f"/carers/{carer.pk}/availability", "When Sam is free each week"),
        (f"/carers/{carer.pk}/household", "Sam's household"),
        (f"/carers/{carer.pk}/people", "People looking for a home like this"),
        (f"/people/{arthur.pk}/care", "Support at home"),
        (f"/people/{arthur.pk}/care/preferences", "What they want from the people who support them"),
        (f"/people/{arthur.pk}/care/visits/add", "A regular visit"),
        (f"/people/{arthur.pk}/care/carers", "Carers who could support"),
        (f"/people/{arthur.pk}/care/shared-lives", "Shared Lives homes"),
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
    page.goto(f"/alerts/{alert.pk}")
    page.get_by_role("button", name="Close the alert").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "closing an alert with errors")
    page.goto(f"/people/{arthur.pk}/care/visits/add")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "a regular visit with errors")
    page.goto("/carers/new")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "a carer with errors")
