"""Partner alerts under load: `--rate` alerts a second for `--seconds`, against a server on --base.

Run by run.sh with the server's environment. It makes contingency plans for some demo people (so their
admissions set plans off), a partner token, then sends alerts at a steady rate from a pool of threads
(an open loop: a slow answer does not slow the sending), one in ten a resend of an earlier one. Mix:
half admissions of people with a plan (episode and tasks), a quarter falls of people without one
(rapid-response task), a quarter about nobody we know (kept unmatched). Then it checks the database:
every alert stored once, one episode per plan set off, nothing made twice by a resend.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kithkin.settings")


def setup(plans: int) -> tuple[str, list[str], list[str]]:
    """(partner token, NHS numbers of people with plans, NHS numbers of people without)."""
    import django

    django.setup()
    from django.utils import timezone

    from kithkin.core.actions import create_api_token
    from kithkin.core.audit import Auditor
    from kithkin.core.models import Role, User
    from kithkin.people.models import Person
    from kithkin.prevention import plans as plan_actions

    partner, _ = User.objects.get_or_create(username="bench.gp", defaults={"role": Role.PARTNER,
                                                                           "first_name": "Bench"})
    worker = User.objects.filter(role=Role.COMMUNITY_AGENT).first()
    _, token = create_api_token(partner, "alerts benchmark", Auditor(partner, channel="cli"))
    people = list(Person.objects.exclude(nhs_number=None).order_by("pk")[: plans * 2])
    with_plans, without = people[:plans], people[plans:]
    auditor = Auditor(worker, channel="cli")
    for person in with_plans:
        plan = plan_actions.make_plan(person, {
            "made_with": "them and their family", "named_worker": worker,
            "what_matters_most": "Staying at home", "review_on": timezone.localdate() + timedelta(days=180)}, auditor)
        plan_actions.add_trigger(plan, "hospital_admission", person, "They go into hospital", auditor)
        for hours, what in ((4, "A neighbour checks in"), (24, "The sitting service visits")):
            plan_actions.add_action(plan, {"who": "Someone they know", "what": what, "within_hours": hours}, auditor)
    return token, [p.nhs_number for p in with_plans], [p.nhs_number for p in without]


class Sender(threading.local):
    def connection(self, base):
        if not hasattr(self, "conn"):
            url = urlsplit(base)
            self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        return self.conn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--plans", type=int, default=500)
    parser.add_argument("--json")
    args = parser.parse_args()
    token, planned, unplanned = setup(args.plans)
    rng = random.Random(7)
    sender = Sender()
    sent: list[dict] = []
    results: list[tuple[float, int, bool]] = []
    lock = threading.Lock()

    def body(n: int) -> dict:
        roll = rng.random()
        when = "2026-11-23T09:00:00+00:00"
        if roll < 0.5:
            who = {"nhs_number": planned[n % len(planned)]}
            kind = "hospital_admission"
        elif roll < 0.75:
            who, kind = {"nhs_number": rng.choice(unplanned)}, "fall"
        else:
            who = {"given_name": "Nobody", "family_name": f"Known{n}", "date_of_birth": "1940-01-01",
                   "postcode": "FN1 1AD"}
            kind = "missed_visits"
        return {"idempotency_key": f"bench-{n}", "kind": kind, "source": "hospital", "occurred_at": when,
                "source_name": "Benchmark General", **who}

    def post(payload: dict, resend: bool) -> None:
        conn = sender.connection(args.base)
        started = time.perf_counter()
        try:
            conn.request("POST", "/api/alerts", json.dumps(payload), {
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            del sender.conn
            status = 0
        with lock:
            results.append((time.perf_counter() - started, status, resend))

    total = int(args.rate * args.seconds)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=32) as pool:
        for n in range(total):
            target = start + n / args.rate
            delay = target - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            if sent and rng.random() < 0.1:
                pool.submit(post, rng.choice(sent), True)
            else:
                payload = body(n)
                sent.append(payload)
                pool.submit(post, payload, False)
    elapsed = time.perf_counter() - start
    report(results, sent, elapsed, args)


def report(results, sent, elapsed, args) -> None:
    from kithkin.prevention.models import Alert, CrisisEpisode, Task

    times = sorted(t * 1000 for t, status, _ in results)
    ok = {200, 201}
    bad = [status for _, status, _ in results if status not in ok]
    p95 = times[int(len(times) * 0.95) - 1]
    stored = Alert.objects.filter(idempotency_key__startswith="bench-").count()
    keys = {p["idempotency_key"] for p in sent}
    admissions = {p["nhs_number"] for p in sent if p["kind"] == "hospital_admission"}
    episodes = CrisisEpisode.objects.filter(opened_by_alert__idempotency_key__startswith="bench-").count()
    summary = {
        "requests": len(results), "seconds": round(elapsed, 1), "rate": round(len(results) / elapsed, 1),
        "resends": sum(1 for *_, resend in results if resend), "errors": len(bad),
        "p50_ms": round(statistics.median(times)), "p95_ms": round(p95),
        "p99_ms": round(times[int(len(times) * .99) - 1]),
        "alerts_sent": len(keys), "alerts_stored": stored, "episodes": episodes,
        "people_with_plans_admitted": len(admissions),
        "tasks": Task.objects.filter(from_alert__idempotency_key__startswith="bench-").count(),
    }
    print(json.dumps(summary, indent=1))
    print("every alert stored once:", stored == len(keys), "| one episode per person set off:",
          episodes == len(admissions))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
