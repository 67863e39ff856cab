"""Simulated annealing over relocate, swap, block, 2-opt and 2-opt* moves, each priced exactly (compiled).

2-opt* (a route's tail exchanged with another's, or two carers' whole stretches swapped) is what moves a run
of visits to the carer who lives nearer them in one step; without it, planning the demo's busiest day took
twice the time for the same kilometres, and the HHCRSP 300s were 10% off the best-known in 30 s, not 3%.

Each move is applied here, then priced and kept or undone by decide.decide (decide.py says why that is
fast enough, and what the state tuple S holds).
"""

import numpy as np

from .decide import (
    LENGTH,
    POS_OF,
    ROUTE_OF,
    SEQ,
    START,
    decide,
)
from .jit import njit
from .moves import exchange_tails, move_block, put_in, relocate, reverse, swap, take_out
from .schedule import (
    AIDX,
    ALLOWED,
    APTR,
    DIST,
    EARLY,
    EXTRA,
    LATE,
    LOC,
    NEIGH,
    PARTNER,
    REND,
    RSTART,
)

TAILS = 0.65  # moves from 0.45 up to this are 2-opt* between routes


@njit(cache=True, nogil=True)
def seed_random(seed):
    np.random.seed(seed)


@njit(cache=True, nogil=True)
def extra_of(P, i, r, m):
    return P[EXTRA][i, r] if r < m else 0.0


@njit(cache=True, nogil=True)
def closest_gap(P, seq, length, r, i, skip):
    """Position in route r where i adds the least distance (not counting visit `skip`, i itself if there)."""
    loc_of, dist = P[LOC], P[DIST]
    li = loc_of[i]
    best, best_k = np.inf, 0
    here = P[RSTART][r]
    k = 0
    for q in range(length[r] + 1):
        if q < length[r] and seq[r, q] == skip:
            continue
        there = loc_of[seq[r, q]] if q < length[r] else P[REND][r]
        d = dist[here, li] + dist[li, there] - dist[here, there]
        if d < best:
            best, best_k = d, k
        here = there
        k += 1
    return best_k


@njit(cache=True, nogil=True)
def time_gap(P, S, r, i):
    """Position in route r matching i's window: after the visits that start before i's window midpoint."""
    seq, start = S[SEQ], S[START]
    middle = 0.5 * (P[EARLY][i] + P[LATE][i])
    k = 0
    for q in range(S[LENGTH][r]):
        j = seq[r, q]
        if j != i and start[j] < middle:
            k += 1
    return k


@njit(cache=True, nogil=True)
def any_allowed_route(P, i):
    """A route drawn at random from those visit i may go to (the caller knows there is one)."""
    count = P[APTR][i + 1] - P[APTR][i]
    return P[AIDX][P[APTR][i] + np.random.randint(count)]


@njit(cache=True, nogil=True)
def pick_target(P, S, i, m):
    """A route and position for i: beside a near neighbour, or the cheapest gap of a random allowed route."""
    route_of, pos_of, length = S[ROUTE_OF], S[POS_OF], S[LENGTH]
    r1 = route_of[i]
    neigh = P[NEIGH]
    if np.random.random() < 0.5 and neigh.shape[1] > 0:
        j = neigh[i, np.random.randint(neigh.shape[1])]
        r2 = route_of[j]
        if r2 < m and P[ALLOWED][i, r2]:
            k2 = pos_of[j] + np.random.randint(2)
            if r2 == r1 and pos_of[i] < k2:
                k2 -= 1
            return r2, k2
    r2 = any_allowed_route(P, i)
    x = np.random.random()
    if x < 0.45:
        return r2, closest_gap(P, S[SEQ], length, r2, i, i)
    if x < 0.9:
        return r2, time_gap(P, S, r2, i)
    return r2, np.random.randint(length[r2] + (0 if r2 == r1 else 1))


