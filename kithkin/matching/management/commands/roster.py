"""`kithkin roster`: the rostering engine from the command line.

  solve-hhcrsp INSTANCE --time-limit S --seed N --out SOLUTION.json [--engine kithkin|ortools]
  plan-week --week YYYY-MM-DD --time-limit S --seed N [--travel-only] [--afresh] [--json FIGURES.json]
  import-travel-times FILE.csv [--partial]

Malformed input stops with one readable line and a non-zero exit; visits that cannot be served are listed
with the reason and the partial plan is still written (exit 0).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import time
from datetime import date
from functools import partial

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kithkin.matching import hhcrsp

MOST_SECONDS = 24 * 3600
MOST_SEED = 2**31 - 2  # kept on the roster as a positive 32-bit number; the last search runs with seed + 1


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 < value <= MOST_SECONDS:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, up to {MOST_SECONDS}, not {text!r}")
    return value


def seed(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > MOST_SEED:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to {MOST_SEED:,}, not {text!r}")
    return int(text)


def moves(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 10**12:
        raise argparse.ArgumentTypeError(f"must be a whole number of moves, at least 1, not {text!r}")
    return int(text)


def _one_line(parser: CommandParser, message: str):
    """argparse prints its whole usage before the error; one line is easier to read (the usage is in --help).
    Called from code (call_command), the error is raised as Django's CommandError, as ever."""
    if not parser.called_from_command_line:
        raise CommandError(f"Error: {message}")
    parser.exit(2, f"{parser.prog}: {message} (see --help)\n")


class _Parser(CommandParser):
    def error(self, message):
        _one_line(self, message)


