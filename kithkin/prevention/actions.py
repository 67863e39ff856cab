"""Receiving alerts and resolving the ones that match nobody. Every write is audited."""

import hashlib
import json
import logging
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from kithkin.conversations.routing import team_for_postcode
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor, snapshot
from kithkin.prevention import events
from kithkin.prevention.crisis import respond_to_alert
from kithkin.prevention.matching import match_person
from kithkin.prevention.models import Alert, AlertEvent, AlertSource, AlertStatus

logger = logging.getLogger(__name__)


MATCHED_HOW = {"nhs_number": "by NHS number", "name_dob_postcode": "by name, date of birth and postcode",
               "by_hand": "by hand"}
RAISED_BY = {"gp_practice": "gp", "hospital": "hospital", "provider": "provider"}


class IdempotencyClash(ActionError):
    """The sender used the same key for a different alert."""


def _canonical(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()  # 13:30Z and 14:30+01:00 are the same moment
    return value.isoformat() if hasattr(value, "isoformat") else value


def _fingerprint(data: dict) -> str:
    canonical = json.dumps({k: _canonical(v) for k, v in sorted(data.items())}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def receive_alert(data: dict, idempotency_key: str, auditor: Auditor) -> tuple[Alert, bool]:
    """Store the alert and match it to a person if we can; (alert, True) when it is a resend of one we have.
    Resends are answered with the first alert, however close together they come."""
    fingerprint = _fingerprint(data)
    existing = Alert.objects.filter(sender=auditor.actor, idempotency_key=idempotency_key).first()
    if existing is not None:
        return _resent(existing, fingerprint, auditor), True
    try:
        return _store(data, idempotency_key, fingerprint, auditor), False
    except IntegrityError:
        # Another request with the same key won the race by a whisker: this one is its resend.
        existing = Alert.objects.get(sender=auditor.actor, idempotency_key=idempotency_key)
        return _resent(existing, fingerprint, auditor), True


def _team_for(data: dict, person, sender):
    """A partner's alert goes to the team of the person it matched. One a worker raises goes by what they
    typed (or to their own team), so where it lands cannot tell them whether, or where, we know someone."""
    if data.get("source") == AlertSource.STAFF:
        if data.get("postcode"):
            return team_for_postcode(data["postcode"])
        return getattr(sender, "team", None) or team_for_postcode("")
    return team_for_postcode((person.postcode if person and person.postcode else "") or data.get("postcode", ""))


def _resent(alert: Alert, fingerprint: str, auditor: Auditor) -> Alert:
    if alert.fingerprint != fingerprint:
        raise IdempotencyClash(f"The key {alert.idempotency_key!r} was used for a different alert: "
                               "use a new key for a new alert")
    events.alert_event(alert, AlertEvent.Kind.RESENT, auditor.actor)
    return alert


@transaction.atomic
def _store(data: dict, idempotency_key: str, fingerprint: str, auditor: Auditor) -> Alert:
    person, how = match_person(data.get("nhs_number", ""), data.get("given_name", ""), data.get("family_name", ""),
                               data.get("date_of_birth"), data.get("postcode", ""))
    alert = Alert.objects.create(
        sender=auditor.actor, idempotency_key=idempotency_key, fingerprint=fingerprint, person=person,
        matched_by=how, status=AlertStatus.MATCHED if person else AlertStatus.UNMATCHED,
        team=_team_for(data, person, auditor.actor),
        **data)
    events.alert_event(alert, AlertEvent.Kind.RECEIVED, auditor.actor,
                       detail=alert.source_name or alert.get_source_display())
    if person is not None:
        events.alert_event(alert, AlertEvent.Kind.MATCHED, auditor.actor, detail=MATCHED_HOW[how])
    auditor.created(alert, person=person, summary=f"Alert: {alert.get_kind_display()} "
                                                  f"({alert.source_name or alert.get_source_display()})")
    _respond_safely(alert, auditor)
    return alert


def _respond_safely(alert: Alert, auditor: Auditor) -> None:
    """Set off what the alert should, in a savepoint: if that fails, the alert is still kept, with the
    failure in its history for the team to see, and in the log."""
    try:
        with transaction.atomic():
            respond_to_alert(alert, auditor)
    except Exception:
        logger.exception("Alert %s could not set off its plan", alert.pk)
        events.alert_event(alert, AlertEvent.Kind.PROBLEM, auditor.actor,
                           detail="It could not set off the plan or a rapid response: tell the team manager")


@transaction.atomic
def match_by_hand(alert: Alert, person, auditor: Auditor) -> Alert:
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.UNMATCHED:
        raise ActionError("This alert has already been resolved")
    before = snapshot(alert)
    alert.person, alert.matched_by, alert.status = person, "by_hand", AlertStatus.MATCHED
    alert.resolved_by, alert.resolved_at = auditor.actor, timezone.now()
    alert.save()
    events.alert_event(alert, AlertEvent.Kind.MATCHED, auditor.actor, detail="by hand")
    auditor.changed(alert, before, person=person, summary="Matched an alert to a person by hand")
    _respond_safely(alert, auditor)
    return alert


@transaction.atomic
def take_contact(alert: Alert, auditor: Auditor):
    """Someone we have no record of, or cannot be sure of: a contact for the front door to work, with what the
    alert told us. The alert stays unmatched until the worker matches it to the record they make or find."""
    from kithkin.conversations import actions as front_door

    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.UNMATCHED:
        raise ActionError("This alert has already been resolved")
    taken = alert.events.filter(kind=AlertEvent.Kind.CONTACT).first()
    if taken is not None:
        raise ActionError(f"Contact {taken.detail} was taken from this alert already")
    user = auditor.actor
    about = " ".join(n for n in (alert.given_name, alert.family_name) if n)
    told = f"{alert.get_kind_display()} on {timezone.localtime(alert.occurred_at):%-d %B %Y}. {alert.details}"
    contact = front_door.receive_contact({
        "team": user.team, "handled_by": user, "channel": "referral",
        "raised_by": RAISED_BY.get(alert.source, "other"),
        "caller_name": alert.source_name or alert.get_source_display(), "about_name": about,
        "postcode": alert.postcode, "in_their_words": f"From alert {alert.pk}: {told}".strip()[:5000]}, auditor)
    events.alert_event(alert, AlertEvent.Kind.CONTACT, user, detail=contact.reference)
    return contact


@transaction.atomic
def not_for_us(alert: Alert, note: str, auditor: Auditor) -> Alert:
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.UNMATCHED:
        raise ActionError("This alert has already been resolved")
    if not note.strip():
        raise ActionError("Say why it is not someone we support")
    before = snapshot(alert)
    alert.status, alert.resolution_note = AlertStatus.NOT_FOR_US, note.strip()
    alert.resolved_by, alert.resolved_at = auditor.actor, timezone.now()
    alert.save()
    events.alert_event(alert, AlertEvent.Kind.NOT_FOR_US, auditor.actor, detail=note)
    auditor.changed(alert, before, summary="Closed an alert: not someone we support")
    return alert
