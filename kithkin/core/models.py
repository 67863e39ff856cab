"""Shared pieces: staff, teams, roles, the audit log, API tokens and break-glass access."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


def display_name(first_name: str, last_name: str, username: str) -> str:
    """How a member of staff is named on pages: their full name, or their username if none is set."""
    return f"{first_name} {last_name}".strip() or username


class Role(models.TextChoices):
    COMMUNITY_AGENT = "community_agent", "Community agent"
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    COMMISSIONER = "commissioner", "Commissioner or analyst"
    PROVIDER = "provider", "Provider"
    PARTNER = "partner", "Partner system (GP practice, hospital, ambulance, housing, police)"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles whose work is people's records; the others see aggregates or run the system.
CASEWORK_ROLES = {Role.COMMUNITY_AGENT, Role.PRACTITIONER, Role.TEAM_MANAGER}


class Team(models.Model):
    """A local team: its worklist is the shared front door for its area."""

    name = models.CharField(max_length=120, unique=True)
    area = models.CharField(max_length=200, blank=True, help_text="The places the team covers")
    outward_codes = models.CharField(
        max_length=200, blank=True, help_text="Postcode districts the team serves, such as 'FN1 FN3'"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.COMMUNITY_AGENT)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.username)

    @property
    def does_casework(self) -> bool:
        return self.role in CASEWORK_ROLES

    @property
    def is_manager(self) -> bool:
        return self.role == Role.TEAM_MANAGER


class AuditEvent(models.Model):
    """Who did what to whose record, when and why. Append-only: nothing updates or deletes rows."""

    class Kind(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Removed"
        EXPORT = "export", "Exported"
        SEARCH = "search", "Searched"
        BREAK_GLASS = "break_glass", "Break-glass access"
        ACCESS_DENIED = "access_denied", "Access refused"
        LOGIN = "login", "Signed in"
        LOGIN_FAILED = "login_failed", "Failed sign-in"
        LOGOUT = "logout", "Signed out"
        TOKEN = "token", "API token"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # The (actor, -at) and (person, -at) indexes below serve lookups by actor and person; a single-column
    # index on each as well would only slow the insert that every view of a record makes.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Kept as text too, so the trail still reads after an account is renamed, and for
    # actors that are not users (the public form, a failed sign-in's username, the CLI).
    actor_label = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events",
        db_index=False,
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    old_values = models.JSONField(null=True, blank=True)
    new_values = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    channel = models.CharField(max_length=10, blank=True, help_text="web, api or cli")
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person", "-at"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_kind_display()} {self.summary}"


class ApiToken(models.Model):
    """A bearer token for a staff member or a system. Only a hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class BreakGlass(models.Model):
    """Emergency access to a record outside the usual relationships, with a reason a manager reviews."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="break_glass")
    reason = models.TextField()
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    def __str__(self):
        return f"Break-glass by {self.user} at {self.started_at:%Y-%m-%d %H:%M}"


class Postcode(models.Model):
    """Where a postcode is (its centroid, WGS84), from the ONS Postcode Directory: for distances."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="Normalised, like FN1 1AD")
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self):
        return self.postcode
