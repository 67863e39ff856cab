"""Partner alerts over the API: POST /api/alerts, with an idempotency key so a resend is never a second
alert. The answer says the alert is safely received; it does not say whether we know the person."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from kithkin.core.api import FormInvalid
from kithkin.core.audit import Auditor
from kithkin.prevention import actions
from kithkin.prevention.forms import AlertForm
from kithkin.prevention.models import AlertKind, AlertSource
from kithkin.prevention.policies import can_send_alerts

router = Router(tags=["alerts"])


class AlertIn(Schema):
    idempotency_key: str | None = Field(None, max_length=100,
                                        description="Your own id for this alert (or the Idempotency-Key header)")
    kind: str = Field(description="What happened: one of " + ", ".join(AlertKind.values))
    source: str = Field(description="Who is telling us: one of "
                        + ", ".join(v for v in AlertSource.values if v != AlertSource.STAFF))
    source_name: str | None = Field(None, description="Your name, for example Wickfield Surgery")
    occurred_at: str = Field(description="When it happened, ISO 8601 with a time zone, not in the future")
    nhs_number: str | None = Field(None, description="10 digits; or give the name, date of birth and postcode")
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: str | None = Field(None, description="YYYY-MM-DD")
    postcode: str | None = None
    details: str | None = Field(None, description="What we should know, up to 5,000 characters")


class AlertReceipt(Schema):
    id: int
    idempotency_key: str
    received_at: datetime
    resent: bool


def _key(request, payload: AlertIn) -> str:
    key = (request.headers.get("Idempotency-Key") or payload.idempotency_key or "").strip()
    if not key:
        raise HttpError(400, "Give each alert a key of your own (idempotency_key, or the Idempotency-Key "
                             "header), so that sending it twice never makes two")
    if len(key) > 100:
        raise HttpError(400, "The idempotency key is longer than 100 characters")
    if not key.isprintable():
        raise HttpError(400, "The idempotency key may hold only printable characters")
    return key


@router.post("/alerts", response={200: AlertReceipt, 201: AlertReceipt},
             summary="Tell us something has happened to someone (idempotent)",
             description="201: a new alert. 200: a resend of one we have (the same key and the same alert). "
                         "400: bad input, with a problem body naming each field. 401: no or a bad token. "
                         "403: this account may not send alerts. 409: the key was used for a different alert. "
                         "The answer never says whether we know the person.",
             openapi_extra={"parameters": [{
                 "in": "header", "name": "Idempotency-Key", "required": False, "schema": {"type": "string"},
                 "description": "Your own id for this alert, if not given as idempotency_key in the body"}]})
def send_alert(request, payload: AlertIn):
    if not can_send_alerts(request.auth_user):
        raise PermissionDenied("This account may not send alerts")
    key = _key(request, payload)
    # The page's form checks it, so the API and the page give the same answers; dates stay text until then.
    form = AlertForm(data={k: v for k, v in payload.dict(exclude={"idempotency_key"}).items() if v is not None})
    if not form.is_valid():
        raise FormInvalid(form)
    data = form.cleaned_data
    if data["source"] == AlertSource.STAFF:
        raise HttpError(400, "staff is for alerts our own staff raise on a page: say which kind of partner you are")
    alert, resent = actions.receive_alert(data, key, Auditor.for_request(request, channel="api"))
    receipt = {"id": alert.pk, "idempotency_key": alert.idempotency_key, "received_at": alert.received_at,
               "resent": resent}
    return Status(200 if resent else 201, receipt)



@router.api_operation(["GET", "PUT", "PATCH", "DELETE"], "/alerts", include_in_schema=False)
def other_methods(request):
    """Alerts are only ever sent (POST): say so as a problem body, like every other API answer."""
    raise HttpError(405, "Alerts are sent with POST; they cannot be read or changed here")
