"""What a person wants from the people who support them, and the visits they need each week."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from kithkin.matching.models.carers import Carer, Skill

MOST_MINUTES = 12 * 60  # a visit of more than 12 hours is a live-in arrangement, not a visit


class Preferences(models.Model):
    """Hard preferences rule carers out; soft ones (interests) only rank them."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="carer_preferences")
    carer_gender = models.CharField("Carers who are", max_length=10, blank=True,
                                    choices=[("female", "Women only"), ("male", "Men only")])
    language = models.CharField(max_length=100, blank=True, help_text="A language their carers must speak")
    pets_at_home = models.CharField(max_length=200, blank=True, help_text="For example: a dog")
    no_smokers = models.BooleanField("Carers must not smoke", default=False)
    not_wanted = models.ManyToManyField(Carer, blank=True, related_name="not_wanted_by",
                                        help_text="People they do not want to support them")
    wants_shared_lives = models.BooleanField("Looking for a Shared Lives home", default=False)
    faith = models.CharField(max_length=100, blank=True, help_text="Their faith, if it matters where they live")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Preferences of {self.person}"


class TwoCarers(models.TextChoices):
    TOGETHER = "together", "Both at once"
    IN_ORDER = "in_order", "One after the other"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class VisitPattern(models.Model):
    """A regular visit: "personal care, every morning, starting between 07:30 and 09:00, for 45 minutes"."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="visit_patterns")
    skill = models.CharField(max_length=20, choices=Skill.choices)
    weekdays = models.JSONField(default=list, help_text="0 is Monday")
    earliest = models.TimeField(help_text="The earliest the visit may start")
    latest = models.TimeField(help_text="The latest the visit may start")
    minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(5), MaxValueValidator(MOST_MINUTES)])
    carers_needed = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1),
                                                                             MaxValueValidator(2)])
    two_carers = models.CharField(max_length=10, choices=TwoCarers.choices, blank=True)
    gap_minutes = models.PositiveSmallIntegerField(default=0, help_text="For one after the other: minutes "
                                                   "between the first carer starting and the second")
    notes = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["earliest", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(latest__gte=models.F("earliest")),
                                              name="visit_window_is_not_backwards")]

    def __str__(self):
        days = ", ".join(WEEKDAYS[d][:3] for d in sorted(self.weekdays))
        # The window is when the visit starts, not all of it: "08:00-09:00, 30 min" read as a visit that must end by 9.
        return (f"{self.get_skill_display()}, {days}, starting between {self.earliest:%H:%M} and {self.latest:%H:%M}, "
                f"{self.minutes} minutes")
