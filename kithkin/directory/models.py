"""The community directory as the Human Services Data Specification (HSDS 3.0) describes it.

One model per HSDS table, with HSDS's names, so Open Referral UK data maps across field by field.
Ids are the publisher's own strings (HSDS asks for UUIDs; real feeds use whatever they have).
The columns we search, filter or map on are typed; anything HSDS allows that we do not model
(funding, programs, metadata, identifiers...) is kept verbatim in `extra`, so an export gives back
everything an import was given. Which nested lists belong to which table is in `hsds.py`.
"""

from django.db import models


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Closed for good"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "A place you can visit"
    POSTAL = "postal", "A postal address"
    VIRTUAL = "virtual", "Online or by phone"


class Freq(models.TextChoices):
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"


class Weekday(models.TextChoices):
    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


def _text():
    return models.TextField(null=True, blank=True)


class HsdsRecord(models.Model):
    id = models.CharField(primary_key=True, max_length=250)
    extra = models.JSONField(default=dict, blank=True, help_text="HSDS fields Kithkin does not model, kept as given")

    class Meta:
        abstract = True

    def __str__(self):
        return getattr(self, "name", None) or self.id


class HsdsChild(HsdsRecord):
    position = models.PositiveIntegerField(default=0, help_text="Order in the publisher's list")

    class Meta:
        abstract = True
        ordering = ["position"]


class Taxonomy(HsdsRecord):
    name = models.TextField()
    description = _text()
    uri = _text()
    version = _text()

    class Meta:
        verbose_name_plural = "taxonomies"


class TaxonomyTerm(HsdsRecord):
    code = _text()
    name = models.TextField()
    description = _text()
    parent_id = models.CharField(max_length=250, null=True, blank=True, db_index=True)
    taxonomy = _text()
    # Plain ids, not foreign keys: a feed may tag services with terms of taxonomies we do not hold.
    taxonomy_id = models.CharField(max_length=250, null=True, blank=True, db_index=True)
    language = _text()
    term_uri = _text()


class Organization(HsdsRecord):
    name = models.TextField()
    alternate_name = _text()
    description = _text()
    email = _text()
    website = _text()
    tax_status = _text()
    tax_id = _text()
    year_incorporated = models.IntegerField(null=True, blank=True)
    legal_status = _text()
    logo = _text()
    uri = _text()
    parent_organization_id = models.CharField(max_length=250, null=True, blank=True)


class Service(HsdsRecord):
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="services")
    name = models.TextField()
    alternate_name = _text()
    description = _text()
    url = _text()
    email = _text()
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    interpretation_services = _text()
    application_process = _text()
    fees_description = _text()
    wait_time = _text()
    fees = _text()
    accreditations = _text()
    eligibility_description = _text()
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True, help_text="When someone last checked it is right")
    assurer_email = _text()
    licenses = _text()
    alert = _text()
    last_modified = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["status", "id"])]


class Location(HsdsRecord):
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    url = _text()
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="locations")
    name = _text()
    alternate_name = _text()
    description = _text()
    transportation = _text()
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = _text()
    external_identifier_type = _text()


class ServiceAtLocation(HsdsChild):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")
    description = _text()


class Address(HsdsChild):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = _text()
    address_1 = models.TextField(blank=True, default="")
    address_2 = _text()
    city = models.TextField(blank=True, default="")
    region = _text()
    state_province = models.TextField(blank=True, default="")
    postal_code = models.TextField(blank=True, default="")
    country = models.TextField(blank=True, default="GB")
    address_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)


class Accessibility(HsdsChild):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = _text()
    details = _text()
    url = _text()

    class Meta(HsdsChild.Meta):
        verbose_name_plural = "accessibility"


class Contact(HsdsChild):
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="contacts")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    service_at_location = models.ForeignKey(ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE,
                                            related_name="contacts")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    name = _text()
    title = _text()
    department = _text()
    email = _text()


class Phone(HsdsChild):
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="phones")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    service_at_location = models.ForeignKey(ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE,
                                            related_name="phones")
    number = models.TextField()
    extension = models.IntegerField(null=True, blank=True)
    type = _text()
    description = _text()


class Schedule(HsdsChild):
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE,
                                            related_name="schedules")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = _text()
    timezone = models.FloatField(null=True, blank=True)
    until = _text()
    count = models.IntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, choices=Weekday.choices, null=True, blank=True)
    freq = models.CharField(max_length=7, choices=Freq.choices, null=True, blank=True)
    interval = models.IntegerField(null=True, blank=True)
    byday = _text()
    byweekno = _text()
    bymonthday = _text()
    byyearday = _text()
    description = _text()
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = _text()
    attending_type = _text()
    notes = _text()


class ServiceArea(HsdsChild):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = _text()
    description = _text()
    extent = _text()
    extent_type = _text()
    uri = _text()


class Language(HsdsChild):
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    phone = models.ForeignKey(Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    name = _text()
    code = models.CharField(max_length=35, null=True, blank=True, help_text="ISO 639 code, such as pl")
    note = _text()


class CostOption(HsdsChild):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = _text()
    currency = models.CharField(max_length=3, null=True, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    amount_description = _text()


class Attribute(HsdsChild):
    """A taxonomy term attached to any HSDS record (the link), such as a service's categories."""

    link_entity = models.CharField(max_length=40)
    link_id = models.CharField(max_length=250)
    link_type = _text()
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes")
    value = _text()
    label = _text()

    class Meta(HsdsChild.Meta):
        indexes = [models.Index(fields=["link_entity", "link_id"]),
                   models.Index(fields=["taxonomy_term", "link_entity", "link_id"])]


class Place(models.Model):
    """A town or village the council plans for: the rows of the asset map ("no memory cafe near here")."""

    name = models.CharField(max_length=120, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProposedChange(models.Model):
    """An organisation's suggested update to a service, applied only when a directory editor approves it."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not accepted"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="proposed_changes")
    proposed_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(help_text="Field name to the new value")
    note = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was not accepted")

    class Meta:
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["state", "proposed_at"])]

    def __str__(self):
        return f"Change to {self.service_id} ({self.get_state_display()})"


class ServiceEmbedding(models.Model):
    """A service's sentence embedding (float32 bytes), kept only when the `semantic` extra is installed."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, primary_key=True, related_name="+")
    vector = models.BinaryField()

    def __str__(self):
        return f"Embedding of {self.service_id}"
