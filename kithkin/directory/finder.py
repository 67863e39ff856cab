"""Finding services for a person: the filters, the words and the place, put together for the pages
(public and staff). Area-wide and online services are always eligible; places can be limited by distance."""

from dataclasses import dataclass, field

from kithkin.directory.models import Service, ServiceStatus
from kithkin.directory.queries import ServiceFilters, filter_services, nearest_place_of, places_near
from kithkin.directory.search import Hit, Understood, rank_services, understand

PER_PAGE = 20


@dataclass
class Finding:
    hits: list[Hit] = field(default_factory=list)
    understood: Understood | None = None
    origin: tuple[float, float] | None = None


def _filters(data: dict) -> ServiceFilters:
    return ServiceFilters(statuses=[ServiceStatus.ACTIVE],
                          taxonomy_term_ids=[data["category"]] if data.get("category") else [],
                          free_only=bool(data.get("free")), day=data.get("day") or None,
                          part_of_day=data.get("time") or None,
                          suitable_for_age=data.get("age"), accessible_only=bool(data.get("accessible")),
                          language=data.get("language") or None)


def find(data: dict, origin: tuple[float, float] | None) -> Finding:
    """Hits for a cleaned FindSupportForm's data, best (or nearest) first."""
    services = filter_services(Service.objects.all(), _filters(data))
    nearest_first = data.get("sort") == "distance"
    if data.get("within") and origin is not None:
        near = places_near(*origin, float(data["within"]) * 1000)
        with_places = Service.objects.filter(service_at_locations__location__latitude__isnull=False)
        # A place further away is out; a service with no place (area-wide, online) stays in.
        services = services.exclude(pk__in=with_places.exclude(service_at_locations__location_id__in=list(near)))
    words = (data.get("q") or "").strip()
    if words:
        return Finding(rank_services(words, services, origin=origin, nearest_first=nearest_first),
                       understand(words), origin)
    ids = list(services.order_by("name", "id").values_list("id", flat=True))
    hits = [Hit(service_id, 0.0) for service_id in ids]
    if origin is not None:
        nearest = nearest_place_of(ids, *origin)
        for hit in hits:
            hit.distance_m = nearest.get(hit.service_id)
        if nearest_first:
            hits.sort(key=lambda h: (h.distance_m is None, h.distance_m or 0))
    return Finding(hits, None, origin)
