"""'Find support near you' in a real browser: search in plain words, results with distance, why, when,
cost and access; a map; a saved list to email; and all of it without JavaScript too."""

import re

import pytest
from playwright.sync_api import expect

from kithkin.demo.directory import load_directory

pytestmark = pytest.mark.browser


@pytest.fixture
def fenmere_directory(transactional_db, settings):
    settings.KITHKIN_MAP_TILES = ""  # no tiles from the internet in tests: the map still draws its markers
    load_directory()


def test_a_resident_finds_a_memory_cafe_near_them_and_emails_the_list(page, check_page, fenmere_directory,
                                                                      mailoutbox):
    """
    Given the public directory, and no one signed in
    When a resident searches "demensia group" near FN3 4SB
    Then they see that we read "dementia", and memory cafes with their distance, times, cost and why
    When they save one, look at the map, and open their list
    Then the map shows the places, and the list has the service
    When they email the list to themselves
    Then the email has what they saved
    """
    page.goto("/")
    page.get_by_role("link", name="Find support").first.click()
    expect(page.get_by_role("heading", name="Find support near you", level=1)).to_be_visible()
    check_page(page, "find support")

    page.get_by_label("What are you looking for?").fill("demensia group")
    page.get_by_label("Postcode").fill("fn3 4sb")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_text("We searched for “dementia” instead of “demensia”")).to_be_visible()
    first = page.get_by_test_id("service-card").first
    expect(first).to_contain_text(re.compile(r"miles? \(|Very close"))
    expect(first).to_contain_text("When")
    first.get_by_text("Why this result").click()
    expect(first).to_contain_text("Listed under")
    check_page(page, "results")
    name = first.get_by_role("heading").inner_text()

    first.get_by_role("button", name=re.compile("Save to my list")).click()
    expect(page.get_by_text("Saved to your list.")).to_be_visible()

    page.get_by_role("link", name="Show on a map").click()
    expect(page.locator(".kk-map--drawn")).to_be_visible()
    expect(page.locator(".kk-map path.leaflet-interactive").first).to_be_attached()
    expect(page.get_by_test_id("map-table")).to_contain_text("Distance")
    check_page(page, "results on a map")

    page.get_by_role("link", name=re.compile("Your saved list")).click()
    expect(page.get_by_test_id("saved-item")).to_contain_text(name)
    expect(page.get_by_role("button", name="Print this list")).to_be_visible()
    check_page(page, "saved list")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Send the list").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address like name@example.com")
    page.get_by_label("Email address").fill("sarah@example.org")
    page.get_by_role("button", name="Send the list").click()
    expect(page.get_by_text("We have sent your list")).to_be_visible()
    assert mailoutbox[-1].to == ["sarah@example.org"] and name in mailoutbox[-1].body

    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="How to get in touch")).to_be_visible()
    check_page(page, "a service")


def test_search_and_the_map_view_work_without_javascript(browser, live_server, fenmere_directory):
    """
    Given a browser with JavaScript turned off
    When a resident searches for lunch clubs near FN1 1AD, nearest first, and asks for the map
    Then they get the places as a table, told that the map needs JavaScript
    And a postcode we do not know gets a GOV.UK error, not a crash
    """
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/find-support?q=lunch+club&postcode=FN1+1AD&sort=distance")
        expect(page.get_by_test_id("result-count")).to_contain_text("results")
        distances = page.get_by_test_id("service-card").filter(has_text="km) away").all_inner_texts()
        assert distances, "nearest-first results show their distance"
        page.get_by_role("link", name="Show on a map").click()
        expect(page.get_by_text("The map needs JavaScript. The places are listed below.")).to_be_visible()
        expect(page.get_by_test_id("map-table").locator("tbody tr").first).to_be_visible()

        page.goto("/find-support?q=lunch&postcode=ZZ99+9ZZ")
        expect(page.locator(".govuk-error-summary")).to_contain_text("We cannot find ZZ99 9ZZ")
    finally:
        context.close()