@njit(cache=True, nogil=True)
def partner_for_swap(P, S, i, m):
    """A visit to swap with i: a near neighbour, else the visit nearest i on a random other allowed route."""
    route_of, seq, length = S[ROUTE_OF], S[SEQ], S[LENGTH]
    r1 = route_of[i]
    neigh = P[NEIGH]
    if np.random.random() < 0.5:
        j = neigh[i, np.random.randint(neigh.shape[1])]
        if route_of[j] < m and P[ALLOWED][i, route_of[j]] and P[ALLOWED][j, r1]:
            return j
    r2 = any_allowed_route(P, i)
    best, best_j = np.inf, -1
    for q in range(length[r2]):
        j = seq[r2, q]
        d = P[DIST][P[LOC][i], P[LOC][j]]
        if d < best and P[ALLOWED][j, r1]:
            best, best_j = d, j
    return best_j


@njit(cache=True, nogil=True)
def try_relocate(P, S, i, threshold, to_pool):
    seq, length, route_of, pos_of = S[SEQ], S[LENGTH], S[ROUTE_OF], S[POS_OF]
    m = len(length) - 1
    r1 = route_of[i]
    if to_pool:
        if r1 == m:
            return False
        r2, k2 = m, length[m]
    else:
        r2, k2 = pick_target(P, S, i, m)
    p = P[PARTNER][i]
    if r2 < 0 or (r2 == r1 and k2 == pos_of[i]) or (p >= 0 and r2 < m and route_of[p] == r2):
        return False
    d_extra = extra_of(P, i, r2, m) - extra_of(P, i, r1, m)
    d_unserved = (r2 == m) - (r1 == m)
    k1 = relocate(seq, length, route_of, pos_of, i, r2, k2)
    r3 = route_of[p] if p >= 0 and r2 == m else m  # a partner left on its route no longer waits for i
    if decide(P, S, r1, r2, d_extra, d_unserved, threshold, r3):
        return True
    take_out(seq, length, pos_of, r2, k2)
    put_in(seq, length, route_of, pos_of, r1, k1, i)
    return False


@njit(cache=True, nogil=True)
def try_swap(P, S, i, threshold):
    route_of, pos_of = S[ROUTE_OF], S[POS_OF]
    m = len(S[LENGTH]) - 1
    if route_of[i] >= m:
        return False
    j = partner_for_swap(P, S, i, m)
    if j < 0:
        return False
    r1, r2 = route_of[i], route_of[j]
    if r2 >= m or r1 == r2:
        return False
    p, q = P[PARTNER][i], P[PARTNER][j]
    if (p >= 0 and p != j and route_of[p] == r2) or (q >= 0 and q != i and route_of[q] == r1):
        return False
    d_extra = P[EXTRA][i, r2] + P[EXTRA][j, r1] - P[EXTRA][i, r1] - P[EXTRA][j, r2]
    swap(S[SEQ], route_of, pos_of, i, j)
    if decide(P, S, r1, r2, d_extra, 0, threshold):
        return True
    swap(S[SEQ], route_of, pos_of, i, j)
    return False


@njit(cache=True, nogil=True)
def try_block(P, S, i, threshold):
    """Move i and the one or two visits after it together, next to a neighbour of i."""
    seq, length, route_of, pos_of = S[SEQ], S[LENGTH], S[ROUTE_OF], S[POS_OF]
    m = len(length) - 1
    r1, k1 = route_of[i], pos_of[i]
    if r1 >= m:
        return False
    size = min(2 + np.random.randint(2), length[r1] - k1)
    if size < 2:
        return False
    j = P[NEIGH][i, np.random.randint(P[NEIGH].shape[1])]
    r2 = route_of[j]
    if r2 >= m or r2 == r1:
        return False
    d_extra = 0.0
    for q in range(k1, k1 + size):
        v = seq[r1, q]
        p = P[PARTNER][v]
        if not P[ALLOWED][v, r2] or (p >= 0 and route_of[p] == r2):
            return False
        d_extra += P[EXTRA][v, r2] - P[EXTRA][v, r1]
    k2 = pos_of[j] + np.random.randint(2)
    move_block(seq, length, route_of, pos_of, r1, k1, size, r2, k2)
    if decide(P, S, r1, r2, d_extra, 0, threshold):
        return True
    move_block(seq, length, route_of, pos_of, r2, k2, size, r1, k1)
    return False


