"""A week solved a day per part on several threads, and each person's regular team chosen by who is free
when their visits are (not only who lives nearest) and who covers the days the others do not."""

from collections import Counter
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest

from kithkin.matching import hhcrsp
from kithkin.matching.engine import Carer as Route
from kithkin.matching.engine import SyncLink, check, evaluate
from kithkin.matching.engine.parts import _queues, solve_in_parts
from kithkin.matching.models import TwoCarers
from kithkin.matching.rosters import _at_stake, _held
from kithkin.matching.teams import choose_teams, settled_teams
from kithkin.matching.week import Week, WeekVisit
from tests.matching.hhcrsp_instances import tiny

BUDGET = dict(time_limit_s=20.0, max_iterations=20_000)
MONDAY = date(2030, 3, 4)


def two_days():
    """The tiny instance twice over, as Monday and Tuesday: each day's visits may go to that day's carers only."""
    one = hhcrsp.to_problem(tiny())
    carers, visits = [], []
    for day in ("mon", "tue"):
        ours = [replace(c, id=f"{c.id}:{day}") for c in one.carers]
        carers += ours
        for v in one.visits:
            sync = replace(v.sync, other=f"{v.sync.other}:{day}") if v.sync else None
            visits.append(replace(v, id=f"{v.id}:{day}", sync=sync,
                                  allowed_carers=frozenset(c.id for c in ours if v.skill in c.skills)))
    return replace(one, carers=carers, visits=visits)


def day_of(carer_id):
    return carer_id.split(":")[1]


def by_day(carer):
    return day_of(carer.id)


def test_a_week_solved_day_by_day_is_feasible_and_priced_whole():
    problem = two_days()

    solution = solve_in_parts(problem, by_day, threads=2, seed=1, **BUDGET)

    assert check(problem, solution) == [] and not solution.unserved
    assert solution.cost.objective == pytest.approx(evaluate(problem, solution).objective)
    for route in solution.routes:
        assert all(day_of(route.carer) == stop.visit.split(":")[1] for stop in route.stops)


def test_the_plan_for_a_seed_does_not_depend_on_the_number_of_threads():
    problem = two_days()

    one = solve_in_parts(problem, by_day, threads=1, seed=3, **BUDGET)
    two = solve_in_parts(problem, by_day, threads=2, seed=3, **BUDGET)
    every_day_at_once = solve_in_parts(problem, by_day, threads=0, seed=3, **BUDGET)

    plans = [[[s.visit for s in r.stops] for r in solution.routes] for solution in (one, two, every_day_at_once)]
    assert plans[0] == plans[1] == plans[2]


def test_seven_days_on_two_threads_are_four_on_one_and_three_on_the_other_with_the_visits_shared_evenly():
    sizes = [380, 395, 390, 385, 400, 250, 240]  # Monday to Sunday: the weekend is quieter
    parts = [(SimpleNamespace(visits=[None] * n), None) for n in sizes]

    queues = _queues(parts, threads=2)

    assert sorted(k for queue in queues for k in queue) == list(range(7))
    assert sorted(len(queue) for queue in queues) == [3, 4]
    loads = [sum(sizes[k] for k in queue) for queue in queues]
    assert abs(loads[0] - loads[1]) <= max(sizes)  # each thread has about half the week's visits
    assert [len(queue) for queue in _queues(parts, threads=7)] == [1] * 7


def test_a_visit_that_could_go_to_either_day_is_refused():
    problem = two_days()
    problem.visits[0] = replace(problem.visits[0], allowed_carers=frozenset({"c1:mon", "c1:tue"}))

    with pytest.raises(ValueError, match="two parts"):
        solve_in_parts(problem, by_day, threads=2, seed=1, **BUDGET)


def test_linked_visits_stay_linked_when_solved_in_parts():
    problem = two_days()
    assert any(isinstance(v.sync, SyncLink) for v in problem.visits)

    solution = solve_in_parts(problem, by_day, threads=2, seed=1, **BUDGET)

    assert check(problem, solution) == []


