"""The contact's history table is written only from here."""

from django.utils import timezone

from kithkin.conversations.models import ContactEvent


def contact_event(contact, kind: str, user=None, *, at=None, detail: str = "") -> ContactEvent:
    return ContactEvent.objects.create(contact=contact, kind=kind, user=user, at=at or timezone.now(),
                                       detail=detail[:300])
