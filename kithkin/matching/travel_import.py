"""Importing real-road travel times: a CSV of from_postcode, to_postcode, minutes and (optionally) km, as a
routing service (OSRM, GraphHopper, a council's GIS) exports them. The whole file is checked first; one bad
row means nothing is written, and every bad row is listed."""

import csv
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kithkin.core.validators import normalise_postcode
from kithkin.matching.models import TravelTime

NEEDED = {"from_postcode", "to_postcode", "minutes"}
SLOWEST = 60 * 24  # a day's travel between two places in one district is a mistake


class TravelFileError(ValueError):
    """The file cannot be read as travel times at all."""


@dataclass
class TravelImport:
    read: int = 0
    written: int = 0
    rejected: list[str] = field(default_factory=list)


def import_travel_times(lines, partial: bool = False) -> TravelImport:
    reader = csv.DictReader(lines)
    header = [(name or "").strip().lstrip("\ufeff") for name in reader.fieldnames or []]
    reader.fieldnames = header  # a spreadsheet's byte-order mark or spaces are not part of the names
    missing = NEEDED - set(header)
    if missing:
        other_separator = any(";" in name or "\t" in name for name in header)
        hint = " (the columns must be separated by commas)" if other_separator else ""
        raise TravelFileError("the file needs the columns " + ", ".join(sorted(NEEDED)) + "; it has no "
                              + ", ".join(sorted(missing)) + hint)
    result, rows, first_seen = TravelImport(), {}, {}
    for line, row in enumerate(reader, start=2):
        result.read += 1
        try:
            found = _row(row)
        except (ValueError, ValidationError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            result.rejected.append(f"line {line}: {message}")
            continue
        pair = found.from_postcode, found.to_postcode
        if pair in rows and (rows[pair].minutes, rows[pair].km) != (found.minutes, found.km):
            result.rejected.append(f"line {line}: {pair[0]} to {pair[1]} is on line {first_seen[pair]} with "
                                   "another time: keep one")
            continue
        rows[pair] = found
        first_seen.setdefault(pair, line)
    if result.rejected and not partial:
        return result
    with transaction.atomic():
        for item in rows.values():
            TravelTime.objects.update_or_create(from_postcode=item.from_postcode, to_postcode=item.to_postcode,
                                                defaults={"minutes": item.minutes, "km": item.km})
    result.written = len(rows)
    return result


def _row(row: dict) -> TravelTime:
    start, end = normalise_postcode(row["from_postcode"] or ""), normalise_postcode(row["to_postcode"] or "")
    minutes = _number(row, "minutes")
    km = _number(row, "km") if (row.get("km") or "").strip() else None
    if not math.isfinite(minutes) or not 0 <= minutes <= SLOWEST:
        raise ValueError(f"minutes must be between 0 and {SLOWEST}, not {_shown(row['minutes'])}")
    if km is not None and (not math.isfinite(km) or not 0 <= km <= 1000):
        raise ValueError(f"km must be between 0 and 1000, not {_shown(row['km'])}")
    if minutes == 0 and start != end:
        raise ValueError(f"minutes from {start} to {end} cannot be 0: they are different places")
    # Without kilometres, the time at the council's average speed stands in for the distance.
    if km is None:
        km = minutes / 60 * settings.KITHKIN_SPEED_KMH["car"]
    return TravelTime(from_postcode=start, to_postcode=end, minutes=minutes, km=km)


def _number(row: dict, column: str) -> float:
    text = (row.get(column) or "").strip()
    if not text:
        raise ValueError(f"{column} is missing")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{column} must be a number, not {_shown(text)}") from None


def _shown(text: str) -> str:
    """A value as the file has it, cut short: a line of the report, not a copy of the file."""
    text = str(text)
    return repr(text if len(text) <= 20 else text[:20] + "...")
