"""Writes that belong to the core: sign-in records, API tokens, break-glass access."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.core.models import ApiToken, AuditEvent, BreakGlass

TOKEN_PREFIX = "kk"


class ActionError(Exception):
    """A business rule said no. The message is written for the person who asked."""


def record_sign_in(user, ip: str | None, channel: str = "web") -> None:
    Auditor(user, channel=channel, ip=ip).record(AuditEvent.Kind.LOGIN, summary="Signed in")


def record_failed_sign_in(username: str, ip: str | None, locked_out: bool = False) -> None:
    summary = "Failed sign-in" + (" (account locked for now)" if locked_out else "")
    Auditor(None, ip=ip, label=username or "(no username)").record(AuditEvent.Kind.LOGIN_FAILED, summary=summary)


def record_sign_out(user, ip: str | None) -> None:
    Auditor(user, ip=ip).record(AuditEvent.Kind.LOGOUT, summary="Signed out")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_api_token(user, name: str, auditor: Auditor) -> tuple[ApiToken, str]:
    """A new token; the plain key is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ActionError("Give the token a name, such as the system that will use it")
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=prefix, key_hash=_hash(secret))
    auditor.record(AuditEvent.Kind.TOKEN, obj=token, summary=f"Created API token {name!r} for {user.username}")
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def revoke_api_token(token: ApiToken, auditor: Auditor) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        auditor.record(AuditEvent.Kind.TOKEN, obj=token, summary=f"Revoked API token {token.name!r}")


def authenticate_token(key: str):
    """The user behind a bearer key, or None. Compares hashes in constant time."""
    try:
        kind, prefix, secret = key.split("_", 2)
    except ValueError:
        return None
    if kind != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not secrets.compare_digest(token.key_hash, _hash(secret)) or not token.user.is_active:
        return None
    now = timezone.now()
    # Touch last_used at most once a minute so reads stay reads.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def break_glass(user, person, reason: str, auditor: Auditor) -> BreakGlass:
    """Open a record outside the usual relationships. The reason goes to the worker's manager."""
    from kithkin.core.access import can_break_glass
    from kithkin.core.tasks import tell_managers_about_break_glass

    reason = reason.strip()
    if not can_break_glass(user):
        raise ActionError("Your role cannot use break-glass access")
    if len(reason) < 10:
        raise ActionError("Say why you need to see this record now, in a sentence")
    now = timezone.now()
    grant = BreakGlass.objects.create(
        user=user, person=person, reason=reason, started_at=now,
        expires_at=now + timedelta(hours=settings.KITHKIN_BREAK_GLASS_HOURS),
    )
    auditor.record(AuditEvent.Kind.BREAK_GLASS, person=person, obj=grant, reason=reason,
                   summary=f"Break-glass access to {person.full_name}")
    transaction.on_commit(lambda: tell_managers_about_break_glass.enqueue(grant.pk))
    return grant


@transaction.atomic
def review_break_glass(grant: BreakGlass, reviewer, note: str, auditor: Auditor) -> BreakGlass:
    if grant.reviewed_at is not None:
        raise ActionError("This break-glass access has already been reviewed")
    if grant.user_id == reviewer.pk:
        raise ActionError("Someone else must review your own break-glass access")
    grant.reviewed_by = reviewer
    grant.reviewed_at = timezone.now()
    grant.review_note = note.strip()
    grant.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    auditor.record(AuditEvent.Kind.UPDATE, person=grant.person, obj=grant, summary="Reviewed break-glass access",
                   new={"review_note": grant.review_note})
    return grant
