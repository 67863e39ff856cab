"""Shape the worklist for the page: the clock on each contact, who has it."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kithkin.conversations.models import Contact

URGENT_AFTER = timedelta(hours=20)


@dataclass
class WorklistRow:
    contact: Contact
    waiting: timedelta

    @property
    def tag(self) -> tuple[str, str]:
        """A status a worker can scan down the list: (text, GOV.UK tag colour)."""
        if self.contact.follow_up_on:
            return "Follow-up booked", "govuk-tag--blue"
        if self.waiting >= timedelta(hours=24):
            return "Over 24 hours", "govuk-tag--red"
        if self.waiting >= URGENT_AFTER:
            return "Nearly 24 hours", "govuk-tag--orange"
        if self.contact.first_spoken_at:
            return "Spoken to", "govuk-tag--green"
        return "New", "govuk-tag--grey"


def worklist_rows(team, limit: int = 200) -> list[WorklistRow]:
    now = timezone.now()
    contacts = (
        Contact.objects.filter(team=team, resolved_at__isnull=True)
        .select_related("handled_by", "person")
        .order_by("received_at")[:limit]
    )
    return [WorklistRow(c, now - c.received_at) for c in contacts]
