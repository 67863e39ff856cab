"""One form for an alert, used by the partner API and by staff raising one from a page."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

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
        if value > timezone.now() + CLOCK_SLACK:
            raise ValidationError("When it happened cannot be in the future")
        return value

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise ValidationError("The date of birth cannot be in the future")
        return value

    def clean(self):
        data = super().clean()
        named = all(data.get(k) for k in ("given_name", "family_name", "date_of_birth", "postcode"))
        if not data.get("nhs_number") and not named and not self.errors.keys() & {"nhs_number", "postcode",
                                                                                   "date_of_birth"}:
            raise ValidationError("Say who it is about: an NHS number, or their name, date of birth and postcode")
        return data
