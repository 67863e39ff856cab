"""How HSDS 3.0 records nest, and turning our rows back into HSDS JSON.

`CHILDREN` says which nested lists each table owns (a service's phones, a location's addresses);
`REFS` says which nested objects are shared records in their own right (a service's organization, a
service-at-location's location). The importer and the exporter both walk these, so the two cannot
drift apart.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db import models

from kithkin.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


@dataclass(frozen=True)
class Nested:
    key: str                    # the HSDS key, such as "phones"
    model: type[models.Model]
    parent_field: str | None    # the child's foreign key to its parent; None for attributes (linked by id)


TABLE = {Service: "service", Organization: "organization", Location: "location",
         ServiceAtLocation: "service_at_location", Address: "address", Accessibility: "accessibility",
         Contact: "contact", Phone: "phone", Schedule: "schedule", ServiceArea: "service_area",
         Language: "language", CostOption: "cost_option", Attribute: "attribute", Taxonomy: "taxonomy",
         TaxonomyTerm: "taxonomy_term"}


def _attributes() -> Nested:
    return Nested("attributes", Attribute, None)


CHILDREN: dict[type[models.Model], list[Nested]] = {
    Service: [Nested("phones", Phone, "service"), Nested("schedules", Schedule, "service"),
              Nested("service_areas", ServiceArea, "service"), Nested("languages", Language, "service"),
              Nested("cost_options", CostOption, "service"), Nested("contacts", Contact, "service"),
              Nested("service_at_locations", ServiceAtLocation, "service"), _attributes()],
    ServiceAtLocation: [Nested("contacts", Contact, "service_at_location"),
                        Nested("phones", Phone, "service_at_location"),
                        Nested("schedules", Schedule, "service_at_location")],
    Location: [Nested("addresses", Address, "location"), Nested("accessibility", Accessibility, "location"),
               Nested("phones", Phone, "location"), Nested("schedules", Schedule, "location"),
               Nested("languages", Language, "location"), Nested("contacts", Contact, "location"), _attributes()],
    Organization: [Nested("phones", Phone, "organization"), Nested("contacts", Contact, "organization"),
                   _attributes()],
    Contact: [Nested("phones", Phone, "contact")],
    Phone: [Nested("languages", Language, "phone")],
}

REFS: dict[type[models.Model], dict[str, type[models.Model]]] = {
    Service: {"organization": Organization},
    ServiceAtLocation: {"location": Location},
    Attribute: {"taxonomy_term": TaxonomyTerm},
}

# Strings ORUK requires on output, given as empty text when a publisher left them out.
REQUIRED_TEXT = {Organization: ("description",), TaxonomyTerm: ("description",), Taxonomy: ("description",),
                 Address: ("address_1", "city", "state_province", "postal_code", "country")}


def scalar_fields(model: type[models.Model]) -> dict[str, models.Field]:
    """HSDS key -> field, for the plain values of a table (foreign keys by their HSDS `*_id` names)."""
    fields = {}
    for field in model._meta.concrete_fields:
        if field.name in ("extra", "position"):
            continue
        key = (field.db_column or field.attname) if field.is_relation else field.name
        fields[key] = field
    return fields


def hsds_value(value):
    """A column's value as JSON: dates ISO, times HH:MM, whole numbers without a '.0'."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, Decimal | float):
        if not math.isfinite(value):
            return None  # imports refuse these; a row written some other way must not break the API
        return int(value) if value == int(value) else float(value)
    return value


def _own_values(obj: models.Model) -> dict:
    record = {}
    for key, field in scalar_fields(type(obj)).items():
        value = getattr(obj, field.attname)
        if value is not None:
            value = hsds_value(value)
            if value is not None:
                record[key] = value
    for key in REQUIRED_TEXT.get(type(obj), ()):
        record.setdefault(key, "")
    record.update(obj.extra or {})
    return record


def chunks(ids: list, size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def children_of(parent_model, nested: Nested, parent_ids: list) -> tuple[models.QuerySet, str]:
    """The rows of one nested list for these parents, and the attribute that names each row's parent
    (a foreign key, or an attribute's link_id)."""
    if nested.parent_field is None:
        return nested.model.objects.filter(link_entity=TABLE[parent_model], link_id__in=parent_ids), "link_id"
    parent_of = f"{nested.parent_field}_id"
    return nested.model.objects.filter(**{f"{parent_of}__in": parent_ids}), parent_of


def _children(parent_model, nested: Nested, ids: list) -> dict[str, list[dict]]:
    by_parent: dict[str, list[dict]] = {pk: [] for pk in ids}
    for chunk in chunks(ids):
        rows, parent_of = children_of(parent_model, nested, chunk)
        rows = list(rows.order_by("position", "id"))
        for obj, record in zip(rows, records(nested.model, rows), strict=True):
            by_parent[getattr(obj, parent_of)].append(record)
    return by_parent


def records(model: type[models.Model], objs: list[models.Model]) -> list[dict]:
    """Full nested HSDS records for these rows: a few queries a level, however many rows."""
    out = [_own_values(obj) for obj in objs]
    ids = [obj.pk for obj in objs]
    for nested in CHILDREN.get(model, []):
        by_parent = _children(model, nested, ids)
        for obj, record in zip(objs, out, strict=True):
            record[nested.key] = by_parent[obj.pk]
    for key, ref_model in REFS.get(model, {}).items():
        ref_ids = list({getattr(obj, f"{key}_id") for obj in objs} - {None})
        found = ref_model.objects.in_bulk(ref_ids)
        ref_objs = list(found.values())
        nested_refs = dict(zip([o.pk for o in ref_objs], records(ref_model, ref_objs), strict=True))
        for obj, record in zip(objs, out, strict=True):
            ref_id = getattr(obj, f"{key}_id")
            if ref_id is not None:
                record[key] = nested_refs[ref_id]
    return out


def flat_record(obj: models.Model) -> dict:
    """One row's own values, without nested lists (ORUK's list views)."""
    return _own_values(obj)
