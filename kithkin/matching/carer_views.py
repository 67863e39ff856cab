"""The carers register: the list, one carer, adding and changing them, their week and their household."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.forms_govuk import apply_errors
from kithkin.core.models import Postcode
from kithkin.matching import actions, presenters, repair, rosters
from kithkin.matching.forms import AvailabilityForm, CarerForm, HouseholdForm
from kithkin.matching.models import Carer, CarerKind, Household, RosterVisit, Skill
from kithkin.matching.policies import (
    can_change_carers,
    can_plan_rosters,
    can_see_carer_details,
    can_see_carer_week,
    can_see_carers,
    get_carer_for_user,
)


@staff_required(can_see_carers)
def carer_list(request):
    carers = Carer.objects.filter(is_active=True)
    kind, skill, area = (request.GET.get(k, "").strip() for k in ("kind", "skill", "area"))
    if kind in CarerKind.values:
        carers = carers.filter(kind=kind)
    chosen_skill = skill if skill in Skill.values else ""
    rows = [c for c in carers if not chosen_skill or chosen_skill in c.skills]
    area_error = _unknown_district(area)
    if area and not area_error:
        rows = [c for c in rows if c.covers_postcode(area.upper().split()[0] + " ")]
    return render(request, "matching/carers.html", {
        "carers": rows, "kinds": CarerKind.choices, "skills": Skill.choices, "active": "carers",
        "chosen": {"kind": kind, "skill": chosen_skill, "area": area}, "area_error": area_error,
        "can_change": can_change_carers(request.user)})


def _unknown_district(area: str) -> str:
    """Why `area` (a postcode district, or a whole postcode) cannot filter the register, or "" if it can. A typo
    is said, not taken as a district nobody covers: agency carers cover everywhere, so it would list only them."""
    if not area:
        return ""
    district = area.upper().split()[0]
    if Postcode.objects.filter(postcode__startswith=district + " ").exists():
        return ""
    example = (Carer.objects.exclude(postcode="").order_by("postcode").values_list("postcode", flat=True).first()
               or Postcode.objects.order_by("postcode").values_list("postcode", flat=True).first())
    like = f", like {example.split()[0]}" if example else ""
    return f"There is no postcode district {district} in the area: enter a district{like}"


def _carer(request, carer_id: int) -> Carer:
    """The carer if this user may see the register, else not found."""
    carer = get_carer_for_user(request.user, carer_id)
    if carer is None:
        raise Http404
    return carer


@staff_required(can_see_carers)
def carer_detail(request, carer_id: int):
    carer = _carer(request, carer_id)
    household = Household.objects.filter(carer=carer).first()
    return render(request, "matching/carer.html", {
        "carer": carer, "household": household, "skills": [Skill(s).label for s in carer.skills if s in Skill.values],
        "can_change": can_change_carers(request.user), "weeks": _weeks_planned(request.user, carer),
        "details": can_see_carer_details(request.user),
        "off": carer.absences.filter(day__gte=timezone.localdate()), "can_mark_back": can_plan_rosters(request.user),
        "active": "carers"})


@require_POST
@staff_required(can_plan_rosters)
def carer_back(request, carer_id: int):
    """The carer can work on a day they were marked off after all."""
    carer = _carer(request, carer_id)
    try:
        day = date.fromisoformat(request.POST.get("day", ""))
        actions.mark_back(carer, day, Auditor.for_request(request))
    except ValueError:
        messages.error(request, "Choose a day they were marked off")
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{carer.full_name} can be given visits on {day:%A %-d %B} again. The visits that "
                                  "went to others when they were marked off stay with them: a repair or a new plan "
                                  "can give them visits.")
    return redirect("carer_detail", carer.pk)


@staff_required(can_change_carers)
def carer_leaves(request, carer_id: int):
    """Asks first (GET), saying how many planned visits go to others; then takes them off the register (POST)."""
    carer = _carer(request, carer_id)
    if not carer.is_active:
        messages.error(request, f"{carer.full_name} has left already")
        return redirect("carer_detail", carer.pk)
    if request.method != "POST":
        ahead = RosterVisit.objects.filter(carer=carer, roster__is_current=True, cancelled=False,
                                           date__gte=timezone.localdate()).count()
        return render(request, "matching/carer_leaves.html", {"carer": carer, "ahead": ahead, "active": "carers"})
    changes = repair.carer_leaves(carer, Auditor.for_request(request))
    n = len({c.visit_id for c in changes if c.carer_before_id == carer.pk})
    messages.success(request, f"{carer.full_name} has left: nobody is matched with them or given their visits now." + (
        f" {n} of their planned visits went to others: each roster lists the changes." + presenters.late_note(changes)
        if n else ""))
    return redirect("carer_detail", carer.pk)


@require_POST
@staff_required(can_change_carers)
def carer_rejoins(request, carer_id: int):
    carer = _carer(request, carer_id)
    try:
        actions.set_working(carer, True, Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{carer.full_name} works with us again: plans, repairs and matches include them.")
    return redirect("carer_detail", carer.pk)


def _weeks_planned(user, carer) -> list:
    """The rosters in use from this week on, for links to the carer's week (for those who may see it)."""
    if not can_see_carer_week(user, carer):
        return []
    return list(rosters.current_from_this_week()[:6])


def _form_page(request, form, title: str, back: str):
    return render(request, "matching/form.html", {"form": form, "title": title, "back": back, "active": "carers"},
                  status=400 if form.errors else 200)


@staff_required(can_change_carers)
def carer_form(request, carer_id: int | None = None):
    carer = get_carer_for_user(request.user, carer_id) if carer_id else None
    if carer_id and carer is None:
        raise Http404
    initial = model_to_dict(carer, CarerForm.Meta.fields) if carer else None
    form = CarerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if carer:
                carer = actions.change_carer(carer, form.cleaned_data, Auditor.for_request(request))
            else:
                carer = actions.add_carer(form.cleaned_data, Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{carer.full_name} saved.")
            return redirect("carer_detail", carer.pk)
    back = redirect("carer_detail", carer.pk).url if carer else redirect("carers").url
    return _form_page(request, form, f"Change {carer.full_name}" if carer else "Add a carer", back)


@staff_required(can_change_carers)
def availability_form(request, carer_id: int):
    carer = _carer(request, carer_id)
    initial = AvailabilityForm.initial_for(carer.availability.all())
    form = AvailabilityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = repair.change_hours(carer, form.stretches, Auditor.for_request(request))
        n = len({c.visit_id for c in changes})
        messages.success(request, f"{carer.full_name}'s week saved." + (
            f" Their visits outside their new hours are repaired: {n} planned visit{'s' if n != 1 else ''} changed,"
            " each listed on its roster." + presenters.late_note(changes) if changes else ""))
        return redirect("carer_detail", carer.pk)
    return _form_page(request, form, f"When {carer.given_name} is free each week",
                      redirect("carer_detail", carer.pk).url)


@staff_required(can_change_carers)
def household_form(request, carer_id: int):
    carer = _carer(request, carer_id)
    if carer.kind != CarerKind.SHARED_LIVES:
        return forbidden(request, "Only Shared Lives carers have a household on the register.")
    household = Household.objects.filter(carer=carer).first()
    initial = model_to_dict(household, HouseholdForm.Meta.fields) if household else None
    form = HouseholdForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_household(carer, form.cleaned_data, Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Household saved.")
            return redirect("carer_detail", carer.pk)
    return _form_page(request, form, f"{carer.given_name}'s household", redirect("carer_detail", carer.pk).url)
