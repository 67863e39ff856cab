"""For commissioners: the asset map's coverage and gaps, entries to review, and suggested changes."""

import pytest

from kithkin.core.models import AuditEvent
from kithkin.directory.coverage import coverage
from kithkin.directory.models import Place, ProposedChange, Service
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_asset_map_shows_what_each_place_reaches_and_the_gaps(commissioner, fenmere):
    rows = {row.place.name: row for row in coverage("memory.cafes", 3000)}
    assert rows["Wickfield"].near and not rows["Wickfield"].gap
    assert rows["Thistley Green"].near  # Memory Lane afternoons meets there
    assert all(metres <= 3000 for row in rows.values() for _, _, metres in row.near)

    page = client_for(commissioner).get("/manage/directory?category=memory.cafes&radius=3").content.decode()
    assert "Memory cafes and dementia groups within 3 km" in page
    assert "Gap" in page
    gap_place = next(name for name, row in rows.items() if row.gap)
    assert "Nothing listed under “Memory cafes and dementia groups” within 3 km of" in page and gap_place in page


def test_stale_and_not_running_entries_are_listed_for_review(commissioner, fenmere):
    Service.objects.filter(pk="fa-001").update(assured_date="2024-01-01")
    page = client_for(commissioner).get("/manage/directory/review").content.decode()

    assert "Sluice Bank Growing Project" in page.split("Not checked for over a year")[1]
    closed = Service.objects.exclude(status="active").first()
    assert closed.name in page.split("Not running")[1]

    client_for(commissioner).post("/manage/directory/services/fa-001/confirm")
    assert Service.objects.get(pk="fa-001").assured_date.year >= 2026


def test_a_provider_suggests_a_change_and_an_editor_approves_it(provider, commissioner, fenmere):
    response = client_for(provider).post("/find-support/services/fa-001/suggest-a-change", {
        "name": "Sluice Bank Growing Project", "description": "Now open on Saturdays too.", "status": "active",
        "minimum_age": "18", "note": "From next month"})
    assert response.status_code == 302
    proposal = ProposedChange.objects.get()
    assert proposal.changes == {"description": "Now open on Saturdays too."}
    assert Service.objects.get(pk="fa-001").description != "Now open on Saturdays too."  # not until approved

    review = client_for(commissioner).get("/manage/directory/review").content.decode()
    assert "Now open on Saturdays too." in review
    client_for(commissioner).post(f"/manage/directory/changes/{proposal.pk}", {"decision": "approve"})

    service = Service.objects.get(pk="fa-001")
    assert service.description == "Now open on Saturdays too."
    assert AuditEvent.objects.filter(object_type="directory.Service", kind="update").exists()
    found = client_for(commissioner).get("/oruk/services?search=saturdays").json()
    assert "fa-001" in [s["id"] for s in found["contents"]]  # the search index follows the change


def test_a_bad_suggestion_shows_its_errors_and_a_turned_down_one_needs_a_reason(provider, commissioner, fenmere):
    response = client_for(provider).post("/find-support/services/fa-001/suggest-a-change", {
        "name": "", "status": "open", "minimum_age": "old"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not ProposedChange.objects.exists()

    client_for(provider).post("/find-support/services/fa-001/suggest-a-change", {
        "name": "Sluice Bank", "status": "active", "minimum_age": "18", "description": "x"})
    proposal = ProposedChange.objects.get()
    client_for(commissioner).post(f"/manage/directory/changes/{proposal.pk}", {"decision": "reject"})
    assert ProposedChange.objects.get().state == "pending"
    client_for(commissioner).post(f"/manage/directory/changes/{proposal.pk}", {"decision": "reject",
                                                                               "reason": "Not your service"})
    assert ProposedChange.objects.get().state == "rejected"


def test_only_planners_see_the_asset_map_and_only_editors_decide(agent, provider, fenmere):
    assert client_for(agent).get("/manage/directory").status_code == 403
    assert client_for(provider).get("/manage/directory/review").status_code == 403
    assert Place.objects.count() == 13


def test_confirming_an_entry_does_not_publish_the_editors_email(commissioner, fenmere):
    commissioner.email = "colin.webb@fenmere.gov.uk"
    commissioner.save()
    client_for(commissioner).post("/manage/directory/services/fa-001/confirm")

    body = client_for(commissioner).get("/oruk/services/fa-001").content.decode()
    assert "colin.webb" not in body
    assert AuditEvent.objects.filter(actor=commissioner, object_id="fa-001").exists()
