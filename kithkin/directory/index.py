"""Keeping the full-text index in step with the directory: one row per service."""

from django.db import connection, transaction

from kithkin.directory import semantic
from kithkin.directory.models import Attribute, Service, TaxonomyTerm
from kithkin.directory.versions import directory_changed

CHUNK = 500


def _texts(services: list[Service], names: dict, parents: dict) -> list[tuple[str, str, str, str]]:
    ids = [s.pk for s in services]
    terms: dict[str, list[str]] = {}
    for service_id, term_id in Attribute.objects.filter(link_entity="service", link_id__in=ids).values_list(
            "link_id", "taxonomy_term_id"):
        terms.setdefault(service_id, []).append(names.get(term_id, ""))
        if parents.get(term_id):
            terms[service_id].append(names.get(parents[term_id], ""))
    rows = []
    for s in services:
        places = [" ".join(filter(None, [link.location.name, *(a.city for a in link.location.addresses.all())]))
                  for link in s.service_at_locations.all()]
        body = " ".join(filter(None, [
            s.description, s.eligibility_description, s.application_process, s.fees_description,
            s.interpretation_services, *(a.name for a in s.service_areas.all()),
            *(lang.name for lang in s.languages.all()), *places,
        ]))  # not the access notes: "lift" and "parking" there are not what a service is about
        term_text = " ".join(filter(None, [*terms.get(s.pk, []), s.organization.name if s.organization else ""]))
        rows.append((s.pk, " ".join(filter(None, [s.name, s.alternate_name])), term_text, body))
    return rows


def reindex(service_ids: list[str] | None = None) -> int:
    """Rewrite the index rows of these services (all of them when None); returns how many."""
    services = Service.objects.select_related("organization").prefetch_related(
        "service_areas", "languages", "service_at_locations__location__addresses").order_by("id")
    if service_ids is not None:
        services = services.filter(pk__in=service_ids)
    ids = list(services.values_list("id", flat=True))
    meanings: list[tuple[str, str]] = []
    names = dict(TaxonomyTerm.objects.values_list("id", "name"))
    parents = dict(TaxonomyTerm.objects.values_list("id", "parent_id"))
    with connection.cursor() as cursor:
        if service_ids is None:
            cursor.execute("DELETE FROM directory_service_fts")
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            if service_ids is not None:
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM directory_service_fts WHERE service_id IN ({marks})", chunk)  # noqa: S608
            rows = _texts(list(services.filter(pk__in=chunk)), names, parents)
            cursor.executemany("INSERT INTO directory_service_fts (service_id, name, terms, body) "
                               "VALUES (%s, %s, %s, %s)", rows)
            meanings += [(service_id, f"{name}. {terms}. {body[:600]}") for service_id, name, terms, body in rows]
    directory_changed()
    if meanings and semantic.available():
        # Embedding is slow: done once the import has committed, not while it holds the database.
        transaction.on_commit(lambda: semantic.store(meanings))
    return len(ids)
