"""The HHCRSP benchmark format (Mankowska et al. 2014, as published by iolab-uniud/hhcrsp): read, convert, write.

Each (patient, service) pair becomes one engine visit; a patient's two services become a linked pair.
Location 0 is the office, patient k (1-based, in list order) is location k. Cost follows the benchmark's
README: (distance + total tardiness + maximum tardiness) / 3.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .engine.model import SEQUENTIAL, SIMULTANEOUS, Carer, Problem, Solution, SyncLink, Visit, Weights


class HhcrspError(ValueError):
    """Malformed instance: the message is one readable line."""


def load(path: str | Path) -> dict:
    """The instance, checked: any file that is not one says why in one line (the caller names the file)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise HhcrspError("not UTF-8 text: is it a JSON instance?") from None
    except OSError as error:
        raise HhcrspError(f"cannot read it: {error.strerror or error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise HhcrspError(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    except (ValueError, RecursionError) as error:  # numbers of thousands of digits, or nesting thousands deep
        raise HhcrspError(f"not an instance: {error}") from None
    try:
        validate(data)
    except (TypeError, AttributeError, RecursionError) as error:  # an id that is a list, a caregiver a string
        raise HhcrspError(f"not in the benchmark's format ({error}): see its README") from None
    return data


def need(mapping, key: str, where: str):
    if not isinstance(mapping, dict) or key not in mapping:
        raise HhcrspError(f"{where} has no '{key}'")
    return mapping[key]


LARGEST = 1e9  # any time or distance beyond this is a mistake (and would overflow the solvers' arithmetic)


def number(value, where: str, minimum: float | None = None) -> float:
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) > LARGEST
            or not math.isfinite(value)):
        raise HhcrspError(f"{where} must be a number up to {LARGEST:,.0f}, not {str(value)[:20]!r}")
    if minimum is not None and value < minimum:
        raise HhcrspError(f"{where} must not be negative ({value})")
    return float(value)


def listed(value, where: str) -> list:
    if not isinstance(value, list):
        raise HhcrspError(f"{where} must be a list")
    return value


def validate(data) -> None:
    if not isinstance(data, dict):
        raise HhcrspError("the instance must be a JSON object")
    patients = listed(need(data, "patients", "the instance"), "patients")
    carers = listed(need(data, "caregivers", "the instance"), "caregivers")
    listed(need(data, "central_offices", "the instance"), "central_offices") or fail("central_offices is empty")
    services = {need(s, "id", "a service") for s in listed(data.get("services", []), "services")}
    for c in carers:
        for ability in listed(need(c, "abilities", f"caregiver {c.get('id')}"), "abilities"):
            if services and ability not in services:
                fail(f"caregiver {need(c, 'id', 'a caregiver')} has unknown service {ability}")
    unique([need(c, "id", "a caregiver") for c in carers], "caregiver")
    unique([need(p, "id", "a patient") for p in patients], "patient")
    for p in patients:
        validate_patient(p, services)
    validate_matrix(need(data, "distances", "the instance"), len(patients) + 1)


def validate_patient(p: dict, services: set) -> None:
    where = f"patient {p['id']}"
    window = listed(need(p, "time_window", where), f"{where} time_window")
    if len(window) != 2 or number(window[0], f"{where} time_window") > number(window[1], f"{where} time_window"):
        fail(f"{where} time_window must be [earliest, latest] with earliest <= latest")
    required = listed(need(p, "required_caregivers", where), f"{where} required_caregivers")
    if len(required) not in (1, 2):
        fail(f"{where} must require one or two caregivers, not {len(required)}")
    for r in required:
        service = need(r, "service", where)
        if services and service not in services:
            fail(f"{where} requires unknown service {service}")
        number(need(r, "duration", where), f"{where} duration of {service}", minimum=0)
    if len(required) == 2:
        sync = need(p, "synchronization", where)
        kind = need(sync, "type", f"{where} synchronization")
        if kind not in (SIMULTANEOUS, SEQUENTIAL):
            fail(f"{where} has unknown synchronization type {kind!r}")
        if kind == SEQUENTIAL:
            gap = listed(need(sync, "distance", f"{where} synchronization"), f"{where} distance")
            if len(gap) != 2 or number(gap[0], f"{where} distance", 0) > number(gap[1], f"{where} distance", 0):
                fail(f"{where} synchronization distance must be [min, max] with 0 <= min <= max")


def validate_matrix(matrix, size: int) -> None:
    rows = listed(matrix, "distances")
    if len(rows) != size or any(not isinstance(row, list) or len(row) != size for row in rows):
        fail(f"distances must be a square {size}x{size} matrix (office first, then each patient)")
    for row in rows:
        for value in row:
            number(value, "every distance", minimum=0)


def unique(ids: list, what: str) -> None:
    if any(isinstance(i, bool) or not isinstance(i, (str, int)) for i in ids):
        fail(f"every {what} id must be a word or a number")
    if len(set(map(str, ids))) != len(ids):
        fail(f"two {what}s share an id")


def fail(message: str):
    raise HhcrspError(message)


def visit_id(patient: str, service: str, k: int, required: list) -> str:
    twice = len(required) == 2 and required[0]["service"] == required[1]["service"]
    return f"{patient}/{service}" + (f"#{k + 1}" if twice else "")


def to_problem(data: dict) -> Problem:
    try:
        return _to_problem(data)
    except HhcrspError:
        raise
    except (TypeError, AttributeError, KeyError, ValueError) as error:  # what validate() does not look at
        raise HhcrspError(f"not in the benchmark's format ({error}): see its README") from None


