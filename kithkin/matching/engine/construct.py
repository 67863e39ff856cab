"""First plan: cheapest insertion in order of earliest start, linked pairs placed together (compiled).

Each insertion is priced on its own route only (linked visits elsewhere keep their current starts), which is
quick and good enough: the annealing that follows prices every move exactly.
"""

import numpy as np

from .jit import njit
from .moves import put_in, take_out
from .schedule import (
    AIDX,
    APTR,
    DIST,
    DUR,
    EARLY,
    EXTRA,
    GMAX,
    GMIN,
    HARD,
    LATE,
    LOC,
    MAXWORK,
    PARTNER,
    REND,
    ROLE,
    RSTART,
    SEND,
    SSTART,
    TRAVEL,
    UNKNOWN,
    W_DIST,
    W_HARD,
    W_TOTAL,
    W_UNSERVED,
    WEIGHTS,
    compute_starts,
    full_cost,
)


@njit(cache=True, nogil=True)
def late_cost(P, i, s):
    over = s - P[LATE][i]
    if over <= 0:
        return 0.0
    w = P[WEIGHTS]
    return over * (w[W_HARD] if P[HARD][i] > 0 else w[W_TOTAL])


@njit(cache=True, nogil=True)
def linked_bound(P, route_of, start, i, m):
    """Earliest start for i allowed by its partner's current start (or nothing)."""
    p = P[PARTNER][i]
    if p < 0 or route_of[p] >= m or start[p] <= UNKNOWN:
        return UNKNOWN
    role = P[ROLE][i]
    if role == 1:
        return start[p]
    if role == 3:
        return start[p] + P[GMIN][i]
    return start[p] - P[GMAX][i]


@njit(cache=True, nogil=True)
def route_end_cost(P, r, t, here, begin):
    w = P[WEIGHTS]
    end = t + P[TRAVEL][here, P[REND][r]]
    broken = max(0.0, end - P[SEND][r]) + max(0.0, end - begin - P[MAXWORK][r])
    return w[W_HARD] * broken


@njit(cache=True, nogil=True)
def insertion_delta(P, seq, length, route_of, start, r, k, i):
    """Estimated change in cost from putting visit i at position k of route r."""
    loc_of, dur, travel, dist = P[LOC], P[DUR], P[TRAVEL], P[DIST]
    m = len(length) - 1
    n_r = length[r]
    if k == 0:
        t, here = P[SSTART][r], P[RSTART][r]
    else:
        j = seq[r, k - 1]
        t, here = start[j] + dur[j], loc_of[j]
    after = loc_of[seq[r, k]] if k < n_r else P[REND][r]
    li = loc_of[i]
    delta = P[WEIGHTS][W_DIST] * (dist[here, li] + dist[li, after] - dist[here, after]) + P[EXTRA][i, r]
    s = max(t + travel[here, li], P[EARLY][i], linked_bound(P, route_of, start, i, m))
    delta += late_cost(P, i, s)
    first_start = s if k == 0 else start[seq[r, 0]]
    first_loc = li if k == 0 else loc_of[seq[r, 0]]
    t, here = s + dur[i], li
    for q in range(k, n_r):
        j = seq[r, q]
        s = max(t + travel[here, loc_of[j]], P[EARLY][j], linked_bound(P, route_of, start, j, m))
        delta += late_cost(P, j, s) - late_cost(P, j, start[j])
        t, here = s + dur[j], loc_of[j]
    delta += route_end_cost(P, r, t, here, first_start - travel[P[RSTART][r], first_loc])
    if n_r > 0:
        last = seq[r, n_r - 1]
        begin = start[seq[r, 0]] - travel[P[RSTART][r], loc_of[seq[r, 0]]]
        delta -= route_end_cost(P, r, start[last] + dur[last], loc_of[last], begin)
    return delta


