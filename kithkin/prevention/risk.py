"""The risk score: which indicators hold for a person, each with its weight and the reason it holds.

Recorded indicators come from workers; the rest are read from what we already know: alerts of falls,
hospital stays and bereavement in the last months, living alone, and being an unpaid carer over 80."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kithkin.people.models import CircleMember, LivingSituation
from kithkin.prevention.models import AlertKind, Indicator, PersonIndicator, RiskWeight

DEFAULT_WEIGHTS = {Indicator.LIVES_ALONE: 2, Indicator.CARER_OWN_CONDITION: 3, Indicator.DEMENTIA: 3,
                   Indicator.RECENT_FALLS: 3, Indicator.RECENT_BEREAVEMENT: 2, Indicator.FRAILTY: 2,
                   Indicator.RECENT_HOSPITAL_STAY: 3, Indicator.CARER_OVER_80: 2}
RECENT = {AlertKind.FALL: (Indicator.RECENT_FALLS, 90), AlertKind.HOSPITAL_ADMISSION:
          (Indicator.RECENT_HOSPITAL_STAY, 90), AlertKind.BEREAVEMENT: (Indicator.RECENT_BEREAVEMENT, 180)}


@dataclass
class Reason:
    indicator: str
    label: str
    weight: int
    why: str


@dataclass
class RiskScore:
    score: int
    reasons: list[Reason]


def weights() -> dict[str, int]:
    configured = dict(RiskWeight.objects.values_list("indicator", "weight"))
    return {i: configured.get(i, DEFAULT_WEIGHTS[i]) for i in Indicator.values}


def _age(born, today) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def holding(person) -> dict[str, str]:
    """indicator -> why it holds, for this person now."""
    today = timezone.localdate()
    found: dict[str, str] = {}
    for item in PersonIndicator.objects.filter(person=person, ended_at=None).select_related("noted_by"):
        found[item.indicator] = f"Recorded by {item.noted_by.display_name}" + (f": {item.note}" if item.note else "")
    if person.living_situation == LivingSituation.ALONE:
        found[Indicator.LIVES_ALONE] = "Their record says they live alone"
    for kind, (indicator, days) in RECENT.items():
        alert = person.alerts.filter(kind=kind, occurred_at__gte=timezone.now() - timedelta(days=days)).first()
        if alert is not None and indicator not in found:
            source = alert.source_name or alert.get_source_display()
            found[indicator] = f"{alert.get_kind_display()} on {alert.occurred_at:%-d %b %Y} ({source})"
    age = _age(person.date_of_birth, today)
    cares_for = CircleMember.objects.filter(linked_person=person, is_unpaid_carer=True).select_related("person")
    if age is not None and age > 80 and cares_for.exists():
        found[Indicator.CARER_OVER_80] = f"Aged {age}, and cares for {cares_for.first().person.full_name}"
    return found


def risk_score(person) -> RiskScore:
    weight = weights()
    labels = dict(Indicator.choices)
    reasons = [Reason(i, labels[i], weight[i], why) for i, why in holding(person).items()]
    reasons.sort(key=lambda r: (-r.weight, r.label))
    return RiskScore(sum(r.weight for r in reasons), reasons)
