"""When an alert comes in about someone: set off their (or their cared-for person's) contingency plan,
or, with no plan, ask the locality team for a rapid response within the hour. Called inside the alert's
own transaction, so an alert is never stored without what it should set off."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kithkin.conversations.routing import team_for_postcode
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor, snapshot
from kithkin.prevention.models import (
    AlertKind,
    CheckIn,
    ContingencyPlan,
    CrisisEpisode,
    EpisodeOutcome,
    Notification,
    PlanPart,
    PlanTrigger,
    Task,
)
from kithkin.prevention.tasks import email_notification

# Alerts that need someone to act now when there is no plan to follow.
URGENT = {AlertKind.HOSPITAL_ADMISSION, AlertKind.FALL, AlertKind.CARER_UNABLE, AlertKind.MISSED_VISITS,
          AlertKind.SAFEGUARDING}
RAPID_RESPONSE = timedelta(hours=1)
FOLLOW_UP = timedelta(days=2)  # an alert that sets nothing off still gets someone to look, within two days
CHECK_IN_DAYS = (2, 7, 21)  # "How are you coping?": soon, after a week, and half way


def respond_to_alert(alert, auditor: Auditor) -> list:
    """Episodes and tasks the alert set off (empty when it set nothing off)."""
    if alert.person_id is None:
        return []
    triggers = list(PlanTrigger.objects.filter(about_id=alert.person_id, kind=alert.kind, plan__is_active=True)
                    .select_related("plan", "plan__person", "plan__named_worker"))
    if triggers:
        return [_set_off(trigger, alert, auditor) for trigger in triggers]
    episode = CrisisEpisode.objects.filter(person_id=alert.person_id, closed_at=None).select_related(
        "named_worker", "person").first()
    if episode is not None:  # crisis support is running: this is news for it, not a separate job
        return [_during_episode(episode, alert, auditor)]
    if alert.kind in URGENT:
        return [_rapid_response(alert, auditor)]
    return [_follow_up(alert, auditor)]


def _during_episode(episode: CrisisEpisode, alert, auditor: Auditor) -> Task:
    due = alert.received_at + (RAPID_RESPONSE if alert.kind in URGENT else FOLLOW_UP)
    task = Task.objects.create(episode=episode, person=episode.person, team=episode.team, from_alert=alert,
                               owner=episode.named_worker, due_at=due,
                               title=f"{alert.get_kind_display()}: see how they are "
                                     f"({alert.source_name or alert.get_source_display()})")
    auditor.created(task, person=episode.person, summary="A task in the crisis support already running")
    notify(episode.named_worker, f"{episode.person.full_name}: {alert.get_kind_display().lower()} "
                                 "during crisis support", reverse("crisis_episode", args=[episode.pk]),
           email_text="There is news about someone you are supporting through a crisis")
    return task


def _set_off(trigger: PlanTrigger, alert, auditor: Auditor) -> CrisisEpisode:
    # One at a time per plan: two hospitals' alerts arriving together must open one episode, not two.
    plan = ContingencyPlan.objects.select_for_update().select_related("person", "named_worker").get(
        pk=trigger.plan_id)
    episode = plan.episodes.filter(closed_at=None).first()
    opened = episode is None
    if opened:
        episode = _open_episode(plan, alert, auditor)
    now = timezone.now()
    # An action already under way in this episode is not asked for twice by a second alert (by its words:
    # a new plan made during the crisis copies the old plan's actions).
    running = set(episode.tasks.filter(done_at=None).values_list("who", "title"))
    new = 0
    for action in plan.actions.filter(part=trigger.part):
        if (action.who, action.what) in running:
            continue
        Task.objects.create(episode=episode, person=plan.person, team=episode.team, title=action.what,
                            who=action.who, owner=action.owner or plan.named_worker, from_action=action,
                            from_alert=alert, due_at=now + timedelta(hours=action.within_hours))
        new += 1
    if opened or new:  # the ambulance and the hospital telling us of the same admission is one message
        part = "coming-home part of the plan" if trigger.part == PlanPart.COMING_HOME else "plan"
        notify(plan.named_worker, f"{plan.person.full_name}'s {part} has been set off: {trigger.description}",
               reverse("crisis_episode", args=[episode.pk]),
               email_text=f"A {part} you are the named worker for has been set off")
    return episode


def _open_episode(plan, alert, auditor: Auditor) -> CrisisEpisode:
    now = timezone.now()
    episode = CrisisEpisode.objects.create(
        person=plan.person, plan=plan, opened_by_alert=alert, named_worker=plan.named_worker, opened_at=now,
        team=team_for_postcode(plan.person.postcode) if plan.person.postcode else alert.team,
        ends_on=timezone.localdate(now) + timedelta(weeks=settings.KITHKIN_CRISIS_WEEKS))
    CheckIn.objects.bulk_create([CheckIn(episode=episode, due_on=timezone.localdate(now) + timedelta(days=d))
                                 for d in CHECK_IN_DAYS])
    auditor.created(episode, person=plan.person, summary=f"Crisis support opened from the plan: {alert}")
    return episode


def _rapid_response(alert, auditor: Auditor) -> Task:
    plan = ContingencyPlan.objects.filter(person_id=alert.person_id, is_active=True).select_related(
        "named_worker").first()
    why = "their plan does not cover this" if plan else "no contingency plan"
    task = Task.objects.create(person=alert.person, team=alert.team, from_alert=alert,
                               title=f"Rapid response: {alert.get_kind_display().lower()} ({why})",
                               due_at=alert.received_at + RAPID_RESPONSE)
    auditor.created(task, person=alert.person, summary="Rapid-response task for the locality team")
    # The team's managers hold the duty, and a plan's named worker knows the person: told at once.
    told = {u.pk: u for u in [*_duty(alert.team), *([plan.named_worker] if plan else [])]}
    for user in told.values():
        notify(user, f"Rapid response within the hour: {alert.get_kind_display().lower()} for "
                     f"{alert.person.full_name} ({why})", reverse("team_tasks"),
               email_text="A rapid response is needed within the hour")
    return task


def _follow_up(alert, auditor: Auditor) -> Task:
    """A bereavement, a discharge without a plan, something else: nothing urgent, but someone looks."""
    task = Task.objects.create(person=alert.person, team=alert.team, from_alert=alert,
                               title=f"Follow up: {alert.get_kind_display().lower()} "
                                     f"({alert.source_name or alert.get_source_display()})",
                               due_at=alert.received_at + FOLLOW_UP)
    auditor.created(task, person=alert.person, summary="Follow-up task for the locality team")
    return task


def _duty(team):
    from kithkin.core.models import Role, User

    if team is None:
        return []
    return list(User.objects.filter(team=team, role=Role.TEAM_MANAGER, is_active=True))


def notify(user, text: str, url: str, email_text: str = "") -> Notification | None:
    """In the app now, and by email once the transaction commits. Email is not a safe place for who the
    person is, so the email carries `email_text` (no name) and the link; the app shows the whole text."""
    if user is None:
        return None
    note = Notification.objects.create(user=user, text=text[:300], url=url)
    if user.email:
        words = email_text or "Something needs you"
        transaction.on_commit(lambda: email_notification.enqueue(note.pk, words))
    return note


@transaction.atomic
def complete_task(task: Task, auditor: Auditor, note: str = "") -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.done_at is not None:
        raise ActionError("This task is already done")
    before = snapshot(task)
    task.done_at, task.done_by, task.done_note = timezone.now(), auditor.actor, note.strip()[:1000]
    task.save(update_fields=["done_at", "done_by", "done_note"])
    auditor.changed(task, before, person=task.person, summary=f"Done: {task.title}")
    return task


@transaction.atomic
def record_check_in(check_in: CheckIn, how_coping: str, auditor: Auditor) -> CheckIn:
    check_in = CheckIn.objects.select_for_update().select_related("episode__person").get(pk=check_in.pk)
    if check_in.held_at is not None:
        raise ActionError("This check-in is recorded already")
    if check_in.episode.closed_at is not None:
        raise ActionError("This crisis support has ended")
    if not how_coping.strip():
        raise ActionError("Write down how they are coping, in their words")
    before = snapshot(check_in)
    check_in.how_coping, check_in.held_at, check_in.held_by = how_coping.strip(), timezone.now(), auditor.actor
    check_in.save()
    auditor.changed(check_in, before, person=check_in.episode.person, summary="Recorded a check-in")
    return check_in


@transaction.atomic
def close_episode(episode: CrisisEpisode, outcome: str, notes: str, auditor: Auditor) -> CrisisEpisode:
    episode = CrisisEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.closed_at is not None:
        raise ActionError("This crisis support has already ended")
    if outcome not in EpisodeOutcome.values:
        raise ActionError("Choose how the crisis support ended")
    before = snapshot(episode)
    episode.outcome, episode.outcome_notes, episode.closed_at = outcome, notes.strip(), timezone.now()
    episode.save()
    # Closed, not done: the record must not say that what nobody did happened.
    episode.tasks.filter(done_at=None).update(done_at=episode.closed_at, done_by=auditor.actor, not_needed=True)
    auditor.changed(episode, before, person=episode.person,
                    summary=f"Crisis support ended: {episode.get_outcome_display()}")
    return episode


@transaction.atomic
def set_goals(episode: CrisisEpisode, goals: str, options: list[str], auditor: Auditor) -> CrisisEpisode:
    """Short-term goals in the person's words, and the options being tried."""
    from kithkin.prevention.models import CrisisOption

    if episode.closed_at is not None:
        raise ActionError("This crisis support has ended")
    unknown = [o for o in options if o not in CrisisOption.values]
    if unknown:
        raise ActionError(f"{unknown[0]} is not an option we know")
    before = snapshot(episode)
    episode.goals, episode.options = goals.strip(), list(dict.fromkeys(options))
    episode.save(update_fields=["goals", "options"])
    auditor.changed(episode, before, person=episode.person, summary="Crisis support goals and options")
    return episode
