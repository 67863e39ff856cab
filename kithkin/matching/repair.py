"""Repairing a roster when the week changes: a carer off sick, someone new, a visit cancelled. Only the
days touched are planned again, and moving any visit that was fine costs the engine far more than a
kilometre, so it changes as little as it can. Every change is listed, and the figures are brought up to date."""

from collections import Counter
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.matching import actions, rosters
from kithkin.matching.candidates import ruled_out_because
from kithkin.matching.clock import minutes_of_day
from kithkin.matching.models import Preferences, Roster, RosterChange, RosterVisit, VisitPattern
from kithkin.matching.under_way import MOVED_MINUTES  # a visit this much earlier or later: a change to tell
from kithkin.matching.week import roster_week, route_day, second_window, to_problem, travel_matrices, window

KEEP_KM = 500.0  # moving a visit that did not need to move costs as much as this much driving
# A visit that keeps its carer keeps its time too, give or take this: later than that costs the engine what
# lateness does (LATE_KM_PER_MINUTE a minute), earlier cannot be. Without it a repair re-ordered whole days for
# a few kilometres: one carer off on the demo's week moved 135 other people's visits by 15 minutes to 3 hours.
HOLD_MINUTES = MOVED_MINUTES - 1
# How long a repair searches, in seconds: the page waits for it. With every visit that was fine priced to stay, the
# search settles fast: on the demo's week one carer off for a day gave the same plan (13 changes, nothing late) in
# 1, 2, 4 and 10 s, and off for the whole week as good a plan in 1 and 3 s as in 10 (69-71 changes).
REPAIR_SECONDS = 3.0


@transaction.atomic
def carer_off(roster: Roster, carer, dates: list[date], auditor: Auditor, time_limit_s: float = REPAIR_SECONDS,
              seed: int = 1) -> list[RosterChange]:
    """The carer cannot work on these days: marked off (so no later repair or plan gives them visits then), and
    their visits go to others, everyone else's staying put."""
    dates = _in_week(roster, dates)
    today = timezone.localdate()
    if gone := [d for d in dates if d < today]:
        raise ActionError(f"{gone[0]:%A %-d %B} is over: a carer can be marked off from today on")
    actions.mark_off(carer, dates, auditor)
    return _replan(roster, set(dates), RosterChange.Why.CARER_OFF, auditor, time_limit_s, seed,
                   without_carer=carer.pk)


@transaction.atomic
def add_person(roster: Roster, person, auditor: Auditor, time_limit_s: float = REPAIR_SECONDS, seed: int = 1,
               today: date | None = None):
    """Someone new, or new visits for someone: their regular visits not yet on the roster join it (from today
    on), fitted around everyone else's."""
    first = max(roster.week_starting, today or timezone.localdate())
    patterns = list(VisitPattern.objects.filter(person=person, is_active=True))
    if not patterns:
        raise ActionError(f"{person.full_name} has no regular visits to add")
    added = _add_rows(roster, person, patterns, first)
    if not added:
        raise ActionError(f"{person.full_name}'s regular visits for the rest of that week are on the roster already")
    return _replan(roster, {row.date for row in added}, RosterChange.Why.NEW_PERSON, auditor, time_limit_s, seed,
                   new={row.pk for row in added})


@transaction.atomic
def carer_leaves(carer, auditor: Auditor, time_limit_s: float = REPAIR_SECONDS, seed: int = 1,
                 today: date | None = None) -> list[RosterChange]:
    """The carer no longer works with us (actions.set_working): on every roster in use, their visits from today on
    go to others, everyone else's staying put, as for a carer off."""
    actions.set_working(carer, False, auditor)
    first = today or timezone.localdate()
    return _repair_in_use(lambda roster: set(roster.visits.filter(carer=carer, cancelled=False, date__gte=first)
                                             .values_list("date", flat=True)),
                          RosterChange.Why.LEFT, auditor, time_limit_s, seed, without_carer=carer.pk)


