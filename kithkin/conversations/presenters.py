"""Shape the worklist for the page: the clock on each contact, who has it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils import timezone

from kithkin.conversations.figures import open_contacts
from kithkin.conversations.models import Channel, Contact, contact_reference

URGENT_AFTER = timedelta(hours=20)
_SLOT = "987654321"  # stands in for the contact's id in the reversed URL
WORKLIST_PAGE_SIZE = 50


@dataclass(frozen=True)
class WorklistRow:
    pk: int
    href: str
    received_at: datetime
    waiting: timedelta
    about: str
    channel: str
    handled_by: str
    spoken_to: bool
    follow_up_on: date | None

    @property
    def reference(self) -> str:
        return contact_reference(self.pk)

    @property
    def tag(self) -> tuple[str, str]:
        """A status a worker can scan down the list: (text, GOV.UK tag colour)."""
        if self.follow_up_on:
            return "Follow-up booked", "govuk-tag--blue"
        if self.waiting >= timedelta(hours=24):
            return "Over 24 hours", "govuk-tag--red"
        if self.waiting >= URGENT_AFTER:
            return "Nearly 24 hours", "govuk-tag--orange"
        if self.spoken_to:
            return "Spoken to", "govuk-tag--green"
        return "New", "govuk-tag--grey"


# Plain values, not model instances: the worklist is the busiest page, and 50 rows of three models
# cost more to build than everything else on it.
_FIELDS = (
    "pk", "received_at", "first_spoken_at", "follow_up_on", "channel", "about_name", "caller_name",
    "person__given_name", "person__family_name",
    "handled_by__username", "handled_by__first_name", "handled_by__last_name",
)


def _row(values: dict, now: datetime, href: str) -> WorklistRow:
    if values["person__given_name"] is not None:
        about = f"{values['person__given_name']} {values['person__family_name']}".strip()
    else:
        about = values["about_name"] or values["caller_name"] or "Not known yet"
    if values["handled_by__username"] is not None:
        handler = f"{values['handled_by__first_name']} {values['handled_by__last_name']}".strip()
        handled_by = handler or values["handled_by__username"]
    else:
        handled_by = "No one yet"
    return WorklistRow(
        pk=values["pk"], href=href.replace(_SLOT, str(values["pk"])), received_at=values["received_at"],
        waiting=now - values["received_at"], about=about,
        channel=Channel(values["channel"]).label, handled_by=handled_by,
        spoken_to=values["first_spoken_at"] is not None, follow_up_on=values["follow_up_on"],
    )


def worklist_page(team, page_number=None, per_page: int = WORKLIST_PAGE_SIZE) -> Page:
    """One page of the team's open contacts, oldest first; the page's object_list holds WorklistRows.

    Ordered by received time then id, so two contacts received in the same second keep their places
    from page to page. The partial index contact_open_worklist serves the page. The total comes from the
    cache kept with the 24-hour figures, which saves a count on every view of the busiest page; the rows
    are always read live, one more than the page holds, and if they disagree with the cached total
    (another worker's cache, or a bulk load) the total is counted afresh."""
    contacts = (
        Contact.objects.filter(team=team, resolved_at__isnull=True).order_by("received_at", "pk").values(*_FIELDS)
    )
    paginator = Paginator(contacts, per_page)
    paginator.count = open_contacts(team)  # count is a cached_property: this stands in for the query
    page = paginator.get_page(page_number)
    bottom = (page.number - 1) * per_page
    fetched = list(contacts[bottom:bottom + per_page + 1])
    if len(fetched) != min(per_page + 1, max(paginator.count - bottom, 0)):
        paginator = Paginator(contacts, per_page)
        page = paginator.get_page(page_number)
        bottom = (page.number - 1) * per_page
        fetched = list(contacts[bottom:bottom + per_page])
    now = timezone.now()
    href = reverse("contact_detail", args=[_SLOT])  # once, not fifty times: reversing a URL is not cheap
    page.object_list = [_row(values, now, href) for values in fetched[:per_page]]
    return page
