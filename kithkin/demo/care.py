"""Support at home for the demo: about 90 carers living around Fenmere and about 600 older people with
regular visits (roughly 2,500 a week), for matching and the weekly roster, and a few adults looking for a Shared
Lives home. Deterministic for a seed.

Written straight to the tables with no audit events, like the rest of the seed (nobody did this)."""

from datetime import date, time, timedelta
from random import Random

from django.db import transaction

from kithkin.core.models import Postcode, User
from kithkin.demo import names, profiles
from kithkin.demo.places import TEAMS, team_index_for
from kithkin.matching.models import Availability, Carer, CarerKind, Household, Preferences, Skill, VisitPattern
from kithkin.people.models import Person
from kithkin.support.models import CareTeamMember

CARERS = 90
PEOPLE = 600
KINDS = ((CarerKind.PERSONAL_ASSISTANT, 27), (CarerKind.MICRO_PROVIDER, 22), (CarerKind.AGENCY, 33),
         (CarerKind.SHARED_LIVES, 8))
AGENCIES = ("Fenland Home Care", "Ouse Valley Care", "Wickfield Community Care")
EVERYDAY = [Skill.PERSONAL_CARE, Skill.MEALS, Skill.MEDICATION, Skill.COMPANIONSHIP, Skill.SHOPPING,
            Skill.HOUSEHOLD]
LANGUAGES = ("English", "English", "English", "English, Polish", "English, Portuguese", "English, Lithuanian")

# Each person has one main need, picked by these weights, and one in five a lighter second one:
# (weight, skill, days a week, earliest start (h, m), window minutes, minutes, carers needed). Daily needs
# come every day; the others on days of their own, so that not everyone's shopping falls on a Friday.
# About four visits a week each on average, so 600 people make about 2,500 visits.
NEEDS = (
    (20, Skill.PERSONAL_CARE, 7, (7, 0), 210, 45, 1),
    (8, Skill.MEALS, 7, (12, 0), 90, 30, 1),
    (8, Skill.MEDICATION, 7, (17, 0), 90, 20, 1),
    (20, Skill.COMPANIONSHIP, 2, (10, 0), 300, 60, 1),
    (20, Skill.SHOPPING, 1, (9, 30), 300, 60, 1),
    (12, Skill.HOUSEHOLD, 1, (9, 0), 360, 60, 1),
    (4, Skill.MOVING, 5, (8, 0), 120, 45, 2),
)
LIGHTER = NEEDS[3:6]
# Most carers start early: the morning (getting up, washing, dressing) is every home care service's peak.
SHIFTS = (((7, 0), (15, 30)), ((7, 0), (13, 0), (16, 0), (21, 0)), ((8, 0), (16, 0)),
          ((7, 30), (14, 0), (16, 30), (20, 30)))

# DBS checks from 340 to 1,240 days before the demo is made: with a renewal every three years about one carer in
# six is out of date, as a real register would have. Counted from today, not a fixed day, so that the demo (and the
# Fenmere week benchmark made from it) does not lose a carer a fortnight to lapsed checks as the calendar moves on.
CHECKED_DAYS_AGO = 340


def add_care(seed: int = 1, say=lambda message: None) -> bool:
    """Carers and regular visits, unless there are carers already; True if it added them."""
    if Carer.objects.exists():
        say(f"There are carers already ({Carer.objects.count():,}): leaving support at home as it is.")
        return False
    rng = Random(seed * 7919 + 5)
    places = list(Postcode.objects.filter(postcode__startswith="FN").values_list("postcode", "latitude", "longitude"))
    if not places:
        raise RuntimeError("load the Fenmere postcodes before the carers")
    with transaction.atomic():
        carers = _carers(rng, places)
        people = _people_with_visits(rng)
        looking = _looking_for_shared_lives(Random(seed * 7919 + 11))  # its own draws: the rest stays as it was
    say(f"Support at home is ready: {len(carers)} carers, {people} people with regular visits, {looking} looking "
        "for a Shared Lives home.")
    return True


