"""The asset map: for each place, what of a kind of support is within reach, and where the gaps are.

A service with places to visit reaches a town if one of its places is within the radius. A service with
no place to visit (a phone line, home visits) reaches the towns its service areas name; if they name none
of the council's places ("Fenmere district"), it reaches them all.
"""

from dataclasses import dataclass, field

from kithkin.directory.models import Attribute, Place, Service, ServiceAtLocation, ServiceStatus, TaxonomyTerm
from kithkin.directory.queries import distance_m


@dataclass
class Reach:
    place: Place
    near: list[tuple[str, str, float]] = field(default_factory=list)  # (service id, name, metres), nearest first
    area_wide: list[tuple[str, str]] = field(default_factory=list)   # (service id, name)

    @property
    def gap(self) -> bool:
        return not self.near and not self.area_wide


def _services_in(term_id: str) -> list[str]:
    terms = {term_id} | set(TaxonomyTerm.objects.filter(parent_id=term_id).values_list("id", flat=True))
    tagged = Attribute.objects.filter(link_entity="service", taxonomy_term_id__in=terms).values_list("link_id")
    return list(Service.objects.filter(pk__in=tagged, status=ServiceStatus.ACTIVE).values_list("id", flat=True))


def _covers(area_names: list[str], places: list[Place]) -> set[int]:
    text = " ".join(area_names).lower()
    named = {p.pk for p in places if p.name.lower() in text}
    return named or {p.pk for p in places}


def coverage(term_id: str, radius_m: float, places: list[Place] | None = None) -> list[Reach]:
    places = places if places is not None else list(Place.objects.all())
    ids = _services_in(term_id)
    names = dict(Service.objects.filter(pk__in=ids).values_list("id", "name"))
    located: dict[str, list[tuple[float, float]]] = {}
    for service_id, lat, lon in ServiceAtLocation.objects.filter(
            service_id__in=ids, location__latitude__isnull=False).values_list(
            "service_id", "location__latitude", "location__longitude"):
        located.setdefault(service_id, []).append((lat, lon))
    areas: dict[str, list[str]] = {}
    for service_id, area in Service.objects.filter(pk__in=ids).values_list("id", "service_areas__name"):
        if area:
            areas.setdefault(service_id, []).append(area)
    rows = [Reach(place) for place in places]
    for service_id in ids:
        if service_id in located:
            for row in rows:
                metres = min(distance_m(row.place.latitude, row.place.longitude, lat, lon)
                             for lat, lon in located[service_id])
                if metres <= radius_m:
                    row.near.append((service_id, names[service_id], metres))
        else:
            reached = _covers(areas.get(service_id, []), places)
            for row in rows:
                if row.place.pk in reached:
                    row.area_wide.append((service_id, names[service_id]))
    for row in rows:
        row.near.sort(key=lambda item: item[2])
    return rows


def gaps_by_category(radius_m: float) -> list[tuple[TaxonomyTerm, list[str]]]:
    """Every narrower category with the places it does not reach: the commissioner's short list."""
    places = list(Place.objects.all())
    out = []
    for term in TaxonomyTerm.objects.exclude(parent_id=None).exclude(id__startswith="other").order_by("id"):
        missing = [row.place.name for row in coverage(term.id, radius_m, places) if row.gap]
        if missing:
            out.append((term, missing))
    return out
