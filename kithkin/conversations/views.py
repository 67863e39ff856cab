"""The front door's pages: worklist, taking a contact, the conversation, 'Talk to us', figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kithkin.conversations import actions
from kithkin.conversations.connection_views import service_search
from kithkin.conversations.figures import team_figures
from kithkin.conversations.forms import ContactForm, ConversationForm, TalkToUsForm
from kithkin.conversations.models import Connection, Contact
from kithkin.conversations.policies import can_view_contact, can_work_contact
from kithkin.conversations.presenters import worklist_page
from kithkin.conversations.routing import team_for_postcode
from kithkin.core.access import can_see_all_figures, can_see_team_figures, can_take_contacts
from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.forms_govuk import apply_errors
from kithkin.core.models import Team
from kithkin.people.forms import PersonForm
from kithkin.people.search import find_people


@staff_required(can_take_contacts)
def worklist(request):
    team = request.user.team
    return render(request, "conversations/worklist.html", {
        "team": team, "page": worklist_page(team, request.GET.get("page")), "figures": team_figures(team),
        "active": "worklist",
    })


@staff_required(can_take_contacts)
def contact_new(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "team": request.user.team, "handled_by": request.user}
        try:
            contact = actions.receive_contact(data, Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Contact {contact.reference} taken.")
            return redirect("contact_detail", contact.pk)
    return render(request, "conversations/contact_new.html", {"form": form, "active": "contact_new"},
                  status=400 if form.errors else 200)


def _contact_for_user(request, contact_id):
    contact = get_object_or_404(Contact.objects.select_related("person", "handled_by", "team"), pk=contact_id)
    return contact if can_view_contact(request.user, contact) else None


@staff_required()
def contact_detail(request, contact_id: int):
    contact = _contact_for_user(request, contact_id)
    if contact is None:
        return forbidden(request, "This contact belongs to another team.")
    if contact.person:
        Auditor.for_request(request).viewed(contact.person, what=f"contact {contact.reference}")
    query = request.GET.get("q", "").strip()
    matches = find_people(query, Auditor.for_request(request)) if query and contact.person is None else []
    can_work = can_work_contact(request.user, contact)
    support = service_search(contact, request.GET.get("find", "").strip()[:200],
                             request.GET.get("near", contact.postcode).strip()[:10]) if can_work else None
    return render(request, "conversations/contact_detail.html", {
        "contact": contact, "conversations": contact.conversations.select_related("held_by"),
        "connections": contact.connections.select_related("made_by"), "support": support,
        "events": contact.events.select_related("user"), "query": query, "matches": matches,
        "can_work": can_work, "active": "worklist", "how_it_went": Connection.HowItWent.choices,
    })


@require_POST
@staff_required(can_take_contacts)
def contact_pick_up(request, contact_id: int):
    contact = _contact_for_user(request, contact_id)
    if contact is None:
        return forbidden(request, "This contact belongs to another team.")
    auditor = Auditor.for_request(request)
    try:
        actions.pick_up_contact(contact, request.user, auditor)
        if request.POST.get("spoken"):
            actions.mark_spoken(contact, request.user, auditor)
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("contact_detail", contact.pk)


@require_POST
@staff_required(can_take_contacts)
def contact_link(request, contact_id: int):
    """Link the contact to an existing record found by the search."""
    from kithkin.people.models import Person

    contact = _contact_for_user(request, contact_id)
    if contact is None or not can_work_contact(request.user, contact):
        return forbidden(request, "This contact belongs to another team.")
    person = get_object_or_404(Person, pk=request.POST.get("person_id") or 0)
    actions.link_person(contact, person, Auditor.for_request(request))
    messages.success(request, f"Linked to {person.full_name}'s record.")
    return redirect("contact_detail", contact.pk)


@staff_required(can_take_contacts)
def contact_new_person(request, contact_id: int):
    """Create the person's record from the contact, and link the two."""
    from kithkin.people import actions as people_actions

    contact = _contact_for_user(request, contact_id)
    if contact is None or not can_work_contact(request.user, contact):
        return forbidden(request, "This contact belongs to another team.")
    initial = {"postcode": contact.postcode}
    if contact.raised_by == "self" and contact.caller_name:
        given, _, family = contact.caller_name.partition(" ")
        initial.update(given_name=given, family_name=family, phone=contact.caller_phone, email=contact.caller_email)
    elif contact.about_name:
        given, _, family = contact.about_name.partition(" ")
        initial.update(given_name=given, family_name=family)
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        auditor = Auditor.for_request(request)
        try:
            person = people_actions.create_person(form.cleaned_data, auditor)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            actions.link_person(contact, person, auditor)
            messages.success(request, f"Record created for {person.full_name}.")
            return redirect("contact_detail", contact.pk)
    return render(request, "people/person_form.html", {
        "form": form, "title": "Start a record for this person", "cancel": contact, "active": "worklist",
    }, status=400 if form.errors else 200)


@staff_required(can_take_contacts)
def conversation_new(request, contact_id: int):
    contact = _contact_for_user(request, contact_id)
    if contact is None or not can_work_contact(request.user, contact):
        return forbidden(request, "This contact belongs to another team.")
    if not contact.is_open:
        messages.error(request, "This contact is already closed.")
        return redirect("contact_detail", contact.pk)
    initial = {"what_matters": contact.person.what_matters} if contact.person else {}
    form = ConversationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_conversation(contact, form.cleaned_data, Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Conversation recorded.")
            return redirect("contact_detail", contact.pk)
    pending = list(contact.connections.filter(conversation=None).values_list("service_name", flat=True))
    return render(request, "conversations/conversation_form.html", {
        "form": form, "contact": contact, "active": "worklist", "pending": pending,
    }, status=400 if form.errors else 200)


def talk_to_us(request):
    """The public form. No login; nothing personal is shown back beyond a reference."""
    form = TalkToUsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.contact_data()
        team = team_for_postcode(data["postcode"])
        if team is None:
            form.add_error(None, "Sorry, we cannot take messages online at the moment. Please phone us.")
        else:
            contact = actions.receive_contact({**data, "team": team}, Auditor(None, label="public form"))
            request.session["talk_reference"] = contact.reference
            return redirect("talk_to_us_done")
    return render(request, "conversations/talk_to_us.html", {"form": form, "active": "talk"},
                  status=400 if form.errors else 200)


def talk_to_us_done(request):
    reference = request.session.get("talk_reference")
    if not reference:
        return redirect("talk_to_us")
    return render(request, "conversations/talk_to_us_done.html", {"reference": reference, "active": "talk"})


@staff_required(can_see_team_figures)
def figures(request):
    """Aggregates only: no one's name appears here, so commissioners can use it."""
    teams = []
    if can_see_all_figures(request.user):
        teams = [(t, team_figures(t)) for t in Team.objects.annotate(n=Count("contacts")).order_by("name")]
    return render(request, "conversations/figures.html", {
        "overall": team_figures(None) if can_see_all_figures(request.user) else None,
        "own": team_figures(request.user.team) if request.user.team_id else None,
        "teams": teams, "active": "figures",
    })
