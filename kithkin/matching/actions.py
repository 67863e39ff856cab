"""Every write to the carers register and to what people prefer and need: one transaction each, audited."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor, snapshot
from kithkin.core.geo import locate
from kithkin.core.validators import normalise_postcode
from kithkin.matching.models import (
    NEXT_STAGES,
    Absence,
    Availability,
    Carer,
    Household,
    Preferences,
    SharedLivesMatch,
    Skill,
    Stage,
    VisitPattern,
)
from kithkin.matching.models.carers import months_after

SHARED_LIVES_REVIEW = timedelta(weeks=6)
SHARED_LIVES_REVIEW_AGAIN = 12  # months: after the first review, a review every year while they live there


def home_base(postcode: str) -> tuple[str, tuple[float, float]]:
    """(the postcode written properly, where it is): an unknown postcode is an error, not a guess. The carer
    form asks this too, so that a wrong postcode is told with the form's other errors, not after them."""
    try:
        postcode = normalise_postcode(postcode)
    except ValidationError as exc:
        raise ValidationError("Enter a real postcode, like FN1 1AD") from exc
    where = locate(postcode)
    if where is None:
        raise ValidationError("We cannot find that postcode")
    return postcode, where


def _place(carer: Carer) -> None:
    """Their home base on the map, from the postcode."""
    try:
        carer.postcode, (carer.latitude, carer.longitude) = home_base(carer.postcode)
    except ValidationError as exc:
        raise ValidationError({"postcode": exc.messages[0]}) from exc


def _check_skills(skills) -> list[str]:
    unknown = [s for s in skills if s not in Skill.values]
    if unknown:
        raise ValidationError({"skills": f"{unknown[0]} is not a kind of help we know"})
    return list(dict.fromkeys(skills))


@transaction.atomic
def add_carer(data: dict, auditor: Auditor) -> Carer:
    carer = Carer(**data)
    carer.skills = _check_skills(carer.skills)
    _place(carer)
    carer.full_clean()
    carer.save()
    auditor.created(carer, summary=f"Added {carer.full_name} to the carers register")
    return carer


@transaction.atomic
def change_carer(carer: Carer, data: dict, auditor: Auditor) -> Carer:
    carer = Carer.objects.select_for_update().get(pk=carer.pk)
    before = snapshot(carer)
    for name, value in data.items():
        setattr(carer, name, value)
    carer.skills = _check_skills(carer.skills)
    _place(carer)
    carer.full_clean()
    carer.save()
    auditor.changed(carer, before, summary=f"Changed {carer.full_name} on the carers register")
    return carer


@transaction.atomic
def set_working(carer: Carer, working: bool, auditor: Auditor) -> Carer:
    """The carer leaves (no plan, match or repair gives them anyone from now on), or works with us again. What
    they were planned to do before is kept: it is the record of who came."""
    carer = Carer.objects.select_for_update().get(pk=carer.pk)
    if carer.is_active == working:
        raise ActionError(f"{carer.full_name} {'works with us already' if working else 'has left already'}")
    before = snapshot(carer)
    carer.is_active = working
    carer.save(update_fields=["is_active"])
    auditor.changed(carer, before, summary=f"{carer.full_name} {'works with us again' if working else 'has left'}")
    return carer


@transaction.atomic
def set_availability(carer: Carer, stretches: list[tuple[int, object, object]], auditor: Auditor) -> None:
    """Replace the carer's week: a list of (weekday, starts, ends)."""
    rows = [Availability(carer=carer, weekday=d, starts=s, ends=e) for d, s, e in stretches]
    for row in rows:
        row.full_clean(exclude=["carer"])
        if row.ends <= row.starts:
            raise ValidationError({"availability": f"{row.get_weekday_display()}: the end must be after the start"})
    before = [str(a) for a in carer.availability.all()]
    carer.availability.all().delete()
    Availability.objects.bulk_create(rows)
    auditor.record("update", obj=carer, summary=f"{carer.full_name}'s week of availability",
                   old={"availability": before}, new={"availability": [str(r) for r in rows]})


@transaction.atomic
def mark_off(carer: Carer, days: list, auditor: Auditor) -> list[Absence]:
    """The carer cannot work on these days: no plan or repair gives them visits then (roster repairs call this
    first, so that a second carer off the same day is not covered by the first)."""
    already = set(carer.absences.filter(day__in=days).values_list("day", flat=True))
    new = sorted(set(days) - already)
    # ignore_conflicts: two planners marking the same day at once both succeed, and it is recorded once.
    rows = Absence.objects.bulk_create([Absence(carer=carer, day=d, recorded_by=auditor.actor) for d in new],
                                       ignore_conflicts=True)
    if rows:
        auditor.record("update", obj=carer, summary=f"{carer.full_name} is off",
                       new={"off": [d.isoformat() for d in new]})
    return rows


@transaction.atomic
def mark_back(carer: Carer, day, auditor: Auditor) -> None:
    """The carer can work that day after all: plans and repairs may give them visits again. The visits that went
    to others when they were marked off stay with those carers."""
    if day < timezone.localdate():
        raise ActionError(f"{day:%A %-d %B} is over: what was planned that day is a record of it")
    if not carer.absences.filter(day=day).delete()[0]:
        raise ActionError(f"{carer.full_name} is not marked off on {day:%A %-d %B}")
    auditor.record("update", obj=carer, summary=f"{carer.full_name} is back at work",
                   old={"off": [day.isoformat()]})


