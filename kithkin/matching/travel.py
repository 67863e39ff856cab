"""How far and how long between two places. By default the straight line times a road factor, at the
speed of the way the carer travels; an imported travel-time matrix (real roads) is used where it has the
pair of postcodes."""

from math import asin, cos, radians, sin, sqrt

from django.conf import settings

EARTH_KM = 6371.0088


def straight_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * asin(min(1.0, sqrt(h)))


def road_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return straight_km(a, b) * settings.KITHKIN_ROAD_FACTOR


def minutes_for(km: float, mode: str = "car") -> float:
    return km / settings.KITHKIN_SPEED_KMH.get(mode, settings.KITHKIN_SPEED_KMH["car"]) * 60


def co2_kg(km_driven: float) -> float:
    return km_driven * settings.KITHKIN_CO2_G_PER_KM / 1000
