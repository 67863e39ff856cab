"""`kithkin roster plan-week` and `import-travel-times`: progress and figures, one readable line for bad input."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kithkin.matching.models import Roster, TravelTime
from tests.matching.test_rosters import MONDAY, district  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_week")]


def run(*args) -> str:
    out = StringIO()
    call_command("roster", *args, stdout=out)
    return out.getvalue()


def test_plan_week_prints_its_figures_and_writes_them(district, tmp_path):  # noqa: F811
    out = run("plan-week", "--week", MONDAY.isoformat(), "--time-limit", "3", "--json", str(tmp_path / "f.json"))
    assert "32 of 32 visits planned" in out and "regular team" in out
    figures = json.loads((tmp_path / "f.json").read_text())
    assert figures["served"] == 32 and "teams" not in figures
    assert Roster.objects.get().is_current


def test_plan_week_by_moves_makes_the_same_plan_every_time(district, tmp_path):  # noqa: F811
    args = ("plan-week", "--week", MONDAY.isoformat(), "--time-limit", "600", "--iterations", "3000")
    plans = []
    for n in range(2):
        run(*args, "--json", str(tmp_path / f"{n}.json"))
        plans.append(json.loads((tmp_path / f"{n}.json").read_text()))
    first, second = ([plan[k] for k in ("km", "team_share", "mean_carers")] for plan in plans)
    assert first == second
    assert plans[0]["served"] == 32 and plans[0]["seconds"] < 600


@pytest.mark.parametrize("args, message", [
    (("--week", "next monday"), "--week must be a date like"),
    (("--week", "2030-03-05"), "--week must be a Monday; 5 March 2030 is a Tuesday"),
    (("--week", "2030-03-04", "--time-limit", "0"), "--time-limit: must be a number of seconds above 0"),
    (("--week", "2030-03-04", "--time-limit", "nan"), "--time-limit: must be a number of seconds above 0"),
    (("--week", "2030-03-04", "--time-limit", "3601"), "--time-limit must be between 1 and 3600"),
    (("--week", "2030-03-04", "--iterations", "0"), "--iterations: must be a whole number of moves, at least 1"),
    (("--week", "2030-03-04", "--seed", "-1"), "--seed: must be a whole number from 0 to 2,147,483,646"),
    (("--week", "2030-03-04", "--seed", "99999999999999999999"), "--seed: must be a whole number from 0"),
    (("--week", "2020-01-06"), "--week: The week of 6 January 2020 is over: plan this week or a later one"),
    (("--week", "9999-12-27"), "--week: The week of 27 December 9999 is more than ten years away"),
])
def test_plan_week_refuses_bad_input_in_one_line(args, message):
    with pytest.raises(CommandError, match=message):
        run("plan-week", *args)


@pytest.mark.parametrize("options, message", [
    ({"seed": -1}, "--seed: must be a whole number from 0"), ({"iterations": 0}, "--iterations: must be a whole"),
    ({"time_limit": float("nan")}, "--time-limit: must be a number of seconds above 0"),
])
def test_numbers_passed_by_code_are_checked_as_on_the_command_line(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("roster", "plan-week", "--week", "2030-03-04", stdout=StringIO(), **options)


def test_plan_week_with_nothing_to_plan_says_so(db):
    with pytest.raises(CommandError, match="there are no regular visits to plan"):
        run("plan-week", "--week", "2030-03-04")


def test_travel_times_import_whole_or_not_at_all(tmp_path):
    good = tmp_path / "roads.csv"
    good.write_text("from_postcode,to_postcode,minutes,km\nfn1 1aa,FN3 1AA,14.5,11.2\nFN3 1AA,FN1 1AA,15,11.4\n")
    assert "2 travel times imported from 2 rows" in run("import-travel-times", str(good))
    assert TravelTime.objects.get(from_postcode="FN1 1AA").km == 11.2

    bad = tmp_path / "bad.csv"
    bad.write_text("from_postcode,to_postcode,minutes\nFN1 1AA,FN2 1AA,-3\nnot a postcode,FN2 1AA,4\n"
                   "FN1 1AA,FN2 1AA,9\n")
    with pytest.raises(CommandError, match="2 of 3 rows are wrong, so nothing was imported"):
        run("import-travel-times", str(bad))
    assert TravelTime.objects.count() == 2
    assert "1 travel times imported" in run("import-travel-times", str(bad), "--partial")
    with pytest.raises(CommandError, match="the file needs the columns"):
        (tmp_path / "cols.csv").write_text("a,b\n1,2\n")
        run("import-travel-times", str(tmp_path / "cols.csv"))
    with pytest.raises(CommandError, match="cannot read"):
        run("import-travel-times", str(tmp_path / "missing.csv"))


@pytest.mark.parametrize("text, said", [
    ("from_postcode,to_postcode,minutes\nFN1 1AA,FN2 1AA\n", "line 2: minutes is missing"),
    ("from_postcode,to_postcode,minutes,km\nFN1 1AA,FN2 1AA,9,abc\n", "line 2: km must be a number, not 'abc'"),
    ("from_postcode,to_postcode,minutes\nFN1 1AA,FN2 1AA,9\nFN1 1AA,FN2 1AA,12\n",
     "line 3: FN1 1AA to FN2 1AA is on line 2 with another time"),
    ("from_postcode,to_postcode,minutes\nFN1 1AA,FN2 1AA,0\n", "cannot be 0: they are different places"),
    ("from_postcode,to_postcode,minutes\nFN1 1AA,FN2 1AA," + "9" * 5000 + "\n", "not '99999999999999999999...'"),
])
def test_a_wrong_row_of_travel_times_is_named_with_its_line(tmp_path, text, said):
    path = tmp_path / "roads.csv"
    path.write_text(text)
    with pytest.raises(CommandError, match="nothing was imported"):
        run("import-travel-times", str(path))
    assert TravelTime.objects.count() == 0
    assert said in run("import-travel-times", str(path), "--partial")


def test_travel_times_from_a_spreadsheet_with_a_byte_order_mark_import_and_semicolons_are_explained(tmp_path):
    path = tmp_path / "roads.csv"
    path.write_text("\ufefffrom_postcode,to_postcode,minutes\nFN1 1AA,FN2 1AA,9\n", encoding="utf-8")
    assert "1 travel times imported" in run("import-travel-times", str(path))
    path.write_text("from_postcode;to_postcode;minutes\nFN1 1AA;FN2 1AA;9\n")
    with pytest.raises(CommandError, match="separated by commas"):
        run("import-travel-times", str(path))


def test_imported_road_times_are_used_in_the_plan(district):  # noqa: F811
    from kithkin.matching.week import travel_matrices

    TravelTime.objects.create(from_postcode="FN1 1AA", to_postcode="FN3 1AA", minutes=33.0, km=27.0)
    km, minutes = travel_matrices(["FN1 1AA", "FN3 1AA"])
    assert (km[0][1], minutes[0][1]) == (27.0, 33.0)
    assert km[1][0] != 27.0  # the other way round stays the straight line until it is imported too


def test_a_wrong_option_on_the_command_line_is_one_line_not_the_usage():
    kithkin = Path(sys.executable).with_name("kithkin")
    env = {**os.environ, "SECRET_KEY": "only-for-this-test"}
    done = subprocess.run([str(kithkin), "roster", "plan-week", "--week", "2030-03-04", "--seed", "x"],  # noqa: S603
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "kithkin roster plan-week: argument --seed: must be a whole number from 0 to 2,147,483,646, not 'x' "
        "(see --help)"]


def test_plan_week_carries_on_from_the_week_before_unless_asked_to_start_afresh(district, tmp_path):  # noqa: F811
    next_week = (MONDAY + timedelta(days=7)).isoformat()
    run("plan-week", "--week", MONDAY.isoformat(), "--time-limit", "600", "--iterations", "3000")

    carried = run("plan-week", "--week", next_week, "--time-limit", "600", "--iterations", "3000")
    afresh = run("plan-week", "--week", next_week, "--time-limit", "600", "--iterations", "3000", "--afresh",
                 "--json", str(tmp_path / "f.json"))

    assert "carried on from the week of 4 March 2030: 4 of 4 people have the same regular team" in carried
    assert "carried on" not in afresh and "carried_from" not in json.loads((tmp_path / "f.json").read_text())
