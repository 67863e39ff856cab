"""The importer on the awkward files real feeds send: shared and missing ids, links that disagree,
odd values. Nothing is lost, nothing is moved quietly, nothing ends in a traceback."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kithkin.directory.imports import import_services
from kithkin.directory.models import Organization, Phone, Service
from kithkin.directory.search import rank_services
from tests.directory.test_import import a_service, exported

pytestmark = pytest.mark.django_db


def test_children_without_ids_under_parents_with_the_same_id_stay_apart():
    record = a_service("1", phones=[{"number": "01632 960001"}],
                       organization={"id": "1", "name": "Hall", "phones": [{"number": "01632 960002"}]},
                       service_at_locations=[{"id": "sal", "location": {"id": "1", "name": "Hall",
                                                                        "phones": [{"number": "01632 960003"}]}}])
    assert import_services([record]).written

    assert sorted(Phone.objects.values_list("number", flat=True)) == ["01632 960001", "01632 960002",
                                                                      "01632 960003"]


def test_the_same_child_listed_under_two_services_is_reported_not_moved():
    first, second = a_service("a"), a_service("b")
    second["phones"] = [{"id": "a-ph1", "number": "01632 960009"}]

    result = import_services([first, second])

    assert not result.written
    assert result.rejected[0].reason == ("services[1].phones: 'a-ph1' is already listed under service 'a' in "
                                         "this file")


def test_a_listed_childs_other_parent_ids_are_kept_as_given_and_do_not_delete_it():
    record = a_service("s1", contacts=[{"id": "c1", "name": "Jo", "phones": [
        {"id": "cp1", "number": "01632 960005", "service_id": "s1"}]}])
    assert import_services([record]).written
    assert import_services([record]).written  # again: the service's own list must not remove it

    phone = Phone.objects.get(pk="cp1")
    assert (phone.contact_id, phone.service_id) == ("c1", None)
    written = exported()[0]["contacts"][0]["phones"][0]
    assert written["service_id"] == "s1" and written["number"] == "01632 960005"


def test_times_with_an_offset_come_back_as_given():
    import_services([a_service(schedules=[{"id": "t1", "opens_at": "09:00-05:00", "closes_at": "17:00"}])])
    schedule = exported()[0]["schedules"][0]
    assert (schedule["opens_at"], schedule["closes_at"]) == ("09:00-05:00", "17:00")


@pytest.mark.parametrize("location, reason", [
    ({"latitude": float("nan")}, "should be a number, not nan"),
    ({"latitude": float("inf")}, "should be a number, not inf"),
    ({"latitude": 91.0}, "should be between -90 and 90"),
    ({"latitude": "52.4"}, "should be a number, not text"),
    ({"name": "Hall\x00"}, "contains a NUL character"),
])
def test_impossible_values_are_rejected_with_the_reason(location, reason):
    record = a_service(service_at_locations=[{"id": "sal", "location": {"id": "loc", **location}}])
    result = import_services([record])
    assert not result.written and reason in result.rejected[0].reason


def test_an_hsds_list_kept_as_given_must_still_be_a_list_of_objects():
    result = import_services([a_service(funding="lots")])
    assert "services[0].funding: should be a list of objects" in result.rejected[0].reason


def test_null_clears_the_organisation():
    import_services([a_service()])
    import_services([a_service(organization=None)])
    assert Service.objects.get().organization is None


def test_partial_drops_a_record_whose_organisation_came_only_from_a_rejected_one():
    giver = a_service("giver", status="open")  # rejected: bad status, and it was the one giving org-1
    taker = a_service("taker")
    del taker["organization"]
    taker["organization_id"] = "org-1"

    result = import_services([giver, taker], partial=True)

    assert [r.record_id for r in result.rejected] == ["giver", "taker"]
    assert not Organization.objects.exists() and not Service.objects.exists()


def test_renaming_a_shared_organisation_updates_the_search_for_its_other_services():
    import_services([a_service("a"), a_service("b", name="Friday soup")])
    renamed = a_service("a", organization={"id": "org-1", "name": "Quackenbush Hall"})
    import_services([renamed])

    hits = rank_services("quackenbush", Service.objects.all())
    assert {h.service_id for h in hits} == {"a", "b"}


def test_files_that_are_not_hsds_at_all_are_one_readable_line(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match="nested too deeply"):
        call_command("import-oruk", str(tmp_path / "deep.json"), stdout=StringIO())
    (tmp_path / "nul.json").write_text(json.dumps([a_service(name="Lunch\x00")]))
    with pytest.raises(CommandError):
        call_command("import-oruk", str(tmp_path / "nul.json"), stdout=StringIO())
    with pytest.raises(CommandError, match="--status 'open' is not one of"):
        call_command("export-oruk", status=["open"], stdout=StringIO())


@pytest.mark.parametrize("url", ["/oruk/services/%00", "/oruk/services?taxonomy_term_id=%00",
                                 "/find-support/services/%00", "/find-support?q=%00"])
def test_a_nul_character_in_a_request_is_a_400(url):
    response = Client().get(url)
    assert response.status_code == 400


def test_the_save_form_refuses_a_nul_too():
    assert Client().post("/find-support/my-list/save", {"service": "\x00"}).status_code == 400
