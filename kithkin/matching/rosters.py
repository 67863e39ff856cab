"""Planning a week: first a plan that minds only travel (the reference), then each person's regular team,
then the plan that keeps people's visits within their teams, starting from the first, then the weeks of the
few people still under 90% by their team mended where they can be, and last a search that wins back driving
without letting anyone fall under 90% again. Once a person is at 90%, later searches hold the visits it
needs with their team (`_held`): a search that prices every visit alike would trade one person's 90% for
another's. Each plan is solved a day per part, the days side by side on the server's cores (no visit can
move to another day). A week after one planned with teams carries on from it instead of a travel-only first
plan: last week's plan and teams are the start (carry_on.py). The roster, its figures and every visit are saved
in one transaction; the previous roster for the week is kept, no longer current."""

import statistics
import time
from collections import Counter, defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.core.models import Postcode
from kithkin.matching import under_way
from kithkin.matching.carry_on import carried_from, carried_start, carried_teams, planned_with_teams, teams_kept
from kithkin.matching.engine.parts import solve_in_parts
from kithkin.matching.mending import least_by_team, mend_teams
from kithkin.matching.models import Roster, RosterVisit
from kithkin.matching.teams import choose_teams, settled_teams
from kithkin.matching.travel import co2_kg
from kithkin.matching.week import Week, load_week, route_day, to_problem

# What a visit by someone outside the person's team costs, in kilometres of travel: the trade between team
# and driving. At 10 the demo week kept 98% of visits within teams for 6-10% more driving than the travel-only
# plan; at 6, 97-98% for 3-6% more; at 4 (with the faster engine) as many, 97-98%, for about 2% less driving
# than at 6; at 3 the share of people with 90%+ of visits by their team fell by about a point. Once carers
# with no hours that week (a lapsed DBS check) no longer had empty rounds, the travel-only plan drove 3% less and
# 4 km came to 8.5-12% over it (three seeds): 3 km, 5-8.5%, with 95.3-96.2% of people at 90%+ against
# 96.2-97.2%. Later runs at 3 km came to +9.6% and +9.8% (the plan with teams 4.3-7.6% over its own
# travel-minded start); at 2.5 km, 3.1-4.1% over the start (three seeds), +5.9% to +8.2% over the travel-only
# plan, with 96.3% of people at 90%+ on average against 97.0% (docs/adr/0008).
OUTSIDER_KM = 2.5
# Of the time limit: the plan that minds only travel (the better it is, the better the teams chosen from it),
# the plan with the teams chosen, and the rest settling the teams as they turned out. On the demo's week,
# 45/30/25 drove 2-4% less than 30/35/35 with as many visits by the team, and 60/20/20 3-5% less again.
BLIND_SHARE = 0.6
TEAM_SHARE = 0.2
# Of the time limit, kept back for mending teams (2 to 5 s on the demo's week); and how far over the
# travel-only plan's kilometres mending may take the plan at its dearer limits (docs/adr/0008).
MENDING_SHARE = 0.05
MENDING_KM_SHARE = 0.05
# What a visit outside the team costs while settling, for the people whose 90% the plan with teams left at
# stake: under 90% by their team, or at it with no visit to spare (one more stranger and they fall under). The
# search then works hardest where a person's 90% is at stake. On the demo's week (three seeds) 8 km for the
# people under 90% left 3.5% of people under it at the end, against 5.2% with every visit at OUTSIDER_KM; 8 km
# for those with none to spare too, 2.6%, each for no more driving. Raising it again for whoever was still
# short, in a second round, cost 5-12% more driving.
SHORT_KM = 8.0
# Of the time limit, the last search, after mending: it wins back driving with every person's 90% held (the
# visits their 90% needs may go to nobody outside their team). On the demo's week (three seeds, 110 s), holding
# the 90% while settling too and this last 10% drove 2,625 km on average against 2,672, with 96.6% of people
# at 90%+ against 97.4% (each within the runs' spread); letting mending drive 10% over the travel-only plan
# then brought 97.9% for 2,698 km.
POLISH_SHARE = 0.1
# Carrying a week on from the week before: of the time limit, the plan with last week's teams from last week's
# plan (there is no travel-only draft), the rest settling, mending and winning back driving as above; and how far
# over the plan before it mending may drive (1%: at 5% one run drove 115 km more to bring 9 people to 90%). On the
# demo's second week (seed 2, 110 s): 2,696 km, 97.7% of people at 90%+, 567 of 600 with last week's team; planned
# afresh, 2,630 km, 95.2%, 270 (docs/adr/0008).
CARRIED_SHARE = 0.6
CARRIED_MENDING_KM_SHARE = 0.01
# The engine's search cools once, not three times from its best plan (its default, for the HHCRSP instances):
# a day of the demo's week, with a few seconds of a core, is planned better by one long cooling. The
# travel-only plan in 66 s drove 2,438-2,487 km against 2,469-2,571 (seeds 1-4). Both plans of the week gain, so
# the travel floor moves less: in 110 s the plan with teams came 7.4% to 11.2% over the travel-only plan (five
# runs) where it had come 3.8% to 10.5% (docs/adr/0008).
CYCLES = 1


