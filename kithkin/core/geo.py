"""Postcodes to places: importing the ONS Postcode Directory, and looking a postcode up."""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from kithkin.core.models import Postcode
from kithkin.core.validators import normalise_postcode

REQUIRED_COLUMNS = ("pcds", "lat", "long")
BATCH = 5000


class PostcodeFileError(Exception):
    """The file cannot be imported at all (not a CSV with the ONSPD columns)."""


@dataclass
class PostcodeImport:
    imported: int = 0
    skipped: int = 0  # no location: ONSPD gives terminated and non-geographic postcodes 99.999999
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, why)


def _located(row: dict) -> tuple[str, float, float] | None:
    postcode = normalise_postcode(row["pcds"])
    try:
        lat, long = float(row["lat"]), float(row["long"])
    except (TypeError, ValueError):
        raise ValidationError(f"latitude {row['lat']!r} and longitude {row['long']!r} are not numbers") from None
    if lat > 90 or abs(long) > 180:  # ONSPD's marker for "no grid reference"
        return None
    if not (49 <= lat <= 61 and -9 <= long <= 3):
        raise ValidationError(f"{lat}, {long} is not in the United Kingdom")
    return postcode, lat, long


def _rows(lines: Iterable[str], result: PostcodeImport) -> Iterator[Postcode]:
    reader = csv.DictReader(lines)
    missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise PostcodeFileError(f"the file has no {', '.join(missing)} column: is it an ONS Postcode Directory CSV?")
    for row in reader:
        try:
            located = _located(row)
        except ValidationError as exc:
            result.rejected.append((reader.line_num, f"{row.get('pcds')!r}: {exc.messages[0]}"))
            continue
        if located is None:
            result.skipped += 1
            continue
        yield Postcode(*located)


@transaction.atomic
def import_postcodes(lines: Iterable[str], progress: Callable[[int], None] = lambda n: None) -> PostcodeImport:
    """Stream the rows in, in batches, adding new postcodes and moving ones that exist; all or nothing."""
    result = PostcodeImport()
    batch: list[Postcode] = []
    for postcode in _rows(lines, result):
        batch.append(postcode)
        if len(batch) >= BATCH:
            _save(batch, result, progress)
    _save(batch, result, progress)
    return result


def _save(batch: list[Postcode], result: PostcodeImport, progress) -> None:
    if not batch:
        return
    # A file may list a postcode twice; the last line wins, as it would one row at a time.
    unique = list({p.postcode: p for p in batch}.values())
    Postcode.objects.bulk_create(unique, update_conflicts=True, unique_fields=["postcode"],
                                 update_fields=["latitude", "longitude"])
    result.imported += len(unique)
    batch.clear()
    progress(result.imported)


def locate(postcode: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a postcode, or None if it is not in the directory (or not a postcode)."""
    try:
        key = normalise_postcode(postcode)
    except ValidationError:
        return None
    return Postcode.objects.filter(pk=key).values_list("latitude", "longitude").first()
