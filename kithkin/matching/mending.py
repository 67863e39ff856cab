"""Mending teams: the last step of planning a week, for the few people whose regular team still does less
than 90% of their visits.

Why a step of its own: the search prices every visit outside a person's team the same, but what matters to
a person is their whole week. One stranger in eight visits costs a person with a daily morning visit their
90%; one in twenty costs a person with three visits a day nothing. And the search moves one visit at a
time, where bringing a visit back to its team usually takes two moves at once: a team member's morning is
full, so one of their visits must go to someone else first (an ejection chain).

So, person by person, each visit outside the team is put on a team member's route that day, if need be
taking one of that route's visits off to a carer on its own person's team (or to the stranger's route, a
swap; and that carer may in turn hand one on), never leaving anyone else under 90% or anyone's visit late,
and never driving more than MOST_KM more for the visit; then, while the plan's driving stays within a cap
(the roster sets it a little over the travel-only plan's), at the dearer limits in DEARER. A person is
mended whole or not at all: if their week cannot reach 90%, nothing of it moves. Where the team as it fell
out cannot do it (all three are off that day), other teams of three from the carers who already visit them
are tried, and the cheapest kept.

A visit tied to another carer's (two carers together, or one after the other) keeps its start wherever it
goes, so the tie holds without moving the other carer."""

import math
import time
from collections import defaultdict
from itertools import combinations
from typing import NamedTuple

from kithkin.matching.engine import Route, Solution, Stop, evaluate

SHARE = 0.9  # of each person's visits, by their regular team
# The most extra driving one visit brought back to its team may cost, in kilometres (a visit outside the team
# costs OUTSIDER_KM in the search; this buys what the search could not find, at a bounded price).
MOST_KM = 8.0
# With a cap on the plan's kilometres, the people still short are tried again at these dearer limits.
DEARER = (12.0, 20.0)
DEPTH = 2  # visits moved on in a chain to make room for one of the person's (3 mended no more, 3x slower)
TEAMS_TRIED = 5  # other teams of three tried for a person (10 mended no more, in twice the time)
EPS = 1e-6


def least_by_team(visits: int) -> int:
    """Of a person's so many visits, how many their team must do: SHARE of them, rounded up."""
    return math.ceil(SHARE * visits - EPS)


