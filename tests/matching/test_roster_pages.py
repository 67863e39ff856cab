"""The roster pages with what a browser (or someone typing an address) might send: every mistake gets a clear
answer and changes nothing."""

from datetime import date, timedelta

import pytest

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.matching import repair
from kithkin.matching.models import Roster
from kithkin.support.models import CareTeamMember
from tests.conftest import client_for
from tests.matching.test_rosters import MONDAY, district, plan  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_week")]


def _snapshot(roster):
    return sorted(roster.visits.values_list("pk", "carer_id", "start", "cancelled"))


def test_a_number_that_is_not_plain_digits_is_refused_not_a_crash(district, manager):  # noqa: F811
    roster = plan(manager)
    before = _snapshot(roster)
    client = client_for(manager)
    person = district["people"][0]
    CareTeamMember.objects.create(person=person, user=manager, role="Named coordinator", is_named_coordinator=True)

    off = client.post(f"/rosters/{roster.pk}/carer-off", {"carer": "²", "days": [MONDAY.isoformat()]})
    wishes = client.post(f"/people/{person.pk}/week/wishes", {"roster": "²"})

    assert off.status_code == 400 and "Choose the carer who is off" in off.content.decode()
    assert wishes.status_code == 302 and not roster.changes.exists()
    assert _snapshot(roster) == before


def test_a_visit_on_an_old_plan_cannot_be_cancelled_from_the_page_either(district, manager):  # noqa: F811
    old = plan(manager)
    plan(manager)
    visit = old.visits.exclude(carer=None).first()
    CareTeamMember.objects.create(person=visit.person, user=manager, role="Named coordinator",
                                  is_named_coordinator=True)

    asked = client_for(manager).get(f"/roster-visits/{visit.pk}/cancel", follow=True)
    response = client_for(manager).post(f"/roster-visits/{visit.pk}/cancel", follow=True)

    assert "planned again since" in asked.content.decode() and "Cancel this visit?" not in asked.content.decode()
    assert "planned again since" in response.content.decode()
    visit.refresh_from_db()
    assert not visit.cancelled and not old.changes.exists()


def test_cancelling_a_visit_asks_first_and_changes_nothing_until_it_is_confirmed(district, manager):  # noqa: F811
    roster = plan(manager)
    visit = roster.visits.exclude(carer=None).first()
    CareTeamMember.objects.create(person=visit.person, user=manager, role="Named coordinator",
                                  is_named_coordinator=True)
    client = client_for(manager)

    asked = client.get(f"/roster-visits/{visit.pk}/cancel")

    page = asked.content.decode()
    assert asked.status_code == 200 and "Cancel this visit?" in page and visit.carer.full_name in page
    assert "Yes, cancel this visit" in page and not roster.changes.exists()
    client.post(f"/roster-visits/{visit.pk}/cancel")
    again = client.get(f"/roster-visits/{visit.pk}/cancel", follow=True)
    assert "already cancelled" in again.content.decode()
    assert roster.changes.filter(why="cancelled").exists()


def test_a_visit_cancelled_with_a_reason_lists_it_and_too_long_a_reason_cancels_nothing(district,  # noqa: F811
                                                                                         manager):
    roster = plan(manager)
    visit = roster.visits.exclude(carer=None).filter(partner__isnull=True, skill="personal_care").first()
    CareTeamMember.objects.create(person=visit.person, user=manager, role="Named coordinator",
                                  is_named_coordinator=True)
    client = client_for(manager)

    long = client.post(f"/roster-visits/{visit.pk}/cancel", {"why": "x" * 201})
    assert long.status_code == 400 and "Say why in 200 characters or fewer" in long.content.decode()
    assert not roster.changes.exists()
    client.post(f"/roster-visits/{visit.pk}/cancel", {"why": "In hospital"})

    page = client.get(f"/rosters/{roster.pk}").content.decode()
    assert f"cancelled (it was {visit.carer.full_name}" in page and ": In hospital" in page


def test_only_someone_who_may_change_the_persons_visits_may_cancel_or_put_one_back(district, manager, agent):  # noqa: F811
    roster = plan(manager)
    visit = roster.visits.exclude(carer=None).first()

    asked = client_for(manager).get(f"/roster-visits/{visit.pk}/cancel")  # not on the person's care team
    put_back = client_for(manager).post(f"/roster-visits/{visit.pk}/put-back")

    assert asked.status_code == 403 and put_back.status_code == 403 and not roster.changes.exists()


def test_a_repair_sent_from_a_plan_replaced_since_goes_to_the_new_plan_and_changes_nothing(district, manager):  # noqa: F811
    old = plan(manager)
    new = plan(manager)
    ann = district["carers"][0]

    response = client_for(manager).post(f"/rosters/{old.pk}/carer-off", {"carer": ann.pk,
                                                                         "days": [MONDAY.isoformat()]}, follow=True)

    assert response.redirect_chain[-1][0] == f"/rosters/{new.pk}"
    assert "planned again since" in response.content.decode()
    assert not old.changes.exists() and not new.changes.exists()


