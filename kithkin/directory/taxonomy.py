"""Importing a taxonomy (the categories services are tagged with) and its terms."""

from django.db import transaction

from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent
from kithkin.directory.files import DirectoryFileError
from kithkin.directory.imports import OrukImport, Rejected, upsert
from kithkin.directory.index import reindex
from kithkin.directory.models import Taxonomy, TaxonomyTerm
from kithkin.directory.staging import RecordError, RecordPlan, stage


def _taxonomies_in(document) -> list[tuple[dict | None, list]]:
    """(taxonomy, its terms) pairs from the shapes publishers use."""
    if isinstance(document, dict) and isinstance(document.get("terms"), list) and "taxonomy" in document:
        # Kithkin's own small form: {"taxonomy": "id", "description": ..., "terms": [...]}
        taxonomy = {"id": document["taxonomy"], "name": document.get("name", document["taxonomy"]),
                    **{k: v for k, v in document.items() if k not in ("taxonomy", "terms", "name")}}
        return [(taxonomy, document["terms"])]
    if isinstance(document, dict) and "taxonomy_terms" in document:
        taxonomy = {k: v for k, v in document.items() if k != "taxonomy_terms"}
        return [(taxonomy, document["taxonomy_terms"] or [])]
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return _taxonomies_in(document["contents"])
    if isinstance(document, list):
        if all(isinstance(item, dict) and "taxonomy_terms" in item for item in document):
            return [pair for item in document for pair in _taxonomies_in(item)]
        return [(None, document)]  # bare terms, each naming its own taxonomy_id
    raise DirectoryFileError('expected {"taxonomy": ..., "terms": [...]}, an HSDS taxonomy with '
                             '"taxonomy_terms", or a list of taxonomy terms')


def import_taxonomy(document, *, partial: bool = False, auditor: Auditor | None = None,
                    source: str = "") -> OrukImport:
    result = OrukImport()
    taxonomies: dict[str, dict] = {}
    terms: dict[str, object] = {}
    position = 0
    for taxonomy, items in _taxonomies_in(document):
        if taxonomy is not None:
            plan = RecordPlan()
            try:
                row = stage(Taxonomy, taxonomy, "taxonomy", plan)
            except RecordError as exc:
                raise DirectoryFileError(str(exc)) from None
            taxonomies[row.id] = row
        if not isinstance(items, list):
            raise DirectoryFileError("the terms should be a list")
        for index, item in enumerate(items):
            position += 1
            result.read += 1
            plan = RecordPlan()
            link = {"taxonomy_id": taxonomy["id"], "taxonomy": taxonomy.get("name")} if taxonomy else {}
            try:
                if isinstance(item, dict) and taxonomy and item.get("taxonomy_id", taxonomy["id"]) != taxonomy["id"]:
                    raise RecordError(f"terms[{index}].taxonomy_id: is not the taxonomy it is listed under")
                row = stage(TaxonomyTerm, item, f"terms[{index}]", plan, link=link)
            except RecordError as exc:
                item_id = item.get("id") if isinstance(item, dict) else None
                result.rejected.append(Rejected(position, str(item_id or "?"), str(exc)))
                continue
            terms[row.id] = (position, row)
    _check_parents(terms, result)
    if result.rejected and not partial:
        return result
    with transaction.atomic():
        upsert(Taxonomy, taxonomies, result)
        upsert(TaxonomyTerm, {term_id: row for term_id, (_, row) in terms.items()}, result)
        reindex()  # category names are searched as part of every service tagged with them
        if auditor is not None:
            auditor.record(AuditEvent.Kind.UPDATE, summary=f"Imported {result.read} taxonomy terms "
                           f"({len(result.rejected)} rejected){': ' + source if source else ''}")
    result.written = True
    return result


def _check_parents(terms: dict, result: OrukImport) -> None:
    parent_ids = {row.values.get("parent_id") for _, row in terms.values()} - {None} - set(terms)
    known = set(TaxonomyTerm.objects.filter(pk__in=parent_ids).values_list("pk", flat=True))
    for term_id, (position, row) in list(terms.items()):
        parent = row.values.get("parent_id")
        if parent is not None and parent not in terms and parent not in known:
            result.rejected.append(Rejected(position, term_id, f"parent_id: there is no term {parent!r}"))
            del terms[term_id]
    result.rejected.sort(key=lambda r: r.position)

