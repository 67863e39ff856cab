"""Who may see and work a contact."""

from kithkin.core.access import can_take_contacts, is_staff_member


def can_view_contact(user, contact) -> bool:
    """The contact's team (casework roles), or whoever is handling it."""
    if not is_staff_member(user):
        return False
    if contact.handled_by_id == user.pk:
        return True
    return user.does_casework and user.team_id is not None and contact.team_id == user.team_id


def can_work_contact(user, contact) -> bool:
    return can_take_contacts(user) and can_view_contact(user, contact)
