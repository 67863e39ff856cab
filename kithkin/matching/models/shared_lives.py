"""Shared Lives: a person goes to live with (or spend days with) a carer's household. Matching is slow and
mutual: an introduction, a trial, an agreement, and a review six weeks after it is agreed."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from kithkin.matching.models.carers import Household


class Stage(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    INTRODUCTION = "introduction", "Introduction"
    TRIAL = "trial", "Trial stay"
    AGREED = "agreed", "Agreed"
    REVIEWED = "reviewed", "Reviewed"
    ENDED = "ended", "Ended"


# The stages a proposal may move to next; "ended" is always allowed (either side may say no).
NEXT_STAGES = {Stage.PROPOSED: [Stage.INTRODUCTION], Stage.INTRODUCTION: [Stage.TRIAL],
               Stage.TRIAL: [Stage.AGREED], Stage.AGREED: [Stage.REVIEWED], Stage.REVIEWED: [Stage.REVIEWED],
               Stage.ENDED: []}  # reviewed again each year while they live there


class SharedLivesMatch(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="shared_lives_matches")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="matches")
    stage = models.CharField(max_length=15, choices=Stage.choices, default=Stage.PROPOSED)
    stage_since = models.DateField(default=timezone.localdate)
    review_due_on = models.DateField(null=True, blank=True,
                                     help_text="Six weeks after it is agreed, then a year after each review")
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["person", "household"], condition=~models.Q(stage="ended"),
                                               name="one_live_proposal_per_person_and_household")]

    def __str__(self):
        return f"{self.person} with {self.household}"
