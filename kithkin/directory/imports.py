"""Reading Open Referral UK / HSDS 3.0 "full" services into the directory.

Each file is checked whole before anything is written: every record is staged (values cleaned by the
model fields themselves), references are checked against the file and the database, and only then is
the file upserted by id, table by table, in one transaction. A record that is wrong is reported with
where and why; by default one wrong record means nothing from that file is written.

Upsert rules: a key that is present sets the value (null clears it); a key that is left out keeps what
we had. A nested list that is present replaces the list (children no longer listed are removed); a
nested list that is left out is kept. Taxonomy terms met inside attributes are added if new but never
overwrite the taxonomy, which `import-taxonomy` owns.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from kithkin.directory import hsds
from kithkin.directory.index import reindex
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
    TaxonomyTerm,
)

# Parents before children, so every foreign key points at a row that is already there.
WRITE_ORDER = [TaxonomyTerm, Organization, Location, Service, ServiceAtLocation, Contact, Phone, Address,
               Accessibility, Schedule, ServiceArea, Language, CostOption, Attribute]
REQUIRED_KEYS = {Service: ("name", "status")}
MAX_ID = 250


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


@dataclass
class Rejected:
    position: int       # 1-based place in the file
    record_id: str
    reason: str


@dataclass
class OrukImport:
    read: int = 0
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    written: bool = False


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def _clean(model_field: models.Field, value, path: str):
    if value is None:
        if model_field.null:
            return None
        raise RecordError(f"{path}: is needed, but is null")
    textual = isinstance(model_field, models.CharField | models.TextField)
    if textual and not isinstance(value, str):
        raise RecordError(f"{path}: should be text, not {_json_type(value)}")
    if not textual and isinstance(value, dict | list | bool):
        raise RecordError(f"{path}: should be a single value, not {_json_type(value)}")
    if isinstance(model_field, models.DecimalField) and isinstance(value, float):
        value = repr(value)  # 6.8, not 6.79999999999999982236431605997495353221893310546875
    try:
        return model_field.clean(value, None)
    except ValidationError as exc:
        raise RecordError(f"{path}: {exc.messages[0]} (got {value!r})") from None


def _record_id(data: dict, path: str, default_id: str | None) -> str:
    record_id = data.get("id", default_id)
    if record_id is None or record_id == "":
        raise RecordError(f"{path}.id: every record needs an id")
    if not isinstance(record_id, str):
        raise RecordError(f"{path}.id: should be text, not {_json_type(record_id)}")
    if len(record_id) > MAX_ID:
        raise RecordError(f"{path}.id: longer than {MAX_ID} characters")
    return record_id


def stage(model, data, path: str, plan: RecordPlan, *, default_id: str | None = None,
          link: dict | None = None, position: int = 0) -> Staged:
    """Check one HSDS object (and everything nested in it) and add it to the plan."""
    if not isinstance(data, dict):
        raise RecordError(f"{path}: should be an object, not {_json_type(data)}")
    row = Staged(model, _record_id(data, path, default_id))
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
            if value is not None:
                ref = stage(refs[key], value, f"{path}.{key}", plan)
                ref.create_only = refs[key] is TaxonomyTerm
                row.values[f"{key}_id"] = ref.id
        elif key in fields and fields[key].is_relation:
            _stage_reference(row, fields[key], value, f"{path}.{key}")
        elif key in fields:
            row.values[fields[key].attname] = _clean(fields[key], value, f"{path}.{key}")
        else:
            row.extra[key] = value
    row.values.update(link or {})
    if any(f.name == "position" for f in model._meta.concrete_fields):
        row.values["position"] = position
    _require_fields(row, path)
    if model is Attribute and "taxonomy_term_id" not in row.values:
        raise RecordError(f"{path}: an attribute needs a taxonomy_term or taxonomy_term_id")
    plan.rows.append(row)
    return row


def _stage_reference(row: Staged, model_field, value, path: str) -> None:
    if value is None:
        row.values[model_field.attname] = None
        return
    if not isinstance(value, str):
        raise RecordError(f"{path}: should be an id (text), not {_json_type(value)}")
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
        raise RecordError(f"{path}: should be a list, not {_json_type(value)}")
    if nested.parent_field is None:
        link = {"link_entity": hsds.TABLE[parent.model], "link_id": parent.id}
    else:
        link = {f"{nested.parent_field}_id": parent.id}
    child_ids = []
    for index, item in enumerate(value):
        # Children without ids (common for addresses) get one that is the same on every import.
        default_id = f"{parent.id}-{nested.key}-{index + 1}"
        child = stage(nested.model, item, f"{path}[{index}]", plan, default_id=default_id, link=link,
                      position=index)
        child_ids.append(child.id)
    if len(set(child_ids)) != len(child_ids):
        raise RecordError(f"{path}: the same id appears twice in the list")
    plan.replacements.append(Replacement(parent.model, nested, parent.id, child_ids))


def _check_references(plans: list[tuple[int, str, RecordPlan]], result: OrukImport) -> list:
    """Drop (and report) records that point at organizations, locations or terms nobody has given us."""
    in_file: dict[type, set] = {}
    for _, _, plan in plans:
        for row in plan.rows:
            in_file.setdefault(row.model, set()).add(row.id)
    wanted: dict[type, set] = {}
    for _, _, plan in plans:
        for row in plan.rows:
            for model, ref_id, _path in row.refs:
                if ref_id not in in_file.get(model, set()):
                    wanted.setdefault(model, set()).add(ref_id)
    in_database = {model: set(model.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
                   for model, ids in wanted.items()}
    good = []
    for position, record_id, plan in plans:
        missing = [(model, ref_id, path) for row in plan.rows for model, ref_id, path in row.refs
                   if ref_id not in in_file.get(model, set()) and ref_id not in in_database.get(model, set())]
        if missing:
            model, ref_id, path = missing[0]
            result.rejected.append(Rejected(position, record_id, f"{path}: there is no {hsds.TABLE[model]} "
                                                                 f"{ref_id!r} in this file or the directory"))
        else:
            good.append(plan)
    return good


def _merge(plans: list[RecordPlan]) -> tuple[dict[type, dict[str, Staged]], list[Replacement]]:
    """One row per id across the file: a record given twice is the later one laid over the earlier."""
    rows: dict[type, dict[str, Staged]] = {model: {} for model in WRITE_ORDER}
    replacements = []
    for plan in plans:
        for row in plan.rows:
            seen = rows[row.model].get(row.id)
            if seen is None:
                rows[row.model][row.id] = row
            elif not row.create_only:
                seen.values.update(row.values)
                seen.extra.update(row.extra)
                seen.create_only = seen.create_only and row.create_only
        replacements.extend(plan.replacements)
    return rows, replacements


def upsert(model, staged: dict[str, Staged], result: OrukImport) -> None:
    if not staged:
        return
    existing = model.objects.in_bulk(list(staged))
    objs = []
    for record_id, row in staged.items():
        obj = existing.get(record_id)
        if obj is not None and row.create_only:
            continue
        if obj is None:
            obj = model(pk=record_id)
        for attname, value in row.values.items():
            setattr(obj, attname, value)
        obj.extra = {**(obj.extra or {}), **row.extra}
        objs.append(obj)
        counts = result.updated if record_id in existing else result.created
        counts[hsds.TABLE[model]] = counts.get(hsds.TABLE[model], 0) + 1
    if model is Service:
        now = timezone.now()
        for obj in objs:
            if "last_modified" not in staged[obj.pk].values:
                obj.last_modified = now  # we were told of a change now
    update_fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    model.objects.bulk_create(objs, update_conflicts=True, unique_fields=["id"], update_fields=update_fields,
                              batch_size=500)


def _remove_unlisted(replacements: list[Replacement]) -> None:
    """Children a parent's new list no longer names are gone (a phone number withdrawn, say)."""
    groups: dict[tuple, dict[str, set]] = {}
    for rep in replacements:
        groups.setdefault((rep.parent_model, rep.nested), {})[rep.parent_id] = set(rep.child_ids)
    for (parent_model, nested), kept in groups.items():
        parents = list(kept)
        for start in range(0, len(parents), 500):
            chunk = parents[start:start + 500]
            if nested.parent_field is None:
                rows = nested.model.objects.filter(link_entity=hsds.TABLE[parent_model], link_id__in=chunk)
                parent_attname = "link_id"
            else:
                parent_attname = f"{nested.parent_field}_id"
                rows = nested.model.objects.filter(**{f"{parent_attname}__in": chunk})
            stale = [pk for pk, parent in rows.values_list("pk", parent_attname) if pk not in kept[parent]]
            for s in range(0, len(stale), 500):
                nested.model.objects.filter(pk__in=stale[s:s + 500]).delete()


def import_services(records: list, *, partial: bool = False, progress=lambda message: None) -> OrukImport:
    """Stage, check and (if all is well, or `partial`) write a file's worth of HSDS services."""
    result = OrukImport(read=len(records))
    plans = []
    for position, data in enumerate(records, start=1):
        if position % 1000 == 0:
            progress(f"checked {position:,} of {len(records):,} services")
        plan = RecordPlan()
        record_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else "?"
        try:
            stage(Service, data, f"services[{position - 1}]", plan)
        except RecordError as exc:
            result.rejected.append(Rejected(position, record_id, str(exc)))
            continue
        plans.append((position, record_id, plan))
    good = _check_references(plans, result)
    result.rejected.sort(key=lambda r: r.position)
    if result.rejected and not partial:
        return result
    rows, replacements = _merge(good)
    with transaction.atomic():
        for model in WRITE_ORDER:
            if rows[model]:
                progress(f"writing {len(rows[model]):,} {hsds.TABLE[model].replace('_', ' ')} records")
            upsert(model, rows[model], result)
        _remove_unlisted(replacements)
        progress("updating the search index")
        reindex(list(rows[Service]))
    result.written = True
    return result
