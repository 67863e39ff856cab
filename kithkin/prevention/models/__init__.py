"""Early identification (alerts), contingency plans and crisis resolution."""

from kithkin.prevention.models.alerts import Alert, AlertEvent, AlertKind, AlertSource, AlertStatus
from kithkin.prevention.models.crisis import CheckIn, CrisisEpisode, EpisodeOutcome, Notification, Task
from kithkin.prevention.models.plans import ContingencyPlan, PlanAction, PlanContact, PlanPart, PlanTrigger
from kithkin.prevention.models.risk import Indicator, PersonIndicator, RiskWeight

__all__ = ["Alert", "AlertEvent", "AlertKind", "AlertSource", "AlertStatus", "CheckIn", "ContingencyPlan",
           "CrisisEpisode", "EpisodeOutcome", "Indicator", "Notification", "PersonIndicator", "PlanAction",
           "PlanContact", "PlanPart", "PlanTrigger", "RiskWeight", "Task"]
