"""Whether a move the search has applied is kept: its cost priced exactly, and the plan's timing kept up
to date (compiled).

Why it is fast enough: a move's change in distance and assignment cost is known from the (at most two)
routes it touches; lateness can only fall by what the plan has now. So the acceptance threshold is drawn
first and a move that cannot pass it even if all lateness vanished is undone without timing the plan.
Only the rest pay for the exact schedule, and only on the routes the move touched and those linked to them
by two-carer visits (schedule.compute_starts_of): every other start and route's lateness stays as it was.
Timing the whole plan instead cost about 28 microseconds a move on the demo's busiest day (398 visits),
twenty times a move's other work.

The state tuple S: seq, length, route_of, pos_of, start, trial_start, route_dist, totals, late, trial_late,
queue, queued, best_route, best_pos, best, linked, marked, route_late, trial_route_late.
totals = [objective, distance, extra]; route_late[r] = route r's lateness (total, worst, hard).
"""

from .jit import njit
from .schedule import (
    W_DIST,
    W_HARD,
    W_MAX,
    W_TOTAL,
    W_UNSERVED,
    WEIGHTS,
    add_up,
    compute_starts,
    compute_starts_of,
    late_on_routes,
    lateness_by_route,
    linked_routes,
    objective,
    route_distance,
)

SEQ, LENGTH, ROUTE_OF, POS_OF, START, TRIAL_START, ROUTE_DIST, TOTALS, LATE_NOW, TRIAL_LATE = range(10)
QUEUE, QUEUED, BEST_ROUTE, BEST_POS, BEST, LINKED, MARKED, ROUTE_LATE, TRIAL_ROUTE_LATE = range(10, 19)


@njit(cache=True, nogil=True)
def decide(P, S, r1, r2, d_extra, d_unserved, threshold, r3=-1):
    """The move has been applied: keep it (True) if its cost change passes the threshold. The move changed
    routes r1 and r2 (m: the unserved pool), and r3 if given: the route of a partner left behind."""
    seq, length, route_dist, totals, late = S[SEQ], S[LENGTH], S[ROUTE_DIST], S[TOTALS], S[LATE_NOW]
    m = len(length) - 1
    w = P[WEIGHTS]
    new1 = route_distance(P, seq, length, r1) if r1 < m else 0.0
    new2 = route_distance(P, seq, length, r2) if (r2 < m and r2 != r1) else 0.0
    d_dist = new1 - (route_dist[r1] if r1 < m else 0.0)
    if r2 != r1:
        d_dist += new2 - (route_dist[r2] if r2 < m else 0.0)
    sure = w[W_DIST] * d_dist + d_extra + w[W_UNSERVED] * d_unserved
    lateness_now = w[W_TOTAL] * late[0] + w[W_MAX] * late[1] + w[W_HARD] * late[2]
    if sure - lateness_now > threshold:
        S[BEST][2] += 1
        return False
    S[BEST][1] += 1
    count = time_trial(P, S, r1, r2, r3 if r3 >= 0 else m)
    if count < 0:
        S[BEST][3] += 1
        return False
    cost = objective(P, totals[1] + d_dist, totals[2] + d_extra, length[m], S[TRIAL_LATE])
    if cost - totals[0] > threshold:
        return False
    if r1 < m:
        route_dist[r1] = new1
    if r2 < m and r2 != r1:
        route_dist[r2] = new2
    totals[0], totals[1], totals[2] = cost, totals[1] + d_dist, totals[2] + d_extra
    keep_trial(S, count)
    if cost < S[BEST][0] - 1e-9:
        S[BEST][0] = cost
        S[BEST_ROUTE][:] = S[ROUTE_OF]
        S[BEST_POS][:] = S[POS_OF]
    return True


@njit(cache=True, nogil=True)
def time_trial(P, S, r1, r2, r3):
    """Time the changed plan into the trial arrays: the routes changed (r1, r2, r3; m for none) and those
    linked to them, or the whole plan when that is most of it (as on the HHCRSP instances, where links tie
    nearly every route together and tracing them would only add work). Returns how many routes were timed
    (in S[LINKED]; m: all of them), or -1 if the links deadlock."""
    seq, length, route_of, trial, trial_late = S[SEQ], S[LENGTH], S[ROUTE_OF], S[TRIAL_START], S[TRIAL_LATE]
    routes, marked, by_route, trial_by_route = S[LINKED], S[MARKED], S[ROUTE_LATE], S[TRIAL_ROUTE_LATE]
    m = len(length) - 1
    count = linked_routes(P, seq, length, route_of, r1, r2, r3, routes, marked, m // 4)
    for c in range(count):
        marked[routes[c]] = False
    if count > m // 4:
        if not compute_starts(P, seq, length, route_of, trial, S[QUEUE], S[QUEUED]):
            return -1
        lateness_by_route(P, seq, length, trial, trial_by_route, trial_late)
        return m
    if not compute_starts_of(P, seq, length, route_of, trial, S[QUEUE], S[QUEUED], routes, count):
        return -1
    for r in range(m):  # the routes not timed again keep their lateness
        trial_by_route[r, 0], trial_by_route[r, 1], trial_by_route[r, 2] = by_route[r, 0], by_route[r, 1], \
            by_route[r, 2]
    late_on_routes(P, seq, length, trial, routes, count, trial_by_route)
    add_up(trial_by_route, m, trial_late)
    return count


@njit(cache=True, nogil=True)
def keep_trial(S, count):
    """The trial timing becomes the plan's: for the `count` routes timed (m: the whole plan)."""
    seq, length, trial, routes = S[SEQ], S[LENGTH], S[TRIAL_START], S[LINKED]
    m = len(length) - 1
    by_route, trial_by_route = S[ROUTE_LATE], S[TRIAL_ROUTE_LATE]
    if count == m:
        S[START][:] = trial
        by_route[:, :] = trial_by_route
    else:
        for c in range(count):
            r = routes[c]
            by_route[r, 0], by_route[r, 1], by_route[r, 2] = trial_by_route[r, 0], trial_by_route[r, 1], \
                trial_by_route[r, 2]
            for k in range(length[r]):
                S[START][seq[r, k]] = trial[seq[r, k]]
    S[LATE_NOW][:] = S[TRIAL_LATE]
