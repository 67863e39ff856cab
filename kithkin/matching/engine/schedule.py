"""Exact start times and cost of a plan, compiled.

A plan is a sequence of visits per route (row m of `seq` holds the unserved pool). Given the sequences the
best timing is the earliest one: every start is as early as travel, windows and sync links allow, which
minimises every lateness at once (distance does not depend on timing). Those earliest starts are the least
solution of a system of "start >= ..." constraints; we reach it by sweeping routes from a worklist and
re-sweeping a route only when a linked visit elsewhere moved later. A plan whose links form a deadlock
(A waits for B on one route while B waits for A on another) never settles; we detect that and call it
infeasible.
"""

import numpy as np

from .jit import njit

# Positions in the problem tuple built by arrays.as_tuple (numba reads these as constants).
LOC, EARLY, LATE, DUR, HARD, PARTNER, ROLE, GMIN, GMAX = 0, 1, 2, 3, 4, 5, 6, 7, 8
ALLOWED, APTR, AIDX, EXTRA = 9, 10, 11, 12
RSTART, REND, SSTART, SEND, MAXWORK = 13, 14, 15, 16, 17
TRAVEL, DIST, WEIGHTS, NEIGH, LIMITS = 18, 19, 20, 21, 22
W_DIST, W_TOTAL, W_MAX, W_UNSERVED, W_HARD = 0, 1, 2, 3, 4
UNKNOWN = -1e300
HORIZON_SLACK = 720.0


@njit(cache=True, nogil=True)
def bound_from(P, i, s, p):
    """The earliest start the linked visit p may have, given that visit i starts at s."""
    role = P[ROLE][i]
    if role == 1:
        return s
    if role == 2:  # i is first: p starts at least min_gap later
        return s + P[GMIN][i]
    return s - P[GMAX][i]  # i is second: p may start at most max_gap earlier


@njit(cache=True, nogil=True)
def sweep_route(P, seq, length, route_of, start, r, queue, queued, tail):
    """Earliest starts along route r from what is known of linked visits; queue routes this pushes later."""
    loc_of, early, dur, partner, travel = P[LOC], P[EARLY], P[DUR], P[PARTNER], P[TRAVEL]
    m = len(length) - 1
    t = P[SSTART][r]
    here = P[RSTART][r]
    slack = P[LIMITS][0]
    for k in range(length[r]):
        i = seq[r, k]
        s = max(t + travel[here, loc_of[i]], early[i])
        p = partner[i]
        linked = p >= 0 and route_of[p] < m
        if linked and start[p] > UNKNOWN:
            s = max(s, bound_from(P, p, start[p], i))
        if s > P[LATE][i] + slack:
            return -1
        if s != start[i]:
            start[i] = s
            if linked and start[p] > UNKNOWN and bound_from(P, i, s, p) > start[p] + 1e-9:
                q = route_of[p]
                if not queued[q]:
                    queued[q] = True
                    queue[tail % m] = q
                    tail += 1
        t = s + dur[i]
        here = loc_of[i]
    return tail


@njit(cache=True, nogil=True)
def compute_starts(P, seq, length, route_of, start, queue, queued):
    """Fill `start` with the earliest feasible starts; False when the links deadlock."""
    m = len(length) - 1
    start[:] = UNKNOWN
    tail = 0
    for r in range(m):
        queued[r] = length[r] > 0
        if queued[r]:
            queue[tail] = r
            tail += 1
    return settle(P, seq, length, route_of, start, queue, queued, tail)


@njit(cache=True, nogil=True)
def compute_starts_of(P, seq, length, route_of, start, queue, queued, routes, count):
    """The earliest starts again on routes[:count] only, every other start left as it is: right when those
    routes are all that changed and every route linked to them (linked_routes), as no other start can
    depend on theirs. A move touches two routes of a hundred, so this is what makes timing a move cheap."""
    tail = 0
    for c in range(count):
        r = routes[c]
        for k in range(length[r]):
            start[seq[r, k]] = UNKNOWN
        if length[r] > 0:
            queued[r] = True
            queue[tail] = r
            tail += 1
    return settle(P, seq, length, route_of, start, queue, queued, tail)


@njit(cache=True, nogil=True)
def settle(P, seq, length, route_of, start, queue, queued, tail):
    """Sweep the queued routes (queue[:tail]) until no start moves; False when the links deadlock. Leaves
    nothing queued either way."""
    m = len(length) - 1
    head = 0
    limit = P[LIMITS][1]
    while head < tail:
        if head > limit:
            queued[:] = False
            return False
        r = queue[head % m]
        head += 1
        queued[r] = False
        tail = sweep_route(P, seq, length, route_of, start, r, queue, queued, tail)
        if tail < 0:  # the sweep that failed may have queued routes before it did
            queued[:] = False
            return False
    return True


