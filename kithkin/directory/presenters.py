"""Services shaped for the pages: the plain-words answers to where, when, how much, how to get in,
and how to get in touch."""

import re
from dataclasses import dataclass, field
from datetime import date, time

from django.db.models import Prefetch

from kithkin.directory.models import LocationType, Schedule, Service, ServiceAtLocation
from kithkin.directory.queries import DAYS
from kithkin.directory.search import Hit, Understood, explain

STALE_AFTER_DAYS = 365


METRES_IN_A_MILE = 1609.344


def distance_text(metres: float | None) -> str:
    """Miles first, as people in England give directions, with kilometres for those who think in them."""
    if metres is None:
        return ""
    if metres < 150:
        return "Very close"
    miles, km = metres / METRES_IN_A_MILE, metres / 1000
    if miles >= 10:
        return f"{miles:.0f} miles ({km:.0f} km) away"
    return f"{miles:.1f} {'mile' if f'{miles:.1f}' == '1.0' else 'miles'} ({km:.1f} km) away"


def _clock(value: time | None) -> str:
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


TIMES_IN_WORDS = re.compile(r"\d|\b(noon|midday|midnight|am|pm|hours?|morning|afternoon|evening)\b", re.I)


def when_text(schedule: Schedule) -> str:
    """'Tuesdays and Fridays, 10am to 2pm' from the publisher's words and times (theirs, if they gave times)."""
    days = schedule.description
    if days and TIMES_IN_WORDS.search(days):
        return days
    if not days and schedule.byday:
        days = ", ".join(DAYS.get(code.strip()[-2:], code) + "s" for code in schedule.byday.split(","))
    hours = ""
    if schedule.opens_at and schedule.closes_at:
        hours = f"{_clock(schedule.opens_at)} to {_clock(schedule.closes_at)}"
    return ", ".join(part for part in (days, hours) if part)


def cost_text(service: Service) -> str:
    """The publisher's own words about cost when they gave them; otherwise their priced options."""
    if service.fees_description:
        return service.fees_description
    parts = []
    for option in service.cost_options.all():
        if option.amount is not None and option.amount > 0:
            amount = f"£{option.amount:.2f}".replace(".00", "")
            parts.append(f"{amount} {option.option or ''}".strip())
        elif option.option:
            parts.append(option.option)
    return "; ".join(parts)


def _safe_link(url: str | None) -> str:
    return url if url and re.match(r"https?://[^\s]+$", url, re.I) else ""


@dataclass
class Place:
    id: str
    name: str
    address: str
    latitude: float | None
    longitude: float | None
    accessibility: list[str] = field(default_factory=list)


@dataclass
class ServiceCard:
    id: str
    name: str
    organisation: str
    description: str
    status: str
    status_label: str
    when: list[str]
    cost: str
    free: bool
    places: list[Place]
    areas: list[str]
    online_only: bool
    phones: list[tuple[str, str]]
    email: str
    website: str
    website_link: str  # the website only if it is an http(s) address: never a javascript: link from a feed
    languages: list[str]
    distance: str = ""
    distance_m: float | None = None
    reasons: list[str] = field(default_factory=list)
    eligibility: str = ""
    how_to_start: str = ""
    assured_on: date | None = None
    stale: bool = False

    @property
    def accessibility(self) -> list[str]:
        return [note for place in self.places for note in place.accessibility]


def _places(service: Service) -> list[Place]:
    places = []
    for link in service.service_at_locations.all():
        location = link.location
        if location.location_type == LocationType.VIRTUAL:
            continue
        address = next(iter(location.addresses.all()), None)
        text = ", ".join(filter(None, [address.address_1, address.city, address.postal_code])) if address else ""
        places.append(Place(location.id, location.name or "", text, location.latitude, location.longitude,
                            [a.description for a in location.accessibility.all() if a.description]))
    return places


def card(service: Service, hit: Hit | None = None, today: date | None = None) -> ServiceCard:
    today = today or date.today()
    places = _places(service)
    costs = list(service.cost_options.all())
    return ServiceCard(
        id=service.id, name=service.name, organisation=service.organization.name if service.organization else "",
        description=service.description or "", status=service.status, status_label=service.get_status_display(),
        when=[text for text in (when_text(s) for s in service.schedules.all()) if text],
        cost=cost_text(service),
        free=bool(costs) and all(o.amount in (None, 0) and (o.option or "").lower().startswith("free") for o in costs),
        places=places, areas=[a.name for a in service.service_areas.all() if a.name], online_only=not places,
        phones=[(p.number, p.description or "") for p in service.phones.all()],
        email=service.email or "", website=service.url or "", website_link=_safe_link(service.url),
        languages=[lang.name for lang in service.languages.all() if lang.name],
        distance=distance_text(hit.distance_m) if hit else "", distance_m=hit.distance_m if hit else None,
        reasons=hit.reasons if hit else [], eligibility=service.eligibility_description or "",
        how_to_start=service.application_process or "", assured_on=service.assured_date,
        stale=service.assured_date is None or (today - service.assured_date).days > STALE_AFTER_DAYS,
    )


def with_details(services):
    return services.select_related("organization").prefetch_related(
        "schedules", "cost_options", "service_areas", "phones", "languages",
        Prefetch("service_at_locations", ServiceAtLocation.objects.select_related("location").prefetch_related(
            "location__addresses", "location__accessibility")))


def cards(hits: list[Hit], understood: Understood | None = None) -> list[ServiceCard]:
    """Cards for the hits shown; with the person's words understood, each says which of them it uses."""
    found = with_details(Service.objects.filter(pk__in=[h.service_id for h in hits])).in_bulk()
    items = [card(found[h.service_id], h) for h in hits if h.service_id in found]
    if understood is not None:
        explain(hits, {c.id: " ".join([c.name, c.organisation, c.description, c.eligibility, c.how_to_start,
                                       c.cost, *c.areas, *c.languages, *c.when, *c.accessibility,
                                       *(p.name + " " + p.address for p in c.places)]) for c in items}, understood)
    return items


def map_points(items: list[ServiceCard], url_for) -> list[dict]:
    """What the map script draws: one marker a place, with the service's name and link."""
    return [{"lat": p.latitude, "lng": p.longitude, "name": c.name, "place": p.name, "url": url_for(c.id),
             "distance": c.distance} for c in items for p in c.places if p.latitude is not None]
