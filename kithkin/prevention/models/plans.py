"""Contingency plans: made with the person and their family before a crisis, so that when it comes the
people who know them do what was agreed. A plan has triggers (what sets it off), actions (who does what
and when), key contacts, and what matters most."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from kithkin.prevention.models.alerts import AlertKind

MAX_HOURS = 24 * 90  # crisis support is weeks, not years


class PlanPart(models.TextChoices):
    CRISIS = "crisis", "When it happens"
    COMING_HOME = "coming_home", "Coming home"


class ContingencyPlan(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contingency_plans")
    made_with = models.CharField(max_length=300, help_text="Who made the plan, for example Edna, Arthur and Sarah")
    what_matters_most = models.TextField(help_text="In their words")
    what_helps = models.TextField(blank=True, help_text="What calms them, what they like")
    what_upsets = models.TextField(blank=True, help_text="What to avoid")
    review_on = models.DateField(help_text="When to look at the plan again")
    reviewed_on = models.DateField(null=True, blank=True, help_text="When it was last looked at again")
    # The review date the named worker was last reminded of, so the daily reminder tells them once.
    reminded_for = models.DateField(null=True, blank=True)
    named_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     help_text="Who is told at once when the plan is set off")
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Contingency plan for {self.person}"


class PlanTrigger(models.Model):
    """An alert of this kind about this person sets the plan off: "Mr Jones is admitted to hospital"
    sets off Mrs Jones's plan."""

    plan = models.ForeignKey(ContingencyPlan, on_delete=models.CASCADE, related_name="triggers")
    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    about = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plan_triggers")
    part = models.CharField(max_length=12, choices=PlanPart.choices, default=PlanPart.CRISIS)
    description = models.CharField(max_length=300, help_text="In words, for example: Arthur goes into hospital")

    class Meta:
        indexes = [models.Index(fields=["about", "kind"])]

    def __str__(self):
        return self.description


class PlanAction(models.Model):
    plan = models.ForeignKey(ContingencyPlan, on_delete=models.CASCADE, related_name="actions")
    part = models.CharField(max_length=12, choices=PlanPart.choices, default=PlanPart.CRISIS)
    who = models.CharField(max_length=200, help_text="For example: Sarah (daughter)")
    what = models.CharField(max_length=500, help_text="For example: visits each evening")
    within_hours = models.PositiveIntegerField(default=4, help_text="How soon, once the plan is set off",
                                               validators=[MaxValueValidator(MAX_HOURS)])
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", help_text="The worker who makes sure it happens")

    class Meta:
        ordering = ["part", "within_hours", "id"]

    def __str__(self):
        return f"{self.who}: {self.what}"


class PlanContact(models.Model):
    plan = models.ForeignKey(ContingencyPlan, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)

    def __str__(self):
        return self.name