def test_who_is_off_offers_the_carers_with_visits_that_week(district, manager):  # noqa: F811
    from tests.matching.conftest import add_carer

    resting = add_carer(manager, "Resting", week=())  # no hours this week: no visits to hand on
    roster = plan(manager)

    page = client_for(manager).get(f"/rosters/{roster.pk}").content.decode()

    offered = page[page.index('id="off-carer"'):page.index("</select>", page.index('id="off-carer"'))]
    assert all(f'value="{c.pk}"' in offered for c in district["carers"]) and f'value="{resting.pk}"' not in offered


def test_a_carers_page_their_week_and_the_people_in_it_link_to_each_other(district, manager, monkeypatch):  # noqa: F811
    from django.utils import timezone

    roster = plan(manager)
    ann = district["carers"][0]
    visit = roster.visits.filter(carer=ann).first()
    CareTeamMember.objects.create(person=visit.person, user=manager, role="Named coordinator",
                                  is_named_coordinator=True)
    monkeypatch.setattr(timezone, "localdate", lambda: MONDAY)  # the week is this week
    client = client_for(manager)

    profile = client.get(f"/carers/{ann.pk}").content.decode()
    week = client.get(f"/rosters/{roster.pk}/carers/{ann.pk}").content.decode()

    assert f'href="/rosters/{roster.pk}/carers/{ann.pk}"' in profile and f'href="/carers/{ann.pk}"' in week
    assert f'href="/people/{visit.person_id}/week"' in week  # someone the manager may see: their week
    others = roster.visits.filter(carer=ann).exclude(person=visit.person).values_list("person_id", flat=True)
    assert all(f'href="/people/{p}/week"' not in week for p in others)


def test_the_plan_form_offers_the_first_week_not_yet_planned(district, manager):  # noqa: F811
    from kithkin.matching.presenters import next_monday

    Roster.objects.create(week_starting=next_monday(), figures={})

    page = client_for(manager).get("/rosters").content.decode()

    assert f'value="{next_monday() + timedelta(days=7):%Y-%m-%d}"' in page


@pytest.mark.parametrize("backend, waits", [("django_tasks.backends.immediate.ImmediateBackend", True),
                                            ("django_tasks_db.DatabaseBackend", False)])
def test_the_plan_form_says_when_the_page_will_wait_for_the_plan(manager, settings, backend, waits):
    settings.TASKS = {"default": {"BACKEND": backend}}

    page = client_for(manager).get("/rosters").content.decode()

    assert ("planned while you wait" in page) == waits


@pytest.mark.parametrize("sent, field, said", [
    ({"week": "", "seconds": "60"}, "week", "Choose the week to plan"),
    ({"week": "2030-02-31", "seconds": "60"}, "week", "from the list: 2030-02-31 is not a date"),
    ({"week": "2020-01-06", "seconds": "60"}, "week", "The week of 6 January 2020 is over"),
    ({"week": "2030-03-05", "seconds": "60"}, "week", "A roster starts on a Monday; 5 March 2030 is a Tuesday"),
    ({"week": "9999-12-27", "seconds": "60"}, "week", "more than ten years away"),
    ({"week": "2030-03-04", "seconds": "lots"}, "seconds", "a whole number of seconds from 5 to 600"),
    ({"week": "2030-03-04", "seconds": "²"}, "seconds", "a whole number of seconds from 5 to 600"),
])
def test_planning_a_week_with_a_mistake_says_what_to_put_right_and_keeps_what_was_typed(manager, sent, field, said):
    response = client_for(manager).post("/rosters/plan", sent)

    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert f'href="#{field}"' in page and f'id="{field}-error"' in page and said in page
    assert f'value="{sent["week"]}"' in page if sent["week"] else "<option" in page  # the week sent, or a list
    assert f'value="{sent["seconds"]}"' in page
    assert not Roster.objects.exists()


def test_the_week_to_plan_is_chosen_from_this_week_and_the_next_fifteen_saying_which_are_planned(manager):
    from kithkin.matching import presenters

    monday = presenters.next_monday()
    Roster.objects.create(week_starting=monday, figures={})

    page = client_for(manager).get("/rosters").content.decode()

    weeks = page.split('id="week"')[1].split("</select>")[0]
    assert weeks.count("<option") == 16 and "(this week)" in weeks
    assert f'value="{monday.isoformat()}">Mon {monday:%-d %b %Y} (planned)</option>' in weeks
    following = monday + timedelta(days=7)
    assert f'value="{following.isoformat()}" selected>Mon {following:%-d %b %Y}</option>' in weeks


