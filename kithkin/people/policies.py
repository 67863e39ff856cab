"""Need-to-know: who may see and change a person's record, and why.

A worker sees a person only through a legitimate relationship: handling (or having
recently handled) one of their contacts, being on their care team, the person having
an open contact on the worker's team worklist, a recent alert about them sent to the
worker's team, crisis support the team is giving them, being the named worker on their
contingency plan, or, for a team manager, a recent contact with their team. Outside those,
break-glass with a recorded reason. Commissioners and
administrators see no personal records at all.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from kithkin.core.access import is_staff_member
from kithkin.core.models import BreakGlass, Role
from kithkin.people.models import Person

CARE_TEAM = "on their care team"
HANDLING = "handling their contact"
WORKLIST = "on the team worklist"
MANAGER = "their team manager"
ALERT = "an alert to the team"
CRISIS = "crisis support from the team"
NAMED_WORKER = "the named worker on their contingency plan"
BREAK_GLASS = "break-glass"


# Only an alert from a partner's system, matched by its own details, makes a reason to see someone: an alert
# a worker raised, or matched by hand, must not open a record the worker had no other reason to see.
PARTNER_ROLES = (Role.PARTNER, Role.PROVIDER)
AUTOMATIC_MATCHES = ("nhs_number", "name_dob_postcode")
_PARTNER_ALERT = Q(sender__role__in=PARTNER_ROLES, matched_by__in=AUTOMATIC_MATCHES)


def _contact_cutoff():
    return timezone.now() - timedelta(days=settings.KITHKIN_CONTACT_ACCESS_DAYS)


def _may_hold_records(user) -> bool:
    return is_staff_member(user) and (user.does_casework or user.role == Role.PROVIDER)


def access_reason(user, person: Person) -> str | None:
    """Why this user may see this person, or None if they may not.

    Asked on every view of a record, so: one small EXISTS query per relationship, the likeliest first,
    stopping at the first that holds. (One query with all of them as subqueries costs more to build
    in the ORM than these cost to run.)"""
    if not _may_hold_records(user) or person is None or person.pk is None:
        return None
    if person.care_team.filter(user=user, ended_on__isnull=True).exists():
        return CARE_TEAM
    if user.does_casework:
        contacts = person.contacts.all()
        if contacts.filter(
            Q(received_at__gte=_contact_cutoff()) | Q(resolved_at__isnull=True), handled_by=user
        ).exists():
            return HANDLING
        if user.team_id and contacts.filter(team_id=user.team_id, resolved_at__isnull=True).exists():
            return WORKLIST
        if user.team_id and person.crisis_episodes.filter(team_id=user.team_id, closed_at__isnull=True).exists():
            return CRISIS
        # Told at once when the plan is set off, and reminded to look at it again: they must be able to open it.
        if person.contingency_plans.filter(named_worker=user, is_active=True).exists():
            return NAMED_WORKER
        if user.team_id and person.alerts.filter(_PARTNER_ALERT, team_id=user.team_id,
                                                 received_at__gte=_contact_cutoff()).exists():
            return ALERT
        if user.is_manager and user.team_id and contacts.filter(
            team_id=user.team_id, received_at__gte=_contact_cutoff()
        ).exists():
            return MANAGER
    if active_break_glass(user, person) is not None:
        return BREAK_GLASS
    return None


def can_view_person(user, person: Person) -> bool:
    return access_reason(user, person) is not None


# Pass the reason when the caller already has it from get_person_for_user, to save asking again.
_ASK = object()


def can_change_person(user, person: Person, reason=_ASK) -> bool:
    """Providers on a care team may read the record; changing it is for council and partner casework.
    Break-glass is for reading in an emergency, not for changing the record."""
    if not (_may_hold_records(user) and user.does_casework):
        return False
    if reason is _ASK:
        reason = access_reason(user, person)
    return reason not in (None, BREAK_GLASS)


def can_export_person(user, person: Person, reason=_ASK) -> bool:
    """A subject access export is a team manager's job (or an administrator's, for the records team)."""
    if not is_staff_member(user):
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    if not user.is_manager:
        return False
    if reason is _ASK:
        reason = access_reason(user, person)
    return reason is not None


def active_break_glass(user, person: Person) -> BreakGlass | None:
    return (
        BreakGlass.objects.filter(user=user, person=person, expires_at__gt=timezone.now())
        .order_by("-started_at")
        .first()
    )


def visible_people(user) -> QuerySet[Person]:
    """Everyone this user may see, for lists and the API. Mirrors access_reason."""
    if not _may_hold_records(user):
        return Person.objects.none()
    now = timezone.now()
    rule = Q(care_team__user=user, care_team__ended_on__isnull=True)
    rule |= Q(break_glass__user=user, break_glass__expires_at__gt=now)
    if user.does_casework:
        rule |= Q(contacts__handled_by=user, contacts__received_at__gte=_contact_cutoff())
        rule |= Q(contacts__handled_by=user, contacts__resolved_at__isnull=True)
        rule |= Q(contingency_plans__named_worker=user, contingency_plans__is_active=True)
        if user.team_id:
            rule |= Q(contacts__team_id=user.team_id, contacts__resolved_at__isnull=True)
            rule |= Q(crisis_episodes__team_id=user.team_id, crisis_episodes__closed_at__isnull=True)
            rule |= Q(alerts__team_id=user.team_id, alerts__received_at__gte=_contact_cutoff(),
                      alerts__sender__role__in=PARTNER_ROLES, alerts__matched_by__in=AUTOMATIC_MATCHES)
            if user.is_manager:
                rule |= Q(contacts__team_id=user.team_id, contacts__received_at__gte=_contact_cutoff())
    ids = Person.objects.filter(rule).values("pk")
    return Person.objects.filter(pk__in=ids)


def get_person_for_user(user, person_id) -> tuple[Person | None, str | None]:
    """The person and the reason the user may see them; (person, None) when they may not; (None, None) if absent.

    Like healthchecks' _get_check_for_user: callers decide between 404 and the break-glass page.
    """
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return None, None
    return person, access_reason(user, person)
