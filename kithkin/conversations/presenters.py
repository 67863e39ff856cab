"""Shape the worklist for the page: the clock on each contact, who has it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.utils import timezone

from kithkin.conversations.figures import open_contacts
from kithkin.conversations.models import Channel, contact_reference, contact_who, open_on_worklist
from kithkin.core.models import display_name
from kithkin.people.models import full_name

URGENT_AFTER = timedelta(hours=20)
WORKLIST_PAGE_SIZE = 50


@dataclass(frozen=True)
class WorklistRow:
    pk: int
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


def _row(values: dict, now: datetime) -> WorklistRow:
    if values["person__given_name"] is not None:
        about = full_name(values["person__given_name"], values["person__family_name"])
    else:
        about = contact_who(values["about_name"], values["caller_name"])
    if values["handled_by__username"] is not None:
        handled_by = display_name(values["handled_by__first_name"], values["handled_by__last_name"],
                                  values["handled_by__username"])
    else:
        handled_by = "No one yet"
    return WorklistRow(
        pk=values["pk"], received_at=values["received_at"], waiting=now - values["received_at"], about=about,
        channel=Channel(values["channel"]).label, handled_by=handled_by,
        spoken_to=values["first_spoken_at"] is not None, follow_up_on=values["follow_up_on"],
    )


def _page_and_rows(paginator: Paginator, page_number, read_ahead: int) -> tuple[Page, int, list[dict]]:
    """The page asked for (or the nearest there is), where it starts, and its rows plus read_ahead more."""
    page = paginator.get_page(page_number)
    bottom = (page.number - 1) * paginator.per_page
    return page, bottom, list(paginator.object_list[bottom:bottom + paginator.per_page + read_ahead])


def worklist_page(team, page_number=None, per_page: int = WORKLIST_PAGE_SIZE) -> Page:
    """One page of the team's open contacts, oldest first; the page's object_list holds WorklistRows.

    Ordered by received time then id, so two contacts received in the same second keep their places
    from page to page. The total comes from the cache kept with the 24-hour figures, which saves a count
    on every view of the busiest page; the rows are always read live, one more than the page holds, and
    if they disagree with the cached total (another worker's cache, or a bulk load) the total is counted
    afresh."""
    contacts = open_on_worklist(team).order_by("received_at", "pk").values(*_FIELDS)
    paginator = Paginator(contacts, per_page)
    paginator.count = open_contacts(team)  # count is a cached_property: this stands in for the query
    page, bottom, fetched = _page_and_rows(paginator, page_number, read_ahead=1)
    if len(fetched) != min(per_page + 1, max(paginator.count - bottom, 0)):
        page, bottom, fetched = _page_and_rows(Paginator(contacts, per_page), page_number, read_ahead=0)
    now = timezone.now()
    page.object_list = [_row(values, now) for values in fetched[:per_page]]
    return page
