"""The Fenmere community directory for the demo: postcodes, the taxonomy and about 320 services,
loaded through the same importers a council uses for its own files."""

from pathlib import Path

from kithkin.core.geo import import_postcodes
from kithkin.demo.places import PLACES
from kithkin.directory.files import read_json, read_services
from kithkin.directory.imports import import_services
from kithkin.directory.models import Place, Service
from kithkin.directory.taxonomy import import_taxonomy

FENMERE = Path(__file__).parent / "data" / "fenmere"


def load_directory(say=lambda message: None) -> bool:
    """Load the demo directory unless there is one already; True if it loaded."""
    if Service.objects.exists():
        say(f"There is a directory already ({Service.objects.count():,} services): leaving it as it is.")
        return False
    for name, _outward, lat, lon, _share in PLACES:
        Place.objects.update_or_create(name=name, defaults={"latitude": lat, "longitude": lon})
    with open(FENMERE / "postcodes.csv", newline="", encoding="utf-8") as handle:
        postcodes = import_postcodes(handle)
    # No auditor: like the rest of the demo seed, this is nobody's activity (a council's imports are audited).
    terms = import_taxonomy(read_json(FENMERE / "taxonomy.json"))
    services = import_services(read_services(FENMERE / "directory.json"))
    if not (terms.written and services.written):
        raise RuntimeError("the demo directory did not load: " + "; ".join(
            r.reason for r in terms.rejected + services.rejected))
    say(f"The Fenmere directory is ready: {services.read:,} services, {terms.read} categories, "
        f"{postcodes.imported} postcodes.")
    return True
