"""The subject access export: one person's whole record as plain data."""

from kithkin.core.audit import snapshot
from kithkin.core.models import AuditEvent
from kithkin.people.models import Person

PRIVATE_FIELDS = {"created_by"}


def _clean(values: dict) -> dict:
    return {k: v for k, v in values.items() if k not in PRIVATE_FIELDS}


def build_export(person: Person) -> dict:
    contacts = []
    for contact in person.contacts.prefetch_related("conversations", "events").order_by("received_at"):
        item = _clean(snapshot(contact))
        item["reference"] = contact.reference
        item["conversations"] = [_clean(snapshot(c)) for c in contact.conversations.all()]
        item["history"] = [
            {"at": e.at.isoformat(), "what": e.get_kind_display(), "detail": e.detail} for e in contact.events.all()
        ]
        contacts.append(item)
    access = [
        {
            "at": e.at.isoformat(),
            "who": e.actor_label,
            "what": e.get_kind_display(),
            "summary": e.summary,
            "reason": e.reason,
        }
        for e in AuditEvent.objects.filter(person=person).order_by("at")
    ]
    return {
        "format": "kithkin-subject-access/1",
        "person": _clean(snapshot(person)),
        "circle_of_support": [_clean(snapshot(m)) for m in person.circle.all()],
        "in_other_circles": [
            {"of_person_id": m.person_id, "relationship": m.relationship, "connection": m.connection}
            for m in person.in_circles_of.all()
        ],
        "care_team": [
            {"worker": m.user.display_name, "role": m.role, "named_coordinator": m.is_named_coordinator,
             "started_on": m.started_on.isoformat(), "ended_on": m.ended_on.isoformat() if m.ended_on else None}
            for m in person.care_team.select_related("user")
        ],
        "contacts": contacts,
        "who_has_seen_or_changed_this_record": access,
    }
