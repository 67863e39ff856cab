"""Load test for the front door: p50/p95/p99 for the worklist, a person's page and the API person read.

Run by run.sh, against a server already started on --base (gunicorn), with the same environment
(DATABASE_URL, SECRET_KEY) so the session it makes is one the server accepts. It:

1. signs the demo agent in by making a session directly (no sign-in form: django-axes counts failures,
   and a load test should not come near a lock-out), and makes an API token for them;
2. picks people the agent may see (need-to-know is enforced): people with an open contact on the agent's
   team worklist;
3. for each page in turn, runs `--clients` concurrent clients (threads, each with its own keep-alive
   connection) until `--requests` requests have been made or `--seconds` have passed, after a warm-up.
   By default each client sends its next request as soon as the last is answered (a closed loop: the
   server is saturated, and latency includes queueing). With `--pace S` each client sends at most one
   request every S seconds, like a person clicking quickly, so latency is mostly service time.

It stops by itself. Every response must be 200; anything else is counted and reported.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kithkin.settings")


def setup(username: str, people: int) -> tuple[str, str, list[int], dict]:
    """(session cookie, API token, person ids, facts about the data) for the demo agent."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from kithkin.conversations.models import Contact
    from kithkin.core.actions import create_api_token
    from kithkin.core.audit import Auditor
    from kithkin.core.models import User
    from kithkin.people.models import Person
    from kithkin.people.policies import access_reason

    agent = User.objects.select_related("team").get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(agent.pk)
    session[BACKEND_SESSION_KEY] = "kithkin.core.backends.KithkinBackend"
    session[HASH_SESSION_KEY] = agent.get_session_auth_hash()
    session.create()
    _, token = create_api_token(agent, "front door benchmark", Auditor(agent, channel="cli"))
    open_on_team = (Contact.objects.filter(team=agent.team, resolved_at__isnull=True, person__isnull=False)
                    .order_by("received_at").values_list("person_id", flat=True).distinct()[: people * 2])
    ids = [pk for pk in dict.fromkeys(open_on_team) if access_reason(agent, Person.objects.get(pk=pk))][:people]
    if not ids:
        sys.exit(f"{username} has no one on their worklist to look at: seed the database first")
    facts = {
        "people": Person.objects.count(), "contacts": Contact.objects.count(),
        "open_on_team": Contact.objects.filter(team=agent.team, resolved_at__isnull=True).count(),
        "team": agent.team.name,
    }
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", token, ids, facts


class Client:
    """A lean HTTP/1.1 client on the standard library. The load generator shares the server's cores, so
    every millisecond it spends on a request is one the server does not get (httpx costs about 2 ms of
    CPU a request here; this about half). Reconnects when the server closes the connection."""

    def __init__(self, base: str, headers: dict):
        parts = urlsplit(base)
        self.host, self.port, self.headers, self.conn = parts.hostname, parts.port or 80, headers, None

    def get(self, path: str) -> int:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request("GET", path, headers=self.headers)
                response = self.conn.getresponse()
                response.read()
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
                continue
            if response.will_close:
                self.close()
            return response.status
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_page(name: str, base: str, paths: list[str], headers: dict, clients: int, requests: int, seconds: float,
             warm_up: int, pace: float = 0.0) -> dict:
    timings: list[float] = []
    failures: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(10**12))
    deadline = [float("inf")]  # set once every client has warmed up

    def worker(number: int):
        client = Client(base, headers)
        try:
            for _ in range(warm_up // clients + 1):
                client.get(paths[0])
            barrier.wait()
            if pace:  # spread the clients out, rather than all at once every `pace` seconds
                time.sleep(pace * number / clients)
            last = 0.0
            while True:
                if pace:
                    time.sleep(max(0.0, last + pace - time.perf_counter()))
                with lock:
                    index = next(counter)
                if index >= requests or time.monotonic() > deadline[0]:
                    return
                path = paths[index % len(paths)]
                started = last = time.perf_counter()
                try:
                    status = str(client.get(path))
                except (http.client.HTTPException, OSError) as exc:
                    status = type(exc).__name__
                elapsed = time.perf_counter() - started
                with lock:
                    if status == "200":
                        timings.append(elapsed)
                    else:
                        failures[status] = failures.get(status, 0) + 1
        finally:
            client.close()

    barrier = threading.Barrier(clients + 1)
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.monotonic()
    deadline[0] = began + seconds
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    return {"page": name, "ok": len(timings), "failed": failures, "seconds": round(wall, 1),
            "per_second": round(len(timings) / wall, 1) if wall else 0.0, **percentiles(timings)}


def percentiles(timings: list[float]) -> dict:
    if len(timings) < 2:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {"p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1), "max_ms": round(max(timings) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8001")
    parser.add_argument("--user", default="agent")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="per page")
    parser.add_argument("--seconds", type=float, default=120, help="at most, per page")
    parser.add_argument("--people", type=int, default=50, help="how many different people to read")
    parser.add_argument("--pace", type=float, default=0.0,
                        help="seconds between one client's requests (default 0: a closed loop)")
    parser.add_argument("--only", choices=["worklist", "person", "api"], help="time just this page")
    parser.add_argument("--json", default="", help="also write the results here")
    options = parser.parse_args()

    cookie, token, ids, facts = setup(options.user, options.people)
    browser = {"Cookie": cookie}
    api = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    pages = [
        ("worklist", ["/worklist"], browser),
        ("person page", [f"/people/{pk}" for pk in ids], browser),
        ("API person read", [f"/api/people/{pk}" for pk in ids], api),
    ]
    if options.only:
        pages = [page for page in pages if page[0].split()[0].lower() == options.only]
    results = []
    for name, paths, headers in pages:
        status = Client(options.base, headers).get(paths[0])
        if status != 200:
            sys.exit(f"{name}: {paths[0]} answered {status}, not 200: is the server using this database?")
        results.append(run_page(name, options.base, paths, headers, options.clients, options.requests,
                                options.seconds, warm_up=options.clients * 2, pace=options.pace))
    report = {"when": time.strftime("%Y-%m-%d %H:%M %Z"), "clients": options.clients, "pace": options.pace,
              "data": facts,
              "cpus": os.cpu_count(), "results": results}
    print(f"\n{facts['people']:,} people, {facts['contacts']:,} contacts; {facts['open_on_team']:,} open on "
          f"{facts['team']}'s worklist; {options.clients} concurrent clients "
          f"({f'one request every {options.pace:g} s each' if options.pace else 'closed loop'}), "
          f"{os.cpu_count()} CPUs\n")
    print("| page | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | not 200 |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['page']} | {r['ok']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | "
              f"{r['per_second']} | {sum(r['failed'].values()) or 0} |")
    if options.json:
        Path(options.json).write_text(json.dumps(report, indent=2) + "\n")
    if any(r["failed"] for r in results):
        sys.exit(f"Some requests failed: {[(r['page'], r['failed']) for r in results if r['failed']]}")


if __name__ == "__main__":
    main()
