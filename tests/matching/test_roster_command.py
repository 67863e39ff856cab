"""`kithkin roster solve-hhcrsp`: writes the benchmark's format, explains what it cannot serve, refuses bad input."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kithkin.matching import hhcrsp
from tests.matching.hhcrsp_instances import tiny, with_unservable, write


def run(path, out, *extra):
    stdout = StringIO()
    call_command("roster", "solve-hhcrsp", path, "--time-limit", "10", "--iterations", "5000", "--out", out,
                 *extra, stdout=stdout)
    return stdout.getvalue()


def test_solution_file_in_the_benchmark_format(tmp_path):
    data = tiny()
    out = tmp_path / "solution.json"
    printed = run(write(tmp_path, data), str(out))
    solution = json.loads(out.read_text())
    assert {r["caregiver_id"] for r in solution["routes"]} == {"c1", "c2", "c3"}
    assert set(solution["routes"][0]["locations"][0]) == {"patient", "service", "arrival_time", "departure_time"}
    assert hhcrsp.verify(data, solution) == []
    assert f"cost {solution['cost']['total_cost']:.3f}" in printed
    assert "every visit served" in printed


def test_unservable_visit_is_reported_with_the_partial_plan(tmp_path):
    out = tmp_path / "solution.json"
    printed = run(write(tmp_path, with_unservable()), str(out))
    assert "unserved: patient p8 service s4: no carer has skill s4" in printed
    solution = json.loads(out.read_text())
    assert solution["unserved"] == [{"patient": "p8", "service": "s4", "reason": "no carer has skill s4"}]
    assert sum(len(r["locations"]) for r in solution["routes"]) == 10


def broken(change):
    data = tiny()
    change(data)
    return data


MALFORMED = {
    "not JSON": ("{patients: ", "not valid JSON"),
    "nested thousands deep": ("[" * 100_000 + "]" * 100_000, "not an instance"),
    "a caregiver that is a word": (broken(lambda d: d["caregivers"].append("Ann")), "not in the benchmark's format"),
    "an id that is a list": (broken(lambda d: d["patients"][0].update(id=[1, 2])), "every patient id must be a word"),
    "a duration of 400 digits": (broken(lambda d: d["patients"][1]["required_caregivers"][0].update(
        duration=10**400)), "must be a number up to 1,000,000,000"),
    "no patients": (broken(lambda d: d.pop("patients")), "has no 'patients'"),
    "not square": (broken(lambda d: d["distances"][2].pop()), "square 8x8 matrix"),
    "unknown service": (broken(lambda d: d["patients"][0]["required_caregivers"][0].update(service="s9")),
                        "requires unknown service s9"),
    "negative duration": (broken(lambda d: d["patients"][1]["required_caregivers"][0].update(duration=-5)),
                          "must not be negative"),
    "three carers": (broken(lambda d: d["patients"][1]["required_caregivers"].extend([{}, {}])),
                     "one or two caregivers"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_instance_is_one_readable_line(tmp_path, case):
    data, expected = MALFORMED[case]
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, data), str(tmp_path / "out.json"))
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_file_that_is_not_text_is_one_readable_line(tmp_path):
    path = tmp_path / "instance.json"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(CommandError, match="not UTF-8 text"):
        run(str(path), str(tmp_path / "out.json"))


def test_an_output_path_that_cannot_be_written_is_refused_before_solving(tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        run(write(tmp_path, tiny()), str(tmp_path))
    with pytest.raises(CommandError, match="does not exist"):
        run(write(tmp_path, tiny()), str(tmp_path / "no" / "out.json"))


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "nowhere.json"), str(tmp_path / "out.json"))


@pytest.mark.parametrize("engine", ["kithkin", "ortools"])
def test_an_instance_with_no_caregivers_leaves_every_visit_unserved_with_exit_0(tmp_path, engine):
    data = broken(lambda d: d.update(caregivers=[]))
    out = tmp_path / "solution.json"
    printed = run(write(tmp_path, data), str(out), "--engine", engine)
    solution = json.loads(out.read_text())
    assert solution["routes"] == [] and len(solution["unserved"]) == sum(
        len(p["required_caregivers"]) for p in data["patients"])
    assert "unserved: patient" in printed
