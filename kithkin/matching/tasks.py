"""Planning a week takes a minute or two, so the page hands it to the task worker."""

from datetime import date

from django_tasks import task


@task()
def plan_week_task(monday: str, seconds: int, user_id: int | None, afresh: bool = False) -> int:
    from kithkin.core.audit import Auditor
    from kithkin.core.models import User
    from kithkin.matching.rosters import plan_week

    user = User.objects.filter(pk=user_id).first() if user_id else None
    roster = plan_week(date.fromisoformat(monday), Auditor(user, channel="task"), time_limit_s=seconds,
                       carry_on=not afresh)
    return roster.pk
