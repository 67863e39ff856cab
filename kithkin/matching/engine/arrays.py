"""Turn a Problem into flat numpy arrays for the compiled search, and say up front which visits nobody can do."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import SEQUENTIAL, SIMULTANEOUS, Carer, Problem, Visit

# Sync roles of a visit (see schedule.py)
NO_SYNC, SIMULTANEOUS_ROLE, FIRST_ROLE, SECOND_ROLE = 0, 1, 2, 3
NEIGHBOURS = 24
WAIT_WEIGHT = 0.2  # of a minute waiting between two visits, in the nearness of visits (lateness counts whole)


@dataclass
class Arrays:
    n: int
    m: int
    location: np.ndarray  # per visit
    earliest: np.ndarray
    latest: np.ndarray
    duration: np.ndarray
    hard_latest: np.ndarray  # 1.0 where a late start is a hard violation
    partner: np.ndarray  # index of the linked visit or -1
    role: np.ndarray
    min_gap: np.ndarray
    max_gap: np.ndarray
    allowed: np.ndarray  # (n, m) bool
    allowed_ptr: np.ndarray  # CSR lists of allowed routes per visit
    allowed_idx: np.ndarray
    extra: np.ndarray  # (n, m) weighted extra cost of route r doing visit i
    route_start_loc: np.ndarray
    route_end_loc: np.ndarray
    shift_start: np.ndarray
    shift_end: np.ndarray
    max_work: np.ndarray
    travel: np.ndarray
    dist: np.ndarray
    weights: np.ndarray  # distance, total tardiness, max tardiness, unserved, hard violation
    neighbours: np.ndarray  # (n, k) nearest visits by travel time
    reasons: dict[int, str]  # visits no carer can do, with why


def clock(t: float) -> str:
    """Minutes as a time of day, with the day number once a plan spans several days."""
    day, minute = divmod(int(round(t)), 1440)
    text = f"{minute // 60:02d}:{minute % 60:02d}"
    return f"day {day + 1} {text}" if day else text


def fits(visit: Visit, carer: Carer, travel: list[list[float]]) -> bool:
    """Can this carer's shift hold the visit at all (travel from and back home included)?"""
    outward = travel[carer.start_location][visit.location]
    back = travel[visit.location][carer.end_location]
    start = max(visit.earliest_start, carer.shift_start + outward)
    if visit.hard_latest and start > visit.latest_start + 1e-9:
        return False
    if start + visit.duration + back > carer.shift_end + 1e-9:
        return False
    return outward + visit.duration + back <= carer.max_working_time + 1e-9


def allowed_routes(problem: Problem) -> tuple[np.ndarray, dict[int, str]]:
    """Which carers may do which visit, and a plain-English reason for each visit that nobody may do."""
    visits, carers, travel = problem.visits, problem.carers, problem.travel_time
    allowed = np.zeros((len(visits), len(carers)), dtype=np.bool_)
    reasons: dict[int, str] = {}
    for i, visit in enumerate(visits):
        skilled = [r for r, c in enumerate(carers) if visit.skill is None or visit.skill in c.skills]
        permitted = [r for r in skilled if visit.allowed_carers is None or carers[r].id in visit.allowed_carers]
        fitting = [r for r in permitted if fits(visit, carers[r], travel)]
        allowed[i, fitting] = True
        if not carers:
            reasons[i] = "no carer is working then"
        elif not skilled:
            reasons[i] = f"no carer has skill {visit.skill}"
        elif not permitted and not visit.allowed_carers:
            reasons[i] = "none of the carers who may do it is working then"
        elif not permitted:
            reasons[i] = f"none of the carers allowed for it has skill {visit.skill}"
        elif not fitting:
            window = f"{clock(visit.earliest_start)} and {clock(visit.latest_start + visit.duration)}"
            reasons[i] = f"no carer with skill {visit.skill} is available between {window}"
    return allowed, reasons


def sync_arrays(problem: Problem, index: dict[str, int]):
    n = len(problem.visits)
    partner = np.full(n, -1, dtype=np.int64)
    role = np.zeros(n, dtype=np.int64)
    min_gap = np.zeros(n)
    max_gap = np.zeros(n)
    for i, visit in enumerate(problem.visits):
        link = visit.sync
        if link is None:
            continue
        j = index[link.other]
        if partner[i] >= 0 or partner[j] >= 0 or i == j:
            raise ValueError(f"visit {visit.id} is linked more than once or to itself")
        partner[i], partner[j] = j, i
        if link.kind == SIMULTANEOUS:
            role[i] = role[j] = SIMULTANEOUS_ROLE
        elif link.kind == SEQUENTIAL:
            role[i], role[j] = FIRST_ROLE, SECOND_ROLE
            min_gap[i] = min_gap[j] = link.min_gap
            max_gap[i] = max_gap[j] = link.max_gap
        else:
            raise ValueError(f"visit {visit.id} has an unknown sync kind {link.kind!r}")
    return partner, role, min_gap, max_gap


