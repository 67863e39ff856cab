"""Mending teams after the search: a person whose regular team does less than 90% of their visits gets visits
brought back to the team, straight onto a team member's free time or by moving one of that member's visits on
to a carer on its own person's team; never at the cost of anyone else's 90%, a late visit or a broken pair,
and only where the whole week can be mended."""

import time

from kithkin.matching.engine import SEQUENTIAL, Carer, Problem, SyncLink, Visit, check
from kithkin.matching.engine.solver import timed
from kithkin.matching.mending import mend_teams

# Places on a line, a kilometre apart; a kilometre takes 2 minutes.
PLACES = 30


def problem_of(visits, routes):
    """visits: (id, place, earliest, latest, minutes, [route ids allowed]); routes: (id, home, start, end)."""
    km = [[abs(a - b) for b in range(PLACES)] for a in range(PLACES)]
    minutes = [[2 * d for d in row] for row in km]
    carers = [Carer(id=rid, skills=frozenset({"care"}), start_location=home, end_location=home, shift_start=start,
                    shift_end=end, person=rid.split(":")[0]) for rid, home, start, end in routes]
    return Problem(visits=[Visit(id=vid, location=place, earliest_start=early, latest_start=late, duration=dur,
                                 skill="care", allowed_carers=frozenset(allowed), sync=sync)
                           for vid, place, early, late, dur, allowed, sync in visits],
                   carers=carers, travel_time=minutes, distance=km)


def visit(vid, place, early, late, minutes=30, allowed=(), sync=None):
    return (vid, place, early, late, minutes, allowed, sync)


def plan_of(problem, rows):
    """Each route's visits in order (route id -> visit ids), at their earliest."""
    return timed(problem, [rows.get(carer.id, []) for carer in problem.carers])


def rows_of(solution):
    return {route.carer: [s.visit for s in route.stops] for route in solution.routes if route.stops}


def carers(*names):
    """Carers a, b and s (the stranger) are 1, 2 and 9 on the register."""
    return {{"a": 1, "b": 2, "s": 9}[n] for n in names}


def person_of(problem):
    return {v.id: int(v.id.split(":")[0][1:]) for v in problem.visits}


TUESDAY = ["1:tue", "9:tue"]
# Person 1 lives at 0, person 2 at 2. Carer a lives at 0 and is person 1's team; s lives at 5.
ROUTES = [("1:mon", 0, 420, 600), ("1:tue", 0, 420, 460), ("9:tue", 5, 420, 600)]


def test_a_visit_by_a_stranger_goes_to_the_team_member_free_that_day():
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 420, 480, allowed=TUESDAY)], ROUTES)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "9:tue": ["p1:tue"]})

    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a")})

    assert rows_of(mended.solution) == {"1:mon": ["p1:mon"], "1:tue": ["p1:tue"]}
    assert check(problem, mended.solution) == [] and mended.solution.cost.distance == 0
    assert (mended.short, mended.people) == (1, 1)


def test_a_team_member_busy_then_hands_their_visit_to_a_carer_on_that_persons_team():
    # Given carer a's Tuesday has room for one visit, taken by person 2, whose team has s in it too
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 420, 430, allowed=TUESDAY),
                          visit("p2:tue", 2, 420, 440, allowed=TUESDAY)], ROUTES)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "1:tue": ["p2:tue"], "9:tue": ["p1:tue"]})

    # When the teams are mended
    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a"), 2: carers("a", "s")})

    # Then the two swap: each person is visited by their team, and nobody is late
    assert rows_of(mended.solution) == {"1:mon": ["p1:mon"], "1:tue": ["p1:tue"], "9:tue": ["p2:tue"]}
    assert check(problem, mended.solution) == []
    assert mended.teams == {1: carers("a"), 2: carers("a", "s")} and mended.people == 1


def test_nobody_else_is_left_under_ninety_percent_to_mend_someone():
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 420, 430, allowed=TUESDAY),
                          visit("p2:tue", 2, 420, 440, allowed=TUESDAY)], ROUTES)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "1:tue": ["p2:tue"], "9:tue": ["p1:tue"]})

    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a"), 2: carers("a")})

    assert rows_of(mended.solution) == rows_of(plan) and (mended.short, mended.people) == (1, 0)


