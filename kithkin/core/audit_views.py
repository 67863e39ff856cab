"""The manager's audit view and break-glass reviews."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kithkin.core import actions
from kithkin.core.access import can_review_audit
from kithkin.core.audit import Auditor
from kithkin.core.decorators import staff_required
from kithkin.core.models import AuditEvent, BreakGlass, Role, User
from kithkin.core.validators import record_id


def _events_for(user):
    """Managers see their team's trail and anything touching records their team works with;
    administrators see everything."""
    events = AuditEvent.objects.select_related("person", "actor")
    if user.role == Role.ADMINISTRATOR:
        return events
    return events.filter(actor__team_id=user.team_id)


@staff_required(can_review_audit)
def audit_log(request):
    events = _events_for(request.user)
    person_id = request.GET.get("person", "").strip()
    worker = request.GET.get("worker", "").strip()
    kind = request.GET.get("kind", "").strip()
    errors = []
    if person_id:
        if (pk := record_id(person_id)) is not None:
            events = events.filter(person_id=pk)
        else:
            errors.append({"text": "Person number must be digits only", "href": "#person"})
    if worker:
        events = events.filter(actor_label__iexact=worker)
    if kind in AuditEvent.Kind.values:
        events = events.filter(kind=kind)
    page = Paginator(events.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    workers = User.objects.order_by("username") if request.user.role == Role.ADMINISTRATOR else User.objects.filter(
        team_id=request.user.team_id).order_by("username")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_log.html", {
        "page": page, "person": person_id, "worker": worker, "kind": kind, "kinds": AuditEvent.Kind.choices,
        "workers": workers, "errors": errors, "query": query.urlencode(), "active": "audit",
        "to_review": _break_glass_for(request.user).filter(reviewed_at__isnull=True).count(),
    }, status=400 if errors else 200)


def _break_glass_for(user):
    grants = BreakGlass.objects.select_related("user", "person", "reviewed_by")
    return grants if user.role == Role.ADMINISTRATOR else grants.filter(user__team_id=user.team_id)


@staff_required(can_review_audit)
def break_glass_reviews(request):
    grants = _break_glass_for(request.user).order_by("reviewed_at", "-started_at")[:200]
    return render(request, "core/break_glass_reviews.html", {"grants": grants, "active": "audit"})


@require_POST
@staff_required(can_review_audit)
def break_glass_review(request, grant_id: int):
    grant = get_object_or_404(_break_glass_for(request.user), pk=grant_id)
    try:
        actions.review_break_glass(grant, request.user, request.POST.get("note", ""), Auditor.for_request(request))
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Review recorded.")
    return redirect("break_glass_reviews")
