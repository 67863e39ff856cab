"""The engine on its own: feasible plans, exact costs, links kept, reasons for what cannot be done, repeatability."""

import numpy as np
import pytest

from kithkin.matching import hhcrsp
from kithkin.matching.engine import Carer, Problem, SyncLink, Visit, check, evaluate, solve
from kithkin.matching.engine.anneal import anneal, seed_random, try_relocate
from kithkin.matching.engine.arrays import as_tuple, build
from kithkin.matching.engine.model import SEQUENTIAL, Weights
from kithkin.matching.engine.moves import exchange_tails
from kithkin.matching.engine.schedule import full_cost
from kithkin.matching.engine.solver import initial_state, restart_from_best, timed, typical_hop
from tests.matching.hhcrsp_instances import tiny, with_unservable

BUDGET = dict(time_limit_s=20.0, max_iterations=20_000)


def solved(data, seed=1):
    problem = hhcrsp.to_problem(data)
    return problem, solve(problem, seed=seed, **BUDGET)


def test_tiny_instance_is_solved_feasibly_and_costed_exactly():
    data = tiny()
    problem, solution = solved(data)
    assert check(problem, solution) == []
    assert not solution.unserved
    assert evaluate(problem, solution).objective == pytest.approx(solution.cost.objective)
    written = hhcrsp.to_json(data, solution)
    assert hhcrsp.verify(data, written) == []
    assert written["cost"]["total_cost"] == pytest.approx(solution.cost.objective)


def test_linked_visits_keep_their_timing_with_two_carers():
    data = tiny()
    _, solution = solved(data)
    where = {s.visit: (r.carer, s.start) for r in solution.routes for s in r.stops}
    assert where["p3/s1"][1] == pytest.approx(where["p3/s3"][1])
    assert where["p3/s1"][0] != where["p3/s3"][0]
    assert 10 - 1e-6 <= where["p4/s3"][1] - where["p4/s2"][1] <= 25 + 1e-6
    assert 20 - 1e-6 <= where["p6/s1"][1] - where["p6/s3"][1] <= 40 + 1e-6


def test_a_visit_nobody_can_do_is_reported_and_the_rest_served():
    problem, solution = solved(with_unservable())
    assert [(u.visit, u.reason) for u in solution.unserved] == [("p8/s4", "no carer has skill s4")]
    assert check(problem, solution) == []
    assert sum(len(r.stops) for r in solution.routes) == len(problem.visits) - 1


def test_same_seed_and_iterations_give_the_same_plan():
    first = solved(tiny(), seed=7)[1]
    again = solved(tiny(), seed=7)[1]
    assert first.routes == again.routes
    assert first.cost == again.cost


@pytest.mark.parametrize("cycles", [1, 3])
def test_the_search_starts_again_from_its_best_plan_once_between_cycles(monkeypatch, cycles):
    from kithkin.matching.engine import solver

    restarts = []
    real = solver.restart_from_best
    monkeypatch.setattr(solver, "restart_from_best", lambda P, S: restarts.append(1) or real(P, S))
    problem = hhcrsp.to_problem(tiny())
    solution = solve(problem, seed=3, time_limit_s=20.0, max_iterations=60_000, cycles=cycles)
    assert len(restarts) == cycles - 1
    assert check(problem, solution) == []


def test_the_search_does_not_cost_more_than_the_first_plan():
    _, solution = solved(tiny())
    assert solution.cost.objective <= solution.history[0][1] + 1e-9


def test_shifts_hard_windows_and_a_pair_that_cannot_be_split():
    travel = [[0, 10, 10], [10, 0, 5], [10, 5, 0]]
    visits = [
        Visit("early", 1, 480, 500, 30, "care"),
        Visit("evening", 2, 1200, 1230, 30, "care"),  # after every shift
        Visit("hoist-a", 1, 600, 620, 30, "care", sync=SyncLink("hoist-b")),
        Visit("hoist-b", 1, 600, 620, 30, "care"),
        Visit("strict", 2, 540, 545, 20, "care", hard_latest=True),
    ]
    carers = [Carer("ann", frozenset({"care"}), 0, 0, 420, 900), Carer("bo", frozenset({"care"}), 0, 0, 420, 900)]
    problem = Problem(visits, carers, travel)
    solution = solve(problem, seed=2, **BUDGET)
    assert check(problem, solution) == []
    reasons = {u.visit: u.reason for u in solution.unserved}
    assert reasons == {"evening": "no carer with skill care is available between 20:00 and 21:00"}
    starts = {s.visit: s.start for r in solution.routes for s in r.stops}
    assert starts["hoist-a"] == starts["hoist-b"] and starts["strict"] <= 545
    assert solution.cost.hard_violation == 0


