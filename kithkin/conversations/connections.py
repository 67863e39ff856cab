"""Connecting a person to a service from the directory, and following it up. Every change is audited."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kithkin.conversations import events
from kithkin.conversations.models import Connection, Contact, ContactEvent
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor, snapshot
from kithkin.directory.models import Service, ServiceStatus

FOLLOW_UP_AFTER = timedelta(days=14)


@transaction.atomic
def connect(contact: Contact, service: Service, auditor: Auditor, note: str = "") -> Connection:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not contact.is_open:
        raise ActionError("This contact is closed: connections are made while it is open")
    if service.status != ServiceStatus.ACTIVE:
        raise ActionError(f"{service.name} is not running ({service.get_status_display().lower()})")
    if contact.connections.filter(service=service, conversation=None).exists():
        raise ActionError(f"They are already connected to {service.name}")
    connection = Connection.objects.create(
        contact=contact, person=contact.person, service=service, service_name=service.name[:300], note=note,
        made_by=auditor.actor, follow_up_on=timezone.localdate() + FOLLOW_UP_AFTER)
    events.contact_event(contact, ContactEvent.Kind.CONNECTED, auditor.actor, detail=service.name)
    auditor.created(connection, person=contact.person, summary=f"Connected {contact.reference} to {service.name}")
    return connection


@transaction.atomic
def disconnect(connection: Connection, auditor: Auditor) -> None:
    """Undo a connection made by mistake, before the conversation that records it."""
    if connection.conversation_id is not None:
        raise ActionError("This connection is part of a recorded conversation: record how it went instead")
    auditor.removed(connection, person=connection.person,
                    summary=f"Removed the connection to {connection.service_name}")
    connection.delete()


@transaction.atomic
def record_how_it_went(connection: Connection, how_it_went: str, auditor: Auditor) -> Connection:
    if how_it_went not in Connection.HowItWent.values:
        raise ActionError("Choose how it went")
    before = snapshot(connection)
    connection.how_it_went = how_it_went
    connection.followed_up_at = timezone.now()
    connection.save(update_fields=["how_it_went", "followed_up_at"])
    auditor.changed(connection, before, person=connection.person, summary=f"Followed up {connection.service_name}")
    return connection


def attach_to_conversation(conversation) -> list[str]:
    """The contact's connections not yet recorded become part of this conversation; their names back."""
    pending = list(Connection.objects.filter(contact_id=conversation.contact_id, conversation=None))
    Connection.objects.filter(pk__in=[c.pk for c in pending]).update(conversation=conversation)
    return [c.service_name for c in pending]
