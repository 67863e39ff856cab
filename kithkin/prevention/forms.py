"""One form for an alert, used by the partner API and by staff raising one from a page."""

import re
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kithkin.core.fields import EARLIEST_YEAR, DateField
from kithkin.core.validators import normalise_nhs_number, normalise_postcode
from kithkin.prevention.models import AlertKind, AlertSource

# Clocks differ a little between systems; an alert from further in the future than this is a mistake.
CLOCK_SLACK = timedelta(minutes=5)


class AlertForm(forms.Form):
    kind = forms.ChoiceField(label="What happened", choices=AlertKind.choices,
                             error_messages={"required": "Say what happened",
                                             "invalid_choice": "%(value)s is not a kind of alert we know: use one "
                                                               "of " + ", ".join(AlertKind.values)})
    source = forms.ChoiceField(label="Who is telling us", choices=AlertSource.choices,
                               error_messages={"required": "Say who is telling us",
                                               "invalid_choice": "%(value)s is not a source we know: use one of "
                                                                 + ", ".join(AlertSource.values)})
    source_name = forms.CharField(label="Their name", max_length=200, required=False,
                                  help_text="For example, Wickfield Surgery")
    occurred_at = forms.DateTimeField(label="When it happened",
                                      error_messages={"required": "Say when it happened",
                                                      "invalid": "Give the time as an ISO 8601 date and time, "
                                                                 "like 2026-11-23T14:30:00Z"})
    nhs_number = forms.CharField(label="NHS number", max_length=20, required=False)
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = forms.DateField(label="Date of birth", required=False,
                                    error_messages={"invalid": "Give the date of birth like 1942-03-07"})
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    details = forms.CharField(label="What we should know", max_length=5000, required=False, widget=forms.Textarea)

    def clean_nhs_number(self):
        value = self.cleaned_data.get("nhs_number", "")
        return normalise_nhs_number(value) if value.strip() else ""

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        return normalise_postcode(value) if value.strip() else ""

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        raw = str(self.data.get("occurred_at", "")).strip()
        if not re.search(r"(Z|[+-]\d\d:?\d\d)$", raw, re.IGNORECASE):
            raise ValidationError("Give the time with its time zone, like 2026-11-23T14:30:00Z or +00:00")
        if value > timezone.now() + CLOCK_SLACK:
            raise ValidationError("When it happened cannot be in the future")
        if value.year < EARLIEST_YEAR + 1:  # a year after, so no time zone can carry it back before 1900
            raise ValidationError(f"When it happened must be after {EARLIEST_YEAR}")
        return value

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise ValidationError("The date of birth cannot be in the future")
        if value and value.year < EARLIEST_YEAR:
            raise ValidationError(f"The date of birth must be from {EARLIEST_YEAR} on")
        return value

    def clean(self):
        data = super().clean()
        named = all(data.get(k) for k in ("given_name", "family_name", "date_of_birth", "postcode"))
        if not data.get("nhs_number") and not named and not self.errors.keys() & {"nhs_number", "postcode",
                                                                                   "date_of_birth"}:
            # On the NHS number box, so the error summary's link goes somewhere.
            self.add_error("nhs_number", "Say who it is about: an NHS number, or their name, date of birth "
                                         "and postcode")
        return data


class StaffAlertForm(AlertForm):
    """The same alert, raised by a member of staff from a page: GOV.UK date inputs, and a key made when
    the page is shown so that pressing the button twice still makes one alert."""

    occurred_at = None
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    occurred_on = DateField(label="The day it happened", past_only=True,
                            error_messages={"required": "Give the day it happened"})
    occurred_time = forms.CharField(label="Time", required=False, max_length=5,
                                    help_text="For example, 14:30",
                                    widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}))
    date_of_birth = DateField(label="Date of birth", past_only=True, required=False,
                              help_text="For example, 7 3 1942")

    field_order = ["kind", "source", "source_name", "occurred_on", "occurred_time", "nhs_number", "given_name",
                   "family_name", "date_of_birth", "postcode", "details"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].initial = AlertSource.STAFF
        self.fields["kind"].widget = forms.RadioSelect(choices=AlertKind.choices)
        self.fields["nhs_number"].help_text = "If you know it. Otherwise give their name, date of birth and postcode"

    def clean_occurred_time(self):
        text = self.cleaned_data.get("occurred_time", "").strip()
        if not text:
            return None
        try:
            return datetime.strptime(text.replace(".", ":"), "%H:%M").time()
        except ValueError:
            raise ValidationError("Enter a time like 14:30") from None

    def clean(self):
        data = super().clean()
        day, at = data.get("occurred_on"), data.get("occurred_time")
        if day:
            now = timezone.localtime()
            moment = datetime.combine(day, at) if at else (now.replace(tzinfo=None) if day == now.date()
                                                           else datetime.combine(day, datetime.min.time()))
            data["occurred_at"] = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
            if data["occurred_at"] > timezone.now() + CLOCK_SLACK:
                self.add_error("occurred_time", "The time cannot be in the future")
        return data

    def alert_data(self) -> dict:
        names = [n for n in AlertForm.base_fields if n != "occurred_at"] + ["occurred_at"]
        return {name: self.cleaned_data.get(name) for name in names}
