"""Planning a week already under way (this week, planned again on its Wednesday): the days gone are not planned
again. What the roster in use says of them is the record of what was planned, so the new roster keeps those rows
as they were; a visit cancelled from today on stays cancelled (she is still at her daughter's); and every visit
from today on that now has another carer, or moves by a quarter of an hour or more, is listed as a change, so
that the planner knows whom to tell. A week not yet started is planned whole, as before."""

from dataclasses import replace
from datetime import date

from kithkin.matching.models import Roster, RosterChange, RosterVisit
from kithkin.matching.week import Week, route_day, row_key

MOVED_MINUTES = 15  # a visit that starts this much earlier or later is a change worth telling people


def from_day(week: Week, first: date, cancelled: set[str]) -> Week:
    """The week's visits and stretches of work from `first` on, less the visits cancelled on the roster in use."""
    return replace(week, visits=[v for v in week.visits if v.day >= first and v.key not in cancelled],
                   routes=[r for r in week.routes if date.fromisoformat(route_day(r)) >= first])


def keys_of(rows) -> dict[str, RosterVisit]:
    """Rows by the keys the week gives their visits (pattern:date, and :a or :b for the two carers of one visit)."""
    firsts = {row.partner_id for row in rows if row.partner_id}
    return {row_key(row.pattern_id, row.date, row.pk, row.partner_id, firsts): row for row in rows}


def cancelled_ahead(replaced: Roster | None, first: date) -> set[str]:
    """Keys of the visits from `first` on that the roster in use has cancelled: the new plan leaves them off."""
    if replaced is None:
        return set()
    return set(keys_of(list(replaced.visits.filter(date__gte=first, cancelled=True))))


def keep_rows(roster: Roster, replaced: Roster, first: date) -> None:
    """Copy onto the new roster what the one in use says of the days gone, and its cancelled visits from `first`
    on, as they were (the second carer of a two-carer visit pointing at the first's copy)."""
    old = list(replaced.visits.filter(date__lt=first) | replaced.visits.filter(date__gte=first, cancelled=True))
    copies = {row.pk: RosterVisit(roster=roster, person_id=row.person_id, pattern_id=row.pattern_id, date=row.date,
                                  skill=row.skill, earliest=row.earliest, latest=row.latest, minutes=row.minutes,
                                  carer_id=row.carer_id, start=row.start, travel_km=row.travel_km,
                                  return_km=row.return_km, unserved_reason=row.unserved_reason,
                                  cancelled=row.cancelled) for row in old}
    RosterVisit.objects.bulk_create(copies.values())
    for row in old:
        if row.partner_id in copies:
            second = copies[row.pk]
            second.partner = copies[row.partner_id]
            second.save(update_fields=["partner"])


def list_changes(roster: Roster, replaced: Roster, first: date, made_by) -> int:
    """Each visit from `first` on whose carer or time the new plan changed, as a change on the new roster (with
    the carer and time it had); returns how many."""
    before = keys_of(list(replaced.visits.filter(date__gte=first, cancelled=False)))
    now = keys_of(list(roster.visits.filter(date__gte=first, cancelled=False)))
    changes = []
    for key, row in now.items():
        was = before.get(key)
        if was is None:
            continue  # new since: not a change to tell anyone of
        moved = was.start is not None and row.start is not None and abs(row.start - was.start) >= MOVED_MINUTES
        if was.carer_id != row.carer_id or moved:
            changes.append(RosterChange(roster=roster, visit=row, why=RosterChange.Why.REPLANNED,
                                        carer_before_id=was.carer_id, carer_after_id=row.carer_id,
                                        start_before=was.start, start_after=row.start, made_by=made_by))
    RosterChange.objects.bulk_create(changes)
    return len(changes)
