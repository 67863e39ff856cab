"""Time to resolution: the live 'resolved within 24 hours' figure.

A contact counts once its 24-hour result is known: it was closed, or 24 hours have
passed since it came in. It is 'within 24 hours' when it was closed no more than 24
hours after it was received. Contacts still open and younger than 24 hours are not
counted yet, so the figure never punishes a team for a contact that arrived an hour ago.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from kithkin.conversations.models import Contact, open_on_worklist

DAY = timedelta(hours=24)
# The figures are read on every worklist page but change only when a contact comes in or closes
# (both clear the cache, below) or as the 24-hour window slides, which a minute's staleness hides.
CACHE_SECONDS = 60


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
    # Count received_at rather than pk: every column used is then in the covering index
    # (team, received_at) INCLUDE (resolved_at), so PostgreSQL never reads the table.
    counts = contacts.aggregate(
        received=Count("received_at"),
        counted=Count("received_at", filter=decided),
        within=Count("received_at", filter=Q(resolved_at__isnull=False, resolved_at__lte=F("received_at") + DAY)),
        still_open=Count("received_at", filter=Q(resolved_at__isnull=True)),
    )
    return Figure(label, since, counts["received"], counts["counted"], counts["within"], counts["still_open"])


def team_figures(team=None, now: datetime | None = None) -> list[Figure]:
    """The three figures for a team (or all teams when None), from the cache when they are fresh."""
    if now is not None:
        return _compute(team, now)
    key = _cache_key(team.pk if team is not None else None)
    return cache.get_or_set(key, lambda: _compute(team, timezone.now()), CACHE_SECONDS)


def open_contacts(team) -> int:
    """How many contacts are open on the team's worklist; cached and cleared with the figures."""
    return cache.get_or_set(_cache_key(team.pk, "open"), lambda: open_on_worklist(team).count(), CACHE_SECONDS)


def forget_figures(team_id: int | None) -> None:
    """A contact came in or closed: the team's figures and the all-teams figures are out of date.

    Cleared once the transaction commits, so a reader cannot cache the old counts in between."""
    keys = [_cache_key(team_id), _cache_key(None), _cache_key(team_id, "open")]
    transaction.on_commit(lambda: cache.delete_many(keys))


def _cache_key(team_id: int | None, what: str = "figures") -> str:
    return f"kithkin:{what}:{team_id or 'all'}"


def _compute(team, now: datetime) -> list[Figure]:
    return [
        figure("Last 24 hours", now - DAY, team=team, now=now),
        figure("This week", start_of_week(now), team=team, now=now),
        figure("This quarter", start_of_quarter(now), team=team, now=now),
    ]
