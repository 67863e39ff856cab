"""Carers, what people prefer and need, Shared Lives matches and weekly rosters."""

from kithkin.matching.models.carers import (
    Absence,
    Availability,
    Carer,
    CarerKind,
    Gender,
    Household,
    Skill,
    TravelMode,
    split_words,
)
from kithkin.matching.models.needs import WEEKDAYS, Preferences, TwoCarers, VisitPattern
from kithkin.matching.models.rosters import Roster, RosterChange, RosterVisit, TravelTime
from kithkin.matching.models.shared_lives import NEXT_STAGES, SharedLivesMatch, Stage

__all__ = ["NEXT_STAGES", "WEEKDAYS", "Absence", "Availability", "Carer", "CarerKind", "Gender", "Household",
           "Preferences", "Roster", "RosterChange", "RosterVisit", "SharedLivesMatch", "Skill", "Stage", "TravelMode",
           "TravelTime", "TwoCarers", "VisitPattern", "split_words"]
