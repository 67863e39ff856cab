"""The care team around a person: who works with them, and their one named coordinator."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CareTeamMember(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="care_team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_teams")
    role = models.CharField(max_length=120, blank=True, help_text="What they do for the person")
    is_named_coordinator = models.BooleanField(default=False)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-is_named_coordinator", "started_on"]
        indexes = [models.Index(fields=["user", "person"])]

    def __str__(self):
        return f"{self.user} for {self.person}"
