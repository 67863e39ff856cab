"""The directory for the people who plan and keep it: the asset map of coverage and gaps, entries to
review (stale, not running, suggested changes), and suggesting a change from a service's page."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.decorators import staff_required
from kithkin.core.forms_govuk import apply_errors
from kithkin.directory import actions
from kithkin.directory.coverage import coverage, gaps_by_category
from kithkin.directory.forms import category_choices
from kithkin.directory.models import Place, ProposedChange, Service, ServiceStatus, TaxonomyTerm
from kithkin.directory.policies import can_edit_directory, can_see_asset_map, can_suggest_change
from kithkin.directory.presenters import STALE_AFTER_DAYS
from kithkin.directory.views import map_settings

RADII = [("3", "3 km"), ("5", "5 km"), ("10", "10 km"), ("15", "15 km"), ("25", "25 km")]


class CoverageForm(forms.Form):
    category = forms.ChoiceField(label="Kind of support")
    radius = forms.ChoiceField(label="Within", choices=RADII, initial="10")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()[1:]  # the same list, less "Any kind of support"


@staff_required(can_see_asset_map)
def asset_map(request):
    # What the page shows and what the form says are the same: the defaults fill what was not asked.
    form = CoverageForm({"category": "memory.cafes", "radius": "10", **request.GET.dict()})
    category, radius_km = "memory.cafes", 10
    if form.is_valid():
        category, radius_km = form.cleaned_data["category"], int(form.cleaned_data["radius"])
    term = TaxonomyTerm.objects.filter(pk=category).first()
    rows = coverage(category, radius_km * 1000) if term else []
    points = [{"lat": r.place.latitude, "lng": r.place.longitude, "url": "",
               "name": f"{r.place.name}: " + ("a gap" if r.gap else f"{len(r.near)} within {radius_km} km"),
               "colour": "#d4351c" if r.gap else "#00703c", "radius": 10} for r in rows]
    return render(request, "directory/asset_map.html", {
        "form": form, "term": term, "rows": rows, "radius_km": radius_km, "points": points, "map": map_settings(),
        "gaps": gaps_by_category(radius_km * 1000), "places": Place.objects.count(), "active": "directory",
    })


@staff_required(can_see_asset_map)
def review(request):
    stale_before = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
    active = Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organization")
    return render(request, "directory/review.html", {
        "stale": active.filter(assured_date__lt=stale_before).order_by("assured_date")
        | active.filter(assured_date=None),
        "not_running": Service.objects.exclude(status=ServiceStatus.ACTIVE).select_related("organization")
        .order_by("status", "name"),
        "proposals": ProposedChange.objects.filter(state=ProposedChange.State.PENDING)
        .select_related("service", "proposed_by"),
        "can_edit": can_edit_directory(request.user), "active": "directory",
    })


class SuggestChangeForm(forms.ModelForm):
    """The words residents see, with the checks a good entry needs; the rest comes by import-oruk."""

    url = forms.URLField(label="Website", required=False, assume_scheme="https",
                         error_messages={"invalid": "Enter a web address, like https://www.example.org"})
    email = forms.EmailField(label="Email address", required=False,
                             error_messages={"invalid": "Enter an email address like name@example.org"})
    minimum_age = forms.IntegerField(label="Youngest age it is for", required=False, min_value=0, max_value=120,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                                   "class": "govuk-input--width-3"}))
    maximum_age = forms.IntegerField(label="Oldest age it is for", required=False, min_value=0, max_value=120,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                                   "class": "govuk-input--width-3"}))
    note = forms.CharField(label="Anything else we should know", required=False, widget=forms.Textarea(
        attrs={"rows": 3}), help_text="Other changes too: phone numbers, days and times, where it meets")

    class Meta:
        model = Service
        fields = actions.EDITABLE
        labels = {"name": "Name", "description": "What it is", "status": "Is it running?",
                  "eligibility_description": "Who it is for", "application_process": "How to start",
                  "fees_description": "What it costs"}
        error_messages = {"name": {"required": "Enter the name of the service"}}
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in
                   ("description", "eligibility_description", "application_process", "fees_description")}
        widgets.update(name=forms.TextInput)

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest")
        return data


@staff_required(can_suggest_change)
def suggest_change(request, service_id: str):
    service = get_object_or_404(Service, pk=service_id)
    form = SuggestChangeForm(request.POST or None, instance=Service.objects.get(pk=service.pk))
    if request.method == "POST" and form.is_valid():
        proposed = {name: form.cleaned_data[name] for name in actions.EDITABLE if name in request.POST}
        try:
            actions.suggest_change(service, proposed, form.cleaned_data["note"], Auditor.for_request(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Thank you. An editor will check the change before it appears.")
            return redirect("directory_service", service.pk)
    return render(request, "directory/suggest_change.html", {"form": form, "service": service, "active": "find"},
                  status=400 if form.errors else 200)


@require_POST
@staff_required(can_edit_directory)
def decide(request, proposal_id: int):
    proposal = get_object_or_404(ProposedChange, pk=proposal_id)
    auditor = Auditor.for_request(request)
    try:
        if request.POST.get("decision") == "approve":
            actions.approve_change(proposal, auditor)
            messages.success(request, f"The change to {proposal.service.name} is live.")
        else:
            actions.reject_change(proposal, request.POST.get("reason", ""), auditor)
            messages.success(request, f"The change to {proposal.service.name} was turned down.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("directory_review")


@require_POST
@staff_required(can_edit_directory)
def confirm(request, service_id: str):
    service = get_object_or_404(Service, pk=service_id)
    actions.confirm_still_right(service, Auditor.for_request(request))
    messages.success(request, f"{service.name} is confirmed as right today.")
    return redirect("directory_review")
