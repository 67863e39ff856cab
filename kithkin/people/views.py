"""A person's record: the page, editing, their circle, break-glass and the subject access export."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kithkin.core import actions as core_actions
from kithkin.core.access import can_break_glass, can_take_contacts
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.forms_govuk import apply_errors
from kithkin.people import actions
from kithkin.people.ecomap import ecomap
from kithkin.people.forms import CircleMemberForm, PersonForm
from kithkin.people.models import CircleMember, Person
from kithkin.people.policies import (
    BREAK_GLASS,
    can_change_person,
    can_export_person,
    get_person_for_user,
    visible_people,
)


def _refused(request, person: Person):
    """No relationship: say so, log the attempt, and offer break-glass where the role allows it."""
    from kithkin.core.models import AuditEvent

    Auditor.for_request(request).record(AuditEvent.Kind.ACCESS_DENIED, person=person, obj=person,
                                        summary="Tried to open a record without a relationship")
    return render(request, "people/no_access.html", {"person_id": person.pk,
                                                      "can_break_glass": can_break_glass(request.user)}, status=403)


@staff_required()
def my_people(request):
    people = visible_people(request.user).order_by("family_name", "given_name")[:200]
    return render(request, "people/my_people.html", {"people": people, "active": "people"})


def contact_rows(user, person) -> list[tuple]:
    """The person's contacts, each with whether this worker may open it (other teams' contacts are not links)."""
    from kithkin.conversations.policies import can_view_contact

    contacts = person.contacts.only("id", "person_id", "team_id", "handled_by_id", "received_at", "outcome").order_by(
        "-received_at")[:50]
    return [(c, can_view_contact(user, c)) for c in contacts]


@staff_required()
def person_detail(request, person_id: int):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None:
        return render(request, "core/forbidden.html", {"message": "There is no such record."}, status=404)
    if reason is None:
        return _refused(request, person)
    Auditor.for_request(request).viewed(person, reason=reason)
    circle = list(person.circle.all())
    return render(request, "people/person_detail.html", {
        "person": person,
        "reason": reason,
        "break_glass": reason == BREAK_GLASS,
        "circle": circle,
        "ecomap": ecomap(person, circle),
        "contacts": contact_rows(request.user, person),
        "care_team": person.care_team.filter(ended_on__isnull=True).select_related("user"),
        "can_change": can_change_person(request.user, person, reason),
        "can_export": can_export_person(request.user, person, reason),
        "active": "people",
    })


def _changeable(request, person_id):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None or reason is None or not can_change_person(request.user, person, reason):
        return None
    return person


@staff_required()
def person_edit(request, person_id: int):
    person = _changeable(request, person_id)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_person(person, {k: form.cleaned_data[k] for k in form.fields}, Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Record updated.")
            return redirect("person_detail", person.pk)
    return render(request, "people/person_form.html", {"form": form, "title": f"Change {person.full_name}'s record",
                                                       "person": person, "active": "people"},
                  status=400 if form.errors else 200)


@staff_required()
def circle_member_form(request, person_id: int, member_id: int | None = None):
    person = _changeable(request, person_id)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    member = get_object_or_404(CircleMember, pk=member_id, person=person) if member_id else None
    form = CircleMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        auditor = Auditor.for_request(request)
        data = {k: form.cleaned_data[k] for k in form.fields}
        try:
            if member:
                actions.update_circle_member(member, data, auditor)
            else:
                member = actions.add_circle_member(person, data, auditor)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{member.name} is in {person.known_as}'s circle.")
            back = request.POST.get("back", "")
            if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
                return redirect(back)
            return redirect("person_detail", person.pk)
    return render(request, "people/circle_form.html", {"form": form, "person": person, "member": member,
                                                       "back": request.GET.get("back", ""), "active": "people"},
                  status=400 if form.errors else 200)


@require_POST
@staff_required()
def circle_member_remove(request, person_id: int, member_id: int):
    person = _changeable(request, person_id)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    member = get_object_or_404(CircleMember, pk=member_id, person=person)
    actions.remove_circle_member(member, Auditor.for_request(request))
    messages.success(request, f"{member.name} removed from the circle.")
    return redirect("person_detail", person.pk)


@require_POST
@staff_required(can_take_contacts)
def carer_conversation(request, person_id: int, member_id: int):
    """Start a carer's own conversation from their place in this person's circle."""
    from kithkin.conversations.actions import start_carer_conversation

    person = _changeable(request, person_id)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    member = get_object_or_404(CircleMember, pk=member_id, person=person)
    contact = start_carer_conversation(member, request.user, Auditor.for_request(request))
    messages.success(request, f"Contact {contact.reference} opened for {member.name}.")
    return redirect("contact_detail", contact.pk)


@staff_required(can_break_glass)
def break_glass(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    error = None
    if request.method == "POST":
        try:
            core_actions.break_glass(request.user, person, request.POST.get("reason", ""), Auditor.for_request(request))
        except core_actions.ActionError as exc:
            error = str(exc)
        else:
            messages.success(request, "Break-glass access recorded. Your manager will review it.")
            return redirect("person_detail", person.pk)
    return render(request, "people/break_glass.html", {"person_id": person.pk, "error": error,
                                                       "reason": request.POST.get("reason", "")},
                  status=400 if error else 200)


@staff_required()
def person_export(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    if not can_export_person(request.user, person):
        return forbidden(request, "Subject access exports are made by team managers and the records team.")
    data = actions.export_person(person, Auditor.for_request(request))
    if request.GET.get("format") == "json":
        response = HttpResponse(json.dumps(data, indent=2, default=str), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{person.pk}.json"'
        return response
    return render(request, "people/export.html", {"person": person, "data": data, "active": "people"})