@transaction.atomic
def change_hours(carer, stretches, auditor: Auditor, time_limit_s: float = REPAIR_SECONDS, seed: int = 1,
                 today: date | None = None) -> list[RosterChange]:
    """The carer's working week changes (actions.set_availability): on every roster in use, the days from today on
    when they have a visit outside their new hours are repaired, as for a carer off (their visits then go to
    others, or to them at another time they work; everyone else's stay put)."""
    actions.set_availability(carer, stretches, auditor)
    return _repair_in_use(lambda roster: outside_hours(roster, carer, today), RosterChange.Why.HOURS, auditor,
                          time_limit_s, seed)


def _repair_in_use(days_of, why: str, auditor: Auditor, time_limit_s: float, seed: int,
                   without_carer: int | None = None) -> list[RosterChange]:
    """Every roster in use from this week on, repaired on the days `days_of(roster)` names (none: left alone)."""
    changes = []
    for roster in rosters.current_from_this_week():
        if days := days_of(roster):
            changes += _replan(roster, days, why, auditor, time_limit_s, seed, without_carer=without_carer)
    return changes


def outside_hours(roster: Roster, carer, today: date | None = None) -> set[date]:
    """The days from today on when the carer has a visit on the roster outside the hours they now work."""
    first = max(roster.week_starting, today or timezone.localdate())
    hours: dict[int, list[tuple[int, int]]] = {}
    for a in carer.availability.all():
        hours.setdefault(a.weekday, []).append((minutes_of_day(a.starts), minutes_of_day(a.ends)))
    return {row.date for row in roster.visits.filter(carer=carer, cancelled=False, date__gte=first,
                                                     start__isnull=False)
            if not any(a <= row.start and row.start + row.minutes <= b for a, b in hours.get(row.date.weekday(), ()))}


@transaction.atomic
def save_wishes(person, data: dict, not_wanted: list, auditor: Auditor, time_limit_s: float = REPAIR_SECONDS,
                seed: int = 1, today: date | None = None) -> list[RosterChange]:
    """What the person wants from carers changes (actions.save_preferences): on every roster in use, their visits
    from today on with a carer now ruled out for them go to carers who suit them (wishes_changed), so that the
    carer they said they do not want does not come tomorrow."""
    actions.save_preferences(person, data, not_wanted, auditor)
    return _repair_in_use(lambda roster: _days_against_wishes(roster, person, today), RosterChange.Why.WISHES,
                          auditor, time_limit_s, seed)


def wishes_changed(roster: Roster, person, auditor: Auditor, time_limit_s: float = REPAIR_SECONDS, seed: int = 1,
                   today: date | None = None) -> list[RosterChange]:
    """The person's preferences changed (a carer they do not want, carers of one gender): their visits from today
    on with a carer now ruled out for them go to others, and everyone else's stay put."""
    dates = _days_against_wishes(roster, person, today)
    if not dates:
        raise ActionError(f"{person.full_name}'s visits from today on are all with carers who suit them")
    return _replan(roster, dates, RosterChange.Why.WISHES, auditor, time_limit_s, seed)


def _days_against_wishes(roster: Roster, person, today: date | None = None) -> set[date]:
    """The days from today on when the person has a visit on the roster with a carer now ruled out for them."""
    first = max(roster.week_starting, today or timezone.localdate())
    against = visits_against_wishes(roster, person)
    return set(roster.visits.filter(pk__in=against, date__gte=first).values_list("date", flat=True))


def visits_against_wishes(roster: Roster, person) -> dict[int, list[str]]:
    """The person's planned visits (by row) with a carer now ruled out for them, and why: what they want, or
    the carer's checks or areas, changed since the roster was planned."""
    prefs = Preferences.objects.filter(person=person).prefetch_related("not_wanted").first()
    found, why_of = {}, {}
    for row in roster.visits.filter(person=person, cancelled=False, carer__isnull=False).select_related("carer"):
        key = (row.carer_id, row.skill)
        if key not in why_of:
            why_of[key] = ruled_out_because(row.carer, prefs, {row.skill}, person.postcode or "")
        if why_of[key]:
            found[row.pk] = why_of[key]
    return found


def visits_to_add(roster: Roster, person, today: date | None = None) -> int:
    """How many of the person's regular visits (from today on) are not on the roster yet: what add_person would
    add, so that a page offers it only where there is something to add."""
    first = max(roster.week_starting, today or timezone.localdate())
    patterns = VisitPattern.objects.filter(person=person, is_active=True)
    return sum(1 for _ in _new_days(roster, person, patterns, first))


