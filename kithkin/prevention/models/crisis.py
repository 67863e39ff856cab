"""Crisis resolution (tier 2): a time-limited episode, opened at once when an alert sets a plan off (or
a rapid-response task when there is no plan), with tasks that have owners and due times, check-ins,
and an outcome recorded with the CLD Release 2 event outcome values."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class EpisodeOutcome(models.TextChoices):
    # Each is returned in the CLD as the Release 2 Event_Outcome in CLD_EVENT_OUTCOME below.
    BACK_TO_COMMUNITY = "back_to_community", "Back to community support, with connections made"
    ENDED_AS_PLANNED = "ended_as_planned", "Support ended as planned"
    REABLEMENT = "reablement", "Went on to reablement"
    ONGOING = "ongoing", "Ongoing support (support planning or services)"
    ASSESSMENT = "assessment", "Went on to an assessment or review"
    HOSPITAL = "hospital", "Admitted to hospital"
    DECLINED = "declined", "Support declined"
    DIED = "died", "Died"
    OTHER = "other", "Something else"


# Our outcomes as the Client Level Data (Release 2) Event_Outcome values (DHSC's event_outcome_r2 grouping).
CLD_EVENT_OUTCOME = {
    EpisodeOutcome.BACK_TO_COMMUNITY: "NFA: Information and advice or signposting",
    EpisodeOutcome.ENDED_AS_PLANNED: "NFA: Support ended as planned",
    EpisodeOutcome.REABLEMENT: "Progress to reablement/ST-Max",
    EpisodeOutcome.ONGOING: "Progress to support planning or services",
    EpisodeOutcome.ASSESSMENT: "Progress to assessment, review or reassessment",
    EpisodeOutcome.HOSPITAL: "Admitted to hospital",
    EpisodeOutcome.DECLINED: "NFA: Support declined",
    EpisodeOutcome.DIED: "NFA: Deceased",
    EpisodeOutcome.OTHER: "NFA: Other",
}


class CrisisOption(models.TextChoices):
    REABLEMENT = "reablement", "Reablement"
    ASSISTIVE_TECHNOLOGY = "assistive_technology", "Assistive technology"
    SHORT_BREAK = "short_break", "A short break"
    SITTING = "sitting", "A sitting service"
    COMMUNITY = "community", "Community support (from the directory)"


class CrisisEpisode(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="crisis_episodes")
    plan = models.ForeignKey("prevention.ContingencyPlan", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="episodes")
    opened_by_alert = models.ForeignKey("prevention.Alert", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="crisis_episodes")
    named_worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    ends_on = models.DateField(help_text="Crisis support is time-limited: six weeks unless the council says")
    goals = models.TextField(blank=True, help_text="Short-term goals, in the person's words")
    options = models.JSONField(default=list, blank=True, help_text="What was tried: reablement, technology...")
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=EpisodeOutcome.choices, blank=True)
    outcome_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["person", "closed_at"]), models.Index(fields=["team", "closed_at"])]
        constraints = [models.UniqueConstraint(fields=["plan"], condition=models.Q(closed_at=None),
                                               name="one_open_episode_per_plan")]

    def __str__(self):
        return f"Crisis support for {self.person} from {self.opened_at:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def cld_event_outcome(self) -> str:
        return CLD_EVENT_OUTCOME.get(self.outcome, "")

    def option_labels(self) -> list[str]:
        labels = dict(CrisisOption.choices)
        return [labels.get(o, o) for o in self.options]


class Task(models.Model):
    """Something someone must do by a time: from a plan's action, or a rapid response for the team."""

    episode = models.ForeignKey(CrisisEpisode, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="tasks")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(max_length=500)
    who = models.CharField(max_length=200, blank=True, help_text="From the plan: who does it")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="tasks")
    due_at = models.DateTimeField()
    from_action = models.ForeignKey("prevention.PlanAction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    from_alert = models.ForeignKey("prevention.Alert", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="tasks")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    done_note = models.CharField(max_length=1000, blank=True, help_text="What was done")
    # Closed without being done, because the crisis support ended: the record must not say it happened.
    not_needed = models.BooleanField(default=False)

    class Meta:
        ordering = ["done_at", "due_at", "id"]
        indexes = [models.Index(fields=["team", "done_at", "due_at"])]

    def __str__(self):
        return self.title


class CheckIn(models.Model):
    episode = models.ForeignKey(CrisisEpisode, on_delete=models.CASCADE, related_name="check_ins")
    due_on = models.DateField()
    held_at = models.DateTimeField(null=True, blank=True)
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    how_coping = models.TextField(blank=True, help_text="How are you coping? In their words")

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"Check-in due {self.due_on}"


class Notification(models.Model):
    """A message for a member of staff in the app (and by email): "Edna Jones's plan has been set off"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.text