def test_timing_given_orders_matches_the_referee():
    data = tiny()
    problem, solution = solved(data)
    again = timed(problem, [[s.visit for s in r.stops] for r in solution.routes])
    assert again.cost.objective == pytest.approx(solution.cost.objective)


def test_plain_routing_baseline_gives_a_feasible_plan():
    from kithkin.matching.engine.baseline import solve_with_routing

    data = tiny()
    problem = hhcrsp.to_problem(data)
    solution = solve_with_routing(problem, time_limit_s=1.0)
    assert check(problem, solution) == []
    assert hhcrsp.verify(data, hhcrsp.to_json(data, solution)) == []


def test_exchanging_tails_between_routes_is_undone_by_doing_it_again():
    seq = np.array([[0, 1, 2, 0, 0, 0, 0], [3, 4, 5, 6, 0, 0, 0], [0] * 7], dtype=np.int64)
    length = np.array([3, 4, 0], dtype=np.int64)
    route_of = np.array([0, 0, 0, 1, 1, 1, 1], dtype=np.int64)
    pos_of = np.array([0, 1, 2, 0, 1, 2, 3], dtype=np.int64)
    before = (seq.copy(), length.copy(), route_of.copy(), pos_of.copy())
    buf = np.empty(7, dtype=np.int64)

    exchange_tails(seq, length, route_of, pos_of, 0, 1, 1, 3, buf)  # 0 then 6; 3 4 5 then 1 2
    assert list(seq[0, : length[0]]) == [0, 6] and list(seq[1, : length[1]]) == [3, 4, 5, 1, 2]
    for r in (0, 1):
        for k in range(length[r]):
            assert route_of[seq[r, k]] == r and pos_of[seq[r, k]] == k

    exchange_tails(seq, length, route_of, pos_of, 0, 1, 1, 3, buf)
    assert list(seq[0, :3]) == [0, 1, 2] and list(seq[1, :4]) == [3, 4, 5, 6]
    assert (length == before[1]).all() and (route_of == before[2]).all() and (pos_of == before[3]).all()


def crowded_with_links(seed=5) -> Problem:
    """60 visits in tight windows, a third of them in two-carer pairs (together or in order), for 3 carers
    whose shifts end before every visit can be done, and leaving a visit out costs little: plans that are late,
    linked across routes, and that the search keeps taking visits out of and putting back."""
    rng = np.random.default_rng(seed)
    places = rng.uniform(0, 30, size=(21, 2))
    travel = [[float(np.hypot(*(p - q))) for q in places] for p in places]
    visits = []
    for k in range(60):
        earliest = float(rng.integers(480, 900))
        visits.append(Visit(f"v{k}", int(rng.integers(1, 21)), earliest, earliest + 20, float(rng.integers(15, 45)),
                            "care", hard_latest=k % 10 == 0))
    for k in range(0, 20, 2):
        first, second = visits[k], visits[k + 1]
        second.location, second.earliest_start, second.latest_start = first.location, first.earliest_start, \
            first.latest_start + 30
        first.sync = SyncLink(second.id) if k % 4 else SyncLink(second.id, SEQUENTIAL, 10, 40)
    carers = [Carer(f"c{k}", frozenset({"care"}), 0, 0, 450, 1000) for k in range(3)]
    return Problem(visits, carers, travel, weights=Weights(unserved=30.0))


def test_timing_only_the_routes_a_move_touched_keeps_the_plan_exactly_timed():
    # Given a plan the search has changed thousands of times, re-timing only the routes each move touched
    problem = crowded_with_links()
    a = build(problem)
    P = as_tuple(a)
    S = initial_state(a, P)
    movable = np.arange(a.n, dtype=np.int64)
    seed_random(3)
    kept = 0
    for temperature in np.geomspace(5.0, 0.2, 300):
        kept += anneal(P, S, movable, 200, typical_hop(a) * temperature, typical_hop(a) * temperature, True)
        # When the whole plan is timed afresh
        start, late, by_route = np.zeros(a.n), np.zeros(3), np.zeros((a.m + 1, 3))
        ok, cost, distance, extra = full_cost(P, S[0], S[1], S[2], start, np.zeros(a.m + 1), S[10], S[11], late,
                                              by_route)
        # Then every start, every route's lateness and the cost are what the search kept
        served = S[2] < a.m
        assert ok and 0 < served.sum() < a.n
        assert np.allclose(S[4][served], start[served])
        assert np.allclose(S[17], by_route) and np.allclose(S[8], late)
        assert S[7][0] == pytest.approx(cost) and S[7][1] == pytest.approx(distance)
    assert kept > 100 and late[0] > 0 and by_route[:, 1].max() > 0


