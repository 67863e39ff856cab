"""Background work for the core, run by the django-tasks worker."""

from django.core.mail import send_mail
from django_tasks import task

from kithkin.core.models import BreakGlass, Role, User


@task()
def tell_managers_about_break_glass(grant_id: int) -> int:
    """Email the worker's team managers. The email names no one: it points at the review page."""
    grant = BreakGlass.objects.select_related("user").filter(pk=grant_id).first()
    if grant is None or grant.user.team_id is None:
        return 0
    managers = User.objects.filter(team_id=grant.user.team_id, role=Role.TEAM_MANAGER, is_active=True)
    addresses = [m.email for m in managers if m.email and m.pk != grant.user_id]
    if not addresses:
        return 0
    send_mail(
        subject="Break-glass access to review",
        message=(
            f"{grant.user.display_name} used break-glass access to a record at "
            f"{grant.started_at:%H:%M on %d %b %Y}. Please review it in Kithkin under Manage > Break-glass."
        ),
        from_email=None,
        recipient_list=addresses,
    )
    return len(addresses)
