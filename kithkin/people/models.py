"""A person, what matters to them, and their circle of support."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


def full_name(given_name: str, family_name: str) -> str:
    return f"{given_name} {family_name}".strip()


class LivingSituation(models.TextChoices):
    ALONE = "alone", "Lives alone"
    PARTNER = "partner", "Lives with a partner"
    FAMILY = "family", "Lives with family"
    OTHERS = "others", "Lives with other people"
    SHARED_LIVES = "shared_lives", "Shared Lives household"
    SUPPORTED_LIVING = "supported_living", "Supported living"
    CARE_HOME = "care_home", "Care home"
    NO_FIXED_ABODE = "no_fixed_abode", "No settled home"
    OTHER = "other", "Other"
    UNKNOWN = "", "Not known yet"


class Person(models.Model):
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True, help_text="What they like to be called")
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(max_length=10, null=True, blank=True, unique=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    languages = models.CharField(max_length=200, blank=True, help_text="Languages they speak, first one first")
    communication_needs = models.TextField(blank=True)
    what_matters = models.TextField("What matters to me", blank=True)
    strengths = models.TextField(blank=True)
    interests = models.TextField(blank=True)
    good_life = models.TextField("What a good life looks like to me", blank=True)
    living_situation = models.CharField(max_length=20, choices=LivingSituation.choices, blank=True)
    # Consent and information-sharing choices, in the person's own terms.
    consent_to_record = models.BooleanField(default=False)
    share_with_gp = models.BooleanField(default=False)
    share_with_family = models.BooleanField(default=False)
    share_with_providers = models.BooleanField(default=False)
    sharing_notes = models.TextField(blank=True, help_text="Anything else about who may know what")
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return full_name(self.given_name, self.family_name)

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.given_name

    def age_on(self, day: date) -> int | None:
        if not self.date_of_birth:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())


class Connection(models.TextChoices):
    FAMILY = "family", "Family"
    FRIEND = "friend", "Friend"
    NEIGHBOUR = "neighbour", "Neighbour"
    PROFESSIONAL = "professional", "Professional"
    PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant"
    COMMUNITY_GROUP = "community_group", "Community group"
    OTHER = "other", "Someone else"


class Closeness(models.IntegerChoices):
    CLOSE = 1, "Very close"
    IN_TOUCH = 2, "In touch often"
    AROUND = 3, "Around, now and then"


class CircleMember(models.Model):
    """Someone in a person's circle of support.

    Relationships come first: the member may have their own record (`linked_person`),
    for instance an unpaid carer who has their own conversation.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="circle")
    name = models.CharField(max_length=200)
    linked_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="in_circles_of"
    )
    connection = models.CharField(max_length=20, choices=Connection.choices)
    relationship = models.CharField(
        max_length=120, blank=True, help_text="In the person's words: daughter, old workmate, GP"
    )
    closeness = models.PositiveSmallIntegerField(choices=Closeness.choices, default=Closeness.IN_TOUCH)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    how_to_reach = models.CharField(max_length=300, blank=True, help_text="Best way and time to get in touch")
    happy_to_help_with = models.TextField(blank=True)
    is_unpaid_carer = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["closeness", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_connection_display()})"
