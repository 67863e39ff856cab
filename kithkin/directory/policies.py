"""Who may do what with the directory. Reading it needs no one's permission; changing it does."""

from kithkin.core.access import is_staff_member
from kithkin.core.models import Role

EDITORS = {Role.COMMISSIONER, Role.ADMINISTRATOR}
PLANNERS = {Role.COMMISSIONER, Role.ADMINISTRATOR, Role.TEAM_MANAGER}


def can_edit_directory(user) -> bool:
    """Approve organisations' suggested changes and confirm entries are still right."""
    return is_staff_member(user) and user.role in EDITORS


def can_see_asset_map(user) -> bool:
    return is_staff_member(user) and user.role in PLANNERS


def can_suggest_change(user) -> bool:
    """Providers keep their own entries right; staff who hear of a change can pass it on too."""
    return is_staff_member(user)