@transaction.atomic
def set_household(carer: Carer, data: dict, auditor: Auditor) -> Household:
    household = Household.objects.filter(carer=carer).first() or Household(carer=carer)
    before = snapshot(household) if household.pk else None
    for name, value in data.items():
        setattr(household, name, value)
    living = household.matches.filter(stage__in=[Stage.AGREED, Stage.REVIEWED]).count() if household.pk else 0
    if household.rooms is not None and household.rooms < living:
        raise ValidationError({"rooms": f"{living} {'person lives' if living == 1 else 'people live'} there now: "
                                        f"enter at least {living} room{'s' if living != 1 else ''}"})
    household.full_clean()
    household.save()
    if before is None:
        auditor.created(household, summary=f"{carer.full_name}'s Shared Lives household")
    else:
        auditor.changed(household, before)
    return household


@transaction.atomic
def save_preferences(person, data: dict, not_wanted: list[Carer], auditor: Auditor) -> Preferences:
    prefs = Preferences.objects.select_for_update().filter(person=person).first() or Preferences(person=person)
    before = {**snapshot(prefs), "not_wanted": sorted(c.pk for c in prefs.not_wanted.all())} if prefs.pk else {}
    for name, value in data.items():
        setattr(prefs, name, value)
    prefs.updated_at = timezone.now()
    prefs.full_clean()
    prefs.save()
    prefs.not_wanted.set(not_wanted)
    after = {**snapshot(prefs), "not_wanted": sorted(c.pk for c in not_wanted)}
    auditor.record("update" if before else "create", person=person, obj=prefs,
                   summary="What they want from the people who support them",
                   old=before or None, new=after)
    return prefs


@transaction.atomic
def add_visit_pattern(person, data: dict, auditor: Auditor) -> VisitPattern:
    pattern = VisitPattern(person=person, created_by=auditor.actor, **data)
    pattern.weekdays = sorted(set(pattern.weekdays))
    if not pattern.weekdays or any(d not in range(7) for d in pattern.weekdays):
        raise ValidationError({"weekdays": "Choose the days of the week"})
    if pattern.carers_needed == 2 and not pattern.two_carers:
        raise ValidationError({"two_carers": "Say whether the two carers come together or one after the other"})
    if pattern.carers_needed == 1:
        pattern.two_carers, pattern.gap_minutes = "", 0
    pattern.full_clean()
    pattern.save()
    auditor.created(pattern, person=person, summary=f"Regular visit: {pattern}")
    return pattern


@transaction.atomic
def end_visit_pattern(pattern: VisitPattern, auditor: Auditor) -> VisitPattern:
    before = snapshot(pattern)
    pattern.is_active = False
    pattern.save(update_fields=["is_active"])
    auditor.changed(pattern, before, person=pattern.person, summary=f"Regular visit ended: {pattern}")
    return pattern


@transaction.atomic
def propose_shared_lives(person, household: Household, notes: str, auditor: Auditor) -> SharedLivesMatch:
    from kithkin.matching.shared_lives import pair

    if SharedLivesMatch.objects.filter(person=person, household=household).exclude(stage=Stage.ENDED).exists():
        raise ActionError("They are already matched with this household")
    if home := lives_with(person):
        raise ActionError(f"They live with {home.household} already: end that before proposing another")
    ruled_out = pair(person, Preferences.objects.filter(person=person).first(), household).ruled_out
    if ruled_out:  # the page hides the button; this holds whatever is posted
        raise ActionError(f"This household cannot be proposed: {'; '.join(ruled_out)}")
    match = SharedLivesMatch.objects.create(person=person, household=household, notes=notes.strip(),
                                            created_by=auditor.actor)
    auditor.created(match, person=person, summary=f"Shared Lives proposal: {household}")
    return match


def lives_with(person) -> SharedLivesMatch | None:
    """The Shared Lives household the person lives with now (agreed, or reviewed since), if any."""
    return SharedLivesMatch.objects.filter(person=person, stage__in=[Stage.AGREED, Stage.REVIEWED]).select_related(
        "household__carer").first()


def _check_agreement(match: SharedLivesMatch) -> None:
    household = Household.objects.select_for_update().get(pk=match.household_id)
    if household.free_rooms < 1:
        raise ActionError("There is no room free in this household now")
    if SharedLivesMatch.objects.filter(person=match.person, stage__in=[Stage.AGREED, Stage.REVIEWED]).exclude(
            pk=match.pk).exists():
        raise ActionError("They already live with another Shared Lives household: end that first")


@transaction.atomic
def move_stage(match: SharedLivesMatch, stage: str, notes: str, auditor: Auditor) -> SharedLivesMatch:
    match = SharedLivesMatch.objects.select_for_update().get(pk=match.pk)
    allowed = NEXT_STAGES[Stage(match.stage)] + ([Stage.ENDED] if match.stage != Stage.ENDED else [])
    if stage not in allowed:
        raise ActionError(f"A match at the {match.get_stage_display().lower()} stage cannot move there: choose one of "
                          "the stages offered")
    if stage == Stage.AGREED:
        _check_agreement(match)
    elif stage != Stage.ENDED and (home := lives_with(match.person)) is not None and home.pk != match.pk:
        raise ActionError(f"They live with {home.household} now: end that before moving another home on")
    before = snapshot(match)
    match.stage, match.stage_since = stage, timezone.localdate()
    if stage == Stage.AGREED:
        match.review_due_on = match.stage_since + SHARED_LIVES_REVIEW
        Preferences.objects.filter(person=match.person).update(wants_shared_lives=False)  # found a home
    elif stage == Stage.REVIEWED:
        match.review_due_on = months_after(match.stage_since, SHARED_LIVES_REVIEW_AGAIN)
    if notes.strip():
        match.notes = f"{match.notes}\n{match.stage_since:%-d %B %Y}: {notes.strip()}".strip()
    match.save()
    auditor.changed(match, before, person=match.person,
                    summary=f"Shared Lives with {match.household}: {match.get_stage_display().lower()}")
    return match
