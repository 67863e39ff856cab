"""A team manager plans around a carer who is off sick and a visit that is not needed, in a real browser:
the team's week, the repair and its listed changes, a person's week and cancelling a visit, each page
checked with axe-core and at phone width."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.matching.conftest import postcodes  # noqa: F401 (a fixture)
from tests.matching.test_rosters import MONDAY, district, plan  # noqa: F401 (district is a fixture)

pytestmark = pytest.mark.browser


def test_a_manager_repairs_the_week_and_cancels_a_visit(page, check_page, manager, district):  # noqa: F811
    """
    Given a planned week for four people and four carers, and a manager who coordinates their support
    When Ann is off on the Monday (the manager first forgets to tick the day), and Edna's Tuesday visit is not needed,
    and then it is after all
    Then the page says what to put right, keeping Ann chosen; Ann's Monday visits go to others, the changes
    are listed; cancelling asks first, Edna's week shows the visit cancelled, and it can be put back
    """
    from kithkin.support.models import CareTeamMember

    for person in district["people"]:
        CareTeamMember.objects.create(person=person, user=manager, role="Named coordinator", is_named_coordinator=True)
    roster = plan(manager)
    ann = district["carers"][0]

    sign_in(page, check_page, manager)
    page.goto("/rosters")
    check_page(page, "rosters")
    page.get_by_role("link", name=f"Week of {MONDAY:%-d %B %Y}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The team's week")
    expect(page.get_by_test_id("roster-figures")).to_contain_text("32 of 32")
    check_page(page, "the team's week")

    page.get_by_label("Who is off").select_option(str(ann.pk))
    page.get_by_role("button", name="Repair the roster").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the days they are off")
    check_page(page, "the repair sent without its days")
    expect(page.get_by_label("Who is off")).to_have_value(str(ann.pk))
    page.get_by_label(f"{MONDAY:%A %-d %B}").check()
    page.get_by_role("button", name="Repair the roster").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Roster repaired")
    check_page(page, "the team's week after a repair")
    assert not roster.visits.filter(carer=ann, date=MONDAY).exists()

    bob = district["carers"][1]
    page.goto(f"/rosters/{roster.pk}/carers/{bob.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{bob.full_name}'s week")
    check_page(page, "a carer's week")
    page.get_by_role("link", name=f"{bob.given_name}'s details and when they are free").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(bob.full_name)

    edna = district["people"][0]
    page.goto(f"/people/{edna.pk}/week")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is coming and when")
    check_page(page, "a person's week")
    page.get_by_role("link", name="Cancel this visit").nth(1).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel this visit?")
    check_page(page, "cancelling a visit, asked first")
    page.get_by_role("button", name="Yes, cancel this visit").click()
    expect(page.get_by_test_id("person-week")).to_contain_text("Cancelled")
    cancelled = list(roster.visits.filter(person=edna, cancelled=True))  # both carers' parts, if it takes two
    assert cancelled

    # Needed after all: it goes back, with whoever is free.
    page.get_by_role("button", name="Put this visit back").first.click()  # either part puts back both
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Visit put back on the roster")
    check_page(page, "a person's week with a visit put back")
    for visit in cancelled:
        visit.refresh_from_db()
        assert not visit.cancelled and visit.carer_id is not None


def test_a_worker_ends_a_regular_visit_and_adds_one_the_planner_then_fits_in(page, check_page, manager,
                                                                              district):  # noqa: F811
    """
    Given a planned week, and a manager who coordinates Edna's support and plans the rosters
    When the manager ends Edna's two-carer visit (asked first), adds a Friday meal for her, and adds it to the roster
    from the team's week
    Then the ended visit's planned visits come off and are listed with whose they were; the new visit waits on the
    team's week until added, and then has a carer
    """
    from kithkin.support.models import CareTeamMember

    edna = district["people"][0]
    CareTeamMember.objects.create(person=edna, user=manager, role="Named coordinator", is_named_coordinator=True)
    roster = plan(manager)
    moving = edna.visit_patterns.get(skill="moving")

    sign_in(page, check_page, manager)
    page.goto(f"/people/{edna.pk}/care")
    page.get_by_role("link", name=f"End {moving}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End this regular visit?")
    expect(page.get_by_test_id("coming-off")).to_contain_text(f"{MONDAY:%A %-d %B}")
    check_page(page, "ending a regular visit, asked first")
    page.get_by_role("button", name="Yes, end this regular visit").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("4 planned visits from today on came off")
    assert not roster.visits.filter(pattern=moving, cancelled=False).exists()

    page.get_by_role("link", name="Add a regular visit").click()
    page.get_by_label("Meals and drinks").check()
    page.get_by_label("Friday").check()
    page.get_by_label("Start no earlier than").fill("12:00")
    page.get_by_label("Start no later than").fill("13:00")
    page.get_by_label("How long, in minutes").fill("30")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("do not have it yet")

    page.goto(f"/rosters/{roster.pk}")
    expect(page.get_by_test_id("changes")).to_contain_text("(a regular visit ended): taken off (it was")
    expect(page.get_by_test_id("waiting")).to_contain_text(edna.full_name)
    check_page(page, "the team's week with a visit waiting")
    page.get_by_test_id("waiting").get_by_role("button", name="Add to the roster").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Added to the roster: the visit has a carer")
    assert roster.visits.filter(person=edna, skill="meals", carer__isnull=False).exists()
