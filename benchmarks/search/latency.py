"""Time directory searches through the whole request stack (Django's test client, no network):
the labelled queries' words, with and without a postcode, over whatever directory the database holds,
through the ORUK API and through the public "Find support near you" page (20 results, rendered).
Usage: python latency.py [ROUNDS]"""

import json
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import django

django.setup()

from django.test import Client  # noqa: E402

from kithkin.directory.models import Service  # noqa: E402

POSTCODES = ["FN1 1AD", "FN2 3AD", "FN3 4SB", None, None]


def measure(client, path: str, word: str, rounds: int, queries: list[str]) -> list[float]:
    rng = random.Random(1)
    timings = []
    for _ in range(rounds):
        for query in queries:
            params = {word: query}
            postcode = rng.choice(POSTCODES)
            if postcode:
                params["postcode"] = postcode
            started = time.perf_counter()
            response = client.get(f"{path}?" + urlencode(params))
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
    return sorted(timings)


def report(label: str, timings: list[float]) -> None:
    p95 = timings[int(len(timings) * 0.95) - 1]
    median = statistics.median(timings)
    print(f"{label}: {Service.objects.count():,} services, {len(timings):,} searches: median {median:.0f} ms, "
          f"p95 {p95:.0f} ms, max {timings[-1]:.0f} ms")


def main(rounds: int) -> None:
    queries = [q["query"] for q in json.loads(Path(__file__).with_name("queries.json").read_text())["queries"]]
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/oruk/services?search=warm+up")  # load the spelling vocabulary once, as a running server has
    report("ORUK API /oruk/services?search=", measure(client, "/oruk/services", "search", rounds, queries))
    report("page /find-support?q=", measure(client, "/find-support", "q", rounds, queries))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
