"""Contacts and conversations over the API."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from kithkin.conversations import actions
from kithkin.conversations.figures import team_figures
from kithkin.conversations.forms import ContactForm, ConversationForm
from kithkin.conversations.models import Contact
from kithkin.conversations.policies import can_view_contact, can_work_contact
from kithkin.core.access import can_see_team_figures, can_take_contacts
from kithkin.core.audit import Auditor
from kithkin.people.api import _validated

router = Router(tags=["front door"])


class ContactOut(Schema):
    id: int
    reference: str
    team_id: int
    person_id: int | None
    received_at: datetime
    channel: str
    raised_by: str
    caller_name: str
    caller_phone: str
    caller_email: str
    about_name: str
    postcode: str
    in_their_words: str
    handled_by_id: int | None
    first_spoken_at: datetime | None
    resolved_at: datetime | None
    outcome: str
    follow_up_on: date | None


class ContactIn(Schema):
    channel: str
    raised_by: str
    caller_name: str = ""
    caller_phone: str = ""
    caller_email: str = ""
    about_name: str = ""
    postcode: str = ""
    in_their_words: str


class ConversationOut(Schema):
    id: int
    contact_id: int
    person_id: int | None
    held_at: datetime
    held_by_id: int
    what_matters: str
    working_well: str
    not_working: str
    strengths_and_network: str
    ideas_tried: str
    outcome: str
    connected_to: str
    outcome_notes: str
    follow_up_on: date | None
    no_further_action_reason: str


class ConversationIn(Schema):
    what_matters: str
    working_well: str = ""
    not_working: str = ""
    strengths_and_network: str = ""
    ideas_tried: str = ""
    outcome: str
    connected_to: str = ""
    outcome_notes: str = ""
    follow_up_on: date | None = None
    no_further_action_reason: str = ""


class FigureOut(Schema):
    label: str
    since: datetime
    received: int
    counted: int
    within_24h: int
    still_open: int
    rate: float | None


def _contact(request, contact_id: int, work=False) -> Contact:
    contact = get_object_or_404(Contact, pk=contact_id)
    allowed = can_work_contact if work else can_view_contact
    if not allowed(request.auth_user, contact):
        raise PermissionDenied("This contact belongs to another team")
    return contact


@router.get("/contacts", response=list[ContactOut], summary="Your team's contacts, oldest first")
@paginate(PageNumberPagination, page_size=50)
def list_contacts(request, status: str = "open"):
    user = request.auth_user
    if not can_take_contacts(user):
        raise PermissionDenied("Your role does not work contacts")
    contacts = Contact.objects.filter(team_id=user.team_id)
    if status == "open":
        contacts = contacts.filter(resolved_at__isnull=True)
    elif status == "closed":
        contacts = contacts.filter(resolved_at__isnull=False)
    elif status != "all":
        from ninja.errors import HttpError

        raise HttpError(400, "status must be open, closed or all")
    return contacts.order_by("received_at", "pk")


@router.post("/contacts", response={201: ContactOut}, summary="Take a contact onto your team's worklist")
def create_contact(request, payload: ContactIn):
    user = request.auth_user
    if not can_take_contacts(user):
        raise PermissionDenied("Your role does not take contacts")
    data = _validated(ContactForm, payload)
    contact = actions.receive_contact({**data, "team_id": user.team_id, "handled_by": user},
                                      Auditor.for_request(request, channel="api"))
    return Status(201, contact)


@router.get("/contacts/{contact_id}", response=ContactOut)
def get_contact(request, contact_id: int):
    contact = _contact(request, contact_id)
    if contact.person_id:
        Auditor.for_request(request, channel="api").viewed(contact.person, what=f"contact {contact.reference}")
    return contact


@router.get("/contacts/{contact_id}/conversations", response=list[ConversationOut])
def list_conversations(request, contact_id: int):
    return list(_contact(request, contact_id).conversations.all())


@router.post("/contacts/{contact_id}/conversations", response={201: ConversationOut},
             summary="Record a conversation; a closing outcome resolves the contact")
def create_conversation(request, contact_id: int, payload: ConversationIn):
    contact = _contact(request, contact_id, work=True)
    data = _validated(ConversationForm, payload)
    return Status(201, actions.record_conversation(contact, data, Auditor.for_request(request, channel="api")))


@router.get("/figures", response=list[FigureOut], summary="Resolved within 24 hours, for your team")
def figures(request):
    user = request.auth_user
    if not can_see_team_figures(user):
        raise PermissionDenied("Your role does not see figures")
    return [
        {**f.__dict__, "rate": f.rate} for f in team_figures(user.team if user.team_id else None)
    ]
