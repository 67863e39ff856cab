"""solve_in_parts: a problem that falls apart (a week's days: no visit may go to another day's carers) is
solved part by part, side by side on several threads, and put back together.

Why: the search runs on one core, and a small server has two or more. The compiled search lets go of
Python's lock, so the parts really run at once. With `threads=0` every part runs at once and the operating
system shares the cores among them. Otherwise each thread takes its share of the parts (the visits spread
evenly) and gives them the whole time limit between them, by size. Each part is searched with its own seed
and its share of any iteration budget, so the plan for a seed and an iteration budget does not depend on how
many threads there were."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

from .evaluate import evaluate
from .model import Carer, Problem, Route, Solution
from .solver import CYCLES, solve


def solve_in_parts(problem: Problem, part_of: Callable[[Carer], Hashable], threads: int = 1,
                   time_limit_s: float = 30.0, seed: int = 0, max_iterations: int | None = None,
                   progress: Callable[[float, float], None] | None = None,
                   start: list[list[str]] | None = None, cycles: int = CYCLES) -> Solution:
    """`part_of(carer)` names each carer's part; `threads` parts are searched at once (0: all of them).
    Raises ValueError if a visit could go to two parts."""
    began = time.monotonic()
    parts = _split(problem, part_of, start)
    if len(parts) <= 1:
        return solve(problem, time_limit_s=time_limit_s, seed=seed, max_iterations=max_iterations,
                     progress=progress, start=start, cycles=cycles)
    threads = len(parts) if threads <= 0 else min(threads, len(parts))
    total = sum(len(p.visits) for p, _ in parts) or 1

    def one(k: int, seconds: float) -> Solution:
        sub, rows = parts[k]
        budget = None if max_iterations is None else max(1, max_iterations * len(sub.visits) // total)
        return solve(sub, time_limit_s=max(0.5, seconds), seed=seed + 7919 * k, max_iterations=budget,
                     start=rows, cycles=cycles, progress=(lambda s, best: progress(time.monotonic() - began, best))
                     if progress else None)

    def run(queue: list[int]) -> dict[int, Solution]:
        """One thread's parts in turn, each with its share of the time left by its size."""
        solved = {}
        for n, k in enumerate(queue):
            left = time_limit_s - (time.monotonic() - began)
            waiting = sum(len(parts[q][0].visits) for q in queue[n:]) or 1
            solved[k] = one(k, left * len(parts[k][0].visits) / waiting)
        return solved

    with ThreadPoolExecutor(max_workers=threads) as pool:
        solved = {k: s for found in pool.map(run, _queues(parts, threads)) for k, s in found.items()}
    return _join(problem, [solved[k] for k in range(len(parts))], began)


def _queues(parts, threads: int) -> list[list[int]]:
    """The parts shared among the threads, largest first to the thread with the fewest visits so far. Each
    thread then gives its parts the whole time limit between them, by size: seven days on two cores are four
    on one and three on the other, where rounds of two gave every day a quarter of the time and left a core
    idle in the last round."""
    queues: list[list[int]] = [[] for _ in range(threads)]
    load = [0] * threads
    for k in sorted(range(len(parts)), key=lambda k: (-len(parts[k][0].visits), k)):
        t = min(range(threads), key=lambda t: (load[t], t))
        queues[t].append(k)
        load[t] += len(parts[k][0].visits)
    return queues


def _split(problem: Problem, part_of, start) -> list[tuple[Problem, list[list[str]] | None]]:
    names: dict[Hashable, int] = {}
    carers_of: list[list[int]] = []
    for r, carer in enumerate(problem.carers):
        k = names.setdefault(part_of(carer), len(names))
        if k == len(carers_of):
            carers_of.append([])
        carers_of[k].append(r)
    if not carers_of:
        return [(problem, start)]  # nobody to plan for (every carer off): one part, every visit unserved
    part_of_carer = {problem.carers[r].id: k for k, rs in enumerate(carers_of) for r in rs}
    visits_of: list[list] = [[] for _ in carers_of]
    for visit in problem.visits:
        if visit.allowed_carers is None:
            raise ValueError(f"visit {visit.id} may go to any carer: the problem does not fall apart")
        found = {part_of_carer[c] for c in visit.allowed_carers if c in part_of_carer}
        if len(found) > 1:
            raise ValueError(f"visit {visit.id} may go to carers in two parts")
        visits_of[found.pop() if found else 0].append(visit)  # nobody allowed: part 0 reports it unserved
    parts = []
    for k, rs in enumerate(carers_of):
        carers = [problem.carers[r] for r in rs]
        sub = Problem(visits=visits_of[k], carers=carers, travel_time=problem.travel_time,
                      distance=problem.distance, weights=problem.weights)
        parts.append((sub, [start[r] for r in rs] if start else None))
    return parts


def _join(problem: Problem, solved: list[Solution], began: float) -> Solution:
    routes = {route.carer: route for s in solved for route in s.routes}
    joined = Solution(routes=[routes.get(c.id, Route(carer=c.id, stops=[])) for c in problem.carers],
                      unserved=[u for s in solved for u in s.unserved], cost=solved[0].cost,
                      iterations=sum(s.iterations for s in solved), seconds=time.monotonic() - began,
                      engine=solved[0].engine)
    # The parts' costs do not simply add up (the latest visit of the week is one maximum): price it whole.
    joined.cost = evaluate(problem, joined)
    return joined
