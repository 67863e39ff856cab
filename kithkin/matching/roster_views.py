"""Rosters for staff: the weeks planned, the team's week with its figures, a carer's week, a person's week
("who is coming and when"), planning a week, and repairs. Who visits whom is personal data: seeing a
roster is for those who plan them (and a carer's own week for the carer), and every view is audited."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.validators import record_id
from kithkin.matching import presenters, repair, rosters
from kithkin.matching.models import Carer, Roster, RosterVisit
from kithkin.matching.policies import can_plan_rosters, can_see_carer_details, can_see_carer_week, can_see_carers
from kithkin.matching.tasks import plan_week_task
from kithkin.people.policies import can_change_person, get_person_for_user, visible_people


@staff_required(can_plan_rosters)
def roster_list(request, errors: dict | None = None, chosen: dict | None = None, status: int = 200):
    """The weeks planned, and the form to plan one; with `errors`, the form as it was sent."""
    rosters = Roster.objects.filter(is_current=True)[:26]
    planned = set(Roster.objects.filter(is_current=True).values_list("week_starting", flat=True))
    chosen = chosen or {"week": _first_unplanned(planned).isoformat(), "seconds": "60", "replace": False}
    return render(request, "matching/rosters.html", {
        "rosters": rosters, "errors": errors or {}, "chosen": chosen, "waits": _planned_in_the_request(),
        "weeks": _weeks_to_offer(chosen["week"], planned), "active": "rosters"}, status=status)


WEEKS_OFFERED = 16  # this week and the next fifteen: a quarter ahead, as far as anyone plans visits


def _weeks_to_offer(chosen: str, planned: set[date]) -> list[tuple[str, str]]:
    """(value, label) for the form's list of weeks: this week and those after it, saying which are planned. A
    week sent that is not among them (an old page, a typed address) is kept at the top, so the error names it."""
    today = timezone.localdate()
    this_week = today - timedelta(days=today.weekday())
    weeks = []
    for n in range(WEEKS_OFFERED):
        monday = this_week + timedelta(weeks=n)
        notes = [note for note, so in (("this week", n == 0), ("planned", monday in planned)) if so]
        label = f"Mon {monday:%-d %b %Y}" + (f" ({', '.join(notes)})" if notes else "")  # fits a phone's width
        weeks.append((monday.isoformat(), label))
    if chosen and chosen not in {value for value, _ in weeks}:
        day = _day(chosen)
        weeks.insert(0, (chosen, f"Mon {day:%-d %b %Y}" if day else chosen))
    return weeks


def _planned_in_the_request() -> bool:
    """Whether tasks run at once, in the request (the demo, tests), not in the task worker: the page then waits."""
    return settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def _first_unplanned(planned: set[date]) -> date:
    """The week the form offers: the first from next week on that has no plan yet (within a year)."""
    monday = presenters.next_monday()
    for _ in range(52):
        if monday not in planned:
            return monday
        monday += timedelta(days=7)
    return presenters.next_monday()


@require_POST
@staff_required(can_plan_rosters)
def roster_plan(request):
    chosen = {"week": request.POST.get("week", "").strip(), "seconds": request.POST.get("seconds", "").strip(),
              "replace": request.POST.get("replace") == "yes", "afresh": request.POST.get("afresh") == "yes"}
    monday, seconds, errors = _day(chosen["week"]), record_id(chosen["seconds"]), {}
    if monday is None:
        errors["week"] = ("Choose the week to plan" if not chosen["week"] else
                          f"Choose the week to plan from the list: {chosen['week'][:20]} is not a date")
    elif problem := rosters.week_problem(monday):
        errors["week"] = problem
    if seconds is None or not 5 <= seconds <= 600:
        errors["seconds"] = "Enter how long to plan for: a whole number of seconds from 5 to 600"
    if "week" not in errors and _being_planned(monday):
        errors["week"] = (f"The week of {monday:%-d %B %Y} is being planned now: refresh this page in a minute or two "
                          "to see it")
    if "week" not in errors and not chosen["replace"] and Roster.objects.filter(week_starting=monday,
                                                                               is_current=True).exists():
        errors["replace"] = (f"The week of {monday:%-d %B %Y} is planned already: tick the box to plan it again "
                             "(the new plan replaces it from today on, and lists each visit that changes)")
    if errors:
        return roster_list(request, errors, chosen, status=400)
    asked = timezone.now()
    plan_week_task.enqueue(monday.isoformat(), seconds, request.user.pk, chosen["afresh"])
    if planned := Roster.objects.filter(week_starting=monday, is_current=True, created_at__gte=asked).first():
        changed = planned.changes.count()  # the task ran at once; a week planned again lists what changed
        messages.success(request, f"The week of {monday:%-d %B %Y} is planned." + (
            f" {changed} visit{'s' if changed != 1 else ''} from today on changed carer or time from the plan before:"
            " each is listed under Changes, to tell the people and carers." if changed else ""))
    else:
        messages.success(request, f"Planning the week of {monday:%-d %B %Y}. It takes about {seconds} seconds: "
                                  "refresh this page to see it.")
    return redirect("rosters")


def _being_planned(monday: date) -> bool:
    """Is the week waiting for the task worker, or being planned by it? Two plans of one week at once would each
    replace the other (the page's 'plan it again' cannot see a plan not yet saved)."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=plan_week_task.module_path, status__in=["READY", "RUNNING"])
    return any(row.args_kwargs.get("args", [None])[:1] == [monday.isoformat()] for row in waiting[:50])


def _roster_for(request, roster_id: int) -> Roster:
    roster = get_object_or_404(Roster, pk=roster_id)
    Auditor.for_request(request).record("view", obj=roster, summary=f"Viewed {roster}")
    return roster


def _visible(request, roster: Roster) -> set[int]:
    """The people on this roster the user may see: names and visits of anyone else stay hidden, even from a
    planner (a roster spans the district; need-to-know does not)."""
    return set(visible_people(request.user).filter(roster_visits__roster=roster).values_list("pk", flat=True))


@staff_required(can_plan_rosters)
def roster_detail(request, roster_id: int):
    return _detail(request, _roster_for(request, roster_id))


def _detail(request, roster: Roster, errors: dict | None = None, chosen: dict | None = None, status: int = 200):
    """The team's week; with `errors`, the repair form as it was sent, with what to put right."""
    visible = _visible(request, roster)
    unserved = [v for v in presenters.unserved(roster) if v.person_id in visible]
    late = list(presenters.late(roster))
    late_shown = [v for v in late if v.person_id in visible]
    changes = presenters.newest_first(c for c in roster.changes.select_related(
        "visit__person", "carer_before", "carer_after", "made_by") if c.visit.person_id in visible)
    outside = presenters.outside_team(roster)
    shown = [row for row in outside if row.person.pk in visible]
    waiting = repair.waiting(roster) if roster.is_current else {}
    waiting_shown = sorted(((p, n, can_change_person(request.user, p)) for p, n in waiting.items() if p.pk in visible),
                           key=lambda row: row[0].full_name)
    same_week = Roster.objects.filter(week_starting=roster.week_starting).exclude(pk=roster.pk)
    return render(request, "matching/roster.html", {
        "newer": same_week.filter(is_current=True).first() if not roster.is_current else None,
        "older": same_week.filter(created_at__lt=roster.created_at).order_by("-created_at").first(),
        "roster": roster, "grid": presenters.team_week(roster), "unserved": unserved, "changes": changes,
        "hidden_unserved": roster.figures.get("unserved", 0) - len(unserved),
        "late": late_shown, "hidden_late": len(late) - len(late_shown),
        "outside": shown, "hidden_outside": len(outside) - len(shown),
        "waiting": waiting_shown, "hidden_waiting": len(waiting) - len(waiting_shown),
        "hidden_changes": roster.changes.count() - len(changes), "errors": errors or {},
        "chosen": chosen or {"carer": "", "days": []},
        "carers": Carer.objects.filter(visits__roster=roster, visits__cancelled=False).distinct(),
        "days": presenters.days(roster), "change_text": presenters.change_text, "active": "rosters",
        "days_to_come": [d for d in presenters.days(roster) if d >= timezone.localdate()]},
        status=status)


@staff_required()
def carer_week(request, roster_id: int, carer_id: int):
    carer = get_object_or_404(Carer, pk=carer_id)
    if not can_see_carer_week(request.user, carer):
        return forbidden(request, "You cannot see this carer's week.")
    roster = _roster_for(request, roster_id)
    return render(request, "matching/carer_week.html", {
        "roster": roster, "carer": carer, "days": presenters.carer_days(roster, carer),
        "off": {a.day: a for a in carer.absences.filter(day__in=presenters.days(roster)).select_related(
            "recorded_by")},
        "visible": _visible(request, roster) if not _own_week(request.user, carer) else None,
        "can_see_carer": can_see_carers(request.user), "active": "rosters"})


def _own_week(user, carer) -> bool:
    """A carer sees who they are visiting in their own week: they are going to their door."""
    return carer.user_id is not None and carer.user_id == user.pk


@staff_required()
def person_week(request, person_id: int):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None:
        raise Http404
    if reason is None:
        return forbidden(request, "You cannot see this person's record.")
    Auditor.for_request(request).viewed(person, what="their week of visits")
    can_plan = can_plan_rosters(request.user) and can_change_person(request.user, person, reason)
    weeks = presenters.person_weeks(person)
    against = {roster.pk for roster, days in weeks if roster.is_current and any(s.against for _, stops in days
                                                                                for s in stops)}
    # Those who plan are offered to add new visits; everyone else is told they are waiting for a planner.
    to_add = [(roster, n) for roster in rosters.current_from_this_week() if (n := repair.visits_to_add(roster, person))]
    return render(request, "matching/person_week.html", {
        "person": person, "weeks": weeks, "can_plan": can_plan, "against_wishes": against,
        "to_add": to_add, "today": timezone.localdate(), "active": "people"})


def _roster_to_add(request):
    """The roster new visits join: the one the form names (a current one, from this week on), or else this week's,
    or the next one planned."""
    planned = rosters.current_from_this_week()
    named = record_id(request.POST.get("roster"))
    return planned.filter(pk=named).first() if named else planned.first()


@require_POST
@staff_required(can_plan_rosters)
def repair_carer_off(request, roster_id: int):
    roster = get_object_or_404(Roster, pk=roster_id)
    if not roster.is_current:  # the page was open while the week was planned again
        messages.error(request, "That week has been planned again since: repair the new plan")
        newer = Roster.objects.filter(week_starting=roster.week_starting, is_current=True).first()
        return redirect("roster_detail", newer.pk) if newer else redirect("rosters")
    carer = Carer.objects.filter(pk=record_id(request.POST.get("carer")) or 0).first()
    dates = [d for d in (_day(text) for text in request.POST.getlist("days")) if d]
    errors = {}
    if carer is None:
        errors["off-carer"] = "Choose the carer who is off"
    if not dates:
        errors["off-1"] = "Choose the days they are off"
    if not errors:
        try:
            changes = repair.carer_off(roster, carer, dates, Auditor.for_request(request))
        except ActionError as exc:
            errors["off-1"] = str(exc)
    if errors:  # the page again, with the form as it was sent (nothing was changed)
        chosen = {"carer": request.POST.get("carer", ""), "days": request.POST.getlist("days")}
        return _detail(request, _roster_for(request, roster.pk), errors, chosen, status=400)
    if changes:
        messages.success(request, f"Roster repaired: {len(changes)} change{'s' if len(changes) != 1 else ''}, "
                                  f"listed under Changes. {carer.full_name} is marked off on those days (their page "
                                  "says so, and they can be marked back)." + presenters.late_note(changes))
    else:
        messages.success(request, f"{carer.full_name} is marked off on those days. Nothing else needed to change: "
                                  "they had no visits then.")
    return redirect("roster_detail", roster.pk)


@staff_required(can_plan_rosters)
def repair_cancel(request, visit_id: int):
    """Asks first (a cancelled visit leaves the carer's day), then cancels."""
    visit, refused = _visit_to_change(request, visit_id)
    if refused:
        return refused
    if request.method != "POST":
        if why_not := repair.cannot_cancel(visit):
            messages.error(request, why_not)
            return redirect("person_week", visit.person_id)
        return _cancel_page(request, visit)
    why = request.POST.get("why", "").strip()
    if len(why) > 200:
        return _cancel_page(request, visit, why, {"why": "Say why in 200 characters or fewer"}, status=400)
    try:
        repair.cancel_visit(visit, Auditor.for_request(request), why=why)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Visit cancelled. The carer's day is otherwise unchanged. If it is needed after "
                                  "all, put it back from this page before its day.")
    return redirect("person_week", visit.person_id)


