"""Each person's regular team: at most a few carers who between them can do the person's visits, chosen
from who already knows them (last week's roster), who the travel-minded plan sent, who lives near, and who
is free when the visits are, without piling one carer's week too high. The roster then asks the engine to
keep each person's visits within their team, at a price in kilometres for every visit outside it."""

from collections import Counter, defaultdict

from django.conf import settings

from kithkin.matching.travel import road_km

LOAD_LIMIT = 0.85  # a carer's week is not planned fuller than this through teams alone


def coverable(week) -> dict[int, set[str]]:
    """For each carer, the visits of the week they could do: a stretch that day holds it, with the skill."""
    by_day = defaultdict(list)
    for route in week.routes:
        by_day[route.id.split(":")[1]].append(route)
    can: dict[int, set[str]] = defaultdict(set)
    for v in week.visits:
        for route in by_day[v.day.isoformat()]:
            if v.skill in route.skills and route.shift_start <= v.latest and v.earliest + v.minutes <= route.shift_end:
                can[int(route.person)].add(v.key)
    return can


def choose_teams(week, planned: Counter, before: Counter, homes: dict) -> dict[int, set[int]]:
    """planned[(person, carer)] and before[(person, carer)]: visits in the travel-minded plan and last week."""
    size = settings.KITHKIN_TEAM_SIZE
    can = coverable(week)
    capacity = Counter()
    for route in week.routes:
        capacity[int(route.person)] += route.shift_end - route.shift_start
    load: Counter = Counter()
    visits_of = defaultdict(list)
    for v in week.visits:
        visits_of[v.person_id].append(v)
    teams = {}
    for person_id in sorted(visits_of, key=lambda p: -len(visits_of[p])):  # the busiest weeks first
        visits = visits_of[person_id]
        keys = {v.key for v in visits}
        minutes = sum(v.minutes for v in visits)
        team, covered = [], set()
        allowed = week.allowed.get(person_id, set())
        while len(team) < size:
            best, best_score = None, 0.0
            for carer_id in allowed - set(team):
                gain = len((can[carer_id] & keys) - covered)
                known = planned[(person_id, carer_id)] + 2 * before[(person_id, carer_id)]
                if not gain and not known:
                    continue
                score = 10 * gain + known - 0.5 * _km(homes, person_id, week.carers[carer_id])
                if load[carer_id] + minutes / max(1, len(team) + 1) > LOAD_LIMIT * capacity[carer_id]:
                    score -= 20
                if best is None or score > best_score:
                    best, best_score = carer_id, score
            if best is None:
                break
            team.append(best)
            covered |= can[best] & keys
            load[best] += minutes / size
        teams[person_id] = set(team)
    return teams


def _km(homes: dict, person_id: int, carer) -> float:
    home = homes.get(person_id)
    if home is None or carer.latitude is None:
        return 0.0
    return road_km(home, (carer.latitude, carer.longitude))
