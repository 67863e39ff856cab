"""Forms for the carers register and for what a person wants and needs, in plain words."""

import re

from django import forms
from django.core.validators import MaxValueValidator

from kithkin.core.fields import DateField, RecordsChoiceField
from kithkin.core.validators import normalise_phone
from kithkin.matching.actions import home_base  # the action checks it again; here it joins the other errors
from kithkin.matching.clock import minutes_of_day
from kithkin.matching.models import WEEKDAYS, Carer, Household, Preferences, Skill, TwoCarers, VisitPattern
from kithkin.matching.models.needs import MOST_MINUTES

TIME = forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5", "inputmode": "numeric"})
DAYS = [(str(i), d) for i, d in enumerate(WEEKDAYS)]


class CarerForm(forms.ModelForm):
    skills = forms.MultipleChoiceField(label="What they can do", choices=Skill.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    dbs_checked_on = DateField(label="Date of their last enhanced DBS check", required=False,
                               past_only=True, help_text="For example, 14 3 2025")

    class Meta:
        model = Carer
        fields = ["given_name", "family_name", "kind", "organisation", "gender", "phone", "email", "postcode",
                  "travel_mode", "covers", "skills", "languages", "interests", "smokes", "fine_with_pets",
                  "dbs_checked_on", "training"]
        labels = {"given_name": "First name", "family_name": "Last name", "kind": "How they work",
                  "organisation": "Agency or business name", "postcode": "Postcode of their home base",
                  "travel_mode": "How they get about", "covers": "Postcode districts they work in",
                  "languages": "Languages they speak", "interests": "What they enjoy",
                  "smokes": "They smoke", "fine_with_pets": "Happy to work in homes with pets",
                  "training": "Training"}
        help_texts = {"languages": "Separate them with commas, for example English, Polish"}
        widgets = {"kind": forms.RadioSelect, "gender": forms.RadioSelect, "travel_mode": forms.RadioSelect,
                   "training": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"given_name": {"required": "Enter their first name"},
                          "family_name": {"required": "Enter their last name"},
                          "kind": {"required": "Choose how they work"},
                          "postcode": {"required": "Enter the postcode they start from",
                                       "max_length": "Enter a real postcode, like FN1 1AD"},
                          "languages": {"required": "Say which languages they speak"},
                          "phone": {"max_length": "Enter a phone number, like 01632 960 123"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [("", "Not recorded"), *self.fields["gender"].choices[1:]]

    def clean_postcode(self):
        return home_base(self.cleaned_data.get("postcode", ""))[0]

    def clean_covers(self):
        districts = self.cleaned_data.get("covers", "").upper().replace(",", " ").split()
        wrong = [d for d in districts if not re.fullmatch(r"[A-Z]{1,2}[0-9][A-Z0-9]?", d)]
        if wrong:
            raise forms.ValidationError(f"{wrong[0]} is not a postcode district: write them like FN1 FN3")
        return " ".join(dict.fromkeys(districts))


    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone", ""))


class AvailabilityForm(forms.Form):
    """Up to two stretches a day (a morning and an evening round): from and until, blank if not working."""

    STRETCHES = ("", " (second stretch)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, day in DAYS:
            for k, which in enumerate(self.STRETCHES):
                self.fields[f"starts_{i}_{k}"] = forms.TimeField(label=f"{day}{which}: from", required=False,
                                                                 widget=TIME)
                self.fields[f"ends_{i}_{k}"] = forms.TimeField(label=f"{day}{which}: until", required=False,
                                                               widget=TIME)

    @classmethod
    def initial_for(cls, availability) -> dict:
        initial, used = {}, {}
        for a in availability:
            k = used.get(a.weekday, 0)
            if k < len(cls.STRETCHES):
                initial[f"starts_{a.weekday}_{k}"], initial[f"ends_{a.weekday}_{k}"] = a.starts, a.ends
                used[a.weekday] = k + 1
        return initial

    def clean(self):
        data = super().clean()
        self.stretches = []
        for i, day in DAYS:
            for k in range(len(self.STRETCHES)):
                starts, ends = data.get(f"starts_{i}_{k}"), data.get(f"ends_{i}_{k}")
                if (starts is None) != (ends is None):
                    self.add_error(f"starts_{i}_{k}" if starts is None else f"ends_{i}_{k}",
                                   f"{day}: give both times, or neither")
                elif starts and ends and ends <= starts:
                    self.add_error(f"ends_{i}_{k}", f"{day}: the end must be after the start")
                elif starts and ends:
                    self.stretches.append((int(i), starts, ends))
        by_day: dict[int, list] = {}
        for day, starts, ends in self.stretches:
            by_day.setdefault(day, []).append((starts, ends))
        for day, stretches in by_day.items():
            (a1, b1), *rest = sorted(stretches)
            if rest and rest[0][0] < b1:
                self.add_error(f"starts_{day}_1", f"{DAYS[day][1]}: the two stretches overlap")
        return data


MOST_ROOMS = 10
MOST_GAP = 240  # minutes between two carers one after the other: longer is two visits


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["rooms", "pets", "smoking", "faith", "step_free", "enjoys"]
        labels = {"rooms": "Rooms for someone to live in", "pets": "Pets", "faith": "Faith",
                  "step_free": "Step-free", "enjoys": "What the household enjoys doing together"}
        widgets = {"rooms": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
                   "enjoys": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The database's small integer differs by engine (SQLite has no limit, PostgreSQL 32,767): a household
        # has a few rooms to offer, so say so, the same on both.
        self.fields["rooms"].max_value = MOST_ROOMS
        self.fields["rooms"].validators.append(MaxValueValidator(MOST_ROOMS))


class PreferencesForm(forms.ModelForm):
    not_wanted = RecordsChoiceField(label="People they do not want to support them", required=False,
                                                queryset=Carer.objects.filter(is_active=True),
                                                widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Preferences
        fields = ["carer_gender", "language", "pets_at_home", "no_smokers", "faith", "wants_shared_lives", "notes"]
        labels = {"carer_gender": "Do they want carers of one gender?", "language": "A language carers must speak",
                  "pets_at_home": "Pets at home", "notes": "Anything else about who supports them"}
        widgets = {"carer_gender": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer_gender"].choices = [("", "No preference"), *self.fields["carer_gender"].choices[1:]]
        self.fields["not_wanted"].label_from_instance = lambda c: f"{c.full_name} ({c.get_kind_display().lower()}, " \
                                                                  f"{c.postcode.split()[0]})"


class VisitPatternForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(label="Which days", choices=DAYS, coerce=int,
                                              widget=forms.CheckboxSelectMultiple,
                                              error_messages={"required": "Choose the days of the week"})

    class Meta:
        model = VisitPattern
        fields = ["skill", "weekdays", "earliest", "latest", "minutes", "carers_needed", "two_carers", "gap_minutes",
                  "notes"]
        labels = {"skill": "What the visit is for", "earliest": "Start no earlier than",
                  "latest": "Start no later than", "minutes": "How long, in minutes",
                  "carers_needed": "How many carers", "two_carers": "If two: how they come",
                  "gap_minutes": "If one after the other: minutes between them", "notes": "Anything to know"}
        widgets = {"skill": forms.RadioSelect, "earliest": TIME, "latest": TIME, "two_carers": forms.RadioSelect,
                   "minutes": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
                   "gap_minutes": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"})}
        error_messages = {"skill": {"required": "Choose what the visit is for"},
                          "minutes": {"required": "Enter how long the visit takes",
                                      "min_value": "A visit takes at least 5 minutes",
                                      "max_value": "A visit takes at most 12 hours",
                                      "invalid": "Enter the minutes as a whole number, like 45"},
                          "earliest": {"required": "Enter the earliest start, for example 07:30",
                                       "invalid": "Enter the earliest start as a time, like 07:30"},
                          "latest": {"required": "Enter the latest start, for example 09:00",
                                     "invalid": "Enter the latest start as a time, like 09:00"}}

    carers_needed = forms.TypedChoiceField(label="How many carers", choices=[(1, "One"), (2, "Two")], coerce=int,
                                           initial=1, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["two_carers"].choices = TwoCarers.choices
        self.fields["two_carers"].error_messages["invalid_choice"] = (
            "Choose whether the two carers come together or one after the other")
        self.fields["gap_minutes"].required = False
        self.fields["gap_minutes"].error_messages["invalid"] = (
            "Enter the minutes between them as a whole number, like 15")
        self.fields["gap_minutes"].validators.append(MaxValueValidator(MOST_GAP))

    def clean(self):
        data = super().clean()
        if data.get("earliest") and data.get("latest") and data["latest"] < data["earliest"]:
            self.add_error("latest", "The latest start must be the same as or after the earliest")
        data["gap_minutes"] = data.get("gap_minutes") or 0
        self._ends_by_midnight(data)
        return data

    def _ends_by_midnight(self, data) -> None:
        """A roster plans each day on its own (carers' hours are within a day), so a visit that could run past
        midnight could never be planned: better said now than found unplanned every week."""
        latest, minutes = data.get("latest"), data.get("minutes")
        if not latest or not minutes or minutes > MOST_MINUTES:  # too long anyway: the field says so
            return
        last_start = minutes_of_day(latest)
        if last_start + minutes > 24 * 60:
            self.add_error("minutes", f"Starting as late as {latest:%H:%M}, the visit can last at most "
                                      f"{24 * 60 - last_start} minutes: a visit must end by midnight (a night "
                                      "sit is two visits: one until midnight, one from midnight)")
        elif (data.get("carers_needed") == 2 and data.get("two_carers") == TwoCarers.IN_ORDER
              and last_start + data["gap_minutes"] + minutes > 24 * 60):
            self.add_error("gap_minutes", f"With {data['gap_minutes']} minutes between them, the second carer's "
                                          "visit would end after midnight: a visit must end by midnight")