# How far ahead a week may be planned: further is a mistyped year, not a plan.
FURTHEST_AHEAD = timedelta(days=366 * 10)


def _today() -> date:
    return timezone.localdate()


def week_problem(monday: date, today: date | None = None) -> str | None:
    """Why a week cannot be planned (one line for a form or the command line), or None if it can."""
    today = today or _today()
    if monday.weekday() != 0:
        return f"A roster starts on a Monday; {monday:%-d %B %Y} is a {monday:%A}"
    if monday < today - timedelta(days=6):
        return f"The week of {monday:%-d %B %Y} is over: plan this week or a later one"
    if monday > today + FURTHEST_AHEAD:
        return f"The week of {monday:%-d %B %Y} is more than ten years away: check the year"
    return None


def plan_week(monday: date, auditor: Auditor, time_limit_s: float = 60, seed: int = 1,
              max_iterations: int | None = None, progress=lambda message: None, continuity: bool = True,
              carry_on: bool = True) -> Roster:
    """With `continuity` off, the plan minds travel only (the reference the figures compare with). With
    `carry_on`, a week after one planned with teams starts from that week's plan and teams (carry_on.py)."""
    began = time.monotonic()
    week = load_week(monday)
    # A week under way is planned from today on: the days gone stay as the roster in use has them, and so do its
    # cancelled visits, whether or not the week has begun (under_way.py).
    first, replaced = max(monday, _today()), Roster.objects.filter(week_starting=monday, is_current=True).first()
    if first > monday or replaced is not None:
        week = under_way.from_day(week, first, under_way.cancelled_ahead(replaced, first))
    if not week.visits:
        raise ValueError("there are no regular visits to plan: add people's visits first")
    progress(f"{len(week.visits):,} visits, {len(week.carers):,} carers ({len(week.routes):,} stretches of work)")
    blind_problem = to_problem(week)
    # A week planned again carries on from its own plan in use (fewer changes to tell people of), else from the
    # week before.
    previous = (_carried_again(replaced) or carried_from(week)) if continuity and carry_on else None
    homes = _homes(week)
    if previous is None:
        share = BLIND_SHARE if continuity else 1.0
        blind = solve_by_day(blind_problem, time_limit_s=time_limit_s * share, seed=seed, max_iterations=_part(
            max_iterations, share), progress=lambda s, best: progress(f"  travel first: {s:.0f}s"))
        blind_km = _km(blind_problem, blind)
        if not continuity:
            teams = _busiest(_pairs(week, blind))
            reference = {"blind_km": round(blind_km, 1), "continuity": False,
                         "seconds": round(time.monotonic() - began, 1),
                         "unserved_reasons": dict(Counter(u.reason for u in blind.unserved).most_common())}
            return save(week, blind_problem, blind, teams, reference, auditor, seed, time_limit_s, replaced, first)
        teams = choose_teams(week, _pairs(week, blind), _pairs_before(week), homes)
        start, first_share, reference = _rows(blind), TEAM_SHARE, {"blind_km": round(blind_km, 1)}
        settle_share = 1 - BLIND_SHARE - TEAM_SHARE - POLISH_SHARE
    else:
        # No travel-only draft: the week before was planned, and its plan is a better start than any draft.
        progress("  carrying on from the plan before" if previous == replaced
                 else f"  carrying on from the week of {previous.week_starting:%-d %B %Y}")
        start, blind_km = carried_start(week, previous), None
        teams = carried_teams(week, previous, choose_teams(week, Counter(), _pairs_before(week), homes))
        first_share, settle_share = CARRIED_SHARE, 1 - CARRIED_SHARE - POLISH_SHARE
        reference = {"carried_from": previous.week_starting.isoformat(), "planned_again": previous == replaced}
    problem = to_problem(week, teams, OUTSIDER_KM)
    final = solve_by_day(problem, time_limit_s=time_limit_s * first_share, seed=seed, start=start,
                         max_iterations=_part(max_iterations, first_share),
                         progress=lambda s, best: progress(f"  keeping teams: {s:.0f}s"))
    # The teams as they turned out (the carers who did most of each person's visits, of teams that could do 90%
    # of them at all) are teams that can serve them: plan once more from this plan, keeping people to those,
    # and the people whose 90% is at stake most of all.
    teams = settled_teams(week, _pairs(week, final), prefer=teams)
    at_stake = {person_id: SHORT_KM for person_id in _at_stake(week, final, teams)}
    settling = to_problem(week, teams, OUTSIDER_KM, dearer=at_stake, held=_held(week, final, teams))
    problem = to_problem(week, teams, OUTSIDER_KM)
    left = max(1.0, time_limit_s * (1 - MENDING_SHARE - POLISH_SHARE) - (time.monotonic() - began))
    final = solve_by_day(settling, time_limit_s=left, seed=seed, start=_rows(final),
                         max_iterations=_part(max_iterations, settle_share),
                         progress=lambda s, best: progress(f"  settling teams: {s:.0f}s"))
    # A person's regular team is who does most of their visits in the plan they get (the teams planned for,
    # where carers tie), so the team on their page is the people who will come. Then the few still under 90%
    # have their weeks mended where a visit or two can be brought back to their team (matching/mending.py).
    teams = settled_teams(week, _pairs(week, final), prefer=teams)
    # Mending may drive a little over the travel-only draft, or with none (carried on), over the plan as it is.
    km_cap = (blind_km * (1 + MENDING_KM_SHARE) if blind_km is not None
              else _km(problem, final) * (1 + CARRIED_MENDING_KM_SHARE))
    mended = mend_teams(problem, final, {v.key: v.person_id for v in week.visits}, teams, km_cap=km_cap,
                        deadline=began + time_limit_s * (1 - POLISH_SHARE))
    progress(f"  mending teams: {mended.people} of {mended.short} people under 90% of visits by their team brought "
             f"to it ({_km(problem, final):,.0f} km to {_km(problem, mended.solution):,.0f})" if mended.short
             else "  mending teams: everyone has 90% or more of visits by their team")
    final, teams = mended.solution, _busiest(_pairs(week, mended.solution), prefer=mended.teams)
    if POLISH_SHARE:
        # Mending buys people's 90% with driving; the search wins back what it can, with every person's 90% held.
        polishing = to_problem(week, teams, OUTSIDER_KM, held=_held(week, final, teams))
        left = max(1.0, time_limit_s - (time.monotonic() - began))
        final = solve_by_day(polishing, time_limit_s=left, seed=seed + 1, start=_rows(final),
                             max_iterations=_part(max_iterations, POLISH_SHARE),
                             progress=lambda s, best: progress(f"  shortening the driving: {s:.0f}s"))
        teams = _busiest(_pairs(week, final), prefer=teams)
        progress(f"  shortening the driving: {_km(problem, mended.solution):,.0f} km to {_km(problem, final):,.0f}")
    reference |= {"seconds": round(time.monotonic() - began, 1),
                  "unserved_reasons": dict(Counter(u.reason for u in final.unserved).most_common())}
    if previous is not None:
        reference["teams_kept"], reference["teams_before"] = teams_kept(previous, teams)
    return save(week, problem, final, teams, reference, auditor, seed, time_limit_s, replaced, first)


