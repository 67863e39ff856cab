"""View guards. They check roles; record-level need-to-know is in each domain's policies."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


def staff_required(check=None):
    """Signed-in staff only; with `check`, also that role check (a 403 page otherwise)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if check is not None and not check(request.user):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def forbidden(request, message: str = "Your role does not give you access to this page."):
    return render(request, "core/forbidden.html", {"message": message}, status=403)
