"""The neutral rostering problem: visits, carers (one route each), travel, and what a plan costs.

Nothing here knows about Django or any benchmark format. Times are minutes (or any unit, used
consistently); locations are indices into the travel matrices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SIMULTANEOUS = "simultaneous"
SEQUENTIAL = "sequential"


@dataclass(frozen=True)
class SyncLink:
    """This visit is tied to `other`, which must be done by a different carer.

    simultaneous: both start at the same moment. sequential: `other` starts between min_gap and
    max_gap after this visit starts (the link is declared once, on the earlier visit).
    """

    other: str
    kind: str = SIMULTANEOUS
    min_gap: float = 0.0
    max_gap: float = 0.0


@dataclass
class Visit:
    id: str
    location: int
    earliest_start: float
    latest_start: float
    duration: float
    skill: str | None = None
    # A hard latest start makes lateness a constraint (heavily penalised, reported) instead of tardiness.
    hard_latest: bool = False
    allowed_carers: frozenset[str] | None = None  # None: anyone with the skill
    extra_cost: dict[str, float] = field(default_factory=dict)  # carer id -> cost of that carer doing it
    sync: SyncLink | None = None
    label: str = ""  # what to call it in reports, e.g. "p10 (s3)"


@dataclass
class Carer:
    """One route: a carer for one shift (pass one per carer-day for a week)."""

    id: str
    skills: frozenset[str]
    start_location: int
    end_location: int
    shift_start: float = 0.0
    shift_end: float = float("inf")
    max_working_time: float = float("inf")
    person: str = ""  # the real carer behind a carer-day, for reports


@dataclass
class Weights:
    """Objective = distance*travel + total_tardiness*sum + max_tardiness*max + extra costs + penalties."""

    distance: float = 1.0
    total_tardiness: float = 1.0
    max_tardiness: float = 1.0
    extra_cost: float = 1.0
    unserved: float = 100_000.0
    # Per minute of a hard limit broken: a hard latest start, the end of a shift, the maximum working time.
    hard_violation: float = 10_000.0


@dataclass
class Problem:
    visits: list[Visit]
    carers: list[Carer]
    travel_time: list[list[float]]
    distance: list[list[float]] | None = None  # None: same as travel_time
    weights: Weights = field(default_factory=Weights)

    @property
    def distances(self) -> list[list[float]]:
        return self.travel_time if self.distance is None else self.distance


@dataclass
class Stop:
    visit: str
    start: float
    end: float


@dataclass
class Route:
    carer: str
    stops: list[Stop]


@dataclass
class Unserved:
    visit: str
    reason: str


@dataclass
class Cost:
    distance: float = 0.0
    total_tardiness: float = 0.0
    max_tardiness: float = 0.0
    extra_cost: float = 0.0
    unserved: int = 0
    hard_violation: float = 0.0  # minutes beyond hard latest starts, shift ends and working limits
    objective: float = 0.0


@dataclass
class Solution:
    routes: list[Route]
    unserved: list[Unserved]
    cost: Cost
    iterations: int = 0
    seconds: float = 0.0
    engine: str = "kithkin"
    history: list[tuple[float, float]] = field(default_factory=list)  # (seconds, best objective)
