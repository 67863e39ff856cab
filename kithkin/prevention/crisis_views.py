"""Crisis support for staff: an episode's page (tasks, check-ins, ending it), the team's tasks, and a
member of staff's notifications."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kithkin.core.access import can_take_contacts, is_staff_member
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.people.policies import get_person_for_user, visible_people
from kithkin.prevention import crisis
from kithkin.prevention.models import CheckIn, CrisisEpisode, CrisisOption, EpisodeOutcome, Notification, Task


def _episode_for_user(request, episode_id: int):
    """The episode, if the user's team runs it or they may see the person (need-to-know)."""
    episode = get_object_or_404(CrisisEpisode.objects.select_related("person", "plan", "named_worker", "team"),
                                pk=episode_id)
    if request.user.team_id == episode.team_id and request.user.does_casework:
        return episode
    _person, reason = get_person_for_user(request.user, episode.person_id)
    return episode if reason is not None else None


@staff_required(can_take_contacts)
def episode_page(request, episode_id: int):
    episode = _episode_for_user(request, episode_id)
    if episode is None:
        return forbidden(request, "This crisis support is run by another team.")
    return _page(request, episode)


def _page(request, episode, errors=None, typed=None):
    """The episode's page; with `errors` (a field id to its message) when a form on it was not right."""
    Auditor.for_request(request).viewed(episode.person, what="crisis support")
    alert = episode.opened_by_alert
    trigger = (episode.plan.triggers.filter(kind=alert.kind, about_id=alert.person_id).select_related("about")
               .first() if episode.plan and alert and alert.person_id else None)
    return render(request, "prevention/episode.html", {
        "episode": episode, "tasks": episode.tasks.select_related("owner", "done_by"),
        "check_ins": episode.check_ins.select_related("held_by"), "outcomes": EpisodeOutcome.choices,
        "options": CrisisOption.choices, "alert": alert, "trigger": trigger,
        "contacts": episode.plan.contacts.all() if episode.plan else [],
        "errors": errors or {}, "typed": typed or {}, "now": timezone.now(), "active": "tasks",
    }, status=400 if errors else 200)


@require_POST
@staff_required(can_take_contacts)
def task_done(request, task_id: int):
    task = get_object_or_404(Task, pk=task_id)
    if task.team_id != request.user.team_id:
        return forbidden(request, "This task belongs to another team.")
    try:
        crisis.complete_task(task, Auditor.for_request(request), request.POST.get("note", "")[:1000])
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Done: {task.title}")
    return redirect("crisis_episode", task.episode_id) if task.episode_id else redirect("team_tasks")


@require_POST
@staff_required(can_take_contacts)
def check_in(request, check_in_id: int):
    item = get_object_or_404(CheckIn.objects.select_related("episode"), pk=check_in_id)
    episode = _episode_for_user(request, item.episode_id)
    if episode is None:
        return forbidden(request, "This crisis support is run by another team.")
    words = request.POST.get("how_coping", "")[:5000]
    try:
        crisis.record_check_in(item, words, Auditor.for_request(request))
    except ActionError as exc:
        return _page(request, episode, {f"coping-{item.pk}": str(exc)}, {f"coping-{item.pk}": words})
    messages.success(request, "Check-in recorded.")
    return redirect("crisis_episode", item.episode_id)


@require_POST
@staff_required(can_take_contacts)
def episode_goals(request, episode_id: int):
    episode = _episode_for_user(request, episode_id)
    if episode is None:
        return forbidden(request, "This crisis support is run by another team.")
    try:
        crisis.set_goals(episode, request.POST.get("goals", "")[:5000], request.POST.getlist("options"),
                         Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Goals saved.")
    return redirect("crisis_episode", episode.pk)


@require_POST
@staff_required(can_take_contacts)
def episode_close(request, episode_id: int):
    episode = _episode_for_user(request, episode_id)
    if episode is None:
        return forbidden(request, "This crisis support is run by another team.")
    notes = request.POST.get("notes", "")[:5000]
    try:
        crisis.close_episode(episode, request.POST.get("outcome", ""), notes, Auditor.for_request(request))
    except ActionError as exc:
        return _page(request, episode, {"outcome": str(exc)}, {"notes": notes})
    messages.success(request, "Crisis support ended.")
    return redirect("crisis_episode", episode.pk)


@staff_required(can_take_contacts)
def team_tasks(request):
    open_tasks = Task.objects.filter(team=request.user.team, done_at=None).select_related("person", "owner")
    # "How are you coping?" calls due within two days are work too.
    soon = timezone.localdate() + timedelta(days=2)
    check_ins = (CheckIn.objects.filter(episode__team=request.user.team, episode__closed_at=None, held_at=None,
                                        due_on__lte=soon).select_related("episode__person").order_by("due_on"))
    tasks = list(open_tasks.select_related("from_alert").order_by("due_at"))
    visible = set(visible_people(request.user).filter(pk__in=[t.person_id for t in tasks]).values_list("pk",
                                                                                                     flat=True))
    for t in tasks:  # someone the team may not open is named as the alert named them
        t.who_for = t.person.full_name if t.person_id in visible else _as_alert_named(t.from_alert)
    return render(request, "prevention/tasks.html", {"tasks": tasks, "now": timezone.now(),
                                                     "check_ins": check_ins, "today": timezone.localdate(),
                                                     "active": "tasks"})


def _as_alert_named(alert) -> str:
    if alert is None:
        return "someone"
    name = " ".join(n for n in (alert.given_name, alert.family_name) if n)
    return name or (f"NHS number {alert.nhs_number}" if alert.nhs_number else "someone")


@staff_required(is_staff_member)
def notifications(request):
    mine = list(Notification.objects.filter(user=request.user)[:100])
    Notification.objects.filter(user=request.user, read_at=None).update(read_at=timezone.now())
    return render(request, "prevention/notifications.html", {"notifications": mine, "active": "notifications"})
