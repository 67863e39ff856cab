"""Early identification (alerts), contingency plans and crisis resolution."""

from kithkin.prevention.models.alerts import Alert, AlertEvent, AlertKind, AlertSource, AlertStatus
from kithkin.prevention.models.crisis import (
    CLD_EVENT_OUTCOME,
    CheckIn,
    CrisisEpisode,
    CrisisOption,
    EpisodeOutcome,
    Notification,
    Task,
)
from kithkin.prevention.models.plans import ContingencyPlan, PlanAction, PlanContact, PlanPart, PlanTrigger
from kithkin.prevention.models.risk import Indicator, PersonIndicator, RiskWeight

__all__ = ["CLD_EVENT_OUTCOME", "Alert", "AlertEvent", "AlertKind", "AlertSource", "AlertStatus", "CheckIn",
           "ContingencyPlan", "CrisisEpisode", "CrisisOption", "EpisodeOutcome", "Indicator", "Notification",
           "PersonIndicator", "PlanAction", "PlanContact", "PlanPart", "PlanTrigger", "RiskWeight", "Task"]
