"""The JSON API's shared parts: token auth, problem bodies (RFC 9457), paging."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from kithkin.core.actions import ActionError, authenticate_token

PROBLEM = "application/problem+json"


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = authenticate_token(token)
        if user is not None:
            request.auth_user = user
            request.user = user
        return user


def problem(api: NinjaAPI, request, status: int, title: str, detail: str = "", errors: list | None = None):
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


def _field_name(loc) -> str:
    # ninja reports ("body", "payload", "field") or ("query", "page"): keep what a caller sent.
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


def form_errors(form) -> list[dict]:
    return [{"field": name if name != "__all__" else "body", "message": str(m)}
            for name, messages in form.errors.items() for m in messages]


class FormInvalid(Exception):
    def __init__(self, form):
        self.form = form


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [{"field": _field_name(e.get("loc", ())), "message": e.get("msg", "Invalid value")}
                  for e in exc.errors]
        return problem(api, request, 400, "Some of what you sent is not right", errors=errors)

    @api.exception_handler(FormInvalid)
    def form_invalid(request, exc):
        return problem(api, request, 400, "Some of what you sent is not right", errors=form_errors(exc.form))

    @api.exception_handler(DjangoValidationError)
    def domain_invalid(request, exc):
        if hasattr(exc, "error_dict"):
            errors = [{"field": k if k != "__all__" else "body", "message": m}
                      for k, v in exc.message_dict.items() for m in v]
        else:
            errors = [{"field": "body", "message": m} for m in exc.messages]
        return problem(api, request, 400, "Some of what you sent is not right", errors=errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = problem(api, request, 401, "Sign in with an API token",
                           "Send 'Authorization: Bearer <token>'. Tokens are made under API tokens.")
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def denied(request, exc):
        return problem(api, request, 403, "You may not see or do this", str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(api, request, 404, "Not found", str(exc) or "")

    @api.exception_handler(ActionError)
    def conflict(request, exc):
        return problem(api, request, 409, "That cannot be done now", str(exc))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem(api, request, exc.status_code, str(exc))
