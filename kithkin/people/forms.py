"""Forms for a person's record and their circle. Labels speak to the worker in plain words."""

from django import forms

from kithkin.core.fields import DateField
from kithkin.core.validators import normalise_nhs_number, normalise_phone, normalise_postcode
from kithkin.people.models import CircleMember, Person

TEXTAREA = forms.Textarea(attrs={"rows": 3})


POSTCODE = forms.CharField(label="Postcode", max_length=20, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "class": "govuk-input--width-10"}))


class PersonForm(forms.ModelForm):
    postcode = POSTCODE
    date_of_birth = DateField(label="Date of birth", required=False, past_only=True,
                              help_text="For example, 27 3 1948")
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=14,
                                 help_text="10 digits. Leave blank if they do not know it",
                                 widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}))

    class Meta:
        model = Person
        fields = [
            "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number",
            "address_line_1", "address_line_2", "town", "postcode", "phone", "email",
            "languages", "communication_needs", "living_situation",
            "what_matters", "strengths", "interests", "good_life",
            "consent_to_record", "share_with_gp", "share_with_family", "share_with_providers", "sharing_notes",
        ]
        labels = {
            "given_name": "First name",
            "family_name": "Last name",
            "preferred_name": "What they like to be called",
            "address_line_1": "Address line 1",
            "address_line_2": "Address line 2",
            "town": "Town or village",
            "communication_needs": "Anything that helps with communication",
            "what_matters": "What matters to them",
            "strengths": "Their strengths",
            "interests": "What they enjoy",
            "good_life": "What a good life looks like to them",
            "consent_to_record": "They agree to us keeping this record",
            "share_with_gp": "We may share with their GP",
            "share_with_family": "We may share with family named in their circle",
            "share_with_providers": "We may share with people who support them",
            "sharing_notes": "Anything else about who may know what",
        }
        error_messages = {
            "given_name": {"required": "Enter their first name"},
            "family_name": {"required": "Enter their last name"},
        }
        widgets = {
            "what_matters": TEXTAREA, "strengths": TEXTAREA, "interests": TEXTAREA, "good_life": TEXTAREA,
            "communication_needs": TEXTAREA, "sharing_notes": TEXTAREA,
            "living_situation": forms.RadioSelect,
        }

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        return normalise_postcode(value) if value.strip() else ""

    def clean_nhs_number(self):
        value = self.cleaned_data.get("nhs_number", "")
        if not value.strip():
            return None
        number = normalise_nhs_number(value)
        clash = Person.objects.filter(nhs_number=number).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Someone else already has this NHS number: check it, or find their record")
        return number

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone", ""))


class CircleMemberForm(forms.ModelForm):
    class Meta:
        model = CircleMember
        fields = ["name", "connection", "relationship", "closeness", "is_unpaid_carer", "phone", "email",
                  "how_to_reach", "happy_to_help_with"]
        labels = {
            "name": "Their name",
            "connection": "How are they connected?",
            "relationship": "Relationship, in the person's words",
            "closeness": "How close are they?",
            "is_unpaid_carer": "They give unpaid care or support",
            "how_to_reach": "Best way and time to reach them",
            "happy_to_help_with": "What they are happy to help with",
        }
        help_texts = {"relationship": "For example: daughter, neighbour at number 4, old workmate"}
        error_messages = {
            "name": {"required": "Enter their name"},
            "connection": {"required": "Select how they are connected"},
            "closeness": {"required": "Select how close they are"},
        }
        widgets = {
            "connection": forms.RadioSelect,
            "closeness": forms.RadioSelect,
            "happy_to_help_with": TEXTAREA,
        }

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone", ""))
