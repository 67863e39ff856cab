"""Carers ranked for a person with reasons in plain words; hard preferences rule carers out, and say why."""

from datetime import date, time

import pytest

from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent
from kithkin.matching import actions
from kithkin.matching.candidates import shortlist
from tests.conftest import client_for
from tests.matching.conftest import add_carer

pytestmark = pytest.mark.django_db
MONDAY_MORNING = ((0, time(7), time(12)),)


def test_the_nearest_free_carer_who_shares_interests_comes_first_with_reasons(manager, morning_visits, postcodes):
    far = add_carer(manager, "Far", postcode="FN2 1AA", week=MONDAY_MORNING, interests="Gardening")
    busy = add_carer(manager, "Busy", postcode="FN1 2BB", week=((3, time(7), time(12)),))
    near = add_carer(manager, "Near", postcode="FN1 2BB", week=MONDAY_MORNING, interests="football, chess")

    ranked = shortlist(morning_visits).candidates

    assert [c.carer for c in ranked] == [near, far, busy]  # being free when the visits are counts for a lot
    reasons = ranked[0].reasons
    assert any(r.endswith(" away (car)") and " minute" in r for r in reasons)
    assert "shares an interest in football" in reasons and "free for 1 of their 1 visits a week" in reasons
    assert "shares an interest in gardening" in ranked[1].reasons
    assert "free for 0 of their 1 visits a week" in ranked[2].reasons


def test_hard_preferences_rule_carers_out_and_say_why(manager, agent, morning_visits, postcodes):
    smoker = add_carer(manager, "Smoker", smokes=True, gender="female", languages="English, Polish")
    man = add_carer(manager, "Man", gender="male", languages="English, Polish")
    unwanted = add_carer(manager, "Unwanted", gender="female", languages="English, Polish")
    no_pets = add_carer(manager, "Nopets", gender="female", languages="English, Polish", fine_with_pets=False)
    no_polish = add_carer(manager, "Nopolish", gender="female")
    no_skill = add_carer(manager, "Noskill", gender="female", languages="Polish", skills=["meals"])
    old_dbs = add_carer(manager, "Olddbs", gender="female", languages="Polish", dbs_checked_on=date(2015, 1, 1))
    elsewhere = add_carer(manager, "Elsewhere", gender="female", languages="Polish", covers="FN3")
    good = add_carer(manager, "Good", gender="female", languages="English, Polish")
    actions.save_preferences(morning_visits, {"carer_gender": "female", "language": "Polish", "no_smokers": True,
                                              "pets_at_home": "a dog"}, [unwanted], Auditor(agent))

    result = shortlist(morning_visits)

    assert [c.carer for c in result.candidates] == [good]
    why = {r.carer: "; ".join(r.why) for r in result.ruled_out}
    assert why[smoker] == "smokes, and they asked for carers who do not"
    assert why[man] == "they asked for a woman"
    assert why[unwanted] == "they said they do not want this person"
    assert why[no_pets] == "is not able to work with pets (a dog)"
    assert why[no_polish] == "does not speak Polish"
    assert why[no_skill] == "cannot do personal care (washing, dressing)"
    assert why[old_dbs] == "their DBS check is missing or out of date"
    assert why[elsewhere] == "does not work in FN1"


def test_the_carers_page_shows_the_ranking_and_records_the_view(agent, manager, morning_visits, postcodes):
    add_carer(manager, "Near", interests="football")
    page = client_for(agent).get(f"/people/{morning_visits.pk}/care/carers").content.decode()
    assert "Near Carer" in page and "shares an interest in football" in page
    assert AuditEvent.objects.filter(kind="view", person=morning_visits, summary__contains="carers ranked").exists()


def test_only_people_the_worker_may_see_get_a_ranking(outsider, morning_visits, postcodes):
    assert client_for(outsider).get(f"/people/{morning_visits.pk}/care/carers").status_code == 403
    assert client_for(outsider).get(f"/people/{morning_visits.pk}/care").status_code == 403


