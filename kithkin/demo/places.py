"""Fenmere's places, postcodes, streets and the teams that serve them (from data/fenmere/)."""

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kithkin.core.validators import normalise_postcode

DATA = Path(__file__).resolve().parent / "data" / "fenmere"

# From data/fenmere/README.md: place, outward code, centre (lat, long), and a rough share of the people.
PLACES = (
    ("Wickfield", "FN1", 52.400, 0.260, 30),
    ("Holme St Agnes", "FN2", 52.335, 0.335, 24),
    ("Marshby", "FN3", 52.455, 0.300, 14),
    ("Little Ouseley", "FN4", 52.360, 0.150, 4),
    ("Fendyke", "FN4", 52.385, 0.110, 4),
    ("Burrowmere", "FN5", 52.280, 0.330, 4),
    ("Stretton Ferry", "FN5", 52.315, 0.390, 4),
    ("Coldham End", "FN6", 52.230, 0.260, 3),
    ("Ashby Lode", "FN6", 52.250, 0.300, 3),
    ("Willowfield", "FN7", 52.420, 0.180, 4),
    ("Thistley Green", "FN7", 52.440, 0.380, 3),
    ("Pedlars End", "FN8", 52.470, 0.220, 2),
    ("Hollow Drove", "FN9", 52.300, 0.200, 1),
)

# The teams: between them every outward code FN1-FN9 is covered exactly once.
TEAMS = (
    ("Wickfield and Marshby", "Wickfield, Marshby, Willowfield, Thistley Green, Pedlars End", "FN1 FN3 FN7 FN8"),
    ("Holme St Agnes and the south fens",
     "Holme St Agnes, Burrowmere, Stretton Ferry, Coldham End, Ashby Lode, Hollow Drove", "FN2 FN5 FN6 FN9"),
    ("Fendyke and Little Ouseley", "Fendyke, Little Ouseley", "FN4"),
)

TOWN_STREETS = {
    "Wickfield": "Mill Lane, Bridge Street, Church Walk, Station Road, Sluice Road, Cromwell Close, Market Place, "
                 "Jubilee Terrace, Ferrers Court, Lode Way, Rectory Gardens, Old Market, Fen View",
    "Holme St Agnes": "St Agnes Way, High Street, Priory Road, Eel Lane, Willow Drive, Abbey Close, Tithe Barn Road, "
                      "Orchard Way, Wash Lane, Kings Drove, Gotobed Close, New Road",
    "Marshby": "Marsh Road, Chapel Street, Sluice Bank, Cross Keys Lane, Baptist Yard, Seadyke Road, Albion Street, "
               "Pinfold Lane, Westgate",
}
VILLAGE_STREETS = "The Green, Main Street, Church Lane, Drove Road, School Lane, Fen Road, Back Lane, Chapel Row"
HOUSE_NAMES = ("Lode Cottage", "The Bungalow", "Fen View", "Rose Cottage", "Orchard House", "1 Council Houses",
               "The Old Forge", "Holly Cottage", "Mill House Farm", "Plot 4, Drove Road caravan site")


@dataclass(frozen=True)
class Postcode:
    code: str
    outward: str
    town: str


@cache
def postcodes() -> tuple[Postcode, ...]:
    """Every postcode in postcodes.csv, each put in its nearest place within its district."""
    found = []
    with (DATA / "postcodes.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            code = normalise_postcode(row["pcds"])  # a bad row in the shipped data fails loudly here
            outward = code.split(" ")[0]
            lat, lon = float(row["lat"]), float(row["long"])
            candidates = [p for p in PLACES if p[1] == outward] or list(PLACES)
            town = min(candidates, key=lambda p: (p[2] - lat) ** 2 + (p[3] - lon) ** 2)[0]
            found.append(Postcode(code, outward, town))
    return tuple(found)


@cache
def postcodes_by_town() -> dict[str, tuple[Postcode, ...]]:
    by_town: dict[str, list[Postcode]] = {}
    for postcode in postcodes():
        by_town.setdefault(postcode.town, []).append(postcode)
    return {town: tuple(codes) for town, codes in by_town.items()}


def town_weights() -> tuple[list[str], list[int]]:
    """Places that have postcodes, and their share of the people."""
    towns = postcodes_by_town()
    chosen = [(name, share) for name, _, _, _, share in PLACES if name in towns]
    return [name for name, _ in chosen], [share for _, share in chosen]


def streets(town: str) -> list[str]:
    return [s.strip() for s in TOWN_STREETS.get(town, VILLAGE_STREETS).split(",")]


def team_index_for(outward: str) -> int:
    for index, (_, _, codes) in enumerate(TEAMS):
        if outward in codes.split():
            return index
    raise ValueError(f"No demo team covers {outward}")


@cache
def services_by_term() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Active, adult-care services from directory.json by taxonomy term: (name, the places it serves)."""
    with (DATA / "directory.json").open(encoding="utf-8") as handle:
        services = json.load(handle)["services"]
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for service in services:
        if service.get("status") != "active":
            continue
        areas = tuple(area.get("name") or "" for area in service.get("service_areas") or [])
        for attribute in service.get("attributes") or []:
            term = (attribute.get("taxonomy_term") or {}).get("id") or ""
            if term and not term.startswith("other"):
                found.setdefault(term, []).append((service["name"], areas))
    return found


def services_near(term_prefix: str, town: str) -> list[str]:
    """Services with a term under `term_prefix` that serve the town (or the whole district)."""
    names = []
    for term, entries in services_by_term().items():
        if term == term_prefix or term.startswith(term_prefix + "."):
            for name, areas in entries:
                if any(town in area or "Fenmere" in area for area in areas) and name not in names:
                    names.append(name)
    return names
