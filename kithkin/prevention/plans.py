"""Making and changing contingency plans. Every change is audited against the person."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kithkin.core.audit import Auditor, snapshot
from kithkin.prevention.models import AlertKind, ContingencyPlan, PlanAction, PlanContact, PlanPart, PlanTrigger


@transaction.atomic
def make_plan(person, data: dict, auditor: Auditor) -> ContingencyPlan:
    """A new plan replaces the person's current one, which is kept, inactive, for the record. The new plan
    starts with the old one's triggers, actions and contacts, so nothing agreed is dropped by accident:
    take off what no longer holds."""
    plan = ContingencyPlan(person=person, created_by=auditor.actor, **data)
    plan.full_clean()
    previous = ContingencyPlan.objects.select_for_update().filter(person=person, is_active=True).first()
    if previous is not None:
        previous.is_active, previous.updated_at = False, timezone.now()
        previous.save(update_fields=["is_active", "updated_at"])
    plan.save()
    if previous is not None:
        _copy_items(previous, plan)
        # Crisis support that is running carries on under the new plan: one episode, not two.
        previous.episodes.filter(closed_at=None).update(plan=plan)
    auditor.created(plan, person=person, summary="Made a contingency plan" + (
        f" (from the plan of {previous.created_at:%-d %B %Y})" if previous else ""))
    return plan


def _copy_items(source: ContingencyPlan, plan: ContingencyPlan) -> None:
    for items in (source.triggers.all(), source.actions.all(), source.contacts.all()):
        for item in items:
            item.pk, item.plan = None, plan
            item.save()


@transaction.atomic
def review_plan(plan: ContingencyPlan, data: dict, auditor: Auditor) -> ContingencyPlan:
    """Looked at again with the person and family: the words, the named worker and the next review date
    change in place (the plan's triggers and actions stay as they are)."""
    plan = ContingencyPlan.objects.select_for_update().get(pk=plan.pk)
    before = snapshot(plan)
    for name, value in data.items():
        setattr(plan, name, value)
    plan.reviewed_on, plan.updated_at = timezone.localdate(), timezone.now()
    plan.full_clean()
    plan.save()
    auditor.changed(plan, before, person=plan.person, summary="Looked at the contingency plan again")
    return plan


@transaction.atomic
def change_item(item, data: dict, auditor: Auditor):
    """Change a trigger, action or contact in place (Sarah's new phone number, a later time)."""
    if "kind" in data and data["kind"] not in AlertKind.values:
        raise ValidationError({"kind": "Choose what would set the plan off"})
    before = snapshot(item)
    for name, value in data.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    auditor.changed(item, before, person=item.plan.person, summary=f"Changed on the plan: {item}")
    return item


@transaction.atomic
def add_trigger(plan: ContingencyPlan, kind: str, about, description: str, auditor: Auditor,
                part: str = PlanPart.CRISIS) -> PlanTrigger:
    if kind not in AlertKind.values:
        raise ValidationError({"kind": "Choose what would set the plan off"})
    trigger = PlanTrigger(plan=plan, kind=kind, about=about, description=description, part=part)
    trigger.full_clean()
    trigger.save()
    auditor.created(trigger, person=plan.person, summary=f"Plan trigger: {description}")
    return trigger


@transaction.atomic
def add_action(plan: ContingencyPlan, data: dict, auditor: Auditor) -> PlanAction:
    action = PlanAction(plan=plan, **data)
    action.full_clean()
    action.save()
    auditor.created(action, person=plan.person, summary=f"Plan action: {action}")
    return action


@transaction.atomic
def add_contact(plan: ContingencyPlan, data: dict, auditor: Auditor) -> PlanContact:
    contact = PlanContact(plan=plan, **data)
    contact.full_clean()
    contact.save()
    auditor.created(contact, person=plan.person, summary=f"Plan contact: {contact.name}")
    return contact


@transaction.atomic
def remove_item(item, auditor: Auditor) -> None:
    """Take a trigger, action or contact off the plan (things change: Sarah moves away)."""
    auditor.removed(item, person=item.plan.person, summary=f"Took off the plan: {item}")
    item.delete()
