"""The Auditor: one place that writes the audit log.

Every view of a person's record, every change (old and new values), every export,
sign-in and failed sign-in goes through here, so the trail has one shape.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.db import models

from kithkin.core.models import AuditEvent


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The instance's concrete field values, as JSON-safe plain values."""
    values = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, datetime | date | time):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        values[field.name] = value
    return values


def changes(old: dict, new: dict) -> tuple[dict, dict]:
    """Only the fields that differ, as (old, new)."""
    keys = [k for k in new if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


class Auditor:
    def __init__(self, actor=None, *, channel: str = "web", ip: str | None = None, label: str = ""):
        self.actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        self.channel = channel
        self.ip = ip
        self.label = label or (self.actor.username if self.actor else "")

    @classmethod
    def for_request(cls, request, channel: str = "web") -> "Auditor":
        user = getattr(request, "auth_user", None) or getattr(request, "user", None)
        return cls(user, channel=channel, ip=client_ip(request))

    def record(self, kind: str, *, person=None, obj=None, summary: str = "", old=None, new=None,
               reason: str = "") -> AuditEvent:
        return AuditEvent.objects.create(
            actor=self.actor,
            actor_label=self.label[:150],
            kind=kind,
            person=person,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            summary=summary[:300],
            old_values=old,
            new_values=new,
            reason=reason,
            channel=self.channel,
            ip_address=self.ip,
        )

    def viewed(self, person, what: str = "record", reason: str = "") -> AuditEvent:
        return self.record(AuditEvent.Kind.VIEW, person=person, obj=person, summary=f"Viewed {what}",
                           reason=reason)

    def created(self, obj, *, person=None, summary: str = "") -> AuditEvent:
        return self.record(AuditEvent.Kind.CREATE, person=person, obj=obj, new=snapshot(obj),
                           summary=summary or f"Created {obj._meta.verbose_name}")

    def changed(self, obj, before: dict, *, person=None, summary: str = "") -> AuditEvent | None:
        old, new = changes(before, snapshot(obj))
        if not new:
            return None
        return self.record(AuditEvent.Kind.UPDATE, person=person, obj=obj, old=old, new=new,
                           summary=summary or f"Changed {obj._meta.verbose_name}: {', '.join(new)}")

    def removed(self, obj, *, person=None, summary: str = "") -> AuditEvent:
        return self.record(AuditEvent.Kind.DELETE, person=person, obj=obj, old=snapshot(obj),
                           summary=summary or f"Removed {obj._meta.verbose_name}")
