"""solve(problem, time_limit_s, seed): construction, then simulated annealing, then the plan in plain terms.

Determinism: the search is a pure function of the problem, the seed and the number of iterations. Pass
`max_iterations` for results that repeat exactly on any machine (the time limit then only guards against a
slow machine); with a time limit alone the cooling follows the clock, so runs differ with machine load.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .anneal import anneal, seed_random
from .arrays import Arrays, as_tuple, build
from .construct import construct
from .model import Problem, Solution
from .report import drop_orphans, to_solution
from .schedule import full_cost

WIDTH = 8  # places priced exactly per visit when building the first plan
CHUNK = 20_000  # iterations between looks at the clock
# Cooling cycles, each from the best plan so far: the default, tuned on the HHCRSP instances. Callers pass
# `cycles` where their problems are planned better otherwise (a week's rosters: rosters.CYCLES says why).
CYCLES = 3
LATENESS_HEAT = 5.0  # hotter by up to this factor when lateness is the plan's whole cost (tuned on 75_1)
T_START, T_END = 10.0, 0.1  # temperatures, in multiples of a typical short hop's cost (tuned on the 300s)


def initial_state(a: Arrays, P: tuple, rows: list[list[int]] | None = None) -> tuple:
    """The first plan: `rows` (visit indices per carer, a plan to start from) if given, then every visit
    still unplaced inserted where it costs least, linked pairs first (they are the hardest to fit)."""
    n, m = a.n, a.m
    seq = np.zeros((m + 1, max(n, 1)), dtype=np.int64)
    length = np.zeros(m + 1, dtype=np.int64)
    route_of = np.full(n, m, dtype=np.int64)
    placed = {i for visits in rows or [] for i in visits}
    for r, visits in enumerate(rows or []):
        # A pair is placed together or not at all (construction moves both halves): a plan to start from that
        # lacks one half (its carer is off sick, or may no longer do it) starts with the other in the pool too.
        for i in (i for i in visits if a.partner[i] < 0 or a.partner[i] in placed):
            route_of[i], seq[r, length[r]] = r, i
            length[r] += 1
    pool = np.nonzero(route_of == m)[0]
    seq[m, : len(pool)] = pool
    length[m] = len(pool)
    pos_of = np.zeros(n, dtype=np.int64)
    for r in range(m + 1):
        pos_of[seq[r, : length[r]]] = np.arange(length[r])
    start, queue, queued = np.zeros(n), np.zeros(max(m, 1), dtype=np.int64), np.zeros(m + 1, dtype=np.bool_)
    order = np.lexsort((a.latest, a.earliest, a.partner < 0)).astype(np.int64)
    construct(P, seq, length, route_of, pos_of, start, queue, queued, order, WIDTH)
    route_dist, late, by_route = np.zeros(m + 1), np.zeros(3), np.zeros((m + 1, 3))
    ok, cost, distance, extra = full_cost(P, seq, length, route_of, start, route_dist, queue, queued, late, by_route)
    if not ok and rows:
        return initial_state(a, P)  # the plan to start from deadlocks here: start afresh
    assert ok, "the first plan deadlocks"
    totals = np.array([cost, distance, extra])
    best = np.array([cost, 0.0, 0.0, 0.0])
    return (seq, length, route_of, pos_of, start, start.copy(), route_dist, totals, late, late.copy(),
            queue, queued, route_of.copy(), pos_of.copy(), best, np.zeros(m + 1, dtype=np.int64),
            np.zeros(m + 1, dtype=np.bool_), by_route, by_route.copy())


def typical_hop(a: Arrays) -> float:
    """Weighted cost of travelling to a visit's fifth nearest neighbour, on average: sets the temperatures."""
    if a.n < 2:
        return 1.0
    k = min(4, a.n - 2)
    hop = a.travel[np.ix_(a.location, a.location)]
    both_ways = hop + hop.T
    np.fill_diagonal(both_ways, np.inf)
    fifth = np.argpartition(both_ways, k, axis=1)[:, k]  # in place only, whatever the time: the scale of a hop
    hops = a.dist[a.location, a.location[fifth]]
    return max(1e-6, float(np.mean(hops)) * float(a.weights[0]))


def restore_best(S: tuple, P: tuple, m: int) -> None:
    """Put the best plan seen back into the sequences (it was kept as each visit's route and position)."""
    seq, length, route_of, pos_of = S[0], S[1], S[2], S[3]
    route_of[:], pos_of[:] = S[12], S[13]
    seq[route_of, pos_of] = np.arange(len(route_of))
    length[:] = np.bincount(route_of, minlength=m + 1)


