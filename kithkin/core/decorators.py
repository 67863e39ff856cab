"""View guards. They check roles; record-level need-to-know is in each domain's policies."""

from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def staff_required(check=None):
    """Signed-in staff only; with `check`, also that role check (a 403 page otherwise)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if request.method == "POST":
                    return _signed_out_while_sending(request)
                return redirect_to_login(request.get_full_path())
            if check is not None and not check(request.user):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _signed_out_while_sending(request):
    """A form sent after its sender was signed out (in another tab, or the session ran out): say that nothing
    was saved, and after signing in go back to the page the form was on, not to an address that takes forms
    only (a 405 page, with what was typed gone either way)."""
    messages.warning(request, "You were signed out, so what you sent was not saved: sign in and send it again.")
    referer = request.META.get("HTTP_REFERER", "")
    back = "/"
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        parts = urlsplit(referer)
        if parts.path.startswith("/") and not parts.path.startswith("//"):  # "//x" would be another site
            back = parts.path + (f"?{parts.query}" if parts.query else "")
    return redirect_to_login(back)


def forbidden(request, message: str = "Your role does not give you access to this page."):
    return render(request, "core/forbidden.html", {"message": message}, status=403)
