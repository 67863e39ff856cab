"""Ranked carers for a person, with the reasons in plain words. Hard preferences (and the checks a
carer must have) rule a carer out, and we say why; everything else only changes the order."""

from dataclasses import dataclass, field

from django.utils import timezone

from kithkin.core.geo import locate
from kithkin.matching.clock import minutes_of_day
from kithkin.matching.models import Carer, Preferences, RosterVisit, Skill, VisitPattern, split_words
from kithkin.matching.travel import minutes_for, road_km

# Points for what makes a good match; shown beside each score so nobody has to guess.
POINTS = {"minute_away": -1.5, "shared_interest": 8, "language": 10, "availability": 30, "in_team": 25}


@dataclass
class Candidate:
    carer: Carer
    score: float = 0.0
    minutes_away: float | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Ruled:
    carer: Carer
    why: list[str]


@dataclass
class Shortlist:
    candidates: list[Candidate]
    ruled_out: list[Ruled]


def ruled_out_because(carer: Carer, prefs: Preferences | None, skills: set[str], postcode: str) -> list[str]:
    why = []
    if not carer.dbs_current:
        why.append("their DBS check is missing or out of date")
    missing = skills - set(carer.skills)
    if missing:
        why.append("cannot do " + ", ".join(Skill(s).label.lower() for s in sorted(missing)))
    if postcode and not carer.covers_postcode(postcode):
        why.append(f"does not work in {postcode.split(' ')[0]}")
    if prefs is not None:
        if prefs.carer_gender and carer.gender != prefs.carer_gender:
            why.append("they asked for a woman" if prefs.carer_gender == "female" else "they asked for a man")
        if prefs.language and not carer.speaks(prefs.language):
            why.append(f"does not speak {prefs.language}")
        if prefs.no_smokers and carer.smokes:
            why.append("smokes, and they asked for carers who do not")
        if prefs.pets_at_home and not carer.fine_with_pets:
            why.append(f"is not able to work with pets ({prefs.pets_at_home})")
        if prefs.pk and carer in prefs.not_wanted.all():
            why.append("they said they do not want this person")
    return why


def availability_share(carer: Carer, patterns: list[VisitPattern]) -> tuple[int, int]:
    """(visits a week the carer is free for, visits a week needed): free means the visit fits in one of the
    carer's stretches of availability on that day, starting within its window."""
    slots = [(a.weekday, minutes_of_day(a.starts), minutes_of_day(a.ends)) for a in carer.availability.all()]
    needed = fits = 0
    for pattern in patterns:
        for day in pattern.weekdays:
            needed += 1
            earliest, latest = minutes_of_day(pattern.earliest), minutes_of_day(pattern.latest)
            if any(d == day and max(s, earliest) <= latest and max(s, earliest) + pattern.minutes <= e
                   for d, s, e in slots):
                fits += 1
    return fits, needed


def shortlist(person, patterns: list[VisitPattern] | None = None, carers=None) -> Shortlist:
    """Every active carer, ranked for this person's visits (all their active patterns by default)."""
    patterns = list(person.visit_patterns.filter(is_active=True)) if patterns is None else patterns
    prefs = Preferences.objects.filter(person=person).first()
    home = locate(person.postcode) if person.postcode else None
    skills = {p.skill for p in patterns}
    interests = split_words(person.interests or "")
    first_language = next(iter(w for w in split_words(person.languages or "") if w != "english"), None)
    visited, week = _recent_visits(person)
    carers = carers if carers is not None else Carer.objects.filter(is_active=True).prefetch_related("availability")
    result = Shortlist([], [])
    for carer in carers:
        why = ruled_out_because(carer, prefs, skills, person.postcode or "")
        if why:
            result.ruled_out.append(Ruled(carer, why))
            continue
        result.candidates.append(_score(carer, home, interests, first_language, patterns, visited.get(carer.pk, 0),
                                        week))
    result.candidates.sort(key=lambda c: (-c.score, c.minutes_away or 0, c.carer.family_name))
    return result


def _score(carer, home, interests, language, patterns, visits: int, week=None) -> Candidate:
    c = Candidate(carer)
    if home and carer.latitude is not None:
        c.minutes_away = minutes_for(road_km((carer.latitude, carer.longitude), home), carer.travel_mode)
        c.score += POINTS["minute_away"] * c.minutes_away
        away = max(1, round(c.minutes_away))  # a carer in the same postcode is still a minute or so away
        c.reasons.append(f"{away} minute{'' if away == 1 else 's'} away ({carer.get_travel_mode_display().lower()})")
    if visits:
        c.score += POINTS["in_team"]
        c.reasons.append(f"already in their team ({visits} visit{'s' if visits != 1 else ''} in the week of "
                         f"{week:%-d %B})")
    shared = sorted(interests & split_words(carer.interests))
    if shared:
        c.score += POINTS["shared_interest"] * len(shared)
        c.reasons.append("shares an interest in " + " and ".join(shared))
    if language and carer.speaks(language):
        c.score += POINTS["language"]
        c.reasons.append(f"speaks {language.title()}")
    if patterns:
        fits, needed = availability_share(carer, patterns)
        c.score += POINTS["availability"] * fits / needed
        c.reasons.append(f"free for {fits} of their {needed} visits a week")
    return c


def _recent_visits(person) -> tuple[dict[int, int], object]:
    """Visits each carer made to the person in this week's roster (or the latest before it, or else the soonest
    planned): the team they know now, not one planned for a week to come."""
    theirs = RosterVisit.objects.filter(person=person, roster__is_current=True)
    latest = (theirs.filter(roster__week_starting__lte=timezone.localdate()).order_by("-roster__week_starting").first()
              or theirs.order_by("roster__week_starting").first())
    if latest is None:
        return {}, None
    counts: dict[int, int] = {}
    for carer_id in RosterVisit.objects.filter(roster=latest.roster, person=person, carer__isnull=False,
                                               cancelled=False).values_list("carer_id", flat=True):
        counts[carer_id] = counts.get(carer_id, 0) + 1
    return counts, latest.roster.week_starting