def test_planning_a_week_already_planned_asks_first_as_its_repairs_would_go(district, manager):  # noqa: F811
    roster = plan(manager)

    response = client_for(manager).post("/rosters/plan", {"week": MONDAY.isoformat(), "seconds": "30"})

    page = response.content.decode()
    assert response.status_code == 400 and 'href="#replace"' in page and "is planned already" in page
    assert Roster.objects.get().pk == roster.pk  # nothing planned again


def test_a_week_waiting_for_the_task_worker_is_not_planned_twice(manager):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from kithkin.matching.tasks import plan_week_task

    DBTaskResult.objects.create(task_path=plan_week_task.module_path, backend_name="default", status="READY",
                                args_kwargs={"args": ["2030-03-04", 60, manager.pk], "kwargs": {}},
                                run_after=timezone.now())

    response = client_for(manager).post("/rosters/plan", {"week": "2030-03-04", "seconds": "60", "replace": "yes"})

    assert response.status_code == 400 and "is being planned now" in response.content.decode()
    assert not Roster.objects.exists()
    other = client_for(manager).post("/rosters/plan", {"week": "2030-03-11", "seconds": "60"})
    assert other.status_code == 302  # another week is planned (here at once: tests run tasks inline)


def test_a_visit_is_cancelled_only_on_the_plan_in_use_and_not_once_its_day_has_gone(district, manager):  # noqa: F811
    old = plan(manager)
    new = plan(manager)  # the week planned again: the first plan is kept, no longer in use
    visit = old.visits.exclude(carer=None).first()

    with pytest.raises(ActionError, match="planned again since"):
        repair.cancel_visit(visit, Auditor(manager))
    assert not old.changes.exists()

    later = new.visits.filter(date=MONDAY).exclude(carer=None).first()
    with pytest.raises(ActionError, match="a day that has gone cannot be changed"):
        repair.cancel_visit(later, Auditor(manager), today=date(2030, 3, 5))
    later.refresh_from_db()
    assert not later.cancelled and not new.changes.exists()


def test_a_visit_planned_after_its_window_is_listed_and_tagged_wherever_it_shows(district, manager):  # noqa: F811
    from kithkin.matching import rosters

    # Given a plan in which one visit starts 75 minutes after its window (a repair's price when the week is full)
    roster = plan(manager)
    visit = roster.visits.exclude(carer=None).filter(partner=None).first()
    visit.start = visit.latest + 75
    visit.save(update_fields=["start"])
    roster.figures = {**roster.figures, **rosters.figures(roster)}
    roster.save(update_fields=["figures"])
    CareTeamMember.objects.create(person=visit.person, user=manager, role="Named coordinator",
                                  is_named_coordinator=True)
    client = client_for(manager)

    # When the planner opens the roster, the carer's week and the person's week
    week = client.get(f"/rosters/{roster.pk}").content.decode()
    carer = client.get(f"/rosters/{roster.pk}/carers/{visit.carer_id}").content.decode()
    person = client.get(f"/people/{visit.person_id}/week").content.decode()
    listed = client.get("/rosters").content.decode()

    # Then each says the visit is 1 hour 15 minutes late, and the roster lists it under its own heading
    assert 'id="late"' in week and visit.person.full_name in week.split('data-testid="late"')[1].split("</ul>")[0]
    assert "1 hour 15 minutes late" in week and "the latest by 1 hour 15 minutes" in week
    assert "1 hour 15 minutes late" in carer and "1 hour 15 minutes late" in person
    # and the roster gives the window and the start as clock times
    starts_at = f"{visit.start // 60:02d}:{visit.start % 60:02d}"
    assert f"to start between {visit.earliest // 60:02d}:{visit.earliest % 60:02d} and " in week and starts_at in week
    assert f'/rosters/{roster.pk}#late"' in listed


def test_new_regular_visits_are_offered_for_the_roster_only_when_there_are_some(district, manager):  # noqa: F811
    from datetime import time

    from kithkin.matching import actions

    roster = plan(manager)
    edna = district["people"][0]
    CareTeamMember.objects.create(person=edna, user=manager, role="Named coordinator", is_named_coordinator=True)
    client = client_for(manager)
    assert "not on the roster" not in client.get(f"/people/{edna.pk}/week").content.decode()

    # Given Edna now also has lunch on Wednesdays
    actions.add_visit_pattern(edna, {"skill": "meals", "weekdays": [2], "earliest": time(12), "latest": time(13),
                                     "minutes": 30}, Auditor(manager))

    # Then her week offers that one visit for this roster, and adding it puts it on
    page = client.get(f"/people/{edna.pk}/week").content.decode()
    assert "1 visit from their regular visits is not on the roster for the week of 4 March" in page
    assert f'name="roster" value="{roster.pk}"' in page
    client.post(f"/people/{edna.pk}/week/add", {"roster": roster.pk})
    assert roster.visits.filter(person=edna, skill="meals", date=MONDAY + timedelta(days=2)).exists()
    assert "not on the roster" not in client.get(f"/people/{edna.pk}/week").content.decode()


