"""Make a directory of N services for the latency benchmark: the Fenmere services copied with new ids,
names and places, spread over a county-sized area, with their organisations and places copied too.
Usage: python generate.py N OUT.json"""

import copy
import json
import random
import sys
from pathlib import Path

FENMERE = Path(__file__).resolve().parents[2] / "kithkin" / "demo" / "data" / "fenmere" / "directory.json"
TOWNS = ["Wickfield", "Holme St Agnes", "Marshby", "Fendyke", "Burrowmere", "Ashby Lode", "Thistley Green",
         "Pedlars End", "Hollow Drove", "Stretton Ferry", "Coldham End", "Little Ouseley", "Willowfield"]


def renamed(value, copy_no: int):
    """Every id in a copied record gets the copy's suffix, so copies never collide."""
    if isinstance(value, dict):
        return {k: (f"{v}-c{copy_no}" if k in ("id", "organization_id") and isinstance(v, str) else
                    renamed(v, copy_no)) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, copy_no) for v in value]
    return value


def main(count: int, out: str) -> None:
    rng = random.Random(42)
    originals = json.loads(FENMERE.read_text())["services"]
    services = []
    for n in range(count):
        copy_no, source = divmod(n, len(originals))
        service = renamed(copy.deepcopy(originals[source]), copy_no)
        if copy_no:
            service["name"] = f"{service['name']} ({rng.choice(TOWNS)} {copy_no})"
            for link in service.get("service_at_locations") or []:
                location = link["location"]
                location["latitude"] = round(52.0 + rng.random() * 0.8, 5)
                location["longitude"] = round(-0.3 + rng.random() * 1.2, 5)
            for attribute in service.get("attributes") or []:
                attribute["taxonomy_term"]["id"] = attribute["taxonomy_term"]["id"].rsplit("-c", 1)[0]
        services.append(service)
    Path(out).write_text(json.dumps({"services": services}))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
