"""Reading Open Referral UK / HSDS 3.0 "full" services into the directory.

Each file is checked whole before anything is written: every record is staged (values cleaned by the
model fields themselves), references are checked against the file and the database, and only then is
the file upserted by id, table by table, in one transaction. A record that is wrong is reported with
where and why; by default one wrong record means nothing from that file is written.

Upsert rules: a key that is present sets the value (null clears it); a key that is left out keeps what
we had. A nested list that is present replaces the list (children no longer listed are removed); a
nested list that is left out is kept. A child listed under two parents in one file is reported. Taxonomy
terms met inside attributes are added if new but never overwrite the taxonomy, which `import-taxonomy`
owns. Checking one record is in `staging.py`.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent
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
from kithkin.directory.staging import RecordError, RecordPlan, Replacement, Staged, stage

# Parents before children, so every foreign key points at a row that is already there.
WRITE_ORDER = [TaxonomyTerm, Organization, Location, Service, ServiceAtLocation, Contact, Phone, Address,
               Accessibility, Schedule, ServiceArea, Language, CostOption, Attribute]


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


def _check_shared_children(plans: list[tuple[int, str, RecordPlan]], result: OrukImport) -> list:
    """A child listed under two parents in one file (phone "p1" under two services) is a mistake to
    report, not a move to make quietly."""
    owner: dict[tuple, tuple] = {}
    good = []
    for position, record_id, plan in plans:
        clash = None
        for row in plan.rows:
            if row.parent is None:
                continue
            first = owner.setdefault((row.model, row.id), row.parent)
            if first[:2] != row.parent[:2]:
                clash = f"{row.parent[2]}: {row.id!r} is already listed under {first[0]} {first[1]!r} in this file"
                break
        if clash:
            result.rejected.append(Rejected(position, record_id, clash))
        else:
            good.append((position, record_id, plan))
    return good


def _check_references(plans: list[tuple[int, str, RecordPlan]], result: OrukImport) -> list:
    """Drop (and report) records that point at organizations, locations or terms nobody has given us;
    again until none is dropped, since a dropped record may have been the one giving another's."""
    while True:
        good = _check_references_once(plans, result)
        if len(good) == len(plans):
            return good
        plans = good


def _check_references_once(plans: list[tuple[int, str, RecordPlan]], result: OrukImport) -> list:
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
            good.append((position, record_id, plan))
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
        for chunk in hsds.chunks(list(kept)):
            rows, parent_attname = hsds.children_of(parent_model, nested, chunk)
            stale = [pk for pk, parent in rows.values_list("pk", parent_attname) if pk not in kept[parent]]
            for stale_chunk in hsds.chunks(stale):
                nested.model.objects.filter(pk__in=stale_chunk).delete()


def import_services(records: list, *, partial: bool = False, progress=lambda message: None,
                    auditor: Auditor | None = None, source: str = "") -> OrukImport:
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
    good = _check_references(_check_shared_children(plans, result), result)
    result.rejected.sort(key=lambda r: r.position)
    if result.rejected and not partial:
        return result
    rows, replacements = _merge([plan for _, _, plan in good])
    with transaction.atomic():
        for model in WRITE_ORDER:
            if rows[model]:
                progress(f"writing {len(rows[model]):,} {hsds.TABLE[model].replace('_', ' ')} records")
            upsert(model, rows[model], result)
        _remove_unlisted(replacements)
        progress("updating the search index")
        reindex(_touched_services(rows))
        if auditor is not None:
            auditor.record(AuditEvent.Kind.UPDATE, summary=f"Imported {result.read} directory records "
                           f"({len(result.rejected)} rejected){': ' + source if source else ''}")
    result.written = True
    return result


def _touched_services(rows: dict) -> list[str]:
    """The services in the file, and every other one whose organisation or places the file changed:
    their search entries include those names too."""
    ids = set(rows[Service])
    ids |= set(Service.objects.filter(organization_id__in=list(rows[Organization])).values_list("id", flat=True))
    ids |= set(ServiceAtLocation.objects.filter(location_id__in=list(rows[Location]))
               .values_list("service_id", flat=True))
    return sorted(ids)
