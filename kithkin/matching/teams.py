"""Each person's regular team: at most a few carers who between them can do the person's visits, chosen
from who already knows them (last week's roster), who the travel-minded plan sent, who lives near, and who
is free when the visits are. The roster then asks the engine to keep each person's visits within their
team, at a price in kilometres for every visit outside it.

Being free "when the visits are" is what keeps teams real: every home care service is busiest in the
morning, and a carer on twenty people's teams cannot get all twenty up. So each carer's day is counted
hour by hour, and a visit is promised to one team member (its likely carer) only where that hour has room.
A team is also better with two people who could do each visit than one: the second covers a busy day."""

from collections import Counter, defaultdict
from itertools import combinations

from django.conf import settings

from kithkin.matching.mending import least_by_team
from kithkin.matching.travel import road_km
from kithkin.matching.week import route_day

# Of each hour a carer works, the share that visits (rather than the driving between them) may fill.
HOUR_FILL = 0.75
# What a visit adds to a candidate's score: the first team member who is free for it, a second one (cover
# for a busy day), and someone who could do it but whose hour is already promised.
FIRST, SECOND, CROWDED = 10.0, 3.0, 1.0
NEAREST = 30  # candidates for a team: this many of the nearest carers, and anyone who has visited the person
# Points a kilometre from the person costs a candidate (a visit they are free for earns 10): near teams are
# what keeps the week's driving close to the travel-only plan's (at 1, the demo week drove about 4% more).
KM_WEIGHT = 5.0
# Points for each of the person's visits a candidate had in the travel-minded plan, and in last week's roster.
PLANNED, BEFORE = 10.0, 20.0


