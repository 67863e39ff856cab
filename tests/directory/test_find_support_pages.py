"""'Find support near you' without a browser: filters, distance, bad input, service pages, the saved list."""

import html
import re

import pytest
from django.test import Client

from kithkin.core.geo import locate
from kithkin.directory.models import Service
from kithkin.directory.search import STRONG_SHARE, rank_services

pytestmark = pytest.mark.django_db


RESULT_NAME = re.compile(r'<h2 class="govuk-heading-m govuk-!-margin-bottom-1"><a class="govuk-link" '
                         r'href="[^"]*">([^<]*)</a>')


def names_on(response) -> list[str]:
    return [html.unescape(name) for name in RESULT_NAME.findall(response.content.decode())]


def test_nearest_first_lists_the_good_matches_nearest_first_then_the_rest(client, fenmere):
    response = client.get("/find-support?q=lunch+club&postcode=FN7+8HG&sort=distance")
    assert response.status_code == 200
    assert names_on(response)[0] == "Table for One lunches"  # in Thistley Green itself

    origin = locate("FN7 8HG")
    hits = rank_services("lunch club", Service.objects.filter(status="active"), origin=origin, nearest_first=True)
    best = max(h.score for h in hits)
    good = [h for h in hits if h.score >= best * STRONG_SHARE]
    assert hits[:len(good)] == good
    located = [h.distance_m for h in good if h.distance_m is not None]
    assert located == sorted(located)


def test_within_a_distance_keeps_near_places_and_area_wide_services(client, fenmere):
    page = client.get("/find-support?q=befriending&postcode=FN2+3AD&within=3").content.decode()
    distances = [float(km) for km in re.findall(r"\(([0-9.]+) km\) away", page)]
    assert all(km <= 3 for km in distances)
    assert "Covers Fenmere district" in page  # a telephone befriending service reaches everyone


@pytest.mark.parametrize("filters, check", [
    ("day=WE", lambda s: any("WE" in (x.byday or "") for x in s.schedules.all())
     or any("WE" in (x.byday or "") for link in s.service_at_locations.all() for x in link.schedules.all())),
    ("time=evening", lambda s: any(x.closes_at and x.closes_at.hour >= 17 for x in s.schedules.all())),
    ("free=on", lambda s: all(o.amount in (None, 0) for o in s.cost_options.all())),
    ("age=17", lambda s: (s.minimum_age is None or s.minimum_age <= 17)
     and (s.maximum_age is None or s.maximum_age >= 17)),
    ("language=Polish", lambda s: "Polish" in [lang.name for lang in s.languages.all()]),
    ("category=memory.cafes", lambda s: s.pk in {"fa-131", "fa-135", "fa-145", "fb-054", "fb-056", "fb-057",
                                                 "fb-060", "fb-031"}),
])
def test_each_filter_narrows_the_results(client, fenmere, filters, check):
    response = client.get(f"/find-support?{filters}")
    names = names_on(response)
    assert names, filters
    for name in names:
        service = Service.objects.filter(name=name, status="active").first()
        assert check(service), f"{name} should not be there for {filters}"


@pytest.mark.parametrize("query, message", [
    ("postcode=XYZ", "Enter a real postcode, like FN1 1AD"),
    ("postcode=ZZ9+9ZZ", "We cannot find ZZ9 9ZZ"),
    ("q=lunch&sort=distance", "Enter a postcode to see what is nearest"),
    ("q=lunch&within=5", "Enter a postcode to search within a distance"),
    ("age=200", "Enter an age of 120 or less"),
    ("category=not-a-category", "Choose kind of support from the options given"),
])
def test_bad_input_is_a_gov_uk_error_not_a_crash(client, fenmere, query, message):
    response = client.get(f"/find-support?{query}")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode() and message in response.content.decode()


def test_nothing_found_says_what_to_do_next(client, fenmere):
    page = client.get("/find-support?q=qwertyuiop").content.decode()
    assert "Nothing matched" in page and "talk to us" in page


def test_a_service_page_answers_the_questions_people_ask(client, fenmere):
    page = client.get("/find-support/services/fa-001").content.decode()
    for text in ("Sluice Bank Growing Project", "How to get in touch", "01632 960666", "Tuesdays and Fridays",
                 "10am to 2pm", "Free", "Level compacted paths", "Last checked 31 July 2026"):
        assert text in page
    closed = Service.objects.exclude(status="active").first()
    page = client.get(f"/find-support/services/{closed.pk}").content.decode()
    assert re.search(r"This service (has closed|is not running at the moment|is closed for now)", page)
    assert "Save to my list" not in page
    assert client.get("/find-support/services/no-such-service").status_code == 404


def test_the_saved_list_keeps_active_services_and_emails_a_few_times_at_most(client, fenmere, mailoutbox):
    closed = Service.objects.exclude(status="active").first()
    client.post("/find-support/my-list/save", {"service": "fa-001"})
    client.post("/find-support/my-list/save", {"service": closed.pk})
    client.post("/find-support/my-list/save", {"service": "fa-001"})
    page = client.get("/find-support/my-list").content.decode()
    assert page.count('data-testid="saved-item"') == 1

    for _ in range(3):
        assert client.post("/find-support/my-list", {"email": "me@example.org"}).status_code == 302
    refused = client.post("/find-support/my-list", {"email": "me@example.org"})
    assert refused.status_code == 400 and "try again in an hour" in refused.content.decode()
    assert len(mailoutbox) == 3 and "Sluice Bank Growing Project" in mailoutbox[0].body

    client.post("/find-support/my-list/remove", {"service": "fa-001"})
    assert "Nothing saved yet" in client.get("/find-support/my-list").content.decode()


def test_the_public_pages_show_nothing_personal_and_need_no_login(fenmere):
    anonymous = Client()
    for url in ("/find-support", "/find-support?q=lunch", "/find-support/services/fa-001", "/find-support/my-list"):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert "Sign out" not in response.content.decode()


def test_new_sessions_cannot_flood_one_address_with_lists(fenmere, mailoutbox):
    for _ in range(5):
        visitor = Client()
        visitor.post("/find-support/my-list/save", {"service": "fa-001"})
        visitor.post("/find-support/my-list", {"email": "stranger@example.org"})
    assert len(mailoutbox) == 3
