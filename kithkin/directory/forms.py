"""The public search form: what you are looking for, where, and a few plain filters."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from kithkin.core.geo import locate
from kithkin.core.validators import normalise_postcode
from kithkin.directory.models import Language, TaxonomyTerm
from kithkin.directory.queries import DAYS
from kithkin.directory.versions import while_the_directory_is_unchanged

SORTS = [("relevance", "Best match"), ("distance", "Nearest first")]
WITHIN = [("", "Any distance"), ("1", "1 km"), ("3", "3 km"), ("5", "5 km"), ("10", "10 km"), ("20", "20 km")]


def _categories() -> list[tuple[str, str]]:
    terms = TaxonomyTerm.objects.exclude(id__startswith="other").order_by("id").values_list("id", "name", "parent_id")
    return [("", "Any kind of support")] + [(i, f"– {n}" if p else n) for i, n, p in terms]


def _languages() -> list[tuple[str, str]]:
    names = Language.objects.exclude(name=None).exclude(name="English").values_list("name", flat=True).distinct()
    return [("", "Any language")] + [(n, n) for n in sorted(set(names))]


def category_choices() -> list[tuple[str, str]]:
    return while_the_directory_is_unchanged("categories", _categories)


def language_choices() -> list[tuple[str, str]]:
    return while_the_directory_is_unchanged("languages-offered", _languages)


class FindSupportForm(forms.Form):
    q = forms.CharField(label="What are you looking for?", required=False, max_length=200,
                        help_text="In your own words, for example “someone to help with the garden”")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10,
                               help_text="To show what is near you, for example FN1 1AD",
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code",
                                                             "class": "govuk-input--width-10"}))
    sort = forms.ChoiceField(label="Order", choices=SORTS, required=False)
    within = forms.ChoiceField(label="Distance", choices=WITHIN, required=False)
    category = forms.ChoiceField(label="Kind of support", required=False)
    free = forms.BooleanField(label="Free only", required=False)
    day = forms.ChoiceField(label="Day", required=False, choices=[("", "Any day"), *DAYS.items()])
    time = forms.ChoiceField(label="Time of day", required=False,
                             choices=[("", "Any time"), ("morning", "Morning (before 12)"),
                                      ("afternoon", "Afternoon (12 to 5pm)"), ("evening", "Evening (after 5pm)")])
    age = forms.IntegerField(label="Age of the person it is for", required=False, min_value=0, max_value=120,
                             widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
                             error_messages={"invalid": "Enter an age in years, like 72",
                                             "min_value": "Enter an age of 0 or more",
                                             "max_value": "Enter an age of 120 or less"})
    accessible = forms.BooleanField(label="Only places that say how to get in (steps, toilets, parking)",
                                    required=False)
    language = forms.ChoiceField(label="Language spoken", required=False)
    view = forms.ChoiceField(choices=[("list", "List"), ("map", "Map")], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.fields["language"].choices = language_choices()
        self.origin = None

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        try:
            value = normalise_postcode(value)
        except ValidationError:
            raise ValidationError("Enter a real postcode, like FN1 1AD") from None
        self.origin = locate(value)
        if self.origin is None:
            raise ValidationError(f"We cannot find {value}. This directory covers {settings.COUNCIL_NAME}'s area: "
                                  "check the postcode, or try one nearby")
        return value

    def clean(self):
        data = super().clean()
        if data.get("sort") == "distance" and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter a postcode to see what is nearest")
        if data.get("within") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter a postcode to search within a distance")
        return data
