"""The contingency plan's forms, in the words of the person and their family."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kithkin.core.fields import DateField
from kithkin.core.models import User
from kithkin.core.validators import normalise_phone
from kithkin.prevention.models import AlertKind, ContingencyPlan, PlanAction, PlanContact, PlanPart

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class PlanForm(forms.ModelForm):
    review_on = DateField(label="When to look at the plan again", help_text="For example, 1 6 2027",
                          error_messages={"required": "Give a date to look at the plan again"})

    class Meta:
        model = ContingencyPlan
        fields = ["made_with", "what_matters_most", "what_helps", "what_upsets", "named_worker", "review_on"]
        labels = {"made_with": "Who made the plan together",
                  "what_matters_most": "What matters most, in their words",
                  "what_helps": "What helps: what calms them, what they like",
                  "what_upsets": "What upsets them, what to avoid",
                  "named_worker": "The worker told at once if the plan is set off"}
        error_messages = {"made_with": {"required": "Say who made the plan together"},
                          "what_matters_most": {"required": "Write down what matters most to them"},
                          "named_worker": {"required": "Choose the worker to tell"}}
        widgets = {"what_matters_most": TEXTAREA, "what_helps": TEXTAREA, "what_upsets": TEXTAREA}

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        workers = User.objects.filter(is_active=True, team=team) if team else User.objects.none()
        self.fields["named_worker"].queryset = workers.order_by("first_name", "last_name")
        self.fields["named_worker"].label_from_instance = lambda u: u.display_name
        self.fields["named_worker"].empty_label = "Choose a worker"

    def clean_review_on(self):
        value = self.cleaned_data["review_on"]
        if value is not None and value <= timezone.localdate():
            raise ValidationError("The date to look at the plan again must be in the future")
        if value is not None and value > timezone.localdate() + timedelta(days=2 * 366):
            raise ValidationError("Look at the plan again within two years: things change")
        return value


class TriggerForm(forms.Form):
    kind = forms.ChoiceField(label="What happens", choices=AlertKind.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Choose what would set it off"})
    about = forms.TypedChoiceField(label="Who would it happen to", coerce=int,
                                   error_messages={"required": "Choose who it would happen to"})
    part = forms.ChoiceField(label="Which part of the plan", choices=PlanPart.choices, widget=forms.RadioSelect,
                             initial=PlanPart.CRISIS)
    description = forms.CharField(label="In words", max_length=300,
                                  help_text="For example: Arthur goes into hospital",
                                  error_messages={"required": "Say it in words"})

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [(p.pk, p.full_name) for p in people]


class ActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["part", "who", "what", "within_hours"]
        labels = {"part": "Which part of the plan", "who": "Who", "what": "Does what",
                  "within_hours": "Within how many hours"}
        widgets = {"part": forms.RadioSelect, "within_hours": forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input--width-3"})}
        error_messages = {"who": {"required": "Say who"}, "what": {"required": "Say what they do"},
                          "within_hours": {"required": "Say within how many hours",
                                           "invalid": "Enter the number of hours as a whole number, like 4",
                                           "min_value": "Enter a number of hours from 0",
                                           "max_value": "Enter at most 2,160 hours (90 days)"}}


class ContactForm(forms.ModelForm):
    class Meta:
        model = PlanContact
        fields = ["name", "relationship", "phone"]
        labels = {"name": "Name", "relationship": "Who they are to them", "phone": "Phone number"}
        error_messages = {"name": {"required": "Enter their name"}}

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone", ""))
