"""Which services match a set of filters: the one place the API, the public pages and the worker
search all ask, so "open on Tuesdays" or "for people over 65" means the same everywhere."""

import math
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import Exists, OuterRef, Q, QuerySet

from kithkin.directory.models import (
    Attribute,
    Location,
    Schedule,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)

DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
        "SA": "Saturday", "SU": "Sunday"}
EARTH_RADIUS_M = 6_371_000


def day_code(value: str) -> str:
    """'MO', 'mon' or 'Monday' -> 'MO'; ValueError for anything else."""
    text = (value or "").strip().upper()
    for code, name in DAYS.items():
        if text in (code, name.upper(), name.upper()[:3]):
            return code
    raise ValueError(f"{value!r} is not a day: use MO, TU, WE, TH, FR, SA or SU, or the day's name")


@dataclass
class ServiceFilters:
    statuses: list[str] = field(default_factory=lambda: [ServiceStatus.ACTIVE])
    taxonomy_term_ids: list[str] = field(default_factory=list)   # any of them, or a narrower term of one
    taxonomy_id: str | None = None
    organization_id: str | None = None
    minimum_age: float | None = None      # ORUK: services whose minimum age is at least this
    maximum_age: float | None = None      # ORUK: services whose maximum age is at most this
    suitable_for_age: int | None = None   # the public search: a person of this age may use it
    day: str | None = None                # day code
    start_time: time | None = None
    end_time: time | None = None
    part_of_day: str | None = None        # "morning", "afternoon" or "evening": open some of that time
    modified_after: datetime | None = None
    free_only: bool = False
    language: str | None = None           # ISO code or name
    accessible_only: bool = False         # has accessibility information at a place you can visit


def _term_and_narrower(term_ids: list[str]) -> set[str]:
    wanted = set(term_ids)
    frontier = set(term_ids)
    while frontier:  # taxonomies are shallow: a level a query
        frontier = set(TaxonomyTerm.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - wanted
        wanted |= frontier
    return wanted


def _tagged(term_filter: Q) -> Exists:
    return Exists(Attribute.objects.filter(term_filter, link_entity="service", link_id=OuterRef("id")))


PARTS_OF_DAY = {"morning": (time(0, 0), time(12, 0)), "afternoon": (time(12, 0), time(17, 0)),
                "evening": (time(17, 0), time(23, 59))}


def _scheduled(f: ServiceFilters) -> Q:
    q = Q()
    if f.part_of_day:
        starts, ends = PARTS_OF_DAY[f.part_of_day]
        q &= Q(opens_at__lt=ends, closes_at__gt=starts)
    if f.day:
        q &= Q(byday__contains=f.day)
    if f.start_time:
        q &= Q(opens_at__gte=f.start_time)
    if f.end_time:
        q &= Q(closes_at__lte=f.end_time)
    direct = Schedule.objects.filter(q, service_id=OuterRef("id"))
    at_place = Schedule.objects.filter(q, service_at_location__service_id=OuterRef("id"))
    return Q(Exists(direct)) | Q(Exists(at_place))


def filter_services(services: QuerySet, f: ServiceFilters) -> QuerySet:
    if f.statuses:
        services = services.filter(status__in=f.statuses)
    if f.taxonomy_term_ids:
        services = services.filter(_tagged(Q(taxonomy_term_id__in=_term_and_narrower(f.taxonomy_term_ids))))
    if f.taxonomy_id:
        services = services.filter(_tagged(Q(taxonomy_term__taxonomy_id=f.taxonomy_id)))
    if f.organization_id:
        services = services.filter(organization_id=f.organization_id)
    if f.minimum_age is not None:
        services = services.filter(minimum_age__gte=f.minimum_age)
    if f.maximum_age is not None:
        services = services.filter(maximum_age__lte=f.maximum_age)
    if f.suitable_for_age is not None:
        age = f.suitable_for_age
        services = services.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
                                   Q(maximum_age__isnull=True) | Q(maximum_age__gte=age))
    if f.day or f.start_time or f.end_time or f.part_of_day:
        services = services.filter(_scheduled(f))
    if f.modified_after:
        services = services.filter(last_modified__gte=f.modified_after)
    if f.free_only:
        services = services.filter(Q(cost_options__option__iexact="free") | Q(cost_options__isnull=True)
                                   | Q(cost_options__amount=0)).exclude(cost_options__amount__gt=0).distinct()
    if f.language:
        services = services.filter(Q(languages__code__iexact=f.language) | Q(languages__name__iexact=f.language)
                                   ).distinct()
    if f.accessible_only:
        services = services.filter(service_at_locations__location__accessibility__isnull=False).distinct()
    return services


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine): plenty for 'how far is it' within a county."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def places_near(lat: float, lon: float, within_m: float | None) -> dict[str, float]:
    """Location id -> metres away, for places (with a position) within the distance, or all of them."""
    locations = Location.objects.exclude(latitude=None).exclude(longitude=None)
    if within_m is not None:
        # A box first, so the database does the narrowing; then the exact distance.
        dlat = math.degrees(within_m / EARTH_RADIUS_M)
        dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
        locations = locations.filter(latitude__range=(lat - dlat, lat + dlat),
                                     longitude__range=(lon - dlon, lon + dlon))
    found = {}
    for pk, plat, plon in locations.values_list("id", "latitude", "longitude"):
        metres = distance_m(lat, lon, plat, plon)
        if within_m is None or metres <= within_m:
            found[pk] = metres
    return found


def nearest_place_of(service_ids, lat: float, lon: float) -> dict[str, float]:
    """Service id -> metres to its nearest place, for services that have a place with a position."""
    nearest: dict[str, float] = {}
    rows = ServiceAtLocation.objects.filter(service_id__in=service_ids, location__latitude__isnull=False)
    for service_id, plat, plon in rows.values_list("service_id", "location__latitude", "location__longitude"):
        metres = distance_m(lat, lon, plat, plon)
        if metres < nearest.get(service_id, math.inf):
            nearest[service_id] = metres
    return nearest

