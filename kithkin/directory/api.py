"""The Open Referral UK 3.0 API under /oruk/: open to anyone, read only, CORS open for GET.

Bodies are HSDS records built by `hsds.records`, the same as `export-oruk` writes; a test checks every
endpoint against the ORUK compiled JSON Schemas. Bad query values get a 400 problem body.
"""

import json
from datetime import datetime, time
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Schema

from kithkin.core.api import install_error_handlers
from kithkin.core.geo import locate
from kithkin.core.validators import normalise_postcode
from kithkin.directory import hsds
from kithkin.directory.models import (
    Organization,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from kithkin.directory.queries import ServiceFilters, day_code, filter_services, places_near
from kithkin.directory.search import rank_services

oruk = NinjaAPI(
    title="Open Referral UK",
    version="3.0",
    description="The community directory as Open Referral UK 3.0 (HSDS 3.0). Open to all, read only.",
    auth=None,
    urls_namespace="oruk",
)
install_error_handlers(oruk)

MAX_PER_PAGE = 1000
MAX_PROXIMITY_M = 200_000  # further than this is not "near"; a whole county fits well inside
Status = Literal["active", "inactive", "defunct", "temporarily closed", "all"]


class Paging(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description=f"Results a page, 1 to {MAX_PER_PAGE}.")


class ServiceQuery(Paging):
    search: str | None = Field(None, max_length=200, description="Words to look for, in plain language.")
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    minimum_age: float | None = Field(None, ge=0, le=130)
    maximum_age: float | None = Field(None, ge=0, le=130)
    day: str | None = Field(None, description="MO, TU... or the day's name.")
    start_time: time | None = None
    end_time: time | None = None
    modified_after: datetime | None = None
    status: Status | None = Field(None, description="Only active services unless you ask; 'all' for every one.")
    postcode: str | None = None
    proximity: float | None = Field(None, gt=0, le=MAX_PROXIMITY_M, description="Metres from the postcode.")


class ServiceListQuery(ServiceQuery):
    full: bool = Field(False, description="Fully nested services in the page, as /services/{id} gives them.")
    format: Literal["json", "ndjson"] = Field("json", description="ndjson: every match, one a line, no paging.")


def _filters(q: ServiceQuery) -> ServiceFilters:
    try:
        day = day_code(q.day) if q.day else None
    except ValueError as exc:
        raise _bad("day", str(exc)) from None
    statuses = [s.value for s in ServiceStatus] if q.status == "all" else [q.status or ServiceStatus.ACTIVE]
    return ServiceFilters(statuses=statuses, taxonomy_term_ids=[q.taxonomy_term_id] if q.taxonomy_term_id else [],
                          taxonomy_id=q.taxonomy_id, organization_id=q.organization_id, minimum_age=q.minimum_age,
                          maximum_age=q.maximum_age, day=day, start_time=q.start_time, end_time=q.end_time,
                          modified_after=q.modified_after)


def _bad(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _origin(q: ServiceQuery) -> tuple[float, float] | None:
    if not q.postcode:
        if q.proximity is not None:
            raise _bad("proximity", "Give a postcode to measure the distance from")
        return None
    try:
        normalise_postcode(q.postcode)
    except ValidationError:
        raise _bad("postcode", f"{q.postcode!r} is not a postcode: enter one like FN1 1AD") from None
    point = locate(q.postcode)
    if point is None:
        raise _bad("postcode", f"We do not know where {q.postcode} is: check it, or try a nearby postcode")
    return point


def page_body(items: list, total: int, page: int, per_page: int) -> dict:
    pages = max(1, -(-total // per_page))
    return {"total_items": total, "total_pages": pages, "page_number": page, "size": len(items),
            "first_page": page == 1, "last_page": page >= pages, "empty": total == 0, "contents": items}


def _page_of_objects(model, objs_or_qs, paging: Paging, shape) -> dict:
    total = objs_or_qs.count()
    start = (paging.page - 1) * paging.per_page
    objs = list(objs_or_qs[start:start + paging.per_page])
    return page_body(shape(model, objs), total, paging.page, paging.per_page)


def _list_records(model, objs) -> list[dict]:
    """ORUK's list views: a row's own values, with a service's organization flat inside it."""
    out = [hsds.flat_record(obj) for obj in objs]
    if model is Service:
        orgs = Organization.objects.in_bulk({o.organization_id for o in objs} - {None})
        for obj, record in zip(objs, out, strict=True):
            if obj.organization_id in orgs:
                record["organization"] = hsds.flat_record(orgs[obj.organization_id])
    return out


@oruk.get("/", summary="About this API", tags=["about"])
def about(request):
    return {"version": "3.0", "profile": "https://openreferraluk.org",
            "openapi_url": request.build_absolute_uri("/oruk/openapi.json")}


def _matching_services(q: ServiceQuery) -> list[str] | object:
    """Ids in order (relevance when searching, else name), filtered as asked."""
    services = filter_services(Service.objects.all(), _filters(q))
    origin = _origin(q)
    if origin is not None and q.proximity is not None:
        near = places_near(*origin, q.proximity)
        services = services.filter(service_at_locations__location_id__in=list(near)).distinct()
    if q.search:
        return [hit.service_id for hit in rank_services(q.search, services)]
    return list(services.order_by("name", "id").values_list("id", flat=True))


@oruk.get("/services", summary="Services (one-to-one fields), filtered and paged", tags=["services"])
def services(request, q: Query[ServiceListQuery]):
    ids = _matching_services(q)
    if q.format == "ndjson":
        return StreamingHttpResponse(_ndjson(ids), content_type="application/x-ndjson")
    start = (q.page - 1) * q.per_page
    chosen = ids[start:start + q.per_page]
    found = Service.objects.in_bulk(chosen)
    objs = [found[i] for i in chosen]
    shape = hsds.records if q.full else _list_records
    return page_body(shape(Service, objs), len(ids), q.page, q.per_page)


def _ndjson(ids: list[str]):
    """Every matching service, fully nested, a page of the database at a time: for harvesting."""
    for start in range(0, len(ids), 200):
        chunk = ids[start:start + 200]
        found = Service.objects.in_bulk(chunk)
        for record in hsds.records(Service, [found[i] for i in chunk if i in found]):
            yield json.dumps(record, ensure_ascii=False) + "\n"


@oruk.get("/services/{service_id}", summary="One service, fully nested", tags=["services"])
def service(request, service_id: str):
    obj = get_object_or_404(Service, pk=service_id)
    return hsds.records(Service, [obj])[0]


@oruk.get("/service_at_locations", summary="Services at places, nearest first from a postcode", tags=["services"])
def service_at_locations(request, q: Query[ServiceQuery]):
    ids = set(_matching_services(q))
    links = ServiceAtLocation.objects.filter(service_id__in=ids).select_related("service", "location")
    origin = _origin(q)
    links = list(links.order_by("service__name", "id"))
    if origin is not None:
        near = places_near(*origin, q.proximity)
        links = sorted((x for x in links if x.location_id in near), key=lambda x: near[x.location_id])
    start = (q.page - 1) * q.per_page
    chosen = links[start:start + q.per_page]
    contents = []
    for link in chosen:
        record = hsds.flat_record(link)
        record["location"] = hsds.flat_record(link.location)
        record["service"] = _list_records(Service, [link.service])[0]
        contents.append(record)
    return page_body(contents, len(links), q.page, q.per_page)


@oruk.get("/service_at_locations/{link_id}", summary="The service at one place, fully nested", tags=["services"])
def service_at_location(request, link_id: str):
    """As the ORUK and HSDS OpenAPI files have it: the fully nested service, listing only this place."""
    link = get_object_or_404(ServiceAtLocation, pk=link_id)
    record = hsds.records(Service, [link.service])[0]
    record["service_at_locations"] = [s for s in record["service_at_locations"] if s["id"] == link.pk]
    return record


class TermQuery(Paging):
    taxonomy_id: str | None = None
    parent_id: str | None = None
    root_only: bool = False


@oruk.get("/taxonomies", summary="Taxonomies", tags=["taxonomies"])
def taxonomies(request, q: Query[Paging]):
    return _page_of_objects(Taxonomy, Taxonomy.objects.order_by("id"), q, _list_records)


@oruk.get("/taxonomies/{taxonomy_id}", summary="One taxonomy", tags=["taxonomies"])
def taxonomy(request, taxonomy_id: str):
    return hsds.flat_record(get_object_or_404(Taxonomy, pk=taxonomy_id))


@oruk.get("/taxonomy_terms", summary="Taxonomy terms", tags=["taxonomies"])
def taxonomy_terms(request, q: Query[TermQuery]):
    terms = TaxonomyTerm.objects.order_by("taxonomy_id", "id")
    if q.taxonomy_id:
        terms = terms.filter(taxonomy_id=q.taxonomy_id)
    if q.parent_id:
        terms = terms.filter(parent_id=q.parent_id)
    if q.root_only:
        terms = terms.filter(parent_id__isnull=True)
    return _page_of_objects(TaxonomyTerm, terms, q, _list_records)


@oruk.get("/taxonomy_terms/{term_id}", summary="One taxonomy term", tags=["taxonomies"])
def taxonomy_term(request, term_id: str):
    return hsds.flat_record(get_object_or_404(TaxonomyTerm, pk=term_id))


@oruk.get("/organizations", summary="Organisations", tags=["organizations"])
def organizations(request, q: Query[Paging]):
    return _page_of_objects(Organization, Organization.objects.order_by("name", "id"), q, _list_records)


@oruk.get("/organizations/{organization_id}", summary="One organisation with its services", tags=["organizations"])
def organization(request, organization_id: str):
    org = get_object_or_404(Organization, pk=organization_id)
    record = hsds.records(Organization, [org])[0]
    record["services"] = _list_records(Service, list(org.services.order_by("name", "id")))
    return record
