"""Early identification: alerts from partners (GP practices, hospitals, ambulance, housing, providers,
police) and from staff, matched to the people they are about. Nothing sent is ever dropped: an alert
that matches nobody waits for a person to resolve it."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AlertKind(models.TextChoices):
    HOSPITAL_ADMISSION = "hospital_admission", "Admitted to hospital"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Discharged from hospital"
    FALL = "fall", "Had a fall"
    CARER_UNABLE = "carer_unable_to_care", "Their carer cannot care"
    MISSED_VISITS = "missed_visits", "Missed care visits"
    SAFEGUARDING = "safeguarding_concern", "Safeguarding concern"
    BEREAVEMENT = "bereavement", "Bereavement"
    OTHER = "other", "Something else"


class AlertSource(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    HOSPITAL = "hospital", "Hospital"
    AMBULANCE = "ambulance", "Ambulance service"
    HOUSING = "housing", "Housing"
    PROVIDER = "provider", "Care or support provider"
    POLICE = "police", "Police"
    STAFF = "staff", "Our own staff"
    OTHER = "other", "Someone else"


class AlertStatus(models.TextChoices):
    UNMATCHED = "unmatched", "Not matched to a person yet"
    MATCHED = "matched", "Matched to a person"
    NOT_FOR_US = "not_for_us", "Not someone we support"


class Alert(models.Model):
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               help_text="The account (a partner system's, or a member of staff's) that sent it")
    idempotency_key = models.CharField(max_length=100, help_text="The sender's own id: a resend is the same alert")
    fingerprint = models.CharField(max_length=64, help_text="What was sent, hashed, to tell a resend from a clash")
    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    source = models.CharField(max_length=20, choices=AlertSource.choices)
    source_name = models.CharField(max_length=200, blank=True, help_text="For example, Wickfield Surgery")
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField(default=timezone.now)
    nhs_number = models.CharField(max_length=10, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    details = models.TextField(blank=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="alerts")
    matched_by = models.CharField(max_length=20, blank=True, help_text="nhs_number, name_dob_postcode or by_hand")
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="alerts")
    status = models.CharField(max_length=12, choices=AlertStatus.choices)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["sender", "idempotency_key"], name="alert_once_per_key")]
        indexes = [models.Index(fields=["team", "status", "-received_at"]),
                   models.Index(fields=["person", "-occurred_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_source_display()}, {self.occurred_at:%d %b %Y})"


class AlertEvent(models.Model):
    """The alert's own history: received, matched, resolved by hand."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Received"
        RESENT = "resent", "Sent again (the same alert)"
        MATCHED = "matched", "Matched to a person"
        NOT_FOR_US = "not_for_us", "Not someone we support"
        CONTACT = "contact", "A contact was taken from it"
        PROBLEM = "problem", "Something went wrong"

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"
