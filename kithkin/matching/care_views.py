"""A person's support at home: what they want from carers, the visits they need, carers ranked for them,
and Shared Lives homes. Need-to-know applies: reading needs a reason, changing needs casework."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import forbidden, staff_required
from kithkin.core.forms_govuk import apply_errors
from kithkin.matching import actions, candidates, repair, rosters, shared_lives
from kithkin.matching.forms import PreferencesForm, VisitPatternForm
from kithkin.matching.models import NEXT_STAGES, Household, Preferences, SharedLivesMatch, Stage
from kithkin.matching.policies import can_plan_rosters, can_see_carers
from kithkin.people.policies import can_change_person, get_person_for_user, visible_people


def _person(request, person_id: int, change: bool = False):
    person, reason = get_person_for_user(request.user, person_id)
    if person is None:
        raise Http404
    if reason is None or (change and not can_change_person(request.user, person, reason)):
        return None
    return person


@staff_required()
def person_care(request, person_id: int):
    person = _person(request, person_id)
    if person is None:
        return forbidden(request, "You cannot see this person's record.")
    return _care_page(request, person)


def _care_page(request, person, errors: dict | None = None, sent: dict | None = None, status: int = 200):
    """The person's support at home; with `errors`, a Shared Lives stage form as it was sent, and what to put
    right."""
    Auditor.for_request(request).viewed(person, what="support at home")
    return render(request, "matching/person_care.html", {
        "person": person, "prefs": Preferences.objects.filter(person=person).first(),
        "patterns": person.visit_patterns.filter(is_active=True),
        "matches": person.shared_lives_matches.select_related("household__carer"),
        "next_stages": next_stages, "can_change": can_change_person(request.user, person), "active": "people",
        "errors": errors or {}, "sent": sent or {}}, status=status)


@staff_required()
def preferences_form(request, person_id: int):
    person = _person(request, person_id, change=True)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    prefs = Preferences.objects.filter(person=person).first()
    initial = {**model_to_dict(prefs, PreferencesForm.Meta.fields), "not_wanted": list(prefs.not_wanted.all())} \
        if prefs else None
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "not_wanted"}
        changes = repair.save_wishes(person, data, list(form.cleaned_data["not_wanted"]), Auditor.for_request(request))
        moved = len({c.visit_id for c in changes if c.visit.person_id == person.pk})
        messages.success(request, "Saved what they want from the people who support them." + (
            f" {moved} of their planned visits {'was' if moved == 1 else 'were'} with carers who no longer suit them"
            " and went to carers who do: each roster lists the changes." if moved else ""))
        return redirect("person_care", person.pk)
    return _page(request, person, form, "What they want from the people who support them")


@staff_required()
def pattern_add(request, person_id: int):
    person = _person(request, person_id, change=True)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    form = VisitPatternForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_visit_pattern(person, form.cleaned_data, Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Regular visit added." + _not_yet_planned(request))
            return redirect("person_care", person.pk)
    return _page(request, person, form, "A regular visit")


def _not_yet_planned(request) -> str:
    """What to say of the weeks already planned: the new visit is not on their rosters until a planner adds it."""
    planned = rosters.current_from_this_week()
    if not planned.exists():
        return ""
    if can_plan_rosters(request.user):
        return " The weeks already planned do not have it yet: add it from who is coming and when."
    return " The weeks already planned do not have it yet: the team's week lists it for the roster planners to add."


def _page(request, person, form, title: str):
    return render(request, "matching/form.html", {
        "form": form, "title": title, "caption": person.full_name, "active": "people",
        "back": redirect("person_care", person.pk).url}, status=400 if form.errors else 200)


@staff_required()
def pattern_end(request, person_id: int, pattern_id: int):
    """Asks first (GET), saying which planned visits come off the rosters; then ends it (POST)."""
    person = _person(request, person_id, change=True)
    if person is None:
        return forbidden(request, "You cannot change this record.")
    pattern = person.visit_patterns.filter(pk=pattern_id, is_active=True).first()
    if pattern is None:
        messages.error(request, "That regular visit is not running now: it has ended, or it is not one of theirs.")
        return redirect("person_care", person.pk)
    if request.method != "POST":
        return render(request, "matching/end_pattern.html", {
            "person": person, "pattern": pattern, "planned": list(repair.planned_ahead(pattern)), "active": "people"})
    changes = repair.end_regular_visit(pattern, Auditor.for_request(request))
    taken = len({c.visit_id for c in changes})
    messages.success(request, f"Ended: {pattern}." + (
        f" {taken} planned visit{'s' if taken != 1 else ''} from today on came off the roster: tell the carers"
        " (each roster lists it under Changes)." if taken else ""))
    return redirect("person_care", person.pk)


@staff_required(can_see_carers)
def carers_for_person(request, person_id: int):
    person = _person(request, person_id)
    if person is None:
        return forbidden(request, "You cannot see this person's record.")
    Auditor.for_request(request).viewed(person, what="carers ranked for them")
    return render(request, "matching/carers_for_person.html", {
        "person": person, "shortlist": candidates.shortlist(person), "points": candidates.POINTS,
        "active": "people"})


@staff_required(can_see_carers)
def homes_for_person(request, person_id: int):
    person = _person(request, person_id)
    if person is None:
        return forbidden(request, "You cannot see this person's record.")
    Auditor.for_request(request).viewed(person, what="Shared Lives homes ranked for them")
    return render(request, "matching/homes_for_person.html", {
        "person": person, "pairings": shared_lives.homes_for(person), "lives_with": actions.lives_with(person),
        "can_change": can_change_person(request.user, person), "active": "people"})


@staff_required(can_see_carers)
def people_for_home(request, carer_id: int):
    household = Household.objects.filter(carer_id=carer_id).select_related("carer").first()
    if household is None:
        raise Http404
    pairings = shared_lives.people_for(household, visible_people(request.user))
    return render(request, "matching/people_for_home.html", {
        "household": household, "pairings": pairings, "active": "carers",
        "can_change": {p.person.pk for p in pairings if can_change_person(request.user, p.person)}})


@require_POST
@staff_required(can_see_carers)
def propose(request, person_id: int, carer_id: int):
    person = _person(request, person_id, change=True)
    household = Household.objects.filter(carer_id=carer_id).first()
    if person is None:
        return forbidden(request, "You cannot change this record.")
    if household is None:
        raise Http404("That carer has no Shared Lives household")
    try:
        actions.propose_shared_lives(person, household, request.POST.get("notes", "")[:2000],
                                     Auditor.for_request(request))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Proposed: {person.full_name} with {household}.")
    if request.POST.get("from") == "home":  # proposed from the household's side
        return redirect("people_for_home", household.carer_id)
    return redirect("person_care", person.pk)


@require_POST
@staff_required(can_see_carers)
def match_stage(request, match_id: int):
    match = SharedLivesMatch.objects.filter(pk=match_id).select_related("person").first()
    person = _person(request, match.person_id, change=True) if match else None
    if person is None:
        return forbidden(request, "You cannot change this record.")
    stage, notes = request.POST.get("stage", ""), request.POST.get("notes", "")[:2000]
    try:
        if not stage:
            raise ActionError("Choose the stage to move to")
        actions.move_stage(match, stage, notes, Auditor.for_request(request))
    except ActionError as exc:  # the page again, the notes kept, the error by the form
        if not next_stages(match):  # ended since the page was opened (another tab): there is no form to show
            messages.error(request, f"The match with {match.household} has ended, so nothing more can be recorded "
                                    "on it.")
            return redirect("person_care", person.pk)
        first = next_stages(match)[0].value
        return _care_page(request, person, {f"stage-{match.pk}-{first}": str(exc)},
                          {"match": match.pk, "notes": notes}, status=400)
    messages.success(request, "Stage saved.")
    return redirect("person_care", person.pk)


def next_stages(match) -> list:
    """For the template: where this match can go next, "ended" last."""
    stage = Stage(match.stage)
    return [*NEXT_STAGES[stage], *([Stage.ENDED] if stage != Stage.ENDED else [])]