class Hours:
    """Minutes of work promised to each carer, hour by hour, on each day, against the minutes they work."""

    def __init__(self, routes):
        self.room: dict[tuple[int, str], list[float]] = defaultdict(lambda: [0.0] * 24)
        self.promised: dict[tuple[int, str], list[float]] = defaultdict(lambda: [0.0] * 24)
        for route in routes:
            hours = self.room[(int(route.person), route_day(route))]
            for hour, minutes in _spread(route.shift_start, route.shift_end, route.shift_end - route.shift_start):
                hours[hour] += minutes * HOUR_FILL

    def spare(self, carer_id: int, visit) -> float:
        """Minutes to spare across the hours the visit could be in, once it is done."""
        day = (carer_id, visit.day.isoformat())
        room, promised = self.room.get(day), self.promised.get(day)
        hours = range(visit.earliest // 60, min(23, (visit.latest + visit.minutes) // 60) + 1)
        free = sum(room[h] for h in hours) if room else 0.0
        taken = sum(promised[h] for h in hours) if promised else 0.0
        return free - taken - visit.minutes

    def promise(self, carer_id: int, visit) -> None:
        hours = self.promised[(carer_id, visit.day.isoformat())]
        for hour, minutes in _spread(visit.earliest, visit.latest + visit.minutes, visit.minutes):
            hours[hour] += minutes


def _spread(start: int, end: int, minutes: float):
    """`minutes` spread evenly over the clock hours from `start` to `end` (minutes of the day)."""
    span = max(1, end - start)
    for hour in range(start // 60, min(23, (end - 1) // 60) + 1):
        overlap = min(end, (hour + 1) * 60) - max(start, hour * 60)
        if overlap > 0:
            yield hour, minutes * overlap / span


def coverable(week) -> dict[int, set[str]]:
    """For each carer, the visits of the week they could do: a stretch that day holds it, with the skill."""
    by_day = defaultdict(list)
    for route in week.routes:
        by_day[route_day(route)].append(route)
    can: dict[int, set[str]] = defaultdict(set)
    for v in week.visits:
        for route in by_day[v.day.isoformat()]:
            if v.skill in route.skills and route.shift_start <= v.latest and v.earliest + v.minutes <= route.shift_end:
                can[int(route.person)].add(v.key)
    return can


def choose_teams(week, planned: Counter, before: Counter, homes: dict) -> dict[int, set[int]]:
    """planned[(person, carer)] and before[(person, carer)]: visits in the travel-minded plan and last week."""
    can = coverable(week)
    hours = Hours(week.routes)
    visits_of = _visits_by_person(week)
    # The busiest weeks first, and the earliest of equals: they have the fewest carers free for them.
    order = sorted(visits_of, key=lambda p: (-len(visits_of[p]), min(v.earliest for v in visits_of[p]), p))
    return {person_id: _team(person_id, visits_of[person_id], week, can, hours, planned, before, homes)
            for person_id in order}


def _visits_by_person(week) -> dict[int, list]:
    visits_of = defaultdict(list)
    for v in week.visits:
        visits_of[v.person_id].append(v)
    return visits_of


def settled_teams(week, done: Counter, prefer: dict[int, set[int]]) -> dict[int, set[int]]:
    """Each person's team as a plan turned out, from done[(person, carer)], their visits in it: of the carers
    who did the person's visits and the team planned for (`prefer`), the few who did most, among the teams
    that could do SHARE of the visits at all (the busiest three can be three who are all off on Fridays)."""
    can = coverable(week)
    visits_of = _visits_by_person(week)
    counts: dict[int, Counter] = defaultdict(Counter)
    for (person_id, carer_id), n in done.items():
        counts[person_id][carer_id] = n
    teams = {}
    for person_id, visits in visits_of.items():
        done_by, preferred = counts[person_id], prefer.get(person_id, set())
        units = _units(visits)
        served = sum(done_by.values())
        most_out = len(visits) - served + _allowed_out(served)  # the 90% counts the visits served
        candidates = sorted(set(done_by) | preferred)
        able, every, pairs = _bits(units, candidates, can)
        size = min(settings.KITHKIN_TEAM_SIZE, len(candidates))
        teams[person_id] = set(max(combinations(candidates, size), key=lambda t: (
            _out(t, able, every, pairs) <= most_out, sum(done_by[c] for c in t), sum(c in preferred for c in t),
            [-c for c in t])))
    return {p: t for p, t in teams.items() if t}


def _team(person_id, visits, week, can, hours, planned, before, homes) -> set[int]:
    known = {c: PLANNED * planned[(person_id, c)] + BEFORE * before[(person_id, c)]
             for c in week.allowed.get(person_id, set())}
    keys = {v.key for v in visits}
    away = {c: _km(homes, person_id, week.carers[c]) for c in known}
    near = sorted((c for c in known if can[c] & keys), key=away.get)
    candidates = set(near[:NEAREST]) | {c for c, n in known.items() if n}
    units = _units(visits)
    team: list[int] = []
    cover: Counter = Counter()  # visit key -> team members free for it
    while len(team) < settings.KITHKIN_TEAM_SIZE:
        best, best_score = None, 0.0
        for carer_id in sorted(candidates - set(team)):
            gain = sum(_worth(cover[v.key], carers, hours.spare(carer_id, v) >= 0)
                       for v, carers in units if v.key in can[carer_id])
            if not gain and not known[carer_id]:
                continue
            score = gain + known[carer_id] - KM_WEIGHT * away[carer_id]
            if best is None or score > best_score:
                best, best_score = carer_id, score
        if best is None:
            break
        team.append(best)
        for v, _ in units:
            if v.key in can[best] and hours.spare(best, v) >= 0:
                cover[v.key] += 1
    team = _whole(team, units, len(visits), candidates, can, hours, known, away)
    _promise(visits, team, can, hours)
    return set(team)


def _whole(team: list[int], units, visits: int, candidates, can, hours, known, away) -> list[int]:
    """The team, or where it could not do SHARE of the visits even with every member free (nobody of it works
    that day, or only one of them for a two-carer visit), the best team of candidates that could.

    Choosing a member at a time, the team can end up with nobody for one day, and a person with a two-carer
    visit every weekday needs two of the three each day: one short day is a stranger every week."""
    able, every, pairs = _bits(units, candidates, can)
    never = _out(candidates, able, every, pairs)  # visits none of the candidates could do, whoever is chosen
    most_out = never + _allowed_out(visits - never)
    if _out(team, able, every, pairs) <= most_out:
        return team
    free = {c: sum(1 << k for k, (v, _) in enumerate(units) if v.key in can[c] and hours.spare(c, v) >= 0)
            for c in candidates}
    best, best_score = team, None
    for trio in combinations(sorted(c for c in candidates if able[c]), len(team)):
        if _out(trio, able, every, pairs) > most_out:
            continue
        one, two, three = _at_least(trio, free)
        score = (FIRST * (one.bit_count() + (two & pairs).bit_count()) + SECOND * ((two & ~pairs).bit_count()
                 + (three & pairs).bit_count()) + sum(known[c] - KM_WEIGHT * away[c] for c in trio))
        if best_score is None or score > best_score:
            best, best_score = list(trio), score
    return best


def _bits(units, carers, can) -> tuple[dict[int, int], int, int]:
    """The units as bits: those each carer could do, all of them, and those that take two carers."""
    able = {c: sum(1 << k for k, (v, _) in enumerate(units) if v.key in can[c]) for c in carers}
    return able, (1 << len(units)) - 1, sum(1 << k for k, (_, needed) in enumerate(units) if needed == 2)


def _allowed_out(visits: int) -> int:
    """Of so many visits, how many may be by someone outside the team."""
    return visits - least_by_team(visits)


def _out(team, able: dict[int, int], every: int, pairs: int) -> int:
    """Visits no member of the team could do, however free they were (bits: the units each carer could do, all
    the units, and those that take two carers)."""
    one, two, _ = _at_least(team, able)
    return (every & ~pairs & ~one).bit_count() + 2 * (pairs & ~one).bit_count() + (pairs & one & ~two).bit_count()


def _at_least(team, masks: dict[int, int]) -> tuple[int, int, int]:
    """The units at least one, two and three members of the team have in their masks."""
    one = two = three = 0
    for c in team:
        three |= two & masks[c]
        two |= one & masks[c]
        one |= masks[c]
    return one, two, three


def _units(visits) -> list[tuple]:
    """(visit, carers it takes): a visit by two carers is one unit that takes two different team members, or
    one of its halves goes to a stranger every time (a daily two-carer visit needs two of the three that day)."""
    keys = {v.key for v in visits}
    seconds = {v.partner_key for v in visits if v.partner_key in keys}
    return [(v, 2 if v.partner_key in keys else 1) for v in visits if v.key not in seconds]


def _worth(free_already: int, carers: int, free: bool) -> float:
    """What one more team member able to do a unit needing `carers` adds, `free_already` being free for it."""
    if not free:
        return CROWDED if free_already < carers else 0.0
    return FIRST if free_already < carers else SECOND if free_already == carers else 0.0


def _promise(visits, team, can, hours) -> None:
    """Each visit to the team member with the most room for it then: its likely carer, for later teams (the
    two halves of a two-carer visit to two different members)."""
    partner = {v.key: v.partner_key for v in visits if v.partner_key}
    partner.update({second: first for first, second in list(partner.items())})
    taken: dict[str, int] = {}  # a half's key -> the member promised its other half
    for v in visits:
        able = [c for c in team if v.key in can[c] and c != taken.get(v.key)]
        if able:
            chosen = max(able, key=lambda c: hours.spare(c, v))
            hours.promise(chosen, v)
            if v.key in partner:
                taken[partner[v.key]] = chosen


def _km(homes: dict, person_id: int, carer) -> float:
    home = homes.get(person_id)
    if home is None or carer.latitude is None:
        return 0.0
    return road_km(home, (carer.latitude, carer.longitude))
