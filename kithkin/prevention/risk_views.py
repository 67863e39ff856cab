"""Risk for staff: a person's score and its reasons, recording an indicator, and the team's proactive
worklist with "we spoke"."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kithkin.core.access import can_take_contacts
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.people.policies import can_change_person, get_person_for_user
from kithkin.prevention import proactive, reviews
from kithkin.prevention.models import Indicator
from kithkin.prevention.risk import risk_score, weights


@staff_required()
def person_risk(request, person_id: int):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None or reason is None:
        return forbidden(request, "You cannot see this person's record.")
    errors = {}
    if request.method == "POST":
        if not can_change_person(request.user, person, reason):
            return forbidden(request, "You cannot change this record.")
        try:
            if request.POST.get("end"):
                proactive.end_indicator(person, request.POST["end"], Auditor.for_request(request))
            else:
                proactive.record_indicator(person, request.POST.get("indicator", ""), request.POST.get("note", ""),
                                           Auditor.for_request(request))
        except ActionError as exc:
            errors = {"indicator": str(exc)}
        else:
            messages.success(request, "Saved.")
            return redirect("person_risk", person.pk)
    Auditor.for_request(request).viewed(person, what="risk score")
    return render(request, "prevention/risk.html", {
        "person": person, "risk": risk_score(person), "indicators": Indicator.choices, "weights": weights(),
        "recorded": person.risk_indicators.filter(ended_at=None).select_related("noted_by"),
        "threshold": settings.KITHKIN_RISK_THRESHOLD, "errors": errors,
        "can_change": can_change_person(request.user, person, reason), "active": "people"},
        status=400 if errors else 200)


@staff_required(can_take_contacts)
def proactive_worklist(request, errors=None, typed=None):
    rows = proactive.proactive_rows(request.user)
    return render(request, "prevention/proactive.html", {
        "rows": rows, "due_plans": reviews.plans_coming_due(request.user), "today": timezone.localdate(),
        "threshold": settings.KITHKIN_RISK_THRESHOLD, "errors": errors or {}, "typed": typed or {},
        "active": "proactive"}, status=400 if errors else 200)


@require_POST
@staff_required(can_take_contacts)
def we_spoke(request, person_id: int):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None or reason is None or not can_change_person(request.user, person, reason):
        return forbidden(request, "You cannot change this record.")
    words = request.POST.get("what_matters", "")[:5000]
    try:
        proactive.we_spoke(person, words, Auditor.for_request(request))
    except ActionError as exc:
        return proactive_worklist(request, {f"matters-{person.pk}": str(exc)}, {f"matters-{person.pk}": words})
    messages.success(request, f"Conversation with {person.full_name} recorded.")
    return redirect("proactive")