def test_a_worker_records_preferences_and_visits_with_clear_errors(agent, person, postcodes):
    client = client_for(agent)
    response = client.post(f"/people/{person.pk}/care/visits/add", {"skill": "personal_care", "earliest": "09:00",
                                                                     "latest": "08:00", "minutes": "",
                                                                     "carers_needed": "2"})
    page = response.content.decode()
    assert response.status_code == 400
    for message in ("Choose the days of the week", "The latest start must be the same as or after the earliest",
                    "Enter how long the visit takes"):
        assert message in page
    response = client.post(f"/people/{person.pk}/care/visits/add", {
        "skill": "personal_care", "weekdays": ["0", "2"], "earliest": "08:00", "latest": "09:00", "minutes": "30",
        "carers_needed": "2"})
    assert "Say whether the two carers come together or one after the other" in response.content.decode()
    late = {"skill": "personal_care", "weekdays": ["0"], "earliest": "22:00", "latest": "23:59", "minutes": "720",
            "carers_needed": "1"}
    response = client.post(f"/people/{person.pk}/care/visits/add", late)
    page = response.content.decode()
    assert response.status_code == 400 and "Starting as late as 23:59, the visit can last at most 1 minutes" in page
    assert "a night sit is two visits" in page
    # Too long for any visit: one message, the same whatever the times
    page = client.post(f"/people/{person.pk}/care/visits/add", {**late, "earliest": "07:00", "latest": "08:00",
                                                                 "minutes": "1500"}).content.decode()
    assert "A visit takes at most 12 hours" in page and "can last at most" not in page
    response = client.post(f"/people/{person.pk}/care/visits/add", {
        **late, "earliest": "20:00", "latest": "21:00", "minutes": "60", "carers_needed": "2", "two_carers": "in_order",
        "gap_minutes": "200"})
    assert "visit would end after midnight" in response.content.decode()
    assert not person.visit_patterns.exists()

    client.post(f"/people/{person.pk}/care/visits/add", {
        "skill": "moving", "weekdays": ["0", "2"], "earliest": "08:00", "latest": "09:00", "minutes": "30",
        "carers_needed": "2", "two_carers": "together"})
    client.post(f"/people/{person.pk}/care/preferences", {"carer_gender": "female", "language": "Polish"})

    page = client.get(f"/people/{person.pk}/care").content.decode()
    assert "Moving and handling (hoist), Mon, Wed, starting between 08:00 and 09:00, 30 minutes" in page
    record = client.get(f"/people/{person.pk}").content.decode()
    assert f'href="/people/{person.pk}/week"' in record and f'href="/people/{person.pk}/care"' in record
    assert "Women only" in page and "Carers who speak Polish" in page
    # A preference can be taken back: "No preference" is offered and clears it
    form = client.get(f"/people/{person.pk}/care/preferences").content.decode()
    assert "No preference" in form
    client.post(f"/people/{person.pk}/care/preferences", {"carer_gender": "", "language": "Polish"})
    assert "Women only" not in client.get(f"/people/{person.pk}/care").content.decode()


def test_numbers_too_large_for_the_database_are_a_form_error_not_a_crash(agent, manager, person, postcodes):
    from tests.matching.conftest import add_carer

    client = client_for(agent)
    too_big = "9" * 31
    response = client.post(f"/people/{person.pk}/care/preferences", {"not_wanted": [too_big]})
    assert response.status_code == 400 and "Choose people they do not want to support them from the options given" \
        in response.content.decode()
    response = client.post(f"/people/{person.pk}/care/visits/add", {
        "skill": "personal_care", "weekdays": ["0"], "earliest": "08:00", "latest": "09:00", "minutes": "30",
        "carers_needed": "2", "two_carers": "in_order", "gap_minutes": too_big})
    assert response.status_code == 400 and "minutes between them must be 240 or less" in response.content.decode()
    carer = add_carer(manager, "Ann Shared", kind="shared_lives")
    response = client_for(manager).post(f"/carers/{carer.pk}/household", {"rooms": "40000"})
    assert response.status_code == 400 and "Rooms for someone to live in must be 10 or less" in \
        response.content.decode()
    response = client_for(manager).post("/carers/new", {
        "given_name": "Bea", "family_name": "Long", "kind": "pa", "postcode": "FN1 1AA", "travel_mode": "car",
        "dbs_checked_on_day": too_big, "dbs_checked_on_month": "1", "dbs_checked_on_year": "2020"})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert "Enter a real date, for example 14 3 2025" in page  # the example a DBS date's hint gives, not a birthday