class Plan:
    """The routes as lists of visit ids, their kilometres, and who does how much of each person's week."""

    def __init__(self, problem, solution, person_of: dict[str, int], teams: dict[int, set[int]]):
        self.problem, self.most_km = problem, MOST_KM
        self.visits = {v.id: v for v in problem.visits}
        self.carer = [int(c.person) for c in problem.carers]
        self.seq = [[s.visit for s in route.stops] for route in solution.routes]
        self.starts = [[s.start for s in route.stops] for route in solution.routes]
        self.route_of = {vid: r for r, seq in enumerate(self.seq) for vid in seq}
        self.partner = {v.id: v.sync.other for v in problem.visits if v.sync}
        self.partner.update({other: vid for vid, other in list(self.partner.items())})
        self.fixed = {vid: self.starts[r][k] for r, seq in enumerate(self.seq) for k, vid in enumerate(seq)
                      if vid in self.partner}
        # A route the search left with a late visit (a soft window) times as None: it takes nothing more.
        timed = [self.timing(r, seq) for r, seq in enumerate(self.seq)]
        self.km = [self._km(r) if t is None else t[0] for r, t in enumerate(timed)]
        self.person_of, self.teams = person_of, teams
        self.routes_of = defaultdict(list)  # visit -> the routes that may do it
        by_id = {c.id: r for r, c in enumerate(problem.carers)}
        for v in problem.visits:
            ids = v.allowed_carers if v.allowed_carers is not None else by_id
            self.routes_of[v.id] = sorted(by_id[c] for c in ids if c in by_id and (
                v.skill is None or v.skill in problem.carers[by_id[c]].skills))
        self.week_of = defaultdict(list)
        for vid in self.route_of:
            self.week_of[person_of[vid]].append(vid)

    def _km(self, r: int) -> float:
        carer, dist, km = self.problem.carers[r], self.problem.distances, 0.0
        here = carer.start_location
        for vid in self.seq[r]:
            km += dist[here][self.visits[vid].location]
            here = self.visits[vid].location
        return km + (dist[here][carer.end_location] if self.seq[r] else 0.0)

    def timing(self, r: int, seq: list[str]):
        """(km, starts) of route r doing `seq` at the earliest, or None where a visit would be late, a tied
        visit could not keep its start, or the carer would be home after their shift."""
        carer, travel, dist = self.problem.carers[r], self.problem.travel_time, self.problem.distances
        here, free, km, starts = carer.start_location, carer.shift_start, 0.0, []
        for vid in seq:
            v = self.visits[vid]
            arrive = free + travel[here][v.location]
            if vid in self.fixed:
                start = self.fixed[vid]
                if arrive > start + EPS:
                    return None
            else:
                start = max(arrive, v.earliest_start)
                if start > v.latest_start + EPS:
                    return None
            km += dist[here][v.location]
            starts.append(start)
            here, free = v.location, start + v.duration
        if not seq:
            return 0.0, starts
        km += dist[here][carer.end_location]
        end = free + travel[here][carer.end_location]
        began = starts[0] - travel[carer.start_location][self.visits[seq[0]].location]
        if end > carer.shift_end + EPS or end - began > carer.max_working_time + EPS:
            return None
        return km, starts

    def best_insert(self, r: int, seq: list[str], vid: str):
        """(km, sequence, starts) of the cheapest place for visit `vid` on route r doing `seq`, or None.
        Places are tried cheapest first (the driving does not depend on the times), and none after the
        point where the visit would already be late."""
        carer, travel, dist = self.problem.carers[r], self.problem.travel_time, self.problem.distances
        v = self.visits[vid]
        here, free, places = carer.start_location, carer.shift_start, []
        for k in range(len(seq) + 1):
            arrive = free + travel[here][v.location]
            if arrive > self.fixed.get(vid, v.latest_start) + EPS:
                break  # here or later, it would be late
            there = self.visits[seq[k]].location if k < len(seq) else carer.end_location
            places.append((dist[here][v.location] + dist[v.location][there] - dist[here][there], k))
            if k < len(seq):
                w = self.visits[seq[k]]
                free = self.fixed.get(seq[k], max(free + travel[here][w.location], w.earliest_start)) + w.duration
                here = w.location
        for _, k in sorted(places):
            trial = seq[:k] + [vid] + seq[k:]
            timed = self.timing(r, trial)
            if timed:
                return timed[0], trial, timed[1]
        return None

    def may_take(self, r: int, vid: str) -> bool:
        """Whether route r may take visit vid: never the carer already doing its other half."""
        partner = self.partner.get(vid)
        return partner is None or partner not in self.route_of or self.carer[self.route_of[partner]] != self.carer[r]

    def inside(self, person_id: int, team: set[int]) -> int:
        return sum(self.carer[self.route_of[vid]] in team for vid in self.week_of[person_id])

    def needs(self, person_id: int, team: set[int]) -> int:
        """How many more of the person's visits their team must do to reach SHARE of them."""
        return max(0, least_by_team(len(self.week_of[person_id])) - self.inside(person_id, team))

    def apply(self, changes: dict[int, tuple]) -> dict[int, tuple]:
        """Set routes to (km, sequence, starts); returns what they were, to undo it."""
        before = {r: (self.km[r], self.seq[r], self.starts[r]) for r in changes}
        for r, (km, seq, starts) in changes.items():
            for vid in self.seq[r]:
                if self.route_of.get(vid) == r:
                    del self.route_of[vid]
            self.km[r], self.seq[r], self.starts[r] = km, seq, starts
        for r, (_, seq, _) in changes.items():
            for vid in seq:
                self.route_of[vid] = r
        return before

    def solution(self, template: Solution) -> Solution:
        routes = [Route(carer=c.id, stops=[Stop(visit=vid, start=s, end=s + self.visits[vid].duration)
                                           for vid, s in zip(seq, starts, strict=True)])
                  for c, seq, starts in zip(self.problem.carers, self.seq, self.starts, strict=True)]
        mended = Solution(routes=routes, unserved=template.unserved, cost=template.cost,
                          iterations=template.iterations, seconds=template.seconds, engine=template.engine)
        mended.cost = evaluate(self.problem, mended)
        return mended