def _to_problem(data: dict) -> Problem:
    visits = []
    for index, p in enumerate(data["patients"], start=1):
        required = p["required_caregivers"]
        ids = [visit_id(p["id"], r["service"], k, required) for k, r in enumerate(required)]
        earliest, latest = (float(x) for x in p["time_window"])
        link = None
        if len(required) == 2:
            sync = p["synchronization"]
            gap = [float(x) for x in sync.get("distance", [0, 0])]
            link = SyncLink(ids[1], sync["type"], gap[0], gap[1])
        for k, r in enumerate(required):
            visits.append(Visit(
                id=ids[k], location=index, earliest_start=earliest, latest_start=latest,
                duration=float(r["duration"]), skill=r["service"], sync=link if k == 0 else None,
                label=f"patient {p['id']} ({r['service']})",
            ))
    carers = [Carer(str(c["id"]), frozenset(c["abilities"]), 0, 0) for c in data["caregivers"]]
    matrix = [[float(x) for x in row] for row in data["distances"]]
    third = 1.0 / 3.0
    weights = Weights(distance=third, total_tardiness=third, max_tardiness=third)
    return Problem(visits, carers, matrix, None, weights)


def service_of(data: dict) -> dict[str, tuple[str, str]]:
    out = {}
    for p in data["patients"]:
        required = p["required_caregivers"]
        for k, r in enumerate(required):
            out[visit_id(p["id"], r["service"], k, required)] = (p["id"], r["service"])
    return out


def to_json(data: dict, solution: Solution) -> dict:
    """The benchmark's solution format, plus our own `unserved` and `cost` keys."""
    names = service_of(data)
    routes = [{"caregiver_id": route.carer, "locations": [
        {"patient": names[s.visit][0], "service": names[s.visit][1], "arrival_time": s.start, "departure_time": s.end}
        for s in route.stops]} for route in solution.routes]
    out = {"routes": routes, "cost": cost(data, routes)}
    if solution.unserved:
        out["unserved"] = [{"patient": names[u.visit][0], "service": names[u.visit][1], "reason": u.reason}
                           for u in solution.unserved]
    return out


def cost(data: dict, routes: list[dict]) -> dict:
    """Distance, tardiness and total cost of solution routes exactly as the benchmark defines them."""
    index = {p["id"]: k for k, p in enumerate(data["patients"], start=1)}
    latest = {p["id"]: float(p["time_window"][1]) for p in data["patients"]}
    matrix = data["distances"]
    distance = total = worst = 0.0
    for route in routes:
        here = 0
        for stop in route["locations"]:
            there = index[stop["patient"]]
            distance += matrix[here][there]
            late = max(0.0, stop["arrival_time"] - latest[stop["patient"]])
            total += late
            worst = max(worst, late)
            here = there
        distance += matrix[here][0] if route["locations"] else 0.0
    return {"distance": distance, "total_tardiness": total, "max_tardiness": worst,
            "total_cost": (distance + total + worst) / 3.0}


def write(path: str | Path, data: dict, solution: Solution) -> dict:
    out = to_json(data, solution)
    Path(path).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return out


def verify(data: dict, solution: dict, eps: float = 1e-6) -> list[str]:
    """Rules the solution JSON breaks (empty if none): every service once, by an able carer, on time, in step."""
    faults = []
    patients = {p["id"]: (k, p) for k, p in enumerate(data["patients"], start=1)}
    abilities = {c["id"]: set(c["abilities"]) for c in data["caregivers"]}
    served: dict[tuple[str, str], tuple[str, float]] = {}
    for route in solution["routes"]:
        carer, here, free = route["caregiver_id"], 0, 0.0
        for stop in route["locations"]:
            k, p = patients[stop["patient"]]
            key = (stop["patient"], stop["service"])
            duration = next((r["duration"] for r in p["required_caregivers"] if r["service"] == stop["service"]), None)
            if duration is None or key in served:
                faults.append(f"{key} is not required or served twice")
            if stop["service"] not in abilities.get(carer, set()):
                faults.append(f"{carer} cannot do {stop['service']}")
            if stop["arrival_time"] < max(p["time_window"][0], free + data["distances"][here][k]) - eps:
                faults.append(f"{key} starts too early")
            if duration is not None and abs(stop["departure_time"] - stop["arrival_time"] - duration) > eps:
                faults.append(f"{key} does not last its duration")
            served[key] = (carer, stop["arrival_time"])
            here, free = k, stop["departure_time"]
    unserved = {(u["patient"], u["service"]) for u in solution.get("unserved", [])}
    for p in data["patients"]:
        keys = [(p["id"], r["service"]) for r in p["required_caregivers"]]
        faults += [f"{key} is missing" for key in keys if key not in served and key not in unserved]
        if len(keys) == 2 and keys[0] in served and keys[1] in served:
            faults += sync_faults(p, served[keys[0]], served[keys[1]], eps)
    return faults


def sync_faults(patient: dict, first: tuple[str, float], second: tuple[str, float], eps: float) -> list[str]:
    sync = patient["synchronization"]
    gap = second[1] - first[1]
    faults = [f"patient {patient['id']} needs two different carers"] if first[0] == second[0] else []
    if sync["type"] == SIMULTANEOUS and abs(gap) > eps:
        faults.append(f"patient {patient['id']}'s services do not start together")
    if sync["type"] == SEQUENTIAL and not sync["distance"][0] - eps <= gap <= sync["distance"][1] + eps:
        faults.append(f"patient {patient['id']}'s services are {gap:g} apart")
    return faults