def writable(path: str, option: str) -> None:
    """Before hours of work, not after: can `path` be written?"""
    folder = os.path.dirname(os.path.abspath(path))
    if (os.path.isfile(path) and os.access(path, os.W_OK)) or path == "/dev/stdout":
        return
    if os.path.isdir(path):
        raise CommandError(f"{option} {path} is a folder: give a file name")
    if not os.path.isdir(folder):
        raise CommandError(f"{option} {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise CommandError(f"{option} {path}: you may not write there")


class Command(BaseCommand):
    help = ("Rosters: plan-week plans a week of visits; import-travel-times loads real-road times; "
            "solve-hhcrsp solves a public HHCRSP benchmark instance.")

    def add_arguments(self, parser):
        parser.error = partial(_one_line, parser)
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
        solve = sub.add_parser("solve-hhcrsp", help="solve a Mankowska/iolab HHCRSP instance (JSON)")
        solve.add_argument("instance", help="instance JSON file")
        solve.add_argument("--time-limit", type=seconds, default=30.0, help="seconds (default 30)")
        solve.add_argument("--seed", type=seed, default=0)
        solve.add_argument("--iterations", type=moves, default=None,
                           help="stop after this many moves instead (repeatable results); kithkin engine only")
        solve.add_argument("--out", required=True, help="where to write the solution JSON")
        solve.add_argument("--engine", choices=["kithkin", "ortools"], default="kithkin")
        week = sub.add_parser("plan-week", help="plan a week of people's regular visits (a new current roster)")
        week.add_argument("--week", required=True, help="the Monday the week starts, YYYY-MM-DD")
        week.add_argument("--time-limit", type=seconds, default=60.0, help="seconds (default 60)")
        week.add_argument("--seed", type=seed, default=1)
        week.add_argument("--iterations", type=moves, default=None,
                          help="stop after this many moves in all instead of on the clock (repeatable plans)")
        week.add_argument("--travel-only", action="store_true",
                          help="mind travel only, not people's regular teams (the reference plan)")
        week.add_argument("--afresh", action="store_true",
                          help="do not carry on from the week before's roster and teams: plan from a travel-only draft")
        week.add_argument("--json", help="also write the roster's figures to this file")
        roads = sub.add_parser("import-travel-times", help="real-road times: from_postcode,to_postcode,minutes[,km]")
        roads.add_argument("path", help="CSV file, or - for standard input")
        roads.add_argument("--partial", action="store_true", help="import the good rows even if some are wrong")

    def handle(self, *args, **options):
        self._check_numbers(options)
        if options["action"] == "solve-hhcrsp":
            self.solve_hhcrsp(options)
        elif options["action"] == "plan-week":
            self.plan_week(options)
        elif options["action"] == "import-travel-times":
            self.import_travel_times(options)

    @staticmethod
    def _check_numbers(options) -> None:
        """The same checks as on the command line, for code that passes numbers to call_command directly (argparse
        runs an option's type only on text)."""
        for name, check in (("time_limit", seconds), ("seed", seed), ("iterations", moves)):
            value = options.get(name)
            if value is None or isinstance(value, str):
                continue
            try:
                options[name] = check(str(int(value)) if name != "time_limit" else str(value))
            except (argparse.ArgumentTypeError, ValueError, OverflowError) as error:
                raise CommandError(f"--{name.replace('_', '-')}: {error}") from None

    def plan_week(self, options) -> None:
        from kithkin.core.audit import Auditor
        from kithkin.matching.rosters import plan_week, week_problem

        try:
            monday = date.fromisoformat(options["week"])
        except ValueError:
            raise CommandError(f"--week must be a date like 2026-11-30, not {options['week']!r}") from None
        if monday.weekday() != 0:
            raise CommandError(f"--week must be a Monday; {monday:%-d %B %Y} is a {monday:%A}")
        if problem := week_problem(monday):
            raise CommandError(f"--week: {problem}")
        if not 1 <= options["time_limit"] <= 3600:
            raise CommandError("--time-limit must be between 1 and 3600 seconds")
        if options["json"]:
            writable(options["json"], "--json")
        try:
            roster = plan_week(monday, Auditor(None, channel="cli", label="kithkin roster plan-week"),
                               time_limit_s=options["time_limit"], seed=options["seed"],
                               max_iterations=options["iterations"], progress=self.stdout.write,
                               continuity=not options["travel_only"], carry_on=not options["afresh"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        f = roster.figures
        self.stdout.write(f"roster {roster.pk}: {f['served']:,} of {f['visits']:,} visits planned, "
                          f"{f['unserved']:,} not; {f['km']:,.1f} km ({f['co2_kg']:,.0f} kg CO2); "
                          f"{f['team_share']:.1%} of visits by the person's regular team; median "
                          f"{f['median_carers']} carers a person; {f['seconds']:.0f} s")
        if f.get("carried_from"):
            source = ("the plan before" if f.get("planned_again")
                      else f"the week of {date.fromisoformat(f['carried_from']):%-d %B %Y}")
            self.stdout.write(f"  carried on from {source}: {f['teams_kept']:,} of {f['teams_before']:,} people have "
                              "the same regular team")
        for reason, count in f.get("unserved_reasons", {}).items():
            self.stdout.write(f"  not planned ({count}): {reason}")
        if options["json"]:
            figures = {k: v for k, v in f.items() if k != "teams"}
            try:
                with open(options["json"], "w", encoding="utf-8") as handle:
                    json.dump(figures, handle, indent=1)
            except OSError as error:
                raise CommandError(f"cannot write {options['json']}: {error.strerror or error}") from None

    def import_travel_times(self, options) -> None:
        from kithkin.matching.travel_import import TravelFileError, import_travel_times

        path = options["path"]
        try:
            handle = sys.stdin if path == "-" else open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
        try:
            with handle:
                result = import_travel_times(handle, partial=options["partial"])
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text (save it from the spreadsheet as CSV UTF-8)") from None
        except (TravelFileError, csv.Error) as error:
            raise CommandError(f"{path}: {error}") from None
        for line in result.rejected:
            self.stdout.write(f"  rejected {line}")
        if result.rejected and not options["partial"]:
            raise CommandError(f"{path}: {len(result.rejected):,} of {result.read:,} rows are wrong, so nothing "
                               "was imported (use --partial to import the rest)")
        self.stdout.write(f"{path}: {result.written:,} travel times imported from {result.read:,} rows.")

    def solve_hhcrsp(self, options) -> None:
        writable(options["out"], "--out")
        try:
            data = hhcrsp.load(options["instance"])
            problem = hhcrsp.to_problem(data)
        except hhcrsp.HhcrspError as error:
            raise CommandError(f"{options['instance']}: {error}") from None
        out = self.stdout
        out.write(f"{len(problem.visits)} visits, {len(problem.carers)} carers; engine {options['engine']}, "
                  f"time limit {options['time_limit']:g} s, seed {options['seed']}")
        began = time.monotonic()
        if options["engine"] == "ortools":
            from kithkin.matching.engine.baseline import solve_with_routing

            solution = solve_with_routing(problem, options["time_limit"], options["seed"])
        else:
            from kithkin.matching.engine import solve

            def progress(seconds: float, best: float) -> None:
                out.write(f"  {seconds:6.1f} s  best cost so far {best:.3f}")

            solution = solve(problem, options["time_limit"], options["seed"], options["iterations"], progress)
        try:
            written = hhcrsp.write(options["out"], data, solution)
        except OSError as error:
            raise CommandError(f"cannot write {options['out']}: {error.strerror or error}") from None
        self.summarise(written, solution, time.monotonic() - began)

    def summarise(self, written: dict, solution, seconds: float) -> None:
        cost = written["cost"]
        self.stdout.write(
            f"cost {cost['total_cost']:.3f} = (distance {cost['distance']:.3f} + total tardiness "
            f"{cost['total_tardiness']:.3f} + max tardiness {cost['max_tardiness']:.3f}) / 3  "
            f"[{solution.engine}, {seconds:.1f} s, {solution.iterations} moves]")
        for item in written.get("unserved", []):
            self.stdout.write(f"unserved: patient {item['patient']} service {item['service']}: {item['reason']}")
        if not written.get("unserved"):
            self.stdout.write("every visit served")