def test_a_week_that_cannot_reach_ninety_percent_is_left_as_it_was():
    # Person 1's team (a) is free on Tuesday but does not work on Wednesday: two of three visits is not 90%.
    routes = ROUTES + [("9:wed", 5, 420, 600)]
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 420, 480, allowed=TUESDAY),
                          visit("p1:wed", 0, 420, 480, allowed=["9:wed"])], routes)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "9:tue": ["p1:tue"], "9:wed": ["p1:wed"]})

    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a")})

    assert rows_of(mended.solution) == rows_of(plan) and mended.teams == {1: carers("a")}


def test_bringing_a_visit_back_never_costs_more_than_the_limit():
    # Person 1's team member lives 20 km away: bringing Tuesday back costs 30 km more (40 there and back, less
    # the stranger's 10)
    routes = [("1:mon", 20, 420, 600), ("1:tue", 20, 420, 600), ("9:tue", 5, 420, 600)]
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 460, 520, allowed=TUESDAY)], routes)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "9:tue": ["p1:tue"]})

    kept = mend_teams(problem, plan, person_of(problem), {1: carers("a")}, most_km=8).solution
    just = mend_teams(problem, plan, person_of(problem), {1: carers("a")}, most_km=30).solution

    assert rows_of(kept) == rows_of(plan)
    assert rows_of(just)["1:tue"] == ["p1:tue"] and just.cost.distance == 80


def test_half_of_a_two_carer_visit_moves_at_the_same_start_and_never_to_its_partners_carer():
    # Person 1's Tuesday visit needs two carers one after the other: the stranger at 07:10, then b at 07:40
    routes = ROUTES + [("2:tue", 0, 420, 600)]
    both = ["1:tue", "2:tue", "9:tue"]
    first = visit("p1:tue:a", 0, 420, 430, allowed=both,
                  sync=SyncLink(other="p1:tue:b", kind=SEQUENTIAL, min_gap=30, max_gap=60))
    visits = [visit("p1:mon", 0, 420, 480, allowed=["1:mon"]), first, visit("p1:tue:b", 0, 420, 480, allowed=both)]
    rows = {"1:mon": ["p1:mon"], "9:tue": ["p1:tue:a"], "2:tue": ["p1:tue:b"]}
    problem = problem_of(visits, routes)
    plan = plan_of(problem, rows)
    starts = {"p1:tue:a": 430, "p1:tue:b": 460}
    assert check(problem, plan) == [] and {s.visit: s.start for r in plan.routes for s in r.stops} == {
        "p1:mon": 420, **starts}

    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a", "b")}).solution

    assert rows_of(mended) == {"1:mon": ["p1:mon"], "1:tue": ["p1:tue:a"], "2:tue": ["p1:tue:b"]}
    assert check(problem, mended) == []
    assert {s.visit: s.start for r in mended.routes for s in r.stops if s.visit != "p1:mon"} == starts

    # Without carer a on Tuesday, the first half could fit before the second on b's route, but one carer
    # cannot be both of the two: nothing moves
    alone = problem_of(visits, [r for r in routes if r[0] != "1:tue"])
    plan = plan_of(alone, rows)
    assert rows_of(mend_teams(alone, plan, person_of(alone), {1: carers("a", "b")}).solution) == rows_of(plan)


def test_within_a_cap_on_the_plans_driving_dearer_visits_are_brought_back_too():
    # Bringing Tuesday back to a (who lives 10 km away) costs 10 km more: over the first limit of 8 km
    routes = [("1:mon", 10, 420, 600), ("1:tue", 10, 420, 600), ("9:tue", 5, 420, 600)]
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 460, 520, allowed=TUESDAY)], routes)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "9:tue": ["p1:tue"]})  # 20 + 10 km

    uncapped = mend_teams(problem, plan, person_of(problem), {1: carers("a")}, most_km=8)
    roomy = mend_teams(problem, plan, person_of(problem), {1: carers("a")}, most_km=8, km_cap=45)
    tight = mend_teams(problem, plan, person_of(problem), {1: carers("a")}, most_km=8, km_cap=35)

    assert uncapped.people == 0 and tight.people == 0 and rows_of(tight.solution) == rows_of(plan)
    assert roomy.people == 1 and rows_of(roomy.solution)["1:tue"] == ["p1:tue"] and roomy.solution.cost.distance == 40


def test_a_route_the_search_left_late_takes_nothing_more():
    # Carer a cannot reach person 2 (20 km away) in time on Tuesday: the visit is late (a soft window), and
    # mending makes nothing later, so a's day takes nothing more though person 1's visit would fit in it
    routes = [("1:mon", 0, 420, 600), ("1:tue", 0, 420, 600), ("9:tue", 5, 420, 600)]
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 420, 540, allowed=TUESDAY),
                          visit("p2:tue", 20, 420, 425, allowed=TUESDAY)], routes)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "1:tue": ["p2:tue"], "9:tue": ["p1:tue"]})

    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a"), 2: carers("a")})

    assert rows_of(mended.solution) == rows_of(plan) and mended.people == 0
    assert mended.solution.cost.total_tardiness == 35