def test_a_visit_taken_out_of_the_plan_stops_holding_up_its_partner():
    # Given "lift-a" on ann's route after a long visit, with "lift-b" on bo's route waiting to start with it
    travel = [[0, 5, 5], [5, 0, 5], [5, 5, 0]]
    visits = [Visit("long", 1, 480, 480, 120, "care"),
              Visit("lift-a", 2, 480, 700, 30, "care", sync=SyncLink("lift-b")),
              Visit("lift-b", 2, 480, 700, 30, "care")]
    carers = [Carer("ann", frozenset({"care"}), 0, 0, 420, 900), Carer("bo", frozenset({"care"}), 0, 0, 420, 900)]
    a = build(Problem(visits, carers, travel))
    P = as_tuple(a)
    S = initial_state(a, P, rows=[[0, 1], [2]])
    assert S[4][2] == S[4][1] == 605
    # When lift-a is taken out of the plan (whatever it costs)
    assert try_relocate(P, S, 1, np.inf, True)
    # Then lift-b starts as soon as bo can be there
    assert S[4][2] == 480


def test_a_plan_to_start_from_with_half_of_each_two_carer_visit_places_both_halves_together():
    # Given a plan to start from that has only the second half of each two-carer visit (as a repair leaves it
    # when the carer who had the first half is off sick)
    problem = crowded_with_links(seed=3)
    a = build(problem)
    P = as_tuple(a)
    S = initial_state(a, P)
    rows = [[i for i in S[0][r, :S[1][r]] if not (a.partner[i] >= 0 and i < a.partner[i])] for r in range(a.m)]
    # When the first plan is built from it
    S = initial_state(a, P, rows)
    # Then every visit is where the plan's indexes say it is, and no pair is left half planned
    seq, length, route_of, pos_of = S[0], S[1], S[2], S[3]
    for r in range(a.m + 1):
        assert [(route_of[i], pos_of[i]) for i in seq[r, :length[r]]] == [(r, k) for k in range(length[r])]
    assert all((route_of[i] == a.m) == (route_of[a.partner[i]] == a.m) for i in range(a.n) if a.partner[i] >= 0)
    assert all(a.allowed[i, route_of[i]] for i in range(a.n) if route_of[i] < a.m)


def test_a_plan_to_start_from_loses_the_visits_its_carers_may_no_longer_do():
    # Given two carers at the same place, and a visit only the second may do, started on the first's round
    visit = Visit(id="v", location=1, earliest_start=0, latest_start=100, duration=30,
                  allowed_carers=frozenset({"b"}))
    carers = [Carer(id=c, skills=frozenset(), start_location=0, end_location=0) for c in ("a", "b")]
    problem = Problem(visits=[visit], carers=carers, travel_time=[[0, 1], [1, 0]])

    # When the engine plans from there
    solution = solve(problem, seed=1, start=[["v"], []], **BUDGET)

    # Then the visit is with the carer who may do it
    assert [[s.visit for s in r.stops] for r in solution.routes] == [[], ["v"]]
    assert check(problem, solution) == []


def test_a_restart_from_the_best_plan_times_it_afresh():
    # Given a search that has wandered off its best plan
    problem = crowded_with_links(seed=8)
    a = build(problem)
    P, exact = as_tuple(a), as_tuple(a, patient=True)
    S = initial_state(a, P)
    seed_random(4)
    anneal(P, S, np.arange(a.n, dtype=np.int64), 3000, typical_hop(a) * 2, typical_hop(a) * 2, True)
    best_routes, best_cost = S[12].copy(), S[14][0]
    assert not (S[2] == best_routes).all()
    # When it restarts from the best plan
    restart_from_best(exact, S)
    # Then the plan is the best one, with its cost, starts and each route's lateness timed afresh
    start, late, by_route = np.zeros(a.n), np.zeros(3), np.zeros((a.m + 1, 3))
    ok, cost, _, _ = full_cost(exact, S[0], S[1], S[2], start, np.zeros(a.m + 1), S[10], S[11], late, by_route)
    served = S[2] < a.m
    assert ok and (S[2] == best_routes).all() and S[7][0] == pytest.approx(best_cost) == cost
    assert np.allclose(S[4][served], start[served]) and np.allclose(S[17], by_route) and np.allclose(S[8], late)


def test_a_visits_nearest_are_near_in_time_as_well_as_place():
    # Given breakfast and bedtime at the same house, and breakfast next door (3 minutes away)
    travel = [[0, 3, 20], [3, 0, 20], [20, 20, 0]]
    visits = [Visit("breakfast", 0, 480, 510, 30, "care"), Visit("bedtime", 0, 1200, 1230, 30, "care"),
              Visit("breakfast-next-door", 1, 480, 540, 30, "care"), Visit("far-away", 2, 480, 540, 30, "care")]
    a = build(Problem(visits, [Carer("ann", frozenset({"care"}), 0, 0)], travel))
    # Then breakfast's nearest is next door's breakfast, and bedtime at the same house comes last
    assert list(a.neighbours[0]) == [2, 3, 1]
