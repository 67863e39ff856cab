"""Checking one HSDS record, and everything nested in it, before anything is written.

Values are cleaned by the model fields themselves, with a few checks of our own: no NUL characters, no
infinite or not-a-number numbers, coordinates on the Earth, numbers given as numbers. A child listed under
a parent (a service's phones) is linked to that parent only; other `*_id` keys it carries are kept as
given, not followed, so a phone listed under a contact is never treated as one of the service's phones.
"""

import math
from dataclasses import dataclass, field
from datetime import time

from django.core.exceptions import ValidationError
from django.db import models

from kithkin.directory import hsds
from kithkin.directory.models import Attribute, Service, TaxonomyTerm

REQUIRED_KEYS = {Service: ("name", "status")}
MAX_ID = 250
RANGES = {"latitude": (-90, 90), "longitude": (-180, 180), "minimum_age": (0, 150), "maximum_age": (0, 150)}
# HSDS keys we keep in `extra` rather than model: they must at least have HSDS's shape to be passed on.
HSDS_LISTS = {"funding", "required_documents", "metadata", "organization_identifiers", "programs", "locations",
              "accreditations_list"}
HSDS_OBJECTS = {"program", "taxonomy_detail"}


class RecordError(Exception):
    """One record cannot be imported; the message says where in it and why."""


@dataclass
class Staged:
    model: type[models.Model]
    id: str
    values: dict = field(default_factory=dict)      # attname -> cleaned value, only for keys the record gave
    extra: dict = field(default_factory=dict)
    create_only: bool = False                       # taxonomy terms seen inside attributes
    refs: list = field(default_factory=list)        # (model, id, path) that must exist in the file or database
    parent: tuple | None = None                     # (table, id, path) of the list it was given in


@dataclass
class Replacement:
    parent_model: type[models.Model]
    nested: hsds.Nested
    parent_id: str
    child_ids: list[str]


@dataclass
class RecordPlan:
    rows: list[Staged] = field(default_factory=list)
    replacements: list[Replacement] = field(default_factory=list)


