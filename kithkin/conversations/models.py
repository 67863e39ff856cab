"""The front door: a contact, the strengths-based conversations it leads to, and their timings."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    DROP_IN = "drop_in", "Drop-in at a community conversation session"
    ONLINE = "online", "Online form"
    EMAIL = "email", "Email"
    REFERRAL = "referral", "Referral"


class RaisedBy(models.TextChoices):
    SELF = "self", "The person themselves"
    FAMILY = "family", "Family, friend or neighbour"
    GP = "gp", "GP"
    HOSPITAL = "hospital", "Hospital"
    PROVIDER = "provider", "Care or support provider"
    OTHER = "other", "Someone else"


class Outcome(models.TextChoices):
    INFORMATION = "information", "Resolved with information"
    ADVICE = "advice", "Resolved with advice"
    CONNECTION = "connection", "Resolved by connecting them to people or places"
    FOLLOW_UP = "follow_up", "Follow-up conversation booked"
    CRISIS = "crisis", "Short-term crisis support"
    ONGOING = "ongoing", "Ongoing support"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


# A contact is closed by any outcome except a booked follow-up.
CLOSING_OUTCOMES = {o for o in Outcome if o != Outcome.FOLLOW_UP}
RESOLVED_AT_FRONT_DOOR = {Outcome.INFORMATION, Outcome.ADVICE, Outcome.CONNECTION}


def contact_reference(pk: int) -> str:
    """What staff and residents quote: C000123."""
    return f"C{pk:06d}"


def contact_who(about_name: str, caller_name: str) -> str:
    """Who a contact is about, before it is linked to a person's record."""
    return about_name or caller_name or "Not known yet"


def open_on_worklist(team):
    """The team's open contacts: its worklist (served by the partial index contact_open_worklist)."""
    return Contact.objects.filter(team=team, resolved_at__isnull=True)


class Contact(models.Model):
    # No single-column indexes on team, person and handled_by: the composite indexes in Meta start with
    # them and serve the same lookups, and each index is one more to update for every contact written.
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="contacts", db_index=False)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts", db_index=False
    )
    received_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    raised_by = models.CharField(max_length=20, choices=RaisedBy.choices)
    # Who got in touch, as they told us (they may not be the person the contact is about).
    caller_name = models.CharField(max_length=200, blank=True)
    caller_phone = models.CharField(max_length=30, blank=True)
    caller_email = models.EmailField(blank=True)
    about_name = models.CharField(max_length=200, blank=True, help_text="Who it is about, if not the caller")
    postcode = models.CharField(max_length=8, blank=True)
    in_their_words = models.TextField()
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts",
        db_index=False,
    )
    first_spoken_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    # A carer's own conversation starts from their place in someone's circle; linking the contact to a
    # record also links that circle member to it, so the carer becomes a person in their own right.
    carer_in_circle = models.ForeignKey(
        "people.CircleMember", null=True, blank=True, on_delete=models.SET_NULL, related_name="carer_contacts"
    )

    class Meta:
        ordering = ["received_at"]
        indexes = [
            # The worklist: a team's open contacts, oldest first. Partial, so it stays small however
            # many closed contacts pile up, and the planner cannot mistake it for a date scan.
            models.Index(fields=["team", "received_at"], condition=models.Q(resolved_at__isnull=True),
                         name="contact_open_worklist"),
            # The 24-hour figure scans a team's contacts by date; on PostgreSQL this covers it without the table.
            models.Index(fields=["team", "received_at"], include=["resolved_at"], name="contact_team_received_cover"),
            models.Index(fields=["received_at"]),
            models.Index(fields=["handled_by", "received_at"]),
            models.Index(fields=["person", "received_at"]),
        ]

    def __str__(self):
        return f"Contact {self.reference}"

    @property
    def reference(self) -> str:
        return contact_reference(self.pk) if self.pk else "C(new)"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def who(self) -> str:
        return contact_who(self.about_name, self.caller_name)


class Conversation(models.Model):
    """A strengths-based conversation: what matters, what works, who is around, what was tried."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="conversations")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="conversations"
    )
    held_at = models.DateTimeField(default=timezone.now)
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what_matters = models.TextField()
    working_well = models.TextField(blank=True)
    not_working = models.TextField(blank=True)
    strengths_and_network = models.TextField(blank=True)
    ideas_tried = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    connected_to = models.TextField(blank=True, help_text="People, groups and services they were put in touch with")
    outcome_notes = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    no_further_action_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["held_at"]

    def __str__(self):
        return f"Conversation on {self.held_at:%d %b %Y}"


class ContactEvent(models.Model):
    """The contact's own history (taken, picked up, linked, conversation, closed), for its timeline."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Contact received"
        PICKED_UP = "picked_up", "Picked up"
        SPOKEN = "spoken", "First spoke to them"
        LINKED = "linked", "Linked to a person's record"
        CONNECTED = "connected", "Connected to a service"
        CONVERSATION = "conversation", "Conversation recorded"
        CLOSED = "closed", "Closed"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class Connection(models.Model):
    """A service from the directory the person was connected to ("signposted"), so it can be followed up:
    did they go, and did it help? The service's name is kept too, in case the service later goes."""

    class HowItWent(models.TextChoices):
        HELPED = "helped", "They went and it helped"
        NOT_RIGHT = "not_right", "They went but it was not right for them"
        DID_NOT_GO = "did_not_go", "They did not go"

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="connections")
    conversation = models.ForeignKey(Conversation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="connections")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="connections")
    service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="connections")
    service_name = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    follow_up_on = models.DateField(null=True, blank=True)
    how_it_went = models.CharField(max_length=20, choices=HowItWent.choices, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["made_at", "id"]
        indexes = [models.Index(fields=["follow_up_on"], condition=models.Q(followed_up_at=None),
                                name="connection_to_follow_up")]

    def __str__(self):
        return f"Connected to {self.service_name}"
