"""Small HHCRSP-format instances made up for the tests (the benchmark's own live in shared/, not here)."""

import copy
import json


def tiny() -> dict:
    """Seven patients, three carers; one pair starts together, two pairs in sequence."""
    coords = [(50, 50), (20, 30), (80, 20), (60, 85), (35, 60), (70, 55), (15, 75), (90, 80)]
    distances = [[round(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5, 3) for b in coords] for a in coords]

    def patient(k, window, *needs, sync=None):
        p = {"id": f"p{k}", "location": list(coords[k]), "time_window": list(window),
             "required_caregivers": [{"service": s, "duration": d} for s, d in needs]}
        if sync:
            p["synchronization"] = sync
        return p

    return {
        "patients": [
            patient(1, (0, 60), ("s1", 20)),
            patient(2, (30, 120), ("s2", 25)),
            patient(3, (60, 150), ("s1", 15), ("s3", 15), sync={"type": "simultaneous"}),
            patient(4, (100, 200), ("s2", 20), ("s3", 30), sync={"type": "sequential", "distance": [10, 25]}),
            patient(5, (120, 240), ("s1", 30)),
            patient(6, (200, 320), ("s3", 20), ("s1", 20), sync={"type": "sequential", "distance": [20, 40]}),
            patient(7, (150, 300), ("s2", 15)),
        ],
        "services": [{"id": s, "default_duration": 20} for s in ("s1", "s2", "s3", "s4")],
        "caregivers": [
            {"id": "c1", "abilities": ["s1", "s2"]},
            {"id": "c2", "abilities": ["s3", "s1"]},
            {"id": "c3", "abilities": ["s2", "s3"]},
        ],
        "central_offices": [{"id": "d", "location": list(coords[0])}],
        "distances": distances,
    }


def with_unservable() -> dict:
    """tiny() plus a patient needing s4, which nobody has."""
    data = tiny()
    extra = copy.deepcopy(data["patients"][0])
    extra.update(id="p8", location=[90, 80], required_caregivers=[{"service": "s4", "duration": 10}])
    data["patients"].append(extra)
    data["distances"] = [row + [row[7]] for row in data["distances"]]
    data["distances"].append(list(data["distances"][7]))  # p8 lives where p7 does
    return data


def write(tmp_path, data, name="instance.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)
