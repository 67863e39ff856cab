"""Rosters shaped for pages: the team's week as a grid, a carer's days in order, a person's week, and who sees
someone outside their regular team."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F
from django.utils import timezone

from kithkin.core.jinja import clock
from kithkin.matching.mending import least_by_team
from kithkin.matching.models import Absence, Roster, RosterVisit
from kithkin.matching.repair import visits_against_wishes


def next_monday(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def days(roster: Roster) -> list[date]:
    return [roster.week_starting + timedelta(days=i) for i in range(7)]


@dataclass
class CarerRow:
    carer: object
    cells: list = field(default_factory=list)  # per day: (visits, minutes)
    visits: int = 0
    minutes: int = 0
    km: float = 0.0
    off: set = field(default_factory=set)  # the days (0 to 6) they are marked off


def team_week(roster: Roster) -> list[CarerRow]:
    """One row per carer with work that week: visits and hours each day, and kilometres."""
    week = days(roster)
    rows: dict[int, CarerRow] = {}
    for v in roster.visits.filter(cancelled=False, carer__isnull=False).select_related("carer"):
        row = rows.setdefault(v.carer_id, CarerRow(v.carer, [[0, 0] for _ in week]))
        cell = row.cells[(v.date - roster.week_starting).days]
        cell[0] += 1
        cell[1] += v.minutes
        row.visits += 1
        row.minutes += v.minutes
        row.km += v.travel_km + v.return_km
    for carer_id, day in Absence.objects.filter(carer_id__in=rows, day__in=week).values_list("carer_id", "day"):
        rows[carer_id].off.add((day - roster.week_starting).days)  # marked off: not the same as not working
    return sorted(rows.values(), key=lambda r: (r.carer.family_name, r.carer.given_name))


def unserved(roster: Roster):
    return roster.visits.filter(cancelled=False, carer__isnull=True).select_related("person").order_by(
        "date", "earliest")


def late(roster: Roster):
    """The visits planned to start after their window (windows are soft: a visit comes late rather than not at
    all), for the coordinator to tell the person or change by hand."""
    return roster.visits.filter(cancelled=False, carer__isnull=False, start__gt=F("latest")).select_related(
        "person", "carer").order_by("date", "start")


def change_text(c) -> str:
    """What a repair did to one visit, in a line: 'Sam Patel instead of Ann Lee, at 08:15'."""
    before, after = c.carer_before, c.carer_after
    at = f", at {clock(c.start_after)}" if c.start_after is not None else ""
    if c.why in ("cancelled", "ended"):  # who to tell: the carer it was with, and when
        was = f" (it was {before.full_name}'s" + (f", at {clock(c.start_before)})" if c.start_before is not None
                                                   else ")") if before else ""
        return ("cancelled" if c.why == "cancelled" else "taken off") + was
    if after is None:
        return f"not planned (it was {before.full_name}'s)" if before else "not planned"
    if before == after and c.start_before is not None and c.start_after is not None:
        return f"{after.full_name}, moved from {clock(c.start_before)} to {clock(c.start_after)}"
    if before is None:
        return f"{after.full_name}{at}"
    return f"{after.full_name} instead of {before.full_name}{at}"


def late_note(changes) -> str:
    """' 2 of them start after the time they should start by (up to 47 minutes late): ...', or '': for the message
    after a repair, so that a late visit is not found only by reading the list."""
    late = [c.start_after - c.visit.latest for c in changes
            if c.carer_after_id and c.start_after is not None and c.start_after > c.visit.latest]
    if not late:
        return ""
    return (f" {len(late)} of these visits start{'s' if len(late) == 1 else ''} after the time"
            f" {'it' if len(late) == 1 else 'they'} should start by (up to {max(late)} minutes late): tell the"
            f" {'person' if len(late) == 1 else 'people'}, or change {'it' if len(late) == 1 else 'them'} by hand.")


def newest_first(changes) -> list:
    """Changes newest first, and those made together (in the same minute) in the order of the week."""
    return sorted(changes, key=lambda c: (-int(c.made_at.timestamp() // 60), c.visit.date,
                                          c.start_after if c.start_after is not None else c.start_before or 0,
                                          -c.made_at.timestamp()))  # one visit cancelled, then put back


def team_of(roster: Roster, person_id: int) -> set[int] | None:
    """The person's regular team in this roster (None for a roster saved without teams)."""
    teams = roster.figures.get("teams")
    return None if teams is None else set(teams.get(str(person_id), ()))


