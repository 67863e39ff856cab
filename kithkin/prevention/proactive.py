"""The proactive worklist: people at rising risk that the team has not spoken to lately and who have no
contingency plan, highest score first, each with the reasons for its score. "We spoke" records the
conversation; recording an indicator adds to the score, with who and why."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kithkin.conversations import actions as front_door
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor, snapshot
from kithkin.core.validators import record_id
from kithkin.people.models import Person
from kithkin.people.policies import visible_people
from kithkin.prevention.models import Alert, Indicator, PersonIndicator
from kithkin.prevention.risk import RiskScore, risk_score

SPOKEN_WITHIN = timedelta(days=60)


@dataclass
class Row:
    person: Person
    risk: RiskScore
    last_spoken: object


def proactive_rows(user) -> list[Row]:
    """Visible people with a signal (a recorded indicator, or a recent alert), scored."""
    since = timezone.now() - timedelta(days=180)
    signals = (Q(pk__in=PersonIndicator.objects.filter(ended_at=None).values("person_id"))
               | Q(pk__in=Alert.objects.filter(occurred_at__gte=since, person__isnull=False).values("person_id")))
    people = visible_people(user).filter(signals).exclude(contingency_plans__is_active=True)
    rows = []
    for person in people:
        last = person.conversations.order_by("-held_at").values_list("held_at", flat=True).first()
        if last and last > timezone.now() - SPOKEN_WITHIN:
            continue
        score = risk_score(person)
        if score.score >= settings.KITHKIN_RISK_THRESHOLD:
            rows.append(Row(person, score, last))
    rows.sort(key=lambda r: (-r.risk.score, r.person.family_name, r.person.given_name))
    return rows


@transaction.atomic
def record_indicator(person, indicator: str, note: str, auditor: Auditor) -> PersonIndicator:
    if indicator not in Indicator.values:
        raise ActionError("Choose an indicator")
    if PersonIndicator.objects.filter(person=person, indicator=indicator, ended_at=None).exists():
        raise ActionError("That is recorded already")
    item = PersonIndicator.objects.create(person=person, indicator=indicator, note=note.strip()[:300],
                                          noted_by=auditor.actor)
    auditor.created(item, person=person, summary=f"Risk indicator: {item.get_indicator_display()}")
    return item


@transaction.atomic
def end_indicator(person, item_id: str, auditor: Auditor) -> PersonIndicator:
    """It no longer holds (the bereavement was two years ago; the diagnosis was wrong)."""
    pk = record_id(item_id)
    item = (PersonIndicator.objects.select_for_update().filter(person=person, ended_at=None, pk=pk).first()
            if pk is not None else None)
    if item is None:
        raise ActionError("That indicator is not recorded now")
    before = snapshot(item)
    item.ended_at = timezone.now()
    item.save(update_fields=["ended_at"])
    auditor.changed(item, before, person=person, summary=f"No longer applies: {item.get_indicator_display()}")
    return item


@transaction.atomic
def we_spoke(person, what_matters: str, auditor: Auditor):
    """A proactive call, recorded as a contact and its conversation (resolved with information)."""
    if not what_matters.strip():
        raise ActionError("Write down what matters to them")
    user = auditor.actor
    contact = front_door.receive_contact({
        "team": user.team, "handled_by": user, "channel": "phone", "raised_by": "other",
        "caller_name": person.full_name, "about_name": "", "postcode": person.postcode,
        "in_their_words": "We called them: they came up on the proactive worklist."}, auditor)
    front_door.link_person(contact, person, auditor)
    return front_door.record_conversation(contact, {"what_matters": what_matters.strip(), "outcome": "information"},
                                          auditor)
