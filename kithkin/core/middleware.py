"""Cross-cutting request handling: no caching of staff pages, no NUL characters."""

from django.http import JsonResponse


class NoStoreForStaffMiddleware:
    """Staff pages carry personal data: keep them out of shared and back-button caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class RejectNulMiddleware:
    """A NUL character in an address or a form is never meant, and PostgreSQL cannot store or compare it:
    answer 400 at the door rather than fail deep inside a query."""

    PROBLEM_PATHS = ("/api/", "/oruk/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            if request.path.startswith(self.PROBLEM_PATHS):
                body = {"type": "about:blank", "title": "Some of what you sent is not right", "status": 400,
                        "detail": "The request contains a NUL character."}
                return JsonResponse(body, status=400, content_type="application/problem+json")
            from kithkin.core.errors import bad_request

            return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        forms = [request.GET]
        if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                                 "multipart/form-data"):
            forms.append(request.POST)
        return any("\x00" in key or any("\x00" in v for v in values)
                   for form in forms for key, values in form.lists())


class MethodNotAllowedPageMiddleware:
    """Django answers a GET to a form's address (a bookmark, or Back after a form was sent) with an empty 405.
    A page in plain words says what to do; the API keeps its problem body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code != 405 or response.streaming or response.content
                or request.path.startswith(("/api/", "/oruk/"))):
            return response
        from kithkin.core.errors import _page

        page = _page(request, 405, "This address is for sending a form",
                     "Go back to the page the form is on, and send it from there.")
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
