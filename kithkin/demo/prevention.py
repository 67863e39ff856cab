"""Early identification for the demo: alerts from Wickfield Surgery and Fenmere General (some matched,
some for the team to match), risk indicators on older people, and a few contingency plans, so the Alerts,
Tasks and Proactive pages have work on them. The Jones family are left without a plan: making it is the
story the demo tells. Deterministic for a seed; written without audit events, like the rest of the seed."""

from datetime import timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from kithkin.conversations.routing import team_for_postcode
from kithkin.core.models import Role, User
from kithkin.people.models import Person
from kithkin.prevention.models import (
    Alert,
    AlertEvent,
    AlertKind,
    AlertStatus,
    ContingencyPlan,
    Indicator,
    PersonIndicator,
    PlanAction,
    PlanContact,
    PlanTrigger,
    Task,
)

UNMATCHED = (("Walter", "Gedge", "FN3 2XY", AlertKind.FALL, "hospital", "Fenmere General, A&E"),
             ("Doreen", "Pinner", "FN1 3QT", AlertKind.HOSPITAL_DISCHARGE, "hospital", "Fenmere General, Ward 4"),
             ("Stanley", "Boon", "FN2 4LP", AlertKind.BEREAVEMENT, "gp_practice", "Wickfield Surgery"))
MATCHED = (AlertKind.FALL, AlertKind.BEREAVEMENT, AlertKind.OTHER, AlertKind.HOSPITAL_DISCHARGE, AlertKind.FALL)
DETAILS = {AlertKind.FALL: "Fell at home overnight; no fracture. Lives alone.",
           AlertKind.BEREAVEMENT: "Husband died last week. Daughter worried she is not eating.",
           AlertKind.OTHER: "Memory getting worse; husband struggling to cope.",
           AlertKind.HOSPITAL_DISCHARGE: "Home after a chest infection; weak on her feet.",
           AlertKind.HOSPITAL_ADMISSION: "Admitted with breathing difficulty."}


def add_prevention(seed: int = 1, say=lambda message: None, now=None) -> bool:
    if Alert.objects.exists():
        say("There are alerts already: leaving early identification as it is.")
        return False
    rng = Random(seed * 104729 + 11)
    gp, agent = User.objects.filter(username="gp").first(), User.objects.filter(username="agent").first()
    if gp is None or agent is None:
        return False
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    older = list(Person.objects.exclude(date_of_birth=None).exclude(family_name="Jones")
                 .filter(date_of_birth__lte=timezone.localdate(now) - timedelta(days=75 * 365)).order_by("pk"))
    with transaction.atomic():
        indicators = _indicators(rng, older, agent, now)
        alerts = _unmatched(rng, gp, now) + _matched(rng, gp, older, now)
        plans = _plans(rng, older, now)
    say(f"Early identification is ready: {alerts} alerts, {indicators} risk indicators, {plans} contingency plans.")
    return True


def _indicators(rng, older, agent, now) -> int:
    rows = []
    for person in rng.sample(older, min(len(older), max(3, len(older) // 12))):
        for indicator in rng.sample([Indicator.DEMENTIA, Indicator.FRAILTY, Indicator.CARER_OWN_CONDITION],
                                    rng.choice((1, 2, 2, 3))):
            rows.append(PersonIndicator(person=person, indicator=indicator, noted_by=agent,
                                        noted_at=now - timedelta(days=rng.randrange(5, 200))))
    PersonIndicator.objects.bulk_create(rows)
    return len(rows)


def _alert(gp, key, kind, source, source_name, when, **about) -> Alert:
    person = about.get("person")
    alert = Alert.objects.create(
        sender=gp, idempotency_key=key, fingerprint="demo", kind=kind, source=source, source_name=source_name,
        occurred_at=when, received_at=when + timedelta(minutes=20), details=DETAILS.get(kind, ""),
        matched_by="nhs_number" if person else "", status=AlertStatus.MATCHED if person else AlertStatus.UNMATCHED,
        team=team_for_postcode(person.postcode if person else about.get("postcode", "")),
        **{k: v for k, v in about.items() if v is not None})
    AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.RECEIVED, at=alert.received_at, user=gp,
                              detail=source_name)
    if person:
        AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.MATCHED, at=alert.received_at, user=gp,
                                  detail="by NHS number")
    return alert


def _unmatched(rng, gp, now) -> int:
    for i, (given, family, postcode, kind, source, name) in enumerate(UNMATCHED):
        when = now - timedelta(hours=rng.randrange(2, 40))
        _alert(gp, f"demo-u{i}", kind, source, name, when, given_name=given, family_name=family,
               postcode=postcode, date_of_birth=timezone.localdate(now) - timedelta(days=rng.randrange(75, 92) * 365))
    return len(UNMATCHED)


def _matched(rng, gp, older, now) -> int:
    with_nhs = [p for p in older if p.nhs_number]
    chosen = rng.sample(with_nhs, min(len(with_nhs), len(MATCHED)))
    for i, (person, kind) in enumerate(zip(chosen, MATCHED, strict=False)):
        when = now - timedelta(days=rng.randrange(1, 20), hours=rng.randrange(0, 12))
        alert = _alert(gp, f"demo-m{i}", kind, "gp_practice", "Wickfield Surgery", when, person=person,
                       nhs_number=person.nhs_number)
        urgent = kind == AlertKind.FALL
        title = (f"Rapid response: {alert.get_kind_display().lower()} (no contingency plan)" if urgent
                 else f"Follow up: {alert.get_kind_display().lower()} (Wickfield Surgery)")
        due = alert.received_at + (timedelta(hours=1) if urgent else timedelta(days=2))
        done = due < now - timedelta(days=3)
        Task.objects.create(person=person, team=alert.team, from_alert=alert, title=title, due_at=due,
                            done_at=due if done else None, done_note="Called; daughter visiting" if done else "")
    return len(chosen)


def _plans(rng, older, now) -> int:
    chosen = [p for p in older if p.postcode][:40]
    made = 0
    for i, person in enumerate(rng.sample(chosen, min(3, len(chosen)))):
        team = team_for_postcode(person.postcode)
        worker = User.objects.filter(team=team, role=Role.TEAM_MANAGER).first()
        if worker is None:
            continue
        plan = ContingencyPlan.objects.create(
            person=person, made_with=f"{person.given_name} and their son", named_worker=worker, created_by=worker,
            what_matters_most="Staying at home, with the cat", what_helps="A cup of tea and the radio",
            what_upsets="Being rushed", created_at=now - timedelta(days=300 - i * 100),
            review_on=timezone.localdate(now) + timedelta(days=(-5 if i == 0 else 60 * i)))
        PlanTrigger.objects.create(plan=plan, kind=AlertKind.HOSPITAL_ADMISSION, about=person,
                                   description=f"{person.given_name} goes into hospital")
        PlanAction.objects.create(plan=plan, who="Their son", what="Feeds the cat and checks the house",
                                  within_hours=12)
        PlanAction.objects.create(plan=plan, who="Wickfield Good Neighbours", what="Visits every other day",
                                  within_hours=48)
        PlanContact.objects.create(plan=plan, name="Their son", relationship="son", phone="07700 900555")
        made += 1
    return made