@njit(cache=True, nogil=True)
def tail_fits(P, S, r_from, k_from, r_to, k_to):
    """Whether r_from's visits from k_from on may join r_to after its first k_to (allowed, and no visit meets
    its linked partner there); returns their change in assignment cost, or inf."""
    seq, route_of, pos_of = S[SEQ], S[ROUTE_OF], S[POS_OF]
    d_extra = 0.0
    for q in range(k_from, S[LENGTH][r_from]):
        v = seq[r_from, q]
        if not P[ALLOWED][v, r_to]:
            return np.inf
        p = P[PARTNER][v]
        if p >= 0 and route_of[p] == r_to and pos_of[p] < k_to:
            return np.inf
        d_extra += P[EXTRA][v, r_to] - P[EXTRA][v, r_from]
    return d_extra


@njit(cache=True, nogil=True)
def try_tails(P, S, i, threshold, buf):
    """2-opt* between i's route and a neighbour j's: i is followed by j and the rest of j's route, and what
    followed i goes to j's route. With both cuts at the start, two carers swap their whole stretches."""
    seq, length, route_of, pos_of = S[SEQ], S[LENGTH], S[ROUTE_OF], S[POS_OF]
    m = len(length) - 1
    r1 = route_of[i]
    if r1 >= m:
        return False
    if np.random.random() < 0.1:  # whole stretches: the visits stay together, the carers change
        r2 = any_allowed_route(P, i)
        k1, k2 = 0, 0
    else:
        j = P[NEIGH][i, np.random.randint(P[NEIGH].shape[1])]
        r2 = route_of[j]
        k1, k2 = pos_of[i] + 1, pos_of[j]
    if r2 >= m or r2 == r1:
        return False
    d1 = tail_fits(P, S, r2, k2, r1, k1)
    if d1 == np.inf:
        return False
    d2 = tail_fits(P, S, r1, k1, r2, k2)
    if d2 == np.inf:
        return False
    exchange_tails(seq, length, route_of, pos_of, r1, k1, r2, k2, buf)
    if decide(P, S, r1, r2, d1 + d2, 0, threshold):
        return True
    exchange_tails(seq, length, route_of, pos_of, r1, k1, r2, k2, buf)
    return False


@njit(cache=True, nogil=True)
def try_reverse(P, S, i, threshold):
    """2-opt inside i's route: reverse a short stretch starting at i."""
    seq, length, route_of, pos_of = S[SEQ], S[LENGTH], S[ROUTE_OF], S[POS_OF]
    m = len(length) - 1
    r, k1 = route_of[i], pos_of[i]
    if r >= m:
        return False
    k2 = min(length[r] - 1, k1 + 1 + np.random.randint(4))
    if k2 <= k1:
        return False
    reverse(seq, pos_of, r, k1, k2)
    if decide(P, S, r, r, 0.0, 0, threshold):
        return True
    reverse(seq, pos_of, r, k1, k2)
    return False


@njit(cache=True, nogil=True)
def anneal(P, S, movable, iterations, t_from, t_to, pool_moves):
    """Run `iterations` moves cooling geometrically from t_from to t_to; returns moves accepted."""
    factor = (t_to / t_from) ** (1.0 / max(1, iterations))
    temperature = t_from
    accepted = 0
    buf = np.empty(S[SEQ].shape[1], dtype=np.int64)
    for _ in range(iterations):
        threshold = -temperature * np.log(1.0 - np.random.random())
        temperature *= factor
        i = movable[np.random.randint(len(movable))]
        x = np.random.random()
        if x < 0.45:
            ok = try_relocate(P, S, i, threshold, False)
        elif x < TAILS:
            ok = try_tails(P, S, i, threshold, buf)
        elif x < 0.8:
            ok = try_swap(P, S, i, threshold)
        elif x < 0.9:
            ok = try_block(P, S, i, threshold)
        elif x < 0.99 or not pool_moves:
            ok = try_reverse(P, S, i, threshold)
        else:
            ok = try_relocate(P, S, i, threshold, True)
        accepted += ok
    return accepted
