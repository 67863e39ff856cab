"""A week of visits as a rostering problem: the visits come from people's regular visit patterns, the
routes from carers' weekly availability (one route per stretch of time a carer is free on a day), and
the rules from the register (skills, checks, areas) and from what each person wants (hard preferences).

Nothing is written here: rosters.py saves what the engine plans."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db.models import Prefetch

from kithkin.core.models import Postcode
from kithkin.matching.candidates import ruled_out_because
from kithkin.matching.clock import minutes_of_day
from kithkin.matching.engine import SEQUENTIAL, SIMULTANEOUS, Problem, SyncLink, Visit, Weights
from kithkin.matching.engine import Carer as Route
from kithkin.matching.models import Absence, Carer, Preferences, TravelTime, TwoCarers, VisitPattern
from kithkin.matching.travel import minutes_for, road_km

# A visit's latest start is soft: a visit a little late is better than no visit. Each minute late costs as much
# as this many kilometres of driving (and the latest of the week as much again), so lateness is rare and short.
HARD_WINDOWS = False
LATE_KM_PER_MINUTE = 5.0
# A second carer "one after the other" may start up to this long after the agreed gap.
SEQUENTIAL_SLACK = 30


@dataclass
class WeekVisit:
    """One carer's part of one visit on one day (a two-carer visit is two of these)."""

    key: str
    person_id: int
    pattern_id: int
    day: date
    skill: str
    earliest: int
    latest: int
    minutes: int
    postcode: str
    partner_key: str = ""
    two_carers: str = ""
    gap: int = 0


@dataclass
class Week:
    monday: date
    visits: list[WeekVisit]
    routes: list[Route]
    carers: dict[int, Carer]
    postcodes: list[str]
    allowed: dict[int, set[int]]  # person -> carers who may visit them
    ruled_out: dict[int, list[str]] = field(default_factory=dict)  # person -> why nobody may

    @cached_property
    def travel(self) -> tuple[list[list[float]], list[list[float]]]:
        """(kilometres, minutes) between the week's postcodes: read once, shared by every plan of the week."""
        return travel_matrices(self.postcodes)


def window(pattern) -> dict[str, int]:
    """When a visit of the pattern may start, in minutes of the day (the first carer's, for two)."""
    return {"earliest": minutes_of_day(pattern.earliest), "latest": minutes_of_day(pattern.latest)}


def second_window(pattern) -> dict[str, int]:
    """The window of a two-carer visit's second carer: the same as the first's when they come together; when they
    come one after the other, the gap later and as much slack again (else the second, as agreed, counts late)."""
    first = window(pattern)
    if pattern.two_carers == TwoCarers.IN_ORDER:
        return {"earliest": first["earliest"] + pattern.gap_minutes,
                "latest": first["latest"] + pattern.gap_minutes + SEQUENTIAL_SLACK}
    return first


def week_visits(monday: date) -> list[WeekVisit]:
    visits = []
    for pattern in VisitPattern.objects.filter(is_active=True).select_related("person").order_by("person_id", "pk"):
        for weekday in sorted(pattern.weekdays):
            day = monday + timedelta(days=weekday)
            key = f"{pattern.pk}:{day.isoformat()}"
            base = {"person_id": pattern.person_id, "pattern_id": pattern.pk, "day": day, "skill": pattern.skill,
                    **window(pattern), "minutes": pattern.minutes, "postcode": pattern.person.postcode}
            if pattern.carers_needed == 2:
                visits.append(WeekVisit(key=f"{key}:a", partner_key=f"{key}:b", two_carers=pattern.two_carers,
                                        gap=pattern.gap_minutes, **base))
                visits.append(WeekVisit(key=f"{key}:b", **{**base, **second_window(pattern)}))
            else:
                visits.append(WeekVisit(key=key, **base))
    return visits


def row_key(pattern_id: int, day: date, pk: int, partner_id: int | None, firsts: set[int]) -> str:
    """The key the week gives a roster row's visit on `day`: pattern:date, and :a or :b for the two carers of one
    visit (`firsts`: the rows a second carer's row points at)."""
    return f"{pattern_id}:{day.isoformat()}" + (":b" if partner_id else ":a" if pk in firsts else "")


def load_week(monday: date) -> Week:
    """The week as people's regular visits make it."""
    return _week(monday, week_visits(monday), None)


def roster_week(roster, dates: set[date], without_carer: int | None = None) -> Week:
    """The roster's visits on some days (not the cancelled ones), to repair them; keys are the rows' ids."""
    rows = list(roster.visits.filter(date__in=dates, cancelled=False).select_related("person", "pattern"))
    second_of = {row.partner_id: row.pk for row in rows if row.partner_id}
    visits = []
    for row in rows:
        pattern = row.pattern
        two = pattern.two_carers if pattern and row.pk in second_of else ""
        visits.append(WeekVisit(key=str(row.pk), person_id=row.person_id, pattern_id=row.pattern_id or 0,
                                day=row.date, skill=row.skill, earliest=row.earliest, latest=row.latest,
                                minutes=row.minutes, postcode=row.person.postcode,
                                partner_key=str(second_of[row.pk]) if row.pk in second_of else "",
                                two_carers=two, gap=pattern.gap_minutes if two and pattern else 0))
    week = _week(roster.week_starting, visits, without_carer)
    week.routes = [r for r in week.routes if date.fromisoformat(route_day(r)) in dates]
    return week


