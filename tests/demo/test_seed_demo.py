"""`kithkin seed-demo`: a small synthetic Fenmere, checked for the things the demo and the benchmark rely on."""

from datetime import datetime, timedelta
from io import StringIO

import nhs_number
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from kithkin.conversations import actions as front_door
from kithkin.conversations.models import CLOSING_OUTCOMES, Contact, ContactEvent, Conversation, Outcome
from kithkin.conversations.routing import team_for_postcode
from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent, Role, Team, User
from kithkin.core.validators import normalise_nhs_number, normalise_phone, normalise_postcode
from kithkin.demo.staff import DEMO_PASSWORD
from kithkin.people import actions as people_actions
from kithkin.people.models import CircleMember, Person
from kithkin.people.search import find_people

NOW = "2026-03-04T15:30:00"  # a Wednesday afternoon


def seed_demo(*args: str) -> str:
    """The seed without next week's roster (its own test plans one), so these tests stay quick."""
    out = StringIO()
    call_command("seed-demo", *args, *(() if "--roster-seconds" in args else ("--roster-seconds", "0")), stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return seed_demo("--people", "60", "--seed", "3")


def fingerprint() -> dict:
    """Everything the seed decides, without database ids."""
    people = list(Person.objects.order_by("id").values_list(
        "given_name", "family_name", "date_of_birth", "nhs_number", "postcode", "address_line_1", "languages",
        "what_matters", "living_situation", "created_at"))
    circles = list(CircleMember.objects.order_by("id").values_list(
        "person__nhs_number", "person__family_name", "name", "linked_person__given_name", "relationship",
        "is_unpaid_carer"))
    contacts = list(Contact.objects.order_by("id").values_list(
        "team__name", "person__given_name", "received_at", "channel", "raised_by", "in_their_words",
        "handled_by__username", "first_spoken_at", "resolved_at", "outcome", "follow_up_on"))
    conversations = list(Conversation.objects.order_by("id").values_list(
        "held_at", "held_by__username", "outcome", "connected_to", "no_further_action_reason"))
    events = list(ContactEvent.objects.order_by("id").values_list("kind", "at", "user__username", "detail"))
    from kithkin.matching.models import Carer, VisitPattern
    from kithkin.prevention.models import Alert

    carers = list(Carer.objects.order_by("id").values_list("given_name", "family_name", "postcode", "skills"))
    visits = list(VisitPattern.objects.order_by("id").values_list("person__nhs_number", "skill", "weekdays",
                                                                  "earliest"))
    alerts = list(Alert.objects.order_by("id").values_list("kind", "person__nhs_number", "occurred_at"))
    return {"people": people, "circles": circles, "contacts": contacts, "conversations": conversations,
            "events": events, "carers": carers, "visits": visits, "alerts": alerts}


def wipe() -> None:
    from kithkin.matching.models import Carer, Preferences, Roster, VisitPattern
    from kithkin.prevention.models import Alert, ContingencyPlan, PersonIndicator, Task

    for model in (Roster, Task, Alert, ContingencyPlan, PersonIndicator, VisitPattern, Preferences, Carer):
        model.objects.all().delete()
    ContactEvent.objects.all().delete()
    Conversation.objects.all().delete()
    Contact.objects.all().delete()
    CircleMember.objects.all().delete()
    Person.objects.all().delete()


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_population_and_another_seed_a_different_one():
    seed_demo("--people", "60", "--seed", "11", "--now", NOW)
    first = fingerprint()
    wipe()
    seed_demo("--people", "60", "--seed", "11", "--now", NOW)
    assert fingerprint() == first
    wipe()
    seed_demo("--people", "60", "--seed", "12", "--now", NOW)
    assert fingerprint()["people"] != first["people"]
    assert len(first["people"]) == 60 and len(first["contacts"]) == 180


def test_the_jones_family_are_there_with_their_relationships(seeded):
    arthur = Person.objects.get(given_name="Arthur", family_name="Jones")
    edna = Person.objects.get(given_name="Edna", family_name="Jones")
    sarah = Person.objects.get(given_name="Sarah", family_name="Jones")
    today = timezone.localdate()
    assert arthur.age_on(today) == 84 and 78 <= edna.age_on(today) <= 84 and 30 <= sarah.age_on(today) <= 45
    assert "not her carer" in arthur.what_matters and "COPD" in arthur.communication_needs
    assert "dementia" in edna.communication_needs
    assert arthur.postcode.startswith("FN1 ") and edna.postcode == arthur.postcode and edna.town == "Wickfield"
    assert sarah.postcode.startswith("FN2 ") and sarah.town == "Holme St Agnes"

    husband = edna.circle.get(linked_person=arthur)
    assert husband.connection == "family" and husband.is_unpaid_carer
    assert "husband" in husband.relationship and "not her carer" in husband.relationship
    for parent in (arthur, edna):
        daughter = parent.circle.get(linked_person=sarah)
        assert (daughter.connection, daughter.relationship) == ("family", "daughter")
    assert set(sarah.circle.exclude(linked_person=None).values_list("linked_person__given_name", flat=True)) == {
        "Arthur", "Edna"}
    assert arthur.circle.get(linked_person=edna).relationship == "wife"

    # A little history, nothing open: the demo takes a new contact from Sarah.
    assert arthur.contacts.count() == 1 and arthur.contacts.get().outcome == Outcome.CONNECTION
    assert not Contact.objects.filter(person__family_name="Jones", person__given_name__in=["Arthur", "Edna", "Sarah"],
                                      resolved_at__isnull=True).exists()
    agent = User.objects.get(username="agent")
    for name in ("Arthur Jones", "Edna Jones", "Sarah Jones"):
        assert name in [p.full_name for p in find_people(name, Auditor(agent))]


def test_identifiers_are_valid_and_nhs_numbers_unique(seeded):
    people = list(Person.objects.all())
    numbers = [p.nhs_number for p in people if p.nhs_number]
    assert len(numbers) > 20 and len(set(numbers)) == len(numbers)
    for number in numbers:
        assert nhs_number.is_valid(number) and normalise_nhs_number(number) == number
        assert nhs_number.REGION_SYNTHETIC.contains_number(number)
    for person in people:
        person.full_clean()
        assert normalise_postcode(person.postcode) == person.postcode
        assert normalise_phone(person.phone) == person.phone
        assert person.phone.startswith(("01632 960", "07700 900"))
        assert person.date_of_birth is None or person.age >= 18
    for member in CircleMember.objects.all():
        member.full_clean()
    for contact in Contact.objects.all():
        contact.full_clean()


def test_people_are_mostly_older_and_from_many_communities(seeded):
    ages = [p.age for p in Person.objects.exclude(date_of_birth=None)]
    assert sum(age >= 65 for age in ages) > len(ages) / 2
    assert Person.objects.exclude(languages="English").exists()
    assert CircleMember.objects.filter(is_unpaid_carer=True).exists()
    assert CircleMember.objects.exclude(linked_person=None).count() >= 6  # the Jones family's, at least


def test_every_contact_is_on_the_team_that_covers_its_postcode(seeded):
    codes = [code for team in Team.objects.all() for code in team.outward_codes.split()]
    assert sorted(codes) == [f"FN{n}" for n in range(1, 10)]
    for contact in Contact.objects.select_related("team", "handled_by"):
        assert contact.postcode.split()[0] in contact.team.outward_codes.split()
        assert team_for_postcode(contact.postcode) == contact.team
        if contact.handled_by:
            assert contact.handled_by.team_id == contact.team_id


def test_outcomes_and_timings_are_a_realistic_mix(seeded):
    outcomes = set(Contact.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert {Outcome.INFORMATION, Outcome.ADVICE, Outcome.CONNECTION} <= outcomes and len(outcomes) >= 5
    now = timezone.now()
    closed = Contact.objects.exclude(resolved_at=None)
    within_a_day = sum(c.resolved_at - c.received_at <= timedelta(hours=24) for c in closed)
    assert closed.count() * 0.4 < within_a_day < closed.count()
    for contact in Contact.objects.prefetch_related("conversations", "events"):
        kinds = [e.kind for e in contact.events.all()]
        assert kinds[0] == ContactEvent.Kind.RECEIVED and contact.received_at <= now
        if contact.resolved_at:
            assert contact.outcome in CLOSING_OUTCOMES and kinds[-1] == ContactEvent.Kind.CLOSED
            assert contact.received_at <= contact.first_spoken_at <= contact.resolved_at <= now
            assert contact.conversations.all()[len(contact.conversations.all()) - 1].outcome == contact.outcome
        for conversation in contact.conversations.all():
            front_door._check_outcome(conversation)  # the same rules as a worker's conversation
            conversation.full_clean()


def test_some_contacts_are_still_open_for_the_worklist(seeded):
    open_contacts = Contact.objects.filter(resolved_at=None)
    assert open_contacts.count() >= 3
    assert open_contacts.filter(received_at__lt=timezone.now() - timedelta(hours=24)).exists()
    assert open_contacts.filter(team__name="Wickfield and Marshby").exists()


def test_there_is_a_demo_log_in_for_every_role(seeded):
    for role in Role:
        assert User.objects.filter(role=role).exists(), role
    signed_in = Client().post("/sign-in", {"username": "agent", "password": DEMO_PASSWORD}, follow=True)
    assert signed_in.status_code == 200 and signed_in.wsgi_request.user.username == "agent"
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser and admin.role == Role.ADMINISTRATOR
    assert User.objects.get(username="agent").team.name == "Wickfield and Marshby"
    for team in Team.objects.all():
        assert team.members.filter(role=Role.COMMUNITY_AGENT).count() >= 2
    assert "agent" in seeded and DEMO_PASSWORD in seeded and "Username" in seeded


def test_the_seed_writes_no_audit_events_and_leaves_the_id_sequences_ready(seeded):
    assert not AuditEvent.objects.exists()  # the seed is nobody's activity
    agent = User.objects.get(username="agent")
    contact = front_door.receive_contact({
        "team": agent.team, "handled_by": agent, "channel": "phone", "raised_by": "family",
        "caller_name": "Sarah Jones", "postcode": "FN1 1AD", "in_their_words": "Dad's had another fall.",
    }, Auditor(agent))
    person = people_actions.create_person({"given_name": "New", "family_name": "Person"}, Auditor(agent))
    assert contact.pk > Contact.objects.exclude(pk=contact.pk).order_by("-pk").first().pk
    assert person.pk > Person.objects.exclude(pk=person.pk).order_by("-pk").first().pk


def test_if_empty_leaves_the_data_alone_but_lists_the_log_ins(seeded):
    before = (Person.objects.count(), Contact.objects.count(), User.objects.count())
    output = seed_demo("--people", "500", "--seed", "9", "--if-empty")
    assert (Person.objects.count(), Contact.objects.count(), User.objects.count()) == before
    assert "already" in output and "agent" in output and DEMO_PASSWORD in output


def test_without_if_empty_it_refuses_a_database_that_has_people(seeded):
    with pytest.raises(CommandError, match="already"):
        seed_demo("--people", "60")


@pytest.mark.django_db
@pytest.mark.parametrize("args, message", [
    (["--people", "-5"], "--people must be between 3"),
    (["--people", "abc"], "--people must be a whole number"),
    (["--people", "2"], "--people must be between 3"),
    (["--people", "60", "--months", "0"], "--months must be between 1"),
    (["--people", "60", "--contacts-per-person", "lots"], "--contacts-per-person must be a number"),
    (["--people", "60", "--now", "yesterday"], "--now must be a date and time"),
])
def test_bad_input_is_one_readable_error(args, message):
    with pytest.raises(CommandError, match=message):
        seed_demo(*args)
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_bad_input_from_keywords_is_refused_too():
    with pytest.raises(CommandError, match="--people"):
        call_command("seed-demo", people=-5, stdout=StringIO())


@pytest.mark.django_db
def test_the_same_seed_later_in_the_day_builds_the_same_people_and_visits():
    """Contacts fall around the clock the demo is made at; the people and their regular visits (and so the
    roster benchmark's week) must not."""
    seed_demo("--people", "120", "--seed", "11", "--now", NOW)
    first = fingerprint()
    wipe()
    seed_demo("--people", "120", "--seed", "11", "--now", "2026-03-04T09:07:00")
    later = fingerprint()
    people = [row[:-1] for row in first["people"]]  # without created_at, which follows the clock
    assert [row[:-1] for row in later["people"]] == people
    assert later["visits"] == first["visits"] and later["carers"] == first["carers"]


@pytest.mark.django_db
def test_now_sets_the_clock_the_population_is_built_around():
    seed_demo("--people", "20", "--seed", "1", "--now", NOW)
    latest = Contact.objects.order_by("-received_at").first().received_at
    assert latest <= timezone.make_aware(datetime.fromisoformat(NOW))
    with pytest.raises(ValidationError):
        normalise_nhs_number("9990840017")  # one digit off Arthur's: the check digit catches it
    assert Person.objects.get(given_name="Arthur").nhs_number == "9990840016"


@pytest.mark.django_db
def test_the_demo_has_carers_people_with_visits_and_next_weeks_roster():
    from kithkin.matching.models import Carer, Roster, VisitPattern

    out = seed_demo("--people", "60", "--seed", "5", "--roster-seconds", "5")
    assert Carer.objects.count() == 90 and VisitPattern.objects.values("person").distinct().count() == 18
    # About one carer in six with a DBS check out of date, counted from today: the demo does not age
    assert 65 <= sum(carer.dbs_current for carer in Carer.objects.all()) <= 85
    roster = Roster.objects.get()
    assert roster.week_starting.weekday() == 0 and roster.figures["served"] > 0
    assert "The roster is ready" in out