def test_a_chain_hands_visits_on_through_two_teams():
    # Carers a and b each have room for one visit on Tuesday morning, and c is free. Person 1's visit (team a)
    # is with the stranger; a does person 2's (team a and b), b does person 3's (team b and c).
    routes = [("9:tue", 0, 400, 700), ("1:tue", 0, 400, 450), ("2:tue", 0, 400, 450), ("3:tue", 0, 400, 700)]
    problem = problem_of([visit("p1:tue", 0, 400, 430, allowed=["9:tue", "1:tue"]),
                          visit("p2:tue", 0, 400, 430, allowed=["1:tue", "2:tue"]),
                          visit("p3:tue", 0, 400, 430, allowed=["2:tue", "3:tue"])], routes)
    plan = plan_of(problem, {"9:tue": ["p1:tue"], "1:tue": ["p2:tue"], "2:tue": ["p3:tue"]})
    teams = {1: carers("a"), 2: carers("a", "b"), 3: {2, 3}}

    mended = mend_teams(problem, plan, person_of(problem), teams)

    assert rows_of(mended.solution) == {"1:tue": ["p1:tue"], "2:tue": ["p2:tue"], "3:tue": ["p3:tue"]}
    assert check(problem, mended.solution) == [] and mended.teams == teams


def test_another_team_from_the_carers_who_visit_is_tried_when_the_first_cannot_be_mended():
    # Person 1's team came out as a (Wednesday), but a works no other day: the stranger s, who does Monday and
    # Tuesday and works on Wednesday too, becomes the team
    routes = [("1:wed", 0, 420, 600), ("9:mon", 0, 420, 600), ("9:tue", 0, 420, 600), ("9:wed", 0, 420, 600)]
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["9:mon"]),
                          visit("p1:tue", 0, 420, 480, allowed=["9:tue"]),
                          visit("p1:wed", 0, 420, 480, allowed=["1:wed", "9:wed"])], routes)
    plan = plan_of(problem, {"9:mon": ["p1:mon"], "9:tue": ["p1:tue"], "1:wed": ["p1:wed"]})

    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a")})

    assert mended.teams == {1: carers("s")} and mended.people == 1
    assert rows_of(mended.solution) == {"9:mon": ["p1:mon"], "9:tue": ["p1:tue"], "9:wed": ["p1:wed"]}


def test_a_chain_never_puts_both_halves_of_a_tied_visit_on_one_route():
    # Person 1's visit is tied to person 3's an hour later (one after the other). Making room on a's route for
    # it would mean person 2's visit going to c, and person 3's (its other half) from c to a: refused
    routes = [("9:tue", 0, 400, 700), ("1:tue", 0, 400, 700), ("3:tue", 0, 400, 700)]
    problem = problem_of([visit("p1:tue", 0, 420, 430, allowed=["9:tue", "1:tue"],
                                sync=SyncLink(other="p3:tue", kind=SEQUENTIAL, min_gap=60, max_gap=60)),
                          visit("p3:tue", 0, 400, 600, allowed=["3:tue", "1:tue"]),
                          visit("p2:tue", 0, 440, 445, minutes=45, allowed=["1:tue", "3:tue"])], routes)
    plan = plan_of(problem, {"9:tue": ["p1:tue"], "1:tue": ["p2:tue"], "3:tue": ["p3:tue"]})
    assert check(problem, plan) == [] and [r.stops[0].start for r in plan.routes] == [420, 440, 480]

    mended = mend_teams(problem, plan, person_of(problem), {1: carers("a"), 2: {3}, 3: {5}})

    assert check(problem, mended.solution) == [] and rows_of(mended.solution) == rows_of(plan)


def test_past_the_deadline_nobody_more_is_tried():
    problem = problem_of([visit("p1:mon", 0, 420, 480, allowed=["1:mon"]),
                          visit("p1:tue", 0, 420, 480, allowed=TUESDAY)], ROUTES)
    plan = plan_of(problem, {"1:mon": ["p1:mon"], "9:tue": ["p1:tue"]})

    late = mend_teams(problem, plan, person_of(problem), {1: carers("a")}, deadline=time.monotonic() - 1)

    assert rows_of(late.solution) == rows_of(plan) and (late.short, late.people) == (1, 0)
