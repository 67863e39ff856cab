"""Error pages in plain words, for pages and the API alike."""

import json

from django.http import HttpResponse
from django.shortcuts import render


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def _page(request, status: int, title: str, message: str):
    if _wants_json(request):
        body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": message})
        return HttpResponse(body, status=status, content_type="application/problem+json")
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def not_found(request, exception=None):
    return _page(request, 404, "Page not found", "If you typed the web address, check it is correct.")


def forbidden(request, exception=None):
    return _page(request, 403, "You cannot see this page", "Your role does not give you access to this page.")


def csrf_failure(request, reason=""):
    """A form sent without its token: usually a page left open past the session, or cookies blocked."""
    return _page(request, 403, "The form could not be sent",
                 "Nothing was saved. This happens when a page has been open a long time or the browser blocks "
                 "cookies: go back, refresh the page and try again.")


def bad_request(request, exception=None):
    return _page(request, 400, "Something in the request was not right", "Go back and try again.")


def server_error(request):
    return _page(request, 500, "Sorry, there is a problem with the service", "Try again later.")
