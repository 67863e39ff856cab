"""Finding services for a person: the filters, the words and the place, put together for the pages
(public and staff). Area-wide and online services are always eligible; places can be limited by distance."""

from dataclasses import dataclass, field

from kithkin.directory.models import Place, Service, ServiceArea, ServiceAtLocation, ServiceStatus
from kithkin.directory.queries import ServiceFilters, distance_m, filter_services, nearest_place_of, places_near
from kithkin.directory.search import Hit, Understood, rank_services, understand
from kithkin.directory.versions import while_the_directory_is_unchanged

PER_PAGE = 20


@dataclass
class Finding:
    hits: list[Hit] = field(default_factory=list)
    understood: Understood | None = None
    origin: tuple[float, float] | None = None
    note: str = ""  # said to the person above the results, when we did something they might not expect


def _not_reaching(origin: tuple[float, float]) -> list[str]:
    """Services with no place to visit whose areas name other places than the person's own ("Marshby and
    villages" for someone in Holme St Agnes). Area-wide ones, naming none of the places, reach everyone."""
    places, reach = while_the_directory_is_unchanged("reach", _area_reach)
    if not places:
        return []
    home = min(places, key=lambda p: distance_m(origin[0], origin[1], p.latitude, p.longitude))
    return [service_id for service_id, named in reach.items() if home.pk not in named]


def _area_reach() -> tuple[list[Place], dict[str, set[int]]]:
    """The places, and for each service with no place to visit that names some of them, the ones it names."""
    places = list(Place.objects.all())
    areas: dict[str, list[str]] = {}
    located = ServiceAtLocation.objects.filter(location__latitude__isnull=False).values("service_id")
    for service_id, area in ServiceArea.objects.exclude(service_id__in=located).values_list("service_id", "name"):
        areas.setdefault(service_id, []).append(area or "")
    reach = {}
    for service_id, names in areas.items():
        text = " ".join(names).lower()
        named = {p.pk for p in places if p.name.lower() in text}
        if named:
            reach[service_id] = named
    return places, reach


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
    if origin is not None:
        services = services.exclude(pk__in=_not_reaching(origin))
    words = (data.get("q") or "").strip()
    understood = understand(words) if words else None
    note = ""
    if understood and not (understood.words or understood.term_ids):
        # "I need help": nothing to search on, so show everything (nearest first) and say so.
        words, note = "", "Add a few words about what would help, like “lunch club” or “help with the garden”."
    if words:
        hits = rank_services(words, services, origin=origin, nearest_first=nearest_first, understood=understood)
        return Finding(hits, understood, origin)
    ids = list(services.order_by("name", "id").values_list("id", flat=True))
    hits = [Hit(service_id, 0.0) for service_id in ids]
    if origin is not None:
        nearest = nearest_place_of(ids, *origin)
        for hit in hits:
            hit.distance_m = nearest.get(hit.service_id)
        # With no words there is no "best match": what is nearest is the most useful order.
        hits.sort(key=lambda h: (h.distance_m is None, h.distance_m or 0))
    return Finding(hits, None, origin, note)
