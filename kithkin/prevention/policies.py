"""Who may send alerts, and who works the ones that match nobody."""

from kithkin.core.access import is_staff_member
from kithkin.core.models import CASEWORK_ROLES, Role

SENDERS = {Role.PARTNER, Role.PROVIDER, Role.ADMINISTRATOR, *CASEWORK_ROLES}


def can_send_alerts(user) -> bool:
    return is_staff_member(user) and user.role in SENDERS


def can_resolve_alert(user, alert) -> bool:
    """The team the alert landed with resolves it."""
    return is_staff_member(user) and user.does_casework and user.team_id == alert.team_id
