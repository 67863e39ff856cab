"""Alerts for staff: the team's list (the ones that match nobody first), one alert, and raising one."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kithkin.core.access import can_take_contacts
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.forms_govuk import apply_errors
from kithkin.core.jinja import pagination
from kithkin.core.validators import record_id
from kithkin.people.models import Person
from kithkin.people.policies import get_person_for_user, visible_people
from kithkin.people.search import find_people
from kithkin.prevention import actions
from kithkin.prevention.actions import MATCHED_HOW
from kithkin.prevention.crisis import URGENT
from kithkin.prevention.forms import StaffAlertForm
from kithkin.prevention.models import Alert, AlertStatus, CrisisEpisode
from kithkin.prevention.policies import can_resolve_alert, may_match_by_hand


@staff_required(can_take_contacts)
def alerts(request):
    team_alerts = Alert.objects.filter(team=request.user.team).select_related("person", "sender")
    unmatched = list(team_alerts.filter(status=AlertStatus.UNMATCHED).order_by("received_at")[:200])
    page = Paginator(team_alerts.exclude(status=AlertStatus.UNMATCHED), 50).get_page(request.GET.get("page"))
    visible = set(visible_people(request.user).filter(alerts__in=[a.pk for a in page.object_list]).values_list(
        "pk", flat=True))
    for alert in page.object_list:
        if alert.person_id not in visible:
            alert.person = None  # named as the alert named them, not as our record does
    return render(request, "prevention/alerts.html", {
        "unmatched": unmatched, "page": page, "pagination": pagination(page, "Earlier alerts"), "urgent": URGENT,
        "now": timezone.now(), "active": "alerts",
    })


def _alert_for_user(request, alert_id: int):
    alert = get_object_or_404(Alert.objects.select_related("person", "team", "sender"), pk=alert_id)
    return alert if can_resolve_alert(request.user, alert) else None


@staff_required(can_take_contacts)
def alert_detail(request, alert_id: int, errors=None, typed=None):
    alert = _alert_for_user(request, alert_id)
    if alert is None:
        return forbidden(request, "This alert went to another team.")
    if alert.person:
        Auditor.for_request(request).viewed(alert.person, what=f"alert {alert.pk}")
    query = request.GET.get("q", "").strip()
    matches = find_people(query, Auditor.for_request(request)) if query and alert.status == "unmatched" else []
    _, reason = get_person_for_user(request.user, alert.person_id) if alert.person_id else (None, None)
    # Matched to a record this user may not see: they learn neither that it matched nor who it is.
    hide_match = bool(alert.person_id) and reason is None
    return render(request, "prevention/alert_detail.html", {
        "alert": alert, "events": alert.events.select_related("user"), "query": query, "matches": matches,
        "may_open_person": reason is not None, "urgent": alert.kind in URGENT, "how": MATCHED_HOW,
        "hide_match": hide_match, "contact_taken": _contact_taken(alert),
        "tasks": alert.tasks.select_related("episode"), "episodes": _set_off(alert),
        "errors": errors or {}, "typed": typed or {}, "active": "alerts",
    }, status=400 if errors else 200)


def _contact_taken(alert):
    from kithkin.conversations.models import Contact

    event = alert.events.filter(kind="contact").first()
    number = record_id(event.detail[1:]) if event else None
    return Contact.objects.filter(pk=number).first() if number is not None else None  # C000123 is contact 123


def _set_off(alert):
    """Crisis support the alert opened, or added tasks to."""
    return CrisisEpisode.objects.filter(Q(opened_by_alert=alert) | Q(tasks__from_alert=alert)).distinct()


@require_POST
@staff_required(can_take_contacts)
def alert_match(request, alert_id: int):
    alert = _alert_for_user(request, alert_id)
    if alert is None:
        return forbidden(request, "This alert went to another team.")
    person_id = request.POST.get("person_id", "")
    pk = record_id(person_id)
    person = Person.objects.filter(pk=pk).first() if pk is not None else None
    if person is None:
        messages.error(request, "Choose the person from the search results.")
        return redirect("alert_detail", alert.pk)
    if not may_match_by_hand(request.user, alert, person):
        return forbidden(request, "Only an alert from a partner can be matched to someone you have no other "
                                  "reason to see. Take a contact, or give their NHS number.")
    try:
        actions.match_by_hand(alert, person, Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Matched to {person.full_name}.")
    return redirect("alert_detail", alert.pk)


@require_POST
@staff_required(can_take_contacts)
def alert_not_for_us(request, alert_id: int):
    alert = _alert_for_user(request, alert_id)
    if alert is None:
        return forbidden(request, "This alert went to another team.")
    note = request.POST.get("note", "")[:1000]
    try:
        actions.not_for_us(alert, note, Auditor.for_request(request))
    except ActionError as exc:
        return alert_detail(request, alert.pk, {"note": str(exc)}, {"note": note})
    messages.success(request, "Closed: not someone we support.")
    return redirect("alert_detail", alert.pk)


@require_POST
@staff_required(can_take_contacts)
def alert_take_contact(request, alert_id: int):
    alert = _alert_for_user(request, alert_id)
    if alert is None:
        return forbidden(request, "This alert went to another team.")
    try:
        contact = actions.take_contact(alert, Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("alert_detail", alert.pk)
    messages.success(request, f"Contact {contact.reference} taken from the alert. Find or make their record, "
                              "then match the alert to it.")
    return redirect("contact_detail", contact.pk)


@staff_required(can_take_contacts)
def alert_new(request):
    form = StaffAlertForm(request.POST or None, initial={"idempotency_key": f"page-{uuid.uuid4()}"})
    sent = Alert.objects.filter(sender=request.user, idempotency_key=request.POST.get("idempotency_key", "")).first()
    if request.method == "POST" and sent is not None:
        return redirect("alert_detail", sent.pk)  # the button pressed twice: this form's alert is already in
    if request.method == "POST" and form.is_valid():
        try:
            alert, resent = actions.receive_alert(form.alert_data(), form.cleaned_data["idempotency_key"],
                                                  Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            if not resent:  # the same words whoever it matched: raising an alert must not say who we know
                team = alert.team.name if alert.team else "the team"
                messages.success(request, f"Alert raised. It is with {team}.")
            return redirect("alert_detail", alert.pk) if can_resolve_alert(request.user, alert) else redirect("alerts")
    return render(request, "prevention/alert_new.html", {"form": form, "active": "alerts"},
                  status=400 if form.errors else 200)
