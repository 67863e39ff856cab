"""People and their circles over the API: the same forms, actions and policies as the pages."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from kithkin.conversations.models import Contact
from kithkin.conversations.policies import can_work_contact
from kithkin.core.api import FormInvalid
from kithkin.core.audit import Auditor
from kithkin.people import actions
from kithkin.people.forms import CircleMemberForm, PersonForm
from kithkin.people.models import CircleMember, Person
from kithkin.people.policies import can_change_person, get_person_for_user, visible_people

router = Router(tags=["people"])


class PersonSummary(Schema):
    id: int
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: date | None
    postcode: str


class PersonOut(PersonSummary):
    nhs_number: str | None
    address_line_1: str
    address_line_2: str
    town: str
    phone: str
    email: str
    languages: str
    communication_needs: str
    what_matters: str
    strengths: str
    interests: str
    good_life: str
    living_situation: str
    consent_to_record: bool
    share_with_gp: bool
    share_with_family: bool
    share_with_providers: bool
    sharing_notes: str
    consent_recorded_at: datetime | None
    updated_at: datetime


class PersonIn(Schema):
    given_name: str | None = None
    family_name: str | None = None
    preferred_name: str | None = None
    date_of_birth: date | None = None
    nhs_number: str | None = None
    address_line_1: str | None = None
    address_line_2: str | None = None
    town: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None
    languages: str | None = None
    communication_needs: str | None = None
    what_matters: str | None = None
    strengths: str | None = None
    interests: str | None = None
    good_life: str | None = None
    living_situation: str | None = None
    consent_to_record: bool | None = None
    share_with_gp: bool | None = None
    share_with_family: bool | None = None
    share_with_providers: bool | None = None
    sharing_notes: str | None = None


class NewPersonIn(PersonIn):
    contact_id: int


class CircleMemberOut(Schema):
    id: int
    name: str
    connection: str
    relationship: str
    closeness: int
    is_unpaid_carer: bool
    phone: str
    email: str
    how_to_reach: str
    happy_to_help_with: str
    linked_person_id: int | None


class CircleMemberIn(Schema):
    name: str | None = None
    connection: str | None = None
    relationship: str | None = None
    closeness: int | None = None
    is_unpaid_carer: bool | None = None
    phone: str | None = None
    email: str | None = None
    how_to_reach: str | None = None
    happy_to_help_with: str | None = None


def form_data(form_class, sent: dict, instance=None) -> dict:
    """What the page form would have posted: stored values, overlaid with what the caller sent."""
    probe = form_class(instance=instance)
    data = {}
    for name, field in probe.fields.items():
        value = sent[name] if name in sent else probe.initial.get(name, field.initial)
        if hasattr(field.widget, "govuk_date"):
            parts = field.widget.decompress(value if isinstance(value, date) else None)
            for part, part_value in zip(("day", "month", "year"), parts, strict=True):
                data[f"{name}_{part}"] = "" if part_value is None else str(part_value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def _validated(form_class, payload: Schema, instance=None, require_all=False):
    sent = payload.dict(exclude_unset=True)
    sent.pop("contact_id", None)
    form = form_class(data=form_data(form_class, sent, instance), instance=instance)
    if not form.is_valid():
        raise FormInvalid(form)
    return {k: form.cleaned_data[k] for k in form.fields}


def _person(request, person_id: int, change=False) -> Person:
    person, reason = get_person_for_user(request.auth_user, person_id)
    if person is None:
        raise Http404("No such person")
    if reason is None or (change and not can_change_person(request.auth_user, person)):
        raise PermissionDenied("You have no relationship with this person that allows this")
    return person


@router.get("/people", response=list[PersonSummary], summary="People you may see")
@paginate(PageNumberPagination, page_size=50)
def list_people(request):
    return visible_people(request.auth_user).order_by("family_name", "given_name", "pk")


@router.post("/people", response={201: PersonOut}, summary="Start a record from a contact you are handling")
def create_person(request, payload: NewPersonIn):
    contact = Contact.objects.filter(pk=payload.contact_id).first()
    if contact is None or not can_work_contact(request.auth_user, contact):
        raise PermissionDenied("Give the id of an open contact on your team")
    data = _validated(PersonForm, payload)
    from kithkin.conversations.actions import link_person

    auditor = Auditor.for_request(request, channel="api")
    person = actions.create_person(data, auditor)
    link_person(contact, person, auditor)
    return Status(201, person)


@router.get("/people/{person_id}", response=PersonOut, summary="A person's record (the view is audited)")
def get_person(request, person_id: int):
    person = _person(request, person_id)
    Auditor.for_request(request, channel="api").viewed(person)
    return person


@router.patch("/people/{person_id}", response=PersonOut)
def update_person(request, person_id: int, payload: PersonIn):
    person = _person(request, person_id, change=True)
    data = _validated(PersonForm, payload, instance=person)
    return actions.update_person(person, data, Auditor.for_request(request, channel="api"))


@router.get("/people/{person_id}/circle", response=list[CircleMemberOut])
def list_circle(request, person_id: int):
    person = _person(request, person_id)
    Auditor.for_request(request, channel="api").viewed(person, what="circle of support")
    return list(person.circle.all())


@router.post("/people/{person_id}/circle", response={201: CircleMemberOut})
def add_circle_member(request, person_id: int, payload: CircleMemberIn):
    person = _person(request, person_id, change=True)
    data = _validated(CircleMemberForm, payload)
    return Status(201, actions.add_circle_member(person, data, Auditor.for_request(request, channel="api")))


@router.patch("/people/{person_id}/circle/{member_id}", response=CircleMemberOut)
def update_circle_member(request, person_id: int, member_id: int, payload: CircleMemberIn):
    person = _person(request, person_id, change=True)
    member = get_object_or_404(CircleMember, pk=member_id, person=person)
    data = _validated(CircleMemberForm, payload, instance=member)
    return actions.update_circle_member(member, data, Auditor.for_request(request, channel="api"))


@router.delete("/people/{person_id}/circle/{member_id}", response={204: None})
def remove_circle_member(request, person_id: int, member_id: int):
    person = _person(request, person_id, change=True)
    member = get_object_or_404(CircleMember, pk=member_id, person=person)
    actions.remove_circle_member(member, Auditor.for_request(request, channel="api"))
    return Status(204, None)
