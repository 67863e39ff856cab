"""Next week carries on from this week: the same carers at the same times where they still can, and each
person's regular team kept, so people see the same faces week after week, not only within one week."""

from datetime import date, time, timedelta

import pytest

from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent
from kithkin.matching import actions
from kithkin.matching.carry_on import carried_from, carried_start
from kithkin.matching.models import Roster, RosterVisit
from kithkin.matching.rosters import plan_week
from kithkin.matching.week import load_week
from tests.conftest import client_for
from tests.matching.test_rosters import ITERATIONS, MONDAY, district, plan  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
NEXT = MONDAY + timedelta(days=7)


def plan_next(manager, **options) -> Roster:
    return plan_week(NEXT, Auditor(manager), time_limit_s=60, seed=1, max_iterations=ITERATIONS, **options)


def who_came(roster: Roster) -> dict:
    """(visit pattern, weekday, first or second carer) -> carer."""
    return {(v.pattern_id, v.date.weekday(), v.partner_id is not None): v.carer_id for v in roster.visits.all()}


def test_next_week_carries_on_with_the_same_teams_and_carers(district, manager):  # noqa: F811
    # Given this week's roster, planned with teams
    first = plan(manager)

    # When next week is planned
    second = plan_next(manager)

    # Then every person keeps their team, and each visit its carer on the same weekday
    f = second.figures
    assert (f["served"], f["unserved"], f["carried_from"]) == (32, 0, MONDAY.isoformat())
    assert (f["teams_kept"], f["teams_before"]) == (4, 4) and f["teams"] == first.figures["teams"]
    assert "blind_km" not in f and f["people_mostly_with_team"] == 1.0
    assert AuditEvent.objects.filter(kind="create", object_type="matching.Roster",
                                     summary__endswith="carried on from the week of 4 March 2030").count() == 1
    before, after = who_came(first), who_came(second)
    assert sum(after[k] == before[k] for k in after) >= 0.9 * len(after)


def test_a_carer_off_all_next_week_leaves_their_people_a_team_of_those_who_work(district, manager):  # noqa: F811
    # Given this week's roster, and one of its carers off the whole of next week
    first = plan(manager)
    ann = district["carers"][0]
    actions.mark_off(ann, [NEXT + timedelta(days=d) for d in range(7)], Auditor(manager))
    had_ann = {p for p, team in first.figures["teams"].items() if ann.pk in team}

    # When next week is planned
    second = plan_next(manager)

    # Then the people Ann was a team member for have a team of carers who work that week, the others keep theirs
    f = second.figures
    assert had_ann and f["served"] == 32 and f["carried_from"] == MONDAY.isoformat()
    assert all(ann.pk not in team for team in f["teams"].values())
    assert f["teams_kept"] == 4 - len(had_ann) and f["teams_before"] == 4
    assert not second.visits.filter(carer=ann).exists()


def test_a_week_can_be_planned_afresh_and_a_travel_only_plan_is_not_carried_on(district, manager):  # noqa: F811
    # Given this week's roster planned minding travel only
    plan_week(MONDAY, Auditor(manager), time_limit_s=60, seed=1, max_iterations=ITERATIONS, continuity=False)

    # When next week is planned, it starts from a travel-only draft, as it does when asked to start afresh
    carried = plan_next(manager)
    assert "carried_from" not in carried.figures and carried.figures["blind_km"] > 0
    plan(manager)
    afresh = plan_next(manager, carry_on=False)
    assert "carried_from" not in afresh.figures and afresh.figures["blind_km"] > 0


def test_the_roster_page_says_what_it_carried_on_from_and_how_many_kept_their_team(district, manager):  # noqa: F811
    plan(manager)
    second = plan_next(manager)

    page = client_for(manager).get(f"/rosters/{second.pk}")

    text = page.content.decode()
    assert page.status_code == 200
    assert "Teams kept" in text and "4 of 4 people have the same regular team" in text
    assert "carried on from the week of 4 March 2030" in text