@dataclass
class OutsideTeam:
    """A person who sees someone outside their regular team this week, and when."""

    person: object
    visits: list[RosterVisit]  # by someone outside the team
    served: int  # of their visits, planned
    by_team: int

    @property
    def under_share(self) -> bool:
        return self.by_team < least_by_team(self.served)


def outside_team(roster: Roster) -> list[OutsideTeam]:
    """Everyone with a visit this week by a carer outside their regular team (the people a coordinator tells
    who is coming, or re-plans by hand), those under 9 in 10 visits by their team first."""
    teams = roster.teams
    found: dict[int, OutsideTeam] = {}
    served, by_team = defaultdict(int), defaultdict(int)
    rows = roster.visits.filter(cancelled=False, carer__isnull=False).select_related("person", "carer")
    for v in rows.order_by("date", "start"):
        served[v.person_id] += 1
        if v.carer_id in teams.get(v.person_id, ()):
            by_team[v.person_id] += 1
        else:
            found.setdefault(v.person_id, OutsideTeam(v.person, [], 0, 0)).visits.append(v)
    for person_id, row in found.items():
        row.served, row.by_team = served[person_id], by_team[person_id]
    return sorted(found.values(), key=lambda r: (not r.under_share, r.person.family_name, r.person.given_name))


@dataclass
class Stop:
    visit: RosterVisit
    start: str
    end: str
    window: str
    outside_team: bool = False  # by a carer outside the person's regular team
    against: list[str] = field(default_factory=list)  # why the carer no longer suits them, if they do not

    @property
    def late_by(self) -> int:
        return self.visit.late_by


def _stop(v: RosterVisit, team: set[int] | None = None, against: dict | None = None) -> Stop:
    return Stop(v, clock(v.start), clock(None if v.start is None else v.start + v.minutes),
                f"between {clock(v.earliest)} and {clock(v.latest)}",
                team is not None and v.carer_id is not None and v.carer_id not in team, (against or {}).get(v.pk, []))


def stop(v: RosterVisit) -> Stop:
    """One visit as a page shows it: its time, and the window it may start in."""
    return _stop(v)


def carer_days(roster: Roster, carer) -> list[tuple[date, list[Stop], float]]:
    by_day = defaultdict(list)
    for v in roster.visits.filter(carer=carer, cancelled=False).select_related("person").order_by("date", "start"):
        by_day[v.date].append(_stop(v))
    return [(d, by_day[d], round(sum(s.visit.travel_km + s.visit.return_km for s in by_day[d]), 1))
            for d in days(roster)]


def person_weeks(person) -> list[tuple[Roster, list[tuple[date, list[Stop]]]]]:
    """This week's and next week's current rosters: each day, who is coming and when."""
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    weeks = []
    for roster in Roster.objects.filter(is_current=True, week_starting__gte=monday - timedelta(days=7)).order_by(
            "week_starting")[:3]:
        by_day, team, against = defaultdict(list), team_of(roster, person.pk), visits_against_wishes(roster, person)
        for v in roster.visits.filter(person=person).select_related("carer").order_by("date", "start", "earliest"):
            by_day[v.date].append(_stop(v, team, against))
        if by_day:
            weeks.append((roster, [(d, by_day[d]) for d in days(roster) if by_day[d]]))
    return weeks