def test_a_carer_marked_off_shows_as_off_and_can_be_marked_back_from_their_page(district, manager):  # noqa: F811
    roster = plan(manager)
    carer = roster.visits.filter(date=MONDAY).exclude(carer=None).first().carer
    client = client_for(manager)

    # Given the planner marks the carer off on Monday from the roster
    done = client.post(f"/rosters/{roster.pk}/carer-off", {"carer": carer.pk, "days": [MONDAY.isoformat()]},
                       follow=True).content.decode()

    # Then the roster says so, their week shows Monday off, and their page offers to mark them back
    assert f"{carer.full_name} is marked off on those days" in done
    week = client.get(f"/rosters/{roster.pk}/carers/{carer.pk}").content.decode()
    assert "Off</strong> marked off by" in week
    page = client.get(f"/carers/{carer.pk}").content.decode()
    assert "Days off" in page and "Monday 4 March 2030" in page and "Back at work" in page

    # When they are marked back at work, the day is no longer off (their visits stay with the others)
    back = client.post(f"/carers/{carer.pk}/back", {"day": MONDAY.isoformat()}, follow=True).content.decode()
    assert "can be given visits on Monday 4 March again" in back and not carer.absences.exists()
    assert "Choose a day they were marked off" in client.post(f"/carers/{carer.pk}/back", {"day": "not a day"},
                                                              follow=True).content.decode()


def test_someone_who_broke_the_glass_to_read_a_record_cannot_add_to_the_roster(district, manager):  # noqa: F811
    from kithkin.core.actions import break_glass

    roster = plan(manager)
    edna = district["people"][0]
    break_glass(manager, edna, "Ambulance crew asking who visits her", Auditor(manager))
    before = roster.visits.count()

    response = client_for(manager).post(f"/people/{edna.pk}/week/add", {"roster": roster.pk})

    assert response.status_code == 403 and roster.visits.count() == before


def test_a_carer_cannot_be_marked_off_or_back_for_a_day_gone(district, manager, monkeypatch):  # noqa: F811
    from kithkin.matching import actions

    roster = plan(manager)
    carer = district["carers"][0]
    actions.mark_off(carer, [MONDAY], Auditor(manager))
    # Given it is now the Tuesday of the week
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY + timedelta(days=1))

    with pytest.raises(ActionError, match="Monday 4 March is over"):
        repair.carer_off(roster, district["carers"][1], [MONDAY, MONDAY + timedelta(days=2)], Auditor(manager))
    with pytest.raises(ActionError, match="is over"):
        actions.mark_back(carer, MONDAY, Auditor(manager))
    page = client_for(manager).get(f"/rosters/{roster.pk}").content.decode()
    assert "Monday 4 March" not in page.split("Which days")[1] and "Wednesday 6 March" in page


def test_the_week_after_is_carried_on_from_the_page_unless_start_afresh_is_ticked(district, manager):  # noqa: F811
    # Given this week's roster
    plan(manager)
    client, next_week = client_for(manager), (MONDAY + timedelta(days=7)).isoformat()

    # When the week after is planned from the page, then planned again ticking "Start afresh"
    assert 'name="afresh"' in client.get("/rosters").content.decode()
    client.post("/rosters/plan", {"week": next_week, "seconds": "5"})
    carried = Roster.objects.get(week_starting=next_week, is_current=True)
    client.post("/rosters/plan", {"week": next_week, "seconds": "5", "replace": "yes", "afresh": "yes"})
    afresh = Roster.objects.get(week_starting=next_week, is_current=True)

    # Then the first carried on from this week's teams, and the second did not
    assert carried.figures["carried_from"] == MONDAY.isoformat() and carried.figures["teams_kept"] == 4
    assert afresh.pk != carried.pk and "carried_from" not in afresh.figures and afresh.figures["blind_km"] > 0


def test_the_team_week_lists_its_sections_and_each_link_has_a_place_to_go(district, manager):  # noqa: F811
    import re

    roster = plan(manager)
    page = client_for(manager).get(f"/rosters/{roster.pk}").content.decode()
    contents = page.split('data-testid="contents"')[1].split("</ul>")[0]
    targets = re.findall(r'href="#([a-z-]+)"', contents)
    assert {"team-week", "not-planned", "outside-team", "carer-off", "changes"} <= set(targets)
    assert all(f'id="{target}"' in page for target in targets)