def waiting(roster: Roster, today: date | None = None) -> Counter:
    """Of everyone, how many regular visits (from today on) each person has that the roster does not hold yet:
    visits added since it was planned. The team's week lists them, so that nobody's new care is forgotten."""
    first = max(roster.week_starting, today or timezone.localdate())
    patterns = VisitPattern.objects.filter(is_active=True).select_related("person")
    return Counter(pattern.person for pattern, _ in _new_days(roster, None, patterns, first))


def _new_days(roster, person, patterns, first: date):
    """(pattern, day) of the regular visits from `first` on that the roster does not hold (of one person's
    patterns, or of anyone's with `person` None)."""
    held = roster.visits.filter(person=person) if person is not None else roster.visits.all()
    there = set(held.values_list("pattern_id", "date"))
    for pattern in patterns:
        for weekday in sorted(pattern.weekdays):
            day = roster.week_starting + timedelta(days=weekday)
            if day >= first and (pattern.pk, day) not in there:  # only what is new: a visit is never doubled
                yield pattern, day


def _add_rows(roster, person, patterns, first: date) -> list[RosterVisit]:
    rows = []
    for pattern, day in list(_new_days(roster, person, patterns, first)):
        base = {"roster": roster, "person": person, "pattern": pattern, "date": day, "skill": pattern.skill,
                **window(pattern), "minutes": pattern.minutes}
        one = RosterVisit.objects.create(**base)
        rows.append(one)
        if pattern.carers_needed == 2:
            rows.append(RosterVisit.objects.create(**{**base, **second_window(pattern)}, partner=one))
    return rows


def planned_ahead(pattern: VisitPattern, today: date | None = None):
    """The visits of a regular visit on the rosters in use, from today on (not those cancelled already): what
    ending it takes off."""
    return (RosterVisit.objects.filter(pattern=pattern, roster__is_current=True, cancelled=False,
                                       date__gte=today or timezone.localdate())
            .select_related("roster", "carer").order_by("date", "pk"))


@transaction.atomic
def end_regular_visit(pattern: VisitPattern, auditor: Auditor, today: date | None = None) -> list[RosterChange]:
    """A regular visit is no longer needed: it ends, and its visits from today on come off every roster in use,
    each listed as a change (so the carers can be told), nobody else's day moving. The days gone stay as they
    were: they are the record of what was planned."""
    actions.end_visit_pattern(pattern, auditor)
    by_roster: dict[Roster, list[RosterVisit]] = {}
    for row in planned_ahead(pattern, today):
        by_roster.setdefault(row.roster, []).append(row)
    changes = []
    for roster, rows in by_roster.items():
        for row in rows:
            changes.append(RosterChange.objects.create(
                roster=roster, visit=row, why=RosterChange.Why.ENDED, carer_before=row.carer, start_before=row.start,
                made_by=auditor.actor))
            row.cancelled = True
            row.save(update_fields=["cancelled"])
        for carer_id, day in sorted({(row.carer_id, row.date) for row in rows if row.carer_id}):
            _retravel(roster, carer_id, day)
        _refresh(roster, auditor, f"Took off {len(rows)} visit{'s' if len(rows) != 1 else ''} of a regular visit "
                                  f"that ended, for {pattern.person}", pattern.person)
    return changes


def cannot_cancel(visit: RosterVisit, today: date | None = None) -> str:
    """Why the visit cannot be cancelled, or "": the page asks to confirm only what cancelling would do."""
    try:
        _refuse_to_cancel(visit, today)
    except ActionError as exc:
        return str(exc)
    return ""


def _refuse_to_cancel(visit: RosterVisit, today: date | None) -> None:
    if visit.cancelled:
        raise ActionError("That visit is already cancelled")
    if not visit.roster.is_current:
        raise ActionError("That week has been planned again since: cancel the visit on the new plan")
    _refuse_a_day_gone(visit, today)


