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
from kithkin.prevention.policies import can_send_alerts

router = Router(tags=["alerts"])


class AlertIn(Schema):
    idempotency_key: str | None = Field(None, max_length=100,
                                        description="Your own id for this alert (or the Idempotency-Key header)")
    kind: str
    source: str
    source_name: str | None = None
    occurred_at: str
    nhs_number: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: str | None = None
    postcode: str | None = None
    details: str | None = None


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
             summary="Tell us something has happened to someone (idempotent)")
def send_alert(request, payload: AlertIn):
    if not can_send_alerts(request.auth_user):
        raise PermissionDenied("This account may not send alerts")
    key = _key(request, payload)
    # The page's form checks it, so the API and the page give the same answers; dates stay text until then.
    form = AlertForm(data={k: v for k, v in payload.dict(exclude={"idempotency_key"}).items() if v is not None})
    if not form.is_valid():
        raise FormInvalid(form)
    data = form.cleaned_data
    alert, resent = actions.receive_alert(data, key, Auditor.for_request(request, channel="api"))
    receipt = {"id": alert.pk, "idempotency_key": alert.idempotency_key, "received_at": alert.received_at,
               "resent": resent}
    return Status(200 if resent else 201, receipt)