class Mended(NamedTuple):
    """The mended plan, each person's team as mending left it, and how many people it found and brought to SHARE."""

    solution: Solution
    teams: dict[int, set[int]]
    short: int  # people under SHARE before
    people: int  # of them, brought to SHARE


def mend_teams(problem, solution: Solution, person_of: dict[str, int], teams: dict[int, set[int]],
               most_km: float = MOST_KM, km_cap: float | None = None, deadline: float | None = None) -> Mended:
    """The plan with as many people as can be brought to SHARE of their visits by their team, and each person's
    team (changed where another three of the carers who visit them could be made whole more cheaply).

    Each visit brought back may cost up to `most_km` more driving. Given `km_cap` (kilometres for the whole
    plan), the people still short are then tried again at the dearer limits in DEARER, each mended only where
    the plan stays within the cap. Past `deadline` (on `time.monotonic()`'s clock) nobody more is tried."""
    plan = Plan(problem, solution, person_of, {p: set(t) for p, t in teams.items()})
    short = [p for p, t in sorted(plan.teams.items()) if plan.needs(p, t)]
    rounds = [(most_km, math.inf)]
    if km_cap is not None:
        rounds += [(limit, km_cap) for limit in DEARER if limit > most_km]
    for plan.most_km, cap in rounds:
        for person_id in sorted(short, key=lambda p: (plan.needs(p, plan.teams[p]), p)):
            if deadline is not None and time.monotonic() > deadline:
                break
            if plan.needs(person_id, plan.teams[person_id]):
                _mend_cheapest(plan, person_id, cap)
    still = sum(1 for p in short if plan.needs(p, plan.teams[p]))
    return Mended(plan.solution(solution), plan.teams, len(short), len(short) - still)


def _teams_to_try(plan: Plan, person_id: int) -> list[set[int]]:
    """The team as it fell out, then other threes from the carers who visit them, fewest visits to move first."""
    team = plan.teams[person_id]
    visiting = sorted({plan.carer[plan.route_of[vid]] for vid in plan.week_of[person_id]} | team)
    others = [set(c) for c in combinations(visiting, min(len(team), len(visiting))) if set(c) != team]
    others.sort(key=lambda t: (plan.needs(person_id, t), sorted(t)))
    return [team] + others[:TEAMS_TRIED]


def _mend_cheapest(plan: Plan, person_id: int, cap: float) -> None:
    """Of the teams that could be made whole with the plan's driving within `cap`, the one that costs least.
    Each team is mended and undone in turn; the cheapest one's routes are kept aside and put back at the end."""
    best = None
    for team in _teams_to_try(plan, person_id):
        undo = _mend(plan, person_id, team)
        if undo is None:
            continue
        cost = (sum(plan.km), sorted(team))
        if cost[0] <= cap and (best is None or cost < best[0]):
            changed = {r for before in undo for r in before}
            best = (cost, {r: (plan.km[r], plan.seq[r], plan.starts[r]) for r in changed})
        for before in reversed(undo):
            plan.apply(before)
    if best is not None:
        plan.apply(best[1])
        plan.teams[person_id] = set(best[0][1])


