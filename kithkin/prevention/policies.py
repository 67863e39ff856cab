"""Who may send alerts, and who works the ones that match nobody."""

from kithkin.core.access import is_staff_member
from kithkin.core.models import CASEWORK_ROLES, Role

SENDERS = {Role.PARTNER, Role.PROVIDER, Role.ADMINISTRATOR, *CASEWORK_ROLES}


def can_send_alerts(user) -> bool:
    return is_staff_member(user) and user.role in SENDERS


def can_resolve_alert(user, alert) -> bool:
    """The team the alert landed with resolves it."""
    return is_staff_member(user) and user.does_casework and user.team_id == alert.team_id


def may_match_by_hand(user, alert, person) -> bool:
    """A partner's alert may be matched to anyone the search finds; an alert raised by a member of staff
    only to someone the worker may already see, so raising and matching cannot open a stranger's record."""
    from kithkin.people.policies import access_reason

    return alert.sender.role in (Role.PARTNER, Role.PROVIDER) or access_reason(user, person) is not None
