"""Build the synthetic Fenmere population: teams, staff, people, circles, and months of the front door.

Deterministic: the same `seed` (and the same `now`) gives the same people, words and times.
All of it is written in one transaction, so a failure leaves nothing half-built.

No audit events are written for the synthetic rows: the audit log records what people did to records,
and a seed is not anyone's activity. The identifiers it makes up are valid ones (see identity.py).
"""

import time as timer
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from random import Random

from django.db import transaction
from django.utils import timezone

from kithkin.conversations.models import Contact, ContactEvent, Conversation
from kithkin.demo import clock, jones, staff
from kithkin.demo.contacts import ContactFactory
from kithkin.demo.identity import NhsNumbers
from kithkin.demo.population import PopulationFactory
from kithkin.demo.writer import Writer
from kithkin.people.models import CircleMember, Person

ANONYMOUS_SHARE = 0.06  # contacts from people who gave no details (a quick question, a wrong number)
MIN_RECENT = 40  # contacts in the last few days, however small the population, so the worklist has work


@dataclass
class Result:
    people: int
    circle_members: int
    contacts: int
    conversations: int
    events: int
    seconds: float


def allocate(rng: Random, count: int, total: int) -> list[int]:
    """Share `total` contacts among `count` people: most have one or two, a few have many."""
    if count == 0 or total == 0:
        return [0] * count
    weights = [rng.gammavariate(0.8, 1.0) for _ in range(count)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in rng.sample(range(count), total - sum(counts)):
        counts[index] += 1
    return counts


def seed(people: int, seed: int = 1, contacts_per_person: float = 3.0, months: int = 12,
         now: datetime | None = None, progress: Callable[[str], None] | None = None,
         using: str = "default") -> Result:
    started = timer.monotonic()
    say = progress or (lambda message: None)
    rng = Random(seed)
    local_now = clock.local(now or timezone.now()).replace(second=0, microsecond=0)
    with transaction.atomic(using=using):
        teams = staff.ensure_teams()
        users = staff.ensure_staff(teams)
        handlers = staff.handlers(teams, users)
        writer = Writer(using)
        for model in (Person, CircleMember, Contact, Conversation, ContactEvent):
            writer.register(model)
        try:
            _populate(writer, rng, people, contacts_per_person, months, local_now, handlers, teams, say, started)
            writer.finish()
        except BaseException:
            writer.abandon()
            raise
        say(f"committing ({timer.monotonic() - started:.0f}s)")
    written = writer.written
    return Result(written[Person], written[CircleMember], written[Contact], written[Conversation],
                  written[ContactEvent], timer.monotonic() - started)


def _populate(writer, rng, people, contacts_per_person, months, local_now, handlers, teams, say, started) -> None:
    today = local_now.date()
    nhs = NhsNumbers(rng)
    # Contacts fall around the clock of the day the demo is made; their own stream of numbers keeps the people
    # (and everything built on them, such as the roster's week) the same for a seed whenever it is made.
    contacts = ContactFactory(Random(rng.randrange(2**32)), writer, local_now, months, [t.pk for t in teams],
                              handlers)
    history_handler = next((s for s in handlers[0] if s.name == "Ben Turner"), handlers[0][0])
    used = jones.add(writer, today, local_now, contacts.days, teams[0].pk, history_handler, nhs)

    synthetic = people - 3
    total = max(0, round(people * contacts_per_person) - used)
    anonymous = round(total * ANONYMOUS_SHARE)
    counts = allocate(rng, synthetic, total - anonymous)
    if total:
        contacts.recent_share = max(0.0, MIN_RECENT / total - 5 / contacts.days)
    population = PopulationFactory(rng, writer, contacts, today, local_now, nhs)
    step = max(1000, min(20000, synthetic // 10 or 1))
    done, next_report = 0, step
    while done < synthetic:
        before = done
        done += population.household(counts[done:done + 2])
        population.anonymous(done * anonymous // synthetic - before * anonymous // synthetic)
        if done >= next_report or done == synthetic:
            writer.flush()
            say(f"people {done + 3:,}/{synthetic + 3:,}, contacts {writer.written[Contact]:,}, "
                f"events {writer.written[ContactEvent]:,} ({timer.monotonic() - started:.0f}s)")
            next_report += step