# Choosing teams: carers live along a line east of everyone (a degree of longitude is about 68 km here).
def carer(pk, km_east):
    return SimpleNamespace(pk=pk, latitude=52.4, longitude=0.2 + km_east / 68)


def stretch(carer_id, day, start=7 * 60, end=10 * 60):
    when = MONDAY.replace(day=MONDAY.day + day).isoformat()
    return Route(id=f"{carer_id}:{when}:0", skills=frozenset({"personal_care"}), start_location=0, end_location=0,
                 shift_start=start, shift_end=end, person=str(carer_id))


def visit(key, person_id, day=0):
    return WeekVisit(key=key, person_id=person_id, pattern_id=1, day=MONDAY.replace(day=MONDAY.day + day),
                     skill="personal_care", earliest=8 * 60, latest=9 * 60, minutes=45, postcode="FN1 1AA")


def week_of(visits, routes, carers):
    people = {v.person_id for v in visits}
    return Week(MONDAY, visits, routes, {c.pk: c for c in carers}, ["FN1 1AA"],
                {p: {c.pk for c in carers} for p in people})


def teams_for(week):
    homes = {v.person_id: (52.4, 0.2) for v in week.visits}
    return choose_teams(week, planned=Counter(), before=Counter(), homes=homes)


def test_a_carer_whose_morning_is_promised_is_not_put_on_another_team_for_that_morning(settings):
    settings.KITHKIN_TEAM_SIZE = 1
    near, further = carer(1, 1), carer(2, 2)
    # Edna (person 10) needs two visits between 8 and 9:45; Frank (11) one. Near can do two, not three;
    # further is a kilometre on (teams are near: a free carer much further away would not win).
    visits = [visit("edna-wash", 10), visit("edna-dress", 10), visit("frank", 11)]
    week = week_of(visits, [stretch(1, 0), stretch(2, 0)], [near, further])

    teams = teams_for(week)

    assert teams == {10: {1}, 11: {2}}


def test_a_team_covers_the_days_its_first_carer_does_not_work(settings):
    settings.KITHKIN_TEAM_SIZE = 2
    weekdays, also_weekdays, weekends = carer(1, 1), carer(2, 2), carer(3, 3)
    routes = ([stretch(1, d) for d in range(5)] + [stretch(2, d) for d in range(5)]
              + [stretch(3, d) for d in (0, 5, 6)])
    visits = [visit(f"edna-{d}", 10, day=d) for d in range(7)]
    week = week_of(visits, routes, [weekdays, also_weekdays, weekends])

    teams = teams_for(week)

    assert teams == {10: {1, 3}}


def test_of_two_carers_free_for_the_visits_the_nearer_joins_the_team(settings):
    settings.KITHKIN_TEAM_SIZE = 1
    further, nearer = carer(1, 6), carer(2, 2)
    week = week_of([visit("edna-wash", 10)], [stretch(1, 0), stretch(2, 0)], [further, nearer])

    teams = teams_for(week)

    assert teams == {10: {2}}


def two_carer_visit(key, person_id, day):
    """A visit by two carers at once, as the week holds it: two halves, the first naming the second."""
    first = replace(visit(f"{key}:a", person_id, day), partner_key=f"{key}:b", two_carers=TwoCarers.TOGETHER)
    return [first, visit(f"{key}:b", person_id, day)]


def test_a_daily_two_carer_visit_gets_two_team_members_every_day(settings):
    settings.KITHKIN_TEAM_SIZE = 3
    # Given Edna needs two carers together each weekday: carer 1 works every weekday, 2 and 3 (near) work
    # Tuesday, Wednesday and Friday, and 4 (further) Monday and Thursday.
    carers = [carer(1, 1), carer(2, 1.5), carer(3, 2), carer(4, 5)]
    routes = ([stretch(1, d) for d in range(5)] + [stretch(2, d) for d in (1, 2, 4)]
              + [stretch(3, d) for d in (1, 2, 4)] + [stretch(4, d) for d in (0, 3)])
    visits = [half for d in range(5) for half in two_carer_visit(f"edna-{d}", 10, d)]
    week = week_of(visits, routes, carers)

    # When her team is chosen
    teams = teams_for(week)

    # Then it has two carers for every day (the nearest three would leave her a stranger on Mondays and
    # Thursdays: 8 visits of 10 by her team)
    assert teams == {10: {1, 2, 4}}


