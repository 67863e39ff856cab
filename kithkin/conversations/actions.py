"""The front door's writes: a contact comes in, is picked up, linked, talked through and closed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kithkin.conversations import events
from kithkin.conversations.connections import attach_to_conversation
from kithkin.conversations.figures import forget_figures
from kithkin.conversations.models import (
    CLOSING_OUTCOMES,
    Channel,
    Contact,
    ContactEvent,
    Conversation,
    Outcome,
    RaisedBy,
)
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor, snapshot


@transaction.atomic
def receive_contact(data: dict, auditor: Auditor) -> Contact:
    contact = Contact(**data)
    contact.full_clean()
    contact.save()
    events.contact_event(contact, ContactEvent.Kind.RECEIVED, auditor.actor,
                         detail=f"{contact.get_channel_display()}, from {contact.get_raised_by_display().lower()}")
    auditor.created(contact, person=contact.person, summary=f"Took contact {contact.reference}")
    forget_figures(contact.team_id)
    return contact


@transaction.atomic
def pick_up_contact(contact: Contact, user, auditor: Auditor) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not contact.is_open:
        raise ActionError("This contact is already closed")
    before = snapshot(contact)
    contact.handled_by = user
    contact.save(update_fields=["handled_by"])
    events.contact_event(contact, ContactEvent.Kind.PICKED_UP, user, detail=f"by {user.display_name}")
    auditor.changed(contact, before, person=contact.person, summary=f"Picked up contact {contact.reference}")
    return contact


@transaction.atomic
def mark_spoken(contact: Contact, user, auditor: Auditor, at=None) -> Contact:
    """The clock's second mark: when someone first spoke with them."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.first_spoken_at is not None:
        return contact
    before = snapshot(contact)
    contact.first_spoken_at = at or timezone.now()
    if contact.handled_by_id is None:
        contact.handled_by = user
    contact.save(update_fields=["first_spoken_at", "handled_by"])
    events.contact_event(contact, ContactEvent.Kind.SPOKEN, user, at=contact.first_spoken_at)
    auditor.changed(contact, before, person=contact.person, summary=f"First spoke about {contact.reference}")
    return contact


@transaction.atomic
def link_person(contact: Contact, person, auditor: Auditor) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.person_id == person.pk:
        return contact
    before = snapshot(contact)
    contact.person = person
    contact.save(update_fields=["person"])
    events.contact_event(contact, ContactEvent.Kind.LINKED, auditor.actor, detail=person.full_name)
    auditor.changed(contact, before, person=person, summary=f"Linked contact {contact.reference} to the record")
    member = contact.carer_in_circle
    if member is not None and member.linked_person_id is None and member.person_id != person.pk:
        member_before = snapshot(member)
        member.linked_person = person
        member.save(update_fields=["linked_person"])
        auditor.changed(member, member_before, person=member.person,
                        summary=f"{member.name} now has their own record")
    return contact


@transaction.atomic
def start_carer_conversation(member, user, auditor: Auditor) -> Contact:
    """A carer is a person in their own right: open a contact about them, on the worker's team."""
    cared_for = member.person
    return receive_contact({
        "team": user.team, "handled_by": user, "channel": Channel.REFERRAL, "raised_by": RaisedBy.OTHER,
        "caller_name": member.name, "caller_phone": member.phone, "caller_email": member.email,
        "person": member.linked_person, "carer_in_circle": member,
        "in_their_words": f"A conversation for {member.name} as someone who supports {cared_for.full_name}"
                          f" ({member.relationship or member.get_connection_display().lower()}).",
    }, auditor)


@transaction.atomic
def record_conversation(contact: Contact, data: dict, auditor: Auditor, at=None) -> Conversation:
    """Record what was talked about and what happened next; a closing outcome resolves the contact."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not contact.is_open:
        raise ActionError("This contact is already closed: start a new contact for a new query")
    held_at = at or timezone.now()
    conversation = Conversation(contact=contact, person=contact.person, held_by=auditor.actor, held_at=held_at, **data)
    pending = list(contact.connections.filter(conversation=None).values_list("service_name", flat=True))
    if pending and not conversation.connected_to.strip():
        conversation.connected_to = "; ".join(pending)  # the services they were connected to from the directory
    _check_outcome(conversation)
    conversation.full_clean()
    conversation.save()
    attach_to_conversation(conversation)
    before = snapshot(contact)
    if contact.first_spoken_at is None:
        contact.first_spoken_at = held_at
        events.contact_event(contact, ContactEvent.Kind.SPOKEN, auditor.actor, at=held_at)
    if contact.handled_by_id is None:
        contact.handled_by = auditor.actor
    contact.outcome = conversation.outcome
    contact.follow_up_on = conversation.follow_up_on
    if conversation.outcome in CLOSING_OUTCOMES:
        contact.resolved_at = held_at
    contact.save()
    events.contact_event(contact, ContactEvent.Kind.CONVERSATION, auditor.actor, at=held_at,
                         detail=conversation.get_outcome_display())
    if contact.resolved_at:
        forget_figures(contact.team_id)
        events.contact_event(contact, ContactEvent.Kind.CLOSED, auditor.actor, at=held_at,
                             detail=conversation.get_outcome_display())
    auditor.created(conversation, person=contact.person, summary=f"Recorded a conversation on {contact.reference}")
    auditor.changed(contact, before, person=contact.person)
    return conversation


def _check_outcome(conversation: Conversation) -> None:
    errors = {}
    if conversation.outcome == Outcome.FOLLOW_UP and not conversation.follow_up_on:
        errors["follow_up_on"] = "Give the date of the follow-up conversation"
    if conversation.outcome == Outcome.FOLLOW_UP and conversation.follow_up_on and (
        conversation.follow_up_on < timezone.localdate(conversation.held_at)
    ):
        errors["follow_up_on"] = "The follow-up must be on or after the day of this conversation"
    if conversation.outcome == Outcome.CONNECTION and not conversation.connected_to.strip():
        errors["connected_to"] = "Say who or what they were connected to"
    if conversation.outcome == Outcome.NO_FURTHER_ACTION and not conversation.no_further_action_reason.strip():
        errors["no_further_action_reason"] = "Give the reason for no further action"
    if errors:
        raise ValidationError(errors)
