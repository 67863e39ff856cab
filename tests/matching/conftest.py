"""Fenmere places for carers and people: Wickfield (FN1), Marshby (FN3) and Holme St Agnes (FN2)."""

from datetime import date, time

import pytest

from kithkin.core.audit import Auditor
from kithkin.core.models import Postcode
from kithkin.matching import actions


@pytest.fixture
def before_the_week(monkeypatch):
    """For planning, today is the Friday before the tests' week (4 March 2030), whatever the calendar says: a week
    that is over cannot be planned, and these tests must not start failing when 2030 comes. (Only for planning:
    carers' checks are dated from the real today, or 1 January 2030 if that is later: current in that week.)"""
    from kithkin.matching import rosters

    monkeypatch.setattr(rosters, "_today", lambda: date(2030, 3, 1))


# A DBS check current today and in the tests' week in 2030 (checks are renewed every three years).
CHECKED_ON = max(date.today(), date(2030, 1, 1))

PLACES = {"FN1 1AA": (52.400, 0.260), "FN1 2BB": (52.405, 0.265), "FN3 1AA": (52.455, 0.300),
          "FN2 1AA": (52.335, 0.335)}


@pytest.fixture
def postcodes(db):
    Postcode.objects.bulk_create([Postcode(postcode=p, latitude=lat, longitude=lon)
                                  for p, (lat, lon) in PLACES.items()])


def add_carer(user, given_name, postcode="FN1 2BB", week=((0, time(7), time(14)),), **extra):
    data = {"given_name": given_name, "family_name": extra.pop("family_name", "Carer"),
            "kind": extra.pop("kind", "personal_assistant"), "postcode": postcode,
            "skills": extra.pop("skills", ["personal_care", "meals"]), "dbs_checked_on": CHECKED_ON, **extra}
    carer = actions.add_carer(data, Auditor(user))
    actions.set_availability(carer, list(week), Auditor(user))
    return carer


@pytest.fixture
def morning_visits(agent, person):
    """Arthur (`person`, FN1 1AA) needs personal care on Monday mornings."""
    person.postcode, person.interests = "FN1 1AA", "Gardening, football"
    person.save()
    actions.add_visit_pattern(person, {"skill": "personal_care", "weekdays": [0], "earliest": time(8),
                                       "latest": time(9), "minutes": 45}, Auditor(agent))
    return person