def _mend(plan: Plan, person_id: int, team: set[int]) -> list | None:
    """Bring enough of the person's visits onto `team` to reach SHARE (returns how to undo it), or change
    nothing (None)."""
    need = plan.needs(person_id, team)
    strangers = [vid for vid in sorted(plan.week_of[person_id])
                 if plan.carer[plan.route_of[vid]] not in team]
    if need > len(strangers):
        return None
    undo = []
    while need:
        moves = [(km, vid, move) for vid in strangers
                 for km, move in [_cheapest_move(plan, vid, person_id, team)] if move is not None]
        if not moves:
            for before in reversed(undo):
                plan.apply(before)
            return None
        _, vid, move = min(moves, key=lambda m: (m[0], m[1]))
        undo.append(plan.apply(move))
        strangers.remove(vid)
        need -= 1
    return undo


def _cheapest_move(plan: Plan, vid: str, person_id: int, team: set[int]) -> tuple[float, dict | None]:
    """(extra km, the routes' new (km, sequence, starts)) that put `vid` on a team member's route for at most
    the plan's limit more driving: straight in, or in place of one of the route's visits, which goes on in the
    same way (up to DEPTH visits moved on in a chain)."""
    r0 = plan.route_of[vid]
    left = [x for x in plan.seq[r0] if x != vid]
    left_timed = plan.timing(r0, left)
    if left_timed is None:  # still late without it, or imported road times that break the triangle inequality
        return plan.most_km, None
    overlay = {r0: (left_timed[0], left, left_timed[1])}
    targets = [r for r in plan.routes_of[vid] if r != r0 and plan.carer[r] in team and plan.may_take(r, vid)]
    extra, changes = _put(plan, vid, targets, overlay, DEPTH, {vid}, plan.most_km + plan.km[r0] - left_timed[0])
    if changes is None:
        return plan.most_km, None
    return extra + left_timed[0] - plan.km[r0], {**overlay, **changes}


def _put(plan: Plan, vid: str, targets: list[int], overlay: dict, depth: int, moved: set[str], limit: float):
    """The cheapest way, for at most `limit` km more, to put `vid` on one of `targets` (routes as `overlay` has
    them): (extra km, changed routes), or (limit, None). `moved`: the visits the chain has moved so far; no
    chain moves two visits of one person (each keeps to its own 90%) or a visit tied to one it moved."""
    best, best_km = None, limit + EPS
    persons = {plan.person_of[x] for x in moved}
    for r in targets:
        km, seq = overlay[r][:2] if r in overlay else (plan.km[r], plan.seq[r])
        put = plan.best_insert(r, seq, vid)
        if put and put[0] - km < best_km:
            best, best_km = {r: put}, put[0] - km
        if not depth:
            continue
        for w in seq:
            other = plan.person_of[w]
            if other in persons or plan.partner.get(w) in moved:
                continue
            put = plan.best_insert(r, [x for x in seq if x != w], vid)
            if put is None or put[0] - km >= best_km + plan.most_km:  # too dear to be won back further on
                continue
            then = {**overlay, r: put}
            theirs = plan.teams.get(other, set())
            free_to_go = _may_leave(plan, other, plan.carer[r])
            onward = [r2 for r2 in plan.routes_of[w] if r2 != r and (free_to_go or plan.carer[r2] in theirs)
                      and plan.may_take(r2, w)]
            if depth > 1:  # chains go on only through the person's own team (or the first route, now with room)
                deep = [r2 for r2 in onward if r2 in overlay or plan.carer[r2] in theirs]
                extra, changes = _put(plan, w, deep, then, depth - 1, moved | {w}, best_km - (put[0] - km))
                if changes is not None:
                    best, best_km = {r: put, **changes}, put[0] - km + extra
            extra, changes = _put(plan, w, onward, then, 0, moved | {w}, best_km - (put[0] - km))
            if changes is not None:
                best, best_km = {r: put, **changes}, put[0] - km + extra
    return best_km, best


def _may_leave(plan: Plan, person_id: int, carer_id: int) -> bool:
    """Whether one of the person's visits may go from this carer to anyone: the carer is not on their team, or
    the person stays at SHARE without the visit (a person under SHARE loses nothing more)."""
    team = plan.teams.get(person_id, set())
    if carer_id not in team:
        return True
    return plan.inside(person_id, team) - 1 >= least_by_team(len(plan.week_of[person_id]))
