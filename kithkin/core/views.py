"""Sign-in, sign-out, the home page, API tokens and the health check."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kithkin.core import actions
from kithkin.core.access import can_manage_tokens, can_see_team_figures
from kithkin.core.audit import Auditor, client_ip
from kithkin.core.decorators import staff_required
from kithkin.core.models import ApiToken


def home(request):
    if request.user.is_authenticated:
        if request.user.does_casework and request.user.team_id:
            return redirect("worklist")
        return redirect("figures" if can_see_team_figures(request.user) else "find_support")
    return render(request, "core/home.html", {"active": "home"})


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your administrator.",
    }


def sign_in(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            login(request, user)
            actions.record_sign_in(user, client_ip(request))
            return redirect(next_url or "home")
        actions.record_failed_sign_in(request.POST.get("username", "")[:150], client_ip(request),
                                      locked_out=getattr(request, "axes_locked_out", False))
    return render(request, "core/login.html", {"form": form, "next": next_url, "active": "login"},
                  status=400 if form.errors else 200)


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        actions.record_sign_out(request.user, client_ip(request))
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("login")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@staff_required(can_manage_tokens)
def tokens(request):
    new_key = None
    error = None
    if request.method == "POST":
        try:
            _token, new_key = actions.create_api_token(request.user, request.POST.get("name", ""),
                                                        Auditor.for_request(request))
        except actions.ActionError as exc:
            error = str(exc)
    items = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "core/tokens.html", {"tokens": items, "new_key": new_key, "error": error,
                                                "active": "tokens"}, status=400 if error else 200)


@require_POST
@staff_required(can_manage_tokens)
def revoke_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    actions.revoke_api_token(token, Auditor.for_request(request))
    messages.success(request, f"Token {token.name} revoked.")
    return redirect("tokens")