def _carried_again(replaced: Roster | None) -> Roster | None:
    """The plan in use for the week, if it was planned with teams: a week planned again carries on from it. On the
    demo's second week (110 s) that changed 916 of 2,532 visits' carers or times against 1,322 carried on from the
    week before, for 2,639 km against 2,667 and 98.3% of people at 90%+ against 97.8%."""
    return replaced if planned_with_teams(replaced) else None


def current_from_this_week():
    """The rosters in use for this week and the weeks after it, soonest first."""
    return Roster.objects.filter(is_current=True, week_starting__gte=_today() - timedelta(days=6)).order_by(
        "week_starting")


def solve_by_day(problem, **kwargs):
    """The engine, a day per part: no visit may go to another day's carers."""
    return solve_in_parts(problem, route_day, threads=settings.KITHKIN_ROSTER_THREADS, cycles=CYCLES, **kwargs)


def _rows(solution) -> list[list[str]]:
    """A plan to start from: each route's visits in order (the problems share their routes)."""
    return [[stop.visit for stop in route.stops] for route in solution.routes]


def _part(budget: int | None, share: float) -> int | None:
    return None if budget is None else max(1, int(budget * share))


def _busiest(pairs: Counter, prefer: dict[int, set[int]] | None = None) -> dict[int, set[int]]:
    """Each person's team as it fell out: the few carers who did most of their visits (of equals, those in
    `prefer`, then the first on the register)."""
    by_person: dict[int, Counter] = {}
    for (person_id, carer_id), n in pairs.items():
        by_person.setdefault(person_id, Counter())[carer_id] += n
    size, prefer = settings.KITHKIN_TEAM_SIZE, prefer or {}
    return {p: set(sorted(counts, key=lambda c: (-counts[c], c not in prefer.get(p, ()), c))[:size])
            for p, counts in by_person.items()}