def test_each_visit_starts_once_with_last_weeks_carer_on_the_same_weekday_both_halves_apart(district, manager):  # noqa: F811
    # Given this week's roster
    first = plan(manager)

    # When next week's start is made from it
    week = load_week(NEXT)
    start = carried_start(week, carried_from(week))

    # Then every visit of next week is in it once, on the route of the carer who did it last week that weekday
    placed = [(route, key) for route, keys in zip(week.routes, start, strict=True) for key in keys]
    assert sorted(key for _, key in placed) == sorted(v.key for v in week.visits)
    came = {(v.pattern_id, v.date.weekday(), v.partner_id is not None): v.carer_id for v in first.visits.all()}
    for route, key in placed:
        pattern, day, *half = key.split(":")
        assert int(route.person) == came[(int(pattern), date.fromisoformat(day).weekday(), half == ["b"])]
    halves = {key: int(route.person) for route, key in placed if key.endswith((":a", ":b"))}
    assert len(halves) == 4 and all(halves[k] != halves[k[:-1] + "b"] for k in halves if k.endswith(":a"))


def test_a_visit_at_the_hour_one_stretch_ends_and_the_next_begins_starts_on_one_of_them(district, manager):  # noqa: F811
    # Given this week's roster, one of Ann's visits at noon, and Ann's days in two stretches meeting at noon
    first = plan(manager)
    ann = district["carers"][0]
    visit = first.visits.filter(carer=ann, skill="personal_care").first()  # one carer
    RosterVisit.objects.filter(pk=visit.pk).update(start=12 * 60)
    actions.set_availability(ann, [(d, time(7), time(12)) for d in range(7)] + [(d, time(12), time(17))
                                                                                for d in range(7)], Auditor(manager))

    # When next week's start is made from it, the visit is on Ann's afternoon stretch only
    week = load_week(NEXT)
    start = carried_start(week, carried_from(week))
    key = f"{visit.pattern_id}:{(NEXT + timedelta(days=visit.date.weekday())).isoformat()}"
    routes = [route for route, keys in zip(week.routes, start, strict=True) if any(k.startswith(key) for k in keys)]
    assert [(r.person, r.shift_start) for r in routes] == [(str(ann.pk), 12 * 60)]


def test_a_roster_more_than_four_weeks_back_is_not_carried_on(district, manager):  # noqa: F811
    plan(manager)

    later = plan_week(MONDAY + timedelta(weeks=5), Auditor(manager), time_limit_s=60, seed=1,
                      max_iterations=ITERATIONS)
    within = plan_week(MONDAY + timedelta(weeks=4), Auditor(manager), time_limit_s=60, seed=1,
                       max_iterations=ITERATIONS)

    assert "carried_from" not in later.figures and within.figures["carried_from"] == MONDAY.isoformat()


def test_a_week_planned_again_carries_on_from_its_own_plan_in_use(district, manager):  # noqa: F811
    # Given this week planned with teams
    first = plan(manager)
    # When it is planned again
    again = plan_week(MONDAY, Auditor(manager), time_limit_s=60, seed=2, max_iterations=ITERATIONS)
    # Then it carried on from the plan in use (its teams kept), and the page says so
    f = again.figures
    assert f["planned_again"] and f["carried_from"] == MONDAY.isoformat() and "blind_km" not in f
    assert f["teams_kept"] == 4 and f["teams"] == first.figures["teams"]
    text = client_for(manager).get(f"/rosters/{again.pk}").content.decode()
    assert "4 of 4 people have the same regular team as in the plan before" in text
    assert AuditEvent.objects.filter(summary__contains="carried on from the plan before").exists()
    # And asked to start afresh, it plans from a travel-only draft
    afresh = plan_week(MONDAY, Auditor(manager), time_limit_s=60, seed=2, max_iterations=ITERATIONS, carry_on=False)
    assert "carried_from" not in afresh.figures and afresh.figures["blind_km"] > 0