def solve(
    problem: Problem,
    time_limit_s: float = 30.0,
    seed: int = 0,
    max_iterations: int | None = None,
    progress: Callable[[float, float], None] | None = None,
    start: list[list[str]] | None = None,
    cycles: int = CYCLES,
) -> Solution:
    """Plan every visit it can within the time limit; `progress(seconds, best_objective)` is called now and then.
    `start` (visit ids per carer, in the carers' order) is a plan to begin from, as a repair does; `cycles`: how
    many times the search cools, each time from the best plan so far."""
    began = time.monotonic()
    a = build(problem)
    P = as_tuple(a)
    exact = as_tuple(a, patient=True)  # for whole-plan timings that must not fail (see restart_from_best)
    index = {v.id: i for i, v in enumerate(problem.visits)}
    # A plan to start from keeps only what each carer may still do (a visit since held to a person's team, or
    # ruled out for its carer): the rest is placed afresh, as the search would never move it for being there.
    rows = [[index[v] for v in visits if v in index and a.allowed[index[v], r]]
            for r, visits in enumerate(start)] if start else None
    S = initial_state(a, P, rows)
    movable = np.array([i for i in range(a.n) if a.allowed_ptr[i + 1] > a.allowed_ptr[i]], dtype=np.int64)
    history = [(time.monotonic() - began, float(S[14][0]))]
    iterations = 0
    if len(movable) and a.m:
        seed_random(seed)
        hop = typical_hop(a)
        pool_moves = bool(np.isfinite(a.shift_end).any() or np.isfinite(a.max_work).any() or a.hard_latest.any())
        iterations = search(
            P, exact, S, movable, hop, pool_moves, began, time_limit_s, max_iterations, history, progress, cycles
        )
    restore_best(S, P, a.m)
    drop_orphans(a, S)
    full_cost(exact, S[0], S[1], S[2], S[4], S[6], S[10], S[11], S[8], S[17])
    solution = to_solution(problem, a, S)
    solution.iterations, solution.seconds, solution.history = iterations, time.monotonic() - began, history
    return solution


def search(P, exact, S, movable, hop, pool_moves, began, time_limit_s, max_iterations, history, progress,
           cycles=CYCLES) -> int:
    """Cool from T_START to T_END `cycles` times over the budget (iterations if given, else time), in chunks."""
    done = 0
    last_report = 0.0
    searching = time.monotonic()
    cycles_done = 0.0
    while True:
        elapsed = time.monotonic() - began
        if elapsed >= time_limit_s or (max_iterations is not None and done >= max_iterations):
            return done
        fraction = done / max_iterations if max_iterations else elapsed / time_limit_s
        chunk = CHUNK if max_iterations is None else min(CHUNK, max_iterations - done)
        step = chunk / max_iterations if max_iterations else pace(time.monotonic() - searching, done, time_limit_s)
        cycle, local = divmod(fraction * cycles, 1.0)
        if cycle > cycles_done:
            cycles_done = cycle
            restart_from_best(exact, S)
        scale = hop * (1.0 + LATENESS_HEAT * lateness_share(P, S))
        t_from = scale * T_START * (T_END / T_START) ** local
        t_to = scale * T_START * (T_END / T_START) ** min(1.0, local + step * cycles)
        anneal(P, S, movable, chunk, t_from, t_to, pool_moves)
        done += chunk
        best = float(S[14][0])
        if best < history[-1][1] - 1e-9:
            history.append((time.monotonic() - began, best))
        if progress and time.monotonic() - last_report >= 2.0:
            last_report = time.monotonic()
            progress(last_report - began, best)


def lateness_share(P: tuple, S: tuple) -> float:
    """How much of the current plan's cost is lateness: plans that must be late need a hotter search."""
    w, late, objective = P[20], S[8], float(S[7][0])
    return float(w[1] * late[0] + w[2] * late[1]) / objective if objective > 0 else 0.0


def restart_from_best(P: tuple, S: tuple) -> None:
    """Continue from the best plan so far (a new cooling cycle starts from it). P must carry the exact
    limits (as_tuple(patient=True)): the quick ones stop after so many sweeps, so whether they call a real
    plan deadlocked depends on the order routes are swept in, and the best plan was timed a few routes at a
    time. The exact timing of a plan that settled once is the same starts, so the search goes on as it was."""
    m = len(S[1]) - 1
    restore_best(S, P, m)
    _, cost, distance, extra = full_cost(P, S[0], S[1], S[2], S[4], S[6], S[10], S[11], S[8], S[17])
    S[7][:] = cost, distance, extra


def pace(elapsed: float, done: int, time_limit_s: float) -> float:
    """How much of the time budget the next chunk will likely take, from the pace so far."""
    if done == 0:
        return 0.001
    return (elapsed / done) * CHUNK / time_limit_s


def timed(problem: Problem, sequences: list[list[str]], engine: str = "kithkin") -> Solution:
    """The earliest timing and cost of given visit orders (one list of visit ids per carer, in carers' order).

    Visits in no list are unserved. Raises ValueError if the orders' links deadlock.
    """
    a = build(problem)
    P = as_tuple(a, patient=True)
    n, m = a.n, a.m
    index = {v.id: i for i, v in enumerate(problem.visits)}
    seq = np.zeros((m + 1, max(n, 1)), dtype=np.int64)
    length = np.zeros(m + 1, dtype=np.int64)
    route_of = np.full(n, m, dtype=np.int64)
    for r, visits in enumerate(sequences):
        for visit in visits:
            route_of[index[visit]] = r
            seq[r, length[r]] = index[visit]
            length[r] += 1
    for i in np.nonzero(route_of == m)[0]:
        seq[m, length[m]] = i
        length[m] += 1
    pos_of = np.zeros(n, dtype=np.int64)
    for r in range(m + 1):
        pos_of[seq[r, : length[r]]] = np.arange(length[r])
    start, route_dist, late, by_route = np.zeros(n), np.zeros(m + 1), np.zeros(3), np.zeros((m + 1, 3))
    queue, queued = np.zeros(max(m, 1), dtype=np.int64), np.zeros(m + 1, dtype=np.bool_)
    ok, *_ = full_cost(P, seq, length, route_of, start, route_dist, queue, queued, late, by_route)
    if not ok:
        raise ValueError("the visit orders deadlock: linked visits wait for each other")
    S = (seq, length, route_of, pos_of, start, None, route_dist, None, late)
    solution = to_solution(problem, a, S)
    solution.engine = engine
    return solution
