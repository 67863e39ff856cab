"""Who may see and change the carers register. A person's preferences, visits and matches follow the
person's own need-to-know rules (people.policies)."""

from kithkin.core.access import is_staff_member
from kithkin.core.models import Role

REGISTER_EDITORS = {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.ADMINISTRATOR}


def can_see_carers(user) -> bool:
    """Casework staff match people with carers; administrators keep the register."""
    return is_staff_member(user) and (user.does_casework or user.role == Role.ADMINISTRATOR)


def can_see_carer_details(user) -> bool:
    """A carer's phone, home postcode and check dates are for those who keep the register and plan their weeks;
    others who match people with carers see what matching needs (their district, whether their checks are
    current)."""
    return can_change_carers(user)


def can_change_carers(user) -> bool:
    return is_staff_member(user) and user.role in REGISTER_EDITORS


def get_carer_for_user(user, carer_id: int):
    """The carer if this user may see the register (like healthchecks' _get_check_for_user)."""
    from kithkin.matching.models import Carer

    if not can_see_carers(user):
        return None
    return Carer.objects.filter(pk=carer_id).first()


ROSTER_PLANNERS = {Role.PRACTITIONER, Role.TEAM_MANAGER}


def can_plan_rosters(user) -> bool:
    """Rosters say who visits whom, and when: for the casework staff who plan them. An administrator keeps the
    register but sees nobody's record, so a roster would be a page of people they cannot open."""
    return is_staff_member(user) and user.role in ROSTER_PLANNERS


def can_see_carer_week(user, carer) -> bool:
    """Planners, and the carer themselves (their own week, from their log-in)."""
    return can_plan_rosters(user) or (is_staff_member(user) and carer.user_id == user.pk)
