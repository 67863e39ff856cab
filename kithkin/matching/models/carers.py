"""The carers register: who can support people, what they can do, where they live and when they are free.
Carers are workers, not the people we support; their records are still personal data, seen by staff only."""

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


class CarerKind(models.TextChoices):
    PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant"
    MICRO_PROVIDER = "micro_provider", "Self-employed micro-provider"
    AGENCY = "agency", "Agency care worker"
    SHARED_LIVES = "shared_lives", "Shared Lives carer"


class Skill(models.TextChoices):
    """The kinds of help a visit needs and a carer can give."""

    PERSONAL_CARE = "personal_care", "Personal care (washing, dressing)"
    MEDICATION = "medication", "Help with medicines"
    MEALS = "meals", "Meals and drinks"
    COMPANIONSHIP = "companionship", "Company and getting out"
    SHOPPING = "shopping", "Shopping and errands"
    HOUSEHOLD = "household", "Cleaning and laundry"
    MOVING = "moving", "Moving and handling (hoist)"
    DEMENTIA = "dementia", "Dementia care"
    NIGHT = "night", "Night sitting"


class Gender(models.TextChoices):
    FEMALE = "female", "Woman"
    MALE = "male", "Man"
    OTHER = "other", "Another way"


class TravelMode(models.TextChoices):
    CAR = "car", "Car"
    BICYCLE = "bicycle", "Bicycle"
    WALK = "walk", "On foot"
    BUS = "bus", "Bus"


def months_after(day: date, months: int) -> date:
    """The same day of the month so many months later (the month's last day where it is shorter): a check made on
    18 July 2024 counts for three years up to 18 July 2027, not to a day counted in days of 365.25."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Carer(models.Model):
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=CarerKind.choices)
    organisation = models.CharField(max_length=200, blank=True, help_text="The agency or their own business name")
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    postcode = models.CharField(max_length=8, help_text="Where they start from: their home base")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    travel_mode = models.CharField(max_length=10, choices=TravelMode.choices, default=TravelMode.CAR)
    covers = models.CharField(max_length=200, blank=True,
                              help_text="Postcode districts they work in, for example FN1 FN3 (blank: anywhere)")
    skills = models.JSONField(default=list, blank=True, help_text="What they can do: Skill values")
    languages = models.CharField(max_length=200, default="English", help_text="Languages they speak")
    interests = models.CharField(max_length=300, blank=True, help_text="For example: gardening, football, baking")
    smokes = models.BooleanField(default=False)
    fine_with_pets = models.BooleanField(default=True)
    dbs_checked_on = models.DateField("DBS check", null=True, blank=True)
    training = models.TextField(blank=True, help_text="Courses and when, for example: Medication, March 2026")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="carer", help_text="Their log-in, to see their own week")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family_name", "given_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def dbs_current(self) -> bool:
        """An enhanced DBS check is renewed every few years (the council sets how many)."""
        return self.dbs_current_on(timezone.localdate())

    @property
    def dbs_renewal_due(self) -> date | None:
        """The last day the check holds: it must be renewed by then."""
        if self.dbs_checked_on is None:
            return None
        return months_after(self.dbs_checked_on, round(12 * settings.KITHKIN_DBS_YEARS))

    def dbs_current_on(self, day: date) -> bool:
        """Whether the check still holds on `day`: a roster plans weeks ahead, past a renewal due meanwhile."""
        due = self.dbs_renewal_due
        return due is not None and day <= due

    def speaks(self, language: str) -> bool:
        return language.strip().lower() in split_words(self.languages)

    def covers_postcode(self, postcode: str) -> bool:
        districts = set(self.covers.upper().split())
        return not districts or postcode.upper().split(" ")[0] in districts


def split_words(text: str) -> set[str]:
    """"Gardening, football; baking" -> {"gardening", "football", "baking"}."""
    return {w.strip().lower() for w in text.replace(";", ",").split(",") if w.strip()}


class Availability(models.Model):
    """A weekly stretch of time a carer is free to work (Monday 08:00 to 13:00)."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(choices=[(i, d) for i, d in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))])
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts"]
        constraints = [models.CheckConstraint(condition=models.Q(ends__gt=models.F("starts")),
                                              name="availability_ends_after_it_starts")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M} to {self.ends:%H:%M}"


class Absence(models.Model):
    """A day a carer cannot work (off sick, a family emergency): no plan or repair gives them visits that day,
    whatever their weekly availability says, until they are marked back."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="absences")
    day = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["carer", "day"], name="one_absence_a_carer_a_day")]

    def __str__(self):
        return f"{self.carer} off on {self.day:%A %-d %B %Y}"


class Household(models.Model):
    """A Shared Lives carer's home, which the person would share."""

    carer = models.OneToOneField(Carer, on_delete=models.CASCADE, related_name="household")
    rooms = models.PositiveSmallIntegerField(default=1, help_text="Rooms for people to live in, taken or free")
    pets = models.CharField(max_length=200, blank=True, help_text="For example: two cats")
    smoking = models.BooleanField("Someone smokes at home", default=False)
    faith = models.CharField(max_length=100, blank=True)
    step_free = models.BooleanField(default=False)
    enjoys = models.TextField(blank=True, help_text="What the household enjoys doing together")

    def __str__(self):
        return f"{self.carer.full_name}'s household"

    @property
    def free_rooms(self) -> int:
        """Rooms less the people living there now; `placed` comes from shared_lives.households()."""
        placed = getattr(self, "placed", None)
        if placed is None:
            placed = self.matches.filter(stage__in=["agreed", "reviewed"]).count()
        return self.rooms - placed
