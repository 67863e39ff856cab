"""The Jones story in a real browser, from the GP's flag to closure back to community support.

Mr Jones (84, COPD) cares for Mrs Jones (dementia). The GP practice flags them; a community agent talks
with them and their daughter and makes a contingency plan; when Mr Jones is admitted the plan is set off
at once; the agent checks in; his discharge sets off the coming-home part; the crisis support ends with
them back in the community."""

import json
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kithkin.core.models import Role
from tests.browser.conftest import sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def gp_sends(live_server, key: str, body: dict) -> int:
    """The GP practice's (or hospital's) system, over real HTTP to the test server."""
    return httpx.post(f"{live_server.url}/api/alerts", content=json.dumps(body), timeout=15,
                      headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"}).status_code


def test_the_jones_story_from_flag_to_closure(page, check_page, agent, jones_family, token_for, live_server):
    arthur, edna = jones_family["arthur"], jones_family["edna"]
    key = token_for(make_user("wickfield.surgery", Role.PARTNER, name="Wickfield Surgery"))
    who = {"given_name": "Arthur", "family_name": "Jones", "postcode": "FN1 1AD",
           "date_of_birth": arthur.date_of_birth.isoformat()}
    an_hour_ago = (timezone.now() - timedelta(hours=1)).isoformat()

    # Given: the GP practice flags them early.
    assert gp_sends(live_server, key, {"idempotency_key": "flag-1", "kind": "other", "source": "gp_practice",
                                       "source_name": "Wickfield Surgery", "occurred_at": an_hour_ago, **who,
                                       "details": "Arthur (COPD) cares for Edna (dementia) and is worn out."}) == 201

    # When: the community agent sees the flag and has a conversation (the plan is made with them).
    sign_in(page, check_page, agent)
    page.get_by_role("link", name="Alerts").first.click()
    page.get_by_role("link", name="Something else").first.click()
    expect(page.get_by_text("Arthur (COPD) cares for Edna (dementia)")).to_be_visible()
    check_page(page, "the GP's flag")
    page.get_by_role("link", name="Arthur Jones").click()
    expect(page.get_by_role("heading", name="Arthur Jones", level=1)).to_be_visible()

    # ...takes it as a contact about Edna, and has the conversation with them and Sarah.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Take a contact").click()
    page.get_by_role("radio", name="Referral", exact=True).check()
    page.get_by_role("radio", name="GP", exact=True).check()
    page.get_by_label("Their name").fill("Wickfield Surgery")
    page.get_by_label("Who is it about, if not them?").fill("Edna Jones")
    page.get_by_label("Postcode of the person it is about").fill("FN1 1AD")
    page.get_by_label("What they said, in their words").fill("Arthur is worn out caring for Edna.")
    page.get_by_role("button", name="Save contact").click()
    page.get_by_label("Search by name").fill("Edna Jones")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Link Edna Jones").click()
    page.get_by_role("button", name="Record the conversation").or_(
        page.get_by_role("link", name="Record the conversation")).click()
    page.get_by_label("What matters to them?").fill("Staying at home together; Edna's garden")
    page.get_by_role("radio", name="Resolved with advice").check()
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Conversation recorded")

    # ...and makes Edna's contingency plan with Arthur and their daughter Sarah.
    page.goto(f"/people/{edna.pk}/plan")
    check_page(page, "no plan yet")
    page.get_by_role("button", name="Make a plan").or_(page.get_by_role("link", name="Make a plan")).click()
    page.get_by_label("Who made the plan together").fill("Edna, Arthur and their daughter Sarah")
    page.get_by_label("What matters most, in their words").fill("Staying at home, with people she knows")
    page.get_by_label("What upsets them, what to avoid").fill("Strangers in the house at night")
    page.get_by_label("The worker told at once if the plan is set off").select_option(label=agent.display_name)
    review = timezone.localdate() + timedelta(days=180)
    page.get_by_label("Day").fill(str(review.day))
    page.get_by_label("Month").fill(str(review.month))
    page.get_by_label("Year").fill(str(review.year))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Plan made.")).to_be_visible()

    page.get_by_role("link", name="What would set it off").click()
    page.get_by_role("radio", name="Admitted to hospital").check()
    page.get_by_label("Who would it happen to").select_option(label="Arthur Jones")
    page.get_by_role("radio", name="When it happens").check()
    page.get_by_label("In words").fill("Arthur is admitted to hospital")
    check_page(page, "a trigger")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="What would set it off").click()
    page.get_by_role("radio", name="Discharged from hospital").check()
    page.get_by_label("Who would it happen to").select_option(label="Arthur Jones")
    page.get_by_role("radio", name="Coming home").check()
    page.get_by_label("In words").fill("Arthur comes home from hospital")
    page.get_by_role("button", name="Save").click()

    for part, who_, what in (("When it happens", "Sarah (daughter)", "Visits Edna each evening"),
                             ("Coming home", "Settle In", "Helps Arthur settle back home")):
        page.get_by_role("link", name="Who does what").click()
        page.get_by_role("radio", name=part).check()
        page.get_by_label("Who", exact=True).fill(who_)
        page.get_by_label("Does what").fill(what)
        page.get_by_label("Within how many hours").fill("4")
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("plan-actions")).to_contain_text("Visits Edna each evening")
    check_page(page, "the plan")

    # When: the hospital says Arthur has been admitted.
    assert gp_sends(live_server, key, {"idempotency_key": "adm-1", "kind": "hospital_admission",
                                       "source": "hospital", "source_name": "Fenmere General",
                                       "occurred_at": timezone.now().isoformat(), **who}) == 201

    # Then: the agent is told, and the crisis support has its tasks.
    page.get_by_role("link", name="Notifications").click()
    page.get_by_role("link", name="Edna Jones's plan has been set off: Arthur is admitted to hospital").click()
    tasks = page.get_by_test_id("episode-tasks")
    expect(tasks).to_contain_text("Visits Edna each evening")
    check_page(page, "crisis support")

    # ...and checks in: how is Edna coping?
    page.get_by_label("how are they coping", exact=False).first.fill("Sarah's evenings help. I miss Arthur.")
    page.get_by_role("button", name="Record the check-in").first.click()
    expect(page.get_by_text("“Sarah's evenings help. I miss Arthur.”")).to_be_visible()

    # When: Arthur comes home, the coming-home part is set off.
    assert gp_sends(live_server, key, {"idempotency_key": "dis-1", "kind": "hospital_discharge",
                                       "source": "hospital", "source_name": "Fenmere General",
                                       "occurred_at": timezone.now().isoformat(), **who}) == 201
    page.reload()
    expect(tasks).to_contain_text("Helps Arthur settle back home")

    # Then: the crisis support ends, back to community support with connections made.
    page.get_by_role("radio", name="Back to community support, with connections made").check()
    page.get_by_label("Anything to note (optional)").fill("Arthur home; the carers' coffee on Wednesdays")
    page.get_by_role("button", name="End crisis support").click()
    expect(page.get_by_text("Crisis support ended.")).to_be_visible()
    expect(page.get_by_text("Back to community support, with connections made")).to_be_visible()
    check_page(page, "crisis support ended")
