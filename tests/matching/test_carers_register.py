"""The carers register: adding carers with their skills, home base, week and household, on pages that
check what they are given and record who changed what."""

from datetime import date, time, timedelta

import pytest

from kithkin.core.models import AuditEvent
from kithkin.matching.models import Availability, Carer, Household
from tests.conftest import client_for
from tests.matching.conftest import add_carer

pytestmark = pytest.mark.django_db

NEW_CARER = {"given_name": "Sam", "family_name": "Patel", "kind": "micro_provider", "organisation": "Sam Cares",
             "gender": "male", "postcode": "fn1 2bb", "travel_mode": "car", "covers": "FN1 FN3",
             "skills": ["personal_care", "meals"], "languages": "English, Gujarati", "interests": "Football",
             "fine_with_pets": "on", "dbs_checked_on_day": "1", "dbs_checked_on_month": "3",
             "dbs_checked_on_year": "2026"}


def test_a_manager_adds_a_carer_who_is_placed_from_their_postcode(manager, postcodes):
    client = client_for(manager)
    response = client.post("/carers/new", NEW_CARER)

    carer = Carer.objects.get()
    assert response.status_code == 302 and response.url == f"/carers/{carer.pk}"
    assert (carer.postcode, round(carer.latitude, 3), carer.skills) == ("FN1 2BB", 52.405, ["personal_care", "meals"])
    assert AuditEvent.objects.filter(kind="create", object_type="matching.Carer").exists()
    page = client.get(f"/carers/{carer.pk}").content.decode()
    assert "Sam Patel" in page and "Personal care (washing, dressing)" in page


def test_the_carer_form_says_what_is_wrong_and_saves_nothing(manager, postcodes):
    response = client_for(manager).post("/carers/new", {**NEW_CARER, "given_name": "", "postcode": "FN9 9ZZ",
                                                        "dbs_checked_on_year": "2999"})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert "Enter their first name" in page and "The date must be today or in the past" in page
    assert "We cannot find that postcode" in page  # with the others, not on the next try
    response = client_for(manager).post("/carers/new", {**NEW_CARER, "postcode": "FN9 9ZZ"})
    assert response.status_code == 400 and "We cannot find that postcode" in response.content.decode()
    assert not Carer.objects.exists()


def test_a_carers_page_says_when_their_dbs_check_must_be_renewed(manager, postcodes, settings):
    settings.KITHKIN_DBS_YEARS = 3
    checked = date.today() - timedelta(days=10)
    carer = add_carer(manager, "Ann", dbs_checked_on=checked)

    page = client_for(manager).get(f"/carers/{carer.pk}").content.decode()

    renew_by = checked.replace(year=checked.year + 3) if (checked.month, checked.day) != (2, 29) else \
        date(checked.year + 3, 2, 28)  # the same day three years on
    assert f"to be renewed by {renew_by:%-d %B %Y}" in page and "Out of date" not in page


def test_a_dbs_check_counts_to_the_same_day_years_later_and_the_last_day_of_a_shorter_month():
    from kithkin.matching.models.carers import months_after

    assert months_after(date(2024, 7, 18), 36) == date(2027, 7, 18)
    assert months_after(date(2024, 2, 29), 36) == date(2027, 2, 28)
    assert months_after(date(2025, 8, 31), 30) == date(2028, 2, 29)
    assert months_after(date(2025, 11, 30), 2) == date(2026, 1, 30)


def test_a_carers_week_keeps_two_stretches_a_day_and_refuses_backwards_times(manager, postcodes):
    carer = add_carer(manager, "Ann")
    url = f"/carers/{carer.pk}/availability"
    client = client_for(manager)
    response = client.post(url, {"starts_0_0": "07:00", "ends_0_0": "06:00"})
    assert response.status_code == 400 and "Monday: the end must be after the start" in response.content.decode()

    client.post(url, {"starts_0_0": "07:00", "ends_0_0": "11:00", "starts_0_1": "17:00", "ends_0_1": "21:00",
                      "starts_4_0": "09:00", "ends_4_0": "15:00"})

    assert [str(a) for a in Availability.objects.filter(carer=carer)] == [
        "Monday 07:00 to 11:00", "Monday 17:00 to 21:00", "Friday 09:00 to 15:00"]
    page = client.get(url).content.decode()
    assert 'value="17:00"' in page, page[page.find("Monday (second"):][:600]


def test_a_shared_lives_carer_has_a_household(manager, postcodes):
    carer = add_carer(manager, "Jo", kind="shared_lives")
    client_for(manager).post(f"/carers/{carer.pk}/household", {"rooms": "1", "pets": "two cats", "faith": "Quaker",
                                                               "enjoys": "Baking, walking"})
    assert Household.objects.get(carer=carer).pets == "two cats"
    agency = add_carer(manager, "Kim", kind="agency")
    assert client_for(manager).get(f"/carers/{agency.pk}/household").status_code == 403


