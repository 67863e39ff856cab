"""The engine on its own: feasible plans, exact costs, links kept, reasons for what cannot be done, repeatability."""

import numpy as np
import pytest

from kithkin.matching import hhcrsp
from kithkin.matching.engine import Carer, Problem, SyncLink, Visit, check, evaluate, solve
from kithkin.matching.engine.moves import exchange_tails
from kithkin.matching.engine.solver import timed
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
