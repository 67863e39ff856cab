"""Role checks that are not about one person's record (those live in people/policies.py)."""

from kithkin.core.models import Role


def is_staff_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_take_contacts(user) -> bool:
    return is_staff_member(user) and user.does_casework and user.team_id is not None


def can_see_team_figures(user) -> bool:
    return is_staff_member(user) and (user.does_casework or user.role == Role.COMMISSIONER)


def can_see_all_figures(user) -> bool:
    """Aggregates across every team: managers, commissioners and analysts."""
    return is_staff_member(user) and user.role in {Role.TEAM_MANAGER, Role.COMMISSIONER, Role.ADMINISTRATOR}


def can_review_audit(user) -> bool:
    return is_staff_member(user) and user.role in {Role.TEAM_MANAGER, Role.ADMINISTRATOR}


def can_break_glass(user) -> bool:
    return is_staff_member(user) and user.does_casework


def can_manage_tokens(user) -> bool:
    """Anyone signed in may hold tokens for themselves; a token never widens what they may see."""
    return is_staff_member(user)
