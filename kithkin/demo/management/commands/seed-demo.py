"""`kithkin seed-demo`: the synthetic Fenmere population, its teams and demo log-ins.

(The file name has a hyphen so the command does: Django names commands after their modules.)
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kithkin.demo import staff
from kithkin.demo.care import add_care
from kithkin.demo.directory import load_directory
from kithkin.demo.prevention import add_prevention
from kithkin.demo.rosters import plan_demo_week
from kithkin.demo.seed import seed
from kithkin.people.models import Person


def whole_number(minimum: int, maximum: int, what: str):
    def parse(text: str) -> int:
        try:
            value = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise ValueError(f"{what} must be a whole number, not {text!r}") from None
        if not minimum <= value <= maximum:
            raise ValueError(f"{what} must be between {minimum:,} and {maximum:,}, not {value:,}")
        return value

    return parse


PEOPLE = whole_number(3, 10_000_000, "--people")
MONTHS = whole_number(1, 120, "--months")
SEED = whole_number(0, 2**63, "--seed")
ROSTER_SECONDS = whole_number(0, 600, "--roster-seconds")


def rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"--contacts-per-person must be a number, not {text!r}") from None
    if not 0 <= value <= 100:
        raise ValueError(f"--contacts-per-person must be between 0 and 100, not {text}")
    return value


def moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--now must be a date and time like 2026-03-02T14:30, not {text!r}") from None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


class Command(BaseCommand):
    help = "Build the synthetic Fenmere population: people, circles, a year of contacts, and demo log-ins."

    def add_arguments(self, parser):
        parser.add_argument("--people", default="2000",
                            help="How many people (3 or more: the Jones family are three of them; default 2,000)")
        parser.add_argument("--seed", default="1",
                            help="The same seed gives the same population (default 1)")
        parser.add_argument("--contacts-per-person", default="3",
                            help="Contacts over the period, on average per person (default 3)")
        parser.add_argument("--months", default="12",
                            help="How far back the contacts go (default 12)")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing (but list the log-ins) when there are people already")
        parser.add_argument("--roster-seconds", default="30",
                            help="Seconds to plan next week's roster of visits for (0: leave it unplanned)")
        parser.add_argument("--now", default=None,
                            help="Build as if it were this moment (ISO 8601), for a reproducible population")

    def handle(self, *args, **options):
        # Checked here rather than by argparse, so bad input is one readable line and exit status 1
        # (the same from call_command, which hands keyword values over without parsing them).
        try:
            options["people"] = PEOPLE(str(options["people"]))
            options["roster_seconds"] = ROSTER_SECONDS(str(options["roster_seconds"]))
            options["seed"] = SEED(str(options["seed"]))
            options["months"] = MONTHS(str(options["months"]))
            options["contacts_per_person"] = rate(str(options["contacts_per_person"]))
            options["now"] = moment(str(options["now"])) if options["now"] is not None else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        existing = Person.objects.count()
        if existing:
            if not options["if_empty"]:
                raise CommandError(f"There are already {existing:,} people in this database: seed-demo builds a "
                                   "population from scratch. Use a fresh database, or --if-empty to skip.")
            self.stdout.write(f"There are already {existing:,} people: leaving the data as it is.")
        else:
            result = seed(options["people"], options["seed"], options["contacts_per_person"], options["months"],
                          now=options["now"], progress=self.stdout.write)
            self.stdout.write(self.style.SUCCESS(
                f"Fenmere is ready: {result.people:,} people, {result.circle_members:,} in their circles, "
                f"{result.contacts:,} contacts, {result.conversations:,} conversations, {result.events:,} "
                f"contact events, in {result.seconds:.0f}s."))
        load_directory(say=self.stdout.write)
        add_care(options["seed"], say=self.stdout.write)
        add_prevention(options["seed"], say=self.stdout.write, now=options["now"])
        plan_demo_week(options["roster_seconds"], options["seed"], say=self.stdout.write)
        rows = staff.log_ins()
        if rows:
            self.stdout.write("\nDemo log-ins (for a demo only: everyone shares this password)\n")
            self.stdout.write(staff.log_in_table(rows))