def unpair_impossible(allowed: np.ndarray, partner: np.ndarray, reasons: dict[int, str], ids: list[str]) -> None:
    """A linked pair is served together or not at all, by two different carers."""
    for i in range(len(partner)):
        j = partner[i]
        if j < 0 or i in reasons:
            continue
        if j in reasons:
            reasons[i] = f"its linked visit {ids[j]} cannot be served"
            allowed[i, :] = False
        elif allowed[i].sum() == 1 and allowed[j].sum() == 1 and (allowed[i] & allowed[j]).any():
            reasons[i] = "it needs two different carers but only one carer can do both visits"
            allowed[i, :] = False


def nearest(location: np.ndarray, travel: np.ndarray, earliest: np.ndarray, latest: np.ndarray,
            duration: np.ndarray) -> np.ndarray:
    """Each visit's nearest visits in place and time: the ones a move most likely puts next to it. Two visits
    next door but at breakfast and at bedtime are not neighbours, so the measure (Vidal et al.'s, as in HGS)
    is the travel between them plus a fifth of the least wait and all of the least lateness one after the other
    brings, in whichever order suits them better. Before time counted, the demo's visits had for neighbours
    mostly the same person's other visits of the day (same postcode), and the moves that work from
    neighbours were largely wasted."""
    n = len(location)
    k = max(1, min(NEIGHBOURS, n - 1))
    hop = travel[np.ix_(location, location)]
    leave_first = (earliest + duration)[:, None] + hop  # i as early as it may be, then j
    leave_last = (latest + duration)[:, None] + hop  # i as late as it may be, then j
    wait = np.maximum(0.0, earliest[None, :] - leave_last)
    late = np.maximum(0.0, leave_first - latest[None, :])
    i_then_j = hop + WAIT_WEIGHT * wait + late
    between = np.minimum(i_then_j, i_then_j.T)
    np.fill_diagonal(between, np.inf)
    return np.argsort(between, axis=1, kind="stable")[:, :k].astype(np.int64)


def build(problem: Problem) -> Arrays:
    visits, carers = problem.visits, problem.carers
    index = {v.id: i for i, v in enumerate(visits)}
    travel = np.asarray(problem.travel_time, dtype=np.float64)
    dist = np.asarray(problem.distances, dtype=np.float64)
    allowed, reasons = allowed_routes(problem)
    partner, role, min_gap, max_gap = sync_arrays(problem, index)
    ids = [v.id for v in visits]
    unpair_impossible(allowed, partner, reasons, ids)
    unpair_impossible(allowed, partner, reasons, ids)  # second pass: the partner of a newly impossible visit
    w = problem.weights
    extra = np.zeros(allowed.shape)
    carer_index = {c.id: r for r, c in enumerate(carers)}
    for i, visit in enumerate(visits):
        for carer_id, cost in visit.extra_cost.items():
            if carer_id in carer_index:
                extra[i, carer_index[carer_id]] = cost * w.extra_cost
    ptr = np.zeros(len(visits) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(allowed.sum(axis=1))
    location = np.array([v.location for v in visits], dtype=np.int64)
    earliest = np.array([v.earliest_start for v in visits], dtype=np.float64)
    latest = np.array([v.latest_start for v in visits], dtype=np.float64)
    duration = np.array([v.duration for v in visits], dtype=np.float64)
    return Arrays(
        n=len(visits), m=len(carers), location=location,
        earliest=earliest, latest=latest, duration=duration,
        hard_latest=np.array([1.0 if v.hard_latest else 0.0 for v in visits]),
        partner=partner, role=role, min_gap=min_gap, max_gap=max_gap,
        allowed=allowed, allowed_ptr=ptr, allowed_idx=np.nonzero(allowed)[1].astype(np.int64), extra=extra,
        route_start_loc=np.array([c.start_location for c in carers], dtype=np.int64),
        route_end_loc=np.array([c.end_location for c in carers], dtype=np.int64),
        shift_start=np.array([c.shift_start for c in carers], dtype=np.float64),
        shift_end=np.array([c.shift_end for c in carers], dtype=np.float64),
        max_work=np.array([c.max_working_time for c in carers], dtype=np.float64),
        travel=travel, dist=dist,
        weights=np.array([w.distance, w.total_tardiness, w.max_tardiness, w.unserved, w.hard_violation]),
        neighbours=nearest(location, travel, earliest, latest, duration), reasons=reasons,
    )


def as_tuple(a: Arrays, patient: bool = False) -> tuple:
    """The problem in the order schedule.py's constants name (LOC, EARLY, ...).

    patient: time given orders with certainty (slow to call a deadlock) rather than the search's quick limits.
    """
    from .schedule import certain_limits, limits

    pairs = int((a.partner >= 0).sum()) // 2
    bounds = certain_limits(a.n, a.m) if patient else limits(a.m, pairs)
    return (
        a.location, a.earliest, a.latest, a.duration, a.hard_latest, a.partner, a.role, a.min_gap, a.max_gap,
        a.allowed, a.allowed_ptr, a.allowed_idx, a.extra,
        a.route_start_loc, a.route_end_loc, a.shift_start, a.shift_end, a.max_work,
        a.travel, a.dist, a.weights, a.neighbours, bounds,
    )
