"""The alert's history table is written only from here."""

from django.utils import timezone

from kithkin.prevention.models import AlertEvent


def alert_event(alert, kind: str, user=None, *, detail: str = "") -> AlertEvent:
    return AlertEvent.objects.create(alert=alert, kind=kind, user=user, at=timezone.now(), detail=detail[:300])
