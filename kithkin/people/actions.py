"""Every write to a person's record and circle: in a transaction, audited."""

from django.db import transaction
from django.utils import timezone

from kithkin.core.audit import Auditor, snapshot
from kithkin.core.models import AuditEvent
from kithkin.people.models import CircleMember, Person

CONSENT_FIELDS = ("consent_to_record", "share_with_gp", "share_with_family", "share_with_providers", "sharing_notes")


@transaction.atomic
def create_person(data: dict, auditor: Auditor) -> Person:
    person = Person(**data, created_by=auditor.actor)
    if person.consent_to_record:
        person.consent_recorded_at = timezone.now()
    person.full_clean()
    person.save()
    auditor.created(person, person=person, summary=f"Created record for {person.full_name}")
    return person


@transaction.atomic
def update_person(person: Person, data: dict, auditor: Auditor) -> Person:
    # Re-read: a bound ModelForm has already written its values onto the instance it was given.
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    for name, value in data.items():
        setattr(person, name, value)
    if any(before.get(f) != getattr(person, f) for f in CONSENT_FIELDS):
        person.consent_recorded_at = timezone.now()
    person.updated_at = timezone.now()
    person.full_clean()
    person.save()
    auditor.changed(person, before, person=person)
    return person


@transaction.atomic
def add_circle_member(person: Person, data: dict, auditor: Auditor) -> CircleMember:
    member = CircleMember(person=person, **data)
    member.full_clean()
    member.save()
    auditor.created(member, person=person, summary=f"Added {member.name} to the circle of support")
    return member


@transaction.atomic
def update_circle_member(member: CircleMember, data: dict, auditor: Auditor) -> CircleMember:
    # Re-read: a bound ModelForm has already written its values onto the instance it was given.
    member = CircleMember.objects.select_for_update().get(pk=member.pk)
    before = snapshot(member)
    for name, value in data.items():
        setattr(member, name, value)
    member.full_clean()
    member.save()
    auditor.changed(member, before, person=member.person, summary=f"Changed {member.name} in the circle")
    return member


@transaction.atomic
def remove_circle_member(member: CircleMember, auditor: Auditor) -> None:
    auditor.removed(member, person=member.person, summary=f"Removed {member.name} from the circle of support")
    member.delete()


def export_person(person: Person, auditor: Auditor) -> dict:
    """A subject access export: everything we hold about the person, and who has looked at it."""
    from kithkin.people.sar import build_export

    data = build_export(person)
    auditor.record(AuditEvent.Kind.EXPORT, person=person, obj=person,
                   summary=f"Subject access export for {person.full_name}")
    return data
