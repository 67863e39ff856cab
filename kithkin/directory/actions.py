"""Every change to the directory made through the pages: suggested, approved or turned down, confirmed.
Each is one transaction, written to the audit log, and the search index follows."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor, snapshot
from kithkin.core.models import AuditEvent
from kithkin.directory.index import reindex
from kithkin.directory.models import ProposedChange, Service

# Checks beyond the column types, for what residents will click on.
CHECKS = {"url": URLValidator(schemes=["http", "https"], message="Enter a web address, like https://www.example.org"),
          "email": EmailValidator(message="Enter an email address like name@example.org")}

# What an organisation may suggest changing from the page; the rest comes by import-oruk.
EDITABLE = ["name", "description", "status", "url", "email", "eligibility_description", "application_process",
            "fees_description", "minimum_age", "maximum_age"]


def _cleaned_changes(service: Service, proposed: dict) -> dict:
    changes, errors = {}, {}
    for name, value in proposed.items():
        if name not in EDITABLE:
            errors[name] = "This cannot be changed here"
            continue
        field = Service._meta.get_field(name)
        if value in ("", None):
            value = None if field.null else ""
        try:
            cleaned = field.clean(value, service) if value is not None else None
            if cleaned and name in CHECKS:
                CHECKS[name](cleaned)
            if isinstance(cleaned, float) and cleaned.is_integer():
                cleaned = int(cleaned)
        except ValidationError as exc:
            errors[name] = exc.messages[0]
            continue
        if cleaned != getattr(service, name):
            changes[name] = cleaned
    low = changes.get("minimum_age", service.minimum_age)
    high = changes.get("maximum_age", service.maximum_age)
    if low is not None and high is not None and low > high:
        errors["maximum_age"] = "The oldest age must be the same as or more than the youngest"
    if errors:
        raise ValidationError(errors)
    return changes


@transaction.atomic
def suggest_change(service: Service, proposed: dict, note: str, auditor: Auditor) -> ProposedChange:
    changes = _cleaned_changes(service, proposed)
    if not changes:
        raise ValidationError("Nothing has changed: edit what is wrong, or tell us in the note")
    proposal = ProposedChange.objects.create(service=service, proposed_by=auditor.actor, note=note, changes=changes)
    auditor.record(AuditEvent.Kind.CREATE, obj=proposal, new=proposal.changes,
                   summary=f"Suggested a change to {service.name}")
    return proposal


@transaction.atomic
def approve_change(proposal: ProposedChange, auditor: Auditor) -> Service:
    proposal = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != ProposedChange.State.PENDING:
        raise ActionError("This suggestion has already been decided")
    service = proposal.service
    before = snapshot(service)
    for name, value in _cleaned_changes(service, proposal.changes).items():
        setattr(service, name, value)
        service.extra.pop(name, None)  # a publisher's original wording of the old value no longer applies
    _assured(service, auditor)
    service.save()
    reindex([service.pk])
    proposal.state = ProposedChange.State.APPROVED
    proposal.decided_by, proposal.decided_at = auditor.actor, timezone.now()
    proposal.save()
    auditor.changed(service, before, summary=f"Approved a suggested change to {service.name}")
    return service


@transaction.atomic
def reject_change(proposal: ProposedChange, reason: str, auditor: Auditor) -> ProposedChange:
    proposal = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != ProposedChange.State.PENDING:
        raise ActionError("This suggestion has already been decided")
    if not reason.strip():
        raise ValidationError({"reason": "Say why, so the organisation can put it right"})
    proposal.state, proposal.reason = ProposedChange.State.REJECTED, reason.strip()
    proposal.decided_by, proposal.decided_at = auditor.actor, timezone.now()
    proposal.save()
    auditor.record(AuditEvent.Kind.UPDATE, obj=proposal, summary=f"Turned down a change to {proposal.service.name}")
    return proposal


@transaction.atomic
def confirm_still_right(service: Service, auditor: Auditor) -> Service:
    """An editor has checked the entry with the organisation: it is assured as of today."""
    before = snapshot(service)
    _assured(service, auditor)
    service.save(update_fields=["assured_date", "last_modified"])
    auditor.changed(service, before, summary=f"Confirmed {service.name} is still right")
    return service


def _assured(service: Service, auditor: Auditor) -> None:
    """Checked today. Who checked is in the audit log: a member of staff's email address is not
    published in the open data (assurer_email keeps whatever the publisher gave)."""
    service.assured_date = timezone.localdate()
    service.last_modified = timezone.now()
