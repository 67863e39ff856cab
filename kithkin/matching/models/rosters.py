"""A week's roster: every visit, who goes and when; repairs list what they changed. Times of day are kept
as minutes after midnight on the visit's date, which is what the rostering engine works in."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from kithkin.matching.models.carers import Carer, Skill
from kithkin.matching.models.needs import VisitPattern


class Roster(models.Model):
    week_starting = models.DateField(help_text="A Monday")
    seed = models.PositiveIntegerField(default=1)
    time_limit_s = models.PositiveIntegerField(default=60)
    figures = models.JSONField(default=dict, blank=True, help_text="Travel, continuity, team sizes, CO2")
    is_current = models.BooleanField(default=True, help_text="The roster in use for its week")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-week_starting", "-created_at"]

    def __str__(self):
        return f"Roster for the week of {self.week_starting:%-d %B %Y}"

    @property
    def teams(self) -> dict[int, set[int]]:
        """Each person's regular team as saved with the roster (the figures keep them as JSON: text keys, lists)."""
        return {int(person_id): set(carers) for person_id, carers in self.figures.get("teams", {}).items()}


class RosterVisit(models.Model):
    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="visits")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="roster_visits")
    pattern = models.ForeignKey(VisitPattern, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField()
    skill = models.CharField(max_length=20, choices=Skill.choices)
    earliest = models.PositiveSmallIntegerField(help_text="Minutes after midnight")
    latest = models.PositiveSmallIntegerField(help_text="Minutes after midnight: the latest start")
    minutes = models.PositiveSmallIntegerField()
    # A two-carer visit is two rows; the second points at the first and says how they go together.
    partner = models.OneToOneField("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    carer = models.ForeignKey(Carer, null=True, blank=True, on_delete=models.PROTECT, related_name="visits")
    start = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Planned start, minutes after midnight")
    travel_km = models.FloatField(default=0, help_text="From the carer's previous stop (or home)")
    return_km = models.FloatField(default=0, help_text="Home again, after the carer's last visit of a stretch")
    unserved_reason = models.CharField(max_length=300, blank=True)
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "start", "earliest", "id"]
        indexes = [models.Index(fields=["roster", "carer", "date"]), models.Index(fields=["roster", "person"])]

    def __str__(self):
        return f"{self.get_skill_display()} for {self.person} on {self.date}"

    @property
    def late_by(self) -> int:
        """Minutes after the end of its window the visit is planned to start (0 if within it, or not planned)."""
        return 0 if self.start is None or self.carer_id is None else max(0, self.start - self.latest)


class RosterChange(models.Model):
    """One line of what a repair changed: "Tuesday 08:15, Edna Jones: Sam Patel instead of Ann Lee"."""

    class Why(models.TextChoices):
        CARER_OFF = "carer_off", "A carer is off"
        NEW_PERSON = "new_person", "Someone new"
        CANCELLED = "cancelled", "A visit was cancelled"
        WISHES = "wishes", "Someone's wishes changed"
        REINSTATED = "reinstated", "A cancelled visit was put back"
        ENDED = "ended", "A regular visit ended"
        HOURS = "hours", "A carer's hours changed"
        REPLANNED = "replanned", "The week was planned again"
        LEFT = "left", "A carer left"

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="changes")
    visit = models.ForeignKey(RosterVisit, on_delete=models.CASCADE, related_name="changes")
    why = models.CharField(max_length=15, choices=Why.choices)
    carer_before = models.ForeignKey(Carer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    carer_after = models.ForeignKey(Carer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    start_before = models.PositiveSmallIntegerField(null=True, blank=True)
    start_after = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, help_text="Why, where the planner said (a visit cancelled)")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["made_at", "id"]

    def __str__(self):
        before = self.carer_before.full_name if self.carer_before else "nobody"
        after = self.carer_after.full_name if self.carer_after else "nobody"
        return f"{self.visit}: {after} instead of {before}"


class TravelTime(models.Model):
    """Real roads: minutes and kilometres from one postcode to another, imported from a routing service.
    Where a pair is missing, rosters use the straight line times the road factor."""

    from_postcode = models.CharField(max_length=8)
    to_postcode = models.CharField(max_length=8)
    minutes = models.FloatField()
    km = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["from_postcode", "to_postcode"], name="one_travel_time")]

    def __str__(self):
        return f"{self.from_postcode} to {self.to_postcode}: {self.minutes:.0f} min"