@njit(cache=True, nogil=True)
def linked_routes(P, seq, length, route_of, r1, r2, r3, routes, marked, most):
    """r1, r2 and r3 (m for none) and every route linked to them by two-carer visits, however indirectly:
    written to routes[:count] and marked; returns count, or stops once it is over `most`. The caller clears
    the marks."""
    m = len(length) - 1
    partner = P[PARTNER]
    count = 0
    for r in (r1, r2, r3):
        if r < m and not marked[r]:
            marked[r] = True
            routes[count] = r
            count += 1
    c = 0
    while c < count and count <= most:
        r = routes[c]
        c += 1
        for k in range(length[r]):
            p = partner[seq[r, k]]
            if p >= 0:
                q = route_of[p]
                if q < m and not marked[q]:
                    marked[q] = True
                    routes[count] = q
                    count += 1
    return count


@njit(cache=True, nogil=True)
def late_on_routes(P, seq, length, start, routes, count, by_route):
    """by_route[r] = route r's (total tardiness, worst tardiness, minutes of hard limits broken) for the
    routes in routes[:count], or for every route when count < 0 (routes unused). One loop with the sums
    written out: called per route, the sums were five times slower on the HHCRSP 300s (each call passes
    nine arrays), which made timing a move there 15% slower."""
    m = len(length) - 1
    loc_of, late, dur, hard, travel = P[LOC], P[LATE], P[DUR], P[HARD], P[TRAVEL]
    rstart, rend, send, maxwork = P[RSTART], P[REND], P[SEND], P[MAXWORK]
    for c in range(m if count < 0 else count):
        r = c if count < 0 else routes[c]
        total = 0.0
        worst = 0.0
        broken = 0.0
        n_r = length[r]
        if n_r > 0:
            for k in range(n_r):
                i = seq[r, k]
                over = start[i] - late[i]
                if over > 0:
                    if hard[i] > 0:
                        broken += over
                    else:
                        total += over
                        worst = max(worst, over)
            first = seq[r, 0]
            last = seq[r, n_r - 1]
            end = start[last] + dur[last] + travel[loc_of[last], rend[r]]
            broken += max(0.0, end - send[r])
            begin = start[first] - travel[rstart[r], loc_of[first]]
            broken += max(0.0, end - begin - maxwork[r])
        by_route[r, 0] = total
        by_route[r, 1] = worst
        by_route[r, 2] = broken


@njit(cache=True, nogil=True)
def add_up(by_route, m, out):
    """out = the plan's lateness (total, worst, hard minutes broken) from its routes' (by_route[:m])."""
    total = 0.0
    worst = 0.0
    broken = 0.0
    for r in range(m):
        total += by_route[r, 0]
        worst = max(worst, by_route[r, 1])
        broken += by_route[r, 2]
    out[0] = total
    out[1] = worst
    out[2] = broken


@njit(cache=True, nogil=True)
def lateness_by_route(P, seq, length, start, by_route, out):
    """Each route's lateness into by_route, and the plan's into out (total, worst, hard minutes broken)."""
    late_on_routes(P, seq, length, start, length, -1, by_route)
    add_up(by_route, len(length) - 1, out)


@njit(cache=True, nogil=True)
def route_distance(P, seq, length, r):
    loc_of, dist = P[LOC], P[DIST]
    here = P[RSTART][r]
    total = 0.0
    for k in range(length[r]):
        there = loc_of[seq[r, k]]
        total += dist[here, there]
        here = there
    if length[r] > 0:
        total += dist[here, P[REND][r]]
    return total


@njit(cache=True, nogil=True)
def route_extra(P, seq, length, r):
    total = 0.0
    for k in range(length[r]):
        total += P[EXTRA][seq[r, k], r]
    return total


@njit(cache=True, nogil=True)
def objective(P, distance, extra, unserved, late):
    w = P[WEIGHTS]
    return (w[W_DIST] * distance + w[W_TOTAL] * late[0] + w[W_MAX] * late[1] + extra
            + w[W_UNSERVED] * unserved + w[W_HARD] * late[2])


@njit(cache=True, nogil=True)
def full_cost(P, seq, length, route_of, start, route_dist, queue, queued, late, by_route):
    """Recompute everything from the sequences (each route's distance and lateness too); returns
    (feasible, objective, distance, extra)."""
    m = len(length) - 1
    distance = 0.0
    extra = 0.0
    for r in range(m):
        route_dist[r] = route_distance(P, seq, length, r)
        distance += route_dist[r]
        extra += route_extra(P, seq, length, r)
    ok = compute_starts(P, seq, length, route_of, start, queue, queued)
    lateness_by_route(P, seq, length, start, by_route, late)
    return ok, objective(P, distance, extra, length[m], late), distance, extra


def limits(m: int, pairs: int) -> np.ndarray:
    """When to call a plan deadlocked: a start this far past its visit's latest start, or this many sweeps.

    A deadlock pushes starts later without end; a real plan settles within a few sweeps per linked pair.
    Both bounds are generous for any plan worth having: a visit half a day late is no plan at all.
    """
    return np.array([HORIZON_SLACK, float(2 * m + 4 * min(pairs, 8) + 16)])


def certain_limits(n: int, m: int) -> np.ndarray:
    """Limits that never mistake a real plan for a deadlock: a FIFO worklist settles within n + 1 rounds."""
    return np.array([1e12, float((n + 1) * max(m, 1) + 16)])