def _week(monday: date, visits: list[WeekVisit], without_carer: int | None) -> Week:
    off = Prefetch("absences", queryset=Absence.objects.filter(day__range=(monday, monday + timedelta(days=6))))
    carers = {c.pk: c for c in Carer.objects.filter(is_active=True).exclude(pk=without_carer)
              .prefetch_related("availability", off)}
    people = {v.person_id for v in visits}
    prefs = {p.person_id: p for p in Preferences.objects.filter(person_id__in=people).prefetch_related("not_wanted")}
    postcode_of = {v.person_id: v.postcode for v in visits}
    allowed, ruled_out = {}, {}
    for person_id in people:
        # Skills are checked per visit by the engine; here only what rules a carer out for the person.
        allowed[person_id] = {c.pk for c in carers.values()
                              if not ruled_out_because(c, prefs.get(person_id), set(), postcode_of[person_id])}
        if not allowed[person_id]:
            ruled_out[person_id] = ["no carer on the register meets their preferences and works where they live"]
    codes = sorted({v.postcode for v in visits} | {c.postcode for c in carers.values()})
    return Week(monday, visits, _routes(monday, carers), carers, codes, allowed, ruled_out)


def _routes(monday: date, carers: dict[int, Carer]) -> list[Route]:
    routes = []
    for carer in carers.values():
        off = {a.day for a in carer.absences.all()}
        for k, stretch in enumerate(carer.availability.all()):
            day = monday + timedelta(days=stretch.weekday)
            if not carer.dbs_current_on(day) or day in off:
                continue  # a check that runs out before the day (no visits until it is renewed), or off that day
            routes.append(Route(id=f"{carer.pk}:{day.isoformat()}:{k}", skills=frozenset(carer.skills),
                                start_location=0, end_location=0, shift_start=minutes_of_day(stretch.starts),
                                shift_end=minutes_of_day(stretch.ends), person=str(carer.pk)))
    return routes


def route_day(route: Route) -> str:
    return route.id.split(":")[1]


def to_problem(week: Week, team: dict[int, set[int]] | None = None, outsider_km: float = 0.0,
               keep: dict[str, int] | None = None, keep_km: float = 0.0,
               dearer: dict[int, float] | None = None, held: set[str] | None = None) -> Problem:
    """The week for the engine. Travel in minutes by car; the objective counts kilometres. With `team`,
    a visit by someone outside the person's regular team costs `outsider_km` more (continuity), or for the
    people in `dearer`, what it names (with `outsider_km` set: no price for anyone without it). With
    `keep` (visit key to carer), moving a visit off its carer costs `keep_km` (a repair changes little). The
    visits in `held` may go to nobody outside the person's team (how a plan keeps each person's 90%)."""
    index = {code: i for i, code in enumerate(week.postcodes)}
    km, minutes = week.travel
    routes = []
    for r in week.routes:
        home = index[week.carers[int(r.person)].postcode]
        routes.append(Route(id=r.id, skills=r.skills, start_location=home, end_location=home,
                            shift_start=r.shift_start, shift_end=r.shift_end, person=r.person))
    by_day: dict[str, list[Route]] = {}
    for r in routes:
        by_day.setdefault(route_day(r), []).append(r)
    visits = []
    for v in week.visits:
        allowed = week.allowed.get(v.person_id, set())
        regulars = (team or {}).get(v.person_id, set())
        day = [r for r in by_day.get(v.day.isoformat(), []) if int(r.person) in allowed]
        if held and v.key in held:
            day = [r for r in day if int(r.person) in regulars]
        ids = frozenset(r.id for r in day)
        extra = {}
        if keep and v.key in keep:
            extra = {r.id: keep_km for r in day if int(r.person) != keep[v.key]}
        elif team is not None and outsider_km:
            price = (dearer or {}).get(v.person_id, outsider_km)
            extra = {r.id: price for r in day if int(r.person) not in regulars}
        visits.append(Visit(id=v.key, location=index[v.postcode], earliest_start=v.earliest, latest_start=v.latest,
                            duration=v.minutes, skill=v.skill, hard_latest=HARD_WINDOWS, allowed_carers=ids,
                            extra_cost=extra, sync=_sync(v), label=v.key))
    weights = Weights(distance=1.0, total_tardiness=LATE_KM_PER_MINUTE, max_tardiness=LATE_KM_PER_MINUTE,
                      extra_cost=1.0)
    return Problem(visits=visits, carers=routes, travel_time=minutes, distance=km, weights=weights)


def _sync(v: WeekVisit) -> SyncLink | None:
    if not v.partner_key:
        return None
    if v.two_carers == TwoCarers.IN_ORDER:
        return SyncLink(other=v.partner_key, kind=SEQUENTIAL, min_gap=v.gap, max_gap=v.gap + SEQUENTIAL_SLACK)
    return SyncLink(other=v.partner_key, kind=SIMULTANEOUS)


def travel_matrices(codes: list[str]) -> tuple[list[list[float]], list[list[float]]]:
    """(kilometres, minutes) between every pair: imported real-road times where we have them, else the
    straight line times the road factor, driven at the council's average speed."""
    where = _places(codes)
    km = [[road_km(where[a], where[b]) for b in codes] for a in codes]
    minutes = [[minutes_for(d) for d in row] for row in km]
    index = {code: i for i, code in enumerate(codes)}
    roads = TravelTime.objects.filter(from_postcode__in=codes, to_postcode__in=codes)
    for road in roads.values_list("from_postcode", "to_postcode", "km", "minutes"):
        a, b = index[road[0]], index[road[1]]
        km[a][b], minutes[a][b] = road[2], road[3]
    return km, minutes


def _places(codes: list[str]) -> dict[str, tuple[float, float]]:
    found = {p: (lat, lon) for p, lat, lon in Postcode.objects.filter(postcode__in=codes)
             .values_list("postcode", "latitude", "longitude")}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValueError(f"we cannot find the postcode {missing[0]}: import the postcode directory first")
    return found