def _at_stake(week: Week, solution, teams: dict[int, set[int]]) -> list[int]:
    """The people under 90% of their visits by their team in the plan, or at it with no visit to spare."""
    served, by_team = _served_by_team(week, solution, teams)
    return sorted(p for p, n in served.items() if len(by_team[p]) <= least_by_team(n))


def _held(week: Week, solution, teams: dict[int, set[int]]) -> set[str]:
    """Of each person's visits their team does in the plan, as many as their 90% needs (all, if under it): the
    visits a later search must leave with the team, so that nobody falls under 90% again."""
    served, by_team = _served_by_team(week, solution, teams)
    return {key for p, keys in by_team.items() for key in sorted(keys)[:least_by_team(served[p])]}


def _served_by_team(week: Week, solution, teams: dict[int, set[int]]) -> tuple[Counter, dict[int, list[str]]]:
    """How many of each person's visits the plan serves, and which of them their team does."""
    person_of = {v.key: v.person_id for v in week.visits}
    served, by_team = Counter(), defaultdict(list)
    for route in solution.routes:
        carer_id = int(route.carer.split(":")[0])
        for stop in route.stops:
            person_id = person_of[stop.visit]
            served[person_id] += 1
            if carer_id in teams.get(person_id, ()):
                by_team[person_id].append(stop.visit)
    return served, by_team


def _homes(week: Week) -> dict[int, tuple[float, float]]:
    where = dict((p, (lat, lon)) for p, lat, lon in Postcode.objects.filter(postcode__in=week.postcodes)
                 .values_list("postcode", "latitude", "longitude"))
    return {v.person_id: where[v.postcode] for v in week.visits if v.postcode in where}


def placements(problem, solution):
    """(visit id, real carer id, start, km from the previous stop, km home after it if it is the last)."""
    where = {v.id: v.location for v in problem.visits}
    for carer, route in zip(problem.carers, solution.routes, strict=True):
        here = carer.start_location
        for n, stop in enumerate(route.stops, start=1):
            there = where[stop.visit]
            home = problem.distances[there][carer.end_location] if n == len(route.stops) else 0.0
            yield stop.visit, int(carer.person), stop.start, problem.distances[here][there], home
            here = there


def _km(problem, solution) -> float:
    """Kilometres driven: every carer from home, round their visits, and home again."""
    where = {v.id: v.location for v in problem.visits}
    total = 0.0
    for carer, route in zip(problem.carers, solution.routes, strict=True):
        here = carer.start_location
        for stop in route.stops:
            total += problem.distances[here][where[stop.visit]]
            here = where[stop.visit]
        total += problem.distances[here][carer.end_location] if route.stops else 0.0
    return total


def _pairs(week: Week, solution) -> Counter:
    person_of = {v.key: v.person_id for v in week.visits}
    counts: Counter = Counter()
    for route in solution.routes:
        carer_id = int(route.carer.split(":")[0])
        for stop in route.stops:
            counts[(person_of[stop.visit], carer_id)] += 1
    return counts


def _pairs_before(week: Week) -> Counter:
    """Who visited whom in the current roster of the week before (or the latest one): the team they know."""
    previous = Roster.objects.filter(is_current=True, week_starting__lt=week.monday).order_by("-week_starting").first()
    counts: Counter = Counter()
    if previous is not None:
        for person_id, carer_id in previous.visits.filter(carer__isnull=False, cancelled=False).values_list(
                "person_id", "carer_id"):
            counts[(person_id, carer_id)] += 1
    return counts


