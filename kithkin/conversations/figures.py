"""Time to resolution: the live 'resolved within 24 hours' figure.

A contact counts once its 24-hour result is known: it was closed, or 24 hours have
passed since it came in. It is 'within 24 hours' when it was closed no more than 24
hours after it was received. Contacts still open and younger than 24 hours are not
counted yet, so the figure never punishes a team for a contact that arrived an hour ago.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from kithkin.conversations.models import Contact

DAY = timedelta(hours=24)


@dataclass(frozen=True)
class Figure:
    label: str
    since: datetime
    received: int
    counted: int
    within_24h: int
    still_open: int

    @property
    def rate(self) -> float | None:
        return self.within_24h / self.counted if self.counted else None


def start_of_week(now: datetime) -> datetime:
    local = timezone.localtime(now)
    monday = local.date() - timedelta(days=local.weekday())
    return timezone.make_aware(datetime.combine(monday, datetime.min.time()))


def start_of_quarter(now: datetime) -> datetime:
    local = timezone.localtime(now).date()
    first = local.replace(month=3 * ((local.month - 1) // 3) + 1, day=1)
    return timezone.make_aware(datetime.combine(first, datetime.min.time()))


def figure(label: str, since: datetime, *, team=None, now: datetime | None = None) -> Figure:
    now = now or timezone.now()
    contacts = Contact.objects.filter(received_at__gte=since, received_at__lte=now)
    if team is not None:
        contacts = contacts.filter(team=team)
    decided = Q(resolved_at__isnull=False) | Q(received_at__lte=now - DAY)
    counts = contacts.aggregate(
        received=Count("pk"),
        counted=Count("pk", filter=decided),
        within=Count("pk", filter=Q(resolved_at__isnull=False, resolved_at__lte=F("received_at") + DAY)),
        still_open=Count("pk", filter=Q(resolved_at__isnull=True)),
    )
    return Figure(label, since, counts["received"], counts["counted"], counts["within"], counts["still_open"])


def team_figures(team=None, now: datetime | None = None) -> list[Figure]:
    now = now or timezone.now()
    return [
        figure("Last 24 hours", now - DAY, team=team, now=now),
        figure("This week", start_of_week(now), team=team, now=now),
        figure("This quarter", start_of_quarter(now), team=team, now=now),
    ]