def _carers(rng: Random, places) -> list[Carer]:
    english = names.COMMUNITIES[0]
    made = []
    kinds = [kind for kind, count in KINDS for _ in range(count)]
    for index, kind in enumerate(kinds):
        female = rng.random() < 0.8
        postcode, lat, lon = rng.choice(places)
        team_codes = TEAMS[team_index_for(postcode.split(" ")[0])][2]
        skills = rng.sample(EVERYDAY, rng.randrange(4, 7))
        if kind != CarerKind.SHARED_LIVES:  # what every home carer does: getting up, washing, dressing, company
            skills += [s for s in (Skill.PERSONAL_CARE, Skill.COMPANIONSHIP) if s not in skills]
        if rng.random() < 0.5:
            skills.append(Skill.MOVING)
        if rng.random() < 0.4:
            skills.append(Skill.DEMENTIA)
        carer = Carer.objects.create(
            given_name=rng.choice(english.younger_f if female else english.younger_m),
            family_name=names.family_name(rng.choice(english.family), female), kind=kind,
            organisation=rng.choice(AGENCIES) if kind == CarerKind.AGENCY else "",
            gender="female" if female else "male", phone=f"07700 900{index:03d}", postcode=postcode,
            latitude=lat, longitude=lon, travel_mode="car" if rng.random() < 0.9 else "bicycle",
            covers="" if kind == CarerKind.AGENCY else team_codes, skills=[str(s) for s in skills],
            languages=rng.choice(LANGUAGES), interests=", ".join(rng.sample(profiles.INTERESTS, 3)),
            smokes=rng.random() < 0.12, fine_with_pets=rng.random() < 0.9,
            dbs_checked_on=date.today() - timedelta(days=CHECKED_DAYS_AGO + rng.randrange(0, 900)),
            training="Moving and handling; medication; first aid")
        _week(rng, carer, index)
        if kind == CarerKind.SHARED_LIVES:
            Household.objects.create(carer=carer, rooms=rng.choice((1, 1, 2)), smoking=carer.smokes,
                                     pets=rng.choice(("", "a dog", "two cats", "")), step_free=rng.random() < 0.5,
                                     enjoys=", ".join(rng.sample(profiles.INTERESTS, 3)))
        made.append(carer)
    return made


def _week(rng: Random, carer: Carer, index: int) -> None:
    """Five days a week; days off rotate so every day of the week has carers."""
    off = {index % 7, (index + 3) % 7}
    shift = SHIFTS[index % len(SHIFTS)]
    rows = []
    for day in set(range(7)) - off:
        for (h1, m1), (h2, m2) in zip(shift[::2], shift[1::2], strict=True):
            rows.append(Availability(carer=carer, weekday=day, starts=time(h1, m1), ends=time(h2, m2)))
    Availability.objects.bulk_create(rows)


def _people_with_visits(rng: Random) -> int:
    """The oldest people (who are most likely to need support at home), each with a mix of visits."""
    total = Person.objects.count()
    chosen = list(Person.objects.exclude(postcode="").exclude(date_of_birth=None)
                  .order_by("date_of_birth", "pk")[:min(PEOPLE, max(1, total * 3 // 10))])
    patterns, prefs = [], []
    weights = [need[0] for need in NEEDS]
    for person in chosen:
        needs = [rng.choices(NEEDS, weights)[0]]
        if rng.random() < 0.2:
            needs.append(rng.choice([n for n in LIGHTER if n is not needs[0]]))
        for _, skill, per_week, (h, m), window, minutes, needed in needs:
            start = h * 60 + m + rng.randrange(0, 4) * 15
            days = list(range(per_week)) if per_week >= 5 else sorted(rng.sample(range(7), per_week))
            patterns.append(VisitPattern(
                person=person, skill=skill, weekdays=days, earliest=time(start // 60, start % 60),
                latest=time((start + window) // 60, (start + window) % 60), minutes=minutes,
                carers_needed=needed, two_carers="together" if needed == 2 else ""))
        if rng.random() < 0.25:
            prefs.append(Preferences(person=person, carer_gender="female" if rng.random() < 0.6 else "",
                                     no_smokers=rng.random() < 0.5,
                                     pets_at_home=rng.choice(("", "", "a cat", "a dog"))))
    VisitPattern.objects.bulk_create(patterns)
    Preferences.objects.bulk_create(prefs)
    _care_teams(chosen)
    return len(chosen)


LOOKING = 6  # adults of working age looking for a Shared Lives home: the households' side of matching has people


def _looking_for_shared_lives(rng: Random) -> int:
    """A few adults aged 25 to 55 without regular visits who would like to live with a Shared Lives household,
    with a named coordinator (so the people who plan can see them)."""
    today = date.today()
    adults = list(Person.objects.exclude(postcode="").filter(
        date_of_birth__lte=today - timedelta(days=25 * 365), date_of_birth__gte=today - timedelta(days=55 * 365))
        .exclude(visit_patterns__isnull=False).order_by("pk"))
    chosen = rng.sample(adults, min(LOOKING, len(adults)))
    Preferences.objects.bulk_create([Preferences(person=person, wants_shared_lives=True,
                                                 no_smokers=rng.random() < 0.5) for person in chosen])
    _care_teams(chosen)
    return len(chosen)


# Who coordinates support at home in each team (by demo log-in), and who else is on the care team.
COORDINATORS = {0: ("practitioner", "manager"), 1: ("grace.adeyemi",), 2: ("ruth.boswell",)}


def _care_teams(people) -> None:
    """Everyone with regular visits has a named coordinator in their locality team: the people who plan their
    rosters can see them (need-to-know), and nobody else."""
    users = {u.username: u for u in User.objects.filter(username__in=[n for t in COORDINATORS.values() for n in t])}
    rows = []
    for person in people:
        names = COORDINATORS.get(team_index_for(person.postcode.split(" ")[0]), ())
        for i, name in enumerate(names):
            if name in users:
                rows.append(CareTeamMember(person=person, user=users[name], is_named_coordinator=i == 0,
                                           role="Named coordinator" if i == 0 else "Team manager"))
    CareTeamMember.objects.bulk_create(rows)
