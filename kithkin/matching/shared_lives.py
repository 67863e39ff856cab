"""Shared Lives matching works both ways: homes for a person, and people for a home. The same hard rules
and reasons serve both, so a proposal reads the same from either side."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from kithkin.core.geo import locate
from kithkin.matching.models import Household, Preferences, SharedLivesMatch, Stage, split_words
from kithkin.matching.travel import road_km

LIVE_STAGES = [Stage.PROPOSED, Stage.INTRODUCTION, Stage.TRIAL, Stage.AGREED, Stage.REVIEWED]


@dataclass
class Pairing:
    person: object
    household: Household
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    ruled_out: list[str] = field(default_factory=list)
    match: object = None  # a proposal between them already under way (not ended)


def pair(person, prefs: Preferences | None, household: Household) -> Pairing:
    p = Pairing(person, household)
    carer = household.carer
    if household.free_rooms < 1:
        p.ruled_out.append("no room free")
    if not carer.dbs_current:
        p.ruled_out.append("the carer's DBS check is missing or out of date")
    if prefs is not None:
        if prefs.no_smokers and household.smoking:
            p.ruled_out.append("someone smokes at home")
        if prefs.pets_at_home and not carer.fine_with_pets:
            p.ruled_out.append(f"cannot take pets ({prefs.pets_at_home})")
        if prefs.carer_gender and carer.gender != prefs.carer_gender:
            p.ruled_out.append("not the carer they asked for (" + prefs.get_carer_gender_display().lower() + ")")
        if prefs.language and not carer.speaks(prefs.language):
            p.ruled_out.append(f"nobody speaks {prefs.language}")
        if prefs.pk and carer in prefs.not_wanted.all():
            p.ruled_out.append("they said they do not want this carer")
        if prefs.faith and household.faith and prefs.faith.strip().lower() == household.faith.strip().lower():
            p.score += 10
            p.reasons.append(f"shares their faith ({household.faith})")
    shared = sorted(split_words(person.interests or "") & (split_words(household.enjoys)
                                                           | split_words(carer.interests)))
    if shared:
        p.score += 8 * len(shared)
        p.reasons.append("they both enjoy " + " and ".join(shared))
    home = locate(person.postcode) if person.postcode else None
    if home and carer.latitude is not None:
        km = road_km(home, (carer.latitude, carer.longitude))
        p.score -= km
        p.reasons.append(f"{km:.0f} km from where they live now")
    if household.pets:
        p.reasons.append(f"pets: {household.pets}")
    if household.step_free:
        p.reasons.append("step-free")
    return p


def households():
    """Shared Lives homes, each with the rooms taken by people living there now (agreed or reviewed)."""
    return (Household.objects.filter(carer__is_active=True).select_related("carer")
            .annotate(placed=Count("matches", filter=Q(matches__stage__in=[Stage.AGREED, Stage.REVIEWED]))))


def homes_for(person) -> list[Pairing]:
    prefs = Preferences.objects.filter(person=person).first()
    return _ranked(pair(person, prefs, h) for h in households())


def people_for(household, people) -> list[Pairing]:
    """People looking for a Shared Lives home (those this user may see), ranked for this household."""
    looking = people.filter(carer_preferences__wants_shared_lives=True).select_related("carer_preferences")
    return _ranked(pair(person, person.carer_preferences, household) for person in looking)


def _ranked(pairings) -> list[Pairing]:
    pairings = list(pairings)
    people, homes = {p.person.pk for p in pairings}, {p.household.pk for p in pairings}
    under_way = {(m.person_id, m.household_id): m for m in SharedLivesMatch.objects.filter(
        person__in=people, household__in=homes).exclude(stage=Stage.ENDED)}
    for p in pairings:
        p.match = under_way.get((p.person.pk, p.household.pk))
    return sorted(pairings, key=lambda p: (bool(p.ruled_out), -p.score, str(p.person)))
