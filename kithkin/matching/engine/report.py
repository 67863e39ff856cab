"""The search state back in the problem's own terms: routes with times, unserved visits with reasons, cost."""

from __future__ import annotations

import numpy as np

from .arrays import Arrays
from .model import Cost, Problem, Route, Solution, Stop, Unserved
from .moves import put_in, take_out

NOT_FITTED = "could not be fitted in the time limit without breaking a shift, a hard time window or a link"


def drop_orphans(a: Arrays, S: tuple) -> None:
    """A linked visit is not done alone: if its partner stayed unserved, it goes unserved too."""
    seq, length, route_of, pos_of = S[0], S[1], S[2], S[3]
    m = a.m
    for i in range(a.n):
        p = a.partner[i]
        if p >= 0 and route_of[i] == m and route_of[p] < m:
            take_out(seq, length, pos_of, route_of[p], pos_of[p])
            put_in(seq, length, route_of, pos_of, m, length[m], p)


def unserved_reasons(problem: Problem, a: Arrays, route_of: np.ndarray) -> list[Unserved]:
    out = []
    for i in np.nonzero(route_of == a.m)[0]:
        reason = a.reasons.get(int(i))
        p = int(a.partner[i])
        if reason is None and p >= 0 and route_of[p] == a.m and p in a.reasons:
            reason = f"its linked visit {problem.visits[p].id} cannot be served"
        out.append(Unserved(problem.visits[i].id, reason or NOT_FITTED))
    return out


def to_solution(problem: Problem, a: Arrays, S: tuple) -> Solution:
    seq, length, route_of, start, route_dist, late = S[0], S[1], S[2], S[4], S[6], S[8]
    routes = []
    for r, carer in enumerate(problem.carers):
        stops = []
        for k in range(length[r]):
            i = int(seq[r, k])
            stops.append(Stop(problem.visits[i].id, float(start[i]), float(start[i] + a.duration[i])))
        routes.append(Route(carer.id, stops))
    w = a.weights
    distance = float(sum(route_dist[: a.m]))
    extra = float(sum(a.extra[seq[r, k], r] for r in range(a.m) for k in range(length[r])))
    unserved = int(length[a.m])
    objective = (w[0] * distance + w[1] * late[0] + w[2] * late[1] + extra + w[3] * unserved + w[4] * late[2])
    cost = Cost(distance, float(late[0]), float(late[1]), extra, unserved, float(late[2]), float(objective))
    return Solution(routes, unserved_reasons(problem, a, route_of), cost)
