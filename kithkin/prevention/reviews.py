"""Plans are looked at again on a date. Plans coming due show on the team's proactive worklist, and a
daily reminder (`kithkin remind-plan-reviews`, run by cron) tells each plan's named worker once."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from kithkin.people.policies import visible_people
from kithkin.prevention.crisis import notify
from kithkin.prevention.models import ContingencyPlan

COMING_DUE = timedelta(days=14)  # time enough to arrange a visit with the family


def plans_coming_due(user, today: date | None = None) -> list[ContingencyPlan]:
    """Active plans of the people this user may see, due to be looked at within two weeks or overdue."""
    today = today or timezone.localdate()
    return list(ContingencyPlan.objects.filter(is_active=True, review_on__lte=today + COMING_DUE,
                                               person__in=visible_people(user))
                .select_related("person", "named_worker").order_by("review_on", "person__family_name"))


def remind_reviews(today: date | None = None) -> int:
    """Tell each named worker, once per review date, that a plan is due. Returns how many were told."""
    today = today or timezone.localdate()
    due = (ContingencyPlan.objects.filter(is_active=True, review_on__lte=today)
           .filter(Q(reminded_for=None) | ~Q(reminded_for=F("review_on"))).values_list("pk", flat=True))
    told = 0
    for pk in due:
        told += _remind(pk, today)
    return told


@transaction.atomic
def _remind(plan_id: int, today: date) -> int:
    # Locked and re-checked: two reminder runs at once still tell the worker once.
    plan = ContingencyPlan.objects.select_for_update().select_related("person", "named_worker").get(pk=plan_id)
    if plan.reminded_for == plan.review_on or not plan.is_active or plan.review_on > today:
        return 0
    when = "today" if plan.review_on == today else f"since {plan.review_on:%-d %B %Y}"
    notify(plan.named_worker, f"{plan.person.full_name}'s contingency plan is due to be looked at again ({when})",
           reverse("contingency_plan", args=[plan.person_id]),
           email_text="A contingency plan you are the named worker for is due to be looked at again")
    plan.reminded_for = plan.review_on
    plan.save(update_fields=["reminded_for"])
    return 1