def test_community_agents_see_the_register_but_only_practitioners_and_managers_change_it(
        agent, manager, provider, postcodes):
    carer = add_carer(manager, "Ann", skills=["meals"])
    assert client_for(agent).get("/carers").status_code == 200
    assert client_for(agent).get("/carers/new").status_code == 403
    assert client_for(agent).post(f"/carers/{carer.pk}/change", NEW_CARER).status_code == 403
    assert client_for(provider).get("/carers").status_code == 403
    assert client_for(provider).get(f"/carers/{carer.pk}").status_code == 403


def test_a_carers_phone_home_postcode_and_check_dates_are_for_those_who_keep_the_register(agent, manager, postcodes):
    carer = add_carer(manager, "Ann", phone="07700 900123")
    for_agent = client_for(agent).get(f"/carers/{carer.pk}").content.decode()
    assert "07700 900123" not in for_agent and "FN1 2BB" not in for_agent and "FN1" in for_agent
    assert "Current" in for_agent and "to be renewed by" not in for_agent
    for_manager = client_for(manager).get(f"/carers/{carer.pk}").content.decode()
    assert "07700 900123" in for_manager and "FN1 2BB" in for_manager and "to be renewed by" in for_manager


def test_the_register_filters_by_kind_skill_and_area(manager, postcodes):
    add_carer(manager, "Ann", skills=["meals"], covers="FN1")
    add_carer(manager, "Bob", skills=["moving", "personal_care"], covers="FN3", kind="agency")
    client = client_for(manager)
    assert "Bob" in (page := client.get("/carers?skill=moving").content.decode()) and "Ann Carer" not in page
    assert "Ann Carer" in (page := client.get("/carers?area=fn1").content.decode()) and "Bob" not in page
    assert "Bob" in client.get("/carers?kind=agency").content.decode()
    assert client.get("/carers?skill=juggling&kind=nonsense").status_code == 200  # unknown filters are ignored
    assert "Ann Carer" in (page := client.get("/carers?area=FN1+2BB").content.decode()) and "Bob" not in page


def test_an_area_nobody_could_work_in_is_said_not_taken_as_empty(manager, postcodes):
    add_carer(manager, "Bob", skills=["moving", "personal_care"], kind="agency")  # covers everywhere
    page = client_for(manager).get("/carers?area=ZZ9").content.decode()
    assert "There is a problem" in page and "There is no postcode district ZZ9 in the area" in page
    assert 'href="#area"' in page and "govuk-input--error" in page
    assert "Bob" not in page and "Correct the area to see the carers who work there" in page


def test_changing_a_carer_is_audited_with_old_and_new(manager, postcodes):
    carer = add_carer(manager, "Ann", week=((2, time(9), time(12)),))
    client_for(manager).post(f"/carers/{carer.pk}/change", {**NEW_CARER, "given_name": "Ann", "postcode": "FN3 1AA"})
    carer.refresh_from_db()
    assert carer.postcode == "FN3 1AA" and round(carer.latitude, 3) == 52.455
    event = AuditEvent.objects.filter(kind="update", object_type="matching.Carer").latest("at")
    assert event.old_values["postcode"] == "FN1 2BB" and event.new_values["postcode"] == "FN3 1AA"


def test_several_skills_are_checkboxes_and_saving_unchanged_keeps_them_all(manager, postcodes):
    carer = add_carer(manager, "Ann", skills=["personal_care", "meals", "dementia"])
    client = client_for(manager)
    page = client.get(f"/carers/{carer.pk}/change").content.decode()
    for skill in ("personal_care", "meals", "dementia"):
        assert f'name="skills" type="checkbox" value="{skill}" checked' in page
    assert 'name="skills" type="radio"' not in page
    form = {**NEW_CARER, "given_name": "Ann", "skills": ["personal_care", "meals", "dementia"]}
    client.post(f"/carers/{carer.pk}/change", form)
    carer.refresh_from_db()
    assert carer.skills == ["personal_care", "meals", "dementia"]


def test_overlapping_stretches_and_made_up_districts_are_refused(manager, postcodes):
    carer = add_carer(manager, "Ann")
    client = client_for(manager)
    response = client.post(f"/carers/{carer.pk}/availability", {"starts_0_0": "07:00", "ends_0_0": "12:00",
                                                                "starts_0_1": "11:00", "ends_0_1": "15:00"})
    assert response.status_code == 400 and "Monday: the two stretches overlap" in response.content.decode()
    response = client.post(f"/carers/{carer.pk}/change", {**NEW_CARER, "covers": "FN1 Wickfield"})
    assert response.status_code == 400 and "WICKFIELD is not a postcode district" in response.content.decode()


def test_an_administrator_keeps_the_register_but_does_not_plan_rosters(administrator, manager, postcodes):
    carer = add_carer(manager, "Ann")
    client = client_for(administrator)
    assert client.get("/rosters").status_code == 403 and "Rosters" not in client.get("/carers").content.decode()
    client.post(f"/carers/{carer.pk}/leaves")  # a leaver is a change to the register
    carer.refresh_from_db()
    assert not carer.is_active
    client.post(f"/carers/{carer.pk}/rejoins")
    carer.refresh_from_db()
    assert carer.is_active