def figures(roster: Roster) -> dict:
    """The roster's figures from its visits as they stand (after any repair): what was served, kilometres
    and CO2, and how much of each person's week their regular team does."""
    teams = roster.teams
    rows = list(roster.visits.filter(cancelled=False).values_list("person_id", "carer_id", "travel_km", "return_km",
                                                                  "start", "latest"))
    by_person: dict[int, Counter] = {}
    km, late = 0.0, []
    for person_id, carer_id, travel, back, start, latest in rows:
        if carer_id is not None:
            by_person.setdefault(person_id, Counter())[carer_id] += 1
            km += travel + back
            if start is not None and start > latest:
                late.append(start - latest)
    served = sum(sum(c.values()) for c in by_person.values())
    by_team = sum(n for p, c in by_person.items() for carer, n in c.items() if carer in teams.get(p, set()))
    shares = [sum(n for carer, n in c.items() if carer in teams.get(p, set())) / sum(c.values())
              for p, c in by_person.items()]
    blind = roster.figures.get("blind_km") or 0
    return {
        "visits": len(rows), "served": served, "unserved": len(rows) - served, "people": len(by_person),
        "km": round(km, 1), "co2_kg": round(co2_kg(km), 1), "travel_vs_blind": round(km / blind - 1, 4) if blind else 0,
        "team_share": round(by_team / served, 4) if served else 0,
        "people_mostly_with_team": round(sum(s >= 0.9 for s in shares) / len(shares), 4) if shares else 0,
        "median_carers": statistics.median(len(c) for c in by_person.values()) if by_person else 0,
        "mean_carers": round(statistics.mean(len(c) for c in by_person.values()), 2) if by_person else 0,
        "team_size": settings.KITHKIN_TEAM_SIZE, "late": len(late), "latest_by": max(late, default=0),
    }


@transaction.atomic
def save(week: Week, problem, solution, teams, reference: dict, auditor: Auditor, seed: int, time_limit_s: float,
         replaced: Roster | None = None, first: date | None = None):
    """`replaced`: the roster in use for the week, if any. Its days before `first` (and its visits cancelled from
    then on) are kept as they were, and each visit the new plan changes from then on is listed (under_way.py)."""
    Roster.objects.filter(week_starting=week.monday, is_current=True).update(is_current=False)
    kept = {**reference, "teams": {str(p): sorted(c) for p, c in teams.items()}}
    roster = Roster.objects.create(week_starting=week.monday, seed=seed, time_limit_s=int(time_limit_s),
                                   figures=kept, created_by=auditor.actor)
    placed = {visit_id: rest for visit_id, *rest in placements(problem, solution)}
    unserved = {u.visit: u.reason for u in solution.unserved}
    rows = {}
    for v in week.visits:
        carer_id, start, km, home = placed.get(v.key, (None, None, 0.0, 0.0))
        reason = "; ".join(week.ruled_out.get(v.person_id, [])) or unserved.get(v.key, "")
        rows[v.key] = RosterVisit(roster=roster, person_id=v.person_id, pattern_id=v.pattern_id, date=v.day,
                                  skill=v.skill, earliest=v.earliest, latest=v.latest, minutes=v.minutes,
                                  carer_id=carer_id, start=None if start is None else round(start),
                                  travel_km=round(km, 3), return_km=round(home, 3),
                                  unserved_reason="" if carer_id else reason[:300])
    RosterVisit.objects.bulk_create(rows.values())
    for v in week.visits:  # the second carer of a two-carer visit points at the first
        if v.partner_key:
            second = rows[v.partner_key]
            second.partner = rows[v.key]
            second.save(update_fields=["partner"])
    if replaced is not None:
        under_way.keep_rows(roster, replaced, first or week.monday)
        under_way.list_changes(roster, replaced, first or week.monday, auditor.actor)
    roster.figures = {**kept, **figures(roster)}
    roster.save(update_fields=["figures"])
    # The summary, not a snapshot: the roster's rows are the record, and its teams would swamp the log.
    carried = reference.get("carried_from")
    auditor.record("create", obj=roster, summary=f"Planned the roster for the week of {week.monday:%-d %B %Y}: "
                                    f"{roster.figures['served']:,} of {roster.figures['visits']:,} visits"
                                    + (", carried on from the plan before" if reference.get("planned_again") else
                                       f", carried on from the week of {date.fromisoformat(carried):%-d %B %Y}"
                                       if carried else ""))
    return roster