@njit(cache=True, nogil=True)
def shortlist(P, seq, length, route_of, start, i, out_r, out_k, out_d):
    """The len(out_r) cheapest places for visit i by the quick estimate, cheapest first; returns how many."""
    size = 0
    p = P[PARTNER][i]
    for a in range(P[APTR][i], P[APTR][i + 1]):
        r = P[AIDX][a]
        if p >= 0 and route_of[p] == r:
            continue
        for k in range(length[r] + 1):
            d = insertion_delta(P, seq, length, route_of, start, r, k, i)
            if size == len(out_r) and d >= out_d[size - 1]:
                continue
            q = min(size, len(out_r) - 1)
            while q > 0 and out_d[q - 1] > d:
                out_r[q], out_k[q], out_d[q] = out_r[q - 1], out_k[q - 1], out_d[q - 1]
                q -= 1
            out_r[q], out_k[q], out_d[q] = r, k, d
            size = min(size + 1, len(out_r))
    return size


@njit(cache=True, nogil=True)
def exact(P, seq, length, route_of, start, queue, queued, route_dist, late, by_route):
    """Objective of the plan as it stands, or +inf if its links deadlock."""
    ok, cost, _, _ = full_cost(P, seq, length, route_of, start, route_dist, queue, queued, late, by_route)
    return cost if ok else np.inf


@njit(cache=True, nogil=True)
def move(seq, length, route_of, pos_of, i, r, k):
    take_out(seq, length, pos_of, route_of[i], pos_of[i])
    put_in(seq, length, route_of, pos_of, r, k, i)


@njit(cache=True, nogil=True)
def place(P, seq, length, route_of, pos_of, start, queue, queued, i, width):
    """Insert i (with its partner, if it has one) at the exactly cheapest of the shortlisted places.

    Leaves them in the pool (row m) if every place deadlocks or costs more than leaving them unserved.
    """
    m = len(length) - 1
    p = P[PARTNER][i]
    route_dist, late, by_route = np.zeros(m + 1), np.zeros(3), np.zeros((m + 1, 3))
    first_r, first_k, first_d = np.zeros(width, np.int64), np.zeros(width, np.int64), np.zeros(width)
    then_r, then_k, then_d = np.zeros(width, np.int64), np.zeros(width, np.int64), np.zeros(width)
    best = exact(P, seq, length, route_of, start, queue, queued, route_dist, late, by_route)
    best += P[WEIGHTS][W_UNSERVED] * (2 if p >= 0 else 1) * 0.999
    choice = np.full(4, -1, np.int64)
    count = shortlist(P, seq, length, route_of, start, i, first_r, first_k, first_d)
    for a in range(count):
        move(seq, length, route_of, pos_of, i, first_r[a], first_k[a])
        cost = exact(P, seq, length, route_of, start, queue, queued, route_dist, late, by_route)
        if p < 0 and cost < best:
            best = cost
            choice[0], choice[1] = first_r[a], first_k[a]
        if p >= 0 and cost < np.inf:
            more = shortlist(P, seq, length, route_of, start, p, then_r, then_k, then_d)
            for b in range(more):
                move(seq, length, route_of, pos_of, p, then_r[b], then_k[b])
                cost = exact(P, seq, length, route_of, start, queue, queued, route_dist, late, by_route)
                if cost < best:
                    best = cost
                    choice[0], choice[1], choice[2], choice[3] = first_r[a], first_k[a], then_r[b], then_k[b]
                move(seq, length, route_of, pos_of, p, m, length[m])
        move(seq, length, route_of, pos_of, i, m, length[m])
    if choice[0] >= 0:
        move(seq, length, route_of, pos_of, i, choice[0], choice[1])
        if p >= 0:
            move(seq, length, route_of, pos_of, p, choice[2], choice[3])
    exact(P, seq, length, route_of, start, queue, queued, route_dist, late, by_route)


@njit(cache=True, nogil=True)
def construct(P, seq, length, route_of, pos_of, start, queue, queued, order, width):
    """All visits start in the pool (row m); place them one by one in `order`, each pair together."""
    m = len(length) - 1
    compute_starts(P, seq, length, route_of, start, queue, queued)
    for i in order:
        if route_of[i] == m and P[APTR][i + 1] > P[APTR][i]:
            place(P, seq, length, route_of, pos_of, start, queue, queued, i, width)
