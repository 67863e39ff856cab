"""Connecting the person to support from inside the contact: search the directory, connect, follow up."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from kithkin.conversations import connections
from kithkin.conversations.models import Connection, Contact
from kithkin.conversations.policies import can_view_contact, can_work_contact
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.geo import locate
from kithkin.core.validators import normalise_postcode
from kithkin.directory.finder import find
from kithkin.directory.models import Service
from kithkin.directory.presenters import cards

SHOW = 8


def service_search(contact: Contact, words: str, near: str) -> dict:
    """The directory search for the contact page: the same ranking residents get, near the person."""
    result = {"words": words, "near": near, "results": [], "error": ""}
    if not words:
        return result
    origin = None
    if near:
        try:
            origin = locate(normalise_postcode(near))
        except ValidationError:
            origin = None
        if origin is None:
            result["error"] = f"We cannot find the postcode {near}: the results are not sorted by distance"
    finding = find({"q": words}, origin)
    result["results"] = cards(finding.hits[:SHOW], finding.understood)
    return result


def _workable(request, contact_id):
    contact = get_object_or_404(Contact, pk=contact_id)
    return contact if can_view_contact(request.user, contact) and can_work_contact(request.user, contact) else None


@require_POST
@staff_required()
def connect(request, contact_id: int):
    contact = _workable(request, contact_id)
    if contact is None:
        return forbidden(request, "This contact belongs to another team.")
    service = get_object_or_404(Service, pk=request.POST.get("service", ""))
    try:
        connections.connect(contact, service, Auditor.for_request(request), note=request.POST.get("note", "")[:1000])
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Connected to {service.name}. It will be recorded with the conversation.")
    # Back to the same results, so a second service is one more click, not another search.
    kept = urlencode({k: request.POST[k][:200] for k in ("find", "near") if request.POST.get(k)})
    return redirect(reverse("contact_detail", args=[contact.pk]) + (f"?{kept}" if kept else "") + "#connections")


@require_POST
@staff_required()
def disconnect(request, contact_id: int, connection_id: int):
    contact = _workable(request, contact_id)
    if contact is None:
        return forbidden(request, "This contact belongs to another team.")
    connection = get_object_or_404(Connection, pk=connection_id, contact=contact)
    try:
        connections.disconnect(connection, Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Removed {connection.service_name}.")
    return redirect("contact_detail", contact.pk)


@require_POST
@staff_required()
def how_it_went(request, contact_id: int, connection_id: int):
    contact = get_object_or_404(Contact, pk=contact_id)
    if not can_view_contact(request.user, contact):
        return forbidden(request, "This contact belongs to another team.")
    connection = get_object_or_404(Connection, pk=connection_id, contact=contact)
    try:
        connections.record_how_it_went(connection, request.POST.get("how_it_went", ""), Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Recorded how {connection.service_name} went.")
    return redirect("contact_detail", contact.pk)