@transaction.atomic
def cancel_visit(visit: RosterVisit, auditor: Auditor, today: date | None = None, why: str = "") -> list[RosterChange]:
    """A visit is not needed (she is at her daughter's): it comes off, and nobody else's day moves. Only on the
    plan in use, and not once its day has gone: an old plan, or a day gone, is a record of what was planned."""
    visit = RosterVisit.objects.select_for_update().select_related("roster").get(pk=visit.pk)
    _refuse_to_cancel(visit, today)
    together = _with_partner(visit)
    changes = []
    for row in together:
        changes.append(RosterChange.objects.create(
            roster=row.roster, visit=row, why=RosterChange.Why.CANCELLED, carer_before=row.carer,
            start_before=row.start, note=why.strip()[:200], made_by=auditor.actor))
        row.cancelled = True
        row.save(update_fields=["cancelled"])
        if row.carer_id:
            _retravel(row.roster, row.carer_id, row.date)
    _refresh(visit.roster, auditor, f"Cancelled a visit for {visit.person}", visit.person)
    return changes


@transaction.atomic
def reinstate_visit(visit: RosterVisit, auditor: Auditor, today: date | None = None,
                    time_limit_s: float = REPAIR_SECONDS, seed: int = 1) -> list[RosterChange]:
    """A visit cancelled by mistake, or needed after all, goes back on the roster, fitted around everyone else's
    day as it stands now (its carer may have filled the time, so it may go to another). Like cancelling: only on
    the plan in use, and not once its day has gone."""
    visit = RosterVisit.objects.select_for_update().select_related("roster").get(pk=visit.pk)
    if not visit.cancelled:
        raise ActionError("That visit is not cancelled: it is on the roster")
    if visit.pattern_id and not visit.pattern.is_active:
        raise ActionError("Its regular visit has ended: add the regular visit again if it is needed")
    if not visit.roster.is_current:
        raise ActionError("That week has been planned again since: the visit is on the new plan if it is needed")
    _refuse_a_day_gone(visit, today)
    together = _with_partner(visit)
    for row in together:
        row.cancelled, row.carer, row.start = False, None, None
        row.save(update_fields=["cancelled", "carer", "start"])
    return _replan(visit.roster, {visit.date}, RosterChange.Why.REINSTATED, auditor, time_limit_s, seed,
                   new={row.pk for row in together})


def _refuse_a_day_gone(visit: RosterVisit, today: date | None) -> None:
    """An old day's visits are a record of what was planned: neither cancelled nor put back."""
    if visit.date < (today or timezone.localdate()):
        raise ActionError(f"That visit was on {visit.date:%-d %B %Y}: a day that has gone cannot be changed")


def _with_partner(visit: RosterVisit) -> list[RosterVisit]:
    """The visit and, if it takes two carers, the other carer's part: they come off and go back together."""
    return [visit, *RosterVisit.objects.filter(partner=visit), *([visit.partner] if visit.partner else [])]


def _in_week(roster: Roster, dates) -> list[date]:
    week = {roster.week_starting + timedelta(days=i) for i in range(7)}
    chosen = sorted(set(dates) & week)
    if not chosen:
        raise ActionError("Choose days in this roster's week")
    return chosen


@transaction.atomic
def _replan(roster: Roster, dates: set[date], why: str, auditor: Auditor, time_limit_s: float, seed: int,
            without_carer: int | None = None, new: set[int] | None = None) -> list[RosterChange]:
    roster = Roster.objects.select_for_update().get(pk=roster.pk)
    week = roster_week(roster, dates, without_carer)
    rows = {str(r.pk): r for r in roster.visits.filter(date__in=dates, cancelled=False).select_related("carer")}
    keep = {key: row.carer_id for key, row in rows.items() if row.carer_id and row.carer_id != without_carer}
    _hold_times(week, rows, keep)
    teams = roster.teams
    problem = to_problem(week, teams, rosters.OUTSIDER_KM, keep=keep, keep_km=KEEP_KM)
    # Start from the plan as it stands: only the visits that lost their carer (or are new) need a place.
    solution = rosters.solve_by_day(problem, time_limit_s=time_limit_s, seed=seed,
                                    start=_as_it_stands(problem, rows.values()))
    placed = {visit_id: rest for visit_id, *rest in rosters.placements(problem, solution)}
    unserved = {u.visit: u.reason for u in solution.unserved}
    changes = []
    for key, row in rows.items():
        carer_id, start, km, home = placed.get(key, (None, None, 0.0, 0.0))
        start = None if start is None else round(start)
        moved = row.start is not None and start is not None and abs(start - row.start) >= MOVED_MINUTES
        if carer_id != row.carer_id or moved or (new and row.pk in new):
            changes.append(RosterChange(roster=roster, visit=row, why=why, carer_before=row.carer,
                                        carer_after_id=carer_id, start_before=row.start, start_after=start,
                                        made_by=auditor.actor))
        row.carer_id, row.start, row.travel_km, row.return_km = carer_id, start, round(km, 3), round(home, 3)
        row.unserved_reason = "" if carer_id else unserved.get(key, "")[:300]
        row.save(update_fields=["carer", "start", "travel_km", "return_km", "unserved_reason"])
    RosterChange.objects.bulk_create(changes)
    _refresh(roster, auditor, f"Repaired the roster ({RosterChange.Why(why).label.lower()}): {len(changes)} "
                              f"change{'s' if len(changes) != 1 else ''}")
    return changes