def _cancel_page(request, visit, why: str = "", errors: dict | None = None, status: int = 200):
    return render(request, "matching/cancel_visit.html", {
        "visit": visit, "stop": presenters.stop(visit), "why": why, "errors": errors or {},
        "carer_phone": visit.carer.phone if visit.carer and can_see_carer_details(request.user) else "",
        "active": "people"}, status=status)


@require_POST
@staff_required(can_plan_rosters)
def repair_reinstate(request, visit_id: int):
    visit, refused = _visit_to_change(request, visit_id)
    if refused:
        return refused
    try:
        changes = repair.reinstate_visit(visit, Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        _added(request, [c for c in changes if c.visit.person_id == visit.person_id], put_back=True)
    return redirect("person_week", visit.person_id)


def _visit_to_change(request, visit_id: int):
    """(the roster visit, None) if the user may change this person's visits, else (visit, the refusal)."""
    visit = get_object_or_404(RosterVisit.objects.select_related("roster", "person", "carer"), pk=visit_id)
    person, reason = get_person_for_user(request.user, visit.person_id)
    if reason is None or not can_change_person(request.user, person, reason):
        return visit, forbidden(request, "You cannot change this person's visits.")
    return visit, None


@require_POST
@staff_required(can_plan_rosters)
def repair_add_person(request, person_id: int):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None or reason is None or not can_change_person(request.user, person, reason):
        return forbidden(request, "You cannot change this person's visits.")
    roster = _roster_to_add(request)
    if roster is None:
        messages.error(request, "There is no roster in use for that week: see the weeks planned below.")
        return redirect("person_week", person.pk)
    try:
        changes = repair.add_person(roster, person, Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        _added(request, [c for c in changes if c.visit.person_id == person.pk])
    if request.POST.get("back") == "roster":  # added from the team's week: back to it
        return redirect("roster_detail", roster.pk)  # the message is at the top; the list is linked from there
    return redirect("person_week", person.pk)


@require_POST
@staff_required(can_plan_rosters)
def repair_wishes(request, person_id: int):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None or reason is None or not can_change_person(request.user, person, reason):
        return forbidden(request, "You cannot change this person's visits.")
    roster = Roster.objects.filter(pk=record_id(request.POST.get("roster")) or 0, is_current=True).first()
    if roster is None:
        messages.error(request, "That roster has been planned again since: look at the new one.")
        return redirect("person_week", person.pk)
    try:
        changes = repair.wishes_changed(roster, person, Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Visits given to carers who suit them: {len(changes)} "
                                  f"change{'s' if len(changes) != 1 else ''}.")
    return redirect("person_week", person.pk)


def _added(request, changes, put_back: bool = False) -> None:
    """What adding someone's visits (or putting a cancelled one back) came to: how many found a carer, and how many
    did not (the reason is by each one on their week). The new visits are the changes with no carer or time before."""
    new = [c for c in changes if c.carer_before_id is None and c.start_before is None]
    planned = sum(1 for c in new if c.carer_after_id)
    if put_back:
        if planned:
            who = " and ".join(f"{c.carer_after.full_name} at {presenters.clock(c.start_after)}"
                               for c in new if c.carer_after_id)
            messages.success(request, f"Visit put back on the roster: {who}.")
        else:
            messages.error(request, "Visit put back on the roster, but no carer could take it (the reason is by it "
                                    "below).")
    elif planned < len(new):
        messages.error(request, f"Added to the roster: {planned} of {len(new)} visits have a carer; "
                                f"{len(new) - planned} could not be planned (the reason is by each one below).")
    else:
        messages.success(request, "Added to the roster: " + ("the visit has a carer." if len(new) == 1 else
                                                             f"all {len(new)} visits have a carer.")
                         + presenters.late_note(new))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
