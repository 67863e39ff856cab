"""A person's contingency plan: making it, adding to it, and printing it (the one-page plan and the
carer's emergency card). Need-to-know applies: reading needs a reason, changing needs casework."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.forms_govuk import apply_errors
from kithkin.core.validators import record_id
from kithkin.people.policies import can_change_person, get_person_for_user
from kithkin.prevention import plans
from kithkin.prevention.plan_forms import ActionForm, ContactForm, PlanForm, TriggerForm


def _plan_context(request, person_id: int, change: bool):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None or reason is None or (change and not can_change_person(request.user, person, reason)):
        return None, None
    return person, person.contingency_plans.filter(is_active=True).first()


@staff_required()
def plan_page(request, person_id: int):
    person, plan = _plan_context(request, person_id, change=False)
    if person is None:
        return forbidden(request, "You cannot see this person's plan.")
    earlier = person.contingency_plans.filter(is_active=False)
    chosen = record_id(request.GET.get("plan", ""))
    if chosen is not None and earlier.filter(pk=chosen).exists():
        plan = earlier.get(pk=chosen)  # an earlier plan, to read: what was agreed then
    Auditor.for_request(request).viewed(person, what="contingency plan")
    template = "prevention/plan_print.html" if request.GET.get("print") else "prevention/plan.html"
    current = plan is None or plan.is_active  # earlier plans are for reading only
    return render(request, template, {"person": person, "plan": plan, "active": "people", "earlier": earlier,
                                      "today": timezone.localdate(), "phone": settings.COUNCIL_PHONE,
                                      "can_change": current and can_change_person(request.user, person)})


@staff_required()
def plan_card(request, person_id: int):
    person, plan = _plan_context(request, person_id, change=False)
    if person is None or plan is None:
        return forbidden(request, "There is no plan you can see.")
    Auditor.for_request(request).viewed(person, what="carer's emergency card")
    return render(request, "prevention/plan_card.html", {
        "person": person, "plan": plan, "carers": _carers(person, plan), "phone": settings.COUNCIL_PHONE})


def _carers(person, plan) -> list[str]:
    """Who carries the card: the unpaid carers in the person's circle, and anyone whose crisis sets the plan
    off (Arthur, for Edna's plan), each once."""
    names = [m.name for m in person.circle.filter(is_unpaid_carer=True)]
    names += [t.about.full_name for t in plan.triggers.select_related("about") if t.about_id != person.pk]
    return list(dict.fromkeys(names))


@staff_required()
def plan_new(request, person_id: int):
    person, current = _plan_context(request, person_id, change=True)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    initial = model_to_dict(current, ["made_with", "what_matters_most", "what_helps", "what_upsets",
                                      "named_worker"]) if current else None
    form = PlanForm(request.POST if request.method == "POST" else None, initial=initial, team=request.user.team)
    return _form_page(request, person, form, lambda data, auditor: plans.make_plan(person, data, auditor),
                      "Plan made. Now add what would set it off, and who does what.",
                      "Start a new plan from this one" if current else "Make a contingency plan")


def _form_page(request, person, form, save, done: str, title: str):
    """A plan form posted: `save(data, auditor)` (an action), then back to the plan; or the form again,
    with the action's errors on it."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data, Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("contingency_plan", person.pk)
    return render(request, "prevention/plan_form.html", {"form": form, "person": person, "active": "people",
                                                         "title": title}, status=400 if form.errors else 200)


@staff_required()
def plan_review(request, person_id: int):
    """Look at the plan again with the person and family: change its words, and set the next date."""
    person, plan = _plan_context(request, person_id, change=True)
    if person is None or plan is None:
        return forbidden(request, "You cannot change this plan.")
    initial = model_to_dict(plan, PlanForm.Meta.fields + ["review_on"])
    initial["review_on"] = None  # a review sets the next date afresh
    form = PlanForm(request.POST if request.method == "POST" else None, initial=initial, team=request.user.team)
    return _form_page(request, person, form, lambda data, auditor: plans.review_plan(plan, data, auditor),
                      "Plan looked at again. The next date is on the plan.", "Look at the plan again")


def _add(request, person_id: int, form_class, save, title: str, **form_kwargs):
    person, plan = _plan_context(request, person_id, change=True)
    if person is None or plan is None:
        return forbidden(request, "You cannot change this plan.")
    kwargs = {k: (v(person) if callable(v) else v) for k, v in form_kwargs.items()}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    return _form_page(request, person, form, lambda data, auditor: save(plan, person, data, auditor),
                      "Added to the plan.", title)


def _people_for_triggers(person):
    """The person, and the people linked to them through a circle either way (Arthur for Edna)."""
    from kithkin.people.models import CircleMember

    theirs = [m.linked_person for m in person.circle.select_related("linked_person") if m.linked_person_id]
    in_whose = [m.person for m in CircleMember.objects.filter(linked_person=person).select_related("person")]
    return list({p.pk: p for p in [person, *theirs, *in_whose]}.values())


def _chosen_about(person, pk: int):
    """Who a trigger is about: the person or someone linked to them, never anyone else."""
    about = next((p for p in _people_for_triggers(person) if p.pk == pk), None)
    if about is None:
        raise ValidationError({"about": "Choose who it would happen to"})
    return about


@staff_required()
def trigger_add(request, person_id: int):
    def save(plan, person, data, auditor):
        plans.add_trigger(plan, data["kind"], _chosen_about(person, data["about"]), data["description"], auditor,
                          part=data["part"])

    return _add(request, person_id, TriggerForm, save, "What would set the plan off",
                people=_people_for_triggers)


@staff_required()
def action_add(request, person_id: int):
    return _add(request, person_id, ActionForm, lambda plan, person, data, auditor: plans.add_action(
        plan, data, auditor), "Who does what")


@staff_required()
def contact_add(request, person_id: int):
    return _add(request, person_id, ContactForm, lambda plan, person, data, auditor: plans.add_contact(
        plan, data, auditor), "A key contact")


REMOVABLE = {"triggers": "triggers", "actions": "actions", "contacts": "contacts"}
CHANGEABLE = {"triggers": (TriggerForm, "What would set the plan off"), "actions": (ActionForm, "Who does what"),
              "contacts": (ContactForm, "A key contact")}


@staff_required()
def item_change(request, person_id: int, kind: str, item_id: int):
    person, plan = _plan_context(request, person_id, change=True)
    if person is None or plan is None or kind not in CHANGEABLE:
        return forbidden(request, "You cannot change this plan.")
    item = getattr(plan, REMOVABLE[kind]).filter(pk=item_id).first()
    if item is None:
        messages.error(request, "That is no longer on the plan.")
        return redirect("contingency_plan", person.pk)
    form_class, title = CHANGEABLE[kind]
    extra = {"people": _people_for_triggers(person)} if kind == "triggers" else {}
    initial = model_to_dict(item, list(form_class.base_fields))
    form = form_class(request.POST if request.method == "POST" else None, initial=initial, **extra)

    def save(data, auditor):
        if kind == "triggers":
            data = {**data, "about": _chosen_about(person, data["about"])}
        plans.change_item(item, data, auditor)

    return _form_page(request, person, form, save, "Changed on the plan.", f"Change: {title.lower()}")


@require_POST
@staff_required()
def item_remove(request, person_id: int, kind: str, item_id: int):
    person, plan = _plan_context(request, person_id, change=True)
    if person is None or plan is None or kind not in REMOVABLE:
        return forbidden(request, "You cannot change this plan.")
    item = getattr(plan, REMOVABLE[kind]).filter(pk=item_id).first()
    if item is None:
        messages.error(request, "That is no longer on the plan.")
    else:
        plans.remove_item(item, Auditor.for_request(request))
        messages.success(request, f"Taken off the plan: {item}")
    return redirect("contingency_plan", person.pk)
