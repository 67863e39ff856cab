"""Plain-Python referee: what a plan costs and which rules it breaks, from its routes and stated start times.

Independent of the compiled search on purpose, so tests can hold the two against each other.
"""

from __future__ import annotations

from .model import SIMULTANEOUS, Cost, Problem, Solution

EPS = 1e-6


def placements(solution: Solution) -> dict[str, tuple[int, int]]:
    return {stop.visit: (r, k) for r, route in enumerate(solution.routes) for k, stop in enumerate(route.stops)}


def evaluate(problem: Problem, solution: Solution) -> Cost:
    """The objective parts of the plan as stated (its start times are taken as given)."""
    visits = {v.id: v for v in problem.visits}
    dist, travel, w = problem.distances, problem.travel_time, problem.weights
    cost = Cost()
    for carer, route in zip(problem.carers, solution.routes, strict=True):
        here = carer.start_location
        for stop in route.stops:
            visit = visits[stop.visit]
            cost.distance += dist[here][visit.location]
            here = visit.location
            cost.extra_cost += visit.extra_cost.get(carer.id, 0.0) * w.extra_cost
            late = max(0.0, stop.start - visit.latest_start)
            if visit.hard_latest:
                cost.hard_violation += late
            else:
                cost.total_tardiness += late
                cost.max_tardiness = max(cost.max_tardiness, late)
        if route.stops:
            cost.distance += dist[here][carer.end_location]
            end = route.stops[-1].end + travel[here][carer.end_location]
            begin = route.stops[0].start - travel[carer.start_location][visits[route.stops[0].visit].location]
            cost.hard_violation += max(0.0, end - carer.shift_end) + max(0.0, end - begin - carer.max_working_time)
    cost.unserved = len(problem.visits) - len(placements(solution))
    cost.objective = (w.distance * cost.distance + w.total_tardiness * cost.total_tardiness
                      + w.max_tardiness * cost.max_tardiness + cost.extra_cost + w.unserved * cost.unserved
                      + w.hard_violation * cost.hard_violation)
    return cost


def check(problem: Problem, solution: Solution) -> list[str]:
    """Every broken rule, in words; an empty list means the plan is feasible."""
    faults = check_routes(problem, solution)
    placed = placements(solution)
    unserved = {u.visit for u in solution.unserved}
    for visit in problem.visits:
        if visit.id not in placed and visit.id not in unserved:
            faults.append(f"{visit.id} is neither served nor reported unserved")
        if visit.id in placed and visit.id in unserved:
            faults.append(f"{visit.id} is both served and reported unserved")
    return faults + check_links(problem, solution, placed)


def check_routes(problem: Problem, solution: Solution) -> list[str]:
    visits = {v.id: v for v in problem.visits}
    travel = problem.travel_time
    faults: list[str] = []
    seen: set[str] = set()
    for carer, route in zip(problem.carers, solution.routes, strict=True):
        if route.carer != carer.id:
            faults.append(f"route {route.carer} is not in the carers' order")
        here, free = carer.start_location, carer.shift_start
        for stop in route.stops:
            visit = visits[stop.visit]
            if stop.visit in seen:
                faults.append(f"{stop.visit} is served twice")
            seen.add(stop.visit)
            if visit.skill is not None and visit.skill not in carer.skills:
                faults.append(f"{carer.id} lacks skill {visit.skill} for {visit.id}")
            if visit.allowed_carers is not None and carer.id not in visit.allowed_carers:
                faults.append(f"{carer.id} is not allowed to do {visit.id}")
            if stop.start < visit.earliest_start - EPS:
                faults.append(f"{visit.id} starts before its window")
            if stop.start < free + travel[here][visit.location] - EPS:
                faults.append(f"{carer.id} cannot reach {visit.id} by {stop.start}")
            if visit.hard_latest and stop.start > visit.latest_start + EPS:
                faults.append(f"{visit.id} starts after its hard latest start")
            if abs(stop.end - stop.start - visit.duration) > EPS:
                faults.append(f"{visit.id} does not last its duration")
            here, free = visit.location, stop.end
        if route.stops and free + travel[here][carer.end_location] > carer.shift_end + EPS:
            faults.append(f"{carer.id} gets home after the end of the shift")
    return faults


def check_links(problem: Problem, solution: Solution, placed: dict[str, tuple[int, int]]) -> list[str]:
    faults = []
    starts = {stop.visit: stop.start for route in solution.routes for stop in route.stops}
    for visit in problem.visits:
        link = visit.sync
        if link is None:
            continue
        if (visit.id in placed) != (link.other in placed):
            faults.append(f"{visit.id} and {link.other} are linked but only one is served")
            continue
        if visit.id not in placed:
            continue
        if placed[visit.id][0] == placed[link.other][0]:
            faults.append(f"{visit.id} and {link.other} need two different carers")
        gap = starts[link.other] - starts[visit.id]
        if link.kind == SIMULTANEOUS and abs(gap) > EPS:
            faults.append(f"{visit.id} and {link.other} do not start together")
        if link.kind != SIMULTANEOUS and not link.min_gap - EPS <= gap <= link.max_gap + EPS:
            faults.append(f"{link.other} starts {gap:g} after {visit.id}, outside [{link.min_gap}, {link.max_gap}]")
    return faults
