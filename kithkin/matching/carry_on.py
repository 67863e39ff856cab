"""Carrying a roster on from the week before: people's visits repeat every week, and so should the carers
who come. Planning a week afresh chooses teams from a plan that minds travel only, so from one week to the
next a person's team can change for a few kilometres (on the demo's second week, planned afresh, 268 of
600 people kept the same team). Carried on, the week starts from last week's plan (each visit with the
carer who did it at the time they came, where that carer works then) and each person's team is last week's
where every member may still visit them; the search then goes on from there.

Only a plan made with teams is carried on (a travel-only plan has no teams worth keeping)."""

from collections import defaultdict
from datetime import timedelta

from kithkin.matching.models import Roster
from kithkin.matching.week import Week, route_day, row_key

# How far back a roster may be to carry on from: after a longer gap, people's visits and carers have moved on.
FURTHEST_BACK = timedelta(weeks=4)


def carried_from(week: Week) -> Roster | None:
    """The roster in use for the latest week before this one, up to four weeks back, if planned with teams."""
    previous = (Roster.objects.filter(is_current=True, week_starting__lt=week.monday,
                                      week_starting__gte=week.monday - FURTHEST_BACK)
                .order_by("-week_starting").first())
    return previous if planned_with_teams(previous) else None


def planned_with_teams(roster: Roster | None) -> bool:
    """Whether a roster can be carried on from: planned with teams (a travel-only plan has none worth keeping)."""
    return roster is not None and roster.figures.get("continuity") is not False and bool(roster.figures.get("teams"))


def carried_start(week: Week, previous: Roster) -> list[list[str]]:
    """A plan to start from, a list of visit keys per route of the week (in the week's order): each visit
    with the carer who did it on the same weekday of the earlier week, in the order they came, where that
    carer works then. The rest (new visits, carers off) the engine places afresh."""
    rows = list(previous.visits.values_list("pk", "pattern_id", "date", "carer_id", "start", "partner_id", "cancelled"))
    firsts = {partner for *_, partner, _ in rows if partner}  # the second carer's row points at the first's
    came: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    for pk, pattern_id, day, carer_id, start, partner, cancelled in rows:
        if cancelled or carer_id is None or pattern_id is None or start is None:
            continue
        same_day = week.monday + timedelta(days=day.weekday())
        came[(carer_id, same_day.isoformat())].append((start, row_key(pattern_id, same_day, pk, partner, firsts)))
    keys, placed = {v.key for v in week.visits}, set()
    plan = []
    for route in week.routes:  # a stretch holds the visits that started in it (each once: stretches may meet)
        here = [key for start, key in sorted(came[(int(route.person), route_day(route))])
                if key in keys and key not in placed and route.shift_start <= start < route.shift_end]
        placed.update(here)
        plan.append(here)
    return plan


def carried_teams(week: Week, previous: Roster, chosen: dict[int, set[int]]) -> dict[int, set[int]]:
    """Each person's team from the earlier week where every member may still visit them and works some day this
    week; for everyone else (someone new, a carer who has left or is off all week), the team chosen afresh. The
    plan then settles on who does most of each person's visits, as a week planned afresh does."""
    working = {int(route.person) for route in week.routes}
    before = previous.teams
    teams = {}
    for person_id in {v.person_id for v in week.visits}:
        team = before.get(person_id, set())
        keep = team and team <= week.allowed.get(person_id, set()) and team <= working
        teams[person_id] = team if keep else chosen.get(person_id, set())
    return {p: t for p, t in teams.items() if t}


def teams_kept(previous: Roster, teams: dict[int, set[int]]) -> tuple[int, int]:
    """Of the people on both weeks, how many have the same regular team as in the earlier week."""
    before = previous.teams
    both = [p for p in teams if p in before]
    return sum(teams[p] == before[p] for p in both), len(both)