def json_type(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


def _clean(model_field: models.Field, value, path: str):
    if value is None:
        if model_field.null:
            return None
        raise RecordError(f"{path}: is needed, but is null")
    textual = isinstance(model_field, models.CharField | models.TextField)
    numeric = isinstance(model_field, models.FloatField | models.IntegerField | models.DecimalField)
    if textual and not isinstance(value, str):
        raise RecordError(f"{path}: should be text, not {json_type(value)}")
    if numeric and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise RecordError(f"{path}: should be a number, not {json_type(value)}")
    if not textual and not numeric and not isinstance(value, str):
        raise RecordError(f"{path}: should be text, not {json_type(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise RecordError(f"{path}: should be a number, not {value}")
    if isinstance(value, str) and "\x00" in value:
        raise RecordError(f"{path}: contains a NUL character")
    if isinstance(model_field, models.DecimalField) and isinstance(value, float):
        value = repr(value)  # 6.8, not 6.79999999999999982236431605997495353221893310546875
    try:
        cleaned = model_field.clean(value, None)
    except ValidationError as exc:
        raise RecordError(f"{path}: {exc.messages[0]} (got {value!r})") from None
    low, high = RANGES.get(model_field.name, (None, None))
    if low is not None and not low <= cleaned <= high:
        raise RecordError(f"{path}: should be between {low} and {high}, not {value}")
    return cleaned


def _record_id(data: dict, path: str, default_id: str | None) -> str:
    record_id = data.get("id", default_id)
    if record_id is None or record_id == "":
        raise RecordError(f"{path}.id: every record needs an id")
    if not isinstance(record_id, str):
        raise RecordError(f"{path}.id: should be text, not {json_type(record_id)}")
    if len(record_id) > MAX_ID:
        raise RecordError(f"{path}.id: longer than {MAX_ID} characters")
    if "\x00" in record_id:
        raise RecordError(f"{path}.id: contains a NUL character")
    return record_id


def _keep_extra(row: Staged, key: str, value, path: str) -> None:
    if key in HSDS_LISTS and value is not None and not (
            isinstance(value, list) and all(isinstance(item, dict) for item in value)):
        raise RecordError(f"{path}.{key}: should be a list of objects, as HSDS has it")
    if key in HSDS_OBJECTS and value is not None and not isinstance(value, dict):
        raise RecordError(f"{path}.{key}: should be an object, as HSDS has it")
    if _contains_nul(value):
        raise RecordError(f"{path}.{key}: contains a NUL character")
    row.extra[key] = value


def stage(model, data, path: str, plan: RecordPlan, *, default_id: str | None = None,
          link: dict | None = None, position: int = 0, parent: tuple | None = None) -> Staged:
    """Check one HSDS object (and everything nested in it) and add it to the plan."""
    if not isinstance(data, dict):
        raise RecordError(f"{path}: should be an object, not {json_type(data)}")
    row = Staged(model, _record_id(data, path, default_id), parent=parent)
    for key in REQUIRED_KEYS.get(model, ()):
        if key not in data:
            raise RecordError(f"{path}.{key}: is needed")
    fields = hsds.scalar_fields(model)
    nested = {n.key: n for n in hsds.CHILDREN.get(model, [])}
    refs = hsds.REFS.get(model, {})
    for key, value in data.items():
        if key == "id":
            continue
        if key in nested:
            _stage_children(row, nested[key], value, f"{path}.{key}", plan)
        elif key in refs:
            _stage_ref(row, key, refs[key], value, f"{path}.{key}", plan)
        elif key in fields and fields[key].is_relation:
            if link and key in link:
                continue  # the list it sits in says whose it is
            if parent is not None:
                _keep_extra(row, key, value, path)  # another parent's id on a listed child: kept, not followed
            else:
                _stage_reference(row, fields[key], value, f"{path}.{key}")
        elif key in fields:
            cleaned = _clean(fields[key], value, f"{path}.{key}")
            row.values[fields[key].attname] = cleaned
            if isinstance(cleaned, time) and hsds.hsds_value(cleaned) != value:
                row.extra[key] = value  # "09:00-05:00": the column has the time, the offset is kept as given
        else:
            _keep_extra(row, key, value, path)
    row.values.update(link or {})
    if any(f.name == "position" for f in model._meta.concrete_fields):
        row.values["position"] = position
    _require_fields(row, path)
    if model is Attribute and "taxonomy_term_id" not in row.values:
        raise RecordError(f"{path}: an attribute needs a taxonomy_term or taxonomy_term_id")
    plan.rows.append(row)
    return row


def _stage_ref(row: Staged, key: str, model, value, path: str, plan: RecordPlan) -> None:
    if value is None:
        row.values[f"{key}_id"] = None  # null clears it, as for any other key
        return
    ref = stage(model, value, path, plan)
    ref.create_only = model is TaxonomyTerm
    row.values[f"{key}_id"] = ref.id


def _stage_reference(row: Staged, model_field, value, path: str) -> None:
    if value is None:
        row.values[model_field.attname] = None
        return
    if not isinstance(value, str):
        raise RecordError(f"{path}: should be an id (text), not {json_type(value)}")
    if "\x00" in value:
        raise RecordError(f"{path}: contains a NUL character")
    row.values[model_field.attname] = value
    row.refs.append((model_field.related_model, value, path))


def _require_fields(row: Staged, path: str) -> None:
    """Fields with no default that a new row could not be saved without (a phone's number, a term's name)."""
    for f in row.model._meta.concrete_fields:
        if f.primary_key or f.null or f.has_default() or f.is_relation or f.name in ("extra",):
            continue
        if f.attname not in row.values:
            raise RecordError(f"{path}.{f.name}: is needed")


def _stage_children(parent: Staged, nested: hsds.Nested, value, path: str, plan: RecordPlan) -> None:
    if value is None:
        value = []
    if not isinstance(value, list):
        raise RecordError(f"{path}: should be a list, not {json_type(value)}")
    table = hsds.TABLE[parent.model]
    if nested.parent_field is None:
        link = {"link_entity": table, "link_id": parent.id}
    else:
        link = {f"{nested.parent_field}_id": parent.id}
    child_ids = []
    for index, item in enumerate(value):
        # Children without ids (common for addresses) get one that is the same on every import, and that
        # names the parent's table: service "1" and location "1" must not both make "1-phones-1".
        default_id = f"{table}-{parent.id}-{nested.key}-{index + 1}"
        child = stage(nested.model, item, f"{path}[{index}]", plan, default_id=default_id, link=link,
                      position=index, parent=(table, parent.id, path))
        child_ids.append(child.id)
    if len(set(child_ids)) != len(child_ids):
        raise RecordError(f"{path}: the same id appears twice in the list")
    plan.replacements.append(Replacement(parent.model, nested, parent.id, child_ids))