def test_the_team_a_plan_settles_on_is_one_that_could_do_nine_visits_in_ten(settings):
    settings.KITHKIN_TEAM_SIZE = 3
    # Given Edna's daily visit, carers 1 to 3 off on Sundays and carer 4 working Mondays and Sundays
    carers = [carer(1, 1), carer(2, 1), carer(3, 1), carer(4, 1)]
    routes = ([stretch(c, d) for c in (1, 2, 3) for d in range(6)] + [stretch(4, d) for d in (0, 6)])
    week = week_of([visit(f"edna-{d}", 10, day=d) for d in range(7)], routes, carers)
    # and a plan in which carer 1 did three of her visits, 2 two, and 3 and 4 one each
    done = Counter({(10, 1): 3, (10, 2): 2, (10, 3): 1, (10, 4): 1})

    # When the plan's teams are settled
    teams = settled_teams(week, done, prefer={})

    # Then her team is not the busiest three, who could never do her Sundays, but as busy a three who could
    assert teams == {10: {1, 2, 4}}


def test_of_teams_that_could_do_the_visits_the_plan_settles_on_the_busiest(settings):
    settings.KITHKIN_TEAM_SIZE = 2
    carers = [carer(1, 1), carer(2, 1), carer(3, 1)]
    routes = [stretch(c, d) for c in (1, 2, 3) for d in range(2)]
    week = week_of([visit(f"edna-{d}", 10, day=d) for d in range(2)], routes, carers)

    teams = settled_teams(week, Counter({(10, 3): 1, (10, 2): 1}), prefer={10: {1, 2}})

    assert teams == {10: {2, 3}}


def ninety_percent_week():
    """Grace has all ten visits from her team, carer 1 (one to spare), Edna nine (none to spare), Frank eight
    (under 90%)."""
    people = {10: "edna", 11: "frank", 12: "grace"}
    visits = [visit(f"{name}-{d}", p, day=d % 7) for p, name in people.items() for d in range(10)]
    week = week_of(visits, [], [carer(1, 1), carer(2, 1)])
    done = {1: [f"grace-{d}" for d in range(10)] + [f"edna-{d}" for d in range(9)] + [f"frank-{d}" for d in range(8)],
            2: ["edna-9", "frank-8", "frank-9"]}
    plan = SimpleNamespace(routes=[SimpleNamespace(carer=f"{c}:2030-03-04:0", stops=[SimpleNamespace(visit=k)
                                                                                  for k in keys])
                                   for c, keys in done.items()])
    return week, plan, {p: {1} for p in people}


def test_the_people_whose_90_percent_is_at_stake_are_under_it_or_at_it_with_none_to_spare():
    week, plan, teams = ninety_percent_week()

    assert _at_stake(week, plan, teams) == [10, 11]


def test_a_later_search_must_leave_as_many_visits_with_the_team_as_each_persons_90_percent_needs():
    # Given a plan where Grace has a visit to spare, Edna none and Frank is under 90%
    week, plan, teams = ninety_percent_week()

    # When the visits to hold with the team are picked
    held = _held(week, plan, teams)

    # Then nine of Grace's ten are held (the tenth may go elsewhere), all nine of Edna's and Frank's eight:
    # only visits their team does
    assert sum(k.startswith("grace") for k in held) == 9
    assert {k for k in held if k.startswith("edna")} == {f"edna-{d}" for d in range(9)}
    assert {k for k in held if k.startswith("frank")} == {f"frank-{d}" for d in range(8)}
