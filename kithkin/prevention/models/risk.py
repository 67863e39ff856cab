"""Risk indicators and their weights. The score is a sum anyone can read: each indicator that holds,
with its weight and why it holds. The council sets the weights in the admin; there is no black box."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Indicator(models.TextChoices):
    LIVES_ALONE = "lives_alone", "Lives alone"
    CARER_OWN_CONDITION = "carer_own_condition", "Unpaid carer with a health condition of their own"
    DEMENTIA = "dementia", "Dementia"
    RECENT_FALLS = "recent_falls", "Recent falls"
    RECENT_BEREAVEMENT = "recent_bereavement", "Recent bereavement"
    FRAILTY = "frailty", "Frailty"
    RECENT_HOSPITAL_STAY = "recent_hospital_stay", "Recent hospital stay"
    CARER_OVER_80 = "carer_over_80", "Unpaid carer aged over 80"


class RiskWeight(models.Model):
    indicator = models.CharField(max_length=30, choices=Indicator.choices, unique=True)
    weight = models.PositiveSmallIntegerField(help_text="Points it adds to the score")

    class Meta:
        ordering = ["indicator"]

    def __str__(self):
        return f"{self.get_indicator_display()}: {self.weight}"


class PersonIndicator(models.Model):
    """An indicator a worker has recorded (dementia, frailty, a carer's own condition). Others (falls,
    hospital stays, bereavement, living alone, a carer's age) are read from alerts and the record."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="risk_indicators")
    indicator = models.CharField(max_length=30, choices=Indicator.choices)
    note = models.CharField(max_length=300, blank=True)
    noted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    noted_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "indicator"], condition=models.Q(ended_at=None),
                                               name="one_current_indicator")]

    def __str__(self):
        return self.get_indicator_display()
