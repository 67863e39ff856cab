"""The public directory: "Find support near you", a service's page, and the saved list. No login."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kithkin.core.audit import client_ip
from kithkin.core.jinja import pagination
from kithkin.directory import saved_list
from kithkin.directory.finder import PER_PAGE, find
from kithkin.directory.forms import FindSupportForm
from kithkin.directory.models import Service
from kithkin.directory.presenters import card, cards, map_points, with_details
from kithkin.directory.tasks import email_saved_list


def _service_url(service_id: str) -> str:
    return reverse("directory_service", args=[service_id])


def map_settings() -> dict:
    return {"tiles": settings.KITHKIN_MAP_TILES, "attribution": settings.KITHKIN_MAP_ATTRIBUTION}


def _with_origin(points: list[dict], form) -> list[dict]:
    if form.origin is None:
        return points
    lat, lng = form.origin
    return [{"lat": lat, "lng": lng, "name": f"Your postcode, {form.cleaned_data['postcode']}", "url": "",
             "colour": "#0b0c0c", "radius": 6}, *points]


def find_support(request):
    form = FindSupportForm(request.GET or None)
    context = {"form": form, "active": "find", "searched": False, "map": map_settings(),
               "saved": saved_list.saved_ids(request.session)}
    if request.GET and form.is_valid():
        finding = find(form.cleaned_data, form.origin)
        page = Paginator(finding.hits, PER_PAGE).get_page(request.GET.get("page"))
        items = cards(list(page.object_list), finding.understood)
        query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
        kept = urlencode({k: v for k, v in request.GET.items() if k not in ("page", "view") and v})
        context.update(searched=True, page=page, items=items, understood=finding.understood, note=finding.note,
                       pagination=pagination(page, "Results", query), query=query,
                       list_url=f"?{kept}&view=list", map_url=f"?{kept}&view=map",
                       points=_with_origin(map_points(items, _service_url), form),
                       view=form.cleaned_data.get("view") or "list")
    return render(request, "directory/find_support.html", context, status=400 if form.errors else 200)


def service_page(request, service_id: str):
    service = get_object_or_404(with_details(Service.objects.all()), pk=service_id)
    item = card(service)
    return render(request, "directory/service.html", {
        "item": item, "service": service, "active": "find", "map": map_settings(),
        "points": map_points([item], _service_url), "saved": saved_list.saved_ids(request.session),
        "back": request.GET.get("back", "") if request.GET.get("back", "").startswith("/find-support") else "",
    })


@require_POST
def save_service(request):
    service_id = request.POST.get("service", "")
    if saved_list.save(request.session, service_id):
        messages.success(request, "Saved to your list.")
    back = request.POST.get("back", "")
    return redirect(back if back.startswith("/find-support") else "my_list")


@require_POST
def unsave_service(request):
    saved_list.remove(request.session, request.POST.get("service", ""))
    messages.success(request, "Removed from your list.")
    return redirect("my_list")


class EmailListForm(forms.Form):
    email = forms.EmailField(label="Email address", help_text="We send the list once and do not keep your address",
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address like name@example.com"},
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))


def _saved_cards(request):
    ids = saved_list.saved_ids(request.session)
    found = with_details(Service.objects.filter(pk__in=ids)).in_bulk()
    return [card(found[i]) for i in ids if i in found]


def my_list(request):
    items = _saved_cards(request)
    form = EmailListForm(request.POST or None)
    if request.method == "POST":
        if not items:
            return redirect("my_list")
        address, ip = form.data.get("email", ""), client_ip(request)
        if form.is_valid() and not saved_list.may_email(request.session, address, ip):
            form.add_error("email", "You have sent your list several times already. Please try again in an hour")
        elif form.is_valid():
            try:
                email_saved_list.enqueue(form.cleaned_data["email"], f"Your saved list from {settings.SITE_NAME}",
                                         saved_list.as_text(items, settings.SITE_NAME))
            except ValidationError:
                form.add_error("email", "We could not send to that address")
            else:
                saved_list.emailed(request.session, address, ip)
                messages.success(request, "We have sent your list. It may take a few minutes to arrive.")
                return redirect("my_list")
    return render(request, "directory/my_list.html", {"items": items, "form": form, "active": "my_list"},
                  status=400 if form.errors else 200)
