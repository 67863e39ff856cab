"""Edits of the plan's sequences, each undone exactly by its mirror (compiled).

The state is seq[(m + 1), n] (row m is the unserved pool), length[m + 1], and for every visit its route and
position, kept in step so that a move can be tried and undone in O(route length).
"""

from .jit import njit


@njit(cache=True, nogil=True)
def take_out(seq, length, pos_of, r, k):
    i = seq[r, k]
    for q in range(k, length[r] - 1):
        seq[r, q] = seq[r, q + 1]
        pos_of[seq[r, q]] = q
    length[r] -= 1
    return i


@njit(cache=True, nogil=True)
def put_in(seq, length, route_of, pos_of, r, k, i):
    for q in range(length[r], k, -1):
        seq[r, q] = seq[r, q - 1]
        pos_of[seq[r, q]] = q
    seq[r, k] = i
    pos_of[i] = k
    route_of[i] = r
    length[r] += 1


@njit(cache=True, nogil=True)
def relocate(seq, length, route_of, pos_of, i, r2, k2):
    """Move visit i to position k2 of route r2 (k2 counted after i has left); returns its old position."""
    r1 = route_of[i]
    k1 = pos_of[i]
    take_out(seq, length, pos_of, r1, k1)
    put_in(seq, length, route_of, pos_of, r2, k2, i)
    return k1


@njit(cache=True, nogil=True)
def swap(seq, route_of, pos_of, i, j):
    r1, k1 = route_of[i], pos_of[i]
    r2, k2 = route_of[j], pos_of[j]
    seq[r1, k1] = j
    seq[r2, k2] = i
    route_of[i], pos_of[i] = r2, k2
    route_of[j], pos_of[j] = r1, k1


@njit(cache=True, nogil=True)
def move_block(seq, length, route_of, pos_of, r1, k1, size, r2, k2):
    """Move the `size` visits from k1 on route r1 to start at k2 on route r2 (k2 counted after they left)."""
    for q in range(size):
        i = take_out(seq, length, pos_of, r1, k1)
        put_in(seq, length, route_of, pos_of, r2, k2 + q, i)


@njit(cache=True, nogil=True)
def reverse(seq, pos_of, r, k1, k2):
    """Reverse positions k1..k2 (inclusive) of route r: 2-opt within a route."""
    while k1 < k2:
        a, b = seq[r, k1], seq[r, k2]
        seq[r, k1], seq[r, k2] = b, a
        pos_of[a], pos_of[b] = k2, k1
        k1 += 1
        k2 -= 1


@njit(cache=True, nogil=True)
def exchange_tails(seq, length, route_of, pos_of, r1, k1, r2, k2, buf):
    """2-opt* between routes: r1 keeps its visits before k1 and takes r2's from k2 on, and the other way round.
    Doing it again (same r1, k1, r2, k2) undoes it."""
    t1, t2 = length[r1] - k1, length[r2] - k2
    buf[:t1] = seq[r1, k1:k1 + t1]
    for q in range(t2):
        i = seq[r2, k2 + q]
        seq[r1, k1 + q] = i
        route_of[i], pos_of[i] = r1, k1 + q
    for q in range(t1):
        i = buf[q]
        seq[r2, k2 + q] = i
        route_of[i], pos_of[i] = r2, k2 + q
    length[r1], length[r2] = k1 + t2, k2 + t1
