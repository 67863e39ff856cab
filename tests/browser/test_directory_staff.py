"""The directory for staff, in a real browser: a worker connects a caller to support from the contact, and
a commissioner reads the asset map, reviews entries and approves a provider's suggested change."""

import pytest
from playwright.sync_api import expect

from kithkin.demo.directory import load_directory
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def fenmere_directory(transactional_db, settings):
    settings.KITHKIN_MAP_TILES = ""
    load_directory()


def test_a_worker_connects_a_lonely_caller_to_befriending(page, check_page, agent, fenmere_directory):
    """
    Given an open contact from Wickfield: "lonely since my wife died"
    When the community agent searches the directory from the contact and connects him to two services
    Then the connections are listed, and the conversation records them without retyping
    """
    from tests.conftest import take_contact

    contact = take_contact(agent, about_name="", raised_by="self", caller_name="Fred Ash",
                           in_their_words="I've been lonely since my wife died.")
    sign_in(page, check_page, agent)
    page.goto(f"/contacts/{contact.pk}")
    page.get_by_label("Find support in the directory").fill("lonely since my wife died")
    page.get_by_role("button", name="Find support").click()
    results = page.get_by_test_id("support-results")
    expect(results.locator("li").first).to_be_visible()
    check_page(page, "contact with support found")
    first = results.locator("h3").first.inner_text()
    results.get_by_role("button", name=f"Connect to {first}").click()
    expect(page.get_by_text(f"Connected to {first}.")).to_be_visible()
    expect(page.get_by_test_id("connections")).to_contain_text(first)

    page.get_by_role("button", name="Record the conversation").or_(
        page.get_by_role("link", name="Record the conversation")).click()
    expect(page.get_by_test_id("pending-connections")).to_contain_text(first)
    check_page(page, "conversation with a connection")


def test_a_commissioner_reads_the_asset_map_and_approves_a_change(page, check_page, commissioner, provider,
                                                                   fenmere_directory):
    """
    Given the Fenmere directory, and a change the Sluice Bank project has suggested
    When the commissioner opens the asset map for memory cafes within 5 km
    Then each place shows what reaches it, gaps are marked, and the map draws the places
    When they open the entries to review and approve the change
    Then the service page shows the new words
    """
    from kithkin.core.audit import Auditor
    from kithkin.directory import actions
    from kithkin.directory.models import Service

    actions.suggest_change(Service.objects.get(pk="fa-001"), {"description": "Open on Saturdays too."}, "",
                           Auditor(provider))
    sign_in(page, check_page, commissioner)
    page.get_by_role("link", name="Directory").click()
    page.get_by_label("Kind of support").select_option("memory.cafes")
    page.get_by_label("Within").select_option("5")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("coverage")).to_contain_text("Wickfield")
    expect(page.get_by_test_id("coverage").get_by_text("Gap").first).to_be_visible()
    expect(page.locator(".kk-map--drawn")).to_be_visible()
    expect(page.get_by_test_id("gaps")).to_contain_text("within 5 km of")
    check_page(page, "asset map")

    page.get_by_role("link", name="Entries to review").click()
    expect(page.get_by_test_id("proposal")).to_contain_text("Open on Saturdays too.")
    check_page(page, "entries to review")
    page.get_by_role("button", name="Approve the change to Sluice Bank Growing Project").click()
    expect(page.get_by_text("The change to Sluice Bank Growing Project is live.")).to_be_visible()
    page.goto("/find-support/services/fa-001")
    expect(page.get_by_text("Open on Saturdays too.")).to_be_visible()
