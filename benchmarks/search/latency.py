"""Time directory searches through the whole request stack (Django's test client, no network):
the labelled queries' words, with and without a postcode, over whatever directory the database holds.
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


def main(rounds: int) -> None:
    queries = [q["query"] for q in json.loads(Path(__file__).with_name("queries.json").read_text())["queries"]]
    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(1)
    client.get("/oruk/services?search=warm+up")  # load the spelling vocabulary once, as a running server has
    timings = []
    for _ in range(rounds):
        for query in queries:
            params = {"search": query, "per_page": 20}
            postcode = rng.choice(POSTCODES)
            if postcode:
                params["postcode"] = postcode
            started = time.perf_counter()
            response = client.get("/oruk/services?" + urlencode(params))
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    median = statistics.median(timings)
    print(f"{Service.objects.count():,} services, {len(timings):,} searches: median {median:.0f} ms, "
          f"p95 {p95:.0f} ms, max {timings[-1]:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
