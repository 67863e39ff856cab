"""A plain OR-Tools routing model of the same problem: the yardstick the issue asks the engine to beat.

Plain means the textbook model, not a weak one: one vehicle per carer with its own start and end, a time
dimension (travel + duration as transit, waiting as slack), windows' earliest starts as cumul minimums and
latest starts as soft upper bounds (hard ones as maximums), skills and permitted carers as allowed vehicles,
linked visits as constraints on their cumul and vehicle variables, optional visits as disjunctions priced at
the unserved penalty, guided local search for the time limit. What routing cannot price directly (the
maximum tardiness term) is left out of its objective but counted when its plan is timed and costed by ours.
"""

from __future__ import annotations

import time

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from .arrays import build
from .model import Problem, Solution
from .solver import timed

SCALE = 100  # routing works in integers: times in hundredths of a minute
COST_SCALE = 3000  # and costs in 1/3000ths of a cost unit


def solve_with_routing(problem: Problem, time_limit_s: float = 30.0, seed: int = 0) -> Solution:
    """Best plan OR-Tools routing finds in the time limit, timed and costed exactly like the engine's."""
    began = time.monotonic()
    a = build(problem)
    if not a.m:  # no carers: the routing model needs at least one vehicle; every visit is unserved
        return timed(problem, [], engine="ortools")
    servable = [i for i in range(a.n) if i not in a.reasons]
    n, m = len(servable), a.m
    loc = [int(a.location[i]) for i in servable] + list(map(int, a.route_start_loc)) + list(map(int, a.route_end_loc))
    manager = pywrapcp.RoutingIndexManager(n + 2 * m, m, list(range(n, n + m)), list(range(n + m, n + 2 * m)))
    routing = pywrapcp.RoutingModel(manager)
    duration = [float(a.duration[i]) for i in servable] + [0.0] * (2 * m)

    def transit(from_index, to_index):
        f, t = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
        return int(round((a.travel[loc[f], loc[t]] + duration[f]) * SCALE))

    def arc_cost(from_index, to_index):
        f, t = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
        return int(round(a.dist[loc[f], loc[t]] * a.weights[0] * COST_SCALE))

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(arc_cost))
    horizon = int((max(float(a.latest.max(initial=0)), float(a.shift_start.max(initial=0))) + 1440) * SCALE) * 4
    routing.AddDimension(routing.RegisterTransitCallback(transit), horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    add_visits(a, servable, manager, routing, clock)
    add_carers(a, routing, clock)
    add_links(a, servable, manager, routing, clock)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(max(1, int((time_limit_s - (time.monotonic() - began)) * 1000)))
    found = routing.SolveWithParameters(params)
    sequences: list[list[str]] = [[] for _ in range(m)]
    if found is not None:
        for r in range(m):
            index = found.Value(routing.NextVar(routing.Start(r)))
            while not routing.IsEnd(index):
                sequences[r].append(problem.visits[servable[manager.IndexToNode(index)]].id)
                index = found.Value(routing.NextVar(index))
    solution = timed(problem, sequences, engine="ortools")
    if found is None:
        for unserved in solution.unserved:
            if unserved.visit not in {problem.visits[i].id for i in a.reasons}:
                unserved.reason = "the routing model found no plan in the time limit"
    solution.seconds = time.monotonic() - began
    return solution


def add_visits(a, servable, manager, routing, clock) -> None:
    for node, i in enumerate(servable):
        index = manager.NodeToIndex(node)
        cumul = clock.CumulVar(index)
        cumul.SetMin(int(round(a.earliest[i] * SCALE)))
        if a.hard_latest[i]:
            cumul.SetMax(int(round(a.latest[i] * SCALE)))
        else:
            per_tick = max(1, int(round(a.weights[1] * COST_SCALE / SCALE)))
            clock.SetCumulVarSoftUpperBound(index, int(round(a.latest[i] * SCALE)), per_tick)
        allowed = [int(r) for r in a.allowed_idx[a.allowed_ptr[i]:a.allowed_ptr[i + 1]]]
        if len(allowed) < a.m:  # SetAllowedVehiclesForIndex's Python binding rejects every list in 9.15
            routing.VehicleVar(index).SetValues([-1] + allowed)
        if a.partner[i] < 0:
            routing.AddDisjunction([index], int(a.weights[3] * COST_SCALE))


def add_carers(a, routing, clock) -> None:
    for r in range(a.m):
        clock.CumulVar(routing.Start(r)).SetMin(int(round(a.shift_start[r] * SCALE)))
        if a.shift_end[r] < float("inf"):
            clock.CumulVar(routing.End(r)).SetMax(int(round(a.shift_end[r] * SCALE)))
        if a.max_work[r] < float("inf"):
            clock.SetSpanUpperBoundForVehicle(int(round(a.max_work[r] * SCALE)), r)
        routing.AddVariableMinimizedByFinalizer(clock.CumulVar(routing.End(r)))
        routing.AddVariableMaximizedByFinalizer(clock.CumulVar(routing.Start(r)))


def add_links(a, servable, manager, routing, clock) -> None:
    """Linked pairs: same or gapped start, different carers (both are mandatory: no half-served pair)."""
    solver = routing.solver()
    node_of = {i: node for node, i in enumerate(servable)}
    for i in servable:
        j = int(a.partner[i])
        if j < 0 or a.role[i] == 3 or j not in node_of:
            continue
        first, second = manager.NodeToIndex(node_of[i]), manager.NodeToIndex(node_of[j])
        t1, t2 = clock.CumulVar(first), clock.CumulVar(second)
        if a.role[i] == 1:
            solver.Add(t1 == t2)
        else:
            solver.Add(t2 - t1 >= int(round(a.min_gap[i] * SCALE)))
            solver.Add(t2 - t1 <= int(round(a.max_gap[i] * SCALE)))
        solver.Add(routing.VehicleVar(first) != routing.VehicleVar(second))