def _hold_times(week, rows: dict, keep: dict) -> None:
    """Each visit that keeps its carer may start only HOLD_MINUTES either side of its time (within its own
    window) in this re-plan: the visits that need a place are fitted around everyone else's."""
    for v in week.visits:
        row = rows.get(v.key)
        if v.key not in keep or row.start is None:
            continue
        earliest, latest = max(v.earliest, row.start - HOLD_MINUTES), min(v.latest, row.start + HOLD_MINUTES)
        if earliest <= latest:  # a visit already late keeps its window
            v.earliest, v.latest = earliest, latest


def _as_it_stands(problem, rows) -> list[list[str]]:
    """Each route's visits now, in order: a carer's visits that day within the route's stretch of work."""
    allowed = {v.id: v.allowed_carers for v in problem.visits}
    by_carer_day: dict[tuple[int, str], list] = {}
    for row in rows:
        if row.carer_id and row.start is not None:
            by_carer_day.setdefault((row.carer_id, row.date.isoformat()), []).append(row)
    orders = []
    for route in problem.carers:
        carer_id, day = int(route.person), route_day(route)
        mine = [r for r in by_carer_day.get((carer_id, day), []) if route.shift_start <= r.start < route.shift_end
                and route.id in allowed.get(str(r.pk), ())]  # a carer now ruled out for the visit loses it
        orders.append([str(r.pk) for r in sorted(mine, key=lambda r: r.start)])
    return orders


def _retravel(roster: Roster, carer_id: int, day: date) -> None:
    """The kilometres of one carer's day again, after a visit came off it (the times can stay). Each stretch
    of work starts and ends at home."""
    stops = list(roster.visits.filter(carer_id=carer_id, date=day, cancelled=False)
                 .select_related("person", "carer").order_by("start"))
    if not stops:
        return
    carer = stops[0].carer
    stretches = [(minutes_of_day(a.starts), minutes_of_day(a.ends))
                 for a in carer.availability.filter(weekday=day.weekday())]
    codes = sorted({carer.postcode, *(s.person.postcode for s in stops)})
    km, _ = travel_matrices(codes)
    at = {c: i for i, c in enumerate(codes)}
    home = at[carer.postcode]

    def stretch_of(stop):
        return next((i for i, (a, b) in enumerate(stretches) if a <= (stop.start or 0) < b), -1)

    for n, stop in enumerate(stops):
        before = stops[n - 1] if n and stretch_of(stops[n - 1]) == stretch_of(stop) else None
        after = stops[n + 1] if n + 1 < len(stops) and stretch_of(stops[n + 1]) == stretch_of(stop) else None
        here = at[before.person.postcode] if before else home
        stop.travel_km = round(km[here][at[stop.person.postcode]], 3)
        stop.return_km = 0.0 if after else round(km[at[stop.person.postcode]][home], 3)
        stop.save(update_fields=["travel_km", "return_km"])


def _refresh(roster: Roster, auditor: Auditor, summary: str, person=None) -> None:
    roster.figures = {**roster.figures, **rosters.figures(roster)}
    roster.save(update_fields=["figures"])
    auditor.record("update", obj=roster, person=person, summary=summary)
